"""Analyse a corpus on a Dask cluster into a Parquet dataset (``unspin corpus run``).

Inputs are streamed (folders, ``.jsonl`` line by line, Parquet or CSV tables with a ``text`` column), never
loaded whole, and cut into batches of documents.  Each batch goes to a Dask worker, which keeps the pipeline
it loaded the first time (one torch thread per worker), analyses the batch and writes every table of it into
``CORPUS/.tmp/BATCH``; one ``rename`` then moves it to ``CORPUS/batches/BATCH``.  So a batch is in the dataset
whole or not at all: a worker killed mid-batch (SIGKILL) or a stopped run leaves only ``.tmp``, swept away by
the next run.  The next run of the same command skips every document whose SHA-256 is in the dataset already,
so nothing is done twice and nothing is lost.  A document that fails becomes a row of the ``errors`` table,
with where it came from and why; the run goes on.

Layout (read with DuckDB, :mod:`.stats`): ``CORPUS/manifest.json`` (the pipeline and unspin version),
``CORPUS/batches/BATCH/TABLE/outlet=…/month=…/part-0.parquet`` for each table of :data:`.tables.TABLES`,
``CORPUS/batches/BATCH/errors/part-0.parquet``, and with ``json_reports`` each report as
``CORPUS/batches/BATCH/reports/SHA256.json``.  Limits: the dataset and its ``.tmp`` must be on one file system
that every worker can write (a shared mount on a cluster).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import ConfigError, InputError, UnspinError
from ..files import write_atomic
from ..version import __version__
from .tables import KEYS, TABLES, report_rows

__all__ = ["RunSummary", "read_done", "run_corpus", "stream_documents"]

_ERRORS = ("sha256", "where", "reason")


@dataclass
class RunSummary:
    analysed: int = 0
    skipped: int = 0
    failed: int = 0
    words: int = 0
    batches: int = 0
    seconds: float = 0.0
    warmup_seconds: float = 0.0  #: of ``seconds``: starting the workers and loading the models in each
    #: with ``sample_memory``: (articles analysed so far, the largest worker's RSS in MB) after each batch
    memory: list[tuple[int, float]] = field(default_factory=list)


# -- inputs ---------------------------------------------------------------------------


def _table_rows(path: Path, text_column: str) -> Iterator[tuple[dict[str, Any], str]]:
    """Rows of a Parquet or CSV table, in batches (never the whole table in memory)."""
    if path.suffix.lower() == ".csv":
        csv.field_size_limit(10_000_000)
        with path.open(newline="", encoding="utf-8") as fh:
            for n, row in enumerate(csv.DictReader(fh), 2):
                yield dict(row), f"{path}:{n}"
        return
    import pyarrow.parquet as pq

    n = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
        for row in batch.to_pylist():
            n += 1
            yield row, f"{path}:row {n}"


def _from_row(row: dict[str, Any], where: str, text_column: str, default_id: str) -> Document:
    text = row.get(text_column)
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, f"no text in column {text_column!r}", "check --text-column")
    meta = {k: str(row[k]) for k in ("outlet", "url", "author") if row.get(k)}
    published = str(row["published"]) if row.get("published") else None
    return Document(
        text, id=str(row.get("id") or default_id), title=row.get("title"), source=where, published=published, meta=meta
    )


def stream_documents(inputs: Sequence[str], text_column: str = "text") -> Iterator[tuple[Document | InputError, str]]:
    """Every document of the inputs, with where it came from; an input that cannot be read yields its error."""
    from ..ingest import ReadOptions, iter_documents, plan_inputs

    files = [p for p in inputs if Path(p).suffix.lower() not in (".parquet", ".csv")]
    tables = [Path(p) for p in inputs if Path(p).suffix.lower() in (".parquet", ".csv")]
    if files:
        for loaded in iter_documents(plan_inputs(files), ReadOptions()):
            if isinstance(loaded, InputError):
                yield loaded, loaded.where
            else:
                yield loaded.result, loaded.item.where
    for table in tables:
        if not table.is_file():
            yield InputError(str(table), "no such file", "check the path"), str(table)
            continue
        for n, (row, where) in enumerate(_table_rows(table, text_column), 1):
            try:
                yield _from_row(row, where, text_column, f"{table.stem}-{n}"), where
            except InputError as exc:
                yield exc, where


# -- the dataset ------------------------------------------------------------------------


def read_done(out: Path) -> set[str]:
    """The SHA-256 of every document already in the dataset."""
    import pyarrow.parquet as pq

    done: set[str] = set()
    for part in (out / "batches").glob("*/documents/**/*.parquet"):
        done.update(str(s) for s in pq.read_table(part, columns=["sha256"]).column("sha256").to_pylist())
    return done


def _manifest(out: Path, pipeline: Sequence[str]) -> None:
    path = out / "manifest.json"
    want = {"pipeline": list(pipeline), "unspin": __version__, "tables": list(TABLES)}
    if path.is_file():
        have = json.loads(path.read_text(encoding="utf-8"))
        if have.get("pipeline") != list(pipeline):
            raise ConfigError(
                f"{out} holds documents analysed by another pipeline ({', '.join(have.get('pipeline') or [])})",
                "give a new --out folder, so the figures stay comparable",
            )
        return
    write_atomic(path, json.dumps(want, indent=2) + "\n")


def _write_tables(folder: Path, rows: dict[str, list[dict[str, Any]]], errors: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    for table, columns in TABLES.items():
        found = rows.get(table) or []
        groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row in found:
            groups.setdefault((row["outlet"], row["month"]), []).append(row)
        for (outlet, month), group in groups.items():
            target = folder / table / f"outlet={_safe(outlet)}" / f"month={_safe(month)}"
            target.mkdir(parents=True, exist_ok=True)
            data = {c: [r.get(c) for r in group] for c in (*KEYS, *columns) if c not in ("outlet", "month")}
            pq.write_table(pa.table(data), target / "part-0.parquet")
    if errors:
        (folder / "errors").mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table({c: [e.get(c) for e in errors] for c in _ERRORS}), folder / "errors" / "part-0.parquet")


def _safe(value: str) -> str:
    """A partition value as a folder name (hive style): no path separators, nothing hidden."""
    cleaned = "".join(c if c.isalnum() or c in " -_.,&'" else "_" for c in value).strip() or "unknown"
    return cleaned.lstrip(".") or "unknown"


# -- the work of one batch, on a worker ----------------------------------------------------


_PIPELINE: dict[str, Any] = {}


def _pipeline(threads: int) -> Any:
    if "pipeline" not in _PIPELINE:
        import torch

        from ..api import load_pipeline

        torch.set_num_threads(threads)
        _PIPELINE["pipeline"] = load_pipeline()
    return _PIPELINE["pipeline"]


def _warm(threads: int) -> None:
    """Load the pipeline and its models (they load on a first article) in this worker."""
    _pipeline(threads)(Document("The council said the storm caused the flood on Monday.", id="warm-up"))


def analyse_batch(
    docs: list[tuple[Document, str]], out: str, batch_id: str, json_reports: bool, threads: int = 1
) -> dict[str, int]:
    """Analyse one batch and move its tables into the dataset in one rename (see the module docstring)."""
    from ..reports import build_report

    pipeline = _pipeline(threads)
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    errors: list[dict[str, Any]] = []
    reports: dict[str, dict[str, Any]] = {}
    words = 0
    for doc, where in docs:
        try:
            report = build_report(pipeline(doc))
        except UnspinError as exc:
            errors.append({"sha256": doc.sha256, "where": where, "reason": exc.line()})
            continue
        except Exception as exc:  # a layer failing on one article must not stop the corpus
            errors.append({"sha256": doc.sha256, "where": where, "reason": f"{type(exc).__name__}: {exc}"})
            continue
        for table, found in report_rows(report, where).items():
            rows[table].extend(found)
        words += int(report["document"].get("words") or 0)
        if json_reports:
            reports[doc.sha256] = report
    root = Path(out)
    tmp = root / ".tmp" / batch_id
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    _write_tables(tmp, rows, errors)
    if json_reports:
        (tmp / "reports").mkdir()
        for sha, report in reports.items():
            (tmp / "reports" / f"{sha}.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    final = root / "batches" / batch_id
    try:
        os.rename(tmp, final)  # the batch enters the dataset whole, or not at all
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)  # done already by another try of the same batch
    return {"analysed": len(docs) - len(errors), "failed": len(errors), "words": words}


# -- the run ------------------------------------------------------------------------------


def _batches(
    stream: Iterator[tuple[Document | InputError, str]],
    done: set[str],
    size: int,
    summary: RunSummary,
    input_errors: list[dict[str, Any]],
) -> Iterator[list[tuple[Document, str]]]:
    batch: list[tuple[Document, str]] = []
    seen: set[str] = set()
    for item, where in stream:
        if isinstance(item, InputError):
            summary.failed += 1
            input_errors.append({"sha256": None, "where": where, "reason": item.line()})
            continue
        if item.sha256 in done or item.sha256 in seen:
            summary.skipped += 1
            continue
        seen.add(item.sha256)
        batch.append((item, where))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _batch_id(batch: list[tuple[Document, str]]) -> str:
    return hashlib.sha256("".join(d.sha256 for d, _ in batch).encode()).hexdigest()[:24]


def run_corpus(
    inputs: Sequence[str],
    out: Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    batch_size: int = 25,
    json_reports: bool = False,
    text_column: str = "text",
    progress: Callable[[RunSummary], None] | None = None,
    sample_memory: bool = False,
) -> RunSummary:
    """Analyse ``inputs`` into the dataset at ``out`` on a local Dask cluster of ``workers`` processes (default
    2) or the cluster whose scheduler is at ``scheduler`` (``tcp://host:8786``); see the module docstring."""
    from distributed import Client, LocalCluster, as_completed

    from ..pipeline import DEFAULT_PIPELINE

    missing = [p for p in inputs if p != "-" and not Path(p).exists()]
    if missing:  # a mistyped path fails at once, before a cluster starts or the dataset folder is made
        raise ConfigError(f"{missing[0]}: no such file or folder", "check the INPUT paths")
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    _manifest(out, DEFAULT_PIPELINE)
    shutil.rmtree(out / ".tmp", ignore_errors=True)  # batches a killed run never finished
    (out / "batches").mkdir(exist_ok=True)
    summary = RunSummary()
    input_errors: list[dict[str, Any]] = []
    batches = _batches(stream_documents(inputs, text_column), read_done(out), batch_size, summary, input_errors)
    cluster = None
    if not scheduler:
        import dask

        # Dask's stack profiler keeps a tree of the worker's stacks for every second of its last ~1,000 s; with
        # spaCy and torch stacks that grew a worker by ~280 MB over 1,000 articles.  Off, memory stays flat.
        # The nannies copy this setting into the workers when they are built.
        with dask.config.set({"distributed.worker.profile.enabled": False}):
            cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True)
    client = Client(scheduler or cluster)
    try:
        client.run(_warm, 1)  # every worker loads the models now, before the first batch
        summary.warmup_seconds = time.perf_counter() - started
        limit = 2 * max(1, len(client.scheduler_info().get("workers", {})) or (workers or 2))
        pending = as_completed([])
        for batch in batches:
            pending.add(client.submit(analyse_batch, batch, str(out), _batch_id(batch), json_reports, pure=False))
            summary.batches += 1
            while pending.count() >= limit:
                _collect(next(pending), summary, progress)
                if sample_memory:
                    _sample(client, summary)
        for future in pending:
            _collect(future, summary, progress)
            if sample_memory:
                _sample(client, summary)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if input_errors:
        ident = hashlib.sha256(json.dumps(input_errors, sort_keys=True).encode()).hexdigest()[:24]
        folder = out / ".tmp" / f"inputs-{ident}"
        _write_tables(folder, {}, input_errors)
        final = out / "batches" / f"inputs-{ident}"
        if not final.exists():
            os.rename(folder, final)
    summary.seconds = time.perf_counter() - started
    return summary


def _rss() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 1e6


def _sample(client: Any, summary: RunSummary) -> None:
    sizes = client.run(_rss)
    summary.memory.append((summary.analysed, max(sizes.values(), default=0.0)))


def _collect(future: Any, summary: RunSummary, progress: Callable[[RunSummary], None] | None) -> None:
    result = future.result()
    summary.analysed += result["analysed"]
    summary.failed += result["failed"]
    summary.words += result["words"]
    if progress is not None:
        progress(summary)
