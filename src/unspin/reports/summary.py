"""What a report says at a glance, for the top of every view: who is blamed for what, by whom, through which
chain and how strongly, on which sources; the persuasion techniques, unsourced claims and findings.

Built from the JSON report (as every view is); the lines are plain text with the place in the page they point
to, and each renderer escapes and links them.  "No blame found" is said with its limit: the rules miss many
ways of blaming, so it does not mean the article blames no one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..layers import excerpt
from .blame import unchained_blame
from .view import chain_views, end_name, entity_names, loose_blame, report_relations, source_grade

__all__ = ["NO_BLAME", "Summary", "SummaryLine", "blamed_actors", "report_summary"]

NO_BLAME = (
    "No blame found. The rules find blame stated in common ways only, so this does not mean the article blames "
    "no one: read the causal links and the claims below."
)


@dataclass(frozen=True)
class SummaryLine:
    """One line of the summary, and the anchor of the part of the page it points to (``chains-0``)."""

    text: str
    anchor: str | None = None


@dataclass(frozen=True)
class Summary:
    blame: tuple[SummaryLine, ...]  #: one line per chain, then per blame outside any chain; empty: none found
    sources: SummaryLine | None
    techniques: SummaryLine | None
    claims: SummaryLine | None
    findings: SummaryLine | None

    @property
    def lines(self) -> tuple[SummaryLine, ...]:
        """Every line after the blame lines."""
        return tuple(x for x in (self.sources, self.techniques, self.claims, self.findings) if x is not None)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _chain_lines(report: Mapping[str, Any]) -> list[SummaryLine]:
    text = str(report.get("text") or "")
    rels = report_relations(report)
    out = []
    for view in sorted(chain_views(report), key=lambda v: -(v.strength or 0.0)):
        parts = [f"{view.reasoning}: {view.blamed} blamed for {view.outcome}"]
        how = f"chain {view.id}, {_plural(len(view.steps), 'step')}"
        if view.strength is not None:
            how += f", strength {view.strength:.2f}"
        weak = rels.get(view.weakest_link or "")
        if weak is not None and isinstance(weak.get("start"), int) and isinstance(weak.get("end"), int):
            words = excerpt(text, weak["start"], weak["end"], 80)
            how += f"; weakest link “{words}” ({weak.get('support') or 'unknown support'})"
        out.append(SummaryLine(f"{parts[0]} ({how})", f"chains-{view.index}"))
    return out


def _loose_lines(report: Mapping[str, Any]) -> list[SummaryLine]:
    _, loose = loose_blame(report)
    return [
        SummaryLine(
            f"{b.voice[:1].upper() + b.voice[1:]}: {b.ends} blamed ({b.support or 'unknown support'}, "
            f"outside any chain{b.note})"
        )
        for b in loose
        if not b.note  # candidates below the confidence threshold stay in their section
    ]


def _sources_line(report: Mapping[str, Any]) -> SummaryLine | None:
    quoted = Counter(str(q.get("source_id")) for q in report.get("quotes", []) if q.get("source_id"))
    if not quoted:
        return None
    by_id = {str(s.get("id")): s for s in report.get("sources", [])}
    named = [
        f"{by_id[sid].get('name')} ({source_grade(by_id[sid])}, {_plural(n, 'quote')})"
        for sid, n in quoted.most_common(4)
        if sid in by_id
    ]
    more = len(quoted) - len(named)
    tail = f" and {more} more" if more > 0 else ""
    return SummaryLine(f"Quoted: {', '.join(named)}{tail}.", "panel-sources")


def _techniques_line(report: Mapping[str, Any]) -> SummaryLine | None:
    counts = Counter(str(t.get("technique")).replace("_", " ") for t in report.get("techniques", []))
    if not counts:
        return None
    top = ", ".join(f"{name} ×{n}" for name, n in counts.most_common(3))
    more = sum(counts.values()) - sum(n for _, n in counts.most_common(3))
    return SummaryLine(f"Persuasion techniques: {top}{f' and {more} more' if more else ''}.", "panel-techniques")


def _claims_line(report: Mapping[str, Any]) -> SummaryLine | None:
    claims = report.get("claims", [])
    if not claims:
        return None
    unsourced = sum(1 for f in report.get("findings", []) if f.get("kind") == "unsourced_claim")
    return SummaryLine(f"{_plural(len(claims), 'check-worthy claim')}, {unsourced} without a source.", "panel-claims")


def _findings_line(report: Mapping[str, Any]) -> SummaryLine | None:
    kinds = Counter(str(f.get("kind")).replace("_", " ") for f in report.get("findings", []))
    if not kinds:
        return None
    listed = ", ".join(f"{k} ×{n}" if n > 1 else k for k, n in kinds.most_common())
    return SummaryLine(f"{_plural(sum(kinds.values()), 'finding')}: {listed}.", "panel-findings")


def report_summary(report: Mapping[str, Any]) -> Summary:
    """The summary of a JSON report (see the module docstring)."""
    return Summary(
        tuple(_chain_lines(report) + _loose_lines(report)),
        _sources_line(report),
        _techniques_line(report),
        _claims_line(report),
        _findings_line(report),
    )


def blamed_actors(report: Mapping[str, Any]) -> list[str]:
    """Who the report finds blamed, each once in order of first appearance: the chains' blamed actors, then
    the causes of blame stated outside any chain (candidates below the confidence threshold left out)."""
    names = entity_names(report)
    found = [str(c.get("blamed")) for c in report.get("chains", []) if c.get("blamed")]
    found += [end_name(r.get("cause"), names) for r in unchained_blame(report) if not r.get("candidate")]
    return list(dict.fromkeys(n for n in found if n and n != "?"))
