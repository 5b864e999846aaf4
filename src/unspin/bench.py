"""Benchmark of the whole pipeline: words/s, seconds per article, peak RSS.

Inputs are read into memory first, so only analysis is timed.  The model is
loaded and warmed on the first article before the clock starts ("warm"
figures, as the project's speed targets are).  Two passes are timed:

* **corpus**: all articles streamed through ``analyze_many`` in batches
  (throughput, words/s);
* **one by one**: each article alone through the pipeline (latency; the
  seconds for a 1,000-word article are the median seconds per word × 1,000),
  timing each component as it runs: ``layer_seconds_per_1000_words`` is a
  component's total time over the total words × 1,000 (the per-layer speed
  targets of the issues are checked against it).

Peak RSS is the process's high-water mark (``ru_maxrss``), which includes
the interpreter, spaCy and its model.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .api import analyze_many, load_pipeline
from .data_home import corpus_path
from .document import Document
from .errors import ConfigError
from .ingest import Loaded, ReadOptions, iter_documents, plan_inputs

__all__ = ["BenchResult", "default_bench_path", "run_bench"]


def default_bench_path() -> Path:
    """PTC's test articles when the data home holds them, else the example."""
    ptc_test = corpus_path("ptc", "test", "articles")
    if ptc_test.is_dir():
        return ptc_test
    from .examples import example_path

    return example_path()


@dataclass
class BenchResult:
    path: str
    articles: int
    words: int
    load_seconds: float
    corpus_seconds: float
    words_per_second: float
    seconds_per_article: float
    median_article_seconds: float
    seconds_per_1000_words: float
    peak_rss_mb: float
    failed: int
    pipeline: list[str]
    layer_seconds_per_1000_words: dict[str, float]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def run_bench(
    paths: Sequence[str],
    limit: int | None = None,
    batch_size: int = 16,
    fast: bool = False,
    parse_processes: int = 1,
) -> BenchResult:
    docs: list[Document] = []
    for loaded in iter_documents(plan_inputs(paths), ReadOptions()):
        if isinstance(loaded, Loaded) and isinstance(loaded.result, Document):
            docs.append(loaded.result)
        if limit and len(docs) >= limit:
            break
    if not docs:
        raise ConfigError(f"no readable articles in {', '.join(paths)}", "give a folder of .txt/.md/.html files")

    t0 = time.perf_counter()
    pipeline = load_pipeline(fast=fast, parse_processes=parse_processes)
    pipeline(docs[0].copy())  # loads and warms the model
    load_seconds = time.perf_counter() - t0

    failed = 0
    t0 = time.perf_counter()
    for _, err in analyze_many([d.copy() for d in docs], pipeline, batch_size=batch_size):
        failed += err is not None
    corpus_seconds = time.perf_counter() - t0

    per_article: list[float] = []
    per_word: list[float] = []
    layer_time = dict.fromkeys(pipeline.names, 0.0)
    for d in docs:
        fresh = d.copy()
        dt = 0.0
        for comp in pipeline.components:
            t = time.perf_counter()
            comp(fresh)
            spent = time.perf_counter() - t
            layer_time[comp.name] += spent
            dt += spent
        fresh.artifacts.clear()
        per_article.append(dt)
        per_word.append(dt / max(1, d.word_count))
    words = sum(d.word_count for d in docs)
    return BenchResult(
        path=", ".join(paths),
        articles=len(docs),
        words=words,
        load_seconds=round(load_seconds, 3),
        corpus_seconds=round(corpus_seconds, 3),
        words_per_second=round(words / corpus_seconds, 1) if corpus_seconds else 0.0,
        seconds_per_article=round(sum(per_article) / len(per_article), 4),
        median_article_seconds=round(statistics.median(per_article), 4),
        seconds_per_1000_words=round(statistics.median(per_word) * 1000, 4),
        peak_rss_mb=round(_peak_rss_mb(), 1),
        failed=failed,
        pipeline=pipeline.names,
        layer_seconds_per_1000_words={k: round(v / max(1, words) * 1000, 4) for k, v in layer_time.items()},
    )
