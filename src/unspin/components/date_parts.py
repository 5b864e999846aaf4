"""What the dates layer reads dates with: the patterns of absolute, relative and deictic dates, the words around
a date that make it part of a name ("the 6th of October Bridge"), the units and their precision, and the layout
of a document (paragraphs, quotes, captions) a relative date is anchored within.  Used by
:mod:`unspin.components.dates`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import importlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..document import Document
from ..ingest.paragraphs import paragraph_spans
from .quantity_words import NUMBER_WORDS, words_to_number
from .quote_marks import find_inline_quotes

if TYPE_CHECKING:
    pass

__all__ = [
    "ABS_DMY",
    "ABS_MDY",
    "ABS_MY",
    "ADVERBIAL_END",
    "AGENCY_AFTER",
    "AGENCY_BEFORE",
    "AGE_BEFORE",
    "ANAPH",
    "ATTACH_GAP",
    "BOUNDS",
    "CAPTION",
    "DATELINE",
    "DATE_NAME_AFTER",
    "DAY",
    "DAY_NAME_AFTER",
    "DAY_NAME_BEFORE",
    "DEICTIC",
    "DEICTIC_NAME_BEFORE",
    "DISTINCT_MODIFIERS",
    "DURATION",
    "FUTURE_GOVERNORS",
    "GENERIC_BEFORE",
    "ISO",
    "LINE_START_PREPS",
    "MONTH",
    "MONTHS",
    "MONTH_FULL",
    "MONTH_ONLY",
    "NAME_HEADS",
    "NUM",
    "NUMERIC",
    "NUM_WORDS",
    "OFFSET",
    "PARTS",
    "RANGE_BEFORE",
    "RANGE_DMY",
    "RANGE_MDY",
    "ROUTINE_BEFORE",
    "TWEET_SIGNATURE",
    "TWEET_TAIL",
    "UNIT",
    "UNIT_DAYS",
    "UNIT_PRECISION",
    "WEEKDAY",
    "WEEKDAYS",
    "WEEKDAY_REL",
    "WS",
    "YEAR",
    "YEAR_CONTEXT",
    "YEAR_RE",
    "Cand",
    "Layout",
    "Resolved",
    "count_words",
    "dateparser",
    "dp",
    "iso",
    "parse_iso",
    "unit_name",
]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS: dict[str, int] = {}
for _i, _name in enumerate(
    "January February March April May June July August September October November December".split(), 1
):
    MONTHS[_name.lower()] = _i
    MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9

WS = r"[^\S\r\n]+"
# A dateline may be set in capitals ("MONDAY, MAY 23, 2005"): the names are also matched all in capitals, never
# in lower case ("may" is a verb).
_MONTH_NAMES = "January February March April May June July August September October November December".split()
_WEEKDAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTH = (
    r"(?:" + "|".join(_MONTH_NAMES + [m.upper() for m in _MONTH_NAMES]) + "|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?![A-Za-z])"
)
MONTH_FULL = r"(?:" + "|".join(_MONTH_NAMES) + r")\b"
WEEKDAY = r"(?:" + "|".join(_WEEKDAY_NAMES + [d.upper() for d in _WEEKDAY_NAMES]) + ")"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[5-9]\d\d|2[01]\d\d)"
NUM_WORDS = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("zero", "score")), key=len, reverse=True))
NUM = (
    rf"(?:\d+(?:\.\d+)?|(?:{NUM_WORDS})(?:[- ](?:{NUM_WORDS}))?|an?|a{WS}few|a{WS}couple{WS}of|several|"
    rf"half{WS}an?)"
)
UNIT = r"(?:hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))"
PARTS = r"(?:night|morning|evening|afternoon)"

ABS_DMY = re.compile(
    rf"(?:(?P<wd>{WEEKDAY}),?{WS})?(?:the{WS})?(?<![\d.,])(?P<d>{DAY})(?:{WS}of)?{WS}(?P<m>{MONTH})"
    rf"(?:,?{WS}(?P<y>{YEAR})\b)?"
)
ABS_MDY = re.compile(
    rf"(?:(?P<wd>{WEEKDAY}),?{WS})?(?P<m>{MONTH}){WS}(?P<d>{DAY})\b"
    rf"(?:,?{WS}(?P<y>{YEAR})\b)?"
)
ABS_MY = re.compile(rf"(?P<m>{MONTH}),?{WS}(?P<y>{YEAR})\b")
ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
NUMERIC = re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})\b")
RANGE_DMY = re.compile(
    rf"\b(?P<d1>{DAY})[^\S\r\n]*(?:and|to|–|-|&)[^\S\r\n]*(?P<d2>{DAY}){WS}(?P<m>{MONTH})(?:,?{WS}(?P<y>{YEAR})\b)?"
)
RANGE_MDY = re.compile(
    rf"(?P<m>{MONTH}){WS}(?P<d1>{DAY})[^\S\r\n]*(?:and|to|–|-|&)[^\S\r\n]*(?P<d2>{DAY})\b(?:,?{WS}(?P<y>{YEAR})\b)?"
)
MONTH_ONLY = re.compile(
    rf"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id|[Tt]hrough)(?:{WS}|-)"
    rf"(?P<m>{MONTH_FULL})(?!,?{WS}\d)"
)
YEAR_RE = re.compile(rf"(?<![\d.,$€£¥/])(?P<y>{YEAR})(?![\d%]|[.,]\d|s\b)")
OFFSET = re.compile(
    rf"(?<![\d,.])\b(?P<n>{NUM}){WS}(?P<unit>{UNIT}){WS}(?:(?P<dir>before|after)\b(?:{WS}(?:the|that|this){WS}"
    rf"(?P<refnoun>[A-Za-z]+))?|(?P<dir2>earlier|later|ago|afterwards|afterward|previously|prior|"
    rf"on(?=[^\S\r\n]*(?:[,.;:!?)—–]|$)))\b)",
    re.IGNORECASE | re.MULTILINE,
)
ANAPH = re.compile(
    rf"\b(?:the{WS}(?P<rel>same|next|following|previous|preceding){WS}(?P<u1>day|night|morning|evening|"
    rf"afternoon|week|weekend|month|year)|that{WS}(?P<u2>day|night|morning|evening|afternoon|week|weekend|month|"
    rf"year)|(?P<ew>earlier|later){WS}that{WS}(?P<u3>day|night|morning|evening|afternoon|week|month|year)|"
    rf"the{WS}(?P<u4>day|night){WS}(?P<ba>before|after)(?:{WS}the{WS}(?P<refnoun>[A-Za-z]+))?)\b",
    re.IGNORECASE,
)
DEICTIC = re.compile(
    rf"\b(?:(?P<word>yesterday|today|tomorrow|tonight)|last{WS}night|this{WS}(?P<part>morning|afternoon|evening)|"
    rf"(?:(?P<ew>earlier|later){WS})?(?P<rel>this|last|next){WS}(?P<u>week|weekend|month|year))\b",
    re.IGNORECASE,
)
WEEKDAY_REL = re.compile(
    rf"\b(?:(?P<lnt>[Ll]ast|[Nn]ext|[Tt]his){WS})?(?P<wd>{WEEKDAY})(?!s\b)(?:(?:'s|’s)?{WS}(?P<part>{PARTS})\b)?"
)
DURATION = re.compile(
    rf"\b(?:(?P<prep>within|in{WS}under|in{WS}less{WS}than|less{WS}than|more{WS}than|nearly|almost|about|"
    rf"around|some|after|for|over|during|in|under){WS}(?:the{WS}(?:past|last|next|first){WS})?)?"
    rf"(?P<n>{NUM}){WS}(?P<unit>{UNIT})\b(?![-‐]|{WS}old\b)",
    re.IGNORECASE,
)
DATELINE = re.compile(r"(?:published|updated|posted|dated|first published)[\s:,]*(?:on\s+)?$", re.IGNORECASE)
YEAR_CONTEXT = frozenset(
    "in since by until till from to of before after during between and through circa c. early late mid around "
    "spring summer autumn fall winter throughout year".split()
)
UNIT_DAYS: dict[str, float] = {
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
UNIT_PRECISION = {
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
BOUNDS = {
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
DISTINCT_MODIFIERS = frozenset(
    "first second third fourth last latest previous next new earlier later subsequent further other initial final "
    "recent another follow-up".split()
)
AGE_BEFORE = re.compile(r"\b(?:aged?|ages)\s+(?:\d+\s*(?:[–-]|to)\s*)?$", re.IGNORECASE)
RANGE_BEFORE = re.compile(r"\d\s*(?:[–-]|to|or)\s*$")
ATTACH_GAP = re.compile(r"^[\s,(—–-]*(?:on|in|at|of)?[\s,)—–-]*$")
# Names that contain a date ("the 6th of October Bridge", "25 January Revolution", "April 6 Youth Movement").
NAME_HEADS = (
    r"(?:Bridge|Street|St\.?|Square|Revolution|City|Road|Rd\.?|Avenue|Ave\.?|Boulevard|Highway|Movement|Party|Stadium|"
    r"University|College|School|Institute|Park|Station|Airport|Port|Brigade|Brigades|Battalion|Front|Group|Alliance|"
    r"Coalition|Bloc|Forces|Uprising|Intifada|Agreement|Accords?|Declaration|Memorial|Monument|Hospital|Club|Cup|War|"
    r"Manifesto|Incident|Massacre|Protests?|Attacks|Mosque|Church|Hall|Tower|Museum|Center|Centre|Market|District|"
    r"Neighbou?rhood|Operation|Offensive|Law|Act|Constitution|Generation|Youth|Martyrs)\b"
)
DATE_NAME_AFTER = re.compile(
    rf"^(?:{WS}(?:Youth|Student|Students|Martyrs|Popular|National|Democratic))?{WS}{NAME_HEADS}"
)
# Weekday names inside names ("Saturday Morning Breakfast Cereal", "Sunday Times", "Good Friday") and generic
# weekdays ("on a Monday", "every Friday") are no dates.
DAY_NAME_BEFORE = re.compile(
    rf"\b(?:Good|Black|Ash|Holy|Maundy|Palm|Easter|Super|Bloody|Cyber|Shrove|Fat|Giving|Spy|Whit){WS}$"
)
DAY_NAME_AFTER = re.compile(
    rf"^(?:{WS}(?:Morning|Night|Evening|Afternoon){WS}[A-Z]|{WS}(?:Times|Telegraph|Express|Herald|Post|Mirror|"
    rf"Star|Independent|Review|Magazine|Edition|Prayers?|Service|Mass|Club|Market|School|Massacre|Agreement|Group|"
    rf"Movement|League|Show|Live|Special|Football)\b)"
)
GENERIC_BEFORE = re.compile(rf"\b(?:[Aa]|[Ee]very|[Ee]ach|[Aa]ny|[Oo]ne){WS}$")
# A bare weekday after a generic one in the same sentence tells a routine too: "We whittle that down on a Monday to
# about a hundred, come in Tuesday and pick an issue".
ROUTINE_BEFORE = re.compile(rf"\b(?:(?:[Aa]|[Ee]very|[Ee]ach){WS}{WEEKDAY}|{WEEKDAY}s)\b[^.!?\n]*$")
# "Tucker Carlson Tonight", "USA Today": a capitalised deictic word right after a capitalised word is a name.
DEICTIC_NAME_BEFORE = re.compile(rf"(?<![.!?:;\"“])\b[A-Z][\w&'’-]*{WS}$")
# After "before/after/prior": an adverb ("three days before.") or a complement ("three days before the New Mass
# was issued") whose date the text must give.
ADVERBIAL_END = re.compile(r"^[^\S\r\n]*(?:[,.;:!?)\]—–]|$|(?:and|but|or|when|while)\b)", re.MULTILINE)
# Datelines: "WASHINGTON, D.C., February 12, 2018 (LifeSiteNews) –".
AGENCY_BEFORE = re.compile(r"^[^\S\r\n]*[A-Z][A-Z.'’ -]{2,}(?:,[^,\n]{1,40}){0,2},[^\S\r\n]*$")
AGENCY_AFTER = re.compile(
    r"^,?[^\S\r\n]*(?:(?:\([^)\n]{1,40}\)[^\S\r\n]*)?[–—-]+\s|\d{1,2}:\d\d[^\S\r\n]*(?:[ap]\.?m\.?)?|"
    r"[A-Z]{3,}[A-Z .'’-]*,[^\n]{0,40}?(?:\([^)\n]{1,40}\)[^\S\r\n]*)?[–—-]\s)"
)
LINE_START_PREPS = frozenset("on of in since by until till from to at before after during through and or".split())
# Captions and photo credits: a date there dates the picture, not the story.
CAPTION = re.compile(r"\b(?:Image|Photo|Picture|Credit)s?\s*:|\bfile (?:photo|picture)\b|\(AP\b", re.IGNORECASE)
# A tweet's signature line: "— Donald J. Trump (@realDonaldTrump) December 1, 2017".
TWEET_SIGNATURE = re.compile(r"^[^\S\r\n]*(?:[—–-][^\n]*)?\(@\w+\)[^\S\r\n]*$")
#: a signature at the end of the tweet's own line ("… https://t.co/x — Patrick Svitek (@PatrickSvitek)")
TWEET_TAIL = re.compile(r"\s[—–][^\S\r\n]*[^\n—–]*\(@\w+\)[^\S\r\n]*$")


@functools.cache
def dateparser() -> Any:
    # Imported on first use: dateparser loads its language data at import.
    return importlib.import_module("dateparser")


def dp(text: str, base: dt.date, prefer: str) -> dt.date | None:
    """``dateparser.parse`` in English against ``base``; the date part or None."""
    result = dateparser().parse(
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


def iso(day: dt.date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def count_words(raw: str) -> float | None:
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


def unit_name(raw: str) -> str:
    low = raw.lower()
    if low.startswith("centur"):
        return "century"
    return low[:-1] if low.endswith("s") else low


@dataclass
class Cand:
    start: int
    end: int
    kind: str  # pattern name
    groups: dict[str, str | None]
    prio: int
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Resolved:
    id: str
    start: int
    end: int
    kind: str
    value: str | None = None
    precision: str | None = None
    day: dt.date | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


FUTURE_GOVERNORS = frozenset("be plan set schedule expect due intend aim hope prepare".split())


@dataclass
class Layout:
    """Where a position sits: its paragraph, sentence and quotation; captions and the text's head lines."""

    paras: list[tuple[int, int]]
    sent_starts: list[int]
    quotes: list[tuple[int, int]]
    captions: set[int]
    head_lines: list[tuple[int, int]]
    _para_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Document, sent_starts: list[int]) -> Layout:
        text = doc.text
        paras = [(s.start, s.end) for s in doc.spans("paragraphs")] or paragraph_spans(text)
        # Double quotes and guillemets only: single marks are too often apostrophes or scare quotes.
        quotes = sorted(
            (q.start, q.end) for q in find_inline_quotes(text, paras) if q.style != "single" and q.end - q.start >= 12
        )
        captions = set()
        for i, (ps, pe) in enumerate(paras):
            nxt = paras[i + 1] if i + 1 < len(paras) else None
            if CAPTION.search(text[ps:pe]) or (
                nxt is not None and nxt[1] - nxt[0] < 40 and CAPTION.search(text[nxt[0] : nxt[1]])
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
