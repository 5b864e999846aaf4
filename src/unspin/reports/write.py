"""Rendering a report in a format and writing files atomically.

Files are written to a temporary file in the target folder and renamed over
the target (``os.replace``), so a crash or a full disk never leaves a
half-written report or destroys the previous one.  The report gets the
permissions any new file of the user's gets (``0666`` less the umask), not
the ``0600`` of a temporary file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import ReportError
from .html_report import render_html
from .json_report import to_json
from .markdown_report import render_markdown

__all__ = ["FORMATS", "SUFFIXES", "render", "write_atomic"]

#: Report format → renderer.
FORMATS: dict[str, Callable[[dict[str, Any]], str]] = {
    "html": render_html,
    "json": lambda r: to_json(r, indent=2) + "\n",
    "md": render_markdown,
}
SUFFIXES = {"html": ".html", "json": ".json", "md": ".md"}


def render(report: dict[str, Any], fmt: str) -> str:
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise ReportError(f"unknown report format {fmt!r}", f"use one of {', '.join(FORMATS)}") from None
    return renderer(report)


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read the umask is to set it; put it straight back
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` (UTF-8) to ``path`` via a temp file and a rename, with the user's umask."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ReportError(f"{path}: cannot write report ({exc.strerror})", "check the --out folder") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if hasattr(os, "fchmod"):  # POSIX; elsewhere mkstemp's mode does not apply
                os.fchmod(fh.fileno(), 0o666 & ~_umask())
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ReportError(f"{path}: cannot write report ({exc.strerror})", "check space and permissions") from None
        raise
