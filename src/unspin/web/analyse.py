"""Articles into reports for the workbench: pasted text or an uploaded file (.txt, .md, .html, .jsonl) through
the same pipeline as ``unspin analyze``, loaded once per server."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from ..document import Document
from ..errors import InputError
from ..ingest.decode import decode_bytes
from ..ingest.formats import document_from_html, document_from_jsonl_line, document_from_text, sniff_format

__all__ = ["MAX_BYTES", "Analyser", "documents_from_upload"]

MAX_BYTES = 5_000_000  #: the largest article accepted, as ``unspin analyze --max-size`` by default
_SUFFIX = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


def documents_from_upload(data: bytes, filename: str | None = None, title: str | None = None) -> list[Document]:
    """The documents in an upload or a pasted text (``filename`` None): a .jsonl file gives one per line."""
    where = filename or "pasted text"
    if len(data) > MAX_BYTES:
        raise InputError(where, f"is {len(data):,} bytes, over the {MAX_BYTES:,} the workbench takes", "split it")
    text = decode_bytes(data, where)
    if filename is None:  # a browser sends a text box's lines ending in CR LF: the article is the same
        text = text.replace("\r\n", "\n")
    if not text.strip():
        raise InputError(where, "is empty", "paste or upload an article")
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if filename and suffix not in _SUFFIX:
        raise InputError(where, f"has an unknown kind of file ({suffix or 'no suffix'})", "give .txt .md .html .jsonl")
    fmt = _SUFFIX.get(suffix) or sniff_format(text)
    doc_id = PurePath(filename).stem if filename else "pasted-" + hashlib.sha256(data).hexdigest()[:8]
    if fmt == "jsonl":
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        return [
            document_from_jsonl_line(line, where=f"{where}:{n}", default_id=f"{doc_id}-{n}", source=where)
            for n, line in lines
        ]
    if fmt == "html":
        return [document_from_html(text, doc_id=doc_id, source=filename)]
    doc = document_from_text(text, doc_id=doc_id, source=filename, fmt=fmt)
    if title:
        doc = Document(doc.text, id=doc.id, title=title, source=doc.source, meta=dict(doc.meta))
    return [doc]


_WORKER: dict[str, Any] = {}  # the pipeline of an analysis process (set by _init_worker in that process)


def _init_worker(threads: int) -> None:
    import torch

    from ..api import load_pipeline

    torch.set_num_threads(threads)
    pipeline = load_pipeline()
    # the models load on their first article: take that time now, not on an analyst's first request
    pipeline(Document("The council said the storm caused the flood on Monday.", id="warm-up"))
    _WORKER["pipeline"] = pipeline


def _work(docs: list[Document]) -> list[dict[str, Any]]:
    from ..reports import build_report

    return [build_report(_WORKER["pipeline"](doc)) for doc in docs]


class Analyser:
    """Runs the default pipeline (loaded on first use, once; one analysis at a time) and returns JSON reports.

    With ``process=True`` the pipeline lives in one worker process with ``threads`` torch threads, so a long
    analysis does not hold the server's interpreter while analysts rate (``unspin serve`` does this).
    ``pipeline`` builds another pipeline instead, in this process (tests pass a light one)."""

    def __init__(self, pipeline: Callable[[], Any] | None = None, process: bool = False, threads: int = 1) -> None:
        self._make = pipeline
        self.process = process
        self.threads = threads
        self._pipeline: Any = None
        self._pool: Any = None
        self._lock = threading.Lock()

    def __call__(self, docs: list[Document]) -> list[dict[str, Any]]:
        from ..reports import build_report

        if self.process and self._make is None:
            with self._lock:
                if self._pool is None:
                    import multiprocessing
                    from concurrent.futures import ProcessPoolExecutor

                    context = multiprocessing.get_context("spawn")  # no fork of a threaded server
                    self._pool = ProcessPoolExecutor(1, context, _init_worker, (self.threads,))
            result: list[dict[str, Any]] = self._pool.submit(_work, docs).result()
            return result
        with self._lock:
            if self._pipeline is None:
                if self._make is not None:
                    self._pipeline = self._make()
                else:
                    from ..api import load_pipeline

                    self._pipeline = load_pipeline()
            return [build_report(self._pipeline(doc)) for doc in docs]

    def close(self) -> None:
        """Stop the worker process, if there is one."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
