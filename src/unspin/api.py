"""The library API under every command: build a pipeline, analyse documents.

>>> from unspin import analyze_text                                # doctest: +SKIP
>>> report = analyze_text("Valdoria armed the militia.", id="demo")  # doctest: +SKIP
>>> report["entities"][0]["name"]                                  # doctest: +SKIP
'Valdoria'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .document import Document
from .errors import UnspinError
from .pipeline import DEFAULT_PIPELINE, Pipeline
from .registry import registry
from .reports.json_report import build_report

__all__ = ["analyze_document", "analyze_many", "analyze_text", "load_pipeline"]


@functools.cache
def _cached_pipeline(names: tuple[str, ...], settings: tuple[tuple[str, Any], ...]) -> Pipeline:
    given = dict(settings)
    config = {}
    for name in names:
        takes = getattr(registry.factory(name), "settings", ())
        config[name] = {key: given[key] for key in takes if key in given}
    return Pipeline.from_names(names, config)


def load_pipeline(
    names: Sequence[str] = DEFAULT_PIPELINE,
    *,
    aliases: str | Path | None = None,
    sources: str | Path | None = None,
    perspective: str | None = None,
    fast: bool = False,
    parse_processes: int = 1,
) -> Pipeline:
    """The pipeline for ``names``; built once per process and reused.

    ``aliases`` extends the entity alias table; ``sources`` is a source
    profile file (Admiralty grades) and ``perspective`` one of its trust
    profiles, used to grade quoted sources.  ``fast`` runs the techniques
    layer without its sentence gate (one encoder pass fewer; lower dev SI F1).
    ``parse_processes`` > 1 runs spaCy in that many processes (measured by ``unspin bench``).
    """
    settings = {
        "aliases": str(aliases) if aliases else None,
        "sources": str(sources) if sources else None,
        "perspective": perspective,
        "fast": fast or None,
        "n_process": parse_processes if parse_processes > 1 else None,
    }
    return _cached_pipeline(tuple(names), tuple((k, v) for k, v in settings.items() if v is not None))


def analyze_document(doc: Document, pipeline: Pipeline | None = None) -> Document:
    """Run the pipeline over one document (in place) and return it."""
    return (pipeline or load_pipeline())(doc)


def analyze_text(text: str, *, id: str = "text", title: str | None = None, **meta: Any) -> dict[str, Any]:
    """Analyse a string with the default pipeline; return the JSON report."""
    doc = Document(text, id=id, title=title, meta=meta)
    return build_report(analyze_document(doc))


def analyze_many(
    docs: Iterable[Document], pipeline: Pipeline | None = None, batch_size: int = 16
) -> Iterator[tuple[Document, UnspinError | None]]:
    """Analyse documents in batches; yield ``(document, error or None)`` in order.

    A batch that fails is re-run one document at a time, so one bad article
    costs only itself.
    """
    pipeline = pipeline or load_pipeline()
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= batch_size:
            yield from _run_batch(pipeline, batch, batch_size)
            batch = []
    if batch:
        yield from _run_batch(pipeline, batch, batch_size)


def _run_batch(
    pipeline: Pipeline, batch: list[Document], batch_size: int
) -> Iterator[tuple[Document, UnspinError | None]]:
    # Copies taken before the run: a failed batch is redone from them, since
    # the originals may hold layers half-added by the failed attempt.
    originals = [d.copy() for d in batch] if len(batch) > 1 else []
    try:
        done = list(pipeline.pipe(batch, batch_size=batch_size))
    except UnspinError as exc:
        if len(batch) == 1:
            yield batch[0], exc
            return
        for doc in originals:
            try:
                yield pipeline(doc), None
            except UnspinError as one:
                yield doc, one
        return
    for doc in done:
        yield doc, None
