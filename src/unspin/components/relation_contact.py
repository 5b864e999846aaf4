"""Acts done to a body: the doer's own body put on someone ("put his hand on her breast"), a thing thrown at
someone ("throws the drink in the face of a boy"), and the words that make a blow of "beat" or "knock" ("beat him
up", "knocked him down").

Plain functions over a spaCy verb token, read by :mod:`unspin.components.relation_verbs`.  Limits: English only;
a person is a personal pronoun, a PERSON name or a person's body part (:func:`~.relation_args.bodily`), or a noun
for people; a thing thrown at a thing ("at the table") is no act on anyone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .relation_args import RawRelation, antecedent, arg, bodily, children, is_doer, prep_objects, subject
from .relation_words import BODY_PARTS, CONTACT_PREPS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["THROWING", "body_on_body", "thrown_at", "violent_frame"]

#: Verbs of throwing: an act on whoever the thing is thrown at.
THROWING = frozenset({"throw", "toss", "hurl"})


def violent_frame(verb: Token) -> bool:
    """ "beat him up", "beat her to death", "knocked him down", "beat them with a stick": the words that make
    beating a blow rather than a win."""
    return any(
        (c.dep_ == "prt" and c.lower_ in ("up", "down"))
        or (c.dep_ == "prep" and c.lower_ in ("to", "with", "into"))
        or (c.dep_ in ("acomp", "oprd") and c.lower_ in ("unconscious", "senseless"))
        for c in verb.children
    )


def body_on_body(verb: Token, lemma: str, passive: bool, neg: bool) -> list[RawRelation] | None:
    """ "put his hand on her breast", "brushed his genitals against her", "forced himself onto her", "exposed
    himself to her": the doer's own body (or the doer) put on a person or a person's body, whatever the verb."""
    obj = children(verb, "dobj")
    if passive or not obj:
        return None
    own = obj[0].lower_ in ("himself", "herself", "themselves") or (
        (obj[0].lemma_.lower() in BODY_PARTS or obj[0].lower_ in BODY_PARTS)
        and any(c.dep_ in ("poss", "det") and c.lower_ in ("his", "her", "their", "a") for c in obj[0].children)
    )
    preps = CONTACT_PREPS | ({"to"} if lemma == "expose" and obj[0].lower_.endswith("self") else set())
    onto = [o for p in children(verb, "prep") if p.lower_ in preps for o in children(p, "pobj")]
    subj, _ = subject(verb)
    if not own or not onto or subj is None or not bodily(onto[0]):
        return None
    return [RawRelation("perpetrate", verb.i, arg(subj), arg(antecedent(onto[0])), "body-contact", neg, True)]


def thrown_at(verb: Token, lemma: str, passive: bool, neg: bool) -> list[RawRelation] | None:
    """ "throws the drink in the face of a 16-year-old boy", "hurled a bottle at her": a thing thrown at a person
    is an act on them (thrown at a thing, "at the table", it is none)."""
    if lemma not in THROWING or passive or not children(verb, "dobj") or bodily(children(verb, "dobj")[0]):
        return None
    subj, _ = subject(verb)
    if subj is None:
        return None
    for p in children(verb, "prep"):
        if p.lower_ not in ("at", "in", "into", "on"):
            continue
        for o in children(p, "pobj"):
            # "in the face of a boy", "in her face", "in the direction of the person filming": whose face it is
            owner = o
            if o.lemma_.lower() in ("face", "direction"):
                owner = next(iter(prep_objects([o], "of") + children(o, "poss")), o)
            if bodily(owner) or (owner is not o and is_doer(owner)):
                return [RawRelation("perpetrate", verb.i, arg(subj), arg(antecedent(owner)), "thrown-at", neg, True)]
    return None
