"""Dates, times and durations, resolved to calendar dates (component ``dates.rules.v1``).

Adds the span layer ``dates``: one span (id ``D1``, ``D2``, … in text order)
per time expression.  The label is the kind; ``attrs`` are:

* ``kind``: ``absolute`` ("4 June 2019", "June 2, 2019", "Tuesday, 4 June
  2030", "June 2019", "in 2008", "2030-06-04", "in June"), ``relative``
  ("three days earlier", "three days after the attack", "Eleven years later",
  "earlier this month", "yesterday", "the same night", "the next day"),
  ``weekday`` ("on Wednesday", "by Friday", "Tuesday night") or ``duration``
  ("within 80 hours", "for three days", "Eleven years").
* ``value``: ISO 8601 at the precision the text gives — ``YYYY-MM-DD``,
  ``YYYY-MM`` or ``YYYY`` — or null when it cannot be resolved (a duration, a
  week, a relative date with nothing to resolve it against).
* ``weekday``: the weekday named in the text, also on an absolute date it is
  attached to ("On Tuesday, 4 June 2030" is one absolute date with weekday
  Tuesday); else null.
* ``days``: a duration's length in days (hours / 24; a month is 30.44 days, a
  year 365.25); else null.
* ``anchor``: the id of the date a relative value was resolved against,
  ``"published"`` for the publication date, or null.

Extra attrs, used by :mod:`unspin.components.consistency`: ``precision``
(day, month, year); ``shift`` ({"n", "unit"}, signed, for relative dates);
``bound`` (``max`` for "within 80 hours", ``min`` for "more than", ``approx``
for "about"); ``attached`` (the id of an absolute date written right next to
a relative date or duration: "a week earlier, on 2 June"); ``event``,
``event_word`` and ``event_ref`` (the event an absolute date is the date of,
its class from :data:`unspin.components.quantities.EVENT_NOUNS`, and how it
is referred to: ``definite`` "the attack", ``indefinite`` "a bomb",
``distinct`` "the second meeting" / "the 2019 bombing", ``plural``);
``ref_event`` (the event class in "three days after the attack");
``year_inferred`` (an absolute date written without its year);
``published`` (true for a dateline: a date after "Published", "Updated",
"Posted" or "Dated", or a date alone on its line); ``flashback`` (the date
sits in a past-perfect clause, "had been inspected on 28 May"); for durations
``n``, ``unit``, ``prep`` and ``range`` ("3–5 days": only the upper end was
read); ``sentence`` (the index in the ``sentences`` layer).

**Finding spans.**  Regular expressions over the text give exact offsets for
the formats above; month names must be capitalised (so "may" and "march" are
not months).  A bare four-digit year (1500–2199) counts when spaCy marks it
DATE or a temporal word comes before it ("in", "since", "of", "between …
and", "early", …), and not when it counts a noun ("2000 people").  spaCy
DATE entities the patterns miss are kept when :mod:`dateparser` reads them
and they contain a year.  Where expressions overlap the leftmost, longest one
wins.  "aged 8–10 years" is an age, not a duration, and is left out.

**Resolving.**  The text of each span is read with ``dateparser`` (English,
``RELATIVE_BASE`` = the anchor, ``PREFER_DATES_FROM`` as below):

* an absolute date without a year takes the year of the nearest preceding
  absolute date with a day, else of the publication date;
* "N units earlier/later/before/after" counts from the nearest preceding
  absolute date at least as precise as its unit ("eight months later" may
  count from "January 1998", "three days later" needs a day); one written
  right next to it is its own value, not its anchor; "after/before the
  <event>" counts from the date of that event when the text gives one
  ("three days after the attack");
* words that point at the time of writing ("ago", "yesterday", "today",
  "this month", "last year") use the publication date (``doc.published``, else
  a dateline), falling back to the nearest preceding absolute date;
* words that point back into the story ("the same night", "that day", "the
  next day") use the nearest preceding date of any kind with a day;
* a weekday counts from the nearest preceding absolute date with a day, else
  the publication date: it is the anchor's own day when it is that weekday,
  else the first such day after a story date (``PREFER_DATES_FROM="future"``)
  or the last one before the publication date (``"past"``); "last" and
  "next" force the direction;
* dates in a past-perfect clause look back from the story's time ("The
  warehouse had been inspected on 28 May"), so story words and weekdays do
  not count from them (dates and offsets still may).

A dateline is the publication date when ``doc.published`` is not set; it is
not a story date.

The precision of a relative value is its unit's: days and weeks give a day,
months a month, years and decades a year; weeks without a count ("last
week") give null.  Sources: dateparser 1.5 documentation (settings
``RELATIVE_BASE``, ``PREFER_DATES_FROM``); ISO 8601 for the value format;
spaCy's OntoNotes DATE entity type and dependency parse (years, events,
past perfect).

Limits: English only; a numeric date such as "03/04/2030" is resolved only
when the day is above 12 (otherwise null, as the order is ambiguous); ranges
"2 and 5 June" give two dates; "mid-June", seasons and decades ("the 1990s")
are not read; the anchor rules follow narrative order, so a flashback
without a date resolves against the wrong day.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import importlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..document import Document, Span
from ..pipeline import Component
from .parse import parsed_chunks
from .quantities import EVENT_VERBS, NUMBER_WORDS, event_class, words_to_number

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

__all__ = ["WEEKDAYS", "DatesComponent", "parse_iso"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(
    "January February March April May June July August September October November December".split(), 1
):
    _MONTHS[_name.lower()] = _i
    _MONTHS[_name[:3].lower()] = _i
_MONTHS["sept"] = 9

_WS = r"[^\S\r\n]+"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?![A-Za-z])"
)
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|2[01]\d\d)"
_NUM_WORDS = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("zero", "score")), key=len, reverse=True))
_NUM = (
    rf"(?:\d+(?:\.\d+)?|(?:{_NUM_WORDS})(?:[- ](?:{_NUM_WORDS}))?|an?|a{_WS}few|a{_WS}couple{_WS}of|several|"
    rf"half{_WS}an?)"
)
_UNIT = r"(?:hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))"
_PARTS = r"(?:night|morning|evening|afternoon)"

_ABS_DMY = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY}),?{_WS})?(?:the{_WS})?(?<![\d.,])(?P<d>{_DAY})(?:{_WS}of)?{_WS}(?P<m>{_MONTH})"
    rf"(?:,?{_WS}(?P<y>{_YEAR})\b)?"
)
_ABS_MDY = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY}),?{_WS})?(?P<m>{_MONTH}){_WS}(?P<d>{_DAY})\b"
    rf"(?:,?{_WS}(?P<y>{_YEAR})\b)?"
)
_ABS_MY = re.compile(rf"(?P<m>{_MONTH}),?{_WS}(?P<y>{_YEAR})\b")
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})\b")
_RANGE_DMY = re.compile(
    rf"\b(?P<d1>{_DAY})[^\S\r\n]*(?:and|to|–|-|&)[^\S\r\n]*(?P<d2>{_DAY}){_WS}(?P<m>{_MONTH})(?:,?{_WS}(?P<y>{_YEAR})\b)?"
)
_RANGE_MDY = re.compile(
    rf"(?P<m>{_MONTH}){_WS}(?P<d1>{_DAY})[^\S\r\n]*(?:and|to|–|-|&)[^\S\r\n]*(?P<d2>{_DAY})\b(?:,?{_WS}(?P<y>{_YEAR})\b)?"
)
_MONTH_ONLY = re.compile(
    rf"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id|[Tt]hrough)(?:{_WS}|-)"
    rf"(?P<m>{_MONTH_FULL})(?!,?{_WS}\d)"
)
_YEAR_RE = re.compile(rf"(?<![\d.,$€£¥/])(?P<y>{_YEAR})(?![\d%]|[.,]\d|s\b)")
_OFFSET = re.compile(
    rf"\b(?P<n>{_NUM}){_WS}(?P<unit>{_UNIT}){_WS}(?:(?P<dir>before|after)\b(?:{_WS}(?:the|that|this){_WS}"
    rf"(?P<refnoun>[A-Za-z]+))?|(?P<dir2>earlier|later|ago|afterwards|afterward|previously|prior|on)\b)",
    re.IGNORECASE,
)
_ANAPH = re.compile(
    rf"\b(?:the{_WS}(?P<rel>same|next|following|previous|preceding){_WS}(?P<u1>day|night|morning|evening|"
    rf"afternoon|week|weekend|month|year)|that{_WS}(?P<u2>day|night|morning|evening|afternoon|week|weekend|month|"
    rf"year)|(?P<ew>earlier|later){_WS}that{_WS}(?P<u3>day|night|morning|evening|afternoon|week|month|year)|"
    rf"the{_WS}(?P<u4>day|night){_WS}(?P<ba>before|after)(?:{_WS}the{_WS}(?P<refnoun>[A-Za-z]+))?)\b",
    re.IGNORECASE,
)
_DEICTIC = re.compile(
    rf"\b(?:(?P<word>yesterday|today|tomorrow|tonight)|last{_WS}night|this{_WS}(?P<part>morning|afternoon|evening)|"
    rf"(?:(?P<ew>earlier|later){_WS})?(?P<rel>this|last|next){_WS}(?P<u>week|weekend|month|year))\b",
    re.IGNORECASE,
)
_WEEKDAY_REL = re.compile(
    rf"\b(?:(?P<lnt>[Ll]ast|[Nn]ext|[Tt]his){_WS})?(?P<wd>{_WEEKDAY})(?:(?:'s|’s)?{_WS}(?P<part>{_PARTS})\b)?"
)
_DURATION = re.compile(
    rf"\b(?:(?P<prep>within|in{_WS}under|in{_WS}less{_WS}than|less{_WS}than|more{_WS}than|nearly|almost|about|"
    rf"around|some|after|for|over|during|in|under){_WS}(?:the{_WS}(?:past|last|next|first){_WS})?)?"
    rf"(?P<n>{_NUM}){_WS}(?P<unit>{_UNIT})\b(?![-‐]|{_WS}old\b)",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"(?:published|updated|posted|dated|first published)[\s:,]*(?:on\s+)?$", re.IGNORECASE)
_YEAR_CONTEXT = frozenset(
    "in since by until till from to of before after during between and through circa c. early late mid around "
    "spring summer autumn fall winter throughout year".split()
)
_UNIT_DAYS: dict[str, float] = {
    "hour": 1 / 24,
    "day": 1.0,
    "night": 1.0,
    "week": 7.0,
    "fortnight": 14.0,
    "month": 30.44,
    "year": 365.25,
    "decade": 3652.5,
    "century": 36525.0,
}
_UNIT_PRECISION = {
    "hour": "day",
    "day": "day",
    "night": "day",
    "week": "day",
    "fortnight": "day",
    "month": "month",
    "year": "year",
    "decade": "year",
    "century": "year",
}
_BOUNDS = {
    "within": "max",
    "in under": "max",
    "in less than": "max",
    "less than": "max",
    "under": "max",
    "more than": "min",
    "over": "min",
    "nearly": "approx",
    "almost": "approx",
    "about": "approx",
    "around": "approx",
    "some": "approx",
}
_DISTINCT_MODIFIERS = frozenset(
    "first second third fourth last latest previous next new earlier later subsequent further other initial final "
    "recent another follow-up".split()
)
_AGE_BEFORE = re.compile(r"\b(?:aged?|ages)\s+(?:\d+\s*(?:[–-]|to)\s*)?$", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"\d\s*(?:[–-]|to|or)\s*$")
_ATTACH_GAP = re.compile(r"^[\s,(—–-]*(?:on|in|at|of)?[\s,)—–-]*$")


@functools.cache
def _dateparser() -> Any:
    # Imported on first use: dateparser loads its language data at import.
    return importlib.import_module("dateparser")


def _dp(text: str, base: dt.date, prefer: str) -> dt.date | None:
    """``dateparser.parse`` in English against ``base``; the date part or None."""
    result = _dateparser().parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": prefer,
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return result.date() if isinstance(result, dt.datetime) else None


def parse_iso(value: str | None) -> tuple[dt.date, str] | None:
    """An ISO value ("2030-06-04", "2030-06", "2030", or a timestamp) as (first day, precision)."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if m is None:
        return None
    try:
        if m.group(3):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
        if m.group(2):
            return dt.date(int(m.group(1)), int(m.group(2)), 1), "month"
        return dt.date(int(m.group(1)), 1, 1), "year"
    except ValueError:
        return None


def _iso(day: dt.date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _count(raw: str) -> float | None:
    """The number in "three", "80", "a", "a few", "twenty-one" (None for "several", "a few")."""
    low = " ".join(raw.lower().replace("-", " ").split())
    if low in ("a", "an"):
        return 1.0
    if low.startswith("half"):
        return 0.5
    if low in ("several", "a few", "a couple of"):
        return 2.0 if low == "a couple of" else None
    try:
        return float(low)
    except ValueError:
        return words_to_number(low.split())


def _unit(raw: str) -> str:
    low = raw.lower()
    if low.startswith("centur"):
        return "century"
    return low[:-1] if low.endswith("s") else low


@dataclass
class _Cand:
    start: int
    end: int
    kind: str  # pattern name
    groups: dict[str, str | None]
    prio: int
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Resolved:
    id: str
    start: int
    end: int
    kind: str
    value: str | None = None
    precision: str | None = None
    day: dt.date | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


class DatesComponent(Component):
    """Absolute, relative, weekday and duration expressions with ISO values."""

    name = "dates.rules.v1"
    requires = ("parse", "sentences")
    assigns = ("dates",)

    # -- finding spans ------------------------------------------------------
    def _candidates(self, text: str) -> list[_Cand]:
        cands: list[_Cand] = []

        def add(pattern: re.Pattern[str], kind: str, prio: int) -> None:
            for m in pattern.finditer(text):
                cands.append(_Cand(m.start(), m.end(), kind, m.groupdict(), prio, {"match": m}))

        add(_ABS_DMY, "abs", 0)
        add(_ABS_MDY, "abs", 0)
        add(_ABS_MY, "abs", 1)
        add(_ISO, "iso", 0)
        add(_NUMERIC, "numeric", 0)
        for pattern in (_RANGE_DMY, _RANGE_MDY):
            for m in pattern.finditer(text):
                # Two dates: "2 and 5 June" → "2" and "5 June"; "June 2 and 5" → "June 2" and "5".
                groups = m.groupdict()
                if pattern is _RANGE_DMY:
                    first = (m.start("d1"), m.end("d1"))
                    second = (m.start("d2"), m.end())
                else:
                    first = (m.start(), m.end("d1"))
                    second = (m.start("d2"), m.end())
                whole = {"match": m, "range": (first, second)}
                cands.append(_Cand(m.start(), m.end(), "range", groups, 0, whole))
        add(_MONTH_ONLY, "month", 2)
        add(_OFFSET, "offset", 1)
        add(_ANAPH, "anaph", 2)
        add(_DEICTIC, "deictic", 2)
        add(_WEEKDAY_REL, "weekday", 3)
        for m in _DURATION.finditer(text):
            before = text[max(0, m.start() - 16) : m.start()]
            if _AGE_BEFORE.search(before):
                continue  # "aged 8–10 years" is an age, not a time span
            extra: dict[str, Any] = {"match": m, "range": bool(_RANGE_BEFORE.search(before))}
            cands.append(_Cand(m.start(), m.end(), "duration", m.groupdict(), 4, extra))
        add(_YEAR_RE, "year", 5)
        return cands

    @staticmethod
    def _select(cands: list[_Cand]) -> list[_Cand]:
        """Leftmost-longest non-overlapping candidates; ties go to the lower ``prio``."""
        chosen: list[_Cand] = []
        taken_end = -1
        for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start), c.prio)):
            if c.start >= taken_end:
                chosen.append(c)
                taken_end = c.end
        return chosen

    def __call__(self, doc: Document) -> None:
        text = doc.text
        chunks = parsed_chunks(doc)
        chosen = self._select(self._candidates(text))
        # Month-only candidates start at the preposition; the span is the month.
        pieces: list[tuple[int, int, _Cand, int]] = []
        for c in chosen:
            if c.kind == "range":
                first, second = c.extra["range"]
                pieces.append((first[0], first[1], c, 0))
                pieces.append((second[0], second[1], c, 1))
            elif c.kind == "month":
                m = c.extra["match"]
                pieces.append((m.start("m"), m.end("m"), c, 0))
            elif c.kind == "weekday":
                m = c.extra["match"]
                start = m.start("lnt") if m.group("lnt") else m.start("wd")
                pieces.append((start, c.end, c, 0))
            else:
                pieces.append((c.start, c.end, c, 0))
        pieces = [p for p in pieces if p[2].kind != "year" or self._is_year(chunks, p[0], p[1], text)]
        pieces.extend(self._entity_dates(chunks, text, pieces))
        pieces.sort(key=lambda p: (p[0], p[1]))
        sent_starts = [s.start for s in doc.spans("sentences")]
        resolved = self._resolve(doc, chunks, pieces, sent_starts)
        doc.add_spans(
            "dates",
            (
                Span(
                    r.start,
                    r.end,
                    r.kind,
                    self.name,
                    id=r.id,
                    attrs={"kind": r.kind, "value": r.value, **r.attrs},
                )
                for r in resolved
            ),
            component=self.name,
        )

    @staticmethod
    def _token_at(chunks: list[tuple[int, SpacyDoc]], start: int, end: int) -> list[Token]:
        for offset, sdoc in chunks:
            if offset <= start and end <= offset + len(sdoc.text):
                sp = sdoc.char_span(start - offset, end - offset, alignment_mode="expand")
                if sp is not None:
                    return list(sp)
        return []

    def _is_year(self, chunks: list[tuple[int, SpacyDoc]], start: int, end: int, text: str) -> bool:
        """A bare four-digit number is a year in a date context (see the module docstring)."""
        toks = self._token_at(chunks, start, end)
        if not toks:
            return False
        tok = toks[0]
        if tok.text != text[start:end]:
            return False  # part of a longer token ("2019-2024" is split by the pattern itself)
        head = tok.head
        counts_noun = tok.dep_ == "nummod" and head.tag_ in ("NNS", "NNPS") and head.i > tok.i
        if counts_noun:
            return False
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.text in ("$", "€", "£", "¥", "#"):
            return False
        return tok.ent_type_ == "DATE" or (prev is not None and prev.lower_ in _YEAR_CONTEXT)

    def _entity_dates(
        self, chunks: list[tuple[int, SpacyDoc]], text: str, pieces: list[tuple[int, int, _Cand, int]]
    ) -> list[tuple[int, int, _Cand, int]]:
        """spaCy DATE entities the patterns missed, when they name a year or a month dateparser reads."""
        out: list[tuple[int, int, _Cand, int]] = []
        for offset, sdoc in chunks:
            for ent in sdoc.ents:
                if ent.label_ != "DATE":
                    continue
                start, end = offset + ent.start_char, offset + ent.end_char
                if any(p[0] < end and start < p[1] for p in pieces) or "\n" in ent.text:
                    continue
                year = re.search(rf"\b{_YEAR}\b", ent.text)
                month = re.search(_MONTH, ent.text)
                # A bare year was already judged by the year rule ("2000 fighters" is no date).
                if year is None or ent.text.strip() == year.group():
                    continue
                parsed = _dp(ent.text, dt.date(int(year.group()), 1, 1), "current_period")
                if parsed is None or parsed.year != int(year.group()):
                    continue
                precision = "month" if month else "year"
                groups: dict[str, str | None] = {"value": _iso(parsed, precision), "precision": precision}
                out.append((start, end, _Cand(start, end, "entity", groups, 6), 0))
        return out

    # -- resolving ----------------------------------------------------------
    def _resolve(
        self,
        doc: Document,
        chunks: list[tuple[int, SpacyDoc]],
        pieces: list[tuple[int, int, _Cand, int]],
        sent_starts: list[int],
    ) -> list[_Resolved]:
        text = doc.text
        published = parse_iso(doc.published)
        pub: tuple[str, dt.date] | None = ("published", published[0]) if published and published[1] == "day" else None
        last_day: tuple[str, dt.date] | None = None  # nearest preceding absolute date with a day
        last_any: tuple[str, dt.date] | None = None  # nearest preceding date of any kind with a day
        history: list[tuple[str, dt.date, str]] = []  # every absolute story date, in order, with its precision
        events: dict[str, list[tuple[str, dt.date, str]]] = {}
        items = [_Resolved(f"D{i}", s, e, "absolute") for i, (s, e, _, _) in enumerate(pieces, 1)]

        for k, (start, end, cand, part) in enumerate(pieces):
            r = items[k]
            g = cand.groups
            toks = self._token_at(chunks, start, end)
            flashback = self._flashback(toks)
            if flashback:
                r.attrs["flashback"] = True
            if cand.kind in ("abs", "iso", "numeric", "range", "month", "year", "entity"):
                days = [(h[0], h[1]) for h in history if h[2] == "day"]
                self._absolute(r, cand, part, text, last_day or (days[-1] if days else None), pub)
                if r.day is not None and r.precision is not None:
                    if r.attrs.get("published"):
                        # A dateline stands for the publication date, not a date in the story.
                        if pub is None and r.precision == "day":
                            pub = (r.id, r.day)
                    else:
                        history.append((r.id, r.day, r.precision))
                    if not r.attrs.get("published") and r.precision == "day" and not flashback:
                        last_day = (r.id, r.day)
                        last_any = last_day
                    event = self._event(toks)
                    if event is not None:
                        r.attrs.update(event)
                        events.setdefault(event["event"], []).append((r.id, r.day, r.precision))
            elif cand.kind == "offset":
                self._offset(r, g, history, pub, events, items, pieces, k, text)
            elif cand.kind == "anaph":
                self._anaphoric(r, g, last_any, pub, events)
            elif cand.kind == "deictic":
                self._deictic(r, g, pub or last_day)
            elif cand.kind == "weekday":
                self._weekday(r, g, last_day, pub)
            elif cand.kind == "duration":
                self._duration(r, g)
                if cand.extra.get("range"):
                    r.attrs["range"] = True  # "3–5 days": only the upper end was read
                self._attach(r, items, pieces, k, text)
            if r.kind != "absolute" and r.day is not None and r.precision == "day" and not flashback:
                last_any = (r.id, r.day)
            r.attrs.setdefault("weekday", None)
            r.attrs.setdefault("days", None)
            r.attrs.setdefault("anchor", None)
            r.attrs["precision"] = r.precision
            r.attrs["sentence"] = max(0, bisect.bisect_right(sent_starts, start) - 1)
        return items

    def _absolute(
        self,
        r: _Resolved,
        cand: _Cand,
        part: int,
        text: str,
        last_day: tuple[str, dt.date] | None,
        pub: tuple[str, dt.date] | None,
    ) -> None:
        g = cand.groups
        r.kind = "absolute"
        # A dateline: "Published 9 June 2030", or a date alone on its line ("Friday, July 21, 2017").
        line_start = text.rfind("\n", 0, r.start) + 1
        line_end = text.find("\n", r.end)
        line_end = len(text) if line_end < 0 else line_end
        alone = not text[line_start : r.start].strip(" \t*_#>") and not text[r.end : line_end].strip(" \t*_.")
        if _DATELINE.search(text[max(0, r.start - 40) : r.start]) or (alone and cand.kind != "range"):
            r.attrs["published"] = True
        if cand.kind == "entity":
            r.value, r.precision = g["value"], g["precision"]
            parsed = parse_iso(r.value)
            r.day = parsed[0] if parsed else None
            return
        if cand.kind == "year":
            y = int(str(g["y"]))
            r.value, r.precision, r.day = f"{y:04d}", "year", dt.date(y, 1, 1)
            return
        if cand.kind == "iso":
            parsed = parse_iso(text[r.start : r.end])
            if parsed is not None:
                r.day, r.precision = parsed
                r.value = _iso(*parsed)
            return
        if cand.kind == "numeric":
            a, b, y = int(str(g["a"])), int(str(g["b"])), int(str(g["y"]))
            if a > 12 >= b or b > 12 >= a:
                day_n, month_n = (a, b) if a > 12 else (b, a)
                try:
                    r.day, r.precision = dt.date(y, month_n, day_n), "day"
                    r.value = r.day.isoformat()
                except ValueError:
                    pass
            return
        # Day–month–year text: parse the span (the weekday is checked, not parsed).
        year = g.get("y")
        month = str(g["m"])
        if cand.kind == "range":
            day_text = g["d1"] if part == 0 else g["d2"]
            phrase = f"{day_text} {month} {year or ''}".strip()
        elif cand.kind == "month":
            phrase = month
        else:
            m = cand.extra["match"]
            phrase = text[(m.end("wd") if g.get("wd") else r.start) : r.end].strip(" ,")
        has_day = cand.kind in ("range",) or g.get("d") is not None
        precision = "day" if has_day else "month"
        if year is None:
            base_src = last_day or pub
            if base_src is None:
                r.attrs["year_inferred"] = True
                r.precision = precision
                if g.get("wd"):
                    r.attrs["weekday"] = g["wd"]
                return
            base = base_src[1]
            r.attrs["year_inferred"] = True
            r.attrs["anchor"] = base_src[0]
            parsed_day = _dp(f"{phrase} {base.year}", base, "current_period")
        else:
            parsed_day = _dp(phrase, dt.date(int(year), 1, 1), "current_period")
        if g.get("wd"):
            r.attrs["weekday"] = g["wd"]
        if parsed_day is None:
            r.precision = precision
            return
        r.day, r.precision = parsed_day, precision
        r.value = _iso(parsed_day, precision)

    def _event(self, toks: list[Token]) -> dict[str, Any] | None:
        """The event an absolute date dates: the event noun its phrase attaches to, or the
        subject or object of the verb it modifies ("On 4 June, a bomb tore through …")."""
        if not toks:
            return None
        inside = {t.i for t in toks}
        root = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])
        # "the 2019 bombing": the date names the event, so it is a distinct one.
        if root.dep_ in ("compound", "nummod", "amod", "nmod", "poss") and event_class(root.head.lemma_):
            return self._describe_event(root.head, named_by_date=True)
        cur = root
        for _ in range(5):
            head = cur.head
            if head.i == cur.i:
                break
            if head.pos_ in ("NOUN", "PROPN") and event_class(head.lemma_):
                return self._describe_event(head, named_by_date=False)
            if head.pos_ in ("VERB", "AUX"):
                nouns = [
                    c
                    for c in head.children
                    if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and event_class(c.lemma_)
                ]
                if nouns:
                    return self._describe_event(min(nouns, key=lambda t: abs(t.i - root.i)), named_by_date=False)
                cls = EVENT_VERBS.get(head.lemma_.lower())
                if cls is not None:
                    # A verb introduces an event ("they met on 2 and 5 June" may be two meetings).
                    return {"event": cls, "event_word": head.lemma_.lower(), "event_ref": "indefinite"}
                return None
            cur = head
        return None

    @staticmethod
    def _flashback(toks: list[Token]) -> bool:
        """Whether the date sits in a past-perfect clause ("had been inspected on 28 May"):
        a look back from the story's time, which later story-time words do not count from."""
        if not toks:
            return False
        inside = {t.i for t in toks}
        cur = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])
        for _ in range(5):
            head = cur.head
            if head.i == cur.i:
                return False
            if head.pos_ in ("VERB", "AUX"):
                return any(c.dep_ == "aux" and c.lower_ in ("had", "'d", "’d") for c in head.children)
            cur = head
        return False

    @staticmethod
    def _describe_event(noun: Token, *, named_by_date: bool) -> dict[str, Any]:
        cls = event_class(noun.lemma_)
        ref = "indefinite"
        dets = [c.lower_ for c in noun.children if c.dep_ in ("det", "poss")]
        mods = [c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nummod")]
        if named_by_date or any(m in _DISTINCT_MODIFIERS for m in mods) or "another" in dets:
            ref = "distinct"
        elif noun.tag_ in ("NNS", "NNPS"):
            ref = "plural"
        elif any(d in ("the", "this", "that") for d in dets) or any(c.dep_ == "poss" for c in noun.children):
            ref = "definite"
        return {"event": cls, "event_word": noun.lemma_.lower(), "event_ref": ref}

    def _event_date(
        self, events: dict[str, list[tuple[str, dt.date, str]]], refnoun: str | None
    ) -> tuple[str, dt.date] | None:
        cls = event_class(refnoun or "")
        if cls is None:
            return None
        dated = [(i, d) for i, d, p in events.get(cls, []) if p == "day"]
        return dated[-1] if dated else None

    def _offset(
        self,
        r: _Resolved,
        g: dict[str, str | None],
        history: list[tuple[str, dt.date, str]],
        pub: tuple[str, dt.date] | None,
        events: dict[str, list[tuple[str, dt.date, str]]],
        items: list[_Resolved],
        pieces: list[tuple[int, int, _Cand, int]],
        k: int,
        text: str,
    ) -> None:
        r.kind = "relative"
        n = _count(str(g["n"]))
        unit = _unit(str(g["unit"]))
        direction = str(g.get("dir") or g.get("dir2")).lower()
        sign = -1 if direction in ("earlier", "before", "ago", "previously", "prior") else 1
        refnoun = g.get("refnoun")
        ref_cls = event_class(refnoun or "")
        if refnoun is not None and ref_cls is None:
            # "two days after the minister resigned": only the offset is the expression.
            m = re.search(r"\b(?:the|that|this)\s+[A-Za-z]+$", text[r.start : r.end])
            if m is not None:
                r.end = r.start + m.start()
                while text[r.end - 1].isspace():
                    r.end -= 1
        r.attrs["ref_event"] = ref_cls
        r.attrs["shift"] = {"n": None if n is None else sign * n, "unit": unit}
        r.precision = _UNIT_PRECISION.get(unit, "day")
        attached = self._attach(r, items, pieces, k, text)
        # The date written next to it is what the offset should give, not where it counts from;
        # the anchor must be at least as precise as the unit ("eight months later" may count from "January 1998").
        rank = {"day": 0, "month": 1, "year": 2}
        story = [(h[0], h[1]) for h in history if h[0] != attached and rank[h[2]] <= rank[r.precision]]
        last_day = story[-1] if story else None
        if direction == "ago":
            anchor = pub or last_day
        else:
            anchor = (self._event_date(events, refnoun) if ref_cls else None) or last_day or pub
        if anchor is None or n is None:
            return
        r.attrs["anchor"] = anchor[0]
        unit_word = {"night": "day", "fortnight": "week", "decade": "year", "century": "year"}.get(unit, unit)
        count = n * {"fortnight": 2, "decade": 10, "century": 100}.get(unit, 1)
        phrase = f"{count:g} {unit_word}s ago" if sign < 0 else f"in {count:g} {unit_word}s"
        day = _dp(phrase, anchor[1], "past" if sign < 0 else "future")
        if day is not None:
            r.day = day
            r.value = _iso(day, r.precision)

    def _attach(
        self, r: _Resolved, items: list[_Resolved], pieces: list[tuple[int, int, _Cand, int]], k: int, text: str
    ) -> str | None:
        """The absolute date written right next to this expression ("a week earlier, on 2 June")."""
        for j in (k - 1, k + 1):
            if not 0 <= j < len(pieces):
                continue
            other = pieces[j]
            if other[2].kind not in ("abs", "iso", "numeric", "range", "year", "month"):
                continue
            gap = text[other[1] : r.start] if j < k else text[r.end : other[0]]
            if len(gap) <= 8 and _ATTACH_GAP.match(gap):
                r.attrs["attached"] = items[j].id
                return items[j].id
        return None

    def _anaphoric(
        self,
        r: _Resolved,
        g: dict[str, str | None],
        last_any: tuple[str, dt.date] | None,
        pub: tuple[str, dt.date] | None,
        events: dict[str, list[tuple[str, dt.date, str]]],
    ) -> None:
        r.kind = "relative"
        unit = (g.get("u1") or g.get("u2") or g.get("u3") or g.get("u4") or "day").lower()
        rel = (g.get("rel") or "").lower()
        shift = 0
        if rel in ("next", "following") or (g.get("ba") or "").lower() == "after":
            shift = 1
        elif rel in ("previous", "preceding") or (g.get("ba") or "").lower() == "before":
            shift = -1
        base_unit = unit if unit in ("week", "weekend", "month", "year") else "day"
        r.attrs["shift"] = {"n": shift, "unit": base_unit}
        refnoun = g.get("refnoun")
        r.attrs["ref_event"] = event_class(refnoun or "")
        anchor = self._event_date(events, refnoun) or last_any or pub
        r.precision = {"week": None, "weekend": None, "month": "month", "year": "year"}.get(base_unit, "day")
        if anchor is None:
            return
        r.attrs["anchor"] = anchor[0]
        if r.precision is None:
            return
        day: dt.date | None = anchor[1]
        if shift:
            phrase = f"in 1 {base_unit}" if shift > 0 else f"1 {base_unit} ago"
            day = _dp(phrase, anchor[1], "future" if shift > 0 else "past")
        if day is not None:
            r.day = day
            r.value = _iso(day, r.precision)

    def _deictic(self, r: _Resolved, g: dict[str, str | None], anchor: tuple[str, dt.date] | None) -> None:
        r.kind = "relative"
        unit = (g.get("u") or "day").lower()
        r.precision = {"week": None, "weekend": None, "month": "month", "year": "year"}.get(unit, "day")
        if anchor is None:
            return
        r.attrs["anchor"] = anchor[0]
        if r.precision is None:
            return
        if g.get("word"):
            phrase = str(g["word"])
        elif g.get("part"):
            phrase = "today"  # "this morning"
        elif g.get("rel"):
            phrase = f"{g['rel']} {unit}"  # "earlier this month" is in this month
        else:
            phrase = "last night"
        day = _dp(phrase.lower(), anchor[1], "past")
        if day is not None:
            r.day = day
            r.value = _iso(day, r.precision)

    def _weekday(
        self,
        r: _Resolved,
        g: dict[str, str | None],
        last_day: tuple[str, dt.date] | None,
        pub: tuple[str, dt.date] | None,
    ) -> None:
        r.kind = "weekday"
        name = str(g["wd"])
        r.attrs["weekday"] = name
        r.precision = "day"
        lnt = (g.get("lnt") or "").lower()
        anchor = last_day or pub
        if anchor is None:
            return
        r.attrs["anchor"] = anchor[0]
        base = anchor[1]
        if WEEKDAYS[base.weekday()] == name and not lnt:
            day: dt.date | None = base
        else:
            from_story = last_day is not None and anchor is last_day
            prefer = "future" if (lnt == "next" or (from_story and lnt != "last")) else "past"
            day = _dp(name, base, prefer)
        if day is not None:
            r.day = day
            r.value = day.isoformat()

    @staticmethod
    def _duration(r: _Resolved, g: dict[str, str | None]) -> None:
        r.kind = "duration"
        n = _count(str(g["n"]))
        unit = _unit(str(g["unit"]))
        prep = " ".join((g.get("prep") or "").lower().split())
        r.attrs["days"] = None if n is None else n * _UNIT_DAYS[unit]
        r.attrs["bound"] = _BOUNDS.get(prep)
        r.attrs["prep"] = prep or None
        r.attrs["n"] = n
        r.attrs["unit"] = unit
