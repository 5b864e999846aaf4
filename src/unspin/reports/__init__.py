"""Reports: the JSON contract, a self-contained HTML page, and Markdown."""

from .html_report import render_html
from .json_report import (
    REPORT_LISTS,
    SCHEMA_ID,
    assemble_schema,
    build_report,
    load_schema,
    report_errors,
    to_json,
    validate_report,
)
from .markdown_report import md_escape, render_markdown
from .write import FORMATS, SUFFIXES, render, write_atomic

__all__ = [
    "FORMATS",
    "REPORT_LISTS",
    "SCHEMA_ID",
    "SUFFIXES",
    "assemble_schema",
    "build_report",
    "load_schema",
    "md_escape",
    "render",
    "render_html",
    "render_markdown",
    "report_errors",
    "to_json",
    "validate_report",
    "write_atomic",
]
