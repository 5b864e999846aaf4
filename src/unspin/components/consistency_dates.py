"""The date checks of the consistency layer: a weekday that does not fall on its date, an elapsed time ("three
days after") that does not fit the dates given, and two dates for one event.  Mixed into
:class:`unspin.components.consistency.RuleConsistency`, whose docstring gives the rules.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..document import Document, Group, Span
from .consistency_numbers import join_phrases
from .dates import WEEKDAYS, parse_iso

__all__ = ["DateChecks"]

INTERVAL_CUE = re.compile(
    r"\b(?:between|separate[sd]?|apart|within|after|later|lasted|took|passed|elapsed|in\s+under|in\s+less\s+than)\b",
    re.IGNORECASE,
)

#: How far a relative date may be off its attached date, in days, per unit: prose
#: rounds ("nine months later" for 293 days), so a month may be off by a month and
#: a year by half a year, but "three days" means three days.
OFFSET_TOLERANCE: dict[str, float] = {
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

DURATION_TOLERANCE: dict[str, float] = {
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

UNIT_DAYS: dict[str, float] = {
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

PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


#: a mismatch found: the dates it concerns, the message, its attributes
_Mismatch = tuple[list[Span], str, dict[str, Any]]


def _quoted(text: str, s: Span) -> str:
    return f"“{text[s.start : s.end]}”"


class DateChecks:
    """Weekdays, elapsed times and dates that disagree (see the module docstring)."""

    name: str

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
        coarse = max(a[1], b[1], key=lambda p: PRECISION_RANK[p])
        if coarse == "day":
            d = (b[0] - a[0]).days
            return float(d), float(d), f"{abs(d)} day{'s' if abs(d) != 1 else ''}"
        if coarse == "month":
            months = (b[0].year - a[0].year) * 12 + (b[0].month - a[0].month)
            return (months - 1) * 30.44, (months + 1) * 30.44, f"{abs(months)} month{'s' if abs(months) != 1 else ''}"
        years = b[0].year - a[0].year
        return (years - 1) * 365.25, (years + 1) * 365.25, f"{abs(years)} year{'s' if abs(years) != 1 else ''}"

    def _elapsed_mismatches(self, doc: Document) -> list[Group]:
        dates = list(doc.spans("dates"))
        by_id = {d.id: d for d in dates if d.id}
        sentences = list(doc.spans("sentences"))
        absolute = [
            d
            for d in dates
            if d.attrs.get("kind") == "absolute" and not d.attrs.get("published") and self._day(d) is not None
        ]
        out: list[Group] = []
        for d in dates:
            a = d.attrs
            attached = by_id.get(str(a.get("attached"))) if a.get("attached") else None
            found: _Mismatch | None = None
            if a.get("kind") == "relative" and attached is not None and a.get("shift"):
                found = self._offset_mismatch(doc.text, d, by_id, attached)
            elif a.get("kind") == "duration" and a.get("days") and not a.get("range"):
                found = self._duration_mismatch(doc, d, absolute, sentences, attached)
            if found is None:
                continue
            spans, message, attrs = found
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
        return out

    def _offset_mismatch(self, text: str, d: Span, by_id: dict[str, Span], attached: Span) -> _Mismatch | None:
        """A relative date next to an absolute one ("two days later, on 3 May"): counted from its anchor it must
        give that date."""
        a = d.attrs
        anchor = by_id.get(str(a.get("anchor")))
        shift = a["shift"]
        if anchor is None or shift.get("n") is None:
            return None
        start, end = self._day(anchor), self._day(attached)
        if start is None or end is None:
            return None
        unit = str(shift["unit"])
        stated = float(shift["n"]) * UNIT_DAYS.get(unit, 1.0)
        lo, hi, words = self._elapsed_range(start, end)
        tol = OFFSET_TOLERANCE.get(unit, 0.0)
        if stated - tol <= hi and lo <= stated + tol:
            return None
        message = (
            f"{_quoted(text, d)} counted from {_quoted(text, anchor)} ({anchor.attrs.get('value')}) gives "
            f"{a.get('value')}, but the date given is {_quoted(text, attached)} ({attached.attrs.get('value')}), "
            f"{words} {'before' if (lo + hi) < 0 else 'after'} it."
        )
        attrs = {"stated_days": stated, "actual_days": [lo, hi], "date_ids": [anchor.id, d.id, attached.id]}
        return [anchor, d, attached], message, attrs

    def _duration_mismatch(
        self, doc: Document, d: Span, absolute: list[Span], sentences: list[Span], attached: Span | None
    ) -> _Mismatch | None:
        """A duration with a count between two dated events ("the 3-day trip from 1 to 9 May")."""
        a = d.attrs
        pair = self._duration_pair(doc, d, absolute, sentences, attached)
        if pair is None:
            return None
        first, second = pair
        s0, s1 = self._day(first), self._day(second)
        if s0 is None or s1 is None:
            return None
        lo_signed, hi_signed, words = self._elapsed_range(s0, s1)
        lo, hi = sorted((abs(lo_signed), abs(hi_signed)))
        if lo_signed < 0 < hi_signed:
            lo = 0.0
        if s0[1] == "day" and s1[1] == "day" and a.get("unit") == "hour":
            lo, hi = max(0.0, lo - 1), hi + 1  # times of day are unknown
        stated = float(a["days"])
        tol = DURATION_TOLERANCE.get(str(a.get("unit")), 1.0)
        bound = a.get("bound")
        if bound == "max":
            ok = lo <= stated + tol
        elif bound == "min":
            ok = hi >= stated - tol
        else:
            ok = stated - tol <= hi and lo <= stated + tol
        if ok:
            return None
        text = doc.text
        message = (
            f"{_quoted(text, d)} does not fit the dates it spans: {_quoted(text, first)} "
            f"({first.attrs.get('value')}) and {_quoted(text, second)} ({second.attrs.get('value')}) are "
            f"{words} apart."
        )
        return (
            [first, d, second],
            message,
            {"stated_days": stated, "actual_days": [lo, hi], "date_ids": [first.id, d.id, second.id]},
        )

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
        near = INTERVAL_CUE.search(doc.text, max(sent.start, d.start - 25), min(sent.end, d.end + 25))
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
                    coarse = max(p1[1], p2[1], key=lambda p: PRECISION_RANK[p])
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
            listing = join_phrases([f"“{text[x.start : x.end]}” ({x.attrs.get('value')})" for x in involved])
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
