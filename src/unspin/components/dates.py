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
habitual weekdays ("come in Tuesday and pick an issue") still get a date; a
bare month after the time of writing ("Mexico in January", said in October)
takes the same year; a name head list is English and incomplete; a dated
quote is found only from a date in its own sentence or a tweet signature.
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
from ..ingest.paragraphs import paragraph_spans
from ..pipeline import Component
from .parse import parsed_chunks
from .quantities import EVENT_VERBS, NUMBER_WORDS, event_class, words_to_number
from .quote_marks import find_inline_quotes

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

__all__ = ["WEEKDAYS", "RuleDates", "parse_iso"]

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
    rf"(?<![\d,.])\b(?P<n>{_NUM}){_WS}(?P<unit>{_UNIT}){_WS}(?:(?P<dir>before|after)\b(?:{_WS}(?:the|that|this){_WS}"
    rf"(?P<refnoun>[A-Za-z]+))?|(?P<dir2>earlier|later|ago|afterwards|afterward|previously|prior|"
    rf"on(?=[^\S\r\n]*(?:[,.;:!?)—–]|$)))\b)",
    re.IGNORECASE | re.MULTILINE,
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
    rf"\b(?:(?P<lnt>[Ll]ast|[Nn]ext|[Tt]his){_WS})?(?P<wd>{_WEEKDAY})(?!s\b)(?:(?:'s|’s)?{_WS}(?P<part>{_PARTS})\b)?"
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
# Names that contain a date ("the 6th of October Bridge", "25 January Revolution", "April 6 Youth Movement").
_NAME_HEADS = (
    r"(?:Bridge|Street|St\.?|Square|Revolution|City|Road|Rd\.?|Avenue|Ave\.?|Boulevard|Highway|Movement|Party|Stadium|"
    r"University|College|School|Institute|Park|Station|Airport|Port|Brigade|Brigades|Battalion|Front|Group|Alliance|"
    r"Coalition|Bloc|Forces|Uprising|Intifada|Agreement|Accords?|Declaration|Memorial|Monument|Hospital|Club|Cup|War|"
    r"Manifesto|Incident|Massacre|Protests?|Attacks|Mosque|Church|Hall|Tower|Museum|Center|Centre|Market|District|"
    r"Neighbou?rhood|Operation|Offensive|Law|Act|Constitution|Generation|Youth|Martyrs)\b"
)
_DATE_NAME_AFTER = re.compile(
    rf"^(?:{_WS}(?:Youth|Student|Students|Martyrs|Popular|National|Democratic))?{_WS}{_NAME_HEADS}"
)
# Weekday names inside names ("Saturday Morning Breakfast Cereal", "Sunday Times", "Good Friday") and generic
# weekdays ("on a Monday", "every Friday") are no dates.
_DAY_NAME_BEFORE = re.compile(
    rf"\b(?:Good|Black|Ash|Holy|Maundy|Palm|Easter|Super|Bloody|Cyber|Shrove|Fat|Giving|Spy|Whit){_WS}$"
)
_DAY_NAME_AFTER = re.compile(
    rf"^(?:{_WS}(?:Morning|Night|Evening|Afternoon){_WS}[A-Z]|{_WS}(?:Times|Telegraph|Express|Herald|Post|Mirror|"
    rf"Star|Independent|Review|Magazine|Edition|Prayers?|Service|Mass|Club|Market|School|Massacre|Agreement|Group|"
    rf"Movement|League|Show|Live|Special|Football)\b)"
)
_GENERIC_BEFORE = re.compile(rf"\b(?:[Aa]|[Ee]very|[Ee]ach|[Aa]ny|[Oo]ne){_WS}$")
# "Tucker Carlson Tonight", "USA Today": a capitalised deictic word right after a capitalised word is a name.
_DEICTIC_NAME_BEFORE = re.compile(rf"(?<![.!?:;\"“])\b[A-Z][\w&'’-]*{_WS}$")
# After "before/after/prior": an adverb ("three days before.") or a complement ("three days before the New Mass
# was issued") whose date the text must give.
_ADVERBIAL_END = re.compile(r"^[^\S\r\n]*(?:[,.;:!?)\]—–]|$|(?:and|but|or|when|while)\b)", re.MULTILINE)
# Datelines: "WASHINGTON, D.C., February 12, 2018 (LifeSiteNews) –".
_AGENCY_BEFORE = re.compile(r"^[^\S\r\n]*[A-Z][A-Z.'’ -]{2,}(?:,[^,\n]{1,40}){0,2},[^\S\r\n]*$")
_AGENCY_AFTER = re.compile(
    r"^,?[^\S\r\n]*(?:(?:\([^)\n]{1,40}\)[^\S\r\n]*)?[–—-]+\s|\d{1,2}:\d\d[^\S\r\n]*(?:[ap]\.?m\.?)?|"
    r"[A-Z]{3,}[A-Z .'’-]*,[^\n]{0,40}?(?:\([^)\n]{1,40}\)[^\S\r\n]*)?[–—-]\s)"
)
_LINE_START_PREPS = frozenset("on of in since by until till from to at before after during through and or".split())
# Captions and photo credits: a date there dates the picture, not the story.
_CAPTION = re.compile(r"\b(?:Image|Photo|Picture|Credit)s?\s*:|\bfile (?:photo|picture)\b|\(AP\b", re.IGNORECASE)
# A tweet's signature line: "— Donald J. Trump (@realDonaldTrump) December 1, 2017".
_TWEET_SIGNATURE = re.compile(r"^[^\S\r\n]*(?:[—–-][^\n]*)?\(@\w+\)[^\S\r\n]*$")


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


_FUTURE_GOVERNORS = frozenset("be plan set schedule expect due intend aim hope prepare".split())


@dataclass
class _Layout:
    """Where a position sits: its paragraph, sentence and quotation; captions and the text's head lines."""

    paras: list[tuple[int, int]]
    sent_starts: list[int]
    quotes: list[tuple[int, int]]
    captions: set[int]
    head_lines: list[tuple[int, int]]
    _para_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Document, sent_starts: list[int]) -> _Layout:
        text = doc.text
        paras = [(s.start, s.end) for s in doc.spans("paragraphs")] or paragraph_spans(text)
        # Double quotes and guillemets only: single marks are too often apostrophes or scare quotes.
        quotes = sorted(
            (q.start, q.end) for q in find_inline_quotes(text, paras) if q.style != "single" and q.end - q.start >= 12
        )
        captions = set()
        for i, (ps, pe) in enumerate(paras):
            nxt = paras[i + 1] if i + 1 < len(paras) else None
            if _CAPTION.search(text[ps:pe]) or (
                nxt is not None and nxt[1] - nxt[0] < 40 and _CAPTION.search(text[nxt[0] : nxt[1]])
            ):
                captions.add(i)
        lines: list[tuple[int, int]] = []
        pos = 0
        while len(lines) < 3 and pos < len(text):
            nl = text.find("\n", pos)
            nl = len(text) if nl < 0 else nl
            if text[pos:nl].strip():
                lines.append((pos, nl))
            pos = nl + 1
        return cls(paras, sent_starts, quotes, captions, lines, [p[0] for p in paras])

    def para(self, x: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, x) - 1)

    def sentence(self, x: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, x) - 1)

    def quote(self, x: int) -> int | None:
        """The innermost quotation whose content holds ``x``."""
        best: int | None = None
        for i, (qs, qe) in enumerate(self.quotes):
            if qs > x:
                break
            if x < qe and (best is None or qe - qs < self.quotes[best][1] - self.quotes[best][0]):
                best = i
        return best

    def caption(self, x: int) -> bool:
        return self.para(x) in self.captions


class RuleDates(Component):
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
        return [c for c in cands if not self._is_name(c, text)]

    @staticmethod
    def _is_name(c: _Cand, text: str) -> bool:
        """A date inside a name ("the 6th of October Bridge", "Sunday Times", "USA Today"), or a
        generic weekday ("on a Monday"): not a time expression."""
        after = text[c.end : c.end + 40]
        before = text[max(0, c.start - 30) : c.start]
        if c.kind in ("abs", "range", "month"):
            return bool(_DATE_NAME_AFTER.match(after))
        if c.kind == "weekday":
            m = c.extra["match"]
            if m.group("lnt"):
                return False
            tail = text[m.end("wd") : m.end("wd") + 40]
            return bool(
                _DAY_NAME_BEFORE.search(before) or _DAY_NAME_AFTER.match(tail) or _GENERIC_BEFORE.search(before)
            )
        if c.kind == "deictic":
            word = text[c.start : c.end]
            return word[:1].isupper() and bool(c.groups.get("word")) and bool(_DEICTIC_NAME_BEFORE.search(before))
        return False

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
        layout = _Layout.of(doc, sent_starts)
        published = parse_iso(doc.published)
        pub: tuple[str, dt.date] | None = ("published", published[0]) if published and published[1] == "day" else None
        last_day: tuple[str, dt.date] | None = None  # nearest preceding absolute date with a day
        last_any: tuple[str, dt.date] | None = None  # nearest preceding date of any kind with a day
        history: list[tuple[str, dt.date, str]] = []  # every absolute story date, in order, with its precision
        events: dict[str, list[tuple[str, dt.date, str]]] = {}
        items = [_Resolved(f"D{i}", s, e, "absolute") for i, (s, e, _, _) in enumerate(pieces, 1)]
        pos = {r.id: r.start for r in items}
        tweets = self._tweet_dates(layout, pieces, items, text)

        def frame(x: int) -> tuple[str, dt.date] | None:
            """The time the words at ``x`` are spoken from: a dated quote's date, else the article's."""
            q = layout.quote(x)
            if q is not None:
                qs, qe = layout.quotes[q]
                sents = {layout.sentence(qs - 1), layout.sentence(qe)}
                dated = [
                    (i, d)
                    for i, d, p in history
                    if p == "day" and layout.sentence(pos[i]) in sents and not qs <= pos[i] < qe
                ]
                if dated:
                    return dated[-1]
            return tweets.get(layout.para(x)) or pub

        def close(anchor: tuple[str, dt.date] | None, x: int) -> tuple[str, dt.date] | None:
            """A story date in the same paragraph and the same quotation (or outside both)."""
            if anchor is None or anchor[0] not in pos:
                return None
            y = pos[anchor[0]]
            return anchor if layout.para(y) == layout.para(x) and layout.quote(y) == layout.quote(x) else None

        for k, (start, end, cand, part) in enumerate(pieces):
            r = items[k]
            g = cand.groups
            toks = self._token_at(chunks, start, end)
            flashback = self._flashback(toks)
            if flashback:
                r.attrs["flashback"] = True
            if cand.kind in ("abs", "iso", "numeric", "range", "month", "year", "entity"):
                days = [(h[0], h[1]) for h in history if h[2] == "day"]
                self._absolute(r, cand, part, text, last_day or (days[-1] if days else None), pub, layout)
                if r.day is not None and r.precision is not None:
                    caption = layout.caption(start)
                    if r.attrs.get("published"):
                        # A dateline stands for the publication date, not a date in the story.
                        if pub is None and r.precision == "day":
                            pub = (r.id, r.day)
                    elif not caption:
                        history.append((r.id, r.day, r.precision))
                    if not r.attrs.get("published") and r.precision == "day" and not flashback and not caption:
                        last_day = (r.id, r.day)
                        last_any = last_day
                    event = self._event(toks)
                    if event is not None:
                        r.attrs.update(event)
                        events.setdefault(event["event"], []).append((r.id, r.day, r.precision))
            elif cand.kind == "offset":
                self._offset(r, g, history, frame(start), events, items, pieces, k, text)
            elif cand.kind == "anaph":
                self._anaphoric(r, g, last_any, history, events, text, self._attach(r, items, pieces, k, text))
            elif cand.kind == "deictic":
                self._deictic(r, g, frame(start))
            elif cand.kind == "weekday":
                self._weekday(r, g, close(last_day, start), frame(start), self._future(toks))
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

    @staticmethod
    def _tweet_dates(
        layout: _Layout, pieces: list[tuple[int, int, _Cand, int]], items: list[_Resolved], text: str
    ) -> dict[int, tuple[str, dt.date]]:
        """Paragraph index → the date on the tweet signature right after it ("— Name (@handle) December 1,
        2017"): an embedded tweet is a quote dated by its signature."""
        out: dict[int, tuple[str, dt.date]] = {}
        for k, (start, end, cand, _) in enumerate(pieces):
            if cand.kind != "abs" or not cand.groups.get("y") or cand.groups.get("d") is None:
                continue
            p = layout.para(start)
            ps, _pe = layout.paras[p]
            if not _TWEET_SIGNATURE.match(text[ps:start]):
                continue
            day = _dp(text[start:end], dt.date(int(str(cand.groups["y"])), 1, 1), "current_period")
            if day is not None:
                # "— Mike Cernovich\n(@Cernovich) December 1, 2017": the name may sit on its own line.
                name_line = p >= 1 and text[layout.paras[p - 1][0] : layout.paras[p - 1][1]].lstrip().startswith(
                    ("—", "–", "-")
                )
                for q in (p, p - 1, p - 2) if name_line else (p, p - 1):
                    out.setdefault(q, (items[k].id, day))
        return out

    @staticmethod
    def _future(toks: list[Token]) -> bool:
        """Whether the clause of a time expression looks ahead: "will", "is to", "plans to", "is set to"."""
        if not toks:
            return False
        inside = {t.i for t in toks}
        cur = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])
        for _ in range(5):
            head = cur.head
            if head.i == cur.i:
                return False
            if head.pos_ in ("VERB", "AUX"):
                aux = [c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")]
                if any(a in ("will", "shall", "'ll", "’ll", "wo") for a in aux):
                    return True
                if "to" in aux and head.head.i != head.i:
                    gov = head.head
                    return gov.lemma_.lower() in _FUTURE_GOVERNORS or (
                        gov.lower_ == "going" and any(c.dep_ == "aux" for c in gov.children)
                    )
                # "Mohamed and his father are to travel … On Wednesday": the date hangs on "are".
                return head.lemma_.lower() in _FUTURE_GOVERNORS and any(
                    c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                    for c in head.children
                )
            cur = head
        return False

    def _absolute(
        self,
        r: _Resolved,
        cand: _Cand,
        part: int,
        text: str,
        last_day: tuple[str, dt.date] | None,
        pub: tuple[str, dt.date] | None,
        layout: _Layout,
    ) -> None:
        g = cand.groups
        r.kind = "absolute"
        # A dateline: "Published 9 June 2030", or a date alone on its line ("Friday, July 21, 2017").
        line_start = text.rfind("\n", 0, r.start) + 1
        line_end = text.find("\n", r.end)
        line_end = len(text) if line_end < 0 else line_end
        alone = not text[line_start : r.start].strip(" \t*_#>") and not text[r.end : line_end].strip(" \t*_.")
        if (
            # "Published 9 June 2030" at the top or opening its line; "a letter dated 22 November 2000"
            # in running text is a story date.
            (
                (kw := _DATELINE.search(text[max(0, r.start - 40) : r.start])) is not None
                and (
                    (kw.group(0)[:1].isupper() and any(ls <= r.start < le for ls, le in layout.head_lines))
                    or not _DATELINE.sub("", text[line_start : r.start]).strip(" \t*_#>|")
                )
            )
            or (alone and cand.kind != "range")
            or (pub is None and self._head_dateline(r, cand, text, layout, line_start, line_end))
        ):
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

    @staticmethod
    def _head_dateline(r: _Resolved, cand: _Cand, text: str, layout: _Layout, line_start: int, line_end: int) -> bool:
        """A full date in the first three lines that ends the headline ("… ants Tuesday, September 1, 2015"),
        opens the first paragraph with its weekday ("Thursday, May 7, 2015 On Tuesday, …") or is an agency
        dateline ("BUDAPEST, Hungary, February 19, 2018 (LifeSiteNews) – …")."""
        g = cand.groups
        if cand.kind != "abs" or not g.get("y") or g.get("d") is None:
            return False
        if not any(ls <= r.start < le for ls, le in layout.head_lines[:3]):
            return False
        before = text[line_start : r.start]
        words = before.split()
        if not text[r.end : line_end].strip() and words and words[-1].lower().strip(",") not in _LINE_START_PREPS:
            return True
        if g.get("wd") and not before.strip():
            return True
        # An agency dateline, a byline's date and time ("January 25, 2018 2:16 pm"), or a date right before the
        # place of an agency dateline ("WSYX/WTTE Saturday, February 10th 2018 COLUMBUS, Ohio (WSYX/WTTE) -").
        after = text[r.end : r.end + 80]
        if _AGENCY_BEFORE.match(before):
            return bool(_AGENCY_AFTER.match(after))
        return bool(_AGENCY_AFTER.match(after)) and not re.match(r"^,?[^\S\r\n]*[(–—-]", after)

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
        frame: tuple[str, dt.date] | None,
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
        # "ten days before the beginning of the Hajj", "a year after Assange took refuge": the offset counts
        # from a reference the text names; only a dated event of that class can anchor it.
        complement = direction in ("before", "after", "prior") and (
            refnoun is not None or not _ADVERBIAL_END.match(text[r.end : r.end + 20])
        )
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
        anchor: tuple[str, dt.date] | None
        if direction == "ago":
            anchor = frame  # the time of writing (or of a dated quote), never a story date
        elif complement:
            anchor = (self._event_date(events, refnoun) or last_day) if ref_cls else None
        else:
            anchor = last_day  # "three days later": the story's time, never the publication date
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
        history: list[tuple[str, dt.date, str]],
        events: dict[str, list[tuple[str, dt.date, str]]],
        text: str,
        attached: str | None = None,
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
        anchor = self._event_date(events, refnoun) or last_any
        if g.get("ba") and refnoun is None and not _ADVERBIAL_END.match(text[r.end : r.end + 20]):
            anchor = None  # "the day after he lodged a complaint": the text does not date the reference
        elif refnoun is not None and r.attrs["ref_event"] is None:
            anchor = None
        if g.get("ba") and anchor is not None and anchor[0] == attached:
            # "on Nov. 7, 2016, the day before the election": the date next to it is its own value, not the
            # day it counts from.
            anchor = None
        elif base_unit in ("month", "year") and not g.get("refnoun"):
            # "late that year" refers to the last date at least as precise as a year ("in 2015"), not only to
            # the last day.
            rank = {"day": 0, "month": 1, "year": 2}
            coarse = [(h[0], h[1]) for h in history if rank[h[2]] <= rank[base_unit]]
            if coarse and (anchor is None or int(coarse[-1][0][1:]) > int(anchor[0][1:])):
                anchor = coarse[-1]
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
        story: tuple[str, dt.date] | None,
        frame: tuple[str, dt.date] | None,
        future: bool,
    ) -> None:
        """A weekday counts from a story date close to it (same paragraph and quotation), else from the
        time it is spoken from (the publication date or a dated quote's date), else stays null."""
        r.kind = "weekday"
        name = str(g["wd"])
        r.attrs["weekday"] = name
        r.precision = "day"
        lnt = (g.get("lnt") or "").lower()
        anchor = story or frame
        if anchor is None:
            return
        r.attrs["anchor"] = anchor[0]
        base = anchor[1]
        if WEEKDAYS[base.weekday()] == name and not lnt:
            day: dt.date | None = base
        else:
            if lnt in ("last", "next"):
                prefer = "past" if lnt == "last" else "future"
            else:
                # After a story date the story moves on; from the time of writing a weekday lies in the past
                # unless its clause looks ahead ("are to travel … on Wednesday").
                prefer = "future" if story is not None or future else "past"
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
