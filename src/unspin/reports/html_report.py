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

import itertools
from collections.abc import Callable, Iterator
from typing import Any

from ..layers import LayerSpec
from .chain_svg import SUPPORT_COLOURS
from .html_chains import chains_section, relation_marks, relations_section
from .html_parts import Mark, esc, link, panel_section
from .html_techniques import TECHNIQUE_COLOURS, technique_css, technique_marks, techniques_section
from .summary import NO_BLAME, SummaryLine, report_summary
from .view import (
    MARK_LEGEND,
    drawn_layers,
    excerpt,
    layer_specs_of,
    source_grade,
    source_name,
    source_summary,
)

__all__ = ["TECHNIQUE_COLOURS", "render_html"]


_DESCRIBE: dict[str, Callable[[dict[str, Any]], str]] = {
    "quotes": lambda q: f"quote {q.get('id', '')} ({q.get('kind', '')})",
    "quantities": lambda q: f"{q.get('value', '')} {q.get('measure') or ''}",
    "dates": lambda d: f"date {d.get('value') or '?'}",
}


def _spec_marks(report: dict[str, Any], specs: list[LayerSpec]) -> Iterator[Mark]:
    for spec in specs:
        for m in spec.layer_marks(report):
            anchor = f"{spec.key}-{m.index}" if m.index is not None else None
            yield Mark(m.start, m.end, spec.key, anchor, m.title, m.css_class)


def _marks(report: dict[str, Any], specs: list[LayerSpec]) -> list[Mark]:
    text: str = report["text"]
    marks: list[Mark] = []
    for i, (s, e) in enumerate(report.get("sentences", [])):
        marks.append(Mark(s, e, "sentences", f"sentences-{i}", f"sentence {i + 1}", f"s{i % 2}"))
    for ent in report.get("entities", []):
        for j, (s, e) in enumerate(ent.get("mentions", [])):
            anchor = f"entities-{ent['id']}-{j}"
            marks.append(Mark(s, e, "entities", anchor, f"{ent.get('label', '')}: {ent.get('name', '')}"))
    for src in report.get("sources", []):
        hover = source_summary(report, src)
        for j, (s, e) in enumerate(src.get("mentions", [])):
            first = f"sources-{src['id']}" if j == 0 else None
            marks.append(Mark(s, e, "sources", first, hover))
    for v in report.get("voice", []):
        if v.get("voice") in ("quoted", "attributed"):
            who = source_name(report, v.get("source_id"))
            marks.append(Mark(v["start"], v["end"], "voice", None, f"{v['voice']}: {who}", f"v-{v['voice']}"))
    for key, describe in _DESCRIBE.items():
        for i, item in enumerate(report.get(key, [])):
            s, e = item.get("start"), item.get("end")
            if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
                marks.append(Mark(s, e, key, f"{key}-{i}", describe(item)))
        if key == "quotes":  # the layers of specs (claims, plugins) are drawn next: their place in hover titles
            marks.extend(_spec_marks(report, specs))
    marks.extend(relation_marks(report))
    marks.extend(technique_marks(report))
    for i, r in enumerate(report.get("reported", [])):
        who = source_name(report, r.get("source_id"))
        marks.append(Mark(r["start"], r["end"], "voice", f"reported-{i}", f"reported speech: {who}", "v-reported"))
    for i, p in enumerate(report.get("paraphrases", [])):
        marks.append(Mark(p["start"], p["end"], "voice", f"paraphrases-{i}", "paraphrased reasoning"))
    for i, f in enumerate(report.get("findings", [])):
        for j, (s, e) in enumerate(f.get("spans", [])):
            marks.append(Mark(s, e, "findings", f"findings-{i}" if j == 0 else None, f.get("kind", "finding")))
    return [m for m in marks if 0 <= m.start < m.end <= len(text)]


def _render_text(text: str, marks: list[Mark], badges: dict[int, list[str]] | None = None) -> str:
    """The article as nested-free segments, each carrying its layers' classes.

    ``badges`` are small labels (a quote's source) shown after a position.
    """
    badges = badges or {}
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks), *badges})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
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


def _spec_section(report: dict[str, Any], spec: LayerSpec) -> str:
    rows = []
    for item in spec.layer_items(report):
        words = esc(item.text)
        line = link(f"{spec.key}-{item.index}", words) if item.index is not None else words
        line += "".join(f' <span class="tag">{esc(t)}</span>' for t in item.tags)
        line += f' <span class="muted">{esc(item.note)}</span>' if item.note else ""
        rows.append(line)
    return panel_section(spec.title, spec.key, report, rows, empty=spec.empty)


def _entities_section(report: dict[str, Any]) -> str:
    rows = []
    for e in report.get("entities", []):
        aliases = e.get("aliases") or []
        alias_txt = f' <span class="muted">also: {esc(", ".join(aliases))}</span>' if aliases else ""
        mentions = e.get("mentions", [])
        eid = e["id"]
        refs = " ".join(link(f"entities-{eid}-{j}", str(j + 1)) for j in range(len(mentions)))
        rows.append(
            f"{link(f'entities-{eid}-0', '<b>' + esc(e.get('name')) + '</b>')} "
            f'<span class="tag">{esc(e.get("label"))}</span>{alias_txt}'
            f'<br><span class="muted refs">mentions: {refs}</span>'
        )
    return panel_section("Entities", "entities", report, rows)


def _quotes_section(report: dict[str, Any]) -> str:
    text: str = report["text"]
    sources = {s["id"]: s for s in report.get("sources", [])}
    rows = [
        link(f"quotes-{i}", f"“{esc(excerpt(text, q['start'], q['end']))}”")
        + f' <span class="muted">— {esc(sources.get(q.get("source_id") or "", {}).get("name", "unattributed"))}'
        + f" ({esc(q.get('kind'))})</span>"
        for i, q in enumerate(report.get("quotes", []))
    ]
    return panel_section("Quotes", "quotes", report, rows)


def _sources_section(report: dict[str, Any]) -> str:
    rows = []
    for src in report.get("sources", []):
        n_quotes = sum(1 for q in report.get("quotes", []) if q.get("source_id") == src.get("id"))
        framing = src.get("framing") or []
        frame = f'<br><span class="warn">framed as: {esc("; ".join(framing))}</span>' if framing else ""
        rows.append(
            f'<span title="{esc(source_summary(report, src))}">'
            f"{link('sources-' + str(src['id']), '<b>' + esc(src.get('name')) + '</b>')}</span> "
            f'<span class="tag">{esc(src.get("kind"))}</span> '
            f'<span class="tag">reliability {esc(source_grade(src))}</span> '
            f'<span class="muted">{n_quotes} quote(s)</span>{frame}'
        )
    return panel_section("Sources", "sources", report, rows)


def _voice_section(report: dict[str, Any], key: str, title: str, verb: str) -> str:
    """Paraphrased reasoning ("reasoning of X") or reported speech ("says X"); nothing when there is none."""
    text: str = report["text"]
    rows = [
        link(f"{key}-{i}", esc(excerpt(text, p["start"], p["end"], 100)))
        + f' <span class="muted">— {verb} {esc(source_name(report, p.get("source_id")))}</span>'
        for i, p in enumerate(report.get(key, []))
    ]
    return panel_section(title, key, report, rows) if rows else ""


def _numbers_section(report: dict[str, Any]) -> str:
    text: str = report["text"]
    rows = [
        link(f"quantities-{i}", esc(excerpt(text, q["start"], q["end"], 60)))
        + f' <span class="muted">= {esc(q.get("value"))} {esc(q.get("measure") or "")}</span>'
        for i, q in enumerate(report.get("quantities", []))
    ] + [
        link(f"dates-{i}", esc(excerpt(text, d["start"], d["end"], 60)))
        + f' <span class="muted">= {esc(d.get("value") or "unresolved")}</span>'
        for i, d in enumerate(report.get("dates", []))
    ]
    return panel_section("Numbers and dates", "quantities", report, rows)


def _findings_section(report: dict[str, Any]) -> str:
    chain_index = {str(c.get("id")): i for i, c in enumerate(report.get("chains", []))}

    def compare(f: dict[str, Any]) -> str:
        ids = f.get("chain_ids")
        if not (isinstance(ids, list) and ids):
            return ""
        links = (link(f"chains-{chain_index[c]}", esc(c)) if c in chain_index else esc(c) for c in ids)
        return ' <span class="muted">compare ' + " and ".join(links) + "</span>"

    rows = [
        f"{link(f'findings-{i}', '<b>' + esc(f.get('kind')) + '</b>')} {esc(f.get('message'))}" + compare(f)
        for i, f in enumerate(report.get("findings", []))
    ]
    return panel_section("Findings", "findings", report, rows)


def _legend() -> str:
    """What each kind of mark in the text means (:data:`~unspin.reports.view.MARK_LEGEND`)."""
    items = "".join(
        f'<li><span class="sample {cls}">{esc(name)}</span> {esc(what)}</li>' for cls, name, what in MARK_LEGEND
    )
    return f'<ul class="legend" aria-label="what the marks mean">{items}</ul>'


def _summary(report: dict[str, Any]) -> str:
    """The report in short, above the text: who is blamed for what, by whom and how strongly; sources,
    techniques, claims and findings (:func:`~unspin.reports.summary.report_summary`)."""
    summary = report_summary(report)

    def item(line: SummaryLine) -> str:
        words = esc(line.text)
        return f"<li>{link(line.anchor, words) if line.anchor else words}</li>"

    blame = "".join(item(x) for x in summary.blame) or f'<li class="none">{esc(NO_BLAME)}</li>'
    rest = "".join(item(x) for x in summary.lines)
    return (
        '<section class="summary"><h2>In short</h2>'
        f'<ul class="blame">{blame}</ul>{f"<ul>{rest}</ul>" if rest else ""}</section>'
    )


def _panel(report: dict[str, Any], specs: list[LayerSpec], anchors: set[str] | None = None) -> str:
    """The side panel; ``anchors`` are the ids the text carries (computed from the report when None)."""
    if anchors is None:
        anchors = {m.anchor for m in _marks(report, specs) if m.anchor}
    return "".join(
        [
            chains_section(report, anchors),  # the reason to open a report: first
            _entities_section(report),
            _quotes_section(report),
            _sources_section(report),
            _voice_section(report, "paraphrases", "Paraphrased reasoning", "reasoning of"),
            _voice_section(report, "reported", "Reported speech", "says"),
            techniques_section(report),
            *(_spec_section(report, spec) for spec in specs),
            relations_section(report, anchors),
            _numbers_section(report),
            _findings_section(report),
        ]
    )


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
.legend{margin:6px 0 0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:2px 14px;font-size:12px;color:#3d4650}
.legend .sample{padding:0 4px;border-radius:3px}
.sample.v-quoted{background:#f6efd9}.sample.v-attributed{background:#e3ecf9;font-style:italic}
.sample.v-reported{text-decoration:underline dotted #5b6573}
.sample.l-findings{background:#ffe9e9;box-shadow:inset 0 -2px 0 #c62828}
.sample.l-techniques{background:#ffd6d6}.sample.l-relations{border-bottom:2px dashed #0072B2}
@media (max-width:600px){header{position:static;padding:10px 12px}a.anchor{scroll-margin-top:8px}
.toggles label{font-size:12px;padding:0 7px}main{padding:10px 8px;gap:10px}article{padding:12px}}
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
.summary{margin:14px 22px 0;background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:8px 16px}
.summary h2{font-size:15px;margin:4px 0}.summary ul{margin:4px 0;padding-left:20px}
.summary ul.blame li{margin:3px 0}
.summary a{color:#1d232b;text-decoration:none;border-bottom:1px dotted #8a96a3}
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


def _layer_css(layers: list[LayerSpec]) -> str:
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
            # a red wavy underline reads as spell-check: a tinted box with a solid red edge instead
            rules.append(f"{sel}~.wrap .l-findings{{background:#ffe9e9;box-shadow:inset 0 -2px 0 #c62828}}")
        else:
            rules.append(f"{sel}~.wrap .l-{layer.key}{{background:{layer.colour}}}")
    return "\n".join(rules)


def render_html(report: dict[str, Any]) -> str:
    """A complete, self-contained HTML page for one report."""
    doc = report.get("document", {})
    text: str = report["text"]
    specs = layer_specs_of(report)
    layers = drawn_layers(report)
    marks = _marks(report, specs)
    counts: dict[str, int] = {}
    for m in marks:
        counts[m.layer] = counts.get(m.layer, 0) + 1
    counts["entities"] = len(report.get("entities", []))
    counts["sources"] = len(report.get("sources", []))
    counts["findings"] = len(report.get("findings", []))
    toggles_in = "".join(
        f'<input class="t" type="checkbox" id="t-{layer.key}"{" checked" if layer.on_by_default else ""}>'
        for layer in layers
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
        f'<meta name="generator" content="unspin {esc(gen.get("version", ""))}">'
        f"<title>unspin — {esc(title)}</title>"
        f"<style>{_CSS}{_layer_css(layers)}\n{technique_css(report)}</style></head><body>"
        f'{toggles_in}<div class="wrap"><header><h1>{esc(title)}</h1>'
        f'<div class="meta">{" · ".join(b for b in meta_bits if b)}</div>'
        f'<div class="meta">pipeline: {esc(pipeline)} · unspin {esc(gen.get("version", ""))} · '
        f"{esc(report.get('schema', ''))}</div>"
        f'<div class="toggles">{toggles}</div>{_legend()}</header>'
        f"{_summary(report)}"
        f"<main><article>{_render_text(text, marks, _badges(report))}</article>"
        f"<aside>{_panel(report, specs, {m.anchor for m in marks if m.anchor})}</aside></main></div>"
        "</body></html>\n"
    )
