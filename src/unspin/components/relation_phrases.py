"""Set phrases that carry a cause, allow or perpetrate relation without a relation verb of their own.

Plain functions over one parsed sentence, each yielding :class:`~unspin.components.relation_args.RawRelation`;
:func:`unspin.components.relation_rules.find_relations` runs them with its other patterns.

* **Effects had**: "X would have a huge effect on Y", "which has offsetting impacts on Y", "may have all sorts of
  pernicious effects upon Y" → X causes Y (X the subject of "have"; "almost no effect" denies it); "the effects of X
  are Y" → X causes Y.
* **To do with**: "the attack had nothing to do with Islam" → Islam did not bring the attack about; "has
  everything / a lot to do with Y" → Y did.  An actor's "nothing to do with" (a denial of involvement, or a refusal:
  "They would have nothing to do with it") is left out.
* **At the hands of**: "lost his life at the hands of his father" → the father did it to the clause's subject.
* **Claiming a deed**: "ISIS claimed responsibility for the attack", "were taking credit for the mass shooting" →
  the claimer is to blame for it (credit or responsibility taken for no harm is left out).
* **Clearing the way**: "cleared / paved / opened the way for Y", "gave the green light to Y" → the subject allowed
  Y ("opened the doors to the minivan" is a door; an "-ing" clause's cause is its main clause's event, not its
  subject, so it is left out).

Limits: the phrase must be parsed as spaCy's English models usually parse it (the noun as the object of the verb,
the preposition on the noun or the verb); one relation per phrase; nothing here reads across sentences.  The
phrases come from relations the real-article gold set (``gold/real/dev``) marks and the verb rules missed, each
checked on PTC articles outside the gold set for false alarms.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .relation_args import RawRelation, antecedent, arg, children, is_negated, is_outcome, prep_objects, subject
from .relation_words import EFFECT_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["phrase_relations"]

# "all sorts of effects": the quantity word the parser makes the object instead of the effect noun.
_QUANTITY_HEADS = frozenset({"sort", "kind", "type", "range", "number", "lot", "variety", "host", "series"})
# How much one thing has to do with another: "nothing" denies it, the others affirm it.
_PEOPLE_PRONOUNS = frozenset("i we you he she they who me us him her them".split())
_PARTS = frozenset({"fraction", "part", "half", "share", "portion"})
_TO_DO_AMOUNTS = {"nothing": True, "everything": False, "lot": False, "much": False, "something": False}
# "cleared the way for", "paved the way for", "opened the door to", "gave the green light to"
# ("opened the doors to the minivan" is a door, so doors are left out)
_CLEARING = {("clear", "way"), ("pave", "way"), ("open", "way"), ("give", "light")}
# "almost no effect on", "very little effect on": an effect denied
_NO_EFFECT = frozenset({"no", "little", "negligible", "minimal"})
_MODIFIERS = frozenset({"det", "amod", "nummod"})  # "almost no effect": "no" parsed as a number


def _doer(verb: Token) -> Token | None:
    """The active subject of ``verb`` (a relative pronoun stands for its noun), or None."""
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        return None  # "he was ordered removed, paving the way for his deportation": the order did it, not he
    subj, passive = subject(verb)
    doer = None if subj is None or passive else antecedent(subj)
    # "Kennedy's retirement July 31, which cleared the way": the parser's antecedent is the date
    return None if doer is None or doer.ent_type_ in ("DATE", "TIME") else doer


def _actor(tok: Token) -> bool:
    """Whether ``tok`` names an actor: one who may refuse or deny involvement rather than be explained."""
    return tok.lower_ in _PEOPLE_PRONOUNS or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


def _effects_had(tok: Token) -> Iterator[RawRelation]:
    """ "X would have a huge effect on Y" and "the effects of X are Y" (``tok`` is the effect noun)."""
    if prep_objects([tok], "of") and tok.dep_ != "nsubj":
        return  # "the effects of ozone on crops" is the nominal rule's
    if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
        agents = prep_objects([tok], "of") if tok.tag_ == "NNS" else []
        # "the effects of IDD are goiter and cretinism"; not "the effect of X is only a fraction of …"
        attrs = [a for a in children(tok.head, "attr") if a.lemma_.lower() not in _QUANTITY_HEADS | _PARTS]
        if agents and attrs:
            yield RawRelation("cause", tok.i, arg(agents[0]), arg(attrs[0]), "effect-noun", is_negated(tok.head))
        return
    holder = tok
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _QUANTITY_HEADS:
        holder = tok.head.head  # "all sorts of pernicious effects"
    if holder.dep_ != "dobj" or holder.head.lemma_ != "have":
        return
    targets = prep_objects([tok], "on") or prep_objects([tok], "upon")
    doer = _doer(holder.head)
    denied = is_negated(holder.head) or any(c.lower_ in _NO_EFFECT for c in tok.children if c.dep_ in _MODIFIERS)
    if targets and doer is not None:
        yield RawRelation("cause", tok.i, arg(doer), arg(targets[0]), "have-effect", denied)


def _to_do_with(have: Token) -> Iterator[RawRelation]:
    """ "the attack had nothing to do with Islam": Islam did not bring the attack about."""
    for amount in children(have, "dobj"):
        denied = _TO_DO_AMOUNTS.get(amount.lower_)
        if denied is None:
            continue
        for do in children(amount, "relcl", "acl"):
            withs = prep_objects([do], "with")
            subj, _ = subject(have)
            subj = antecedent(subj) if subj is not None else None
            if do.lemma_ != "do" or not withs or subj is None or _actor(subj):
                continue  # "the CIA had nothing to do with it", "They would have nothing to do with it": abstain
            yield RawRelation("cause", have.i, arg(withs[0]), arg(subj), "to-do-with", denied)


def _at_the_hands(hands: Token) -> Iterator[RawRelation]:
    """ "a little boy lost his life at the hands of his father": the father did it to the boy."""
    if hands.lower_ != "hands" or hands.dep_ != "pobj" or hands.head.lower_ != "at":
        return
    doers = prep_objects([hands], "of")
    verb = hands.head.head
    if not doers or verb.pos_ not in ("VERB", "AUX"):
        return
    victim, _ = subject(verb)
    if victim is not None:
        yield RawRelation("perpetrate", hands.i, arg(doers[0]), arg(antecedent(victim)), "at-the-hands")


def _clearing_the_way(verb: Token) -> Iterator[RawRelation]:
    """ "which cleared the way for Kavanaugh's nomination": the subject allowed it."""
    for noun in children(verb, "dobj"):
        if (verb.lemma_.lower(), noun.lemma_.lower()) not in _CLEARING:
            continue
        if noun.lower_ == "light" and not any(c.lower_ == "green" for c in noun.children):
            continue
        allowed = prep_objects([noun, verb], "for") or prep_objects([noun, verb], "to")
        doer = _doer(verb)
        if allowed and doer is not None:
            yield RawRelation("allow", verb.i, arg(doer), arg(allowed[0]), "clear-the-way", is_negated(verb))


def _claimed_deed(verb: Token) -> Iterator[RawRelation]:
    """ "ISIS claimed responsibility for the attack", "were taking credit for the mass shooting": owning a deed.
    Credit, or responsibility taken, is blame only for a harm ("took responsibility for the budget" is a duty)."""
    obj = children(verb, "dobj")
    if verb.lemma_.lower() not in ("claim", "take") or not obj or obj[0].lower_ not in ("responsibility", "credit"):
        return
    subj, passive = subject(verb)
    deed = prep_objects([obj[0], verb], "for")
    owned = verb.lemma_.lower() == "claim" and obj[0].lower_ == "responsibility"
    if subj is not None and not passive and deed and (owned or is_outcome(deed[0])):
        yield RawRelation("blame", verb.i, arg(subj), arg(deed[0]), "claimed-deed", is_negated(verb), True)


def phrase_relations(sent: SpacySpan) -> Iterator[RawRelation]:
    """Every relation the set phrases above carry in ``sent``."""
    for tok in sent:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in EFFECT_NOUNS:
            yield from _effects_had(tok)
        elif tok.lemma_ == "have":
            yield from _to_do_with(tok)
        elif tok.lower_ == "hands":
            yield from _at_the_hands(tok)
        if tok.pos_ == "VERB":
            yield from _clearing_the_way(tok)
            yield from _claimed_deed(tok)
