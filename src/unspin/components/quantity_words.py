"""The words the numbers layer reads numbers with: number words and ordinals, units, currencies and measures, the
nouns a number counts (people, events) and the event classes, bounds ("at least", "more than"), and the helpers
that turn words into values (:func:`words_to_number`, :func:`interval`).  Used by
:mod:`unspin.components.quantities`, the dates and the consistency layers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

__all__ = [
    "CASUALTY_WORDS",
    "CURRENCY_LEMMAS",
    "CURRENCY_SYMBOLS",
    "EVENT_NOUNS",
    "EVENT_VERBS",
    "FRACTIONS",
    "GENERIC_PEOPLE",
    "INCREMENT_AFTER",
    "LOWER_BOUND",
    "MONTH_NAMES",
    "MULTIPLIERS",
    "NUMBER_WORDS",
    "NUMERIC",
    "ORDINAL_DIGITS",
    "ORDINAL_WORDS",
    "PARTITIVE_PREPS",
    "PERSON_NOUNS",
    "PRONOUN_ONE_BEFORE",
    "QUALIFIERS",
    "REFERENCE_WORDS",
    "SUFFIX_MULTIPLIERS",
    "TIME_NOUNS",
    "UNITS",
    "UPPER_BOUND",
    "VAGUE",
    "VAGUE_QUALIFIERS",
    "VAGUE_UPPER",
    "YEAR_MAX",
    "YEAR_MIN",
    "Figure",
    "event_class",
    "interval",
    "word_at",
    "words_to_number",
]

#: Cardinal number words and their values; "dozen" and "score" count too.
NUMBER_WORDS: dict[str, float] = {
    w: float(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
NUMBER_WORDS.update(
    {w: float(10 * i) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
)
NUMBER_WORDS.update({"dozen": 12.0, "score": 20.0})
MULTIPLIERS: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "mn": 1e6,
    "bn": 1e9,
    "tn": 1e12,
}
SUFFIX_MULTIPLIERS: dict[str, float] = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}
NUMERIC = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(k|m|mn|bn|tn)?$", re.IGNORECASE)

#: Vague plural quantities: lower-bound value and the qualifier recorded.
VAGUE: dict[tuple[str, ...], tuple[float, str]] = {
    ("tens", "of", "thousands"): (2e4, "tens of thousands"),
    ("hundreds", "of", "thousands"): (2e5, "hundreds of thousands"),
    ("tens", "of", "millions"): (2e7, "tens of millions"),
    ("hundreds", "of", "millions"): (2e8, "hundreds of millions"),
    ("scores", "of"): (40.0, "scores of"),
    ("dozens",): (24.0, "dozens"),
    ("hundreds",): (200.0, "hundreds"),
    ("thousands",): (2e3, "thousands"),
    ("millions",): (2e6, "millions"),
    ("billions",): (2e9, "billions"),
}
#: Upper ends of the vague readings (just below the next order of magnitude).
VAGUE_UPPER: dict[str, float] = {
    "dozens": 143.0,
    "scores of": 199.0,
    "hundreds": 1999.0,
    "thousands": 19_999.0,
    "tens of thousands": 199_999.0,
    "hundreds of thousands": 1_999_999.0,
    "millions": 19_999_999.0,
    "tens of millions": 199_999_999.0,
    "hundreds of millions": 1_999_999_999.0,
    "billions": math.inf,
}
#: The qualifiers that are vague quantity words themselves ("dozens").
VAGUE_QUALIFIERS = frozenset(VAGUE_UPPER)
FRACTIONS: dict[str, float] = {
    "half": 1 / 2,
    "halves": 1 / 2,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 1 / 4,
    "quarters": 1 / 4,
    "fifth": 1 / 5,
    "fifths": 1 / 5,
    "tenth": 1 / 10,
    "tenths": 1 / 10,
}
ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth hundredth "
    "thousandth millionth last".split()
)
ORDINAL_DIGITS = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)

#: Qualifiers as token sequences (lower case) → the qualifier recorded.
QUALIFIERS: dict[tuple[str, ...], str] = {
    ("at", "least"): "at least",
    ("no", "fewer", "than"): "at least",
    ("no", "less", "than"): "at least",
    ("not", "less", "than"): "at least",
    ("at", "most"): "at most",
    ("no", "more", "than"): "at most",
    ("more", "than"): "more than",
    ("upwards", "of"): "more than",
    ("in", "excess", "of"): "more than",
    ("fewer", "than"): "fewer than",
    ("less", "than"): "less than",
    ("up", "to"): "up to",
    ("as", "many", "as"): "as many as",
    ("just", "over"): "over",
    ("well", "over"): "over",
    ("just", "under"): "under",
    ("close", "to"): "about",
    ("an", "estimated"): "about",
    ("some",): "about",
    ("over",): "over",
    ("above",): "above",
    ("under",): "under",
    ("below",): "below",
    ("about",): "about",
    ("around",): "about",
    ("roughly",): "about",
    ("approximately",): "about",
    ("almost",): "nearly",
    ("nearly",): "nearly",
    ("estimated",): "about",
}
LOWER_BOUND = frozenset({"at least", "more than", "over", "above"})
UPPER_BOUND = frozenset({"at most", "fewer than", "less than", "up to", "as many as", "under", "below"})

#: Currency symbols and unit names (the common ones broadly, so that none is singled out).
CURRENCY_SYMBOLS = frozenset("$ € £ ¥ ₹ ₽ ₩ ₺ ₪ ₦ ₱ ฿ ₴ ₫ ₡ ₲ ₵ ₸ ₼ ₾".split())
CURRENCY_LEMMAS = frozenset(
    "dollar euro pound yen yuan renminbi rupee rouble ruble franc peso rand lira dinar dirham riyal rial "
    "shekel naira krona krone zloty forint hryvnia lari manat baht dong ringgit rupiah taka shilling cedi "
    "kwacha birr lev leu lek denar tenge afghani kyat kip riel".split()
)
#: Measurement units as written (lower case) → the unit recorded.
UNITS: dict[str, str] = {
    "%": "%",
    "percent": "%",
    "pct": "%",
    "km": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "mile": "mi",
    "miles": "mi",
    "m": "m",  # "$3.5m" was already read as millions
    "metre": "m",
    "metres": "m",
    "meter": "m",
    "meters": "m",
    "cm": "cm",
    "mm": "mm",
    "kg": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "tonne": "t",
    "tonnes": "t",
    "ton": "t",
    "tons": "t",
    "litre": "l",
    "litres": "l",
    "liter": "l",
    "liters": "l",
    "hectare": "ha",
    "hectares": "ha",
    "acre": "acre",
    "acres": "acre",
    "mph": "mph",
    "kph": "km/h",
    "mw": "MW",
    "gw": "GW",
    "barrel": "barrel",
    "barrels": "barrel",
}
#: Words just before a number that make it a reference, not a count.
REFERENCE_WORDS = frozenset(
    "page pages p. pp. section sections chapter chapters article articles clause paragraph no. number nos. "
    "item figure fig. table vol. volume line rule point step part room platform gate route flight highway "
    "bus unit resolution amendment phase level grade episode season version channel #".split()
)
PRONOUN_ONE_BEFORE = frozenset("no any every each the this that which someone anyone".split())
INCREMENT_AFTER = frozenset("more others additional further extra".split())
PARTITIVE_PREPS = frozenset({"including", "among", "of", "excluding", "besides", "plus", "except"})
TIME_NOUNS = frozenset(
    "second minute hour day night week fortnight month year decade century morning evening afternoon weekend "
    "am pm a.m. p.m. o'clock".split()
)
MONTH_NAMES = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
YEAR_MIN, YEAR_MAX = 1500, 2199

#: Casualty words (lemmas, lower case) → the normalised measure key.
CASUALTY_WORDS: dict[str, str] = {
    "kill": "killed",
    "killed": "killed",
    "die": "killed",
    "died": "killed",
    "dead": "killed",
    "death": "killed",
    "fatality": "killed",
    "perish": "killed",
    "murder": "killed",
    "slay": "killed",
    "toll": "killed",
    "injure": "injured",
    "injured": "injured",
    "wound": "injured",
    "wounded": "injured",
    "hurt": "injured",
    "injury": "injured",
    "missing": "missing",
    "disappear": "missing",
    "arrest": "arrested",
    "detain": "detained",
    "abduct": "abducted",
    "kidnap": "abducted",
    "evacuate": "evacuated",
    "displace": "displaced",
    "rescue": "rescued",
    "casualty": "casualties",
}
#: Counted nouns that stand for people in general: a casualty figure for them
#: has no ``group``.
GENERIC_PEOPLE = frozenset("people person persons individual individuals victim victims casualty".split())
#: Counted nouns that are people (so a casualty verb counts them).
PERSON_NOUNS = frozenset(
    "people person individual civilian man woman child kid boy girl baby infant adult passenger commuter "
    "soldier troop officer policeman policewoman worker resident bystander student pupil victim pilgrim "
    "protester protestor demonstrator fighter militant member citizen villager tourist patient staff employee "
    "guard firefighter journalist reporter rebel insurgent migrant refugee prisoner inmate hostage casualty "
    "worshipper shopper spectator fan player crew sailor pilot doctor nurse teacher farmer miner".split()
)

#: Event nouns (lemmas) → the class of event they name.  Words of one class
#: in one article are read as the same event ("the bombing", "the blast").
EVENT_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        "attack bombing bomb blast explosion strike airstrike shelling shooting raid assault ambush massacre "
        "killing atrocity detonation".split(),
        "attack",
    ),
    **dict.fromkeys("crash collision derailment accident stampede collapse".split(), "accident"),
    **dict.fromkeys("fire blaze wildfire".split(), "fire"),
    **dict.fromkeys("meeting talks talk summit session negotiation conference".split(), "meeting"),
    **dict.fromkeys("protest demonstration rally march riot clash unrest".split(), "protest"),
    **dict.fromkeys("election vote referendum ballot poll".split(), "election"),
    **dict.fromkeys("ceasefire truce armistice".split(), "ceasefire"),
    **dict.fromkeys("agreement accord deal treaty".split(), "agreement"),
    **dict.fromkeys("earthquake quake tremor".split(), "earthquake"),
    **dict.fromkeys("flood flooding".split(), "flood"),
    **dict.fromkeys("storm hurricane cyclone typhoon tornado".split(), "storm"),
    **dict.fromkeys("coup invasion offensive battle siege incursion".split(), "offensive"),
    **dict.fromkeys("trial hearing verdict ruling sentencing".split(), "trial"),
    **dict.fromkeys("arrest detention".split(), "arrest"),
    **dict.fromkeys("landslide eruption tsunami outbreak epidemic".split(), "disaster"),
    # Perpetrators stand for their attack ("a gunman killed 50 people").
    **dict.fromkeys("gunman gunmen bomber attacker shooter sniper assailant arsonist".split(), "attack"),
}
#: Verbs (lemmas) that name an event of a class ("the station was bombed", "two jets crashed").
EVENT_VERBS: dict[str, str] = {
    **dict.fromkeys("bomb attack explode detonate shoot stab ambush shell raid".split(), "attack"),
    **dict.fromkeys("crash collide derail capsize sink".split(), "accident"),
    "meet": "meeting",
    "erupt": "disaster",
    "flood": "flood",
}


def event_class(lemma: str) -> str | None:
    """The event class of a noun or verb lemma ("bombing", "explode" → "attack"), or None."""
    low = lemma.lower()
    return EVENT_NOUNS.get(low) or EVENT_VERBS.get(low)


def words_to_number(words: Sequence[str]) -> float | None:
    """The value of number words ("two", "hundred", "and", "fifty" → 250), or None.

    Follows the usual English grouping: a multiplier ("hundred", "thousand",
    "million") scales what came before it; "and" and hyphens are ignored.
    """
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        w = raw.lower()
        if w in ("and", "-", "a", "an"):
            if w in ("a", "an"):
                current = max(current, 1.0)
            continue
        if w in ("dozen", "score"):
            # Small multipliers: "a dozen" 12, "two dozen" 24.
            current = max(current, 1.0) * NUMBER_WORDS[w]
            seen = True
        elif w in NUMBER_WORDS:
            current += NUMBER_WORDS[w]
            seen = True
        elif w in MULTIPLIERS and w not in ("mn", "bn", "tn"):
            scale = MULTIPLIERS[w]
            current = max(current, 1.0) * scale
            if scale >= 1e3:
                total += current
                current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def interval(value: float, qualifier: str | None) -> tuple[float, float]:
    """The range a figure with ``qualifier`` admits.

    "at least 38" → [38, ∞); "up to 40" → [0, 40]; "about 40" → [34, 46]
    (±15%, a common reading of round-number hedges); "nearly 40" → [34, 40];
    vague words → their documented lower and upper bound; no qualifier → the
    value itself.
    """
    if qualifier is None:
        return value, value
    if qualifier in LOWER_BOUND:
        return value, math.inf
    if qualifier in UPPER_BOUND:
        return 0.0, value
    if qualifier == "nearly":
        return value * 0.85, value
    if qualifier == "about":
        return value * 0.85, value * 1.15
    if qualifier in VAGUE_UPPER:
        return value, VAGUE_UPPER[qualifier]
    return value, value


@dataclass
class Figure:
    first: int  # token index of the first token of the span (qualifier or symbol)
    num_first: int  # token index where the number itself starts
    last: int  # token index of the last token of the span
    value: float
    unit: str | None = None
    qualifier: str | None = None
    noun: Token | None = None  # the counted noun


def word_at(sdoc: SpacyDoc, i: int) -> str:
    """The lower-cased word at ``i``, or ``""`` outside the doc."""
    return sdoc[i].lower_ if 0 <= i < len(sdoc) else ""
