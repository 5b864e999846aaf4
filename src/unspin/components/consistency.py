"""Checks that an article's numbers and dates agree with each other (``consistency.rules.v1``).

Reads the ``quantities`` and ``dates`` layers (see
:mod:`unspin.components.quantities` and :mod:`unspin.components.dates`) and
adds findings to the shared ``findings`` group layer: label = kind, name = a
one-sentence message, spans = the places, ``attrs.severity`` ``warning`` or
``info`` plus the details named below.

**number_conflict.**  Figures are compared when they count the same thing:
the same casualty-type ``measure`` (killed, injured, missing, arrested,
detained, abducted, evacuated, displaced, rescued, casualties) and the same
``group`` ("children" are not compared with "people").  Figures that count
part of a group ("including three children"), add to another ("12 more") or
sit in a conditional ("would have been more than a thousand") are left out.  They are about the same event when:

* the figures of that measure name at most one event class between them
  (``about`` read through :data:`~unspin.components.quantity_words.EVENT_NOUNS`:
  "the bombing" and "the blast" are one attack); a figure whose ``about`` is
  not an event ("station") or is null then belongs to that one event — the
  article is taken to be about one event;
* otherwise only figures about the same event class are compared, and
  figures without one are left out;
* figures whose sentences carry dates in different years are about different
  events ("the 2019 bombing killed 12").

Two figures conflict when the ranges their qualifiers allow do not overlap
(:func:`~unspin.components.quantity_words.interval`: "at least 38" admits 41,
"41" and "44" conflict).  When they do, one finding lists every figure of
that event with where it comes from:

* its source — the source of a quotation or reported speech around it (the
  ``quotes`` and ``reported`` layers), of its sentence's ``voice``, or the
  subject of a reporting verb just before it in its clause ("the hospital
  authority confirmed 41 deaths"); the headline is its own source;
* its time — the date in its sentence (``as_of``), and words that mark an
  early or a later report in its sentence or the sentence before it in its
  paragraph ("first reports", "initially", "has since risen", "later", "by
  Friday").

Severity is ``info`` when the text marks an update (such words, or figures
dated on different days): an updated death toll is not a contradiction.
It is ``warning`` when nothing in the text explains the difference, and
always when the headline (the first paragraph when it is a heading or a
short line without a full stop, or the document's title) gives a figure that
no figure in the body admits.

**weekday_mismatch.**  An absolute date with a weekday attached ("Monday, 4
June 2030") whose day is another weekday.  ``info`` when the year was not
written and had to be inferred, else ``warning``.

**elapsed_time_mismatch.**  A stated interval that does not fit the dates it
spans:

* a relative date written next to an absolute one ("a week earlier, on 2
  June"; "on 7 June, three days after the attack") must give that date when
  counted from its anchor (the previous date, or the attack's date);
* a duration with a count either lies between two absolute dates in its
  sentence that an interval word links ("between", "separate", "apart",
  "within", "after", "later", "lasted", "took"), or is written next to an
  absolute date, whose interval is counted from the nearest earlier absolute
  date in the three sentences before.

Dates are days, so an interval in hours may be up to a day longer or shorter
than the difference of the dates; "within" is an upper bound, "more than" a
lower one.  Month and year precision widen the check by one month or year.

**date_conflict.**  One event class dated on two different days (compared
at the coarser precision of the two).  An event is read from the date's own
phrase (:meth:`unspin.components.dates.RuleDates._event`).  Mentions in
the plural ("the talks"), with an ordinal or contrasting word ("the second
meeting", "another attack") or named by their date ("the 2019 bombing") are
different events; two indefinite mentions ("a meeting on 2 June … a meeting
on 5 June") are two events.  At least one of the pair must be definite ("the
bombing on 5 March").

No rule names a country, party or outlet; the word lists are generic English.
Limits: the event grouping is lexical, so two different attacks in one
article without dates in different years are compared, and an update marked
only by layout (a correction box) is not seen.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..document import Document, Group, Span
from ..pipeline import Component
from .dates import WEEKDAYS, parse_iso
from .quantity_words import VAGUE_QUALIFIERS, event_class, interval

__all__ = ["CONFLICT_MEASURES", "RuleConsistency"]

#: Measures counted per event, where different figures may conflict.
CONFLICT_MEASURES = frozenset(
    {"killed", "injured", "missing", "arrested", "detained", "abducted", "evacuated", "displaced", "rescued"}
    | {"casualties"}
)

_EARLY = re.compile(
    r"\b(?:first|initial|early|earlier|preliminary|original)\s+(?:reports?|figures?|estimates?|counts?|tolls?|"
    r"accounts?|tally|tallies)\b|\b(?:initially|at first|originally|had earlier)\b",
    re.IGNORECASE,
)
_LATER = re.compile(
    r"\b(?:ha(?:s|ve|d)\s+since\s+\w+|since\s+(?:risen|rose|climbed|fallen|fell|grown|increased|dropped)|later|"
    r"(?:rose|risen|climbed|increased|jumped|grew|fell|dropped)\s+to|revised|updated|latest|now\s+stands|"
    r"new\s+(?:toll|figure|count)|final\s+(?:toll|figure|count)|as\s+of|by\s+(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|the\s+(?:next|following)\s+(?:day|morning|week)|\d{1,2}\s+[A-Z][a-z]+))\b",
    re.IGNORECASE,
)
#: "X said …" running to the end of the text before a figure, from a clause start (see :func:`_last_reporter`).
_REPORTED_BY = re.compile(
    r"\s*(?!and\b|while\b|but\b|whereas\b)(?P<who>(?:the\s+)?[A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,4}?)\s+"
    r"(?:said|says|confirmed|confirms|reported|reports|announced|announces|stated|states|told|tells|estimated|"
    r"estimates|counted|counts|gave|gives|put|puts|recorded|records|listed|lists)\b[^,;]*$",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"[,;:]|\b(?:and|while|but|whereas)\b", re.IGNORECASE)
_INTERVAL_CUE = re.compile(
    r"\b(?:between|separate[sd]?|apart|within|after|later|lasted|took|passed|elapsed|in\s+under|in\s+less\s+than)\b",
    re.IGNORECASE,
)
#: How far a relative date may be off its attached date, in days, per unit: prose
#: rounds ("nine months later" for 293 days), so a month may be off by a month and
#: a year by half a year, but "three days" means three days.
_OFFSET_TOLERANCE: dict[str, float] = {
    "hour": 1.0,
    "day": 0.0,
    "night": 0.0,
    "week": 2.0,
    "fortnight": 3.0,
    "weekend": 2.0,
    "month": 31.0,
    "year": 183.0,
    "decade": 366.0,
    "century": 3653.0,
}
_DURATION_TOLERANCE: dict[str, float] = {
    "hour": 0.0,
    "day": 1.0,
    "night": 1.0,
    "week": 1.0,
    "fortnight": 1.0,
    "month": 4.0,
    "year": 31.0,
    "decade": 366.0,
    "century": 366.0,
}
_UNIT_DAYS: dict[str, float] = {
    "hour": 1 / 24,
    "day": 1.0,
    "night": 1.0,
    "week": 7.0,
    "weekend": 7.0,
    "fortnight": 14.0,
    "month": 30.44,
    "year": 365.25,
    "decade": 3652.5,
    "century": 36525.0,
}
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass
class _Fig:
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


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _last_reporter(before: str) -> re.Match[str] | None:
    """The "X said" nearest before a figure, from the last clause start that gives one: in "the ministry said 12 …
    and the Red Cross said 30", 30 is the Red Cross's (the first match from the sentence start would swap them)."""
    cuts = [0, *(m.end() for m in _CLAUSE_START.finditer(before))]
    for cut in reversed(cuts):
        m = _REPORTED_BY.match(before, cut)
        if m is not None:
            return m
    return None


class RuleConsistency(Component):
    """``number_conflict``, ``weekday_mismatch``, ``elapsed_time_mismatch`` and ``date_conflict`` findings."""

    name = "consistency.rules.v1"
    # "paragraphs", "sources" and "reported" come with "sentences" and "quotes"; they are
    # named so that the pipeline checks them too.
    requires = ("quantities", "dates", "sentences", "paragraphs", "quotes", "sources", "voice", "reported")
    assigns = ("findings",)

    def __call__(self, doc: Document) -> None:
        findings: list[Group] = []
        findings += self._number_conflicts(doc)
        findings += self._weekday_mismatches(doc)
        findings += self._elapsed_mismatches(doc)
        findings += self._date_conflicts(doc)
        doc.add_groups("findings", findings, component=self.name)

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

    def _figures(self, doc: Document) -> list[_Fig]:
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
        figs: list[_Fig] = []
        for q in doc.spans("quantities"):
            a = q.attrs
            measure = a.get("measure")
            if measure not in CONFLICT_MEASURES or a.get("part_of") or a.get("increment") or a.get("hypothetical"):
                continue
            k = max(0, bisect.bisect_right(starts, q.start) - 1)
            sent = sentences[k] if sentences else Span(0, len(text), "sentence", "")
            about = a.get("about")
            fig = _Fig(
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
                m = _last_reporter(text[sent.start : q.start])
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
                for stage, pattern in (("early", _EARLY), ("later", _LATER)):
                    for m in pattern.finditer(text, s0, s1):
                        fig.markers.append((stage, m.group(0), m.start(), m.end()))
            figs.append(fig)
        return figs

    @staticmethod
    def _clusters(figs: list[_Fig]) -> list[list[_Fig]]:
        by_measure: dict[tuple[str, str | None], list[_Fig]] = {}
        for f in figs:
            by_measure.setdefault((f.measure, f.group), []).append(f)
        clusters: list[list[_Fig]] = []
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
            conflicting = any(not _overlap(a.range, b.range) for i, a in enumerate(cluster) for b in cluster[i + 1 :])
            if not conflicting:
                continue
            body = [f for f in cluster if not f.headline]
            heads = [f for f in cluster if f.headline]
            headline_mismatch = bool(body) and any(not any(_overlap(h.range, b.range) for b in body) for h in heads)
            markers = [m for f in cluster for m in f.markers]
            marker_words = list(dict.fromkeys(m[1] for m in markers))
            days = {f.as_of for f in cluster if f.as_of}
            update = bool(markers) or len(days) > 1
            sources = list(dict.fromkeys(f.source or "the author" for f in body))
            measure = cluster[0].measure
            who = f"{cluster[0].group} {measure}" if cluster[0].group else measure
            event = next((f.event for f in cluster if f.event), None)
            listing = _join([f.label() for f in cluster])
            if update:
                why = (
                    f"the text marks an update ({', '.join(repr(w) for w in marker_words[:4])})"
                    if marker_words
                    else "the figures are dated on different days"
                )
                tail = f"{why}, so later figures may revise earlier ones rather than contradict them"
            elif len(sources) > 1:
                tail = f"the figures come from different sources ({_join(sources)}) and nothing marks an update"
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

    # -- dates --------------------------------------------------------------
    @staticmethod
    def _day(span: Span) -> tuple[dt.date, str] | None:
        return parse_iso(span.attrs.get("value"))

    def _weekday_mismatches(self, doc: Document) -> list[Group]:
        out: list[Group] = []
        for d in doc.spans("dates"):
            a = d.attrs
            named = a.get("weekday")
            parsed = self._day(d)
            if a.get("kind") != "absolute" or not named or parsed is None or parsed[1] != "day":
                continue
            actual = WEEKDAYS[parsed[0].weekday()]
            if actual == named:
                continue
            inferred = bool(a.get("year_inferred"))
            assumed = f", assuming the year {parsed[0].year}" if inferred else ""
            out.append(
                Group(
                    id=f"WM{len(out) + 1}",
                    label="weekday_mismatch",
                    name=(
                        f"“{doc.text[d.start : d.end]}” names a {named}, but {parsed[0].isoformat()} is a "
                        f"{actual}{assumed}."
                    ),
                    component=self.name,
                    spans=((d.start, d.end),),
                    members=(d.id,) if d.id else (),
                    attrs={
                        "severity": "info" if inferred else "warning",
                        "date_id": d.id,
                        "stated_weekday": named,
                        "actual_weekday": actual,
                        "date": parsed[0].isoformat(),
                    },
                )
            )
        return out

    @staticmethod
    def _elapsed_range(a: tuple[dt.date, str], b: tuple[dt.date, str]) -> tuple[float, float, str]:
        """The signed days from ``a`` to ``b`` that the two dates allow at their coarser
        precision, and the difference in words ("3 days", "11 years")."""
        coarse = max(a[1], b[1], key=lambda p: _PRECISION_RANK[p])
        if coarse == "day":
            d = (b[0] - a[0]).days
            return float(d), float(d), f"{abs(d)} day{'s' if abs(d) != 1 else ''}"
        if coarse == "month":
            months = (b[0].year - a[0].year) * 12 + (b[0].month - a[0].month)
            return (months - 1) * 30.44, (months + 1) * 30.44, f"{abs(months)} month{'s' if abs(months) != 1 else ''}"
        years = b[0].year - a[0].year
        return (years - 1) * 365.25, (years + 1) * 365.25, f"{abs(years)} year{'s' if abs(years) != 1 else ''}"

    def _elapsed_mismatches(self, doc: Document) -> list[Group]:
        text = doc.text
        dates = list(doc.spans("dates"))
        by_id = {d.id: d for d in dates if d.id}
        sentences = list(doc.spans("sentences"))
        out: list[Group] = []

        def finding(spans: list[Span], message: str, attrs: dict[str, Any]) -> None:
            out.append(
                Group(
                    id=f"EM{len(out) + 1}",
                    label="elapsed_time_mismatch",
                    name=message,
                    component=self.name,
                    spans=tuple(sorted({(s.start, s.end) for s in spans})),
                    members=tuple(s.id for s in spans if s.id),
                    attrs={"severity": "warning", **attrs},
                )
            )

        def quote(s: Span) -> str:
            return f"“{text[s.start : s.end]}”"

        absolute = [
            d
            for d in dates
            if d.attrs.get("kind") == "absolute" and not d.attrs.get("published") and self._day(d) is not None
        ]
        for d in dates:
            a = d.attrs
            attached = by_id.get(str(a.get("attached"))) if a.get("attached") else None
            # (a) A relative date next to an absolute one: counted from its anchor it must give that date.
            if a.get("kind") == "relative" and attached is not None and a.get("shift"):
                anchor = by_id.get(str(a.get("anchor")))
                shift = a["shift"]
                if anchor is None or shift.get("n") is None:
                    continue
                start, end = self._day(anchor), self._day(attached)
                if start is None or end is None:
                    continue
                unit = str(shift["unit"])
                stated = float(shift["n"]) * _UNIT_DAYS.get(unit, 1.0)
                lo, hi, words = self._elapsed_range(start, end)
                tol = _OFFSET_TOLERANCE.get(unit, 0.0)
                if stated - tol <= hi and lo <= stated + tol:
                    continue
                finding(
                    [anchor, d, attached],
                    (
                        f"{quote(d)} counted from {quote(anchor)} ({anchor.attrs.get('value')}) gives "
                        f"{a.get('value')}, but the date given is {quote(attached)} ({attached.attrs.get('value')}), "
                        f"{words} {'before' if (lo + hi) < 0 else 'after'} it."
                    ),
                    {"stated_days": stated, "actual_days": [lo, hi], "date_ids": [anchor.id, d.id, attached.id]},
                )
            # (b) A duration with a count between two dated events.
            elif a.get("kind") == "duration" and a.get("days") and not a.get("range"):
                pair = self._duration_pair(doc, d, absolute, sentences, attached)
                if pair is None:
                    continue
                first, second = pair
                s0, s1 = self._day(first), self._day(second)
                if s0 is None or s1 is None:
                    continue
                lo_signed, hi_signed, words = self._elapsed_range(s0, s1)
                lo, hi = sorted((abs(lo_signed), abs(hi_signed)))
                if lo_signed < 0 < hi_signed:
                    lo = 0.0
                if s0[1] == "day" and s1[1] == "day" and a.get("unit") == "hour":
                    lo, hi = max(0.0, lo - 1), hi + 1  # times of day are unknown
                stated = float(a["days"])
                tol = _DURATION_TOLERANCE.get(str(a.get("unit")), 1.0)
                bound = a.get("bound")
                ok = (
                    lo <= stated + tol
                    if bound == "max"
                    else hi >= stated - tol
                    if bound == "min"
                    else (stated - tol <= hi and lo <= stated + tol)
                )
                if ok:
                    continue
                finding(
                    [first, d, second],
                    (
                        f"{quote(d)} does not fit the dates it spans: {quote(first)} "
                        f"({first.attrs.get('value')}) and {quote(second)} ({second.attrs.get('value')}) are "
                        f"{words} apart."
                    ),
                    {
                        "stated_days": stated,
                        "actual_days": [lo, hi],
                        "date_ids": [first.id, d.id, second.id],
                    },
                )
        return out

    @staticmethod
    def _duration_pair(
        doc: Document, d: Span, absolute: list[Span], sentences: list[Span], attached: Span | None
    ) -> tuple[Span, Span] | None:
        k = d.attrs.get("sentence")
        if not isinstance(k, int) or not sentences:
            return None
        sent = sentences[k]
        here = [x for x in absolute if sent.start <= x.start < sent.end]
        # The interval word must belong to the duration's own phrase ("Eleven years separate",
        # "within 80 hours", "lasted three days"), not just to its sentence.
        near = _INTERVAL_CUE.search(doc.text, max(sent.start, d.start - 25), min(sent.end, d.end + 25))
        if len(here) >= 2 and near is not None:
            return here[0], here[-1]
        if attached is not None and d.attrs.get("prep") in (None, "within", "after", "in", "in under", "in less than"):
            lo = sentences[max(0, k - 3)].start
            before = [
                x
                for x in absolute
                if lo <= x.start < sent.start and x.attrs.get("precision") == "day" and x.id != attached.id
            ]
            if before:
                return before[-1], attached
        return None

    def _date_conflicts(self, doc: Document) -> list[Group]:
        text = doc.text
        by_event: dict[str, list[tuple[Span, tuple[dt.date, str]]]] = {}
        for d in doc.spans("dates"):
            a = d.attrs
            parsed = self._day(d)
            if (
                a.get("kind") != "absolute"
                or a.get("published")
                or parsed is None
                or not a.get("event")
                or a.get("event_ref") not in ("definite", "indefinite")
            ):
                continue
            by_event.setdefault(str(a["event"]), []).append((d, parsed))
        out: list[Group] = []
        for event, items in by_event.items():
            pairs = []
            for i, (d1, p1) in enumerate(items):
                for d2, p2 in items[i + 1 :]:
                    if "definite" not in (d1.attrs.get("event_ref"), d2.attrs.get("event_ref")):
                        continue
                    coarse = max(p1[1], p2[1], key=lambda p: _PRECISION_RANK[p])
                    width = {"day": 10, "month": 7, "year": 4}[coarse]
                    if p1[0].isoformat()[:width] != p2[0].isoformat()[:width]:
                        pairs.append((d1, d2))
            if not pairs:
                continue
            seen: dict[str | None, Span] = {}
            for pair in pairs:
                for x in pair:
                    seen.setdefault(x.id, x)
            involved = sorted(seen.values(), key=lambda x: x.start)
            words = list(dict.fromkeys(str(x.attrs.get("event_word")) for x in involved))
            listing = _join([f"“{text[x.start : x.end]}” ({x.attrs.get('value')})" for x in involved])
            out.append(
                Group(
                    id=f"DC{len(out) + 1}",
                    label="date_conflict",
                    name=f"The same {event} event ({', '.join(words)}) is dated {listing}.",
                    component=self.name,
                    spans=tuple(sorted((x.start, x.end) for x in involved)),
                    members=tuple(x.id for x in involved if x.id),
                    attrs={
                        "severity": "warning",
                        "event": event,
                        "event_words": words,
                        "dates": [{"date_id": x.id, "value": x.attrs.get("value")} for x in involved],
                    },
                )
            )
        return out
