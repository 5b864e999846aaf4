"""The Markdown report: the same findings as the HTML panel, for notes.

Article text is escaped (:func:`md_escape`): Markdown punctuation and HTML
angle brackets get a backslash, so pasted reports render the article's words
literally and never as markup or raw HTML.
"""

from __future__ import annotations

import re
from typing import Any

from ..models.technique_defs import display_name

__all__ = ["md_escape", "render_markdown"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def md_escape(value: Any) -> str:
    """Escape text for inline Markdown (one line; newlines become spaces)."""
    s = " ".join(str("" if value is None else value).split())
    return _MD_SPECIAL.sub(r"\\\1", s).replace("&", "&amp;")


def _excerpt(text: str, start: int, end: int, limit: int = 160) -> str:
    s = " ".join(text[start:end].split())
    return md_escape(s if len(s) <= limit else s[: limit - 1] + "…")


def _at(start: int, end: int) -> str:
    return f"[{start}–{end}]"


def render_markdown(report: dict[str, Any]) -> str:
    """A Markdown summary of one report."""
    text: str = report["text"]
    doc = report.get("document", {})
    built = {a for c in report.get("pipeline", []) for a in c.get("assigns", [])}
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
    lines.append("")

    def section(title: str, key: str, items: list[str], count: int | None = None) -> None:
        lines.append(f"## {title} ({len(items) if count is None else count})")
        lines.append("")
        if items:
            lines.extend(items)
        elif key in built:
            lines.append("_None found._")
        else:
            lines.append("_Not analysed: no component in this pipeline adds this layer yet._")
        lines.append("")

    ents = report.get("entities", [])
    ent_lines = ["| entity | type | mentions | also called |", "| --- | --- | --- | --- |"] if ents else []
    ent_lines += [
        f"| {md_escape(e.get('name'))} | {md_escape(e.get('label'))} | {len(e.get('mentions', []))} "
        f"| {md_escape(', '.join(e.get('aliases', [])))} |"
        for e in ents
    ]
    section("Entities", "entities", ent_lines, count=len(ents))
    sources = {s["id"]: s for s in report.get("sources", [])}
    section(
        "Quotes",
        "quotes",
        [
            f"- “{_excerpt(text, q['start'], q['end'])}” — "
            f"{md_escape(sources.get(q.get('source_id') or '', {}).get('name', 'unattributed'))} "
            f"({md_escape(q.get('kind'))}) {_at(q['start'], q['end'])}"
            for q in report.get("quotes", [])
        ],
    )
    quote_count: dict[str, int] = {}
    for q in report.get("quotes", []):
        quote_count[str(q.get("source_id"))] = quote_count.get(str(q.get("source_id")), 0) + 1
    section(
        "Sources",
        "sources",
        [
            f"- **{md_escape(s.get('name'))}** ({md_escape(s.get('kind'))}, reliability "
            f"{md_escape((s.get('grade') or {}).get('reliability', 'F'))}): "
            f"{quote_count.get(str(s.get('id')), 0)} quote(s)"
            + (f"; framed by the author as “{md_escape('; '.join(s['framing']))}”" if s.get("framing") else "")
            for s in report.get("sources", [])
        ],
    )
    if report.get("paraphrases"):
        section(
            "Paraphrased reasoning",
            "paraphrases",
            [
                f"- {_excerpt(text, p['start'], p['end'])} — reasoning of "
                f"{md_escape(sources.get(p.get('source_id') or '', {}).get('name', 'unattributed'))} "
                f"{_at(p['start'], p['end'])}"
                for p in report.get("paraphrases", [])
            ],
        )
    if report.get("reported"):
        section(
            "Reported speech",
            "reported",
            [
                f"- {_excerpt(text, r['start'], r['end'])} — says "
                f"{md_escape(sources.get(r.get('source_id') or '', {}).get('name', 'unattributed'))} "
                f"{_at(r['start'], r['end'])}"
                for r in report.get("reported", [])
            ],
        )
    section(
        "Persuasion techniques",
        "techniques",
        [
            f"- **{md_escape(display_name(str(t.get('technique') or t.get('label') or '')))}** "
            f"({md_escape(t.get('technique') or t.get('label'))}, {float(t.get('score') or 0):.2f}): "
            f"“{_excerpt(text, t['start'], t['end'], 100)}” {_at(t['start'], t['end'])}"
            for t in report.get("techniques", [])
        ],
    )
    section(
        "Claims",
        "claims",
        [
            f"- {_excerpt(text, c['start'], c['end'])} — {md_escape(c.get('support'))}, {md_escape(c.get('voice'))}, "
            f"check-worthy {float(c.get('checkworthy', 0)):.2f} {_at(c['start'], c['end'])}"
            for c in report.get("claims", [])
        ],
    )
    section(
        "Blame chains",
        "chains",
        [
            f"- **{md_escape(ch.get('blamed'))}** → {md_escape(ch.get('outcome'))}: strength "
            f"{float(ch.get('strength', 0)):.2f}, weakest link {md_escape(ch.get('weakest_link'))}"
            for ch in report.get("chains", [])
        ],
    )
    section(
        "Numbers and dates",
        "quantities",
        [
            f"- {_excerpt(text, q['start'], q['end'], 60)} = {md_escape(q.get('value'))} "
            f"{md_escape(q.get('measure') or '')} {_at(q['start'], q['end'])}"
            for q in report.get("quantities", [])
        ]
        + [
            f"- {_excerpt(text, d['start'], d['end'], 60)} = {md_escape(d.get('value') or 'unresolved')} "
            f"{_at(d['start'], d['end'])}"
            for d in report.get("dates", [])
        ],
    )
    section(
        "Findings",
        "findings",
        [
            f"- **{md_escape(f.get('kind'))}**: {md_escape(f.get('message'))} "
            + " ".join(_at(s, e) for s, e in f.get("spans", []))
            for f in report.get("findings", [])
        ],
    )
    return "\n".join(lines).rstrip() + "\n"
