"""The corpus statistics as one self-contained HTML page: a table per question with a bar chart drawn as
inline SVG (no script, nothing fetched), each row listing the documents behind its figure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ..reports.html_parts import esc

__all__ = ["render_stats_html"]

_CSS = (
    "body{margin:0;font:14px/1.45 system-ui,sans-serif;color:#1d232b;background:#f7f8fa}main{padding:14px 22px}"
    "table{border-collapse:collapse;background:#fff;margin:6px 0 18px}th,td{border:1px solid #dde2e8;"
    "padding:3px 7px;text-align:left;vertical-align:top}td.num{text-align:right}details summary{cursor:pointer;"
    "color:#5b6573}h2{font-size:16px}"
)


def _bar(value: Any, top: float) -> str:
    try:
        width = 160 * float(value) / top if top else 0.0
    except (TypeError, ValueError):
        return ""
    return (
        f'<svg width="164" height="12" role="img" aria-label="{esc(value)}"><rect width="{width:.1f}" '
        'height="10" y="1" fill="#0072B2"/></svg>'
    )


def _documents(docs: list[str], links: Mapping[str, str]) -> str:
    shown = ", ".join(
        f'<a href="{esc(quote(links[d], safe="/:#"))}">{esc(d)}</a>' if d in links else esc(d) for d in docs
    )
    return f"<details><summary>{len(docs)} document(s)</summary>{shown}</details>"


def render_stats_html(
    sections: dict[str, tuple[str, list[str], list[tuple[Any, ...]]]], links: Mapping[str, str] | None = None
) -> str:
    """The page; ``links`` maps a document id to its report's address (:func:`.stats.report_links`), and
    the documents behind each figure link there."""
    links = links or {}
    parts = []
    for title, columns, rows in sections.values():
        shown = [c for c in columns if c != "document_ids"]
        measure = next(
            (
                i
                for i, c in enumerate(columns)
                if c not in ("document_ids",)
                and rows
                and isinstance(rows[0][i], int | float)
                and not isinstance(rows[0][i], bool)
            ),
            None,
        )
        top = max((float(r[measure] or 0) for r in rows), default=0.0) if measure is not None else 0.0
        head = "".join(f"<th>{esc(c)}</th>" for c in shown) + ("<th></th>" if measure is not None else "")
        body = []
        for row in rows:
            values = dict(zip(columns, row, strict=True))
            cells = "".join(
                f'<td class="{"num" if isinstance(values[c], int | float) else ""}">{esc(values[c])}</td>'
                for c in shown
            )
            if measure is not None:
                cells += f"<td>{_bar(row[measure], top)}</td>"
            docs = str(values.get("document_ids") or "").split()
            if docs:
                cells += f"<td>{_documents(docs, links)}</td>"
            body.append(f"<tr>{cells}</tr>")
        parts.append(f"<h2>{esc(title)}</h2><table><tr>{head}</tr>{''.join(body)}</table>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>unspin corpus statistics</title><style>{_CSS}</style></head><body><main>"
        f"<h1>Corpus statistics</h1>{''.join(parts)}</main></body></html>\n"
    )
