"""The HTML report: one self-contained file, built from the JSON report.

The article is shown with its own line structure and every annotation layer
highlighted; a checkbox per layer toggles its highlight (pure CSS, no
script).  A side panel lists entities, quotes and sources, techniques,
claims, causal links, blame chains, numbers and dates, and findings; each
item links to its place in the text.  Each blame chain is a card with an
inline SVG diagram (:mod:`unspin.reports.chain_svg`: one arrow per step,
coloured and dashed by support, the weakest link marked, each arrow a link to
its sentence), its strength, weakest link, responsibility, the alternatives
the text names and the chains of the same shape.

Safety: every piece of article text (and every label, since labels can come
from article text) passes through :func:`html.escape`; the page carries no
script at all and a Content-Security-Policy that forbids scripts and any
network fetch, so an article containing ``<script>`` shows it as text.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..causal.chains import SUPPORT_WEIGHTS
from ..layers import LayerSpec
from ..models.technique_defs import definition, display_name
from .chain_svg import SUPPORT_COLOURS, SUPPORT_DASHES, render_chain_svg, sentence_anchor_lookup
from .view import (
    CHAIN_HELP,
    ChainView,
    candidate_note,
    chain_views,
    end_name,
    entity_names,
    excerpt,
    layer_specs_of,
    loose_blame,
    relation_ends,
    relation_label,
    relation_summary,
    relation_voice,
    report_relations,
    source_name,
    source_summary,
)

__all__ = ["LAYERS", "TECHNIQUE_COLOURS", "render_html"]


@dataclass(frozen=True)
class _Layer:
    key: str
    title: str
    colour: str
    order: int
    on: bool = False  # highlighted when the page opens


#: Layers this module draws itself, with their place among all layers (a :class:`~unspin.layers.LayerSpec` of a
#: component, built-in or plugin, takes its own place by its ``order``).
LAYERS = (
    _Layer("sentences", "Sentences", "#eef2f7", 10),
    _Layer("voice", "Voice", "#efe7da", 20, on=True),
    _Layer("entities", "Entities", "#d8ecff", 30),
    _Layer("quotes", "Quotes", "#fff1c2", 40, on=True),
    _Layer("sources", "Sources", "#e6dcff", 50, on=True),
    _Layer("techniques", "Techniques", "#ffd6d6", 60, on=True),
    _Layer("relations", "Causal links", "#ffe3c7", 80),
    _Layer("quantities", "Numbers", "#d7f3f5", 90),
    _Layer("dates", "Dates", "#f3e0f5", 100),
    _Layer("findings", "Findings", "#ffb3b3", 110, on=True),
)


def _layers(specs: list[LayerSpec]) -> list[_Layer]:
    extra = [_Layer(s.key, s.title, s.colour, s.order, s.on_by_default) for s in specs]
    return sorted([*LAYERS, *extra], key=lambda layer: layer.order)


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    layer: str
    anchor: str | None
    title: str
    extra_class: str = ""


_DESCRIBE: dict[str, Callable[[dict[str, Any]], str]] = {
    "quotes": lambda q: f"quote {q.get('id', '')} ({q.get('kind', '')})",
    "quantities": lambda q: f"{q.get('value', '')} {q.get('measure') or ''}",
    "dates": lambda d: f"date {d.get('value') or '?'}",
}


def _spec_marks(report: dict[str, Any], specs: list[LayerSpec]) -> Iterator[_Mark]:
    for spec in specs:
        for m in spec.layer_marks(report):
            anchor = f"{spec.key}-{m.index}" if m.index is not None else None
            yield _Mark(m.start, m.end, spec.key, anchor, m.title, m.css_class)


def _marks(report: dict[str, Any], specs: list[LayerSpec]) -> list[_Mark]:
    text: str = report["text"]
    marks: list[_Mark] = []
    for i, (s, e) in enumerate(report.get("sentences", [])):
        marks.append(_Mark(s, e, "sentences", f"sentences-{i}", f"sentence {i + 1}", f"s{i % 2}"))
    for ent in report.get("entities", []):
        for j, (s, e) in enumerate(ent.get("mentions", [])):
            anchor = f"entities-{ent['id']}-{j}"
            marks.append(_Mark(s, e, "entities", anchor, f"{ent.get('label', '')}: {ent.get('name', '')}"))
    for src in report.get("sources", []):
        hover = source_summary(report, src)
        for j, (s, e) in enumerate(src.get("mentions", [])):
            first = f"sources-{src['id']}" if j == 0 else None
            marks.append(_Mark(s, e, "sources", first, hover))
    for v in report.get("voice", []):
        if v.get("voice") in ("quoted", "attributed"):
            who = source_name(report, v.get("source_id"))
            marks.append(_Mark(v["start"], v["end"], "voice", None, f"{v['voice']}: {who}", f"v-{v['voice']}"))
    for key, describe in _DESCRIBE.items():
        for i, item in enumerate(report.get(key, [])):
            s, e = item.get("start"), item.get("end")
            if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
                marks.append(_Mark(s, e, key, f"{key}-{i}", describe(item)))
        if key == "quotes":  # the layers of specs (claims, plugins) are drawn next: their place in hover titles
            marks.extend(_spec_marks(report, specs))
    marks.extend(_relation_marks(report))
    marks.extend(_technique_marks(report))
    for i, r in enumerate(report.get("reported", [])):
        who = source_name(report, r.get("source_id"))
        marks.append(_Mark(r["start"], r["end"], "voice", f"reported-{i}", f"reported speech: {who}", "v-reported"))
    for i, p in enumerate(report.get("paraphrases", [])):
        marks.append(_Mark(p["start"], p["end"], "voice", f"paraphrases-{i}", "paraphrased reasoning"))
    for i, f in enumerate(report.get("findings", [])):
        for j, (s, e) in enumerate(f.get("spans", [])):
            marks.append(_Mark(s, e, "findings", f"findings-{i}" if j == 0 else None, f.get("kind", "finding")))
    return [m for m in marks if 0 <= m.start < m.end <= len(text)]


def _render_text(text: str, marks: list[_Mark], badges: dict[int, list[str]] | None = None) -> str:
    """The article as nested-free segments, each carrying its layers' classes.

    ``badges`` are small labels (a quote's source) shown after a position.
    """
    badges = badges or {}
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks), *badges})
    starts: dict[int, list[_Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    active: list[_Mark] = []
    out: list[str] = []
    for a, b in itertools.pairwise(bounds):
        for badge in badges.get(a, []):
            out.append(f'<span class="qsrc">{badge}</span>')
        active = [m for m in active if m.end > a]
        for m in starts.get(a, []):
            active.append(m)
            if m.anchor:
                out.append(f'<a class="anchor" id="{esc(m.anchor)}"></a>')
        chunk = esc(text[a:b])
        if not active:
            out.append(chunk)
            continue
        classes = sorted({f"l-{m.layer}" for m in active} | {m.extra_class for m in active if m.extra_class})
        title = " | ".join(dict.fromkeys(m.title for m in active))
        out.append(f'<span class="{" ".join(classes)}" title="{esc(title)}">{chunk}</span>')
    return "".join(out)


def _badges(report: dict[str, Any]) -> dict[int, list[str]]:
    """After each quotation (not quoted phrases), who it is attributed to."""
    out: dict[int, list[str]] = {}
    for q in report.get("quotes", []):
        if q.get("phrase") or q.get("source_id") is None:
            continue
        name = source_name(report, q.get("source_id"))
        end = q["end"]
        text: str = report["text"]
        while end < len(text) and text[end] in "\"'”’»":
            end += 1  # after the closing mark
        out.setdefault(end, []).append(f"◂ {esc(name)}")
    return out


def _link(anchor: str, label: str) -> str:
    return f'<a href="#{esc(anchor)}">{label}</a>'


def _section(
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


def _spec_section(report: dict[str, Any], spec: LayerSpec) -> str:
    rows = []
    for item in spec.layer_items(report):
        words = esc(item.text)
        line = _link(f"{spec.key}-{item.index}", words) if item.index is not None else words
        line += "".join(f' <span class="tag">{esc(t)}</span>' for t in item.tags)
        line += f' <span class="muted">{esc(item.note)}</span>' if item.note else ""
        rows.append(line)
    return _section(spec.title, spec.key, report, rows, empty=spec.empty)


def _panel(report: dict[str, Any], specs: list[LayerSpec], anchors: set[str] | None = None) -> str:
    """The side panel; ``anchors`` are the ids the text carries (computed from the report when None)."""
    text: str = report["text"]
    if anchors is None:
        anchors = {m.anchor for m in _marks(report, specs) if m.anchor}
    parts: list[str] = []
    ents = []
    for e in report.get("entities", []):
        aliases = e.get("aliases") or []
        alias_txt = f' <span class="muted">also: {esc(", ".join(aliases))}</span>' if aliases else ""
        mentions = e.get("mentions", [])
        eid = e["id"]
        refs = " ".join(_link(f"entities-{eid}-{j}", str(j + 1)) for j in range(len(mentions)))
        ents.append(
            f"{_link(f'entities-{eid}-0', '<b>' + esc(e.get('name')) + '</b>')} "
            f'<span class="tag">{esc(e.get("label"))}</span>{alias_txt}'
            f'<br><span class="muted refs">mentions: {refs}</span>'
        )
    parts.append(_section("Entities", "entities", report, ents))
    sources = {s["id"]: s for s in report.get("sources", [])}
    quotes = [
        _link(f"quotes-{i}", f"“{esc(excerpt(text, q['start'], q['end']))}”")
        + f' <span class="muted">— {esc(sources.get(q.get("source_id") or "", {}).get("name", "unattributed"))}'
        + f" ({esc(q.get('kind'))})</span>"
        for i, q in enumerate(report.get("quotes", []))
    ]
    parts.append(_section("Quotes", "quotes", report, quotes))
    srcs = []
    for src in report.get("sources", []):
        n_quotes = sum(1 for q in report.get("quotes", []) if q.get("source_id") == src.get("id"))
        grade = (src.get("grade") or {}).get("reliability", "F")
        framing = src.get("framing") or []
        frame = f'<br><span class="warn">framed as: {esc("; ".join(framing))}</span>' if framing else ""
        srcs.append(
            f'<span title="{esc(source_summary(report, src))}">'
            f"{_link('sources-' + str(src['id']), '<b>' + esc(src.get('name')) + '</b>')}</span> "
            f'<span class="tag">{esc(src.get("kind"))}</span> <span class="tag">reliability {esc(grade)}</span> '
            f'<span class="muted">{n_quotes} quote(s)</span>{frame}'
        )
    parts.append(_section("Sources", "sources", report, srcs))
    paras = [
        _link(f"paraphrases-{i}", esc(excerpt(text, p["start"], p["end"], 100)))
        + f' <span class="muted">— reasoning of {esc(source_name(report, p.get("source_id")))}</span>'
        for i, p in enumerate(report.get("paraphrases", []))
    ]
    if paras:
        parts.append(_section("Paraphrased reasoning", "paraphrases", report, paras))
    reported = [
        _link(f"reported-{i}", esc(excerpt(text, r["start"], r["end"], 100)))
        + f' <span class="muted">— says {esc(source_name(report, r.get("source_id")))}</span>'
        for i, r in enumerate(report.get("reported", []))
    ]
    if reported:
        parts.append(_section("Reported speech", "reported", report, reported))
    parts.append(_techniques_section(report))
    parts.extend(_spec_section(report, spec) for spec in specs)
    parts.append(_relations_section(report, anchors))
    parts.append(_chains_section(report, anchors))
    numbers = [
        _link(f"quantities-{i}", esc(excerpt(text, q["start"], q["end"], 60)))
        + f' <span class="muted">= {esc(q.get("value"))} {esc(q.get("measure") or "")}</span>'
        for i, q in enumerate(report.get("quantities", []))
    ] + [
        _link(f"dates-{i}", esc(excerpt(text, d["start"], d["end"], 60)))
        + f' <span class="muted">= {esc(d.get("value") or "unresolved")}</span>'
        for i, d in enumerate(report.get("dates", []))
    ]
    parts.append(_section("Numbers and dates", "quantities", report, numbers))
    chain_index = {str(c.get("id")): i for i, c in enumerate(report.get("chains", []))}
    findings = [
        f"{_link(f'findings-{i}', '<b>' + esc(f.get('kind')) + '</b>')} {esc(f.get('message'))}"
        + (
            ' <span class="muted">compare '
            + " and ".join(
                _link(f"chains-{chain_index[c]}", esc(c)) if c in chain_index else esc(c) for c in f["chain_ids"]
            )
            + "</span>"
            if isinstance(f.get("chain_ids"), list) and f["chain_ids"]
            else ""
        )
        for i, f in enumerate(report.get("findings", []))
    ]
    parts.append(_section("Findings", "findings", report, findings))
    return "".join(parts)


# ---------------------------------------------------------------------------------------------------------------
# Causal links and blame chains.


def _support_key(value: Any) -> str:
    """A CSS-safe support class suffix: the support level, or ``unknown``."""
    return value if isinstance(value, str) and value in SUPPORT_COLOURS else "unknown"


def _relation_marks(report: dict[str, Any]) -> list[_Mark]:
    text: str = report["text"]
    names = entity_names(report)
    out = []
    for i, r in enumerate(report.get("relations", [])):
        s, e = r.get("start"), r.get("end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
            title = f"causal link {r.get('id', '')} — {relation_summary(report, r, names)}"
            marks_class = f"sup-{_support_key(r.get('support'))}"
            out.append(_Mark(s, e, "relations", f"relations-{i}", title, marks_class))
    return out


def _support_badge(support: Any) -> str:
    return f'<span class="tag sup sup-{_support_key(support)}">{esc(support or "support unknown")}</span>'


def _relations_section(report: dict[str, Any], anchors: set[str]) -> str:
    text: str = report["text"]
    names = entity_names(report)
    rows = []
    for i, r in enumerate(report.get("relations", [])):
        label = f"<b>{esc(relation_label(r))}</b>"
        s, e = r.get("start"), r.get("end")
        words = excerpt(text, s, e, 120) if isinstance(s, int) and isinstance(e, int) else ""
        rows.append(
            f'<span title="{esc(words)}">{_link(f"relations-{i}", label) if f"relations-{i}" in anchors else label}'
            f"</span>: {esc(relation_ends(r, names))} "
            f'{_support_badge(r.get("support"))} <span class="muted">{esc(relation_voice(report, r))}</span>'
        )
    section = _section("Causal links", "relations", report, rows, empty="No causal links found.")
    candidates = report.get("relation_candidates") or []
    if not candidates:
        return section
    items = "".join(
        f"<li><b>{esc(relation_label(r))}</b>: "
        f"{esc(relation_ends(r, names))} {_support_badge(r.get('support'))} "
        f'<span class="muted">{esc(relation_voice(report, r))}{esc(candidate_note({**r, "candidate": True}))}</span>'
        f"</li>"
        for r in candidates
    )
    extra = (
        f"<details><summary>Candidates ({len(candidates)}): links found in ways that were often wrong on "
        f"annotated real articles; not used in chains</summary><ol>{items}</ol></details>"
    )
    return section.replace("</section>", extra + "</section>")


def _chain_card(
    report: dict[str, Any],
    view: ChainView,
    rels: dict[str, Any],
    rel_index: dict[str, int],
    chain_index: dict[str, int],
    anchors: set[str],
) -> str:
    text: str = report["text"]
    names = entity_names(report)

    def rel_link(rid: Any, label: str | None = None, limit: int = 90) -> str:
        r = rels.get(rid) if isinstance(rid, str) else None
        if r is None:
            return esc(rid) + ' <span class="muted">(not in the report)</span>'
        s, e = r.get("start"), r.get("end")
        words = label or (
            f"“{esc(excerpt(text, s, e, limit))}”" if isinstance(s, int) and isinstance(e, int) else esc(rid)
        )
        anchor = f"relations-{rel_index[rid]}"
        return _link(anchor, words) if anchor in anchors else words

    lookup = sentence_anchor_lookup(report.get("sentences", []))

    def sentence_anchor(offset: int) -> str | None:
        anchor = lookup(offset)
        return anchor if anchor in anchors else None

    head = f"{esc(view.id)} — {esc(view.blamed)} blamed for {esc(view.outcome)}"
    if view.conclusion_id:
        kind = f"explicit: the text concludes {rel_link(view.conclusion_id)}"
    else:
        kind = "implicit: the text never states the conclusion, the links imply it"
    lines = [
        f'<a class="anchor" id="chains-{view.index}"></a><h3>{head}</h3>',
        f'<p class="muted">{esc(view.reasoning)} · {kind}</p>',
        '<div class="chain-svg">'
        + render_chain_svg(view.chain, rels, sentence_anchor=sentence_anchor, per_row=2, names=names)
        + "</div>",
    ]
    numbers = []
    if view.strength is not None:
        product = f" = {view.product}" if view.product else ""
        numbers.append(f"strength <b>{view.strength:.2f}</b>{product}")
    weakest = view.weakest_link
    if weakest:
        weak = rels.get(weakest)
        what = f" ({esc(weak.get('type'))}, {esc(weak.get('support'))})" if weak else ""
        numbers.append(f'<span class="weakest-note">weakest link</span> {rel_link(weakest)}{what}')
    if view.minimum is not None:
        numbers.append(f"minimum {view.minimum:.2f}")
    if view.responsibility is not None:
        frac = f" ({esc(view.fraction)})" if view.fraction else ""
        numbers.append(f"responsibility <b>{view.responsibility:.2f}</b>{frac}")
    lines.append(f'<p class="chain-numbers">{" · ".join(numbers)}</p>')
    if view.alternatives:
        alts = []
        for rid in view.alternatives:
            r = rels.get(rid)
            extra = f" ({esc(r.get('support'))}; {esc(relation_voice(report, r))})" if r else ""
            alts.append(rel_link(rid) + extra)
        lines.append(f"<p>Alternatives named in the text: {'; '.join(alts)}</p>")
    else:
        lines.append('<p class="muted">The text names no alternative cause.</p>')
    same = [_link(f"chains-{chain_index[c]}", esc(c)) if c in chain_index else esc(c) for c in view.same_shape_as]
    if same:
        lines.append(f'<p class="warn">Same shape as {", ".join(same)}: the same argument blames another actor.</p>')
    step_rows = []
    for step in view.steps:
        if step.relation is None:
            step_rows.append(f"missing relation {esc(', '.join(step.missing) or step.relation_id)}")
            continue
        weight = f", {step.weight:.2f}" if step.weight is not None else ""
        links = " ".join(rel_link(r, esc(r)) for r in step.relation_ids)
        step_rows.append(
            f"{esc(end_name(step.relation.get('cause'), names))} —{esc(step.label)}→ "
            f"{esc(end_name(step.relation.get('effect'), names))} "
            f'<span class="muted">({esc(step.support or "support unknown")}{weight}; {links})</span>'
            + (' <span class="weakest-note">weakest</span>' if weakest and weakest in step.relation_ids else "")
        )
    if step_rows:
        lines.append(
            f"<details><summary>Steps in words</summary><ol>{''.join(f'<li>{r}</li>' for r in step_rows)}</ol>"
            "</details>"
        )
    return "".join(lines)


def _chain_legend() -> str:
    """Link support as the diagrams draw it (colour and dash), with each level's default weight."""
    items = []
    for support, colour in SUPPORT_COLOURS.items():
        items.append(
            f'<li><svg xmlns="http://www.w3.org/2000/svg" width="40" height="10" aria-hidden="true">'
            f'<path d="M0,5 H40" stroke="{colour}" stroke-width="2.5" stroke-dasharray="{SUPPORT_DASHES[support]}"/>'
            f"</svg>{esc(support)} {SUPPORT_WEIGHTS.get(support, 0):.2f}</li>"
        )
    items.append(
        '<li><svg xmlns="http://www.w3.org/2000/svg" width="40" height="10" aria-hidden="true">'
        '<path d="M0,5 H40" stroke="#5b6573" stroke-width="5"/></svg>'
        '<span class="weakest-note">weakest link</span> (thicker)</li>'
    )
    return f'<ul class="chain-legend" aria-label="link support legend">{"".join(items)}</ul>'


def _chains_section(report: dict[str, Any], anchors: set[str]) -> str:
    rels = report_relations(report)
    rel_index = {str(r["id"]): i for i, r in enumerate(report.get("relations", [])) if r.get("id") is not None}
    views = chain_views(report)
    chain_index = {str(c.get("id")): i for i, c in enumerate(report.get("chains", []))}
    cards = [_chain_card(report, v, rels, rel_index, chain_index, anchors) for v in views]
    lead = f'<p class="chain-help">{esc(CHAIN_HELP)}</p>{_chain_legend()}'
    heading, loose = loose_blame(report)
    empty = "No chain could be assembled from the causal links." if loose else "No blame chains found."
    section = _section("Blame chains", "chains", report, cards, lead, empty, list_class="chains")
    if not loose:
        return section
    items = "".join(
        f"<li><b>{esc(b.ends)}</b> {_support_badge(b.support)} "
        f'<span class="muted">{esc(b.voice)}{esc(b.note)}</span> — {esc(excerpt(report["text"], b.start, b.end, 120))}'
        "</li>"
        for b in loose
    )
    extra = f'<h3>{esc(heading)}</h3><ul class="loose-blame">{items}</ul>'
    return section.replace("</section>", extra + "</section>")


_CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;
  color:#1d232b;background:#f7f8fa}
header{padding:14px 22px;background:#fff;border-bottom:1px solid #dde2e8;
  position:sticky;top:0;z-index:2}
header h1{margin:0 0 4px;font-size:19px}
.meta{color:#5b6573;font-size:13px}
.toggles{margin-top:8px;display:flex;flex-wrap:wrap;gap:6px}
.toggles label{cursor:pointer;border:1px solid #ccd3db;border-radius:12px;
  padding:1px 10px;font-size:13px;user-select:none}
input.t{position:absolute;left:-9999px}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(280px,2fr);gap:18px;padding:18px 22px}
article{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:18px 22px;
  white-space:pre-wrap;overflow-wrap:anywhere}
aside{font-size:14px}
aside section{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:8px 14px;margin-bottom:12px}
aside h2{font-size:15px;margin:4px 0}
aside ol{padding-left:22px;margin:4px 0}
aside li{margin:3px 0}
.muted{color:#5b6573}
.none{color:#7a8490;font-style:italic;margin:4px 0}
.tag{font-size:11px;border:1px solid #ccd3db;border-radius:8px;padding:0 5px;color:#444}
a{color:#0b57d0}
.qsrc{display:none;font-size:11px;color:#6b4e00;background:#fff1c2;border-radius:6px;padding:0 5px;margin-left:3px;
  white-space:nowrap}
.warn{color:#a12a2a;font-size:13px}
a.anchor{scroll-margin-top:140px}
aside h3{font-size:14px;margin:4px 0 2px}
aside p{margin:4px 0}
ol.chains{list-style:none;padding-left:0}
ol.chains>li{border-top:1px solid #dde2e8;padding-top:6px;margin-top:10px}
.chain-svg svg{display:block;max-width:100%;height:auto;margin:6px 0}
.chain-help{font-size:13px;color:#3d4650}
.chain-legend{margin:4px 0 8px;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:2px 14px;font-size:13px}
.chain-legend li{margin:0}
.chain-legend svg{vertical-align:middle;margin-right:4px}
.weakest-note{font-weight:bold;color:#a12a2a}
details summary{cursor:pointer;color:#5b6573}
@media (max-width:900px){main{grid-template-columns:1fr}}
"""


#: Underline of a causal link in the text per support: the weaker, the more broken (colour is not the only cue).
_SUPPORT_BORDER = {
    "sourced": "solid",
    "asserted": "dashed",
    "hedged": "dashed",
    "speculative": "dotted",
    "question": "dotted",
}


def _layer_css(layers: list[_Layer]) -> str:
    rules = [
        f".tag.sup-{support}{{border-color:{colour};box-shadow:inset 4px 0 0 {colour};padding-left:8px}}"
        for support, colour in SUPPORT_COLOURS.items()
    ]
    for layer in layers:
        sel = f"#t-{layer.key}:checked"
        rules.append(f'{sel}~.wrap label[for="t-{layer.key}"]{{background:{layer.colour};border-color:#8a96a3}}')
        if layer.key == "sentences":
            rules.append(f"{sel}~.wrap .l-sentences.s0{{background:#eef2f7}}")
            rules.append(f"{sel}~.wrap .l-sentences.s1{{background:#fbf7ee}}")
        elif layer.key == "entities":
            rules.append(f"{sel}~.wrap .l-entities{{border-bottom:2px solid #3b82f6;background:{layer.colour}}}")
        elif layer.key == "quotes":
            rules.append(f"{sel}~.wrap .l-quotes{{background:{layer.colour}}}")
            rules.append(f"{sel}~.wrap .qsrc{{display:inline}}")
        elif layer.key == "voice":
            rules.append(f"{sel}~.wrap .l-voice.v-quoted{{background:#f6efd9}}")
            rules.append(f"{sel}~.wrap .l-voice.v-attributed{{background:#e3ecf9;font-style:italic}}")
            rules.append(f"{sel}~.wrap .l-voice.v-reported{{text-decoration:underline dotted #5b6573}}")
        elif layer.key == "relations":
            rules.append(f"{sel}~.wrap .l-relations{{background:{layer.colour}}}")
            for support, colour in SUPPORT_COLOURS.items():
                style = _SUPPORT_BORDER.get(support, "solid")
                rules.append(f"{sel}~.wrap .l-relations.sup-{support}{{border-bottom:2px {style} {colour}}}")
        elif layer.key == "findings":
            rules.append(f"{sel}~.wrap .l-findings{{text-decoration:underline wavy #c62828}}")
        else:
            rules.append(f"{sel}~.wrap .l-{layer.key}{{background:{layer.colour}}}")
    return "\n".join(rules)


# ---------------------------------------------------------------------------------------------------------------
# Persuasion techniques: a colour per technique, a legend, the definition on hover.

#: Background of each PTC technique's spans.  Fourteen light colours, all but one (#D4AA88) from published
#: colour-blind-aware qualitative palettes (Okabe-Ito, Paul Tol's light, pale and medium-contrast schemes,
#: ColorBrewer Set3 / Paired / PRGn), chosen so that every pair stays apart in CIELAB for normal vision
#: (ΔE76 ≥ 19) and under simulated deuteranopia, protanopia and tritanopia (ΔE76 ≥ 9, Machado et al. 2009).
#: The usual article text colour (#1d232b) has a WCAG contrast ratio of at least 6 on every one.
TECHNIQUE_COLOURS: dict[str, str] = {
    "Loaded_Language": "#FDB462",
    "Name_Calling,Labeling": "#56B4E9",
    "Repetition": "#B2DF8A",
    "Exaggeration,Minimisation": "#C2A5CF",
    "Doubt": "#8DD3C7",
    "Appeal_to_fear-prejudice": "#EE8866",
    "Flag-Waving": "#FCCDE5",
    "Causal_Oversimplification": "#BBCC33",
    "Slogans": "#E69F00",
    "Appeal_to_Authority": "#BBCCEE",
    "Black-and-White_Fallacy": "#D4AA88",
    "Thought-terminating_Cliches": "#CCDDAA",
    "Whataboutism,Straw_Men,Red_Herring": "#EE99AA",
    "Bandwagon,Reductio_ad_hitlerum": "#FFED6F",
}
_OTHER_TECHNIQUE = ("tq-other", "#DDDDDD")  # a label outside the 14 PTC classes
_TECHNIQUE_ORDER = {label: i for i, label in enumerate(TECHNIQUE_COLOURS)}
_TQ_SEL = "#t-techniques:checked~.wrap .l-techniques"


def _technique_label(t: dict[str, Any]) -> str:
    return str(t.get("technique") or t.get("label") or "")


def _technique_class(label: str) -> str:
    """The CSS class of a technique: ``tq-`` and the label in lower case with runs of other characters as ``-``."""
    if label not in TECHNIQUE_COLOURS:
        return _OTHER_TECHNIQUE[0]
    return "tq-" + "-".join("".join(c if c.isalnum() else " " for c in label.lower()).split())


def _technique_colour(label: str) -> str:
    return TECHNIQUE_COLOURS.get(label, _OTHER_TECHNIQUE[1])


def _technique_hover(label: str, score: Any = None) -> str:
    """``Display name — definition (score 0.87)``; without a definition or a score, those parts are left out."""
    out = display_name(label)
    if definition(label):
        out += f" — {definition(label)}"
    if score is not None:
        out += f" (score {float(score):.2f})"
    return out


def _technique_items(report: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """The techniques with a valid span, with their index in the report (the ``techniques-<i>`` anchor)."""
    n = len(report["text"])
    return [
        (i, t)
        for i, t in enumerate(report.get("techniques", []))
        if isinstance(t.get("start"), int) and isinstance(t.get("end"), int) and 0 <= t["start"] < t["end"] <= n
    ]


def _technique_marks(report: dict[str, Any]) -> list[_Mark]:
    return [
        _Mark(
            t["start"],
            t["end"],
            "techniques",
            f"techniques-{i}",
            _technique_hover(_technique_label(t), t.get("score")),
            _technique_class(_technique_label(t)),
        )
        for i, t in _technique_items(report)
    ]


def _technique_overlaps(report: dict[str, Any]) -> set[tuple[str, ...]]:
    """Every set of two or more different techniques that share some characters (in colour order)."""
    items = [(t["start"], t["end"], _technique_label(t)) for _, t in _technique_items(report)]
    bounds = sorted({b for s, e, _ in items for b in (s, e)})
    found: set[tuple[str, ...]] = set()
    for a, b in itertools.pairwise(bounds):
        labels = {label for s, e, label in items if s <= a and b <= e}
        if len(labels) > 1:
            found.add(tuple(sorted(labels, key=lambda x: (_TECHNIQUE_ORDER.get(x, len(_TECHNIQUE_ORDER)), x))))
    return found


def _technique_css(report: dict[str, Any]) -> str:
    """A background per technique (while the layer is on), swatches, and stripes where techniques overlap.

    Text covered by several techniques carries all their classes; a rule for each such combination in this
    report paints diagonal stripes of all their colours, so no technique hides another.
    """
    rules = [
        ".tq-legend{margin:4px 0 8px;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:4px 12px}",
        ".tq-legend li{cursor:help;margin:0}",
        ".tq-swatch{display:inline-block;width:.95em;height:.95em;border:1px solid #8a96a3;border-radius:3px;"
        "vertical-align:-2px;margin-right:4px}",
        f"{_TQ_SEL}{{cursor:help}}",
    ]
    for cls, colour in [(_technique_class(label), c) for label, c in TECHNIQUE_COLOURS.items()] + [_OTHER_TECHNIQUE]:
        rules.append(f".tq-swatch.{cls}{{background:{colour}}}")
        rules.append(f"{_TQ_SEL}.{cls}{{background:{colour}}}")
    for combo in sorted(_technique_overlaps(report)):
        stops = ",".join(
            f"{_technique_colour(label)} {k * 0.45:.2f}em {(k + 1) * 0.45:.2f}em" for k, label in enumerate(combo)
        )
        classes = "".join(f".{cls}" for cls in dict.fromkeys(_technique_class(label) for label in combo))
        rules.append(f"{_TQ_SEL}{classes}{{background:repeating-linear-gradient(135deg,{stops})}}")
    return "\n".join(rules)


def _techniques_section(report: dict[str, Any]) -> str:
    """The panel's techniques: a legend of the techniques found (count, definition on hover), then each span."""
    text: str = report["text"]
    items = _technique_items(report)
    counts: dict[str, int] = {}
    for _, t in items:
        counts[_technique_label(t)] = counts.get(_technique_label(t), 0) + 1
    legend = "".join(
        f'<li title="{esc(_technique_hover(label))}"><span class="tq-swatch {_technique_class(label)}"></span>'
        f'{esc(display_name(label))} <span class="muted">{n}</span></li>'
        for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], display_name(kv[0])))
    )
    lead = f'<ul class="tq-legend" aria-label="technique legend">{legend}</ul>' if legend else ""
    rows = []
    for i, t in items:
        label = _technique_label(t)
        rows.append(
            f'<span class="tq-swatch {_technique_class(label)}"></span>'
            f'<span title="{esc(_technique_hover(label, t.get("score")))}">'
            f"{_link(f'techniques-{i}', esc(display_name(label)))}</span> "
            f'<span class="muted">{float(t.get("score") or 0):.2f}</span> '
            f"“{esc(excerpt(text, t['start'], t['end'], 100))}”"
        )
    return _section("Persuasion techniques", "techniques", report, rows, lead, "No persuasion techniques found.")


def render_html(report: dict[str, Any]) -> str:
    """A complete, self-contained HTML page for one report."""
    doc = report.get("document", {})
    text: str = report["text"]
    specs = layer_specs_of(report)
    layers = _layers(specs)
    marks = _marks(report, specs)
    counts: dict[str, int] = {}
    for m in marks:
        counts[m.layer] = counts.get(m.layer, 0) + 1
    counts["entities"] = len(report.get("entities", []))
    counts["sources"] = len(report.get("sources", []))
    counts["findings"] = len(report.get("findings", []))
    toggles_in = "".join(
        f'<input class="t" type="checkbox" id="t-{layer.key}"{" checked" if layer.on else ""}>' for layer in layers
    )
    toggles = "".join(
        f'<label for="t-{layer.key}" title="show or hide {esc(layer.title.lower())}">'
        f"{esc(layer.title)} {counts.get(layer.key, 0)}</label>"
        for layer in layers
    )
    title = doc.get("title") or doc.get("id") or "article"
    meta_bits = [
        f"id {esc(doc.get('id'))}",
        f"{doc.get('words', len(text.split()))} words",
        f"source {esc(doc.get('source'))}" if doc.get("source") else "",
        f"published {esc(doc.get('published'))}" if doc.get("published") else "",
        f"author {esc(doc.get('author'))}" if doc.get("author") else "",
        f"sha256 {esc(str(doc.get('sha256', ''))[:12])}…",
    ]
    pipeline = ", ".join(c.get("name", "") for c in report.get("pipeline", []))
    gen = report.get("generator", {})
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>unspin — {esc(title)}</title>"
        f"<style>{_CSS}{_layer_css(layers)}\n{_technique_css(report)}</style></head><body>"
        f'{toggles_in}<div class="wrap"><header><h1>{esc(title)}</h1>'
        f'<div class="meta">{" · ".join(b for b in meta_bits if b)}</div>'
        f'<div class="meta">pipeline: {esc(pipeline)} · unspin {esc(gen.get("version", ""))} · '
        f"{esc(report.get('schema', ''))}</div>"
        f'<div class="toggles">{toggles}</div></header>'
        f"<main><article>{_render_text(text, marks, _badges(report))}</article>"
        f"<aside>{_panel(report, specs, {m.anchor for m in marks if m.anchor})}</aside></main></div>"
        "</body></html>\n"
    )
