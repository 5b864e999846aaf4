"""Dependency rules that find causal and agency relations in one parsed sentence.

Pure functions over spaCy tokens; :mod:`unspin.components.relations` resolves
the arguments to entities and decides voice and support.  Each rule yields a
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
  "blame Y on X", "X was behind Y".

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

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = [
    "OUTCOME_NOUNS",
    "SPECULATIVE_MODALS",
    "VERB_TYPES",
    "RawRelation",
    "context_cause",
    "find_relations",
    "phrase_bounds",
]

#: Verb lemma → relation type.
VERB_TYPES: dict[str, str] = {
    **dict.fromkeys(["create", "form", "found", "establish", "raise", "build", "organise", "organize"], "create"),
    **dict.fromkeys(["spawn", "birth", "invent", "assemble", "recruit", "mobilise", "mobilize"], "create"),
    **dict.fromkeys(["arm", "equip", "supply", "weaponise", "weaponize"], "arm"),
    **dict.fromkeys(["fund", "finance", "pay", "bankroll", "subsidise", "subsidize"], "fund"),
    **dict.fromkeys(["train", "drill", "instruct"], "train"),
    **dict.fromkeys(
        ["support", "back", "sponsor", "aid", "help", "shelter", "harbour", "harbor", "protect"], "support"
    ),
    **dict.fromkeys(["champion", "defend", "promote", "endorse", "favour", "favor"], "support"),
    **dict.fromkeys(["become", "morph", "evolve", "transform"], "become"),
    **dict.fromkeys(["perpetrate", "commit", "conduct", "stage", "orchestrate", "mastermind"], "perpetrate"),
    **dict.fromkeys(["bomb", "attack", "kill", "murder", "massacre", "shell", "assassinate", "invade"], "perpetrate"),
    **dict.fromkeys(["execute", "slaughter", "behead", "detonate", "ambush", "raid", "storm"], "perpetrate"),
    **dict.fromkeys(["stab", "shoot", "torture", "rape", "kidnap", "abduct", "injure", "wound", "lynch"], "perpetrate"),
    **dict.fromkeys(["abuse", "assault", "molest", "persecute", "slay", "trample", "strangle"], "perpetrate"),
    **dict.fromkeys(["drag", "fondle", "grope", "smash", "destroy", "conquer", "subjugate"], "perpetrate"),
    **dict.fromkeys(["beat", "punch", "batter", "crush", "terrorise", "terrorize"], "perpetrate"),
    **dict.fromkeys(["grab", "pin", "squeeze", "choke", "shove", "slap", "kick", "knock"], "perpetrate"),
    **dict.fromkeys(["mistreat", "harass"], "perpetrate"),
    **dict.fromkeys(["affect", "impact", "hurt", "harm", "damage", "ruin", "undermine"], "cause"),
    **dict.fromkeys(["cause", "trigger", "provoke", "spark", "fuel", "unleash", "precipitate"], "cause"),
    **dict.fromkeys(["prompt", "stoke", "exacerbate", "worsen", "aggravate", "inflame", "foment", "incite"], "cause"),
    **dict.fromkeys(["instigate", "heighten", "escalate", "stir", "evoke"], "cause"),
    **dict.fromkeys(["ignite", "polarize", "polarise", "rock", "devastate", "cripple", "disrupt", "delay"], "cause"),
    **dict.fromkeys(["force", "compel", "push", "drive", "oblige", "coerce", "pressure"], "compel"),
    **dict.fromkeys(["allow", "let", "permit", "enable", "tolerate"], "allow"),
    "blame": "blame",
    "accuse": "blame",
}

#: Objects that make a verb an idiom rather than the relation ("pay attention", "support the claim").
_IDIOM_OBJECTS: dict[str, frozenset[str]] = {
    "pay": frozenset({"attention", "tribute", "price", "visit", "respect", "homage", "heed", "lip", "dividend"}),
    "support": frozenset({"claim", "view", "idea", "notion", "assessment", "theory", "finding", "conclusion"}),
    "back": frozenset({"claim", "view", "assessment", "theory", "finding", "conclusion"}),
    "build": frozenset({"case", "bridge", "momentum", "consensus"}),
    "form": frozenset({"opinion", "view", "impression", "habit", "line"}),
    "defend": frozenset(
        "thesis dissertation title crown belt championship claim view decision position record reputation".split()
    ),
    "endorse": frozenset({"claim", "view", "idea", "notion", "assessment", "theory", "finding", "conclusion"}),
    # "abused marijuana", "abused his power": misuse, not an attack on someone
    "abuse": frozenset(
        "drug alcohol marijuana cocaine heroin opioid substance painkiller power position authority office "
        "privilege trust system process discretion".split()
    ),
}
#: "raise" founds only a force ("raised an army"), not doubts or questions.
_FORCES = frozenset({"army", "militia", "force", "troop", "regiment", "brigade", "battalion", "legion", "unit"})
#: Verbs that compel only with a direction: "pushed them to resign", "drove them into exile".
_NEEDS_DIRECTION = frozenset({"push", "drive", "pressure"})
#: Verbs whose object must be an outcome noun before they count as perpetrating it.
_NEEDS_OUTCOME = frozenset({"perpetrate", "commit", "conduct", "stage", "orchestrate", "mastermind", "execute"})
_LIGHT_VERBS = {
    "carry": ("out", "perpetrate"),
    "lead": ("to", "cause"),
    "result": ("in", "cause"),
    "bring": ("about", "cause"),
    "turn": ("into", "become"),
    "grow": ("into", "become"),
    "set": ("up", "create"),
    "claim": ("", "perpetrate"),
    "launch": ("", "perpetrate"),
    "order": ("", "perpetrate"),
    "plan": ("", "perpetrate"),
    "wage": ("", "perpetrate"),
    "start": ("", "perpetrate"),
    "plant": ("", "perpetrate"),
    "engage": ("in", "perpetrate"),
}

#: Verbs of bodily contact: an attack only when done to a person or a person's body ("grabbed her buttocks",
#: "pinned her to a bed"); "grabbed the microphone" or "the storm hit the coast" are no such acts.
_CONTACT_VERBS = frozenset("grab pin squeeze choke shove slap kick knock drag mistreat harass".split())
_BODY_PARTS = frozenset(
    "body breast breasts buttock buttocks bottom waist neck throat mouth face head hair arm arms leg legs hand hands "
    "chest crotch genitals thigh thighs".split()
)
_PERSONAL_OBJECTS = frozenset("her him them me us you".split())

#: Nouns that name an outcome an article can assign blame for.
OUTCOME_NOUNS = frozenset(
    {
        "attack",
        "attacks",
        "bombing",
        "bombings",
        "bomb",
        "blast",
        "explosion",
        "massacre",
        "killing",
        "killings",
        "death",
        "deaths",
        "war",
        "invasion",
        "assault",
        "strike",
        "strikes",
        "shelling",
        "conflict",
        "coup",
        "riot",
        "riots",
        "violence",
        "atrocity",
        "atrocities",
        "crime",
        "murder",
        "murders",
        "assassination",
        "slaughter",
        "genocide",
        "famine",
        "crisis",
        "catastrophe",
        "disaster",
        "rampage",
        "ambush",
        "raid",
        "siege",
        "uprising",
        "insurgency",
        "terror",
        "terrorism",
        "operation",
        "plot",
        "rape",
        "rapes",
        "harassment",
        "misconduct",
        "abuse",
        "kidnapping",
        "torture",
    }
)

#: "X was a ministry project" → the ministry made X; "X is Y's proxy" → Y backs X.
_MADE_NOUNS = {
    **dict.fromkeys(["project", "creation", "creature", "invention", "brainchild", "product", "offspring"], "create"),
    **dict.fromkeys(["offshoot", "spin-off", "successor", "outgrowth"], "become"),
    **dict.fromkeys(["proxy", "puppet", "tool", "instrument", "pawn", "client", "front", "surrogate"], "support"),
}
#: "the ministry's militia" → the ministry backs the militia.
_PROXY_HEADS = frozenset(
    {"militia", "militias", "proxy", "proxies", "fighters", "gunmen", "agents", "henchmen", "puppets", "death-squads"}
)
#: "money from X paid them" → X funds them.
_RESOURCE_NOUNS = {
    **dict.fromkeys(["money", "cash", "funds", "funding", "payments", "payment", "subsidies", "salaries"], "fund"),
    **dict.fromkeys(["weapons", "arms", "guns", "rifles", "explosives", "ammunition", "missiles"], "arm"),
    **dict.fromkeys(["instructors", "trainers", "advisers", "advisors", "officers"], "train"),
}
_ORIGIN = {("grow", "out"), ("emerge", "from"), ("spring", "from"), ("arise", "from"), ("bear", "of")}
_ORIGIN |= {("evolve", "from"), ("descend", "from"), ("bear", "out"), ("grow", "from")}
_BLAME_ADJ = frozenset({"responsible", "culpable", "guilty", "accountable", "complicit", "liable", "answerable"})
#: Verbs that put a blame adjective on someone: "held X responsible", "found guilty", "deemed not responsible".
_JUDGING_VERBS = frozenset({"hold", "find", "deem", "declare", "judge", "rule", "consider"})
#: Verbs of a charge or conviction, with the preposition that names the offence.
_CHARGING_VERBS = {
    "charge": "with",
    "convict": "of",
    "sentence": "for",
    "indict": "on",
    "prosecute": "for",
    "jail": "for",
    "punish": "for",
    "fine": "for",
    "fire": "for",
    "want": "for",
    "seek": "for",
}
#: Charging verbs that blame only in the passive: "wanted for killing", "sought for murder" (not "wanted a car").
#: An arrest or a detention is left out: the dev gold does not count "arrested … for" as a blame statement.
_PASSIVE_CHARGING = frozenset({"want", "seek"})
#: What a "for" names that is no offence: "fired rockets for hours", "jailed for two years".
_NOT_OFFENCES = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
_BLAME_NOUNS = frozenset({"culprit", "culprits", "perpetrator", "perpetrators", "author", "architect", "instigator"})
_BLAME_OBJECTS = frozenset({"responsibility", "blame", "guilt", "culpability"})
_GIVE_RISE = frozenset({"give"})  # "gave rise to"
_CAUSE_MARKS = frozenset({"because", "since", "as"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
#: Verbs of criticism that blame when they say what for ("slammed X for Y", "faulted X for Y").
_FAULT_FOR_VERBS = frozenset({"slam", "criticise", "criticize", "condemn", "fault", "denounce", "blast", "rebuke"})
#: Nouns of violent acts whose "by" names who did them ("the killing of Jean by Guyger").
_ACT_NOUNS = frozenset(
    {"killing", "shooting", "murder", "assassination", "bombing", "attack", "stabbing", "massacre", "rape", "assault"}
    | {"invasion", "airstrike", "raid", "bombardment", "shelling", "ambush", "kidnapping", "abduction", "execution"}
    | {"torture", "persecution", "crackdown", "slaying", "strike", "attacks", "strikes", "airstrikes", "raids"}
)
_STATE_TYPES = frozenset({"NORP", "GPE", "ORG"})
#: Act nouns that name an act of violence only with a target ("strikes on the city", not "the teachers' strike").
_TARGETED_ACT_NOUNS = frozenset({"strike", "strikes", "raid", "raids"})
#: Nouns of an influence: "the effects of X on Y".
_EFFECT_NOUNS = frozenset({"effect", "impact", "influence", "toll"})
#: Nouns of backing: "X's support for Y", "in support of Y".
_SUPPORT_NOUNS = frozenset({"support", "backing", "sponsorship"})
#: Nouns that carry an accusation against someone ("abuse allegations against X", "charges brought against him").
_ACCUSATION_NOUNS = frozenset({"accusation", "allegation", "charge", "complaint"})
#: Verbs by which someone makes an accusation a noun names ("Alexander made accusations against Ellison").
_MAKING_VERBS = frozenset({"make", "bring", "file", "level", "lodge", "raise", "press"})
#: "lead / cause / force X to V": the verb makes X act (a compel relation whose effect is X).
_ACCUSE_OF = frozenset({"accuse", "suspect", "charge", "convict"})
_MAKE_DO = frozenset(
    {"lead", "cause", "force", "compel", "prompt", "push", "drive", "provoke", "spur", "pressure"}
    | {"induce", "order", "require", "get", "make", "instruct", "convince", "persuade"}
)
#: "grants you access", "gave investigators the authority to enter", "gave the green light": a permission given.
_PERMISSIONS = frozenset({"access", "permission", "authority", "right", "power", "licence", "license", "go-ahead"})
#: "took an innocent person's life", "taking the lives of …": a killing told with "take".
_LIFE = frozenset({"life", "lives"})
#: "X is the result / consequence of Y" → Y caused X.
_RESULT_NOUNS = frozenset({"result", "consequence", "outcome", "upshot"})
#: "X is the (main) cause / source / root of Y" → X caused Y.
_CAUSE_NOUNS = frozenset({"cause", "source", "root", "driver", "trigger"})
#: "Y played a (key) role / part in X", "Y contributed to X" → Y caused X.
_ROLE_NOUNS = frozenset({"role", "part", "hand"})
#: Modals that make a relation a conditional or imagined one ("why X would blame Y").
SPECULATIVE_MODALS = frozenset({"would", "'d"})


@dataclass(frozen=True)
class RawRelation:
    """A relation as the rules see it: token indices into one spaCy Doc.

    ``cause``/``effect`` are ``(head token index, start token, end token)``
    or ``None`` when the text leaves the argument out ("Valdoria is to blame":
    no outcome named).  ``effect_event`` marks an effect that names an event
    (the attack) rather than an actor.
    """

    type: str
    trigger: int
    cause: tuple[int, int, int] | None
    effect: tuple[int, int, int] | None
    pattern: str
    negated: bool = False
    effect_event: bool = False
    accuser: tuple[int, int, int] | None = None


def phrase_bounds(tok: Token) -> tuple[int, int]:
    """Token range of a noun phrase without its relative clauses, appositions and conjuncts."""
    cut = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep", "case"}
    start, end = tok.i, tok.i + 1
    for child in tok.children:
        if child.dep_ in cut:
            continue
        sub = list(child.subtree)
        start = min(start, sub[0].i)
        end = max(end, sub[-1].i + 1)
    # keep "of"-phrases that name whose thing it is: "the occupation of the valley"
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from") and child.i > tok.i:
            if any(g.dep_ == "pcomp" for g in child.children):
                continue  # "accused the nominee of assaulting her": the charge, not part of the nominee
            end = max(end, list(child.subtree)[-1].i + 1)
    return start, end


def _arg(tok: Token, *, keep_of: bool = True) -> tuple[int, int, int]:
    start, end = phrase_bounds(tok)
    if not keep_of:  # "accused the man of murder": the "of" phrase is the charge, not part of the man
        cut = [c.i for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > tok.i]
        if cut:
            end = min(end, cut[0])
    return tok.i, start, end


def _neg(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The verb's subject and whether it is a passive subject, borrowing along conj/xcomp/advcl."""
    v: Token | None = verb
    seen = 0
    while v is not None and seen < 4:
        for c in v.children:
            if c.dep_ in ("nsubj", "csubj"):
                if c.lower_ in _RELATIVE_PRONOUNS and v.dep_ == "relcl" and v.head.i != v.i:
                    return _antecedent(c), False  # "the gang who killed the boy": the gang
                return c, False
            if c.dep_ == "nsubjpass":
                # "it was forced to arm X": the controller of arm is the passive subject.
                return _antecedent(c), v.i == verb.i
        if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN") and v.head.i != v.i:
            # "women accusing X of Y"; "a video of Ellison dragging Karen Monahan": Ellison drags, not the video
            named = [o for o in _prep_objects([v.head], "of") if o.pos_ == "PROPN"]
            return (named[0] if named else v.head), False
        if v.dep_ == "pcomp" and verb.tag_ == "VBG" and v.head.dep_ == "prep" and v.head.head.i != v.head.i:
            # "who has been found guilty of sexually abusing minors": the gerund's doer is the one found guilty;
            # "accused the nominee of sexually assaulting her": the one accused
            up = v.head.head
            if up.dep_ == "dobj" and up.head.lemma_.lower() in _ACCUSE_OF:
                return up, False
            if up.lemma_.lower() in _ACCUSE_OF and (accused := _children(up, "dobj")):
                return accused[0], False  # "accused Mr. Clinton of raping her", the "of" hung on the verb
            if up.pos_ == "ADJ" and up.dep_ in ("acomp", "oprd") and up.head.i != up.i:
                up = up.head
            if up.pos_ in ("VERB", "AUX"):
                v = up
                seen += 1
                continue
        if v.dep_ == "conj":
            # "…, and money from Kestrov paid them": the small model often hangs
            # the second subject on the first object; take the noun after the "and".
            own = _conj_subject(v)
            if own is not None:
                return own, False
        listed = v.dep_ == "dep" and v.tag_ == v.head.tag_ and v.i > 0 and v.doc[v.i - 1].text == ","
        if (v.dep_ in ("conj", "xcomp", "advcl") or listed) and v.head.i != v.i:
            # ("knocked her down, groped her, and …": the parser left the second verb of a list as "dep")
            if v.head.lemma_ == "be" and v.dep_ != "conj":
                return None, False  # "the problem is how to enable …": a copula lends no one to act
            v = v.head
            seen += 1
            continue
        if v.dep_ == "relcl" and v.head.i != v.i:
            return v.head, False
        if v.dep_ == "acomp" and v.pos_ == "ADJ" and v.i != verb.i and v.head.i != v.i:
            # "X weren't so quick to blame Y", "X is eager to arm them": the adjective's subject acts
            v = v.head
            seen += 1
            continue
        break
    if v is not None and v.dep_ == "ROOT":
        return _left_subject(v), False
    return None, False


def _left_subject(verb: Token) -> Token | None:
    """ "According to the Courier, Tessaly armed …": the parser made Tessaly an apposition."""
    for tok in reversed(verb.doc[verb.sent.start : verb.i]):
        if tok.text in (",", ";", ":") or tok.pos_ in ("VERB", "AUX"):
            break
        if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ in ("appos", "npadvmod", "dep", "conj"):
            return tok
    return None


def _conj_subject(verb: Token) -> Token | None:
    first: Token | None = None
    for tok in reversed(verb.doc[verb.head.i + 1 : verb.i]):
        if tok.dep_ == "cc" or tok.text in (",", ";"):
            break
        if tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.dep_ not in ("pobj", "poss", "compound", "amod"):
            first = tok
    return first


def _antecedent(tok: Token) -> Token:
    """The noun a relative pronoun stands for ("a bishop who victims have accused": the bishop), else ``tok``."""
    if tok.lower_ in _RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
        head = tok.head.head
        before = tok.doc[tok.i - 1] if tok.i > 0 else None
        if (
            before is not None
            and before.dep_ in ("conj", "appos")
            and before.head.i == head.i
            and tok.lower_ in ("who", "whom")
        ):
            # "a figure in the church and former archbishop who was accused", "The Dictator Pope—a book—… O’Connor
            # who was responsible": the parser hung "who" on the first noun; a "who" clause belongs to the noun
            # right before it
            return before
        if head.dep_ == "appos" and head.pos_ == "NOUN" and head.head.pos_ == "PROPN" and head.head.i != head.i:
            return head.head  # "Karen Monahan, the woman who accused Ellison": Karen Monahan
        return head
    return tok


def _giver(tok: Token) -> Token | None:
    """X in "money from X", wherever the parser attached the "from"."""
    preps = [p for p in tok.children if p.dep_ == "prep" and p.lower_ in ("from", "of")]
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "from" and nxt not in preps:
        preps.append(nxt)
    for p in preps:
        objs = _children(p, "pobj")
        if objs:
            return objs[0]
    return None


def _object(verb: Token, particle: str = "") -> Token | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "attr", "oprd") and not particle:
            return c
    for c in verb.children:
        if c.dep_ == "prep" and (not particle or c.lower_ == particle):
            objs = _children(c, "pobj", "pcomp")  # "led to Karadima being removed"
            if objs and particle:
                return objs[0]
        if c.dep_ == "prt" and c.lower_ == particle:
            objs = _children(verb, "dobj")
            if objs:
                return objs[0]
    if particle:
        objs = _children(verb, "dobj")
        prt = _children(verb, "prt")
        if objs and prt and prt[0].lower_ == particle:
            return objs[0]
    if particle:  # "it turns out, [they] used the time": a particle verb never borrows another verb's object
        return None
    # "armed and paid the Brigade": borrow the coordinated verb's object.
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
            obj = _object(c)
            if obj is not None:
                return obj
    if verb.dep_ == "conj" and not particle:
        for c in verb.head.children:
            if c.dep_ == "dobj":
                return c
    return None


def _bodily(tok: Token) -> bool:
    """A person or a person's body: "her", a PERSON name, "her buttocks", "Tweeden's breasts"."""
    if tok.lower_ in _PERSONAL_OBJECTS or tok.ent_type_ == "PERSON":
        return True
    return (tok.lemma_.lower() in _BODY_PARTS or tok.lower_ in _BODY_PARTS) and any(
        c.dep_ == "poss" and (c.lower_ in ("her", "his", "their", "my", "your", "our") or c.ent_type_ == "PERSON")
        for c in tok.children
    )


def _is_outcome(tok: Token) -> bool:
    return tok.lower_ in OUTCOME_NOUNS or tok.lemma_.lower() in OUTCOME_NOUNS


def _agent(verb: Token) -> Token | None:
    """The "by" agent of a passive verb, or of a verb coordinated with it ("was orchestrated and masterminded by
    the general")."""
    for v in (verb, *(c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN")):
        for c in v.children:
            if c.dep_ == "agent":
                objs = _children(c, "pobj")
                if objs:
                    return objs[0]
    return None


def _patients(verb: Token) -> list[Token]:
    """Who or what a passive verb is done to: its passive subject; the noun a reduced passive modifies
    ("infection caused by the virus"); the subject of the clause a gerund passive hangs from ("he died after being
    attacked by the crowd"); or, for a coordinated passive without its own, the first verb's subject."""
    own = _children(verb, "nsubjpass")
    if own:
        return [_antecedent(t) for t in own]  # "any politician who's accused of misconduct": the politician
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return [verb.head]
    if verb.dep_ in ("relcl", "acl") and _children(verb, "auxpass") and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head]  # "the first citizen to be convicted of joining ISIS": the citizen
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
        # "… suffered plague outbreaks, often caused by rats": the participle says what caused the object
        obj = _children(verb.head, "dobj") or _children(verb.head, "nsubj", "nsubjpass")
        if obj:
            return obj[:1]
    if verb.dep_ in ("pcomp", "advcl", "xcomp") and any(c.dep_ == "auxpass" for c in verb.children):
        # "after being attacked by …", "claims to have been assaulted by …"
        gov = verb.head.head if verb.dep_ == "pcomp" else verb.head
        subj = _children(gov, "nsubj", "nsubjpass")
        if subj:
            return subj
    if verb.dep_ == "conj" and verb.tag_ == "VBN":
        return _children(verb.head, "nsubjpass")
    return []


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    # "infection caused by …", "was orchestrated and masterminded by …": a participle with a "by" agent
    return (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "conj", "advcl") and any(c.dep_ == "agent" for c in verb.children)
    )


def _because(verb: Token) -> Token | None:
    """The subject of a "because …" clause on the verb (its cause)."""
    for c in verb.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CAUSE_MARKS for m in c.children):
            subj, _ = _subject(c)
            if subj is not None and subj.head.i == c.i:
                return subj
        if c.dep_ == "prep" and c.lower_ == "because":
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    objs = _children(p, "pobj")
                    if objs:
                        return objs[0]
    return None


def _verb_relations(verb: Token) -> Iterator[RawRelation]:
    lemma = verb.lemma_.lower()
    passive = _is_passive(verb)
    neg = _neg(verb)
    told = [c for c in _children(verb, "ccomp") if not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    if lemma == "instruct" and any(_children(c, "nsubj", "nsubjpass") for c in told):
        return  # "instructed ICE that all people … were subject to deportation": told, neither made nor trained
    # "the sanctions led the government to adopt …": the verb makes its object act.
    if lemma in _MAKE_DO and not passive:
        dobj = _children(verb, "dobj")
        if not dobj:  # "reports that caused the US to recall …": the parser makes "the US … recall" a clause
            for c in _children(verb, "ccomp"):
                if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                    dobj = _children(c, "nsubj")
        if dobj and any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
            subj, _ = _subject(verb)
            if subj is not None:
                yield RawRelation("compel", verb.i, _arg(subj), _arg(dobj[0]), "make-do", neg)
                return
    if lemma in ("grant", "give") and not passive:
        allowed = _permission_given(verb)
        if allowed is not None:
            yield allowed
            return
    if lemma == "take" and not passive:
        life = [d for d in _children(verb, "dobj") if d.lower_ in _LIFE]
        owner = [o for d in life for o in (_children(d, "poss") or _prep_objects([d], "of"))]
        subj, _ = _subject(verb)
        if owner and subj is not None:
            yield RawRelation("perpetrate", verb.i, _arg(subj), _arg(owner[0]), "take-life", neg, False)
            return
    # "Y played a role in X", "Y contributed to X": Y caused X.
    if lemma == "play" or lemma == "contribute":
        role = [d for d in _children(verb, "dobj") if d.lemma_.lower() in _ROLE_NOUNS]
        want = "in" if lemma == "play" else "to"
        if lemma == "play" and not role:
            return
        for p in _children(verb, "prep") + [q for r in role for q in _children(r, "prep")]:
            objs = _children(p, "pobj", "pcomp")
            if objs and objs[0].lower_ in ("report", "story", "article", "reporting", "coverage"):
                return  # "X contributed to this report": a byline credit
            if p.lower_ == want and objs:
                subj, _ = _subject(verb)
                if subj is not None:
                    yield RawRelation("cause", verb.i, _arg(subj), _arg(objs[0]), "role-in", neg, _is_outcome(objs[0]))
                    return
        return
    # Origin: "X grew out of Y" → Y became X.
    preps = [c for c in verb.children if c.dep_ in ("prep", "prt")]
    for p in preps:
        if (lemma, p.lower_) in _ORIGIN:
            src = _children(p, "pobj") or [g for q in p.children if q.dep_ == "prep" for g in _children(q, "pobj")]
            subj, _ = _subject(verb)
            if src and subj is not None:
                yield RawRelation("become", verb.i, _arg(src[0]), _arg(subj), "origin", neg)
                return
    if lemma in _GIVE_RISE:
        dobj = _children(verb, "dobj")
        if dobj and dobj[0].lower_ == "rise":
            for p in _children(dobj[0], "prep") + _children(verb, "prep"):
                if p.lower_ == "to":
                    objs = _children(p, "pobj")
                    subj, _ = _subject(verb)
                    if objs and subj is not None:
                        yield RawRelation("create", verb.i, _arg(subj), _arg(objs[0]), "give-rise", neg)
                        return
    if lemma in _LIGHT_VERBS:
        particle, rtype = _LIGHT_VERBS[lemma]
        if lemma == "lead" and any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children):
            return  # "a procession leading from the office to the homes": a path, not a cause
        obj = _object(verb, particle) if particle else _object(verb)
        subj, pas = _subject(verb)
        if obj is not None and subj is not None:
            if rtype == "perpetrate" and (not _is_outcome(obj) or obj.pos_ == "VERB"):
                return  # "engaging in attacking the victims": the gerund is the act, read as a verb of its own
            if passive and not pas:
                return
            yield RawRelation(rtype, verb.i, _arg(subj), _arg(obj), "light-verb", neg, rtype == "perpetrate")
            return
    if lemma in _FAULT_FOR_VERBS and not passive:
        # "slammed X for Y": a blame only with its "for" (criticising alone blames nobody for anything)
        dobj = [_antecedent(d) for d in _children(verb, "dobj")]
        outcome = _prep_objects([verb, *dobj], "for")
        subj, _ = _subject(verb)
        if dobj and outcome:
            accuser = _arg(subj) if subj is not None else None
            yield RawRelation("blame", verb.i, _arg(dobj[0]), _arg(outcome[0]), "fault-for", neg, True, accuser)
        return
    found_type = VERB_TYPES.get(lemma)
    if found_type is None:
        lemma = _lexicon_lemma(verb.lower_) or lemma
        found_type = VERB_TYPES.get(lemma)
    if found_type is None:
        return
    rtype = found_type
    if rtype == "blame":
        yield from _blame_verb(verb, neg)
        return
    if passive:
        patients = _patients(verb)
        agent = _agent(verb)
        if patients and agent is not None:
            yield RawRelation(rtype, verb.i, _arg(agent), _arg(patients[0]), "passive", neg, _is_outcome(patients[0]))
        elif patients and rtype == "compel":
            because = _because(verb)
            if because is not None:
                yield RawRelation("compel", verb.i, _arg(because), _arg(patients[0]), "passive-because", neg)
            else:  # "Y was forced to arm them": who forced it is for the context to say (see context_cause)
                yield RawRelation("compel", verb.i, None, _arg(patients[0]), "passive-no-agent", neg)
        return
    subj, _ = _subject(verb)
    obj = _object(verb)
    if obj is None and rtype in ("allow", "compel"):
        # "will allow this thing to get past …": the parser makes "this thing to get past" a clause
        obj = next(
            (
                n
                for c in _children(verb, "ccomp")
                if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for n in _children(c, "nsubj")
            ),
            None,
        )
    if subj is None or obj is None:
        return
    obj = _antecedent(obj)
    if lemma in _NEEDS_OUTCOME and not _is_outcome(obj):
        return
    if lemma in _CONTACT_VERBS and not _bodily(obj):
        return
    if rtype == "become" and obj.dep_ not in ("attr", "oprd", "dobj", "pobj"):
        return
    if obj.lemma_.lower() in _IDIOM_OBJECTS.get(lemma, ()) or (lemma == "raise" and obj.lemma_.lower() not in _FORCES):
        return  # "pay attention", "raise doubts": idioms, not funding or founding
    if lemma in _NEEDS_DIRECTION and not any(
        c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in ("into", "to", "toward", "towards"))
        for c in verb.children
    ):
        return  # "conservatives pushed multiple (stories)": pushing something is not forcing someone
    # "money from Kestrov paid its fighters": the giver, not the money.
    cause = subj
    pattern = "active"
    if subj.lower_ in _RESOURCE_NOUNS:
        giver = _giver(subj)
        if giver is not None:
            cause, pattern = giver, "resource"
            rtype = _RESOURCE_NOUNS[subj.lower_] if rtype in ("fund", "arm", "train") else rtype
    yield RawRelation(rtype, verb.i, _arg(cause), _arg(obj), pattern, neg or _denied(cause), _is_outcome(obj))


def _denied(tok: Token) -> bool:
    """A doer denied by its determiner: "no friend ignited it", "no particular event or friend who ignited"."""
    heads = [tok, tok.head] if tok.dep_ == "conj" else [tok]
    return tok.lower_ in ("nobody", "nothing") or any(
        c.dep_ == "det" and c.lower_ == "no" for h in heads for c in h.children
    )


def _permission_given(verb: Token) -> RawRelation | None:
    """X "grants you access to …" / "gave investigators the authority to …" / "gave the green light for …": X
    allows whom it gives the permission to, else what the permission is for."""
    perm = [
        d
        for d in _children(verb, "dobj")
        if d.lemma_.lower() in _PERMISSIONS
        or (d.lemma_.lower() == "light" and any(a.lower_ == "green" for a in d.children))
    ]
    subj, _ = _subject(verb)
    if not perm or subj is None:
        return None
    whom = _children(verb, "dative") or _prep_objects([verb], "to")
    what = _prep_objects([verb, perm[0]], "for") or _prep_objects([perm[0]], "to")
    target = whom[0] if whom else what[0] if what else None
    if target is None:
        return None
    return RawRelation("allow", verb.i, _arg(subj), _arg(target), "permission", _neg(verb))


def _prep_objects(toks: list[Token], word: str) -> list[Token]:
    """Objects of a preposition ``word`` hung on any of ``toks`` (the parser puts "on Kiev" under the verb or its
    object): the ``pobj``, or a gerund clause ("of killing the boy")."""
    out: list[Token] = []
    for t in toks:
        for p in _children(t, "prep"):
            if p.lower_ == word:
                out.extend(_children(p, "pobj", "pcomp"))
    return out


def _blame_verb(verb: Token, neg: bool) -> Iterator[RawRelation]:
    """ "blame X for Y", "blame Y on X", "X accused Y of Z", their passives ("Y is being blamed on X", "X was
    accused of Z by W"), and "X is to blame (for Y)" / "no one is more to blame than X"."""
    dobj = [_antecedent(d) for d in _children(verb, "dobj")]
    # "priests accused of sexual abuse": a participle on its noun is passive without a "by"
    passive = _is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN")
    accuse = verb.lemma_.lower() == "accuse"
    if passive:
        agent = _agent(verb)
        by = agent if agent is not None else next(iter(_prep_objects([verb, *verb.children], "by")), None)
        accuser = _arg(by) if by is not None else None
        patients = _patients(verb)
        if not patients:
            return
        on = _prep_objects([verb], "on")
        if on and not accuse:  # "the attack is being blamed on the militia"
            yield RawRelation("blame", verb.i, _arg(on[0]), _arg(patients[0]), "blame-on-passive", neg, True, accuser)
            return
        outcome = _prep_objects([verb], "of" if accuse else "for")
        yield RawRelation(
            "blame",
            verb.i,
            _arg(patients[0]),
            _arg(outcome[0]) if outcome else None,
            "accused-passive" if accuse else "blamed-passive",
            neg,
            bool(outcome),
            accuser,
        )
        return
    subj, _ = _subject(verb)
    accuser = _arg(subj) if subj is not None else None
    if dobj and not accuse:
        on = _prep_objects([verb, dobj[0]], "on")
        if on:
            yield RawRelation("blame", verb.i, _arg(on[0]), _arg(dobj[0]), "blame-on", neg, True, accuser)
            return
    if dobj:
        outcome = _prep_objects([verb, dobj[0]], "of" if accuse else "for")
        if accuse and not outcome and subj is None:
            return  # "as credibly accused child sex abusers": an adjective, not an accusation
        yield RawRelation(
            "blame",
            verb.i,
            _arg(dobj[0], keep_of=not accuse),
            _arg(outcome[0]) if outcome else None,
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
        blamed = _children(copula, "nsubj")
        than = [o for t in copula.subtree if t.lower_ == "than" for o in _children(t, "pobj")]
        if blamed and blamed[0].lower_ in ("one", "nobody", "none") and than:
            # "no one is more to blame than X": X is the one blamed
            blamed = than
        if blamed:
            outcome = _prep_objects([verb], "for")
            yield RawRelation(
                "blame",
                verb.i,
                _arg(blamed[0]),
                _arg(outcome[0]) if outcome else None,
                "to-blame",
                neg or (_neg(copula) and blamed[0].head.i == copula.i),
                bool(outcome),
            )


def _copula_relations(be: Token) -> Iterator[RawRelation]:
    """Relations stated with "be": blame adjectives and nouns, "a ministry project", "behind"."""
    # "O’Connor, who was largely responsible for …": who "who" stands for
    subj = [_antecedent(t) for t in _children(be, "nsubj", "nsubjpass")]
    if not subj:
        return
    neg = _neg(be)
    for c in be.children:
        if c.dep_ == "acomp" and c.lower_ in _BLAME_ADJ:
            outcome = _prep_objects([c], "for") or _prep_objects([c], "in") or _prep_objects([c], "of")
            yield RawRelation(
                "blame",
                c.i,
                _arg(subj[0]),
                _arg(outcome[0]) if outcome else None,
                "blame-adj",
                neg or _neg(c),
                bool(outcome),
            )
        elif c.dep_ == "attr":
            yield from _attr_relations(be, subj[0], c, neg)
        elif c.dep_ == "prep" and c.lower_ == "behind":
            objs = _children(c, "pobj")
            if objs and _is_outcome(objs[0]):
                yield RawRelation("perpetrate", c.i, _arg(subj[0]), _arg(objs[0]), "behind", neg, True)


def _attr_relations(be: Token, subj: Token, attr: Token, neg: bool) -> Iterator[RawRelation]:
    lemma = attr.lemma_.lower()
    amods = {c.lower_ for c in attr.children if c.dep_ == "amod"}
    no = any(c.dep_ == "det" and c.lower_ == "no" for c in attr.children)
    # "X is no innocent party / bystander": a denial of innocence is an accusation.
    if no and (amods & {"innocent", "blameless", "neutral"} or lemma in ("bystander", "victim")):
        yield RawRelation("blame", attr.i, _arg(subj), None, "no-innocent", neg)
        return
    if lemma in _BLAME_NOUNS or attr.lower_ in _BLAME_NOUNS:
        outcome = [o for p in _children(attr, "prep") if p.lower_ in ("of", "behind") for o in _children(p, "pobj")]
        yield RawRelation(
            "blame", attr.i, _arg(subj), _arg(outcome[0]) if outcome else None, "culprit", neg or no, bool(outcome)
        )
        return
    if lemma in _CAUSE_NOUNS:  # "iodine deficiency is the most prevalent cause of brain damage"
        effects = _prep_objects([attr], "of") or _prep_objects([attr], "for") or _prep_objects([attr], "behind")
        if effects:
            yield RawRelation(
                "cause", attr.i, _arg(subj), _arg(effects[0]), "cause-of", neg or no, _is_outcome(effects[0])
            )
        return
    if lemma in _RESULT_NOUNS:  # "the crisis is the result of bad policy": the policy caused the crisis
        causes = _prep_objects([attr], "of")
        if causes:
            yield RawRelation("cause", attr.i, _arg(causes[0]), _arg(subj), "result-of", neg or no, _is_outcome(subj))
        return
    rtype = _MADE_NOUNS.get(lemma)
    if rtype is None:
        return
    maker = [c for c in attr.children if c.dep_ in ("compound", "poss", "amod") and c.pos_ in ("NOUN", "PROPN", "ADJ")]
    maker = [m for m in maker if m.lower_ not in amods or m.ent_type_]
    if not maker:
        maker = [o for p in _children(attr, "prep") if p.lower_ in ("of", "from") for o in _children(p, "pobj")]
    if not maker:
        return
    m = maker[0]
    if rtype == "become":  # "X is an offshoot of Y": Y became X
        yield RawRelation("become", attr.i, _arg(m), _arg(subj), "nominal", neg or no)
    else:
        yield RawRelation(rtype, attr.i, (m.i, m.i, m.i + 1), _arg(subj), "nominal", neg or no)


def _held_responsible(verb: Token) -> Iterator[RawRelation]:
    """ "X must be held responsible (for Y)", "X bears the responsibility (for Y)"."""
    lemma = verb.lemma_.lower()
    if lemma in _JUDGING_VERBS:
        # "X must be held responsible", "X was found guilty of Y", "deemed not responsible"; active "held X responsible"
        pred = [
            c
            for c in [*verb.children, *(g for c in verb.children if c.dep_ in ("dobj", "ccomp") for g in c.children)]
            if c.dep_ in ("oprd", "acomp", "xcomp", "amod") and c.lower_ in _BLAME_ADJ
        ]
        held = [_antecedent(h) for h in _children(verb, "nsubjpass")]
        held = held or [_antecedent(d) for d in _children(verb, "dobj") if d.lower_ not in _BLAME_ADJ]
        if not held and pred and pred[0].head.i != verb.i:
            held = [pred[0].head]  # "held Cuba responsible" parsed as responsible → Cuba
        if held and pred:
            outcome = (
                _prep_objects([pred[0]], "for") or _prep_objects([pred[0]], "of") or _prep_objects([pred[0]], "in")
            )
            subj, _ = _subject(verb)
            accuser = _arg(subj) if subj is not None and not _children(verb, "nsubjpass") else None
            accuser = accuser or (_arg(a) if (a := _agent(verb)) is not None else None)
            yield RawRelation(
                "blame",
                verb.i,
                _arg(held[0]),
                _arg(outcome[0]) if outcome else None,
                "held-responsible",
                _neg(verb) or _neg(pred[0]),
                bool(outcome),
                accuser,
            )
    elif lemma in _CHARGING_VERBS:
        # "X was charged with Y", "charged X with Y", "convicted of", "sentenced X … for his crimes"
        word = _CHARGING_VERBS[lemma]
        participle = verb.tag_ == "VBN" and verb.dep_ in ("acl", "conj", "relcl")
        patients = [_antecedent(p) for p in _patients(verb)] if _is_passive(verb) or participle else []
        dobj = [_antecedent(d) for d in _children(verb, "dobj")] if lemma not in _PASSIVE_CHARGING else []
        charged = patients or dobj
        outcome = [o for o in _prep_objects([verb, *dobj], word) if o.ent_type_ not in _NOT_OFFENCES]
        if charged and outcome:
            subj, _ = _subject(verb)
            accuser = _arg(subj) if subj is not None and not patients else None
            accuser = accuser or (_arg(a) if (a := _agent(verb)) is not None else None)
            yield RawRelation(
                "blame", verb.i, _arg(charged[0]), _arg(outcome[0]), "charged-with", _neg(verb), True, accuser
            )
    elif lemma == "plead" and any(c.lower_ == "guilty" for c in verb.children):
        # "D'Souza had pleaded guilty to campaign finance fraud": the one who pleads admits the blame
        subj, passive = _subject(verb)
        crime = _prep_objects([verb, *(c for c in verb.children if c.lower_ == "guilty")], "to")
        if not crime:  # "pleaded guilty to campaign finance fraud" parsed as "to campaign" (a verb) + "fraud"
            crime = [o for x in _children(verb, "xcomp") for o in (_children(x, "dobj") or [x])]
        if subj is not None and not passive and crime:
            yield RawRelation("blame", verb.i, _arg(subj), _arg(crime[0]), "pleaded-guilty", _neg(verb), True)
    elif lemma in ("bear", "carry", "share", "shoulder"):
        obj = _children(verb, "dobj")
        subj, _ = _subject(verb)
        if obj and subj is not None and obj[0].lower_ in _BLAME_OBJECTS:
            outcome = [o for p in _children(obj[0], "prep") if p.lower_ == "for" for o in _children(p, "pobj")]
            yield RawRelation(
                "blame",
                verb.i,
                _arg(subj),
                _arg(outcome[0]) if outcome else None,
                "bears-blame",
                _neg(verb),
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
    subj = _children(verb, "nsubjpass", "nsubj")
    into = [o for p in _children(verb, "prep") if p.lower_ in ("into", "as") for o in _children(p, "pobj")]
    if subj and into:
        s = subj[0]
        # "most of its units": the whole whose part moved.
        for p in _children(s, "prep"):
            if p.lower_ == "of":
                objs = _children(p, "pobj")
                if objs:
                    s = objs[0]
        yield RawRelation("become", verb.i, _arg(s), _arg(into[0]), "absorbed-into", _neg(verb))


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
        if low in _ACT_NOUNS:
            victim = _prep_objects([tok], "of") or _prep_objects([tok], "on") or _prep_objects([tok], "against")
            by = _prep_objects([tok], "by")
            pattern = "act-noun"
            if not by:
                # "the militia's attack on the village", "Valdorian strikes on Marvik": the doer modifies the act
                by = [c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN", "PRON")]
                pattern = "act-noun-owner"
                if not by:
                    by = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.ent_type_ in _STATE_TYPES]
                    pattern = "act-noun-adjective"  # kept only where it names a state or an organisation
            if low in _TARGETED_ACT_NOUNS and not victim:
                continue
            if by and by[0].pos_ in ("PROPN", "NOUN", "PRON", "ADJ"):
                effect = _arg(victim[0]) if victim else (tok.i, tok.i, tok.i + 1)
                yield RawRelation("perpetrate", tok.i, _arg(by[0]), effect, pattern, _neg(tok), not victim)
        elif tok.lemma_.lower() in _EFFECT_NOUNS:
            # "the effects of ozone on crops": ozone acts on the crops
            agents = _prep_objects([tok], "of")
            # the parser hangs "on …" on the noun, on the "of" object or on the verb of "analysed effects of X on Y"
            targets = _prep_objects([tok, *agents, *(a for g in agents for a in g.conjuncts)], "on")
            if not targets and tok.dep_ == "dobj":
                targets = [t for t in _prep_objects([tok.head], "on") if t.i > tok.i]
            if agents and targets:
                yield RawRelation("cause", tok.i, _arg(agents[0]), _arg(targets[0]), "effect-noun", _neg(tok))
        elif tok.lemma_.lower() in _ACCUSATION_NOUNS:
            yield from _accusation_noun(tok)
        elif tok.lemma_.lower() in _SUPPORT_NOUNS:
            backed = _prep_objects([tok], "for") or _prep_objects([tok], "of")
            if not backed:
                continue
            owner = [c for c in tok.children if c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN")]
            if not owner and tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.pos_ == "VERB":
                subj, passive = _subject(tok.head.head)
                owner = [subj] if subj is not None and not passive else []
            if owner:
                yield RawRelation("support", tok.i, _arg(owner[0]), _arg(backed[0]), "support-noun", _neg(tok))


def _accusation_noun(tok: Token) -> Iterator[RawRelation]:
    """ "made abuse accusations against Ellison", "allegations of sexual assault leveled last week against Mr.
    Kavanaugh", "the allegations that have been brought against him by two different women": an accusation someone
    makes, brings or levels blames the one accused for what it names (its "of" object or the noun before it); the
    accuser is the "by" of the verb that brings it, or the subject of "make / file / bring" whose object it is.  An
    accusation only mentioned ("after the accusations against X emerged") is no blame statement."""
    carriers = [tok, *(v for v in tok.children if v.dep_ in ("acl", "relcl") and v.lemma_.lower() in _MAKING_VERBS)]
    made = tok.dep_ == "dobj" and tok.head.lemma_.lower() in _MAKING_VERBS
    if len(carriers) == 1 and not made:
        return  # "after the accusations against X emerged" mentions an accusation; only making one blames
    against = _prep_objects(carriers, "against")
    if not against or against[0].pos_ not in ("PROPN", "NOUN", "PRON"):
        return
    content = _prep_objects([tok], "of") or [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    accuser: Token | None = None
    for v in carriers[1:]:
        accuser = _agent(v) or next(iter(_prep_objects([v], "by")), None)
        if accuser is not None:
            break
    if accuser is None and made:
        accuser, passive = _subject(tok.head)
        accuser = None if passive else accuser
    yield RawRelation(
        "blame",
        tok.i,
        _arg(against[0]),
        _arg(content[0]) if content else None,
        "accusation-noun",
        _neg(tok),
        bool(content),
        _arg(accuser) if accuser is not None else None,
    )


def _possessive_proxies(sent: SpacySpan) -> Iterator[RawRelation]:
    """ "the ministry's militia" → the ministry backs the militia."""
    for tok in sent:
        if tok.lower_ in _PROXY_HEADS:
            owners = [c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")]
            if owners:
                yield RawRelation("support", tok.i, _arg(owners[0]), _arg(tok), "possessive")


#: Acts that can be said to force another's hand: the cause an agentless "was forced" leaves to the context.
_PRESSURE_VERBS = frozenset(
    {"occupy", "invade", "attack", "threaten", "blockade", "annex", "besiege", "bomb", "sanction", "encircle"}
)


def context_cause(previous: SpacySpan) -> tuple[int, int, int] | None:
    """The actor of a pressing act in the sentence before an agentless "was forced"
    ("The empire occupied the valley. The republic was 'forced' to arm a militia."): the subject of its
    first :data:`_PRESSURE_VERBS` verb, or ``None``.  The link is the reader's inference the text invites,
    so the relation that uses it is marked ``implied``."""
    for tok in previous:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in _PRESSURE_VERBS and not _neg(tok):
            subj, passive = _subject(tok)
            if subj is not None and not passive:
                return _arg(subj)
    return None


#: Heads under which an infinitive is an aim, a wish or a duty, not something that happened.
_IRREALIS_HEADS = frozenset(
    {"need", "want", "try", "seek", "aim", "hope", "plan", "intend", "wish", "attempt", "strive", "expect"}
)
#: Subjects that name nobody in particular ("you can create worlds").
_GENERIC_SUBJECTS = frozenset({"you", "one", "anyone", "everyone", "someone", "people"})


def _lexicon_lemma(word: str) -> str | None:
    """The lexicon verb an inflected form belongs to when the lemmatiser got it wrong ("raping" → "rap", not
    "rape"): the form without its -ing / -ed / -s, with an "e" put back or a doubled consonant undone."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            for cand in (stem + "e", stem, stem[:-1] if stem[-1:] == stem[-2:-1] else ""):
                if cand in VERB_TYPES:
                    return cand
    return None


def _unreal(verb: Token) -> bool:
    """An aim or wish rather than an act: a purpose infinitive ("… to help those people", "no effort must be spared
    to create"), an infinitive under need / want / try …, or a participle used as an adjective ("accused child
    abusers")."""
    if verb.dep_ == "amod":
        return True
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if to and verb.dep_ == "advcl":
        # "did more to create the Brotherhood than …" says what brought it about; other "to" clauses are aims
        return verb.head.lemma_.lower() != "do"
    return to and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _IRREALIS_HEADS


def _verbal(tok: Token) -> bool:
    """A verb, or a word the tagger mis-tagged whose form is verbal ("was “compelled” to": an adjective between
    quotation marks)."""
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        return True
    quoted = tok.i > 0 and tok.doc[tok.i - 1].is_quote
    return tok.pos_ == "ADJ" and quoted and tok.lower_.endswith("ed")


def find_relations(sent: SpacySpan) -> list[RawRelation]:
    """Every relation the rules find in one sentence, in text order of their triggers."""
    out: list[RawRelation] = []
    seen: set[tuple[str, int]] = set()
    for tok in sent:
        found: list[RawRelation] = []
        if _verbal(tok) and tok.dep_ != "amod" and not _unreal(tok):
            if tok.lemma_ == "be":
                found.extend(_copula_relations(tok))
            else:
                found.extend(_held_responsible(tok))
                found.extend(_become_passive(tok))
                if not found:
                    found.extend(_verb_relations(tok))
        found = [r for r in found if r.cause is None or sent.doc[r.cause[0]].lower_ not in _GENERIC_SUBJECTS]
        for r in found:
            key = (r.type, r.trigger)
            if key not in seen:
                seen.add(key)
                out.append(r)
    for r in [*_possessive_proxies(sent), *_no_innocent(sent), *_nominal_relations(sent)]:
        if any(o.trigger == r.trigger for o in out):
            continue
        if r.type == "blame" and any(o.type == "blame" and o.cause == r.cause for o in out):
            continue
        out.append(r)
    out.sort(key=lambda r: r.trigger)
    return out
