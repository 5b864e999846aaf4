"""Rendering a report in a format; files are written with :func:`unspin.files.write_atomic`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import ReportError
from ..files import write_atomic
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
