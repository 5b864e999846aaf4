"""Numbers in digits and words, with what they count (component ``quantities.rules.v1``).

Adds the span layer ``quantities``: one span (label ``quantity``, id ``N1``,
``N2``, …) per number, from the qualifier to the number or its unit
("more than 120", "at least 38", "3.5 million", "40%", "scores of"), with
these ``attrs``:

* ``value`` (float): the number.  Words are read with a small table
  ("Eleven", "two hundred and fifty", "a dozen"); "3.5 million" and "3.5bn"
  are multiplied out.  Fractions followed by "of" ("a third of", "half of",
  "two-thirds of") are given as a percentage (``unit`` "%"), so that they can
  be compared with figures written as percentages.
* ``unit``: "%" for percentages, the currency symbol or word for money
  ("$", "€", "euro": a currency unit's name, or the word after the number
  inside spaCy's MONEY entity), a short unit for measurements ("km", "kg",
  "t"); null for a plain count.
* ``measure``: what is counted.  For casualties it is a normalised key, from
  the counted noun or from the verb of the clause: "killed" (kill, die, dead,
  death, fatality, death toll), "injured" (injure, wound, hurt, injury),
  "missing", "arrested", "detained", "abducted", "evacuated", "displaced",
  "rescued".  "44 people had died" and "41 deaths" both give "killed".
  Otherwise the lemma of the counted noun ("soldier", "station"), or null.
* ``group``: for a casualty figure about a particular group of people
  ("three children were killed") the lemma of that group ("child"); null for
  generic counts ("people", "persons", no noun).  Figures for different
  groups are never compared.
* ``qualifier``: the hedge before the number as written ("at least", "more
  than", "over", "above", "about", "nearly", "up to", …; "no fewer than" is
  read as "at least", "an estimated" as "about"), or the vague quantity word
  itself ("dozens", "scores of", "hundreds", "thousands", …); else null.
* ``about``: the event or thing the number is about, as a lemma: the
  nearest event noun in the sentence (:data:`EVENT_NOUNS`: "bombing",
  "blast", "attack", or a perpetrator such as "gunman"), else an event verb
  governing the figure's clause (:data:`EVENT_VERBS`: "two jets crashed,
  killing 346" → "crash"), else the subject of that clause, else the place
  its verb happens at ("41 Killed at Marvik Central Station" → "station");
  null when none is found.
* ``part_of`` (bool): the number counts part of a larger group ("including
  three children", "12 of the 41 dead").
* ``increment`` (bool): the number adds to an earlier one ("12 more",
  "another five", "a further 20").
* ``hypothetical`` (bool): the number sits in a conditional or modal clause
  ("the toll would have been more than a thousand", "could reach 100").
* ``sentence``: the index of its sentence in the ``sentences`` layer.

**Vague words.**  This module's choice, not a standard: the value is the
smallest plural reading (two of the unit), so that it is a lower bound —
"dozens" 24, "scores of" 40, "hundreds" 200, "thousands" 2,000, "tens of
thousands" 20,000, "hundreds of thousands" 200,000, "millions" 2,000,000,
and so on up to "billions" — and the upper end of the reading lies just below
the next order of magnitude ("dozens" up to 143).  "A dozen" is 12 and "a
score" 20, with no qualifier.  :func:`interval` turns a value and its
qualifier into the range a reader may take it to mean ("about" ±15%, also
this module's choice); :mod:`unspin.components.consistency` uses it to tell a
conflict from a compatible figure.

**Not quantities.**  Ordinals ("first", "4th"), years and numbers that are
part of a date or time ("in 2019", "4 June", "10:30"), durations ("three
days", "a 41-year-old", which :mod:`unspin.components.dates` reads), numbers
in names ("Brigade of 2019", "Section 12"), page, section and other
reference numbers ("page 4", "Article 5", "Flight 370"), list markers ("1."
at the start of a line) and the pronoun "one" ("one of them", "no one").

Sources: spaCy's tokens, dependency parse and OntoNotes 5 entity labels
(``en_core_web_sm`` 3.8: numbers inside DATE, TIME, ORDINAL or a name entity
are skipped; MONEY marks a currency word); the value grammar of written-out
numbers is the usual English one ("two hundred and fifty" = 2 × 100 + 50).

Limits: rules over spaCy's small English model.  Written-out numbers above
the millions, Roman numerals, ranges ("40 to 50" gives two figures) and
numbers in tables are not handled; the counted noun is taken from the parse,
so a misparse gives a wrong or missing ``measure``.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from ..document import Document, Span
from ..layers import LayerSpec, object_list
from ..pipeline import Component
from .parse import parsed_chunks
from .quantity_words import (
    CASUALTY_WORDS,
    CURRENCY_LEMMAS,
    CURRENCY_SYMBOLS,
    EVENT_VERBS,
    FRACTIONS,
    GENERIC_PEOPLE,
    INCREMENT_AFTER,
    MONTH_NAMES,
    MULTIPLIERS,
    NUMBER_WORDS,
    NUMERIC,
    ORDINAL_DIGITS,
    ORDINAL_WORDS,
    PARTITIVE_PREPS,
    PERSON_NOUNS,
    PRONOUN_ONE_BEFORE,
    QUALIFIERS,
    REFERENCE_WORDS,
    SUFFIX_MULTIPLIERS,
    TIME_NOUNS,
    UNITS,
    VAGUE,
    VAGUE_UPPER,
    YEAR_MAX,
    YEAR_MIN,
    Figure,
    event_class,
    word_at,
    words_to_number,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

__all__ = ["RuleQuantities"]


_QUANTITIES_SCHEMA = object_list(
    ["start", "end", "value"],
    {
        "value": {"type": "number"},
        "unit": {"type": ["string", "null"]},
        "measure": {"type": ["string", "null"], "description": "what is counted, e.g. 'killed'"},
        "qualifier": {"type": ["string", "null"], "description": "at least, above, about, scores of, …"},
    },
    offsets=True,
)


class RuleQuantities(Component):
    """Numbers with their value, unit, measure, qualifier and topic."""

    name = "quantities.rules.v1"
    requires = ("parse", "sentences")
    assigns = ("quantities",)
    layers = (LayerSpec("quantities", "Numbers", "#d7f3f5", order=90, schema=_QUANTITIES_SCHEMA),)

    def __call__(self, doc: Document) -> None:
        spans: list[Span] = []
        starts = [s.start for s in doc.spans("sentences")]
        for offset, sdoc in parsed_chunks(doc):
            for fig in self._figures(sdoc):
                start = offset + sdoc[fig.first].idx
                last = sdoc[fig.last]
                end = offset + last.idx + len(last.text)
                spans.append(
                    Span(
                        start,
                        end,
                        "quantity",
                        self.name,
                        attrs=self._attrs(sdoc, fig),
                    )
                )
        spans.sort(key=lambda s: (s.start, s.end))
        out = [
            Span(
                s.start,
                s.end,
                s.label,
                s.component,
                id=f"N{i}",
                # The sentence index lets later components group figures cheaply.
                attrs={**s.attrs, "sentence": max(0, bisect.bisect_right(starts, s.start) - 1) if starts else None},
            )
            for i, s in enumerate(spans, 1)
        ]
        doc.add_spans("quantities", out, component=self.name)

    # -- finding numbers ----------------------------------------------------
    def _figures(self, sdoc: SpacyDoc) -> list[Figure]:
        out: list[Figure] = []
        i = 0
        while i < len(sdoc):
            fig = self._match(sdoc, i)
            if fig is None:
                i += 1
                continue
            if self._keep(sdoc, fig):
                self._extend_left(sdoc, fig)
                out.append(fig)
            i = fig.last + 1
        return out

    def _match(self, sdoc: SpacyDoc, i: int) -> Figure | None:
        tok = sdoc[i]
        low = tok.lower_
        # Vague plurals: "dozens", "scores of", "tens of thousands".
        for words, (value, qual) in VAGUE.items():
            if tuple(word_at(sdoc, i + k) for k in range(len(words))) == words:
                last = i + len(words) - 1
                open_ended = words == ("dozens",) or words[-1] in ("hundreds", "thousands", "millions", "billions")
                if open_ended and word_at(sdoc, last + 1) == "of":
                    last += 1
                fig = Figure(i, i, last, value, qualifier=qual)
                fig.noun = self._of_object(sdoc, last if sdoc[last].lower_ == "of" else None, sdoc[i])
                return fig
        # Fractions: "a third of", "half of", "two-thirds of".
        frac = self._fraction(sdoc, i)
        if frac is not None:
            return frac
        # Digits, possibly with a multiplier or suffix: "1,200", "3.5 million", "3.5bn".
        m = NUMERIC.match(tok.text)
        if m is not None and not ORDINAL_DIGITS.match(tok.text):
            value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
            suffix = (m.group(3) or "").lower()
            last = i
            if suffix == "m" and word_at(sdoc, i - 1) not in CURRENCY_SYMBOLS:
                # "a 30m wall" is metres; "$30m" is money.
                return Figure(i, i, last, value, unit="m")
            if suffix:
                value *= SUFFIX_MULTIPLIERS[suffix]
            else:
                nxt = word_at(sdoc, i + 1)
                if nxt in MULTIPLIERS:
                    value *= MULTIPLIERS[nxt]
                    last = i + 1
                elif nxt in ("m", "k") and word_at(sdoc, i - 1) in CURRENCY_SYMBOLS:
                    value *= SUFFIX_MULTIPLIERS[nxt]
                    last = i + 1
            return Figure(i, i, last, value)
        # Words: "Eleven", "two hundred and fifty", "twenty-one", "a dozen".
        starts_number = low in NUMBER_WORDS and low not in ("dozen", "score")  # "the score was", not 20
        if starts_number or (low in ("a", "an") and word_at(sdoc, i + 1) in ("dozen", "score", "hundred", "thousand")):
            j = i
            seq: list[str] = []
            while j < len(sdoc):
                w = sdoc[j].lower_
                if (
                    w in NUMBER_WORDS
                    or (w in MULTIPLIERS and w not in ("mn", "bn", "tn"))
                    or (j == i and w in ("a", "an"))
                ):
                    seq.append(w)
                    j += 1
                elif w in ("-", "and") and j + 1 < len(sdoc) and sdoc[j + 1].lower_ in NUMBER_WORDS and seq:
                    # "and" joins "two hundred and fifty", not "two and three".
                    if w == "and" and not any(x in MULTIPLIERS for x in seq):
                        break
                    seq.append(w)
                    j += 1
                else:
                    break
            total = words_to_number(seq)
            if total is None or seq[-1] in ("a", "an"):
                return None
            return Figure(i, i, j - 1, total)
        return None

    def _fraction(self, sdoc: SpacyDoc, i: int) -> Figure | None:
        low = word_at(sdoc, i)
        if low == "half" and word_at(sdoc, i + 1) == "of":
            fig = Figure(i, i, i, 50.0, unit="%")
            fig.noun = self._of_object(sdoc, i + 1, sdoc[i])
            return fig
        numerator: float | None = None
        j = i + 1
        if low in ("a", "an", "one"):
            numerator = 1.0
        elif low in NUMBER_WORDS and NUMBER_WORDS[low] < 10:
            numerator = NUMBER_WORDS[low]
            if word_at(sdoc, j) == "-":
                j += 1
        if numerator is None:
            return None
        word = word_at(sdoc, j)
        if word not in FRACTIONS or word_at(sdoc, j + 1) != "of":
            return None
        fig = Figure(i, i, j, 100.0 * numerator * FRACTIONS[word], unit="%")
        fig.noun = self._of_object(sdoc, j + 1, sdoc[j])
        return fig

    @staticmethod
    def _of_object(sdoc: SpacyDoc, of_index: int | None, head: Token) -> Token | None:
        """The noun after "of" ("scores of *homes*"), from the parse or the next noun."""
        if of_index is not None:
            of = sdoc[of_index]
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
            for k in range(of_index + 1, min(len(sdoc), of_index + 5)):
                if sdoc[k].pos_ in ("NOUN", "PROPN"):
                    return sdoc[k]
        prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if prep is not None:
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
        return None

    def _keep(self, sdoc: SpacyDoc, fig: Figure) -> bool:
        """Whether a matched number is a quantity (see the module docstring)."""
        toks = [sdoc[k] for k in range(fig.num_first, fig.last + 1)]
        first = toks[0]
        prev = sdoc[first.i - 1] if first.i > 0 else None
        nxt = sdoc[fig.last + 1] if fig.last + 1 < len(sdoc) else None
        if any(t.ent_type_ in ("DATE", "TIME", "ORDINAL") for t in toks) and fig.unit != "%":
            return False
        # Numbers inside names ("Brigade of 2019", "Section 12").
        if any(t.ent_type_ in ("ORG", "PERSON", "FAC", "GPE", "LAW", "PRODUCT", "WORK_OF_ART", "EVENT") for t in toks):
            return False
        if first.lower_ in ORDINAL_WORDS and fig.unit != "%":
            return False
        if prev is not None and prev.lower_ in REFERENCE_WORDS:
            # "#" opening a line is a Markdown heading mark, not "number".
            before = sdoc[prev.i - 1] if prev.i > 0 else None
            heading_mark = prev.text == "#" and (before is None or "\n" in before.text + before.whitespace_)
            if not heading_mark:
                return False
        # List markers: "1." or "2)" opening a line.
        line_start = first.i == 0 or "\n" in sdoc[first.i - 1].whitespace_ or "\n" in sdoc[first.i - 1].text
        if first.tag_ == "LS" or (line_start and nxt is not None and nxt.text in (".", ")")):
            return False
        # Dates: a month next to it, a year, a duration or age ("three days", "41-year-old").
        if (prev is not None and prev.lower_.rstrip(".") in MONTH_NAMES and prev.text[:1].isupper()) or (
            nxt is not None and nxt.lower_.rstrip(".") in MONTH_NAMES and nxt.text[:1].isupper()
        ):
            return False
        if nxt is not None and nxt.text in ("-", "‐") and word_at(sdoc, nxt.i + 1).rstrip("s") in TIME_NOUNS:
            return False
        if nxt is not None and (nxt.lemma_.lower() in TIME_NOUNS or nxt.lower_ in TIME_NOUNS) and fig.unit is None:
            return False
        if nxt is not None and nxt.text in (":", "/") and word_at(sdoc, nxt.i + 1)[:1].isdigit():
            return False
        # A word in another script right after it is most often a month name ("31 декабря").
        if nxt is not None and nxt.is_alpha and not nxt.text.isascii():
            return False
        if len(toks) == 1 and re.fullmatch(r"\d{4}", first.text) and YEAR_MIN <= int(first.text) <= YEAR_MAX:
            head = first.head
            counted = first.dep_ == "nummod" and head.tag_ in ("NNS", "NNPS") and head.i > first.i
            if not counted:
                return False
        # The pronoun "one" ("one of them", "no one").
        pronoun = first.dep_ != "nummod" or (prev is not None and prev.lower_ in PRONOUN_ONE_BEFORE)
        return not (first.lower_ == "one" and fig.last == fig.num_first and pronoun)

    def _extend_left(self, sdoc: SpacyDoc, fig: Figure) -> None:
        """Take in a currency symbol before, a unit after, and a qualifier before."""
        i = fig.num_first
        if i > 0 and sdoc[i - 1].text in CURRENCY_SYMBOLS:
            fig.unit = sdoc[i - 1].text
            fig.first = i - 1
        if fig.unit is None:
            nxt = word_at(sdoc, fig.last + 1)
            if nxt in UNITS:
                fig.unit = UNITS[nxt]
                fig.last += 1
            elif nxt == "per" and word_at(sdoc, fig.last + 2) == "cent":
                fig.unit = "%"
                fig.last += 2
            elif fig.last + 1 < len(sdoc):
                # A currency word: a currency unit's name, or the word after the number inside
                # the same spaCy MONEY entity ("3.5 million euros", "40 dollars").
                word = sdoc[fig.last + 1]
                same_ent = word.ent_type_ == "MONEY" and sdoc[fig.last].ent_type_ == "MONEY" and word.ent_iob_ == "I"
                currency = word.lemma_.lower() in CURRENCY_LEMMAS or word.lower_ in CURRENCY_LEMMAS
                if (same_ent or currency) and word.is_alpha and word.pos_ in ("NOUN", "PROPN"):
                    fig.unit = word.lemma_.lower()
                    fig.last += 1
        if fig.qualifier is None:
            for words, qual in sorted(QUALIFIERS.items(), key=lambda kv: -len(kv[0])):
                k = len(words)
                if fig.first - k < 0:
                    continue
                if tuple(sdoc[fig.first - k + n].lower_ for n in range(k)) == words:
                    # "some" and "over" only as hedges right before a number.
                    fig.qualifier = qual
                    fig.first -= k
                    break

    # -- what the number is about -------------------------------------------
    def _attrs(self, sdoc: SpacyDoc, fig: Figure) -> dict[str, Any]:
        last_num = sdoc[fig.last]
        noun = fig.noun if fig.noun is not None else _counted_noun(sdoc, fig)
        # Partitives and subsets: "12 of the 41", "including three children".
        anchor = noun if noun is not None else last_num
        part_of, noun = _partitive(fig, last_num, noun)
        verb, through_subset = _governing_verb(anchor)
        part_of = part_of or through_subset
        measure, group = self._measure(sdoc, fig, noun, verb)
        return {
            "value": fig.value,
            "unit": fig.unit,
            "measure": measure,
            "group": group,
            "qualifier": fig.qualifier,
            "about": self._about(sdoc, fig, noun, verb),
            "part_of": part_of,
            "increment": _increment(sdoc, fig),
            "hypothetical": _hypothetical(verb),
        }

    @staticmethod
    def _casualty(tok: Token | None) -> str | None:
        if tok is None:
            return None
        return CASUALTY_WORDS.get(tok.lemma_.lower()) or CASUALTY_WORDS.get(tok.lower_)

    def _measure(
        self, sdoc: SpacyDoc, fig: Figure, noun: Token | None, verb: Token | None
    ) -> tuple[str | None, str | None]:
        noun_lemma = noun.lemma_.lower() if noun is not None else None
        if fig.unit is not None:
            # A percentage, sum or length counts no casualties by itself ("an increase of 15 per cent").
            return (noun_lemma if fig.unit == "%" else None), None
        # A casualty noun is the measure itself: "41 deaths", "the 41 dead".
        if noun is not None and self._casualty(noun) is not None and noun_lemma not in ("victim",):
            return self._casualty(noun), None
        verb_measure = self._casualty(verb)
        # A toll: "the death toll rose to 44" (the verb's subject is the toll).
        if (
            verb_measure is None
            and verb is not None
            and any(c.dep_ == "nsubj" and c.lemma_.lower() == "toll" for c in verb.children)
        ):
            verb_measure = "killed"
        if verb_measure is None:
            # Headlines without a clause: "41 Killed at …", "41 dead".
            nxt_i = (noun.i if noun is not None else fig.last) + 1
            if nxt_i < len(sdoc):
                verb_measure = (
                    self._casualty(sdoc[nxt_i]) if sdoc[nxt_i].pos_ in ("VERB", "ADJ", "NOUN", "PROPN") else None
                )
                if verb_measure is not None:
                    verb = sdoc[nxt_i]
        if verb_measure is not None and (noun is None or noun_lemma in PERSON_NOUNS or noun.lower_ in PERSON_NOUNS):
            generic = noun is None or noun_lemma in GENERIC_PEOPLE or noun.lower_ in GENERIC_PEOPLE
            return verb_measure, None if generic else noun_lemma
        return noun_lemma, None

    def _about(self, sdoc: SpacyDoc, fig: Figure, noun: Token | None, verb: Token | None) -> str | None:
        num = sdoc[fig.num_first]
        sent = num.sent
        events = [t for t in sent if t.pos_ in ("NOUN", "PROPN") and event_class(t.lemma_) is not None]
        if events:
            nearest = min(events, key=lambda t: abs(t.i - num.i))
            return nearest.lemma_.lower()
        # The headline fallback: "41 Killed at …" — the casualty word after the number.
        if verb is None or self._casualty(verb) is None:
            nxt_i = (noun.i if noun is not None else fig.last) + 1
            if nxt_i < len(sdoc) and self._casualty(sdoc[nxt_i]) is not None:
                verb = sdoc[nxt_i]
        if verb is None:
            return None
        # An event verb governing the clause: "two jets crashed, killing 346 people" → "crash".
        cur = verb
        for _ in range(4):
            if cur.pos_ in ("VERB", "AUX") and cur.lemma_.lower() in EVENT_VERBS:
                return cur.lemma_.lower()
            if cur.head.i == cur.i:
                break
            cur = cur.head
        own = {fig.num_first, fig.last, *(range(fig.first, fig.last + 1))}
        if noun is not None:
            own.add(noun.i)
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (
            subject is not None
            and subject.i not in own
            and subject.pos_ in ("NOUN", "PROPN")
            and not any(c.i in own for c in subject.subtree)
        ):
            return subject.lemma_.lower()
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("at", "in", "near", "on", "outside", "inside"):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if (
                    pobj is not None
                    and pobj.pos_ in ("NOUN", "PROPN")
                    and pobj.ent_type_ not in ("DATE", "TIME")
                    and pobj.lower_ not in MONTH_NAMES
                ):
                    return pobj.lemma_.lower()
        return None


def _counted_noun(sdoc: SpacyDoc, fig: Figure) -> Token | None:
    """The counted noun: the head the number modifies ("38 people"), or for a misparsed long number ("two
    hundred and fifty soldiers") the plural noun right after it."""
    num, last_num = sdoc[fig.num_first], sdoc[fig.last]
    cand = last_num if last_num.dep_ == "nummod" else num
    head = cand.head
    if (
        cand.dep_ in ("nummod", "quantmod", "compound")
        and head.pos_ in ("NOUN", "PROPN", "ADJ")
        and head.i > fig.last
        and head.text != "#"
    ):
        return head
    nxt = sdoc[fig.last + 1] if fig.last + 1 < len(sdoc) else None
    if (
        nxt is not None
        and nxt.pos_ == "NOUN"
        and nxt.lower_ not in UNITS
        and (nxt.tag_ == "NNS" or (fig.value == 1 and nxt.tag_ == "NN"))
    ):
        return nxt
    return None


def _partitive(fig: Figure, last_num: Token, noun: Token | None) -> tuple[bool, Token | None]:
    """ "12 of the 41 (dead)": the figure is part of another, and, with no noun of its own, counts what the
    inner number counts."""
    of_child = next((c for c in last_num.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of_child is None or fig.qualifier in VAGUE_UPPER or fig.unit == "%":
        return False, noun
    pobj = next((c for c in of_child.children if c.dep_ == "pobj"), None)
    if pobj is None or not (
        pobj.lower_ in ("them", "those", "these", "whom")
        or any(c.like_num for c in pobj.children)
        or any(c.lower_ in ("the", "those") for c in pobj.children)
    ):
        return False, noun
    if noun is None:
        noun = pobj
        if pobj.like_num:
            noun = next((t for t in pobj.doc[pobj.i + 1 : pobj.i + 4] if t.pos_ in ("NOUN", "ADJ")), None)
    return True, noun


def _governing_verb(anchor: Token) -> tuple[Token | None, bool]:
    """The verb (or casualty adjective) the figure's phrase hangs from, at most six steps up, and whether the
    path passed a subset preposition ("including three children")."""
    verb: Token | None = None
    subset = False
    via = ""  # the relation by which the path reached the verb
    tok = anchor
    for _ in range(6):
        if tok.head.i == tok.i:
            break
        via = tok.dep_
        if tok.dep_ in ("pobj", "prep") and tok.head.lower_ in PARTITIVE_PREPS and tok.head.lower_ != "of":
            subset = True
        if tok.dep_ == "prep" and tok.lower_ in PARTITIVE_PREPS and tok.lower_ != "of":
            subset = True
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.lemma_.lower() in CASUALTY_WORDS):
            verb = tok
            break
    if verb is not None and verb.lemma_.lower() == "be" and via in ("nsubj", "nsubjpass"):
        # "Five were dead": with "be", the complement of the figure's own clause carries the measure.
        verb = next(
            (c for c in verb.children if c.dep_ in ("acomp", "attr") and c.lemma_.lower() in CASUALTY_WORDS),
            verb,
        )
    return verb, subset


def _increment(sdoc: SpacyDoc, fig: Figure) -> bool:
    """ "another 12", "a further 12", "12 more": the figure adds to an earlier one."""
    after = sdoc[fig.last + 1] if fig.last + 1 < len(sdoc) else None
    if after is not None and after.lower_ in INCREMENT_AFTER:
        return True
    before = tuple(sdoc[k].lower_ for k in range(max(0, fig.first - 2), fig.first))
    return before[-1:] == ("another",) or before[-2:] in (("a", "further"), ("an", "additional"))


def _hypothetical(verb: Token | None) -> bool:
    """ "would have been more than a thousand", "if 300 came": a figure in a conditional is no report of a
    count."""
    return verb is not None and any(
        (c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "may", "should"))
        or (c.dep_ == "mark" and c.lower_ == "if")
        for c in verb.children
    )
