"""How cost grows with article length (``unspin bench-length``): seconds and peak memory for one article of
each size, up to the 5 MB limit.

Each article is built from real articles (default: the PTC test articles under the data home), their
paragraphs repeated in order until the size is reached, or, with ``shape="lines"``, from short one-line
paragraphs (the shape that once took 8.5 GB at 0.7 MB).  Each size runs in a fresh process that loads and
warms the pipeline on a short text first, then analyses the article once and builds its report; the
process's peak RSS is its own high-water mark, so sizes do not inherit each other's memory.  The figure to
watch is the seconds per 1,000 words relative to the smallest size: 1.0 is linear time (target ≤ 1.2 from
10 KB to 5 MB), and the slowest layers at each size show where any growth comes from.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["build_article", "measure_one", "run_length_bench", "run_start_bench"]


def build_article(sources: Sequence[str], size: int, shape: str = "articles") -> str:
    """An article of about ``size`` UTF-8 bytes: the sources' paragraphs repeated in order (``articles``),
    or short lines of a few words each (``lines``)."""
    if shape == "lines":
        words = " ".join(sources).split() or ["word"]
        lines: list[str] = []
        total, k = 0, 0
        while total < size:
            line = " ".join(words[(k * 3 + j) % len(words)] for j in range(3))
            lines.append(line)
            total += len(line.encode("utf-8")) + 1
            k += 1
        return "\n".join(lines)
    if shape != "articles":
        raise ConfigError(f"unknown shape {shape!r}", "use articles or lines")
    paragraphs = [p.strip() for text in sources for p in text.split("\n\n") if p.strip()]
    if not paragraphs:
        raise ConfigError("the source articles have no text", "give a folder of .txt articles")
    out: list[str] = []
    total, k = 0, 0
    while total < size:
        para = paragraphs[k % len(paragraphs)]
        out.append(para)
        total += len(para.encode("utf-8")) + 2
        k += 1
    return "\n\n".join(out)


def measure_one(path: Path) -> dict[str, Any]:
    """Analyse the article at ``path`` once in this process, after a warm-up: seconds, words, peak RSS and
    the seconds of each layer."""
    import resource
    import time

    from .api import load_pipeline
    from .document import Document
    from .reports import build_report

    pipeline = load_pipeline()
    pipeline(Document("The council said the storm caused the flood on Monday.", id="warm-up"))
    doc = Document(path.read_text(encoding="utf-8"), id="long")
    layers: dict[str, float] = {}
    started = time.perf_counter()
    for comp in pipeline.components:
        t = time.perf_counter()
        comp(doc)
        layers[comp.name] = time.perf_counter() - t
    t = time.perf_counter()
    build_report(doc)
    layers["report"] = time.perf_counter() - t
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    return {"words": doc.word_count, "seconds": seconds, "peak_rss_mb": rss, "layers": layers}


def run_length_bench(
    sizes: Sequence[int], sources: Sequence[str], shape: str = "articles", timeout: float = 3600
) -> list[dict[str, Any]]:
    """One row per size: bytes, words, seconds, seconds per 1,000 words, that relative to the first size,
    peak RSS in MB and the three slowest layers.  A size that fails or runs past ``timeout`` seconds says so
    and ends the run (larger ones would too)."""
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="unspin-bench-length-") as tmp:
        for size in sizes:
            path = Path(tmp) / f"{size}.txt"
            path.write_text(build_article(sources, size, shape), encoding="utf-8")
            try:
                done = subprocess.run(
                    [sys.executable, "-m", "unspin.bench_length", str(path)],
                    capture_output=True,
                    text=True,
                    timeout=timeout,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                rows.append({"bytes": size, "error": f"not finished in {timeout:.0f} s"})
                break
            if done.returncode != 0:
                last = (done.stderr.strip().splitlines() or ["no output"])[-1]
                rows.append({"bytes": size, "error": f"exit {done.returncode}: {last}"})
                break
            got = json.loads(done.stdout.strip().splitlines()[-1])
            per_1000 = got["seconds"] / max(1, got["words"]) * 1000
            base = rows[0]["seconds_per_1000_words"] if rows and "seconds_per_1000_words" in rows[0] else per_1000
            slowest = sorted(got["layers"].items(), key=lambda kv: -kv[1])[:3]
            rows.append(
                {
                    "bytes": size,
                    "words": got["words"],
                    "seconds": round(got["seconds"], 2),
                    "seconds_per_1000_words": round(per_1000, 4),
                    "relative": round(per_1000 / base, 2),
                    "peak_rss_mb": round(got["peak_rss_mb"], 1),
                    "slowest_layers": {k: round(v, 2) for k, v in slowest},
                }
            )
    return rows


if __name__ == "__main__":  # one size, in its own process (see run_length_bench)
    print(json.dumps(measure_one(Path(sys.argv[1]))))


def _start_article() -> Path:
    """A PTC dev article of about 1,000 words when the data home holds PTC, else the bundled example."""
    from .data_home import corpus_path

    folder = corpus_path("ptc", "dev", "articles")
    best: tuple[int, Path] | None = None
    for path in sorted(folder.glob("article*.txt")) if folder.is_dir() else []:
        words = len(path.read_text(encoding="utf-8", errors="replace").split())
        if best is None or abs(words - 1000) < abs(best[0] - 1000):
            best = (words, path)
    if best is not None:
        return best[1]
    from .examples import example_path

    return example_path()


def run_start_bench(file: Path | None, runs: int) -> dict[str, Any]:
    """Wall seconds of ``unspin analyze FILE --format json`` and of ``unspin --help`` in fresh processes, ``runs``
    times each; the first run of each is left out of the median (it warms the disk cache)."""
    import statistics

    path = file or _start_article()
    try:
        words = len(path.read_text(encoding="utf-8", errors="replace").split())
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})", "give a readable article") from None
    out: dict[str, Any] = {"file": str(path), "words": words, "analyze": [], "help": []}
    with tempfile.TemporaryDirectory(prefix="unspin-start-") as tmp:
        unspin = [sys.executable, "-m", "unspin"]
        commands = {
            "analyze": [*unspin, "analyze", str(path), "--format", "json", "--out", tmp + "/r.json"],
            "help": [*unspin, "--help"],
        }
        for name, command in commands.items():
            for _ in range(runs):
                started = time.perf_counter()
                done = subprocess.run(command, capture_output=True, text=True, check=False)
                if done.returncode != 0:
                    why = done.stderr.strip()[-300:]
                    raise ConfigError(f"`{' '.join(command[2:])}` failed: {why}", "run it alone to see why")
                out[name].append(time.perf_counter() - started)
    out["analyze_median"] = statistics.median(out["analyze"][1:])
    out["help_median"] = statistics.median(out["help"][1:])
    return out
