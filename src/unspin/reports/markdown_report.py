"""The Markdown report: the same findings as the HTML panel, for notes.

Article text is escaped (:func:`md_escape`): Markdown punctuation and HTML
angle brackets get a backslash, so pasted reports render the article's words
literally and never as markup or raw HTML.
"""

from __future__ import annotations

import re
from typing import Any

from ..layers import LayerSpec
from ..models.technique_defs import display_name
from .summary import NO_BLAME, report_summary
from .view import (
    CHAIN_HELP,
    chain_views,
    end_name,
    entity_names,
    excerpt,
    layer_specs_of,
    loose_blame,
    relation_voice,
    report_relations,
    source_grade,
)

__all__ = ["md_escape", "render_markdown"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def md_escape(value: Any) -> str:
    """Escape text for inline Markdown (one line; newlines become spaces)."""
    s = " ".join(str("" if value is None else value).split())
    return _MD_SPECIAL.sub(r"\\\1", s).replace("&", "&amp;")


def _excerpt(text: str, start: int, end: int, limit: int = 160) -> str:
    return md_escape(excerpt(text, start, end, limit))


def _at(start: int, end: int) -> str:
    return f"[{start}–{end}]"


def _spec_lines(report: dict[str, Any], spec: LayerSpec) -> list[str]:
    """A line per item: its words, then its tags and note, then where it is."""
    lines = []
    for item in spec.layer_items(report):
        extra = ", ".join(x for x in (*item.tags, item.note) if x)
        line = f"- {md_escape(item.text)}" + (f" — {md_escape(extra)}" if extra else "")
        if item.start is not None and item.end is not None:
            line += f" {_at(item.start, item.end)}"
        lines.append(line)
    return lines


def _chain_lines(report: dict[str, Any]) -> list[str]:
    """Each chain: a heading, whose reasoning it is, its steps as a numbered list, then its numbers."""
    text: str = report["text"]
    names = entity_names(report)
    rels = report_relations(report)

    def quoted(rid: Any) -> str:
        r = rels.get(rid) if isinstance(rid, str) else None
        if r is None:
            return f"{md_escape(rid)} (not in the report)"
        s, e = r.get("start"), r.get("end")
        if not (isinstance(s, int) and isinstance(e, int)):
            return md_escape(rid)
        return f"“{_excerpt(text, s, e, 100)}” ({md_escape(rid)}) {_at(s, e)}"

    lines = [md_escape(CHAIN_HELP), ""]
    for view in chain_views(report):
        lines.append(f"### {md_escape(view.id)} — {md_escape(view.blamed)} blamed for {md_escape(view.outcome)}")
        lines.append("")
        conclusion = view.conclusion_id
        kind = f"explicit: the text concludes {quoted(conclusion)}" if conclusion else "implicit: never stated"
        lines.append(f"{md_escape(view.reasoning)}; {kind}.")
        lines.append("")
        weakest = view.weakest_link
        for n, step in enumerate(view.steps, 1):
            if step.relation is None:
                lines.append(f"{n}. missing relation {md_escape(', '.join(step.missing) or step.relation_id)}")
                continue
            weight = f", {step.weight:.2f}" if step.weight is not None else ""
            mark = " **weakest link**" if weakest and weakest in step.relation_ids else ""
            lines.append(
                f"{n}. {md_escape(end_name(step.relation.get('cause'), names))} "
                f"—{md_escape('/'.join(step.types))}→ {md_escape(end_name(step.relation.get('effect'), names))} "
                f"({md_escape(step.support or 'support unknown')}{weight}) — "
                f"{md_escape(', '.join(step.relation_ids))}{mark}"
            )
        verdict = "Therefore" if conclusion else "Implied"
        lines.append(
            f"{len(view.steps) + 1}. {verdict}: {md_escape(view.blamed)} is blamed for {md_escape(view.outcome)}."
        )
        lines.append("")
        strength = "n/a" if view.strength is None else f"{view.strength:.2f}"
        facts = [
            f"- **strength:** {strength}"
            + (f" ({view.product})" if view.product else "")
            + (f"; minimum {view.minimum:.2f}" if view.minimum is not None else "")
        ]
        if weakest:
            facts.append(f"- **weakest link:** {quoted(weakest)}")
        if view.responsibility is not None:
            frac = f" ({md_escape(view.fraction)})" if view.fraction else ""
            facts.append(f"- **responsibility:** {view.responsibility:.2f}{frac}")
        alternatives = [
            quoted(rid)
            + (
                f" — {md_escape(rels[rid].get('support'))}; {md_escape(relation_voice(report, rels[rid]))}"
                if rid in rels
                else ""
            )
            for rid in view.alternatives
        ]
        facts.append(f"- **alternatives named in the text:** {'; '.join(alternatives) if alternatives else 'none'}")
        if view.same_shape_as:
            facts.append(f"- **same shape as:** {md_escape(', '.join(view.same_shape_as))}")
        lines.extend([*facts, ""])
    return lines[:-1]


def _header(report: dict[str, Any]) -> list[str]:
    text: str = report["text"]
    doc = report.get("document", {})
    lines = [f"# unspin report: {md_escape(doc.get('title') or doc.get('id'))}", ""]
    for label, key in (("id", "id"), ("source", "source"), ("published", "published"), ("author", "author")):
        if doc.get(key):
            lines.append(f"- **{label}:** {md_escape(doc[key])}")
    lines.append(f"- **size:** {doc.get('length', len(text))} characters, {doc.get('words', len(text.split()))} words")
    lines.append(f"- **sha256:** `{doc.get('sha256', '')}`")
    lines.append(f"- **pipeline:** {', '.join(md_escape(c.get('name')) for c in report.get('pipeline', []))}")
    lines.append(
        f"- **sentences:** {len(report.get('sentences', []))}; paragraphs: {len(report.get('paragraphs', []))}"
    )
    return [*lines, ""]


def _section(
    report: dict[str, Any], title: str, key: str, items: list[str], count: int | None = None, empty: str = "None found."
) -> list[str]:
    """A ``##`` section; an empty layer says "None found" when built, "Not analysed" when no component added it."""
    built = {a for c in report.get("pipeline", []) for a in c.get("assigns", [])}
    lines = [f"## {title} ({len(items) if count is None else count})", ""]
    if items:
        lines.extend(items)
    elif key in built:
        lines.append(f"_{empty}_")
    else:
        lines.append("_Not analysed: no component in this pipeline adds this layer yet._")
    return [*lines, ""]


def _source_names(report: dict[str, Any]) -> dict[Any, Any]:
    return {s["id"]: s.get("name", "unattributed") for s in report.get("sources", [])}


def _said_by(names: dict[Any, Any], item: dict[str, Any]) -> str:
    return md_escape(names.get(item.get("source_id") or "", "unattributed"))


def _entity_lines(report: dict[str, Any]) -> list[str]:
    ents = report.get("entities", [])
    lines = ["| entity | type | mentions | also called |", "| --- | --- | --- | --- |"] if ents else []
    return lines + [
        f"| {md_escape(e.get('name'))} | {md_escape(e.get('label'))} | {len(e.get('mentions', []))} "
        f"| {md_escape(', '.join(e.get('aliases', [])))} |"
        for e in ents
    ]


def _quote_lines(report: dict[str, Any]) -> list[str]:
    text: str = report["text"]
    names = _source_names(report)
    return [
        f"- “{_excerpt(text, q['start'], q['end'])}” — {_said_by(names, q)} "
        f"({md_escape(q.get('kind'))}) {_at(q['start'], q['end'])}"
        for q in report.get("quotes", [])
    ]


def _source_lines(report: dict[str, Any]) -> list[str]:
    quote_count: dict[str, int] = {}
    for q in report.get("quotes", []):
        quote_count[str(q.get("source_id"))] = quote_count.get(str(q.get("source_id")), 0) + 1
    return [
        f"- **{md_escape(s.get('name'))}** ({md_escape(s.get('kind'))}, reliability {md_escape(source_grade(s))}): "
        f"{quote_count.get(str(s.get('id')), 0)} quote(s)"
        + (f"; framed by the author as “{md_escape('; '.join(s['framing']))}”" if s.get("framing") else "")
        for s in report.get("sources", [])
    ]


def _voice_lines(report: dict[str, Any], key: str, verb: str) -> list[str]:
    """Paraphrased reasoning ("reasoning of X") or reported speech ("says X")."""
    text: str = report["text"]
    names = _source_names(report)
    return [
        f"- {_excerpt(text, p['start'], p['end'])} — {verb} {_said_by(names, p)} {_at(p['start'], p['end'])}"
        for p in report.get(key, [])
    ]


def _technique_lines(report: dict[str, Any]) -> list[str]:
    text: str = report["text"]
    return [
        f"- **{md_escape(display_name(str(t.get('technique') or t.get('label') or '')))}** "
        f"({md_escape(t.get('technique') or t.get('label'))}, {float(t.get('score') or 0):.2f}): "
        f"“{_excerpt(text, t['start'], t['end'], 100)}” {_at(t['start'], t['end'])}"
        for t in report.get("techniques", [])
    ]


def _blame_lines(report: dict[str, Any]) -> list[str]:
    """The chains, then the blame stated outside any chain."""
    heading, loose = loose_blame(report)
    loose_lines = ["", f"{heading}:", ""] if loose else []
    loose_lines += [
        f"- **{md_escape(b.ends)}** — {md_escape(b.support)}, {md_escape(b.voice)}{md_escape(b.note)} "
        f"{_at(b.start, b.end)}"
        for b in loose
    ]
    return (_chain_lines(report) if report.get("chains") else []) + loose_lines


def _number_lines(report: dict[str, Any]) -> list[str]:
    text: str = report["text"]
    return [
        f"- {_excerpt(text, q['start'], q['end'], 60)} = {md_escape(q.get('value'))} "
        f"{md_escape(q.get('measure') or '')} {_at(q['start'], q['end'])}"
        for q in report.get("quantities", [])
    ] + [
        f"- {_excerpt(text, d['start'], d['end'], 60)} = {md_escape(d.get('value') or 'unresolved')} "
        f"{_at(d['start'], d['end'])}"
        for d in report.get("dates", [])
    ]


def _finding_lines(report: dict[str, Any]) -> list[str]:
    return [
        f"- **{md_escape(f.get('kind'))}**: {md_escape(f.get('message'))} "
        + " ".join(_at(s, e) for s, e in f.get("spans", []))
        for f in report.get("findings", [])
    ]


def _summary_lines(report: dict[str, Any]) -> list[str]:
    summary = report_summary(report)
    blame = [f"- {md_escape(x.text)}" for x in summary.blame] or [f"- _{md_escape(NO_BLAME)}_"]
    return ["## In short", "", *blame, *(f"- {md_escape(x.text)}" for x in summary.lines), ""]


def render_markdown(report: dict[str, Any]) -> str:
    """A Markdown summary of one report."""
    lines = _header(report) + _summary_lines(report)
    lines += _section(report, "Entities", "entities", _entity_lines(report), count=len(report.get("entities", [])))
    lines += _section(report, "Quotes", "quotes", _quote_lines(report))
    lines += _section(report, "Sources", "sources", _source_lines(report))
    if report.get("paraphrases"):
        lines += _section(
            report, "Paraphrased reasoning", "paraphrases", _voice_lines(report, "paraphrases", "reasoning of")
        )
    if report.get("reported"):
        lines += _section(report, "Reported speech", "reported", _voice_lines(report, "reported", "says"))
    lines += _section(report, "Persuasion techniques", "techniques", _technique_lines(report))
    for spec in layer_specs_of(report):
        lines += _section(report, spec.title, spec.key, _spec_lines(report, spec), empty=spec.empty)
    chains = report.get("chains", [])
    lines += _section(
        report, "Blame chains", "chains", _blame_lines(report), count=len(chains), empty="No blame chains found."
    )
    lines += _section(report, "Numbers and dates", "quantities", _number_lines(report))
    lines += _section(report, "Findings", "findings", _finding_lines(report))
    return "\n".join(lines).rstrip() + "\n"
