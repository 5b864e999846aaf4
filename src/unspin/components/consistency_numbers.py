"""The numbers check of the consistency layer: figures of one measure for one event that cannot all be true
("at least 38 killed" against "44 people had died" is fine, "41" against "35" is not), with who gave each.
Mixed into :class:`unspin.components.consistency.RuleConsistency`, whose docstring gives the rules.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..document import Document, Group, Span
from .quantity_words import VAGUE_QUALIFIERS, event_class, interval

__all__ = [
    "CLAUSE_START",
    "CONFLICT_MEASURES",
    "EARLY",
    "LATER",
    "REPORTED_BY",
    "Figure",
    "NumberChecks",
    "join_phrases",
    "last_reporter",
    "overlap",
]

#: Measures counted per event, where different figures may conflict.
CONFLICT_MEASURES = frozenset(
    {"killed", "injured", "missing", "arrested", "detained", "abducted", "evacuated", "displaced", "rescued"}
    | {"casualties"}
)

EARLY = re.compile(
    r"\b(?:first|initial|early|earlier|preliminary|original)\s+(?:reports?|figures?|estimates?|counts?|tolls?|"
    r"accounts?|tally|tallies)\b|\b(?:initially|at first|originally|had earlier)\b",
    re.IGNORECASE,
)

LATER = re.compile(
    r"\b(?:ha(?:s|ve|d)\s+since\s+\w+|since\s+(?:risen|rose|climbed|fallen|fell|grown|increased|dropped)|later|"
    r"(?:rose|risen|climbed|increased|jumped|grew|fell|dropped)\s+to|revised|updated|latest|now\s+stands|"
    r"new\s+(?:toll|figure|count)|final\s+(?:toll|figure|count)|as\s+of|by\s+(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|the\s+(?:next|following)\s+(?:day|morning|week)|\d{1,2}\s+[A-Z][a-z]+))\b",
    re.IGNORECASE,
)

#: "X said …" running to the end of the text before a figure, from a clause start (see :func:`last_reporter`).
REPORTED_BY = re.compile(
    r"\s*(?!and\b|while\b|but\b|whereas\b)(?P<who>(?:the\s+)?[A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,4}?)\s+"
    r"(?:said|says|confirmed|confirms|reported|reports|announced|announces|stated|states|told|tells|estimated|"
    r"estimates|counted|counts|gave|gives|put|puts|recorded|records|listed|lists)\b[^,;]*$",
    re.IGNORECASE,
)

CLAUSE_START = re.compile(r"[,;:]|\b(?:and|while|but|whereas)\b", re.IGNORECASE)


@dataclass
class Figure:
    span: Span
    value: float
    qualifier: str | None
    measure: str
    group: str | None
    event: str | None
    sentence: int
    headline: bool
    source_id: str | None = None
    source: str | None = None
    as_of: str | None = None
    year: int | None = None
    markers: list[tuple[str, str, int, int]] = field(default_factory=list)  # (stage, text, start, end)

    @property
    def range(self) -> tuple[float, float]:
        return interval(self.value, self.qualifier)

    def label(self) -> str:
        if self.qualifier in VAGUE_QUALIFIERS:
            number = str(self.qualifier)  # "dozens", not "dozens 24"
        else:
            number = f"{self.qualifier} {self.value:g}" if self.qualifier else f"{self.value:g}"
        where: list[str] = []
        if self.headline:
            where.append("headline")
        if self.source:
            where.append(self.source)
        for stage, text, _, _ in self.markers:
            if stage == "early":
                where.append(text)
        if self.as_of:
            where.append(f"as of {self.as_of}")
        where = list(dict.fromkeys(where))
        return f"{number} ({', '.join(where)})" if where else number


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def join_phrases(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def last_reporter(before: str) -> re.Match[str] | None:
    """The "X said" nearest before a figure, from the last clause start that gives one: in "the ministry said 12 …
    and the Red Cross said 30", 30 is the Red Cross's (the first match from the sentence start would swap them)."""
    cuts = [0, *(m.end() for m in CLAUSE_START.finditer(before))]
    for cut in reversed(cuts):
        m = REPORTED_BY.match(before, cut)
        if m is not None:
            return m
    return None


class NumberChecks:
    """Conflicting figures (see the module docstring)."""

    name: str

    # -- numbers ------------------------------------------------------------
    @staticmethod
    def _headline(doc: Document) -> tuple[int, int] | None:
        """The headline: a title the text opens with, or a first paragraph that is a heading or a short line."""
        paragraphs = [(p.start, p.end) for p in doc.spans("paragraphs")]
        if len(paragraphs) < 2:
            return None
        start, end = paragraphs[0]
        first = doc.text[start:end].strip()
        if doc.title and doc.title.strip() and doc.title.strip() in first:
            return start, end
        if first.startswith("#") or (len(first) <= 200 and "\n" not in first and first[-1:] not in ".!?\"”'’"):
            return start, end
        return None

    @staticmethod
    def _covering(spans: Sequence[Span], start: int, end: int) -> Span | None:
        inside = [s for s in spans if s.start <= start and end <= s.end]
        return min(inside, key=lambda s: s.end - s.start) if inside else None

    def _figures(self, doc: Document) -> list[Figure]:
        text = doc.text
        sentences = list(doc.spans("sentences"))
        starts = [s.start for s in sentences]
        paragraphs = [(p.start, p.end) for p in doc.spans("paragraphs")]
        headline = self._headline(doc)
        names = {g.id: g.name for g in doc.groups("sources")}
        quotes = [q for q in doc.spans("quotes") if not q.attrs.get("phrase")]
        reported = list(doc.spans("reported"))
        voice = list(doc.spans("voice"))
        dates = list(doc.spans("dates"))
        figs: list[Figure] = []
        for q in doc.spans("quantities"):
            a = q.attrs
            measure = a.get("measure")
            if measure not in CONFLICT_MEASURES or a.get("part_of") or a.get("increment") or a.get("hypothetical"):
                continue
            k = max(0, bisect.bisect_right(starts, q.start) - 1)
            sent = sentences[k] if sentences else Span(0, len(text), "sentence", "")
            about = a.get("about")
            fig = Figure(
                span=q,
                value=float(a["value"]),
                qualifier=a.get("qualifier"),
                measure=str(measure),
                group=a.get("group"),
                event=event_class(str(about)) if about else None,
                sentence=k,
                headline=headline is not None and headline[0] <= q.start < headline[1],
            )
            # Where the figure comes from: a quotation, reported speech, the sentence's voice, a reporting verb.
            holder = self._covering(quotes, q.start, q.end) or self._covering(reported, q.start, q.end)
            if holder is None:
                v = self._covering(voice, q.start, q.end)
                holder = v if v is not None and v.label != "author" else None
            if holder is not None and holder.attrs.get("source_id"):
                fig.source_id = str(holder.attrs["source_id"])
                fig.source = names.get(fig.source_id, fig.source_id)
            elif not fig.headline:
                m = last_reporter(text[sent.start : q.start])
                if m is not None:
                    fig.source = re.sub(r"^the\s+", "", m.group("who"), flags=re.IGNORECASE).strip()
            # When: the nearest resolved date in the sentence, and update words here or just before.
            in_sentence = [d for d in dates if sent.start <= d.start < sent.end and d.attrs.get("value")]
            day_dates = [d for d in in_sentence if d.attrs.get("precision") == "day"]
            if day_dates:
                nearest = min(day_dates, key=lambda d: abs(d.start - q.start))
                fig.as_of = str(nearest.attrs["value"])
            years = {str(d.attrs["value"])[:4] for d in in_sentence if not d.attrs.get("published")}
            if len(years) == 1:
                fig.year = int(next(iter(years)))
            scopes = [(sent.start, sent.end)]
            para = next(((ps, pe) for ps, pe in paragraphs if ps <= sent.start < pe), None)
            prev = sentences[k - 1] if k > 0 else None
            # "The death toll has since risen. By Friday, … 44": a sentence without a figure of its
            # own marks the figures of the next one.
            if (
                prev is not None
                and para is not None
                and para[0] <= prev.start
                and not any(prev.start <= x.start < prev.end for x in doc.spans("quantities"))
            ):
                scopes.insert(0, (prev.start, prev.end))
            for s0, s1 in scopes:
                for stage, pattern in (("early", EARLY), ("later", LATER)):
                    for m in pattern.finditer(text, s0, s1):
                        fig.markers.append((stage, m.group(0), m.start(), m.end()))
            figs.append(fig)
        return figs

    @staticmethod
    def _clusters(figs: list[Figure]) -> list[list[Figure]]:
        by_measure: dict[tuple[str, str | None], list[Figure]] = {}
        for f in figs:
            by_measure.setdefault((f.measure, f.group), []).append(f)
        clusters: list[list[Figure]] = []
        for group in by_measure.values():
            classes = {f.event for f in group if f.event is not None}
            per_event = [group] if len(classes) <= 1 else [[f for f in group if f.event == c] for c in sorted(classes)]
            for cluster in per_event:
                years = sorted({f.year for f in cluster if f.year is not None})
                if len(years) <= 1:
                    clusters.append(cluster)
                    continue
                # Different years are different events; undated figures go with the latest year.
                for y in years:
                    clusters.append([f for f in cluster if f.year == y or (f.year is None and y == years[-1])])
        return [c for c in clusters if len(c) > 1]

    def _number_conflicts(self, doc: Document) -> list[Group]:
        out: list[Group] = []
        for cluster in self._clusters(self._figures(doc)):
            conflicting = any(not overlap(a.range, b.range) for i, a in enumerate(cluster) for b in cluster[i + 1 :])
            if not conflicting:
                continue
            body = [f for f in cluster if not f.headline]
            heads = [f for f in cluster if f.headline]
            headline_mismatch = bool(body) and any(not any(overlap(h.range, b.range) for b in body) for h in heads)
            markers = [m for f in cluster for m in f.markers]
            marker_words = list(dict.fromkeys(m[1] for m in markers))
            days = {f.as_of for f in cluster if f.as_of}
            update = bool(markers) or len(days) > 1
            sources = list(dict.fromkeys(f.source or "the author" for f in body))
            measure = cluster[0].measure
            who = f"{cluster[0].group} {measure}" if cluster[0].group else measure
            event = next((f.event for f in cluster if f.event), None)
            listing = join_phrases([f.label() for f in cluster])
            if update:
                why = (
                    f"the text marks an update ({', '.join(repr(w) for w in marker_words[:4])})"
                    if marker_words
                    else "the figures are dated on different days"
                )
                tail = f"{why}, so later figures may revise earlier ones rather than contradict them"
            elif len(sources) > 1:
                tail = f"the figures come from different sources ({join_phrases(sources)}) and nothing marks an update"
            else:
                tail = "nothing in the text explains the difference"
            if headline_mismatch:
                tail += "; the headline's figure matches no figure in the body"
            message = f"The number {who} is given as {listing}: {tail}."
            out.append(
                Group(
                    id=f"NC{len(out) + 1}",
                    label="number_conflict",
                    name=message,
                    component=self.name,
                    spans=tuple(sorted((f.span.start, f.span.end) for f in cluster)),
                    members=tuple(f.span.id for f in cluster if f.span.id),
                    attrs={
                        "severity": "warning" if headline_mismatch or not update else "info",
                        "measure": measure,
                        "group": cluster[0].group,
                        "event": event,
                        "update": update,
                        "markers": marker_words,
                        "headline_mismatch": headline_mismatch,
                        "values": [
                            {
                                "quantity_id": f.span.id,
                                "value": f.value,
                                "qualifier": f.qualifier,
                                "source_id": f.source_id,
                                "source": "headline" if f.headline else f.source,
                                "as_of": f.as_of,
                                "stage": next((m[0] for m in f.markers), None),
                                "headline": f.headline,
                            }
                            for f in cluster
                        ],
                    },
                )
            )
        return out
