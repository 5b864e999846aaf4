"""Blame idioms: the set phrases English assigns blame with that no single verb or adjective carries.

* **Fault**: "the crisis is the government's fault", "it is the fault of X", "X is at fault (for Y)", a headline's
  "Democrats fault for weak laws" (parsed as a verb with no object);
* **Where the blame lies**: "the blame / responsibility (for Y) lies / rests with X";
* **Laying it**: "laid / put / placed / pinned the blame (for Y) on X / at the feet of X", "pointed the finger at X";
* **Someone's doing**: "the crisis was the government's doing";
* **Naming the culprit**: "named X as her assaulter", "identified the shooter as X".

Each yields a ``blame`` relation whose cause is the one blamed and whose effect is what for (None where the text
does not say); the one who says it (the subject of "laid", "pointed", "named") is the accuser.  Plain functions
over one parsed sentence, called by :func:`unspin.components.relation_rules.find_relations`.  The phrases are set
phrases of general English, not a list grown from one article; the culprit nouns name a role, never a group.
Limits: English only, and the parser's attachments pass through ("for Y" hung on the wrong word loses the effect);
"the fault of X" only mentioned (not said to be someone's) is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .relation_args import RawRelation, antecedent, arg, children, is_negated, prep_objects, subject
from .relation_words import BLAME_OBJECTS, CULPRIT_NAMING_VERBS, LAYING_VERBS, OFFENDER_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["blame_idioms"]

#: Subjects that fill a slot without naming what is blamed ("it is X's fault").
_EXPLETIVES = frozenset({"it", "this", "that", "all", "everything"})


def blame_idioms(sent: SpacySpan) -> Iterator[RawRelation]:
    """Every blame idiom in one sentence (see the module docstring)."""
    for tok in sent:
        low = tok.lemma_.lower()
        if low == "fault":
            yield from _fault(tok)
        elif tok.lower_ == "doing" and tok.dep_ == "attr":
            yield from _doing(tok)
        elif low in BLAME_OBJECTS and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in ("lie", "rest"):
            with_ = prep_objects([tok.head], "with")
            if with_:
                what = prep_objects([tok], "for")
                yield _blame(tok, with_[0], what[0] if what else None, "blame-lies-with", is_negated(tok.head))
        elif low in LAYING_VERBS and tok.pos_ == "VERB":
            yield from _laid(tok)
        elif low in CULPRIT_NAMING_VERBS and tok.pos_ == "VERB":
            yield from _named_as(tok)


def _blame(
    trigger: Token, blamed: Token, what: Token | None, pattern: str, neg: bool, accuser: Token | None = None
) -> RawRelation:
    return RawRelation(
        "blame",
        trigger.i,
        arg(antecedent(blamed)),
        arg(what) if what is not None else None,
        pattern,
        neg,
        what is not None,
        arg(accuser) if accuser is not None else None,
    )


def _fault(tok: Token) -> Iterator[RawRelation]:
    """ "Y is X's fault", "it is the fault of X", "X is at fault for Y", "X fault for Y"."""
    what = prep_objects([tok], "for")
    if tok.pos_ == "VERB":
        # "All Democrats fault for weak laws!": a headline's noun read as a verb with no object
        subj, passive = subject(tok)
        if subj is not None and not passive and not children(tok, "dobj") and what:
            yield _blame(tok, subj, what[0], "fault-of", is_negated(tok))
        return
    if tok.dep_ == "pobj" and tok.head.lower_ == "at" and tok.head.head.lemma_ == "be":
        copula = tok.head.head
        subjects = children(copula, "nsubj")
        what = what or prep_objects([copula], "for")
        if subjects and subjects[0].lower_ not in _EXPLETIVES:
            yield _blame(tok, subjects[0], what[0] if what else None, "at-fault", is_negated(copula))
        return
    owners = [c for c in tok.children if c.dep_ == "poss"] or prep_objects([tok], "of")
    if not owners or owners[0].pos_ not in ("PROPN", "NOUN", "PRON"):
        return
    neg = is_negated(tok)
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        neg = neg or is_negated(tok.head)
        subjects = children(tok.head, "nsubj")
        if not what and subjects and subjects[0].lower_ not in _EXPLETIVES:
            what = subjects  # "the crisis is the government's fault"
    elif tok.dep_ != "attr":
        return  # "the fault of the system" only mentioned: no one is said to be at fault
    yield _blame(tok, owners[0], what[0] if what else None, "fault-of", neg)


def _doing(tok: Token) -> Iterator[RawRelation]:
    """ "The crisis was the government's doing"."""
    owners = [c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")]
    subj = children(tok.head, "nsubj")
    if owners and subj and tok.head.lemma_ == "be" and subj[0].lower_ not in _EXPLETIVES:
        yield _blame(tok, owners[0], subj[0], "doing-of", is_negated(tok.head))


def _laid(verb: Token) -> Iterator[RawRelation]:
    """ "laid the blame (for Y) on X / at the feet of X", "pointed the finger at X"."""
    obj = children(verb, "dobj")
    if not obj:
        return
    noun = obj[0].lemma_.lower()
    what = prep_objects([verb, obj[0]], "for")
    hosts = [verb, obj[0], *what]  # the parser may hang "on X" / "at the feet of X" on what it is for
    if noun in BLAME_OBJECTS:
        places = [*prep_objects(hosts, "on"), *prep_objects(hosts, "upon")]
        places += [o for f in prep_objects(hosts, "at") if f.lower_ == "feet" for o in prep_objects([f], "of")]
    elif noun == "finger" and verb.lemma_.lower() == "point":
        places = prep_objects(hosts, "at")
    else:
        return
    if not places:
        return
    subj, passive = subject(verb)
    accuser = subj if subj is not None and not passive else None
    yield _blame(verb, places[0], what[0] if what else None, "laid-blame", is_negated(verb), accuser)


def _named_as(verb: Token) -> Iterator[RawRelation]:
    """ "named X as her assaulter" (X is the culprit), "identified the shooter as X" (X is)."""
    obj = children(verb, "dobj")
    role = prep_objects([verb, *obj], "as")
    if not obj or not role:
        return
    if role[0].lemma_.lower() in OFFENDER_NOUNS or role[0].lower_ in OFFENDER_NOUNS:
        blamed, what = obj[0], role[0]
    elif obj[0].lower_ in OFFENDER_NOUNS and role[0].pos_ == "PROPN":
        blamed, what = role[0], obj[0]
    else:
        return
    subj, passive = subject(verb)
    accuser = subj if subj is not None and not passive else None
    # what the culprit is blamed for is the role the text gives them ("as her assaulter")
    yield _blame(verb, blamed, what, "named-culprit", is_negated(verb), accuser)
