"""The verb patterns of the relation rules: a verb's subject and object as cause and effect, passives and their
agents, "blame X for Y" / "blame Y on X", "slammed X for Y", "caused/led X to V", light verbs ("carry out an
attack"), permissions given, acts on a body whatever their verb ("put his hand on her breast", "forcibly kissed
her"), and what the lexicon says each verb means (:mod:`unspin.components.relation_words`).  Called by
:func:`unspin.components.relation_rules.find_relations`.

Limits: a verb outside the lexicon is read only by these patterns; "put his hand on her shoulder" is no act (the
body parts listed are those the real-article gold set names in assaults), and a kind gesture told with a listed
part ("put his hand on her arm") is read as one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .relation_args import (
    RawRelation,
    agent_of,
    antecedent,
    arg,
    because_clause,
    bodily,
    children,
    denied,
    giver_of,
    is_doer,
    is_negated,
    is_outcome,
    is_passive,
    object,
    patients_of,
    prep_objects,
    subject,
)
from .relation_contact import THROWING, body_on_body, thrown_at, violent_frame
from .relation_words import (
    CAUSE_ORIGIN,
    CHANGE_VERBS,
    CONTACT_VERBS,
    CREATED_STATES,
    DEADLY_EVENTS,
    DRAWING_VERBS,
    EVIDENCE_NOUNS,
    FAULT_FOR_VERBS,
    FORCE_ADVERBS,
    FORCES,
    GIVE_RISE,
    IDIOM_OBJECTS,
    KILLED_PLANS,
    LIFE,
    LIGHT_VERBS,
    MAKE_DO,
    NEEDS_DIRECTION,
    NEEDS_OUTCOME,
    NOT_OFFENCES,
    ORIGIN,
    PERMISSIONS,
    PLACE_NOUNS,
    REACTION_NOUNS,
    RESOURCE_NOUNS,
    ROLE_NOUNS,
    VERB_TYPES,
    WRECKING_VERBS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["blame_verb", "lexicon_lemma", "permission_given", "verb_relations"]

#: A passive's "by" that says how long, not who: "the mission was delayed by three years".
_DURATIONS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade"})

#: What one drives without compelling anyone.
_VEHICLES = frozenset(
    {"car", "truck", "van", "minivan", "vehicle", "bus", "lorry", "suv", "tractor", "motorcycle", "boat"}
)

#: Verbs whose victims can be said to be harmed "in" an event.
_HARMED = frozenset({"kill", "injure", "wound", "trample", "crush", "murder", "slay"})

#: Entity kinds a wrecking verb can target: people, groups, places and structures.
_TARGET_ENTITIES = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})
_HELPING = frozenset({"aid", "help", "protect", "shelter"})
_FAVOURING = frozenset({"favour", "favor"})
_FAILING = frozenset({"fail", "refuse", "decline", "neglect"})
_FEELINGS = frozenset(
    "anger enrage infuriate outrage frighten terrify alarm alienate traumatize traumatise horrify".split()
)
_VEHICLES = frozenset(
    "car truck vehicle bus van minivan suv jeep limousine limo sedan pickup taxi cab train boat ship tractor lorry "
    "motorcycle motorbike bike scooter plane aircraft ambulance tank tanker convoy cart wagon".split()
)


@dataclass(frozen=True)
class _Verb:
    """The verb a pattern reads, with what every pattern asks of it."""

    token: Token
    lemma: str
    passive: bool
    neg: bool


#: a pattern's answer: ``None`` when it does not apply (the next one is tried), else the relations it reads
#: (empty when it recognises the verb and abstains)
_Found = list[RawRelation] | None


def verb_relations(verb: Token) -> Iterator[RawRelation]:
    """The relations ``verb`` states: the first of the verb patterns that applies says what they are."""
    # "the police still failed to storm her apartment": what one failed or refused to do did not happen
    failed = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _FAILING and not is_negated(verb.head)
    v = _Verb(verb, verb.lemma_.lower(), is_passive(verb), is_negated(verb) or failed)
    for pattern in _PATTERNS:
        found = pattern(v)
        if found is not None:
            yield from found
            return


def _to_clauses(verb: Token) -> list[Token]:
    """The verb's ``ccomp`` clauses with a "to" (which the parser makes of "caused the US to recall")."""
    return [c for c in children(verb, "ccomp") if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]


def _instructed(v: _Verb) -> _Found:
    """ "instructed ICE that all people … were subject to deportation": told, neither made nor trained."""
    if v.lemma != "instruct":
        return None
    told = [c for c in children(v.token, "ccomp") if c not in _to_clauses(v.token)]
    return [] if any(children(c, "nsubj", "nsubjpass") for c in told) else None


def _make_do(v: _Verb) -> _Found:
    """ "the sanctions led the government to adopt …": the verb makes its object act."""
    if v.lemma not in MAKE_DO or v.passive:
        return None
    verb = v.token
    dobj = children(verb, "dobj")
    if not dobj:  # "reports that caused the US to recall …": the parser makes "the US … recall" a clause
        for c in _to_clauses(verb):
            dobj = children(c, "nsubj")
    # the object is made to do something: an infinitive ("to adopt", "made him cry"), not a gerund the parser hung on
    # the verb ("would require long-term help, not just intervening at the peak")
    if dobj and any(c.dep_ in ("xcomp", "ccomp") and c.tag_ != "VBG" for c in verb.children):
        subj, _ = subject(verb)
        if subj is not None:
            return [RawRelation("compel", verb.i, arg(subj), arg(dobj[0]), "make-do", v.neg)]
    return None


def _permission(v: _Verb) -> _Found:
    if v.lemma not in ("grant", "give") or v.passive:
        return None
    allowed = permission_given(v.token)
    return [allowed] if allowed is not None else None


def _take_life(v: _Verb) -> _Found:
    """ "took the lives of …": the taker perpetrated a killing."""
    if v.lemma != "take" or v.passive:
        return None
    life = [d for d in children(v.token, "dobj") if d.lower_ in LIFE]
    owner = [o for d in life for o in (children(d, "poss") or prep_objects([d], "of"))]
    subj, _ = subject(v.token)
    if owner and subj is not None:
        return [RawRelation("perpetrate", v.token.i, arg(subj), arg(owner[0]), "take-life", v.neg, False)]
    return None


def _role(v: _Verb) -> _Found:
    """ "Y played a role in X", "Y contributed to X": Y caused X."""
    if v.lemma not in ("play", "contribute"):
        return None
    verb = v.token
    role = [d for d in children(verb, "dobj") if d.lemma_.lower() in ROLE_NOUNS]
    want = "in" if v.lemma == "play" else "to"
    if v.lemma == "play" and not role:
        return []
    for p in children(verb, "prep") + [q for r in role for q in children(r, "prep")]:
        objs = children(p, "pobj", "pcomp")
        if objs and objs[0].lower_ in ("report", "story", "article", "reporting", "coverage"):
            return []  # "X contributed to this report": a byline credit
        if p.lower_ == want and objs:
            subj, _ = subject(verb)
            if subj is not None and subj.lower_ != "nothing":  # "they've nothing to contribute to life": no one does
                neg = v.neg or any(is_negated(r) for r in role)  # "played no significant role in history"
                return [RawRelation("cause", verb.i, arg(subj), arg(objs[0]), "role-in", neg, is_outcome(objs[0]))]
    return []


def _origin(v: _Verb) -> _Found:
    """ "X grew out of Y": Y became X; "X stems from Y": Y caused X."""
    verb = v.token
    for p in (c for c in verb.children if c.dep_ in ("prep", "prt")):
        if (v.lemma, p.lower_) in CAUSE_ORIGIN:
            src = children(p, "pobj")
            subj, _ = subject(verb)
            if src and subj is not None:
                return [RawRelation("cause", verb.i, arg(src[0]), arg(subj), "stems-from", v.neg, is_outcome(subj))]
        if (v.lemma, p.lower_) in ORIGIN:
            src = children(p, "pobj") or [g for q in p.children if q.dep_ == "prep" for g in children(q, "pobj")]
            subj, _ = subject(verb)
            if src and subj is not None:
                return [RawRelation("become", verb.i, arg(src[0]), arg(subj), "origin", v.neg)]
    return None


def _give_rise(v: _Verb) -> _Found:
    """ "X gave rise to Y": X created Y."""
    verb = v.token
    dobj = children(verb, "dobj")
    if v.lemma not in GIVE_RISE or not dobj or dobj[0].lower_ != "rise":
        return None
    for p in children(dobj[0], "prep") + children(verb, "prep"):
        if p.lower_ == "to":
            objs = children(p, "pobj")
            subj, _ = subject(verb)
            if objs and subj is not None:
                return [RawRelation("create", verb.i, arg(subj), arg(objs[0]), "give-rise", v.neg)]
    return None


def _drew_reaction(v: _Verb) -> _Found:
    """ "the remarks drew shock and rebuke": the subject caused the reaction.  "Drew criticism for Y" is left at
    that: the critics' blame has no one the text names to hold it, and the writer does not hold it."""
    obj = children(v.token, "dobj")
    if v.lemma not in DRAWING_VERBS or v.passive or not obj:
        return None
    reactions = [
        o for o in (obj[0], *obj[0].conjuncts) if o.lemma_.lower() in REACTION_NOUNS or o.lower_ in REACTION_NOUNS
    ]
    subj, _ = subject(v.token)
    if not reactions or subj is None:
        return None
    return [RawRelation("cause", v.token.i, arg(subj), arg(reactions[0]), "drew-reaction", v.neg, True)]


def _light_verb(v: _Verb) -> _Found:
    """ "carried out an attack", "led to the crisis": the verb's meaning is in its object or particle."""
    if v.lemma not in LIGHT_VERBS:
        return None
    verb = v.token
    particle, rtype = LIGHT_VERBS[v.lemma]
    if v.lemma == "lead" and any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children):
        return []  # "a procession leading from the office to the homes": a path, not a cause
    if v.lemma == "lead" and any(c.lower_ == "up" for c in verb.children):
        return []  # "the weeks leading up to the midterm": a time before it, not a cause
    obj = object(verb, particle) if particle else object(verb)
    subj, pas = subject(verb)
    if obj is None or subj is None:
        return None
    if rtype == "perpetrate" and (not is_outcome(obj) or obj.pos_ == "VERB"):
        return []  # "engaging in attacking the victims": the gerund is the act, read as a verb of its own
    if v.passive and not pas:
        return []
    return [RawRelation(rtype, verb.i, arg(subj), arg(obj), "light-verb", v.neg, rtype == "perpetrate")]


def _time_or_amount(obj: Token) -> bool:
    """ "for three days", "for the second time", "for $5": a "for" that names no offence."""
    return obj.lemma_.lower() in ("time", "while") or any(
        t.ent_type_ in NOT_OFFENCES or t.ent_type_ == "ORDINAL" for t in obj.subtree
    )


def _fault_for(v: _Verb) -> _Found:
    """ "slammed X for Y": a blame only with its "for" (criticising alone blames nobody for anything)."""
    if v.lemma not in FAULT_FOR_VERBS or v.passive:
        return None
    verb = v.token
    dobj = [antecedent(d) for d in children(verb, "dobj")]
    outcome = [o for o in prep_objects([verb, *dobj], "for") if not _time_or_amount(o)]
    subj, _ = subject(verb)
    if v.lemma in VERB_TYPES and not (dobj and outcome):
        return None  # "attacked the town (for three days)": the verb's own meaning
    if not dobj or not outcome:
        return []
    accuser = arg(subj) if subj is not None else None
    return [RawRelation("blame", verb.i, arg(dobj[0]), arg(outcome[0]), "fault-for", v.neg, True, accuser)]


def _typed(v: _Verb) -> _Found:
    """The lexicon's verbs (:data:`~.relation_words.VERB_TYPES`): subject and object, or a passive's agent and
    patient, as cause and effect; "blame" verbs by :func:`blame_verb`."""
    lemma = v.lemma
    rtype = VERB_TYPES.get(lemma)
    if rtype is None:
        lemma = lexicon_lemma(v.token.lower_) or lemma
        rtype = VERB_TYPES.get(lemma)
    if rtype is None and not v.passive and any(c.lower_ in FORCE_ADVERBS for c in children(v.token, "advmod")):
        # "forcibly kissed her": whatever the verb, an act forced on a person's body is done to them
        obj = object(v.token)
        return _typed_active(v, lemma, "perpetrate") if obj is not None and bodily(antecedent(obj)) else []
    if rtype is None:
        return []
    if rtype == "blame":
        return list(blame_verb(v.token, v.neg))
    if v.passive:
        return _typed_passive(v, rtype)
    reduced = v.token.dep_ == "acl" and v.token.tag_ == "VBN" and v.token.head.pos_ in ("NOUN", "PROPN")
    if reduced and (killed := _killed_in(v, v.token.head)):
        return killed  # a reduced passive with no agent: "the 58 people killed in the mass shooting"
    return _typed_active(v, lemma, rtype)


def _typed_passive(v: _Verb, rtype: str) -> list[RawRelation]:
    verb, neg = v.token, v.neg
    patients = patients_of(verb)
    agent = agent_of(verb)
    if patients and patients[0].lemma_.lower() in IDIOM_OBJECTS.get(v.lemma, ()):
        return []  # "the deadline established by law": the idiom in the passive
    if rtype == "support" and agent is not None and agent.lemma_.lower() in EVIDENCE_NOUNS:
        return []  # "allegations, soon backed by a remarkable amount of evidence": evidence backs a claim
    if patients and v.lemma in NEEDS_OUTCOME and not is_outcome(patients[0]):
        return []  # "a review process that is conducted by various agencies": no attack or crime carried out
    if v.lemma in CHANGE_VERBS and (agent is None or is_doer(agent)):
        return []  # "the penalty was reduced by the Pope": an act of office, not a cause
    if agent is not None and (agent.ent_type_ in ("DATE", "TIME") or agent.lemma_.lower() in _DURATIONS):
        return []  # "the mission was delayed by three years": by how long, not by whom
    if patients and v.lemma in ("hit", "strike") and not bodily(patients[0]):
        return []  # "the commission, hit by resignations": a blow to an institution is a figure of speech
    if patients and agent is not None:
        if v.lemma in _HELPING and not is_doer(agent):
            rtype = "cause"  # "worth $80 million, aided by an aggressive schedule of speaking events": no backer
        if v.lemma in NEEDS_DIRECTION and not _directed(verb):
            rtype = "cause"  # "a witch hunt driven by angry liberals": what moves it, not anyone forced to act
        return [RawRelation(rtype, verb.i, arg(agent), arg(patients[0]), "passive", neg, is_outcome(patients[0]))]
    if patients and rtype == "perpetrate" and (killed := _killed_in(v, patients[0])):
        return killed
    if patients and rtype == "compel":
        because = because_clause(verb)
        if because is not None:
            return [RawRelation("compel", verb.i, arg(because), arg(patients[0]), "passive-because", neg)]
        # "Y was forced to arm them": who forced it is for the context to say (see context_cause)
        return [RawRelation("compel", verb.i, None, arg(patients[0]), "passive-no-agent", neg)]
    return []


def _killed_in(v: _Verb, victim: Token) -> list[RawRelation]:
    """ "over 345 pilgrims have been killed in a stampede", "the 58 people killed in the mass shooting": what they
    were killed or hurt in did it."""
    if v.lemma not in _HARMED:
        return []
    event = [o for o in prep_objects([v.token], "in") if is_outcome(o) or o.lemma_.lower() in DEADLY_EVENTS]
    return [RawRelation("perpetrate", v.token.i, arg(event[0]), arg(victim), "killed-in", v.neg)] if event else []


def _typed_active(v: _Verb, lemma: str, rtype: str) -> list[RawRelation]:
    verb = v.token
    subj, _ = subject(verb)
    obj = next(iter(children(verb, "dobj")), None)
    if obj is None and rtype in ("allow", "compel"):
        # "will allow this thing to get past …": the parser makes "this thing to get past" a clause; so it does
        # of "let a united Germany join …", whose infinitive has no "to"; that clause's subject comes before any
        # object a coordinated verb could lend ("lowered that barrier and allowed the average person to …")
        clauses = _to_clauses(verb) or (children(verb, "ccomp") if lemma == "let" else [])
        obj = next((n for c in clauses for n in children(c, "nsubj")), None)
    if obj is None and lemma in NEEDS_DIRECTION:
        return []  # "bought the tracer ammunition and drove (to the hotel)": no one driven, nothing to borrow
    obj = obj or object(verb)
    if subj is None or obj is None:
        return []
    obj = antecedent(obj)
    if not _fits(verb, lemma, rtype, obj):
        return []
    if lemma in WRECKING_VERBS and not (
        obj.ent_type_ in _TARGET_ENTITIES or bodily(obj) or obj.lemma_.lower() in PLACE_NOUNS or is_outcome(obj)
    ):
        rtype = "cause"  # "destroyed any remaining confidence": harm done to a thing, as "ruined" or "damaged" is
    if lemma == "drive" and obj.lemma_.lower() in _VEHICLES:
        return []  # "drove a truck into a crowd": a vehicle steered, no one driven to act (the deed is its own verb)
    if lemma == "drive" and _driven_thing(lemma, obj) and not _directed(verb):
        rtype = "cause"  # "the criminal gangs driving dangerous small boat crossings"
    if rtype == "create" and obj.lemma_.lower() in CREATED_STATES:
        rtype = "cause"  # "Trump created the possibility": a state of affairs brought about, no group founded
    if subj.lower_ == "god" or (lemma == "punch" and any(c.lower_ == "up" for c in children(verb, "prt"))):
        return []  # "God help us" is a plea, "punch it up" an edit
    if lemma in THROWING and any(o.lower_ == "bus" for o in prep_objects([verb], "under")):
        return []  # "threw us under the bus": a betrayal, no blow
    if lemma in _FEELINGS and subj.lower_ in ("that", "this", "it", "which", "what"):
        return []  # "that alarms me": a feeling about something the text leaves unnamed
    doer = is_doer(antecedent(subj))
    if lemma in _FAVOURING and not doer:
        return []  # "the votes that favored her", "the odds favour the incumbent": an advantage, no backing
    if rtype == "support" and lemma in _HELPING and not doer:
        rtype = "cause"  # "the low turnout helped his campaign": what helps without backing anyone brings about
    if lemma in CHANGE_VERBS and doer:
        return []  # "Francis reduced the priest's penalty": an actor acting; "the wall reduced immigration" causes
    # "money from Kestrov paid its fighters": the giver, not the money.
    cause = subj
    pattern = "active"
    if subj.lower_ in RESOURCE_NOUNS:
        giver = giver_of(subj)
        if giver is not None:
            cause, pattern = giver, "resource"
            rtype = RESOURCE_NOUNS[subj.lower_] if rtype in ("fund", "arm", "train") else rtype
    return [RawRelation(rtype, verb.i, arg(cause), arg(obj), pattern, v.neg or denied(cause), is_outcome(obj))]


def _fits(verb: Token, lemma: str, rtype: str, obj: Token) -> bool:
    """Whether the object is one the verb's meaning needs (an outcome, a body, a direction, no idiom)."""
    if lemma in NEEDS_OUTCOME and not is_outcome(obj):
        return False
    if lemma in CONTACT_VERBS and not bodily(obj):
        return False
    bare = obj.tag_ == "NN" and not obj.ent_type_ and not children(obj, "det", "poss", "compound", "amod")
    if obj.pos_ in ("VERB", "AUX") or (lemma == "help" and bare):
        return False  # "helping fill in the timeline" (even with "fill" tagged a noun): a deed helped along
    if lemma == "back" and any(c.dep_ == "prt" and c.lower_ in ("off", "down", "away", "out") for c in verb.children):
        return False  # "appeared to back off a military footing": retreated from it
    if lemma == "kill" and obj.lemma_.lower() in KILLED_PLANS:
        return False  # "Francis officially killed the plan": ended it
    thinker = subject(verb)[0] if lemma in ("strike", "hit") and obj.lower_ in ("me", "us") else None
    if thinker is not None and thinker.lower_ in ("it", "this", "that", "what"):
        return False  # "It strikes me (that …)": a thought that occurs, no blow
    if lemma == "kick" and any(c.dep_ == "prt" and c.lower_ in ("out", "off") for c in verb.children):
        return False  # "vowing to kick Acosta out again": expelled, not struck
    if lemma in ("beat", "knock") and obj.pos_ == "PROPN" and not violent_frame(verb):
        return False  # "he beat CNN", "knocked out Crooked Hillary": won a contest, laid no hand on anyone
    if rtype == "become" and obj.dep_ not in ("attr", "oprd", "dobj", "pobj"):
        return False
    if lemma in ("conquer", "subjugate") and not (
        obj.ent_type_ in _TARGET_ENTITIES or is_doer(obj) or obj.lemma_.lower() in PLACE_NOUNS
    ):
        return False  # "Armies cannot conquer science": a figure of speech, no people or land taken
    raised = obj.lemma_.lower() in FORCES or obj.lemma_.lower() in CREATED_STATES  # "raised a separate problem"
    if obj.lemma_.lower() in IDIOM_OBJECTS.get(lemma, ()) or (lemma == "raise" and not raised):
        return False  # "pay attention", "raise doubts": idioms, not funding or founding
    if lemma == "let" and (obj.lower_ in ("'s", "’s") or (obj.lower_ in ("us", "me") and _imperative(verb))):
        return False  # "Let's see", "let us remember", "Now let me ask": a suggestion or a turn taken, no permission
    if rtype == "fund" and (obj.ent_type_ == "MONEY" or any(t.ent_type_ == "MONEY" for t in obj.subtree)):
        return False  # "some jihadis were paying as much as $50,000": a sum paid, no one funded
    # "conservatives pushed multiple (stories)": pushing something is not forcing someone; but a thing that drives
    # a trend brings it about ("the criminal gangs driving dangerous small boat crossings")
    return lemma not in NEEDS_DIRECTION or _directed(verb) or _driven_thing(lemma, obj)


def _driven_thing(lemma: str, obj: Token) -> bool:
    """ "gangs driving the crossings", "crossings drove asylum claims over 150,000": a trend driven, not a car or
    a person."""
    return lemma == "drive" and not is_doer(obj) and obj.pos_ != "PRON" and obj.lemma_.lower() not in _VEHICLES


def _imperative(verb: Token) -> bool:
    """No subject, or only a name the parser took for one that labels a speaker or is addressed ("HANNITY: Now let
    me …", "Media, let's …")."""
    doc = verb.doc
    return all(s.i + 1 < len(doc) and doc[s.i + 1].text in (":", ",") for s in children(verb, "nsubj"))


def _directed(verb: Token) -> bool:
    """The verb says where to or from: "pushed them to resign", "drove them into exile", "driven from their homes",
    "were driven out of Kirkuk"."""
    return any(
        c.dep_ == "xcomp"
        or (c.dep_ == "prep" and c.lower_ in ("into", "to", "toward", "towards", "from", "out", "off"))
        or (c.dep_ in ("prt", "advmod") and c.lower_ in ("out", "away", "off"))
        for c in verb.children
    )


_PATTERNS: tuple[Callable[[_Verb], _Found], ...] = (
    lambda v: body_on_body(v.token, v.lemma, v.passive, v.neg),
    lambda v: thrown_at(v.token, v.lemma, v.passive, v.neg),
    _instructed,
    _make_do,
    _permission,
    _take_life,
    _role,
    _origin,
    _give_rise,
    _drew_reaction,
    _light_verb,
    _fault_for,
    _typed,
)


def permission_given(verb: Token) -> RawRelation | None:
    """X "grants you access to …" / "gave investigators the authority to …" / "gave the green light for …": X
    allows whom it gives the permission to, else what the permission is for."""
    perm = [
        d
        for d in children(verb, "dobj")
        if d.lemma_.lower() in PERMISSIONS
        or (d.lemma_.lower() == "light" and any(a.lower_ == "green" for a in d.children))
    ]
    subj, _ = subject(verb)
    if not perm or subj is None:
        return None
    whom = children(verb, "dative") or prep_objects([verb], "to")
    what = prep_objects([verb, perm[0]], "for") or prep_objects([perm[0]], "to")
    target = whom[0] if whom else what[0] if what else None
    if target is None:
        return None
    return RawRelation("allow", verb.i, arg(subj), arg(target), "permission", is_negated(verb))


def blame_verb(verb: Token, neg: bool) -> Iterator[RawRelation]:
    """ "blame X for Y", "blame Y on X", "X accused Y of Z", their passives ("Y is being blamed on X", "X was
    accused of Z by W"), and "X is to blame (for Y)" / "no one is more to blame than X"."""
    dobj = [antecedent(d) for d in children(verb, "dobj")]
    # "priests accused of sexual abuse": a participle on its noun is passive without a "by"
    passive = is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN")
    accuse = verb.lemma_.lower() == "accuse"
    if passive:
        agent = agent_of(verb)
        by = agent if agent is not None else next(iter(prep_objects([verb, *verb.children], "by")), None)
        accuser = arg(by) if by is not None else None
        patients = patients_of(verb)
        if not patients:
            return
        on = prep_objects([verb], "on")
        if on and not accuse:  # "the attack is being blamed on the militia"
            yield RawRelation("blame", verb.i, arg(on[0]), arg(patients[0]), "blame-on-passive", neg, True, accuser)
            return
        outcome = prep_objects([verb], "of" if accuse else "for")
        yield RawRelation(
            "blame",
            verb.i,
            arg(patients[0]),
            arg(outcome[0]) if outcome else None,
            "accused-passive" if accuse else "blamed-passive",
            neg,
            bool(outcome),
            accuser,
        )
        return
    subj, _ = subject(verb)
    accuser = arg(subj) if subj is not None else None
    if dobj and not accuse:
        on = prep_objects([verb, dobj[0]], "on")
        if on:
            yield RawRelation("blame", verb.i, arg(on[0]), arg(dobj[0]), "blame-on", neg, True, accuser)
            return
    if dobj:
        outcome = prep_objects([verb, dobj[0]], "of" if accuse else "for")
        if accuse and not outcome and subj is None:
            return  # "as credibly accused child sex abusers": an adjective, not an accusation
        yield RawRelation(
            "blame",
            verb.i,
            arg(dobj[0], keep_of=not accuse),
            arg(outcome[0]) if outcome else None,
            "accuse-verb" if accuse else "blame-verb",
            neg,
            bool(outcome),
            accuser,
        )
        return
    # "X is to blame": xcomp of a copula, the copula's subject is blamed; "she is the only one to blame" likewise.
    copula = verb.head
    if verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "attr" and verb.head.head.lemma_ == "be":
        copula = verb.head.head
    if verb.dep_ in ("xcomp", "relcl", "acl") and copula.lemma_ == "be":
        blamed = children(copula, "nsubj")
        than = [o for t in copula.subtree if t.lower_ == "than" for o in children(t, "pobj")]
        if blamed and blamed[0].lower_ in ("one", "nobody", "none") and than:
            # "no one is more to blame than X": X is the one blamed
            blamed = than
        if blamed:
            outcome = prep_objects([verb], "for")
            yield RawRelation(
                "blame",
                verb.i,
                arg(blamed[0]),
                arg(outcome[0]) if outcome else None,
                "to-blame",
                neg or (is_negated(copula) and blamed[0].head.i == copula.i),
                bool(outcome),
            )


def lexicon_lemma(word: str) -> str | None:
    """The lexicon verb an inflected form belongs to when the lemmatiser got it wrong ("raping" → "rap", not
    "rape"): the form without its -ing / -ed / -s, with an "e" put back or a doubled consonant undone."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            for cand in (stem + "e", stem, stem[:-1] if stem[-1:] == stem[-2:-1] else ""):
                if cand in VERB_TYPES:
                    return cand
    return None
