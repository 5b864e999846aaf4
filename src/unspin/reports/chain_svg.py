"""One blame chain as a small inline SVG diagram, for the HTML report.

A box per actor or event, an arrow per *step* of the chain, then a
"therefore" arrow to a final box naming the blamed actor and the outcome,
and a caption with the chain's strength and degree of responsibility
(Chockler & Halpern 2004; see :mod:`unspin.causal`).  A step is every
relation between the same two nodes in the chain's voice ("armed and paid
the Brigade"): one arrow, labelled with the step's relation types joined
("create / arm / fund") and its weight, coloured by the support of the
step's best relation (``relation_id``).  The explicit conclusion
(``conclusion_id``, a blame relation) is not a causal arrow: it is the
"therefore" verdict, linked to its sentence; an implicit chain's verdict
arrow says "implied".  Chains without ``steps`` (older reports) get a step
per relation id.

Consecutive steps share a box when the effect of one is the cause of the
next: the same node (the step's ``from``/``to``, else the relation end's
``node`` or ``entity_id``) when both have one, else the same text ignoring
case and spacing.  When they differ (the chain builder joined them through an
alias it knows) a dotted "≡" connector joins the two boxes; a relation id the
report lacks shows as a "missing" connector.  ``names`` (node id → name,
e.g. the report's entity names) labels boxes by the entity's name rather
than the words of one mention ("its first commanders").

Arrows are coloured by the link's ``support`` with the Okabe–Ito
colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design") *and*
a dash pattern per support, so the distinction never rests on colour alone;
the weakest link is drawn thicker and labelled "weakest".  Boxes and arrows
run left to right and wrap onto a new row every ``per_row`` boxes.

Safety: every string from the report (article text, types, ids) is stripped
of characters XML forbids and passed through :func:`html.escape` with
``quote=True``; the SVG has no script, no ``style`` element (an inline SVG's
``<style>`` would restyle the whole page), no external reference and no web
font.  Each arrow is wrapped in ``<a href="#id">`` to its sentence when the
``sentence_anchor`` callback gives an id.

Accessibility: ``role="img"`` with ``<title>`` and ``<desc>`` (the whole chain
in words) via ``aria-labelledby``.  ``role="img"`` makes assistive technology
treat the drawing as one image, so its links are for pointer users; the
report's text panel carries the same links for everyone else.

Limits: label widths are estimated from character counts (no font metrics),
so an unusually wide script may overflow its box slightly; node labels are
cut to three lines with an ellipsis, the full text being in each box's
``<title>`` tooltip.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .html_parts import esc as _esc
from .view import ChainStep, chain_steps
from .view import clean as _clean
from .view import number as _number
from .view import text_key as _key

__all__ = [
    "SUPPORT_COLOURS",
    "SUPPORT_DASHES",
    "ChainStep",
    "chain_steps",
    "render_chain_svg",
    "sentence_anchor_lookup",
    "support_legend_svg",
]

#: Arrow colour per support level (Okabe–Ito palette), strongest first.
SUPPORT_COLOURS: dict[str, str] = {
    "sourced": "#009E73",
    "asserted": "#0072B2",
    "hedged": "#E69F00",
    "speculative": "#CC79A7",
    "question": "#D55E00",
}

#: ``stroke-dasharray`` per support level: the weaker the support, the more broken the line.
SUPPORT_DASHES: dict[str, str] = {
    "sourced": "none",
    "asserted": "12 4",
    "hedged": "6 4",
    "speculative": "2 4",
    "question": "10 3 2 3",
}

_UNKNOWN_COLOUR = "#6E6E6E"
_UNKNOWN_DASH = "3 2"
_GREY = "#5B6573"
_INK = "#1D232B"
_FONT = "system-ui, sans-serif"

_NODE_W = 156
_NODE_H = 56
_GAP_X = 124
_GAP_Y = 64
_MARGIN = 14
_TOP = 24  # room for the "blamed" tag above a first-row box
_CAPTION_H = 30
_LINE_CHARS = 21
_TYPE_CHARS = 21
_CHAR_W = 6.6  # average advance of a 12px sans-serif character, for sizing only


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, width: int = _LINE_CHARS, lines: int = 3) -> list[str]:
    """Greedy word wrap into at most ``lines`` lines, the last cut with an ellipsis."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        if len(line) > width:  # one word longer than the box: break it, losing nothing
            words.insert(0, line[width:])
            line = line[:width]
        out.append(line)
    if words and out:
        out[-1] = _cut(out[-1] + " " + " ".join(words), width)
    return out or ["?"]


@dataclass(frozen=True)
class _Node:
    text: str
    key: str | None  # node id: shared boxes have the same one
    verdict: bool = False
    blamed: bool = False
    outcome: str = ""


@dataclass(frozen=True)
class _Edge:
    kind: str  # link, join, missing, therefore
    rid: str = ""  # link: the best relation; missing: the missing ids; therefore: the conclusion
    relation: Mapping[str, Any] | None = None
    step: ChainStep | None = None


def _end(relation: Mapping[str, Any], key: str, node: str | None, names: Mapping[str, str]) -> _Node:
    part = relation.get(key)
    part = part if isinstance(part, Mapping) else {}
    node = node or _key(part.get("node")) or _key(part.get("entity_id"))
    named = _clean(names.get(node)) if node is not None else ""
    text = named or _clean(part.get("text")) or node or "(unnamed)"
    return _Node(text, node)


def _same(a: _Node, b: _Node) -> bool:
    if a.key and b.key:
        return a.key == b.key
    return a.text.casefold() == b.text.casefold()


def _is_blamed(node: _Node, blamed: str, blamed_node: str | None) -> bool:
    if blamed_node is not None and node.key is not None:
        return node.key == blamed_node
    return bool(blamed) and (node.text.casefold() == blamed.casefold() or node.key == blamed)


def _build(
    chain: Mapping[str, Any], relations: Mapping[str, Mapping[str, Any]], names: Mapping[str, str]
) -> tuple[list[_Node], list[_Edge], list[str]]:
    """Boxes, the connectors between them (edge i joins node i to node i + 1) and the missing relation ids."""
    nodes: list[_Node] = []
    edges: list[_Edge] = []
    missing: list[str] = []
    every_missing: list[str] = []
    for step in chain_steps(chain, relations):
        every_missing.extend(step.missing)
        if step.relation is None:
            missing.extend(step.missing)
            continue
        cause = _end(step.relation, "cause", step.source, names)
        effect = _end(step.relation, "effect", step.target, names)
        if not nodes:
            nodes.append(cause)
        elif missing:
            edges.append(_Edge("missing", ", ".join(missing)))
            nodes.append(cause)
        elif not _same(nodes[-1], cause):
            edges.append(_Edge("join"))
            nodes.append(cause)
        missing = []
        edges.append(_Edge("link", step.relation_id, step.relation, step))
        nodes.append(effect)
    conclusion_id = _key(chain.get("conclusion_id"))
    conclusion = relations.get(conclusion_id) if conclusion_id is not None else None
    if conclusion_id is not None and not isinstance(conclusion, Mapping):
        every_missing.append(conclusion_id)
        conclusion = None
    if not nodes and conclusion is not None and not missing:  # a bare accusation: the blamed actor, then the verdict
        nodes.append(_end(conclusion, "cause", _key(chain.get("blamed_node")), names))
    blamed = _clean(chain.get("blamed"))
    blamed_node = _key(chain.get("blamed_node"))
    nodes = [_Node(n.text, n.key, blamed=_is_blamed(n, blamed, blamed_node)) for n in nodes]
    if nodes:
        edges.append(
            _Edge("missing", ", ".join(missing)) if missing else _Edge("therefore", conclusion_id or "", conclusion)
        )
    nodes.append(_Node(blamed or "?", None, verdict=True, outcome=_clean(chain.get("outcome")) or "?"))
    return nodes, edges, list(dict.fromkeys(every_missing))


def _style(support: Any) -> tuple[str, str, str]:
    """(key, colour, dash) for a support level; unknown levels are grey."""
    key = support if isinstance(support, str) and support in SUPPORT_COLOURS else "unknown"
    return key, SUPPORT_COLOURS.get(key, _UNKNOWN_COLOUR), SUPPORT_DASHES.get(key, _UNKNOWN_DASH)


def _markers(prefix: str) -> str:
    heads = [*SUPPORT_COLOURS.items(), ("unknown", _UNKNOWN_COLOUR), ("therefore", _GREY)]
    return (
        "<defs>"
        + "".join(
            f'<marker id="{prefix}-arrow-{key}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
            f'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
            for key, colour in heads
        )
        + "</defs>"
    )


def _node_svg(node: _Node, x: int, y: int) -> str:
    if node.verdict:
        lines = [_cut(node.text, _LINE_CHARS), "blamed for", _cut(node.outcome, _LINE_CHARS)]
        cls, fill, stroke, width = "chain-node chain-verdict", "#FDF0F0", "#A12A2A", 2.0
        tooltip = f"{node.text} is blamed for: {node.outcome}"
    else:
        lines = _wrap(node.text)
        cls = "chain-node blamed" if node.blamed else "chain-node"
        fill, stroke, width = "#FFFFFF", _INK if node.blamed else "#8A96A3", 2.5 if node.blamed else 1.2
        tooltip = node.text + (f" [{node.key}]" if node.key else "")
    parts = [
        f'<g class="{cls}"><title>{_esc(tooltip)}</title>',
        f'<rect x="{x}" y="{y}" width="{_NODE_W}" height="{_NODE_H}" rx="6" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="{width}"/>',
    ]
    if node.blamed:
        parts.append(f'<text x="{x + 4}" y="{y - 5}" font-size="10" fill="{_INK}" font-weight="bold">blamed</text>')
    first = y + _NODE_H // 2 + 4 - 15 * (len(lines) - 1) // 2
    for i, line in enumerate(lines):
        parts.append(
            f'<text x="{x + _NODE_W // 2}" y="{first + 15 * i}" font-size="12" fill="{_INK}" '
            f'text-anchor="middle">{_esc(line)}</text>'
        )
    return "".join(parts) + "</g>"


def _anchored(
    body: str, relation: Mapping[str, Any] | None, sentence_anchor: Callable[[int], str | None] | None
) -> str:
    """``body`` wrapped in a link to the sentence of ``relation``, when there is one."""
    start = relation.get("start") if relation is not None else None
    anchor = None
    if sentence_anchor is not None and isinstance(start, int) and not isinstance(start, bool):
        anchor = sentence_anchor(start)
    return f'<a href="#{_esc(anchor)}">{body}</a>' if anchor else body


def _weakest_label(x: int, y: int, text: str) -> str:
    return (
        f'<text class="chain-weakest-label" x="{x}" y="{y}" font-size="10" font-weight="bold" '
        f'fill="#A12A2A" text-anchor="middle">{_esc(text)}</text>'
    )


def _edge_svg(
    edge: _Edge,
    path: str,
    label_at: tuple[int, int],
    prefix: str,
    weakest: str | None,
    nodes: tuple[_Node, _Node],
    sentence_anchor: Callable[[int], str | None] | None,
) -> str:
    lx, ly = label_at
    step = edge.step
    if edge.kind != "link" or edge.relation is None or step is None:
        colour = _GREY if edge.kind == "therefore" else "#9AA3AD"
        dash = "none" if edge.kind == "therefore" else "1 3"
        implied = edge.kind == "therefore" and edge.relation is None
        label = {"therefore": "implied" if implied else "therefore", "join": "≡", "missing": "missing"}[edge.kind]
        title = {
            "therefore": "the chain's conclusion, which the text never states: the links imply it"
            if implied
            else f"the chain's conclusion, stated in the text (relation {edge.rid}): not a link, "
            "what the links are offered to support",
            "join": "the chain treats these as one actor",
            "missing": f"relation {edge.rid} is not in the report",
        }[edge.kind]
        is_weakest = edge.kind == "therefore" and bool(edge.rid) and edge.rid == weakest  # a bare accusation
        marker = f' marker-end="url(#{prefix}-arrow-therefore)"' if edge.kind == "therefore" else ""
        body = (
            f'<g class="chain-{edge.kind}{" weakest" if is_weakest else ""}">'
            f"<title>{_esc(title + ('; weakest link' if is_weakest else ''))}</title>"
            f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{4.5 if is_weakest else 1.5}" '
            f'stroke-dasharray="{dash}"{marker}/>'
            f'<text x="{lx}" y="{ly}" font-size="11" fill="{_GREY}" text-anchor="middle">{_esc(label)}</text>'
            + (_weakest_label(lx, ly + 22, "weakest") if is_weakest else "")
            + "</g>"
        )
        return _anchored(body, edge.relation, sentence_anchor) if edge.kind == "therefore" else body
    relation = edge.relation
    key, colour, dash = _style(relation.get("support"))
    is_weakest = weakest is not None and (edge.rid == weakest or weakest in step.relation_ids)
    label = step.label
    weight = f"{step.weight:.2f}" if step.weight is not None else ""
    title = f"{label} ({relation.get('support', 'support unknown')}{', weight ' + weight if weight else ''}): "
    title += f"{nodes[0].text} → {nodes[1].text}; relation {edge.rid}"
    others = [r for r in step.relation_ids if r != edge.rid]
    if others:
        title += f" (also {', '.join(others)})"
    title += "; weakest link" if is_weakest else ""
    cls = f"chain-link support-{key}" + (" weakest" if is_weakest else "")
    body = (
        f'<g class="{cls}"><title>{_esc(title)}</title>'
        # A wide invisible stroke makes the thin arrow easy to point at and click.
        f'<path d="{path}" fill="none" stroke="#FFFFFF" stroke-opacity="0" stroke-width="14" pointer-events="stroke"/>'
        f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{4.5 if is_weakest else 2.5}" '
        f'stroke-dasharray="{dash}" stroke-linecap="butt" marker-end="url(#{prefix}-arrow-{key})"/>'
        f'<text x="{lx}" y="{ly}" font-size="11" fill="{_INK}" text-anchor="middle">{_esc(_cut(label, _TYPE_CHARS))}'
        f"</text>"
    )
    if is_weakest:
        body += _weakest_label(lx, ly + 22, "weakest" + (f" · {weight}" if weight else ""))
    elif weight:
        body += (
            f'<text class="chain-weight" x="{lx}" y="{ly + 22}" font-size="10" fill="{_GREY}" '
            f'text-anchor="middle">{weight}</text>'
        )
    return _anchored(body + "</g>", relation, sentence_anchor)


def _responsibility_text(value: float | None, fraction: Any = None) -> str:
    if value is None:
        return "responsibility n/a"
    text = f"responsibility {value:.2f}"
    if isinstance(fraction, str) and re.fullmatch(r"\d+/\d+", fraction):
        if fraction != "1/1":
            text += f" ({fraction})"
    elif 0 < value < 1 and abs(1 / value - round(1 / value)) < 1e-9:
        text += f" (1/{round(1 / value)})"
    return text


def _describe(chain: Mapping[str, Any], nodes: list[_Node], edges: list[_Edge], caption: str) -> str:
    steps = []
    for i, edge in enumerate(edges):
        a, b = nodes[i].text, nodes[i + 1].text
        if edge.kind == "link" and edge.relation is not None and edge.step is not None:
            support = _clean(edge.relation.get("support")) or "support unknown"
            weight = f", {edge.step.weight:.2f}" if edge.step.weight is not None else ""
            steps.append(f"{a} —{edge.step.label} ({support}{weight})→ {b}")
        elif edge.kind == "join":
            steps.append(f"{a} taken to be {b}")
        elif edge.kind == "missing":
            steps.append(f"missing relation {edge.rid}")
        else:
            verdict = "therefore" if edge.relation is not None else "implied:"
            steps.append(f"{verdict} {b} is blamed for {nodes[-1].outcome}")
    who = chain.get("attributed_to")
    voice = "the author's reasoning" if who is None else f"reasoning attributed to source {_clean(who)}"
    return f"{'; '.join(steps) or 'no links found'}. {caption} ({voice})."


def render_chain_svg(
    chain: Mapping[str, Any],
    relations: Mapping[str, Mapping[str, Any]],
    *,
    sentence_anchor: Callable[[int], str | None] | None = None,
    per_row: int = 4,
    names: Mapping[str, str] | None = None,
) -> str:
    """An inline ``<svg>`` drawing one report ``chains`` entry with its ``relations`` (by id).

    ``sentence_anchor`` maps a relation's ``start`` offset to the id of the
    element to link its arrow to (see :func:`sentence_anchor_lookup`); no
    link when it is None or returns None.  ``per_row`` boxes fit on a row
    before the diagram wraps.  ``names`` maps node ids (entity ids) to the
    names boxes show.  Element ids are prefixed with the chain's id,
    so several chains can share one page if their ids differ.  Tolerant of
    malformed input: unknown support levels are grey, missing relations and
    fields are shown as such, never raised.
    """
    per_row = max(2, per_row)
    prefix = "chain-" + (re.sub(r"[^A-Za-z0-9_-]", "_", str(chain.get("id") or ""))[:40] or "x")
    nodes, edges, missing = _build(chain, relations, names or {})
    weakest_raw = chain.get("weakest_link")
    weakest = str(weakest_raw) if weakest_raw is not None else None

    def place(j: int) -> tuple[int, int]:
        return _MARGIN + (j % per_row) * (_NODE_W + _GAP_X), _TOP + (j // per_row) * (_NODE_H + _GAP_Y)

    strength = _number(chain.get("strength"))
    caption = (
        f"strength {strength:.2f}" if strength is not None else "strength n/a"
    ) + f" · {_responsibility_text(_number(chain.get('responsibility')), chain.get('responsibility_fraction'))}"
    if weakest:
        caption += f" · weakest link {_clean(weakest)}"
    if missing:
        caption += f" · not in the report: {', '.join(missing)}"
    rows = (len(nodes) + per_row - 1) // per_row
    width = max(
        _MARGIN * 2 + min(len(nodes), per_row) * (_NODE_W + _GAP_X) - _GAP_X,
        _MARGIN * 2 + int(len(caption) * _CHAR_W),
    )
    height = _TOP + rows * (_NODE_H + _GAP_Y) - _GAP_Y + _CAPTION_H
    title = f"Blame chain {_clean(chain.get('id'))}: {nodes[-1].text} blamed for {nodes[-1].outcome}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="unspin-chain" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" font-family="{_FONT}">',
        f'<title id="{prefix}-title">{_esc(title)}</title>',
        f'<desc id="{prefix}-desc">{_esc(_describe(chain, nodes, edges, caption))}</desc>',
        _markers(prefix),
    ]
    for i, edge in enumerate(edges):
        (x0, y0), (x1, y1) = place(i), place(i + 1)
        if y0 == y1:
            mid = y0 + _NODE_H // 2
            path = f"M{x0 + _NODE_W},{mid} H{x1 - 2}"
            label_at = ((x0 + _NODE_W + x1) // 2, mid - 8)
        else:  # wrap: down from the box, back left along the gap, down into the next row's first box
            ymid = y0 + _NODE_H + _GAP_Y // 2
            path = f"M{x0 + _NODE_W // 2},{y0 + _NODE_H} V{ymid} H{x1 + _NODE_W // 2} V{y1 - 2}"
            label_at = ((x0 + x1 + _NODE_W) // 2, ymid - 6)
        parts.append(_edge_svg(edge, path, label_at, prefix, weakest, (nodes[i], nodes[i + 1]), sentence_anchor))
    for j, node in enumerate(nodes):
        parts.append(_node_svg(node, *place(j)))
    parts.append(
        f'<text class="chain-caption" x="{_MARGIN}" y="{height - 10}" font-size="12" fill="{_GREY}">'
        f"{_esc(caption)}</text></svg>"
    )
    return "".join(parts)


def sentence_anchor_lookup(sentences: Sequence[Sequence[int]]) -> Callable[[int], str | None]:
    """A ``sentence_anchor`` callback for a report's ``sentences`` ([start, end] pairs, in order).

    Returns ``sentences-{i}`` for the sentence holding the offset — the id
    :mod:`unspin.reports.html_report` gives sentence ``i`` — or None outside
    every sentence.
    """
    spans = [(int(s[0]), int(s[1])) for s in sentences]
    starts = [s for s, _ in spans]

    def anchor(offset: int) -> str | None:
        i = bisect.bisect_right(starts, offset) - 1
        return f"sentences-{i}" if i >= 0 and offset < spans[i][1] else None

    return anchor


def support_legend_svg() -> str:
    """A small inline ``<svg>`` legend: one sample arrow per support level, and the weakest-link mark."""
    prefix = "chain-legend"
    step = 132
    keys = list(SUPPORT_COLOURS)
    width = _MARGIN * 2 + step * (len(keys) + 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="unspin-chain-legend" role="img" '
        f'aria-labelledby="{prefix}-title" viewBox="0 0 {width} 34" width="{width}" height="34" '
        f'font-family="{_FONT}">',
        f'<title id="{prefix}-title">Link support: '
        + ", ".join(f"{k} ({'solid' if SUPPORT_DASHES[k] == 'none' else 'dashed ' + SUPPORT_DASHES[k]})" for k in keys)
        + "; the weakest link is drawn thicker</title>",
        _markers(prefix),
    ]
    for i, key in enumerate([*keys, "weakest"]):
        x = _MARGIN + i * step
        colour, dash = SUPPORT_COLOURS.get(key, _INK), SUPPORT_DASHES.get(key, "none")
        marker = f"{prefix}-arrow-{key}" if key in SUPPORT_COLOURS else f"{prefix}-arrow-therefore"
        parts.append(
            f'<g class="legend-{key}"><path d="M{x},10 H{x + 44}" stroke="{colour if key != "weakest" else _GREY}" '
            f'stroke-width="{4.5 if key == "weakest" else 2.5}" stroke-dasharray="{dash}" '
            f'marker-end="url(#{marker})"/><text x="{x + 52}" y="14" font-size="11" fill="{_INK}">{key}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
