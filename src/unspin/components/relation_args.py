"""The arguments of a relation in a spaCy parse: a phrase's bounds, a verb's subject and object (borrowed from a
coordinated or controlling verb where the parser left them out), a relative pronoun's antecedent, a passive's
agent, a "because" clause, and :class:`RawRelation`, what the rules of :mod:`unspin.components.relation_rules`
yield.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .relation_words import (
    ACCUSE_OF,
    BODY_PARTS,
    CAUSE_MARKS,
    DOER_NOUNS,
    OUTCOME_NOUNS,
    PEOPLE_PRONOUNS,
    PERSONAL_OBJECTS,
    RELATIVE_PRONOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "RawRelation",
    "agent_of",
    "antecedent",
    "arg",
    "because_clause",
    "bodily",
    "children",
    "conj_subject",
    "denied",
    "giver_of",
    "is_doer",
    "is_negated",
    "is_outcome",
    "is_passive",
    "left_subject",
    "object",
    "patients_of",
    "phrase_bounds",
    "prep_objects",
    "relative_report",
    "subject",
    "token_offsets",
]


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


def token_offsets(tok: Token, base: int) -> tuple[int, int]:
    """``[start, end)`` of a token in the document, its chunk starting at ``base``."""
    return base + tok.idx, base + tok.idx + len(tok.text)


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


def arg(tok: Token, *, keep_of: bool = True) -> tuple[int, int, int]:
    start, end = phrase_bounds(tok)
    if not keep_of:  # "accused the man of murder": the "of" phrase is the charge, not part of the man
        cut = [c.i for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > tok.i]
        if cut:
            end = min(end, cut[0])
    return tok.i, start, end


def is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def subject(verb: Token) -> tuple[Token | None, bool]:
    """The verb's subject and whether it is a passive subject, borrowing along conj/xcomp/advcl."""
    v: Token | None = verb
    seen = 0
    if (reported := _reported_relative(verb)) is not None:
        return reported, False
    while v is not None and seen < 4:
        for c in v.children:
            if c.dep_ in ("nsubj", "csubj"):
                if c.lower_ in RELATIVE_PRONOUNS and v.dep_ == "relcl" and v.head.i != v.i:
                    return antecedent(c), False  # "the gang who killed the boy": the gang
                return c, False
            if c.dep_ == "nsubjpass":
                # "it was forced to arm X": the controller of arm is the passive subject.
                return antecedent(c), v.i == verb.i
        target = v.head.head if v.head.dep_ == "pobj" else None
        if v.dep_ == "acl" and v.tag_ == "VBG" and target is not None and target.lower_ in _AIMED_AT:
            # "opened fire on a crowd killing more than 50": the parser hung the participle on the target; who fired
            # kills, not the crowd
            fired = target.head
            return (subject(fired)[0] if fired.pos_ == "VERB" and fired.i != target.i else None), False
        if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN") and v.head.i != v.i:
            # "women accusing X of Y"; "a video of Ellison dragging Karen Monahan": Ellison drags, not the video
            named = [o for o in prep_objects([v.head], "of") if o.pos_ == "PROPN"]
            if not named and v.head.lemma_.lower() in _MEDIA_NOUNS:
                return None, False  # "cell phone video assaulting another person": someone the video shows
            return (named[0] if named else v.head), False
        if v.dep_ == "pcomp" and verb.tag_ == "VBG" and v.head.dep_ == "prep" and v.head.head.i != v.head.i:
            # "who has been found guilty of sexually abusing minors": the gerund's doer is the one found guilty;
            # "accused the nominee of sexually assaulting her": the one accused
            up = v.head.head
            if up.dep_ == "dobj" and up.head.lemma_.lower() in ACCUSE_OF:
                return up, False
            if v.head.lower_ == "as" and (seen_as := children(up, "dobj")):
                return seen_as[0], False  # "Orban sees it as destroying the culture": it destroys, not Orban
            if up.lemma_.lower() in ACCUSE_OF and (accused := children(up, "dobj")):
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
            own = conj_subject(v)
            if own is not None:
                return own, False
        listed = v.dep_ == "dep" and v.tag_ == v.head.tag_ and v.i > 0 and v.doc[v.i - 1].text == ","
        if (v.dep_ in ("conj", "xcomp", "advcl") or listed) and v.head.i != v.i:
            # ("knocked her down, groped her, and …": the parser left the second verb of a list as "dep")
            if v.head.lemma_ == "be" and v.dep_ != "conj":
                return None, False  # "the problem is how to enable …": a copula lends no one to act
            if v.dep_ != "conj" and v.head.lemma_ in ("take", "cost") and _expletive_subject(v.head):
                return None, False  # "it doesn't take much to trigger them": an empty "it" lends no one either
            controller = (
                [d for d in children(v.head, "dobj") if d.tag_ not in ("WP", "WDT")] if v.dep_ == "xcomp" else []
            )
            # "teachers are not allowed to arm themselves to defend their students": the teachers defend them
            controller = [d for d in controller if not d.lower_.endswith(("self", "selves"))]
            if controller and controller[0].i < v.i and v.head.lemma_ not in ("promise", "vow", "pledge"):
                # "ordered the court reporter to destroy her notes": the one ordered acts, not the one ordering
                return controller[0], False
            if v.dep_ == "advcl" and v.tag_ in ("VBD", "VBZ", "VBP"):
                # a finite clause has a subject of its own; without one the parser lost it ("raided the compound
                # in search of Abdul-Ghani, whose father, Siraj Wahhaj, allegedly abducted him"): abstain
                return None, False
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
        return left_subject(v), False
    return None, False


def _reported_relative(verb: Token) -> Token | None:
    """The antecedent of "who" in "Barros, who the victims say was complicit" (and "who police said shot …"): the
    parser hangs both subjects on the reporting verb, so the clause it reports has none of its own; "who" is its
    subject."""
    if verb.dep_ not in ("ccomp", "xcomp") or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    return antecedent(children(verb.head, "nsubj")[0]) if relative_report(verb.head) else None


def relative_report(verb: Token) -> bool:
    """ "The gunman, who police say killed three people": the parser gives the reporting verb of a relative clause
    both subjects, the relative pronoun first, and takes what they say for its object or an infinitive."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    return verb.dep_ == "relcl" and len(subjects) == 2 and subjects[0].lower_ in ("who", "which", "that")


def _expletive_subject(verb: Token) -> bool:
    """The verb's subject is an empty "it" ("it takes courage to …")."""
    return any(c.dep_ == "nsubj" and c.lower_ == "it" for c in verb.children)


def left_subject(verb: Token) -> Token | None:
    """ "According to the Courier, Tessaly armed …": the parser made Tessaly an apposition."""
    for tok in reversed(verb.doc[verb.sent.start : verb.i]):
        if tok.text in (",", ";", ":") or tok.pos_ in ("VERB", "AUX"):
            break
        if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ in ("appos", "npadvmod", "dep", "conj"):
            return tok
    return None


def conj_subject(verb: Token) -> Token | None:
    first: Token | None = None
    for tok in reversed(verb.doc[verb.head.i + 1 : verb.i]):
        if tok.dep_ == "cc" or tok.text in (",", ";"):
            break
        if tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.dep_ not in ("pobj", "poss", "compound", "amod"):
            first = tok
    return first


def antecedent(tok: Token) -> Token:
    """The noun a relative pronoun stands for ("a bishop who victims have accused": the bishop), else ``tok``."""
    rel = tok.head
    if rel.dep_ in ("ccomp", "xcomp") and rel.head.dep_ == "relcl" and tok.i < rel.head.i:
        rel = rel.head  # "Barros, who the victims say was complicit": "who" opens the clause "say" reports
    if tok.lower_ in RELATIVE_PRONOUNS and rel.dep_ == "relcl" and rel.head.i != rel.i:
        head = rel.head
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
        if (
            before is not None
            and tok.lower_ in ("who", "whom")
            and before.ent_type_ == "PERSON"
            and head.ent_type_ != "PERSON"
            and head.pos_ == "NOUN"
        ):
            # "comments in a discussion about Rev. Fernando Karadima who has been found guilty": "who" asks for a
            # person, and the parser hung it on the phrase's first noun; the person named right before it is meant
            return before
        return head
    return tok


def giver_of(tok: Token) -> Token | None:
    """X in "money from X", wherever the parser attached the "from"."""
    preps = [p for p in tok.children if p.dep_ == "prep" and p.lower_ in ("from", "of")]
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "from" and nxt not in preps:
        preps.append(nxt)
    for p in preps:
        objs = children(p, "pobj")
        if objs:
            return objs[0]
    return None


#: Records that show someone acting ("a video of X dragging her") and never act themselves.
_MEDIA_NOUNS = frozenset({"video", "photo", "photograph", "footage", "image", "picture", "recording", "clip", "film"})

#: Prepositions of a target ("fired on a crowd", "drove into the crowd").
_AIMED_AT = frozenset({"on", "at", "into", "upon"})

#: Nouns of a span of time the parser may take "her" to own ("assaulted her decades ago").
_AGO_NOUNS = frozenset({"years", "decades", "months", "weeks", "days"})


def object(verb: Token, particle: str = "") -> Token | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "attr", "oprd") and not particle:
            return c
    if not particle:
        # "sexually assaulted her decades ago": the parser reads "her decades" as a possessive
        spans = [n for a in children(verb, "advmod") if a.lower_ == "ago" for n in children(a, "npadvmod")]
        owner = [p for n in spans if n.lower_ in _AGO_NOUNS for p in children(n, "poss") if p.lower_ in ("her", "them")]
        if owner:
            return owner[0]
    for c in verb.children:
        if c.dep_ == "prep" and (not particle or c.lower_ == particle):
            objs = children(c, "pobj", "pcomp")  # "led to Karadima being removed"
            if objs and particle:
                return objs[0]
        if c.dep_ == "prt" and c.lower_ == particle:
            objs = children(verb, "dobj")
            if objs:
                return objs[0]
    if particle:
        objs = children(verb, "dobj")
        prt = children(verb, "prt")
        if objs and prt and prt[0].lower_ == particle:
            return objs[0]
    if particle:  # "it turns out, [they] used the time": a particle verb never borrows another verb's object
        return None
    # "armed and paid the Brigade": borrow the coordinated verb's object; not across clauses with subjects of their
    # own ("we paid for it and this moment requires transparency", "… and it has allowed …")
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not children(c, "nsubj", "nsubjpass"):
            obj = object(c)
            if obj is not None:
                return obj
    if verb.dep_ == "conj" and not particle and not children(verb, "nsubj", "nsubjpass", "xcomp", "ccomp"):
        # ("hated communists and had just helped kill millions of them": "helped" has its own complement)
        for c in verb.head.children:
            if c.dep_ == "dobj":
                return c
    return None


def bodily(tok: Token) -> bool:
    """A person or a person's body: "her", a PERSON name, "her buttocks", "Tweeden's breasts"."""
    if tok.lower_ in PERSONAL_OBJECTS or tok.ent_type_ == "PERSON":
        return True
    return (tok.lemma_.lower() in BODY_PARTS or tok.lower_ in BODY_PARTS) and any(
        c.dep_ == "poss" and (c.lower_ in ("her", "his", "their", "my", "your", "our") or c.ent_type_ == "PERSON")
        for c in tok.children
    )


def is_doer(tok: Token) -> bool:
    """A person, a group or an institution: named, a personal pronoun, or a noun for people (:data:`DOER_NOUNS`);
    a part of people is people ("only a quarter of citizens", "most of the voters")."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.pos_ == "PROPN":
        return True
    if tok.lower_ in PEOPLE_PRONOUNS or tok.lemma_.lower() in DOER_NOUNS:
        return True
    whole = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    return (tok.lemma_.lower() in _PARTS or tok.pos_ == "NUM") and any(is_doer(o) for o in whole)


#: Words for a part or a number of something: "a quarter of citizens", "most of them", "thousands of people".
_PARTS = frozenset(
    "quarter half third majority minority most many some all few several percent number lot lots rest part share "
    "proportion fraction handful dozen dozens hundred hundreds thousand thousands million millions none each "
    "one two".split()
)


def is_outcome(tok: Token) -> bool:
    return tok.lower_ in OUTCOME_NOUNS or tok.lemma_.lower() in OUTCOME_NOUNS


def agent_of(verb: Token) -> Token | None:
    """The "by" agent of a passive verb, or of a verb coordinated with it ("was orchestrated and masterminded by
    the general"), or of the verb it is coordinated with."""
    # ("children were being held by Muslims and trained to …": the agent of the verb the second is coordinated with)
    head = [verb.head] if verb.dep_ == "conj" and verb.head.tag_ == "VBN" and verb.head.i != verb.i else []
    for v in (verb, *(c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN"), *head):
        for c in v.children:
            if c.dep_ == "agent":
                objs = children(c, "pobj")
                if objs:
                    return objs[0]
    return None


def patients_of(verb: Token) -> list[Token]:
    """Who or what a passive verb is done to: its passive subject; the noun a reduced passive modifies
    ("infection caused by the virus"); the subject of the clause a gerund passive hangs from ("he died after being
    attacked by the crowd"); or, for a coordinated passive without its own, the first verb's subject."""
    own = children(verb, "nsubjpass")
    if own:
        return [antecedent(t) for t in own]  # "any politician who's accused of misconduct": the politician
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return [verb.head]
    if verb.dep_ in ("relcl", "acl") and children(verb, "auxpass") and verb.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head]  # "the first citizen to be convicted of joining ISIS": the citizen
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
        # "… suffered plague outbreaks, often caused by rats": the participle says what caused the object
        obj = children(verb.head, "dobj") or children(verb.head, "nsubj", "nsubjpass")
        if obj:
            return obj[:1]
    if verb.dep_ in ("pcomp", "advcl", "xcomp") and any(c.dep_ == "auxpass" for c in verb.children):
        # "after being attacked by …", "claims to have been assaulted by …"
        gov = verb.head.head if verb.dep_ == "pcomp" else verb.head
        subj = children(gov, "nsubj", "nsubjpass")
        if subj:
            return subj
    if verb.dep_ == "conj" and verb.tag_ == "VBN":
        return children(_first_conjunct(verb), "nsubjpass")
    return []


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    # "infection caused by …", "was orchestrated and masterminded by …": a participle with a "by" agent; "were
    # being held by Muslims and trained to …": a participle coordinated with a passive that has one
    if verb.tag_ != "VBN" or verb.dep_ not in ("acl", "conj", "advcl"):
        return False
    if any(c.dep_ == "agent" for c in verb.children):
        return True
    if verb.dep_ != "conj":
        return False
    # "was interrogated, tortured and killed by Saudi officers": the first verb is passive, the last has the agent
    first = _first_conjunct(verb)
    return any(c.dep_ == "auxpass" for c in first.children) and any(
        c.dep_ == "agent" for v in (first, *first.conjuncts) for c in v.children
    )


def _first_conjunct(verb: Token) -> Token:
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def because_clause(verb: Token) -> Token | None:
    """The subject of a "because …" clause on the verb (its cause)."""
    for c in verb.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CAUSE_MARKS for m in c.children):
            subj, _ = subject(c)
            if subj is not None and subj.head.i == c.i:
                return subj
        if c.dep_ == "prep" and c.lower_ == "because":
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    objs = children(p, "pobj")
                    if objs:
                        return objs[0]
    return None


def denied(tok: Token) -> bool:
    """A doer denied by its determiner: "no friend ignited it", "no particular event or friend who ignited"."""
    heads = [tok, tok.head] if tok.dep_ == "conj" else [tok]
    return tok.lower_ in ("nobody", "nothing") or any(
        c.dep_ == "det" and c.lower_ == "no" for h in heads for c in h.children
    )


def prep_objects(toks: list[Token], word: str) -> list[Token]:
    """Objects of a preposition ``word`` hung on any of ``toks`` (the parser puts "on Kiev" under the verb or its
    object): the ``pobj``, or a gerund clause ("of killing the boy")."""
    out: list[Token] = []
    for t in toks:
        for p in children(t, "prep"):
            if p.lower_ == word:
                out.extend(children(p, "pobj", "pcomp"))
    return out
