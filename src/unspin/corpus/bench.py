"""``unspin corpus bench``: what the corpus run costs (printed, not asserted).

1. Words/s with 1 and with 2 local workers on the same articles (default: the PTC test articles under the
   data home), once the workers have started and loaded the models, and the ratio (target ≥ 1.7 on 2
   cores); the largest worker's peak memory.
2. Memory over a long run: ``memory_articles`` articles, made by repeating the set with a copy number in
   each (so each is new), on 2 workers; the largest worker's memory after the first batch and after each
   quarter of the run.
3. A statistics query (all the standard questions) over a synthetic corpus of ``stats_rows`` chain,
   technique and quotation rows (target ≤ 1 s).
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from .run import run_corpus
from .stats import corpus_stats

__all__ = ["run_corpus_bench"]


def _articles(folder: Path, limit: int | None) -> list[Path]:
    paths = sorted(p for p in folder.glob("*") if p.suffix.lower() in (".txt", ".md", ".html"))
    return paths[:limit] if limit else paths


def _synthetic(out: Path, rows: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .tables import KEYS, TABLES

    out.mkdir(parents=True)
    (out / "manifest.json").write_text('{"pipeline": []}', encoding="utf-8")
    docs = max(1, rows // 20)
    for table in TABLES:
        n = docs if table == "documents" else rows
        base = {
            "sha256": [f"{i % docs:064d}" for i in range(n)],
            "doc_id": [f"d{i % docs}" for i in range(n)],
        }
        data: dict[str, Any] = {**base}
        for c in TABLES[table]:
            if c in ("start", "end", "words", "steps", "mentions"):
                data[c] = [i % 997 + (1 if c == "end" else 0) for i in range(n)]
            elif c in ("score", "strength", "checkworthy", "value"):
                data[c] = [(i % 100) / 100 for i in range(n)]
            elif c in ("phrase", "negated"):
                data[c] = [False] * n
            else:
                data[c] = [f"{c} {i % 50}" for i in range(n)]
        for outlet in ("A", "B"):
            target = out / "batches" / "b0" / table / f"outlet={outlet}" / "month=2024-05"
            target.mkdir(parents=True)
            half = {k: v[: n // 2] if outlet == "A" else v[n // 2 :] for k, v in data.items() if k not in KEYS[2:]}
            pq.write_table(pa.table(half), target / "part-0.parquet")


def run_corpus_bench(
    articles: Path, limit: int | None = None, memory_articles: int = 1000, stats_rows: int = 100_000
) -> dict[str, Any]:
    """Every figure of the benchmark (see the module docstring)."""
    paths = _articles(articles, limit)
    figures: dict[str, Any] = {"articles": len(paths)}
    with tempfile.TemporaryDirectory(prefix="unspin-corpus-bench-") as tmp:
        root = Path(tmp)
        for workers in (1, 2):
            s = run_corpus(
                [str(p) for p in paths], root / f"w{workers}", workers=workers, batch_size=5, sample_memory=True
            )
            # analysis time: after the workers have started and loaded the models (a long run's steady state)
            figures[f"words/s, {workers} worker(s)"] = round(s.words / (s.seconds - s.warmup_seconds), 1)
            figures[f"peak worker memory MB, {workers} worker(s)"] = round(max(m for _, m in s.memory), 1)
        figures["ratio 2/1"] = round(figures["words/s, 2 worker(s)"] / figures["words/s, 1 worker(s)"], 2)
        if memory_articles:
            texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
            corpus = root / "long.jsonl"
            with corpus.open("w", encoding="utf-8") as fh:
                for n in range(memory_articles):
                    fh.write(json.dumps({"id": f"a{n}", "text": f"{texts[n % len(texts)]}\n\n(copy {n})"}) + "\n")
            s = run_corpus([str(corpus)], root / "long", workers=2, batch_size=10, sample_memory=True)
            figures["long run articles"] = s.analysed
            figures["worker memory MB after the first batch"] = round(s.memory[0][1], 1)
            for quarter in (1, 2, 3, 4):  # does it level off? the largest worker after each quarter of the run
                done = next(m for n, m in s.memory if n >= s.analysed * quarter / 4)
                figures[f"worker memory MB after {quarter * 25}% of the run"] = round(done, 1)
        _synthetic(root / "synthetic", stats_rows)
        started = time.perf_counter()
        corpus_stats(root / "synthetic", by="outlet")
        figures[f"stats over {stats_rows:,} rows, s"] = round(time.perf_counter() - started, 3)
    return figures
