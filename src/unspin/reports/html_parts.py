"""The pieces every part of the HTML report is made of: escaping, a highlight in the text, a link, a panel
section."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .view import plain

__all__ = ["Mark", "esc", "link", "panel_section"]


def esc(value: Any) -> str:
    """The one escape of every HTML view (report, chain diagrams, ACH matrix): text, never markup, and no
    character HTML forbids."""
    return html.escape(plain(value), quote=True)


@dataclass(frozen=True)
class Mark:
    """A highlight over ``text[start:end]`` in one layer; ``anchor`` is the id its panel lines link to."""

    start: int
    end: int
    layer: str
    anchor: str | None
    title: str
    extra_class: str = ""


def link(anchor: str, label: str) -> str:
    return f'<a href="#{esc(anchor)}">{label}</a>'


def panel_section(
    title: str,
    key: str,
    report: dict[str, Any],
    body: Iterable[str],
    lead: str = "",
    empty: str = "None found.",
    list_class: str = "",
) -> str:
    """A panel section; ``lead`` (HTML) goes above the list, ``empty`` is shown when the layer was built empty."""
    items = list(body)
    built = {a for c in report.get("pipeline", []) for a in c.get("assigns", [])}
    if items:
        ol = f'<ol class="{list_class}">' if list_class else "<ol>"
        content = lead + ol + "".join(f"<li>{i}</li>" for i in items) + "</ol>"
    elif key in built:
        content = f'<p class="none">{esc(empty)}</p>'
    else:
        content = '<p class="none">Not analysed: no component in this pipeline adds this layer yet.</p>'
    return f'<section id="panel-{esc(key)}"><h2>{esc(title)} <small>({len(items)})</small></h2>{content}</section>'
