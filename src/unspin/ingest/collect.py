"""From command-line paths to a stream of documents (or input errors).

Paths may be files, folders (searched recursively for ``.txt``, ``.md``,
``.html``/``.htm`` and ``.jsonl`` files; other files are counted as skipped)
or ``-`` for standard input.  Errors are *yielded*, not raised, so a folder
or corpus run reports the bad item and carries on with the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..document import Document
from ..errors import InputError
from .decode import ReadOptions, decode_bytes, read_file_bytes
from .formats import (
    FORMATS,
    document_from_html,
    document_from_jsonl_line,
    document_from_text,
    sniff_format,
)

__all__ = ["InputItem", "InputPlan", "Loaded", "is_unspin_report", "iter_documents", "plan_inputs"]


@dataclass(frozen=True)
class InputItem:
    """One input to read: a file (or stdin when ``path`` is None)."""

    path: Path | None
    fmt: str  # txt | md | html | jsonl | auto
    size: int
    doc_id: str

    @property
    def where(self) -> str:
        return "<stdin>" if self.path is None else str(self.path)


@dataclass
class InputPlan:
    """What a run will read: items in order, errors found while looking, skips."""

    items: list[InputItem | InputError] = field(default_factory=list)
    skipped: int = 0

    @property
    def total_bytes(self) -> int:
        return sum(i.size for i in self.items if isinstance(i, InputItem))


@dataclass(frozen=True)
class Loaded:
    """One result of reading: a document or the error for that item."""

    item: InputItem
    result: Document | InputError
    consumed: int  # bytes of the input this result accounts for (progress)


def _fmt_for(path: Path, explicit: bool) -> str | None:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None and explicit:
        return "auto"
    return fmt


def plan_inputs(paths: Sequence[str]) -> InputPlan:
    """Expand ``paths`` (files, folders, ``-``) into an :class:`InputPlan`."""
    plan = InputPlan()
    for raw in paths:
        if raw == "-":
            plan.items.append(InputItem(None, "auto", 0, "stdin"))
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            for p in found:
                fmt = _fmt_for(p, explicit=False)
                if fmt is None or is_unspin_report(p):
                    plan.skipped += 1
                    continue
                plan.items.append(InputItem(p, fmt, _size(p), p.stem))
        elif path.is_file() and is_unspin_report(path):
            plan.items.append(InputError(raw, "this is a report written by unspin, not an article", "give the article"))
        elif path.exists():
            plan.items.append(InputItem(path, _fmt_for(path, explicit=True) or "auto", _size(path), path.stem))
        else:
            plan.items.append(InputError(raw, "no such file or directory", "check the path"))
    return plan


#: how an HTML report unspin writes marks itself, near the top (a Markdown report: its first line)
_HTML_REPORT_MARK = b'<meta name="generator" content="unspin'


def is_unspin_report(path: Path) -> bool:
    """Whether ``path`` is an HTML or Markdown report written by unspin (so that a folder run whose ``--out`` is
    inside its input folder does not analyse its own reports the next time).  Reads the first 2 KB only."""
    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".md"):
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except OSError:
        return False  # the read proper says why
    if suffix == ".md":
        return head.startswith(b"# unspin report: ")
    return _HTML_REPORT_MARK in head


def _hidden(p: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in p.relative_to(root).parts)


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


def _read_stdin(max_bytes: int, stream: BinaryIO | None = None) -> bytes:
    stream = stream or sys.stdin.buffer
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(
            "<stdin>",
            f"input is over the {max_bytes / 1_000_000:.1f} MB limit for one article",
            "raise --max-size, or pipe a .jsonl corpus through a file",
        )
    return data


def _one(item: InputItem, text: str, fmt: str) -> Document:
    if fmt == "html":
        return document_from_html(text, doc_id=item.doc_id, source=item.where)
    return document_from_text(text, doc_id=item.doc_id, source=item.where, fmt=fmt)


def _iter_jsonl_lines(item: InputItem, lines: Iterator[bytes], options: ReadOptions) -> Iterator[Loaded]:
    for lineno, raw in enumerate(lines, 1):
        where = f"{item.where}:{lineno}"
        if not raw.strip():  # blank lines between records are allowed
            continue
        try:
            if len(raw) > options.max_bytes:
                raise InputError(where, "line is over the size limit for one article", "raise --max-size")
            line = raw.decode(options.encoding or "utf-8")
            doc = document_from_jsonl_line(line, where=where, default_id=f"{item.doc_id}-{lineno}", source=item.where)
        except UnicodeDecodeError as exc:
            err = InputError(where, f"not valid {options.encoding or 'UTF-8'} (byte {exc.start})", "re-save as UTF-8")
            yield Loaded(item, err, len(raw))
        except InputError as err:
            yield Loaded(item, err, len(raw))
        else:
            yield Loaded(item, doc, len(raw))


def iter_documents(
    plan: InputPlan, options: ReadOptions | None = None, stdin: BinaryIO | None = None
) -> Iterator[Loaded | InputError]:
    """Read every planned item; yield documents and per-item errors in order.

    A plain :class:`InputError` is yielded for a path that could not even be
    planned (missing); everything else comes wrapped in :class:`Loaded`.
    """
    options = options or ReadOptions()
    for item in plan.items:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            if item.fmt == "jsonl" and item.path is not None:
                try:
                    fh = item.path.open("rb")
                except OSError as exc:
                    raise InputError(item.where, f"cannot read ({exc.strerror})", "check the path") from None
                with fh:
                    yield from _iter_jsonl_lines(item, iter(fh), options)
                continue
            data = (
                _read_stdin(options.max_bytes, stdin)
                if item.path is None
                else read_file_bytes(item.path, options.max_bytes)
            )
            text = decode_bytes(data, item.where, options.encoding)
            fmt = sniff_format(text) if item.fmt == "auto" else item.fmt
            if fmt == "jsonl":
                yield from _iter_jsonl_lines(item, iter(data.splitlines(keepends=True)), options)
                continue
            yield Loaded(item, _one(item, text, fmt), item.size or len(data))
        except InputError as err:
            yield Loaded(item, err, item.size)
