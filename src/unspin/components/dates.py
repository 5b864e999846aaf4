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
its class from :data:`unspin.components.quantity_words.EVENT_NOUNS`, and how it
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
wins.  "aged 8–10 years" is an age, not a duration, and is left out.  Names
that contain a date are not dates: a date directly followed by a name head
("the 6th of October Bridge", "6th of October City", "the 25 January
Revolution", "April 6 Youth Movement": Bridge, Street, Square, Revolution,
City, Road, Avenue, Movement, Party, …), a weekday inside a name ("Saturday
Morning Breakfast Cereal", "Sunday Times", "Good Friday"), a capitalised
"Today"/"Tonight" after a capitalised word ("USA Today", "Tucker Carlson
Tonight"); nor is a generic weekday ("on a Monday", "every Friday").

**Resolving.**  The text of each span is read with ``dateparser`` (English,
``RELATIVE_BASE`` = the anchor, ``PREFER_DATES_FROM`` as below).  A relative
date counts from the anchor of its own sentence, quote or event, never simply
from the nearest absolute date above it; when no such anchor exists the value
is null (unresolved beats wrong).

* The *time of writing* is ``doc.published``, else a dateline: a date after
  "Published"/"Updated"/"Posted"/"Dated" opening its line (or capitalised in
  the first three lines; "a letter, dated 22 November 2000" is a story date),
  a date alone on its line, and, in the first three non-empty lines, a full
  date that ends the headline ("… ants Tuesday, September 1, 2015"), opens a
  line with its weekday ("Thursday, May 7, 2015 On Tuesday, …"), or forms an
  agency or byline dateline ("BUDAPEST, Hungary, February 19, 2018
  (LifeSiteNews) –", "January 25, 2018 2:16 pm").  A dateline is not a story
  date.
* The *time of speaking* at a position is the time of writing, except inside
  a dated quote: a double-quoted (or guillemet) quotation whose own sentence
  holds a story date with a day outside the quote, or an embedded tweet, dated
  by its signature line ("— Name (@handle) December 1, 2017").
* Deictic words ("ago", "yesterday", "today", "this week", "earlier this
  month", "last year") use the time of speaking; without one they stay null,
  never a story date.
* "N units earlier/later" and "N units before/after" at the end of a clause
  count from the nearest preceding story date at least as precise as the unit
  ("eight months later" may count from "January 1998", "three days later"
  needs a day), never from the publication date; one written right next to it
  is its own value, not its anchor.  "N units before/after/prior to" followed
  by a complement counts from that reference, in that direction: from the date
  of the event when the complement is "the <event>" of a known class ("three
  days after the attack", "two years before the killing"; the nearest story
  date when the event itself is undated); any other complement ("ten days
  before the beginning of the Hajj", "a year after Assange took refuge") is
  not dated by the text, so the value is null.  "N units on" is an offset only
  before punctuation ("17 years on the force" is a duration).
* Words that point back into the story ("the same night", "that day", "the
  next day") use the nearest preceding story date of any kind with a day
  ("that year", "the same month" may also use a coarser one: "in 2015 … late
  that year"), never the publication date; "the day after <clause>" is null, and so is "the
  day before the election" written next to the date it names ("on Nov. 7,
  2016, the day before the election": that date is attached, not its anchor).
* A weekday counts from a *close* story date: the nearest preceding absolute
  date with a day in the same paragraph and the same quotation (or both
  outside quotations); it is the anchor's own day when it is that weekday,
  else the first such day after it.  Otherwise it counts from the time of
  speaking: the anchor's own day, else the last such day before it, or the
  next one when its clause looks ahead ("will", "are to travel", "plans to",
  "is set to").  "last" and "next" force the direction.  With neither anchor
  it is null.
* Dates in photo captions and credits ("… on Nov 9, 2017. (AP file photo)",
  "Image: …") date the picture: they anchor nothing.
* Dates in a past-perfect clause look back from the story's time ("The
  warehouse had been inspected on 28 May"), so story words and weekdays do
  not count from them (dates and offsets still may).
* An absolute date without a year takes the year of the nearest preceding
  absolute date with a day, else of the publication date.

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
without a date resolves against the wrong day.  Paragraphs are the
``paragraphs`` layer, so in one-sentence-per-line texts (PTC) a weekday needs
its story date in the same line.  The future test is a few parse patterns;
a habitual weekday gets a date unless a generic one ("on a Monday") comes before it in its sentence; a
bare month after the time of writing ("Mexico in January", said in October)
takes the same year; a name head list is English and incomplete; a dated
quote is found only from a date in its own sentence or a tweet signature.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from ..document import Document, Span
from ..layers import LayerSpec, object_list
from ..pipeline import Component
from .date_parts import (
    ABS_DMY,
    ABS_MDY,
    ABS_MY,
    AGE_BEFORE,
    ANAPH,
    DATE_NAME_AFTER,
    DAY_NAME_AFTER,
    DAY_NAME_BEFORE,
    DEICTIC,
    DEICTIC_NAME_BEFORE,
    DURATION,
    GENERIC_BEFORE,
    ISO,
    MONTH,
    MONTH_ONLY,
    NUMERIC,
    OFFSET,
    RANGE_BEFORE,
    RANGE_DMY,
    RANGE_MDY,
    ROUTINE_BEFORE,
    WEEKDAY_REL,
    WEEKDAYS,
    YEAR,
    YEAR_CONTEXT,
    YEAR_RE,
    Cand,
    dp,
    iso,
    parse_iso,
)
from .date_resolution import DateResolution
from .parse import parsed_chunks

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

__all__ = ["WEEKDAYS", "RuleDates", "parse_iso"]


_DATES_SCHEMA = object_list(
    ["start", "end", "value"],
    {
        "value": {
            "type": ["string", "null"],
            "description": "ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY; null when it cannot be resolved",
        },
        "kind": {"enum": ["absolute", "relative", "weekday", "duration"]},
    },
    offsets=True,
)


class RuleDates(DateResolution, Component):
    """Absolute, relative, weekday and duration expressions with ISO values."""

    name = "dates.rules.v1"
    requires = ("parse", "sentences")
    assigns = ("dates",)
    layers = (LayerSpec("dates", "Dates", "#f3e0f5", order=100, schema=_DATES_SCHEMA),)

    # -- finding spans ------------------------------------------------------
    def _candidates(self, text: str) -> list[Cand]:
        cands: list[Cand] = []

        def add(pattern: re.Pattern[str], kind: str, prio: int) -> None:
            for m in pattern.finditer(text):
                cands.append(Cand(m.start(), m.end(), kind, m.groupdict(), prio, {"match": m}))

        add(ABS_DMY, "abs", 0)
        add(ABS_MDY, "abs", 0)
        add(ABS_MY, "abs", 1)
        add(ISO, "iso", 0)
        add(NUMERIC, "numeric", 0)
        for pattern in (RANGE_DMY, RANGE_MDY):
            for m in pattern.finditer(text):
                # Two dates: "2 and 5 June" → "2" and "5 June"; "June 2 and 5" → "June 2" and "5".
                groups = m.groupdict()
                if pattern is RANGE_DMY:
                    first = (m.start("d1"), m.end("d1"))
                    second = (m.start("d2"), m.end())
                else:
                    first = (m.start(), m.end("d1"))
                    second = (m.start("d2"), m.end())
                whole = {"match": m, "range": (first, second)}
                cands.append(Cand(m.start(), m.end(), "range", groups, 0, whole))
        add(MONTH_ONLY, "month", 2)
        add(OFFSET, "offset", 1)
        add(ANAPH, "anaph", 2)
        add(DEICTIC, "deictic", 2)
        add(WEEKDAY_REL, "weekday", 3)
        for m in DURATION.finditer(text):
            before = text[max(0, m.start() - 16) : m.start()]
            if AGE_BEFORE.search(before):
                continue  # "aged 8–10 years" is an age, not a time span
            extra: dict[str, Any] = {"match": m, "range": bool(RANGE_BEFORE.search(before))}
            cands.append(Cand(m.start(), m.end(), "duration", m.groupdict(), 4, extra))
        add(YEAR_RE, "year", 5)
        return [c for c in cands if not self._is_name(c, text)]

    @staticmethod
    def _is_name(c: Cand, text: str) -> bool:
        """A date inside a name ("the 6th of October Bridge", "Sunday Times", "USA Today"), or a
        generic weekday ("on a Monday"): not a time expression."""
        after = text[c.end : c.end + 40]
        before = text[max(0, c.start - 30) : c.start]
        if c.kind in ("abs", "range", "month"):
            return bool(DATE_NAME_AFTER.match(after))
        if c.kind == "weekday":
            m = c.extra["match"]
            if m.group("lnt"):
                return False
            tail = text[m.end("wd") : m.end("wd") + 40]
            routine = ROUTINE_BEFORE.search(text[max(0, c.start - 300) : c.start])
            return bool(
                DAY_NAME_BEFORE.search(before) or DAY_NAME_AFTER.match(tail) or GENERIC_BEFORE.search(before) or routine
            )
        if c.kind == "deictic":
            word = text[c.start : c.end]
            return word[:1].isupper() and bool(c.groups.get("word")) and bool(DEICTIC_NAME_BEFORE.search(before))
        return False

    @staticmethod
    def _select(cands: list[Cand]) -> list[Cand]:
        """Leftmost-longest non-overlapping candidates; ties go to the lower ``prio``."""
        chosen: list[Cand] = []
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
        pieces: list[tuple[int, int, Cand, int]] = []
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
        return tok.ent_type_ == "DATE" or (prev is not None and prev.lower_ in YEAR_CONTEXT)

    def _entity_dates(
        self, chunks: list[tuple[int, SpacyDoc]], text: str, pieces: list[tuple[int, int, Cand, int]]
    ) -> list[tuple[int, int, Cand, int]]:
        """spaCy DATE entities the patterns missed, when they name a year or a month dateparser reads."""
        out: list[tuple[int, int, Cand, int]] = []
        for offset, sdoc in chunks:
            for ent in sdoc.ents:
                if ent.label_ != "DATE":
                    continue
                start, end = offset + ent.start_char, offset + ent.end_char
                if any(p[0] < end and start < p[1] for p in pieces) or "\n" in ent.text:
                    continue
                year = re.search(rf"\b{YEAR}\b", ent.text)
                month = re.search(MONTH, ent.text)
                # A bare year was already judged by the year rule ("2000 fighters" is no date).
                if year is None or ent.text.strip() == year.group():
                    continue
                parsed = dp(ent.text, dt.date(int(year.group()), 1, 1), "current_period")
                if parsed is None or parsed.year != int(year.group()):
                    continue
                precision = "month" if month else "year"
                groups: dict[str, str | None] = {"value": iso(parsed, precision), "precision": precision}
                out.append((start, end, Cand(start, end, "entity", groups, 6), 0))
        return out
