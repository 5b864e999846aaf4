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
* **Backers named by a noun**: "Iran is a major backer of Hezbollah", "the world's largest supporter of terrorism,
  Iran" → Iran supports it ("financier" and "funder" fund).
* **Responsible after its noun**: "the group responsible for the attack", "the plague, responsible for the Black
  Death" → blame.
* **Left harmed**: "the cyclone left 10,000 people dead" → perpetrate; "would leave millions vulnerable" → cause.
* **Killers named by a noun**: "French Jewish woman's killer", "he is the murderer of the physician" → perpetrate,
  the victim a person ("the silent killer of our economy" names none).
* **Lives lost in, lives claimed**: "165 people have lost their lives in the outbreak", "the plague has claimed 57
  lives" → the outbreak, the plague did it.
* **Made so, put at risk**: "circumstances make it difficult to renounce …", "accusations do not make one guilty",
  "is putting the next generation at risk", "have put Democrats in an uncomfortable position" → cause.
* **Involved in**: "they may have been involved in the deadly attack" → perpetrate (an attack or a crime only).
* **Behind, punished for**: "the group behind the attack" → perpetrate; "bring Myhre to justice for his crimes",
  "went to jail for setting fires" → blame ("until he went to prison" names no deed and is left out).
* **Clearing the way**: "cleared / paved / opened the way for Y" → the subject allowed Y.  "Opened the doors to the
  minivan" is a door, and an "-ing" clause's cause is its main clause's event, not its subject, so both are left
  out; "gave the green light" is a permission (:func:`~.relation_verbs.permission_given`).

A set phrase in an aim ("… to a headline editor to make it snappy") is left out as a verb in one is, unless it
blames ("a petition to bring Myhre to justice for his crimes").

Limits: the phrase must be parsed as spaCy's English models usually parse it (the noun as the object of the verb,
the preposition on the noun or the verb); one relation per phrase; nothing here reads across sentences.  The
phrases come from relations the real-article gold set (``gold/real/dev``) marks and the verb rules missed, each
checked on PTC articles outside the gold set for false alarms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .relation_args import (
    RawRelation,
    antecedent,
    arg,
    children,
    is_doer,
    is_negated,
    is_outcome,
    is_passive,
    prep_objects,
    subject,
)
from .relation_words import (
    ACCUSATION_NOUNS,
    AGENT_NOUNS,
    BLAME_ADJ,
    DOER_NOUNS,
    EFFECT_NOUNS,
    KILLER_NOUNS,
    PEOPLE_PRONOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["phrase_relations"]

# Harms one is left in: True for an act done to them ("left 10,000 people dead"), False for a state brought about.
_HARMED_STATES = {
    **dict.fromkeys(["dead", "injured", "wounded", "maimed"], True),
    **dict.fromkeys(["homeless", "vulnerable", "destitute", "stranded", "paralyzed", "paralysed", "crippled"], False),
    **dict.fromkeys(["bankrupt", "unemployed", "traumatized", "traumatised", "exposed", "powerless"], False),
}
# "made it clear", "make sure", "made public": idioms; "made it possible / easier for X to …": a permission
_MADE_IDIOMS = frozenset(
    "clear sure certain aware public known plain available possible impossible easy easier hard harder able "
    "welcome ready own".split()
)
# Plights one is put in: "at risk", "in danger", "in jeopardy"; a position or situation only with an adjective
_PLIGHTS = frozenset({"risk", "danger", "jeopardy", "peril", "trouble", "harm"})
_PLACES_IN = frozenset({"position", "situation", "spot", "bind", "predicament"})
# Nouns for those who can be behind a deed: "the group behind the attack", "the man behind the bombing"
_BEHIND_DOERS = DOER_NOUNS | frozenset(
    "men women groups mastermind masterminds network cell gunmen force forces".split()
)
# "all sorts of effects": the quantity word the parser makes the object instead of the effect noun.
_QUANTITY_HEADS = frozenset({"sort", "kind", "type", "range", "number", "lot", "variety", "host", "series"})
_PARTS = frozenset({"fraction", "part", "half", "share", "portion"})
# How much one thing has to do with another: "nothing" denies it, the others affirm it.
_TO_DO_AMOUNTS = {"nothing": True, "everything": False, "lot": False, "much": False, "something": False}
# "cleared the way for", "paved the way for", "opened the way to" ("opened the doors to the minivan" is a door)
_CLEARING = {("clear", "way"), ("pave", "way"), ("open", "way")}
# "almost no effect on", "very little effect on": an effect denied
_NO_EFFECT = frozenset({"no", "little", "negligible", "minimal"})
_MODIFIERS = frozenset({"det", "amod", "nummod"})  # "almost no effect": "no" parsed as a number


def _active_subject(verb: Token) -> Token | None:
    """The active subject of ``verb``, a relative pronoun standing for its noun, or None."""
    subj, passive = subject(verb)
    return None if subj is None or passive else antecedent(subj)


def _agent_subject(verb: Token) -> Token | None:
    """The active subject of ``verb`` when it can be what has an effect or clears a way: not the subject an "-ing"
    clause borrows from its main clause, nor a date the parser took for a relative pronoun's noun."""
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        return None  # "he was ordered removed, paving the way for his deportation": the order did it, not he
    doer = _active_subject(verb)
    # "Kennedy's retirement July 31, which cleared the way": the parser's antecedent is the date
    return None if doer is None or doer.ent_type_ in ("DATE", "TIME") else doer


def _actor(tok: Token) -> bool:
    """Whether ``tok`` names an actor: one who may refuse or deny involvement rather than be explained."""
    return tok.lower_ in PEOPLE_PRONOUNS or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


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
    doer = _agent_subject(holder.head)
    denied = is_negated(holder.head) or any(c.lower_ in _NO_EFFECT for c in tok.children if c.dep_ in _MODIFIERS)
    if targets and doer is not None:
        yield RawRelation("cause", tok.i, arg(doer), arg(targets[0]), "have-effect", denied)


def _to_do_with(have: Token) -> Iterator[RawRelation]:
    """ "the attack had nothing to do with Islam": Islam did not bring the attack about."""
    subj, _ = subject(have)
    subj = antecedent(subj) if subj is not None else None
    for amount in children(have, "dobj"):
        denied = _TO_DO_AMOUNTS.get(amount.lower_)
        if denied is None:
            continue
        for do in children(amount, "relcl", "acl"):
            withs = prep_objects([do], "with")
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
        allowed = prep_objects([noun, verb], "for") or prep_objects([noun, verb], "to")
        doer = _agent_subject(verb)
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


def _agent_noun(tok: Token) -> Iterator[RawRelation]:
    """ "Iran is a major backer of Hezbollah", "called Iran the world's largest supporter of terrorism", "the world's
    largest supporter of terrorism, Iran": the one the noun is said of backs or pays what follows "of"."""
    backed = prep_objects([tok], "of")
    if not backed:
        return
    holder: Token | None = None
    neg = False
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        subj, passive = subject(tok.head)
        holder, neg = (None if passive else subj), is_negated(tok.head)
    elif tok.dep_ == "oprd":
        holder = next(iter(children(tok.head, "dobj")), None)  # "called Iran the … supporter of terrorism"
    if holder is not None and holder.tag_ in ("WP", "WDT"):
        holder = None  # "what he called the world's largest supporter of terrorism, Iran": the name after it
    if holder is None and tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
        holder = tok.head  # "Iran, the world's largest supporter of terrorism"
    if holder is None:
        holder = next((c for c in children(tok, "appos") if c.pos_ == "PROPN"), None)
    if holder is not None:
        holder = antecedent(holder)
        yield RawRelation(AGENT_NOUNS[tok.lemma_.lower()], tok.i, arg(holder), arg(backed[0]), "agent-noun", neg)


def _person(tok: Token) -> bool:
    """Someone rather than something: a name, a pronoun, a noun for people, or a noun with a suffix for one
    ("physician", "journalist", "officer")."""
    return is_doer(tok) or tok.lemma_.lower().endswith(("ian", "ist", "er", "or", "ant", "ent"))


def _killer_of(tok: Token) -> Iterator[RawRelation]:
    """ "French Jewish woman's killer found unfit", "X is the murderer of the physician": the killer did it to the
    one named, a person ("the silent killer of our economy" names none).  The killer is whoever the noun is said of,
    else the noun itself."""
    victims = [c for c in children(tok, "poss") if c.lower_ != "its"]
    victims = [v for v in victims + prep_objects([tok], "of") if _person(v)]
    if not victims:
        return
    killer = tok
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        subj, passive = subject(tok.head)
        killer = subj if subj is not None and not passive else tok
    yield RawRelation("perpetrate", tok.i, arg(antecedent(killer)), arg(victims[0]), "agent-noun", is_negated(tok.head))


def _responsible_for(adj: Token) -> Iterator[RawRelation]:
    """ "the group responsible for the attack", "The bubonic form of the plague, responsible for the Black Death": an
    adjective after its noun says the noun is to blame (before it, "the responsible authorities" says nothing)."""
    if adj.dep_ != "amod" or adj.i < adj.head.i or adj.lower_ not in BLAME_ADJ:
        return
    outcome = prep_objects([adj], "for") or prep_objects([adj], "in")
    head = adj.head
    if outcome and head.pos_ in ("NOUN", "PROPN", "PRON"):
        end = adj.i - 1 if adj.i > 0 and adj.doc[adj.i - 1].text == "," else adj.i
        culprit = (head.i, head.left_edge.i, max(end, head.i + 1))  # the noun phrase up to the adjective
        yield RawRelation("blame", adj.i, culprit, arg(outcome[0]), "blame-adj", is_negated(adj), True)


def _left_harmed(verb: Token) -> Iterator[RawRelation]:
    """ "A previous cyclone left 10,000 people dead" (perpetrate), "That would leave millions more vulnerable to the
    outbreak" (cause): what leaves someone harmed did it; "left the door open" names no harm and is left out."""
    if verb.lemma_.lower() != "leave":
        return
    harmed = [a for a in children(verb, "oprd", "ccomp", "xcomp") if a.lower_ in _HARMED_STATES]
    victims = children(verb, "dobj")
    doer = _active_subject(verb)
    if harmed and victims and doer is not None:
        rtype = "perpetrate" if _HARMED_STATES[harmed[0].lower_] else "cause"
        yield RawRelation(rtype, verb.i, arg(doer), arg(victims[0]), "left-harmed", is_negated(verb))


def _lost_lives(verb: Token) -> Iterator[RawRelation]:
    """ "165 people have lost their lives in the worst outbreak in 50 years": what they lost them in did it; "the
    plague has claimed 57 lives": what claims lives takes them."""
    lives = [d for d in children(verb, "dobj") if d.lower_ in ("life", "lives")]
    lemma = verb.lemma_.lower()
    if lemma == "claim" and lives:
        taker = _active_subject(verb)
        if taker is not None:
            yield RawRelation("perpetrate", verb.i, arg(taker), arg(lives[0]), "lost-life", is_negated(verb))
        return
    events = prep_objects([verb], "in")
    victim, passive = subject(verb)
    if lemma == "lose" and lives and events and victim is not None and not passive:
        yield RawRelation("perpetrate", verb.i, arg(events[0]), arg(antecedent(victim)), "lost-life", is_negated(verb))


def _made_state(verb: Token) -> Iterator[RawRelation]:
    """ "concrete circumstances make it difficult to renounce …", "accusations do not make one guilty": what makes
    something so brings that state about.  The idioms ("made it clear", "make sure", "made public") and the
    permissions ("made it possible / easier for X to …", an allowing the gold types apart) are left out."""
    if verb.lemma_.lower() != "make" or any(o.lower_ == "matters" for o in verb.subtree):
        return  # "To make matters worse, evidence has surfaced …": a discourse idiom, no cause
    doer = _active_subject(verb)
    for adj in children(verb, "ccomp", "oprd", "xcomp"):
        if adj.pos_ != "ADJ" or adj.lower_ in _MADE_IDIOMS or doer is None:
            continue
        owner = children(adj, "nsubj") or children(verb, "dobj")
        if owner:
            o = owner[0]
            state = (o.i, min(o.left_edge.i, adj.i), max(adj.right_edge.i, o.i) + 1)
            yield RawRelation("cause", verb.i, arg(doer), state, "made-state", is_negated(verb))


def _put_at_risk(verb: Token) -> Iterator[RawRelation]:
    """ "iodine deficiency is putting the next generation at risk", "the accusations have put Democrats in an
    uncomfortable position": what puts someone in a plight brought it about ("put troops in position" is no plight:
    a position or situation needs an adjective saying it is a bad one)."""
    if verb.lemma_.lower() not in ("put", "place", "leave"):
        return
    plights = [
        o
        for p in children(verb, "prep")
        if p.lower_ in ("at", "in", "into", "under")
        for o in children(p, "pobj")
        if o.lemma_.lower() in _PLIGHTS or (o.tag_ == "NN" and o.lemma_.lower() in _PLACES_IN and children(o, "amod"))
    ]
    victims = children(verb, "dobj")
    doer = _active_subject(verb)
    if plights and victims and doer is not None:
        v = victims[0]
        plight = (v.i, v.left_edge.i, plights[0].right_edge.i + 1)
        yield RawRelation("cause", verb.i, arg(doer), plight, "put-at-risk", is_negated(verb))


def _involved_in(tok: Token) -> Iterator[RawRelation]:
    """ "they may actually have been involved in the deadly attack": the one involved in an attack or a crime took
    part in it (involvement in anything else — a training, a project — is left out)."""
    if tok.lower_ != "involved" or tok.pos_ not in ("VERB", "ADJ"):
        return
    events = [o for o in prep_objects([tok], "in") if is_outcome(o)]
    subj, _ = subject(tok)
    if events and subj is not None:
        yield RawRelation("perpetrate", tok.i, arg(antecedent(subj)), arg(events[0]), "involved-in", is_negated(tok))


def _behind_noun(tok: Token) -> Iterator[RawRelation]:
    """ "the group behind the attack", "the men behind the bombing": who is behind an attack carried it out (the
    copula form, "X was behind the attack", is :func:`~.relation_rules.find_relations`'); "the man behind the
    curtain" is an idiom and names no deed."""
    deeds = [o for o in prep_objects([tok], "behind") if is_outcome(o)]
    # a doer, not "the story behind her killing"
    doer = tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.lemma_.lower() in _BEHIND_DOERS
    if deeds and doer and tok.dep_ not in ("attr", "acomp"):
        yield RawRelation("perpetrate", deeds[0].head.i, arg(tok), arg(deeds[0]), "behind", False, True)


def _brought_to_justice(verb: Token) -> Iterator[RawRelation]:
    """ "bring Steven Myhre to justice for his crimes", "the two men went to jail for setting fires": punishment
    named for a deed blames the one punished for it."""
    lemma = verb.lemma_.lower()
    justice: list[Token] = []
    if lemma == "bring":
        culprits = children(verb, "dobj")
        # the parser may call "to justice" a dative
        to = prep_objects([verb], "to") + [o for d in children(verb, "dative") for o in children(d, "pobj")]
        justice = [o for o in to if o.lower_ == "justice"]
        if not culprits or not justice:
            return
        culprit = culprits[0]
    elif lemma == "go" and any(o.lower_ in ("jail", "prison") for o in prep_objects([verb], "to")):
        subj, passive = subject(verb)
        if subj is None or passive:
            return
        culprit = antecedent(subj)
    else:
        return
    deeds = prep_objects([verb, *justice], "for")
    if lemma == "go" and not deeds:
        # "until he went to prison" names no deed to blame him for
        return
    deed = arg(deeds[0]) if deeds else None
    yield RawRelation("blame", verb.i, arg(culprit), deed, "punished-for", is_negated(verb), bool(deeds))


def _confessed(verb: Token) -> Iterator[RawRelation]:
    """ "The 28-year-old Muslim man confessed to the killing", "confessed to killing his wife": owning a deed blames
    oneself for it (the confessor holds it).  "Admitted to" is left out: it admits to a hospital as often, and what
    one admits ("admitted to taking the life of …") the gold marks as the deed itself."""
    if verb.lemma_.lower() != "confess":
        return
    subj, passive = subject(verb)
    deeds = [o for o in prep_objects([verb], "to") if is_outcome(o) or o.tag_ == "VBG"]
    if subj is not None and not passive and deeds:
        who = arg(antecedent(subj))
        yield RawRelation("blame", verb.i, who, arg(deeds[0]), "confessed", is_negated(verb), True, who)


def _charges_hit(verb: Token) -> Iterator[RawRelation]:
    """ "Kobili Traore was hit with hate crimes charges", "slapped with charges of fraud": charged with them."""
    if verb.lemma_.lower() not in ("hit", "slap") or not is_passive(verb):
        return
    charges = [o for o in prep_objects([verb], "with") if o.lemma_.lower() in ACCUSATION_NOUNS]
    charged, _ = subject(verb)
    if charges and charged is not None:
        crime = prep_objects([charges[0]], "of") or [c for c in charges[0].children if c.dep_ == "compound"]
        what = arg(crime[0]) if crime else None
        # the charges are the accusation's word, as "charge" is in "was charged with"
        yield RawRelation("blame", charges[0].i, arg(antecedent(charged)), what, "charged-with", is_negated(verb), True)


_VERB_RULES: tuple[Callable[[Token], Iterator[RawRelation]], ...] = (
    _confessed,
    _charges_hit,
    _clearing_the_way,
    _claimed_deed,
    _left_harmed,
    _lost_lives,
    _made_state,
    _put_at_risk,
    _brought_to_justice,
)


def phrase_relations(sent: SpacySpan) -> Iterator[RawRelation]:
    """Every relation the set phrases above carry in ``sent``."""
    for tok in sent:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in EFFECT_NOUNS:
            yield from _effects_had(tok)
        elif tok.lemma_ == "have":
            yield from _to_do_with(tok)
        elif tok.lower_ == "hands":
            yield from _at_the_hands(tok)
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in AGENT_NOUNS:
            yield from _agent_noun(tok)
        elif tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in KILLER_NOUNS:  # a headline's "Killer"
            yield from _killer_of(tok)
        elif tok.pos_ == "ADJ":
            yield from _responsible_for(tok)
        if tok.pos_ == "VERB":
            for rule in _VERB_RULES:
                yield from rule(tok)
        if tok.pos_ in ("NOUN", "PROPN"):
            yield from _behind_noun(tok)
        if tok.lower_ == "involved":
            yield from _involved_in(tok)
