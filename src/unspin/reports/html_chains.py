"""The HTML report's causal links and blame chains: link highlights, the links section, a card per chain with
its diagram, numbers, alternatives and steps, and the blame stated outside any chain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..causal.chains import SUPPORT_WEIGHTS
from .chain_svg import SUPPORT_COLOURS, SUPPORT_DASHES, render_chain_svg, sentence_anchor_lookup
from .html_parts import Mark, esc, link, panel_section
from .view import (
    CHAIN_HELP,
    ChainView,
    candidate_note,
    chain_views,
    end_name,
    entity_names,
    excerpt,
    loose_blame,
    relation_ends,
    relation_label,
    relation_summary,
    relation_voice,
    report_relations,
)

__all__ = ["chains_section", "relation_marks", "relations_section"]


def _support_key(value: Any) -> str:
    """A CSS-safe support class suffix: the support level, or ``unknown``."""
    return value if isinstance(value, str) and value in SUPPORT_COLOURS else "unknown"


def relation_marks(report: dict[str, Any]) -> list[Mark]:
    text: str = report["text"]
    names = entity_names(report)
    out = []
    for i, r in enumerate(report.get("relations", [])):
        s, e = r.get("start"), r.get("end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
            title = f"causal link {r.get('id', '')} — {relation_summary(report, r, names)}"
            marks_class = f"sup-{_support_key(r.get('support'))}"
            out.append(Mark(s, e, "relations", f"relations-{i}", title, marks_class))
    return out


def _support_badge(support: Any) -> str:
    return f'<span class="tag sup sup-{_support_key(support)}">{esc(support or "support unknown")}</span>'


def relations_section(report: dict[str, Any], anchors: set[str]) -> str:
    text: str = report["text"]
    names = entity_names(report)
    rows = []
    for i, r in enumerate(report.get("relations", [])):
        label = f"<b>{esc(relation_label(r))}</b>"
        s, e = r.get("start"), r.get("end")
        words = excerpt(text, s, e, 120) if isinstance(s, int) and isinstance(e, int) else ""
        rows.append(
            f'<span title="{esc(words)}">{link(f"relations-{i}", label) if f"relations-{i}" in anchors else label}'
            f"</span>: {esc(relation_ends(r, names))} "
            f'{_support_badge(r.get("support"))} <span class="muted">{esc(relation_voice(report, r))}</span>'
        )
    section = panel_section("Causal links", "relations", report, rows, empty="No causal links found.")
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


@dataclass(frozen=True)
class _Links:
    """Links from a chain card to the causal links the text carries an anchor for."""

    text: str
    rels: dict[str, Any]
    rel_index: dict[str, int]
    anchors: set[str]

    def rel(self, rid: Any, label: str | None = None, limit: int = 90) -> str:
        """A relation's words (or ``label``), linked to its place in the text; a missing one says so."""
        r = self.rels.get(rid) if isinstance(rid, str) else None
        if r is None:
            return esc(rid) + ' <span class="muted">(not in the report)</span>'
        s, e = r.get("start"), r.get("end")
        words = label or (
            f"“{esc(excerpt(self.text, s, e, limit))}”" if isinstance(s, int) and isinstance(e, int) else esc(rid)
        )
        anchor = f"relations-{self.rel_index[rid]}"
        return link(anchor, words) if anchor in self.anchors else words


def _chain_numbers(view: ChainView, links: _Links) -> str:
    numbers = []
    if view.strength is not None:
        product = f" = {view.product}" if view.product else ""
        numbers.append(f"strength <b>{view.strength:.2f}</b>{product}")
    weakest = view.weakest_link
    if weakest:
        weak = links.rels.get(weakest)
        what = f" ({esc(weak.get('type'))}, {esc(weak.get('support'))})" if weak else ""
        numbers.append(f'<span class="weakest-note">weakest link</span> {links.rel(weakest)}{what}')
    if view.minimum is not None:
        numbers.append(f"minimum {view.minimum:.2f}")
    if view.responsibility is not None:
        frac = f" ({esc(view.fraction)})" if view.fraction else ""
        numbers.append(f"responsibility <b>{view.responsibility:.2f}</b>{frac}")
    return f'<p class="chain-numbers">{" · ".join(numbers)}</p>'


def _alternatives(report: dict[str, Any], view: ChainView, links: _Links) -> str:
    if not view.alternatives:
        return '<p class="muted">The text names no alternative cause.</p>'
    alts = []
    for rid in view.alternatives:
        r = links.rels.get(rid)
        extra = f" ({esc(r.get('support'))}; {esc(relation_voice(report, r))})" if r else ""
        alts.append(links.rel(rid) + extra)
    return f"<p>Alternatives named in the text: {'; '.join(alts)}</p>"


def _steps(view: ChainView, links: _Links, names: dict[str, str]) -> str:
    rows = []
    for step in view.steps:
        if step.relation is None:
            rows.append(f"missing relation {esc(', '.join(step.missing) or step.relation_id)}")
            continue
        weight = f", {step.weight:.2f}" if step.weight is not None else ""
        refs = " ".join(links.rel(r, esc(r)) for r in step.relation_ids)
        weakest = view.weakest_link and view.weakest_link in step.relation_ids
        rows.append(
            f"{esc(end_name(step.relation.get('cause'), names))} —{esc(step.label)}→ "
            f"{esc(end_name(step.relation.get('effect'), names))} "
            f'<span class="muted">({esc(step.support or "support unknown")}{weight}; {refs})</span>'
            + (' <span class="weakest-note">weakest</span>' if weakest else "")
        )
    if not rows:
        return ""
    return f"<details><summary>Steps in words</summary><ol>{''.join(f'<li>{r}</li>' for r in rows)}</ol></details>"


def _chain_card(report: dict[str, Any], view: ChainView, links: _Links, chain_index: dict[str, int]) -> str:
    names = entity_names(report)
    lookup = sentence_anchor_lookup(report.get("sentences", []))

    def sentence_anchor(offset: int) -> str | None:
        anchor = lookup(offset)
        return anchor if anchor in links.anchors else None

    head = f"{esc(view.id)} — {esc(view.blamed)} blamed for {esc(view.outcome)}"
    if view.conclusion_id:
        kind = f"explicit: the text concludes {links.rel(view.conclusion_id)}"
    else:
        kind = "implicit: the text never states the conclusion, the links imply it"
    same = [link(f"chains-{chain_index[c]}", esc(c)) if c in chain_index else esc(c) for c in view.same_shape_as]
    return "".join(
        [
            f'<a class="anchor" id="chains-{view.index}"></a><h3>{head}</h3>',
            f'<p class="muted">{esc(view.reasoning)} · {kind}</p>',
            '<div class="chain-svg">'
            + render_chain_svg(view.chain, links.rels, sentence_anchor=sentence_anchor, per_row=2, names=names)
            + "</div>",
            _chain_numbers(view, links),
            _alternatives(report, view, links),
            f'<p class="warn">Same shape as {", ".join(same)}: the same argument blames another actor.</p>'
            if same
            else "",
            _steps(view, links, names),
        ]
    )


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


def chains_section(report: dict[str, Any], anchors: set[str]) -> str:
    rels = report_relations(report)
    rel_index = {str(r["id"]): i for i, r in enumerate(report.get("relations", [])) if r.get("id") is not None}
    views = chain_views(report)
    chain_index = {str(c.get("id")): i for i, c in enumerate(report.get("chains", []))}
    links = _Links(report["text"], rels, rel_index, anchors)
    cards = [_chain_card(report, v, links, chain_index) for v in views]
    lead = f'<p class="chain-help">{esc(CHAIN_HELP)}</p>{_chain_legend()}'
    heading, loose = loose_blame(report)
    empty = "No chain could be assembled from the causal links." if loose else "No blame chains found."
    section = panel_section("Blame chains", "chains", report, cards, lead, empty, list_class="chains")
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
