"""Dependency rules that find causal and agency relations in one parsed sentence.

Pure functions over spaCy tokens; :mod:`unspin.components.relations` resolves
the arguments to entities and decides voice and support.  The lexicon is
:mod:`.relation_words`, the argument finders :mod:`.relation_args`, the verb
patterns :mod:`.relation_verbs`; the rest of the patterns and
:func:`find_relations`, which runs them all over a sentence, are here.  Each rule yields a
:class:`RawRelation`: a type, the cause and effect phrases (as token spans),
the trigger token and how it was found.

Patterns (lemmas in :data:`VERB_TYPES`, nouns in the sets below):

* **Active verbs**: ``nsubj`` → ``dobj`` (or the object of the verb's
  particle/preposition: "carry out", "lead to", "turn into"); a verb with no
  subject of its own borrows the one of the verb it is coordinated with or
  controlled by ("Valdoria armed and paid the Brigade", "it was forced to arm
  the Brigade"), and one with no object borrows a coordinated verb's object.
* **Passives**: ``nsubjpass`` is the effect and the ``by`` agent the cause;
  "X was absorbed/turned into Y" reads as X become Y; a compel verb without an
  agent takes its cause from a "because …" clause ("forced to arm them
  because Ostrenia had occupied the valley").
* **Origin**: "X grew out of / emerged from / was born of Y" → Y become X;
  "Y gave rise to / spawned X" → Y create X.
* **Nominal**: "X was a ministry project / creation / proxy of Y" → the
  modifier created or backs X; "the ministry's militia" → the ministry backs
  the militia; "money / weapons from Y paid / armed X" → Y funds / arms X.
* **Blame**: "X is to blame", "X is responsible / culpable / guilty
  (for Y)", "X must be held responsible", "X bears the responsibility",
  "X is no innocent party", "X is the real culprit", "blame X for Y",
  "blame Y on X", "X was behind Y"; the set phrases ("X's fault", "the blame lies with X", "pointed the
  finger at X", "named X as the culprit") are :mod:`.relation_blame`.

**Where the cause verbs come from.**  The causal signals annotated in CNC V2 train and BECauSE 2.0 train
(``../shared/data/cnc``, ``../shared/data/because``) were read for verbs that sit between a cause and an effect:
of 359 distinct signals, most are connectives ("to", "for", "as", "due to", "after") or purpose and protest verbs
("demand", "seek", "protest"); the verbs that link cause and effect in at least three sentences are lead (to),
result (in), spark, cause, trigger, prompt and evoke, all in the lists here.  The data are too few to grow the
list further (stoke, exacerbate, fuel, … occur once or never), so the rest come from the relations the real-article
gold set (``gold/real/dev``) marked and the rules missed, each checked there for false alarms.

Limits: one sentence at a time (joining across sentences is done by entity
resolution and chain assembly), English only, and the parser's errors pass
through: a misattached object gives a wrong or missing relation.  The verb
lists are the relation types the product reports, not a model of causation;
the learned CNC classifier (:mod:`unspin.models.causal`) covers causal
sentences the lists miss.  No list names a country, party or outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .relation_args import (
    RawRelation,
    agent_of,
    antecedent,
    arg,
    children,
    is_negated,
    is_outcome,
    is_passive,
    patients_of,
    prep_objects,
    subject,
)
from .relation_blame import blame_idioms
from .relation_mood import quantified, unreal, verbal
from .relation_phrases import phrase_relations
from .relation_verbs import lexicon_lemma, verb_relations
from .relation_words import (
    ACCUSATION_NOUNS,
    ACCUSE_OF,
    ACT_NOUNS,
    BEHIND_CAUSED,
    BLAME_ADJ,
    BLAME_NOUNS,
    BLAME_OBJECTS,
    CAUSE_NOUNS,
    CHARGING_VERBS,
    DOER_NOUNS,
    EFFECT_NOUNS,
    GENERIC_SUBJECTS,
    HYPHEN_PARTICIPLES,
    IDIOM_OBJECTS,
    JUDGING_VERBS,
    MADE_NOUNS,
    MAKING_VERBS,
    NOT_OFFENCES,
    OFFERING_VERBS,
    ORIGIN,
    PASSIVE_CHARGING,
    PRESSURE_VERBS,
    PROXY_HEADS,
    RESULT_NOUNS,
    STATE_TYPES,
    SUPPORT_NOUNS,
    TARGETED_ACT_NOUNS,
    VERB_TYPES,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

#: An agency dateline that opens a sentence: "RIO GRANDE CITY, Texas –", "BUDAPEST, Hungary (LifeSiteNews) —".
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{2,}(?:,[^\n–—()]{2,40}?\s*(?:\([^)\n]{1,40}\))?|\s*\([^)\n]{1,40}\))\s*[–—-]{1,2}\s"
)

#: Bodies that are charged with a task, not a crime ("the agency charged with securing the release of …").
_TASKED = frozenset(
    "agency body committee commission office department board panel authority team taskforce unit bureau council "
    "court ministry".split()
)

__all__ = [
    "context_cause",
    "find_relations",
]


ORIGIN |= {("evolve", "from"), ("descend", "from"), ("bear", "out"), ("grow", "from")}


def _copula_relations(be: Token) -> Iterator[RawRelation]:
    """Relations stated with "be": blame adjectives and nouns, "a ministry project", "behind"."""
    # "O’Connor, who was largely responsible for …": who "who" stands for
    subj = [antecedent(t) for t in children(be, "nsubj", "nsubjpass")]
    if not subj and be.dep_ in ("xcomp", "conj", "ccomp") and (borrowed := subject(be)[0]) is not None:
        # "the decline appears to be due to …", "the plague is airborne … and has been responsible for …", "Barros,
        # who the victims say was complicit" (a "that" clause borrows only that "who": subject() gives no other)
        subj = [antecedent(borrowed)]
    if not subj:
        return
    neg = is_negated(be)
    for c in be.children:
        if c.dep_ == "acomp" and c.lower_ in ("due", "owing"):
            # "the decline is due to changes in the industry": the changes caused it
            causes = [o for p in c.children if p.lower_ == "to" for o in children(p, "pobj")]
            if causes and subj[0].lower_ not in ("it", "this", "that"):  # "it was due to X that …": a cleft
                yield RawRelation("cause", c.i, arg(causes[0]), arg(subj[0]), "due-to", neg, is_outcome(subj[0]))
        elif c.dep_ == "acomp" and c.lower_ in BLAME_ADJ:
            outcome = prep_objects([c], "for") or prep_objects([c], "in") or prep_objects([c], "of")
            yield RawRelation(
                "blame",
                c.i,
                arg(subj[0]),
                arg(outcome[0]) if outcome else None,
                "blame-adj",
                neg or is_negated(c),
                bool(outcome),
            )
        elif c.dep_ == "attr":
            yield from _attr_relations(be, subj[0], c, neg)
        elif c.dep_ == "prep" and c.lower_ == "behind":
            objs = children(c, "pobj")
            if objs and (is_outcome(objs[0]) or objs[0].lower_ in ("it", "this", "that")):
                # "the militia was behind the bombing", "who was behind it": who carried it out
                yield RawRelation("perpetrate", c.i, arg(subj[0]), arg(objs[0]), "behind", neg, True)
            elif objs and objs[0].lemma_.lower() in BEHIND_CAUSED:
                # "a flawed spy device could be behind the victims' ailments": what brought it about
                yield RawRelation("cause", c.i, arg(subj[0]), arg(objs[0]), "behind", neg, True)


def _attr_relations(be: Token, subj: Token, attr: Token, neg: bool) -> Iterator[RawRelation]:
    lemma = attr.lemma_.lower()
    amods = {c.lower_ for c in attr.children if c.dep_ == "amod"}
    no = any(c.dep_ == "det" and c.lower_ == "no" for c in attr.children)
    # "X is no innocent party / bystander": a denial of innocence is an accusation.
    if no and (amods & {"innocent", "blameless", "neutral"} or lemma in ("bystander", "victim")):
        yield RawRelation("blame", attr.i, arg(subj), None, "no-innocent", neg)
        return
    if lemma in BLAME_NOUNS or attr.lower_ in BLAME_NOUNS:
        outcome = [o for p in children(attr, "prep") if p.lower_ in ("of", "behind") for o in children(p, "pobj")]
        harm = [o for o in outcome if is_outcome(o) or o.lemma_.lower() in BEHIND_CAUSED]
        if lemma in ("author", "architect") and not harm:
            return  # "Patrick J. Buchanan is the author (of a new book)": a writer, not a culprit
        yield RawRelation(
            "blame", attr.i, arg(subj), arg(outcome[0]) if outcome else None, "culprit", neg or no, bool(outcome)
        )
        return
    if lemma in CAUSE_NOUNS:  # "iodine deficiency is the most prevalent cause of brain damage"
        effects = prep_objects([attr], "of") or prep_objects([attr], "for") or prep_objects([attr], "behind")
        if effects:
            yield RawRelation(
                "cause", attr.i, arg(subj), arg(effects[0]), "cause-of", neg or no, is_outcome(effects[0])
            )
        return
    if lemma in RESULT_NOUNS:  # "the crisis is the result of bad policy": the policy caused the crisis
        causes = prep_objects([attr], "of")
        if causes:
            yield RawRelation("cause", attr.i, arg(causes[0]), arg(subj), "result-of", neg or no, is_outcome(subj))
        return
    rtype = MADE_NOUNS.get(lemma)
    if rtype is None:
        return
    maker = [c for c in attr.children if c.dep_ in ("compound", "poss", "amod") and c.pos_ in ("NOUN", "PROPN", "ADJ")]
    maker = [m for m in maker if m.lower_ not in amods or m.ent_type_]
    if not maker:
        maker = [o for p in children(attr, "prep") if p.lower_ in ("of", "from") for o in children(p, "pobj")]
        # "an instrument of elite control": a bare singular noun names a thing, not the actor behind X
        maker = [m for m in maker if m.ent_type_ or m.pos_ == "PROPN" or m.tag_ == "NNS" or children(m, "det", "poss")]
    if not maker:
        return
    m = maker[0]
    if rtype == "become":  # "X is an offshoot of Y": Y became X
        yield RawRelation("become", attr.i, arg(m), arg(subj), "nominal", neg or no)
    else:
        yield RawRelation(rtype, attr.i, (m.i, m.i, m.i + 1), arg(subj), "nominal", neg or no)


def _held_responsible(verb: Token) -> Iterator[RawRelation]:
    """ "X must be held responsible (for Y)", "X bears the responsibility (for Y)"."""
    lemma = verb.lemma_.lower()
    if lemma in JUDGING_VERBS:
        # "X must be held responsible", "X was found guilty of Y", "deemed not responsible"; active "held X responsible"
        pred = [
            c
            for c in [*verb.children, *(g for c in verb.children if c.dep_ in ("dobj", "ccomp") for g in c.children)]
            if c.dep_ in ("oprd", "acomp", "xcomp", "amod") and c.lower_ in BLAME_ADJ
        ]
        held = [antecedent(h) for h in children(verb, "nsubjpass")]
        held = held or [antecedent(d) for d in children(verb, "dobj") if d.lower_ not in BLAME_ADJ]
        if not held and pred and pred[0].head.i != verb.i:
            held = [pred[0].head]  # "held Cuba responsible" parsed as responsible → Cuba
        if held and is_outcome(held[0]):
            held = []  # "any wrongdoing that may be found accountable": a misattached relative; deeds are not held
        if held and pred:
            outcome = prep_objects([pred[0]], "for") or prep_objects([pred[0]], "of") or prep_objects([pred[0]], "in")
            subj, _ = subject(verb)
            accuser = arg(subj) if subj is not None and not children(verb, "nsubjpass") else None
            accuser = accuser or (arg(a) if (a := agent_of(verb)) is not None else None)
            yield RawRelation(
                "blame",
                verb.i,
                arg(held[0]),
                arg(outcome[0]) if outcome else None,
                "held-responsible",
                is_negated(verb) or is_negated(pred[0]),
                bool(outcome),
                accuser,
            )
    elif lemma in CHARGING_VERBS:
        # "X was charged with Y", "charged X with Y", "convicted of", "sentenced X … for his crimes"
        word = CHARGING_VERBS[lemma]
        participle = verb.tag_ == "VBN" and verb.dep_ in ("acl", "conj", "relcl")
        patients = [antecedent(p) for p in patients_of(verb)] if is_passive(verb) or participle else []
        dobj = [antecedent(d) for d in children(verb, "dobj")] if lemma not in PASSIVE_CHARGING else []
        charged = patients or dobj
        # "sentenced X to a lifetime of penance for his crimes": the parser hangs "for" on the sentence served
        served = prep_objects([verb], "to") if word == "for" else []
        outcome = [o for o in prep_objects([verb, *dobj, *served], word) if o.ent_type_ not in NOT_OFFENCES]
        if charged and lemma == "charge" and charged[0].lemma_.lower() in _TASKED:
            charged = []  # "the agency charged with securing the release": a duty given, not a crime alleged
        if charged and outcome:
            subj, _ = subject(verb)
            accuser = arg(subj) if subj is not None and not patients else None
            accuser = accuser or (arg(a) if (a := agent_of(verb)) is not None else None)
            yield RawRelation(
                "blame", verb.i, arg(charged[0]), arg(outcome[0]), "charged-with", is_negated(verb), True, accuser
            )
    elif lemma == "plead" and any(c.lower_ == "guilty" for c in verb.children):
        # "D'Souza had pleaded guilty to campaign finance fraud": the one who pleads admits the blame
        subj, passive = subject(verb)
        crime = prep_objects([verb, *(c for c in verb.children if c.lower_ == "guilty")], "to")
        if not crime:  # "pleaded guilty to campaign finance fraud" parsed as "to campaign" (a verb) + "fraud"
            crime = [o for x in children(verb, "xcomp") for o in (children(x, "dobj") or [x])]
        if subj is not None and not passive and crime:
            yield RawRelation("blame", verb.i, arg(subj), arg(crime[0]), "pleaded-guilty", is_negated(verb), True)
    elif lemma in ("bear", "carry", "share", "shoulder", "deserve", "accept"):
        obj = children(verb, "dobj")
        subj, _ = subject(verb)
        # "deserved / accepted the blame"; "accepted responsibility for the project" may be a duty taken on
        objects = BLAME_OBJECTS if lemma not in ("deserve", "accept") else BLAME_OBJECTS - {"responsibility"}
        if obj and subj is not None and obj[0].lower_ in objects:
            outcome = prep_objects([obj[0], verb], "for")
            yield RawRelation(
                "blame",
                verb.i,
                arg(subj),
                arg(outcome[0]) if outcome else None,
                "bears-blame",
                is_negated(verb),
                bool(outcome),
            )


def _become_passive(verb: Token) -> Iterator[RawRelation]:
    """ "Most of its units were absorbed into the Brotherhood" → the Brigade became the Brotherhood."""
    if verb.lemma_.lower() not in (
        "absorb",
        "turn",
        "merge",
        "fold",
        "integrate",
        "incorporate",
        "transform",
        "rebrand",
    ):
        return
    # "the lights turn the milling crowd into a light show": the one turned is the object, not the one turning it
    subj = children(verb, "dobj") or children(verb, "nsubjpass", "nsubj")
    into = [o for p in children(verb, "prep") if p.lower_ in ("into", "as") for o in children(p, "pobj")]
    if subj and into:
        s = subj[0]
        # "most of its units": the whole whose part moved.
        for p in children(s, "prep"):
            if p.lower_ == "of":
                objs = children(p, "pobj")
                if objs:
                    s = objs[0]
        yield RawRelation("become", verb.i, arg(s), arg(into[0]), "absorbed-into", is_negated(verb))


def _no_innocent(sent: SpacySpan) -> Iterator[RawRelation]:
    """ "X is no innocent party" where the parser missed the copula (it often does)."""
    toks = list(sent)
    for i, tok in enumerate(toks):
        if tok.lemma_ != "be" or i == 0 or i + 2 >= len(toks):
            continue
        if toks[i + 1].lower_ in ("no", "not") and any(
            t.lower_ in ("innocent", "blameless") for t in toks[i + 1 : i + 4]
        ):
            subj = toks[i - 1]
            if subj.pos_ in ("PROPN", "NOUN", "PRON"):
                yield RawRelation(
                    "blame",
                    tok.i,
                    (subj.i, subj.left_edge.i if subj.left_edge.i < subj.i else subj.i, subj.i + 1),
                    None,
                    "no-innocent",
                )


def _nominal_relations(sent: SpacySpan) -> Iterator[RawRelation]:
    """Relations a noun carries: "the killing of Jean by Guyger" (perpetrate), "O'Rourke's support for the firing",
    "came out in support of Ford" (support: the supporter is the possessor, or the subject of the verb the
    "in support of" phrase hangs from)."""
    for tok in sent:
        if tok.pos_ != "NOUN":
            continue
        low = tok.lower_
        if low in ACT_NOUNS:
            victim = prep_objects([tok], "of") or prep_objects([tok], "on") or prep_objects([tok], "against")
            by = prep_objects([tok], "by")
            pattern = "act-noun"
            if not by and (victim or low not in _VICTIM_OWNED):
                # "the militia's attack on the village", "Valdorian strikes on Marvik": the doer modifies the act;
                # "her killing", "his assassination" with no "of": the one owning it suffered it
                by = [c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN", "PRON")]
                pattern = "act-noun-owner"
                if not by:
                    by = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.ent_type_ in STATE_TYPES]
                    pattern = "act-noun-adjective"  # kept only where it names a state or an organisation
            if low in TARGETED_ACT_NOUNS and not victim:
                continue
            if by and by[0].pos_ in ("PROPN", "NOUN", "PRON", "ADJ"):
                effect = arg(victim[0]) if victim else (tok.i, tok.i, tok.i + 1)
                yield RawRelation("perpetrate", tok.i, arg(by[0]), effect, pattern, is_negated(tok), not victim)
        elif tok.lemma_.lower() in EFFECT_NOUNS:
            # "the effects of ozone on crops": ozone acts on the crops
            agents = prep_objects([tok], "of")
            # the parser hangs "on …" on the noun, on the "of" object or on the verb of "analysed effects of X on Y"
            targets = prep_objects([tok, *agents, *(a for g in agents for a in g.conjuncts)], "on")
            if not targets and tok.dep_ == "dobj":
                targets = [t for t in prep_objects([tok.head], "on") if t.i > tok.i]
            if agents and targets:
                yield RawRelation("cause", tok.i, arg(agents[0]), arg(targets[0]), "effect-noun", is_negated(tok))
        elif tok.lemma_.lower() in ACCUSATION_NOUNS:
            yield from _accusation_noun(tok)
        elif tok.lemma_.lower() in SUPPORT_NOUNS:
            backed = prep_objects([tok], "for") or prep_objects([tok], "of")
            if not backed or backed[0].lemma_.lower() in IDIOM_OBJECTS["support"]:
                continue  # "didn't provide any support for his claim": evidence for a claim backs no one
            owner = [c for c in tok.children if c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN")]
            # a modifier in lower case supports only when it names doers: "an eleventh-hour defence" is no one's
            owner = [c for c in owner if c.dep_ == "poss" or c.pos_ == "PROPN" or c.lemma_.lower() in DOER_NOUNS]
            if not owner and tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.pos_ == "VERB":
                subj, passive = subject(tok.head.head)
                owner = [subj] if subj is not None and not passive else []
            if not owner and tok.dep_ == "dobj" and tok.head.lemma_.lower() in OFFERING_VERBS:
                subj, passive = subject(tok.head)  # "Trump had mounted an even stronger defense for the Saudi rulers"
                owner = [subj] if subj is not None and not passive else []
            if owner:
                yield RawRelation("support", tok.i, arg(owner[0]), arg(backed[0]), "support-noun", is_negated(tok))


_VICTIM_OWNED = frozenset(
    "killing murder assassination slaying execution kidnapping abduction rape torture shooting stabbing persecution "
    "imprisonment detention lynching".split()
)


def _accusation_noun(tok: Token) -> Iterator[RawRelation]:
    """ "made abuse accusations against Ellison", "allegations of sexual assault leveled last week against Mr.
    Kavanaugh", "the allegations that have been brought against him by two different women": an accusation someone
    makes, brings or levels blames the one accused for what it names (its "of" object or the noun before it); the
    accuser is the "by" of the verb that brings it, or the subject of "make / file / bring" whose object it is.  An
    accusation only mentioned ("after the accusations against X emerged") is no blame statement."""
    carriers = [tok, *(v for v in tok.children if v.dep_ in ("acl", "relcl") and v.lemma_.lower() in MAKING_VERBS)]
    maker = tok.head if tok.dep_ == "dobj" and tok.head.lemma_.lower() in MAKING_VERBS else None
    if tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.lemma_.lower() in ("come", "go"):
        # "came out / forward with an allegation against X", "went public with it"
        outs = {c.lower_ for c in tok.head.head.children if c.dep_ in ("prt", "advmod", "acomp")}
        maker = tok.head.head if outs & {"out", "forward", "public"} else None
    made = maker is not None
    if len(carriers) == 1 and not made:
        return  # "after the accusations against X emerged" mentions an accusation; only making one blames
    against = prep_objects(carriers, "against")
    if not against or against[0].pos_ not in ("PROPN", "NOUN", "PRON"):
        return
    content = prep_objects([tok], "of") or [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    accuser: Token | None = None
    for v in carriers[1:]:
        accuser = agent_of(v) or next(iter(prep_objects([v], "by")), None)
        if accuser is not None:
            break
    if accuser is None and maker is not None:
        accuser, passive = subject(maker)
        accuser = None if passive else accuser
    yield RawRelation(
        "blame",
        tok.i,
        arg(against[0]),
        arg(content[0]) if content else None,
        "accusation-noun",
        is_negated(tok),
        bool(content),
        arg(accuser) if accuser is not None else None,
    )


def _accused_act(sent: SpacySpan) -> Iterator[RawRelation]:
    """ "accused of sexually abusing minors" parsed with the gerund as an adjective of its object: the act the
    accusation names, done by the one accused (the verb reading gives it where the parse is right)."""
    for tok in sent:
        if tok.dep_ != "amod" or tok.tag_ != "VBG" or tok.head.dep_ != "pobj":
            continue
        lemma = tok.lemma_.lower()
        if VERB_TYPES.get(lemma, VERB_TYPES.get(lexicon_lemma(tok.lower_) or "")) != "perpetrate":
            continue
        of = tok.head.head
        verb = of.head
        if of.lower_ != "of" or verb.lemma_.lower() not in ACCUSE_OF:
            continue
        accused = [antecedent(c) for c in children(verb, "nsubjpass", "dobj")]
        if accused:
            yield RawRelation("perpetrate", tok.i, arg(accused[0]), arg(tok.head), "accused-act", is_negated(verb))


def _possessive_proxies(sent: SpacySpan) -> Iterator[RawRelation]:
    """ "the ministry's militia" → the ministry backs the militia."""
    for tok in sent:
        if tok.lower_ in PROXY_HEADS:
            owners = [c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")]
            if owners:
                yield RawRelation("support", tok.i, arg(owners[0]), arg(tok), "possessive")


def context_cause(previous: SpacySpan) -> tuple[int, int, int] | None:
    """The actor of a pressing act in the sentence before an agentless "was forced"
    ("The empire occupied the valley. The republic was 'forced' to arm a militia."): the subject of its
    first :data:`PRESSURE_VERBS` verb, or ``None``.  The link is the reader's inference the text invites,
    so the relation that uses it is marked ``implied``."""
    for tok in previous:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in PRESSURE_VERBS and not is_negated(tok):
            subj, passive = subject(tok)
            if subj is not None and not passive:
                return arg(subj)
    return None


REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "myself", "yourself", "ourselves", "oneself"})

#: Heads under which an infinitive is an attempt ("tried to kiss her" tells of an act on someone, not a wish) or
#: an announced accusation ("plans to accuse X of Y").
ATTEMPTS = frozenset({"try", "attempt", "plan", "intend", "seek", "vow", "threaten"})


def _generic(doer: Token, verb: Token) -> bool:
    """Nobody in particular: "you", "people"; or "those who would abuse children", whoever might do it."""
    if doer.lower_ in GENERIC_SUBJECTS:
        return True
    modal = any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "may", "will") for c in verb.children)
    return modal and doer.lower_ in ("those", "whoever", "anyone", "anybody")


def _hyphen_participle(part: Token) -> Iterator[RawRelation]:
    """ "a Soros-backed organization", "Communist-backed", "Iranian-trained fighters": the word joined to the
    participle by a hyphen backs, funds or trains the noun."""
    lemma = part.lemma_.lower()
    if lemma not in HYPHEN_PARTICIPLES or part.i == 0 or part.doc[part.i - 1].text != "-":
        return
    doers = [c for c in part.children if c.i == part.i - 2 and c.dep_ in ("npadvmod", "compound", "amod", "nmod")]
    # a word in lower case backs nothing unless it names doers ("state-funded", "government-backed"): "nuclear-armed
    # missiles" are armed with something, by no one the hyphen names
    named = doers and doers[0].pos_ in ("PROPN", "NOUN", "ADJ") and doers[0].text[:1].isupper()
    if named or (doers and doers[0].pos_ == "NOUN" and doers[0].lemma_.lower() in DOER_NOUNS):
        rtype = VERB_TYPES[lemma]
        yield RawRelation(rtype, part.i, arg(doers[0]), arg(part.head), "hyphen-participle", False)


def find_relations(sent: SpacySpan) -> list[RawRelation]:
    """Every relation the rules find in one sentence, in text order of their triggers."""
    out: list[RawRelation] = []
    seen: set[tuple[str, int]] = set()
    head = _DATELINE.match(sent.text)
    dateline = next((t.i for t in sent if t.idx - sent.start_char >= head.end()), sent.end) if head else sent.start
    for tok in sent:
        found: list[RawRelation] = []
        if verbal(tok) and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ATTEMPTS and unreal(tok):
            # "tried to forcibly kiss her": an attempt at an act on someone is told as done to them; "plans to accuse
            # X of Y" announces an accusation
            wanted = "perpetrate" if tok.head.lemma_.lower() in ("try", "attempt") else "blame"
            found.extend(r for r in verb_relations(tok) if r.type == wanted)
        elif tok.dep_ == "amod" and tok.tag_ == "VBN":
            found.extend(_hyphen_participle(tok))
        elif verbal(tok) and tok.dep_ != "amod" and not unreal(tok):
            if tok.lemma_ == "be":
                found.extend(_copula_relations(tok))
            else:
                found.extend(_held_responsible(tok))
                found.extend(_become_passive(tok))
                if not found:
                    found.extend(verb_relations(tok))
        found = [r for r in found if r.cause is None or not _generic(sent.doc[r.cause[0]], sent.doc[r.trigger])]
        # "RIO GRANDE CITY, Texas – … agents disrupt two stash houses": the dateline says where, it does nothing
        found = [r for r in found if r.cause is None or r.cause[0] >= dateline]
        # "bishops have protected themselves", "them defend themselves": no link between two actors
        found = [r for r in found if r.effect is None or sent.doc[r.effect[0]].lower_ not in REFLEXIVES]
        found = [q for q in (quantified(r, sent.doc) for r in found) if q is not None]
        for r in found:
            key = (r.type, r.trigger)
            if key not in seen:
                seen.add(key)
                out.append(r)
    doc = sent.doc
    # "… to a headline editor to make it snappy": a set phrase in an aim is no more done than a verb in one; but
    # "a petition to bring Myhre to justice for his crimes" blames him all the same
    phrases = [
        r
        for r in phrase_relations(sent)
        if r.type == "blame" or not (verbal(doc[r.trigger]) and unreal(doc[r.trigger]))
    ]
    for r in [
        *_possessive_proxies(sent),
        *_accused_act(sent),
        *_no_innocent(sent),
        *_nominal_relations(sent),
        *blame_idioms(sent),
        *phrases,
    ]:
        if any(o.trigger == r.trigger for o in out):
            continue
        if r.type == "blame" and any(o.type == "blame" and o.cause == r.cause for o in out):
            continue
        out.append(r)
    out.sort(key=lambda r: r.trigger)
    return out
