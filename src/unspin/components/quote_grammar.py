"""The grammar of attribution the quotation layer reads: reporting, naming and accusing verbs, who a verb's
speaker is, descriptions of people ("the woman who accused him"), and the per-document tables of the parse and of
the sources found so far (:class:`Parse`, :class:`Sources`).  :mod:`unspin.components.quotes` (the component)
and :mod:`unspin.components.relations` read them."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..document import Document, Span
from .aliases import _GENERIC_TAIL, normalise, same_name
from .name_gender import first_name_gender, title_gender
from .parse import chunk_span, parsed_chunks
from .relation_words import (
    ACCUSATION_NOUNS,
    BLAME_OBJECTS,
    CULPRIT_NAMING_VERBS,
    LAYING_VERBS,
    MAKING_VERBS,
    OFFENDER_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = [
    "ACCUSING_VERBS",
    "AMBIGUOUS_WITHIN",
    "ANAPHOR_KIND",
    "BELIEF_NOUNS",
    "CLAIM_XCOMP",
    "DESCRIBING_VERBS",
    "FINDING_VERBS",
    "FIRST_PERSON",
    "HELD_TO",
    "HOLDING_VERBS",
    "NAMING_VERBS",
    "NOBODY",
    "PERSON_PRONOUNS",
    "PHRASE_ACCUSING",
    "REPORTING_VERBS",
    "THING_PRONOUNS",
    "UNNAMED_ACCUSERS",
    "UNREAL",
    "Parse",
    "Source",
    "Sources",
    "accusation",
    "accusation_extent",
    "described_as",
    "description_key",
    "hyphen_last",
    "made_accusation",
    "nominal_report",
    "noun_verb_subject",
    "np_left",
    "parenthetical_report",
    "spans_by_sentence",
    "trailing_speaker",
    "under_relcl",
    "unnamed_accusation",
    "verbal",
]

#: Lemmas of verbs that report speech, writing or naming.
REPORTING_VERBS = frozenset(
    "say tell add state claim insist write report argue note explain warn declare announce deny confirm "
    "ask reply respond call describe conclude suggest acknowledge admit maintain contend assert observe "
    "remark comment testify recall quip tweet post allege charge accuse complain boast predict promise "
    "vow threaten urge demand label dub term brand quote cite read continue stress emphasise emphasize "
    "put sum summarise summarize reveal disclose concede reiterate repeat recount assure".split()
)
#: Verbs of a manner of speaking: next to a quotation they name who speaks it ("“Oh, yes,” answered Carrie",
#: "“Ho there!” cried a voice"), though alone they report nothing ("she cried" is weeping).
SPEAKING_VERBS = frozenset(
    "answer exclaim cry shout yell scream whisper murmur mutter retort rejoin inquire enquire interrupt interject "
    "snap gasp stammer protest plead mumble".split()
)
NAMING_VERBS = frozenset("call describe label dub term brand name".split())
# "came to the conclusion that …", "expressed the belief that …": a belief its holder comes to, voices or shares
HOLDING_VERBS = frozenset("come reach arrive express voice share hold draw".split())
BELIEF_NOUNS = frozenset("conclusion belief view opinion conviction assessment suspicion fear concern".split())
# Verbs whose clause reports what someone found or holds, beyond speech ("researchers found that …", "police
# believe that …"); they mark reported clauses only, never a quotation's speaker ("I think," he said).
FINDING_VERBS = frozenset(
    "find show believe think suspect fear estimate determine rule speculate discover hypothesise hypothesize "
    "theorise theorize calculate".split()
)
# "he claims to have seen …": a claim whose content is an infinitive, not a "that" clause
CLAIM_XCOMP = frozenset("claim allege purport profess".split())
# "critics described the militia as terrorising the villages": the description is theirs, not the writer's
DESCRIBING_VERBS = frozenset(
    "describe portray depict paint characterize characterise brand label see view regard".split()
)


def described_as(verb: Token) -> list[Token]:
    """The "as V-ing …" a describing verb says its object does ("described the militia as terrorising …"), hung
    on the verb or on its object; empty when there is none, or when it says what the object is ("described him
    as an individual": a characterisation, no report of a deed)."""
    hosts = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    preps = [p for h in hosts for p in h.children if p.dep_ == "prep" and p.lower_ == "as"]
    return [p for p in preps if any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in p.children)][:1]


def nominal_report(verb: Token) -> list[Token]:
    """The clause a belief noun carries when the verb's subject holds it ("The German authorities came to the
    inescapable conclusion that the attack …", "Police expressed the belief that …"): the "that" clause hung on
    the noun.  Empty for any other verb."""
    if verb.lemma_.lower() not in HOLDING_VERBS:
        return []
    nouns = [c for c in verb.children if c.dep_ == "dobj"]
    nouns += [o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "at") for o in p.children]
    return [
        c
        for n in nouns
        if n.lemma_.lower() in BELIEF_NOUNS
        for c in n.children
        if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ][:1]


def parenthetical_report(verb: Token) -> list[Token]:
    """The clause a reporting verb set off by commas inside it reports ("The militia, he said, was armed by …",
    "While his friend watched, she said, Kavanaugh pinned her …"): the parser hangs the verb on that clause's verb
    as a parataxis.  Empty for any other verb."""
    head = verb.head
    if verb.dep_ != "parataxis" or head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return []
    if not any(c.dep_ == "nsubj" for c in verb.children) or any(c.dep_ in ("ccomp", "dobj") for c in verb.children):
        return []
    doc = verb.doc
    first, last = verb.left_edge.i, verb.right_edge.i
    # the commas are the verb's own punctuation, or the words' either side; a clause the parser hung on the verb
    # may open the sentence ("While his friend watched, she said, …")
    before = doc[first].text == "," or (first > 0 and doc[first - 1].text == ",") or first == verb.sent.start
    after = doc[last].text in (",", ".", ";") or (last + 1 < len(doc) and doc[last + 1].text in (",", ".", ";"))
    return [head] if before and after else []


def verbal(tok: Token) -> bool:
    """A verb, or a reporting verb the tagger took for a plural noun ("The Department of Agriculture notes, “…”")
    that still governs a subject and a clause."""
    if tok.pos_ in ("VERB", "AUX"):
        return True
    deps = {c.dep_ for c in tok.children}
    subject = "nsubj" in deps or noun_verb_subject(tok) is not None
    return tok.pos_ == "NOUN" and tok.lower_.endswith("s") and subject and "ccomp" in deps


def noun_verb_subject(tok: Token) -> Token | None:
    """The name the parser hung as a modifier on a reporting verb it took for a noun ("The U.S. Department of
    Agriculture notes, “…”" gives "Department" as an nmod of "notes")."""
    if tok.pos_ != "NOUN":
        return None
    return next((c for c in tok.lefts if c.dep_ == "nmod" and c.pos_ == "PROPN"), None)


#: Characters between two people named before a pronoun within which the pronoun is ambiguous.
AMBIGUOUS_WITHIN = 120
#: Verbs whose subject makes an accusation the author reports ("X blamed Y for Z").
ACCUSING_VERBS = frozenset(
    {"blame", "accuse", "slam", "criticise", "criticize", "condemn", "fault", "denounce", "blast", "rebuke", "hold"}
    | {"lambast", "lambaste", "berate", "castigate", "excoriate", "chastise", "scold", "chide", "reprimand"}
    | {"censure", "admonish"}
)
#: Verbs that accuse only in a set phrase: "attacked X for Y", "pinned the blame on X", "pointed the finger at X",
#: "named X as her assaulter", and claim a deed: "claimed responsibility for Y" (see :func:`accusation`).
PHRASE_ACCUSING = LAYING_VERBS | CULPRIT_NAMING_VERBS | {"attack", "claim", "take"}
HELD_TO = frozenset({"responsible", "accountable", "liable", "culpable"})
UNREAL = frozenset({"would", "could", "might", "may", "should", "'d"})


def accusation(verb: Token) -> bool:
    """Whether an accusing verb reports an accusation someone made: active, with a subject of its own, not under a
    modal, a question word, a condition or a negation ("why X would blame Y", "if X blamed Y", "X did not blame Y"
    are the writer's speculation or denial, not X's claim)."""
    lemma = verb.lemma_.lower()
    if lemma not in ACCUSING_VERBS and not (lemma in PHRASE_ACCUSING and _accusing_phrase(verb, lemma)):
        return False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return False
    if lemma == "hold" and not any(t.lower_ in HELD_TO for t in verb.subtree):
        return False  # "held a meeting": only "held X responsible" accuses
    if not any(c.dep_ == "dobj" for c in verb.children):
        return False  # "vote a Communist-backed, Muslim, accused woman abuser into office": no one is accused here
    # a headline's capitals can hang the subject on the auxiliary ("The Pope Is Now Openly Attacking …")
    own = any(c.dep_ == "nsubj" for t in (verb, *(a for a in verb.children if a.dep_ == "aux")) for c in t.children)
    # "Police shot him, ruled out terrorism and blamed mental illness"; "Two women came forward, accusing X of Y"
    up = verb
    while up.dep_ == "conj" or (up.dep_ == "advcl" and up.tag_ == "VBG"):
        if up.head.i == up.i:
            break
        up = up.head
    borrowed = up is not verb and any(c.dep_ == "nsubj" for c in up.children)
    # "Two more women accusing X of Y materialized": the women accuse
    modifier = verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN")
    if not (own or borrowed or modifier):
        return False
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ in UNREAL:
            return False
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "mark") and c.lower_ in ("why", "if", "whether", "how", "unless")):
            return False
    return verb.dep_ not in ("xcomp", "pcomp")


def _accusing_phrase(verb: Token, lemma: str) -> bool:
    """ "attacked X for Y", "laid / pinned the blame on X", "pointed the finger at X", "named X as her assaulter"."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    preps = {p.lower_: p for h in (verb, *objs) for p in h.children if p.dep_ == "prep"}
    if lemma == "attack":
        return "for" in preps
    if lemma in ("claim", "take"):
        # "ISIS claimed responsibility for the attack", "they were taking credit for the shooting": the claimer's
        # own claim to a deed
        return bool(objs) and objs[0].lower_ in ("responsibility", "credit") and "for" in preps
    if lemma in CULPRIT_NAMING_VERBS:
        role = [o for o in preps["as"].children if o.dep_ == "pobj"] if "as" in preps else []
        return bool(role) and (role[0].lemma_.lower() in OFFENDER_NOUNS or role[0].lower_ in OFFENDER_NOUNS)
    noun = objs[0].lemma_.lower() if objs else ""
    return noun in BLAME_OBJECTS or (lemma == "point" and noun == "finger")


UNNAMED_ACCUSERS = "unnamed accusers"


def unnamed_accusation(verb: Token) -> bool:
    """A passive "accused (of)" with no "by": "X has been credibly accused of …", "priests accused of abuse"."""
    passive = any(c.dep_ == "auxpass" for c in verb.children) or (verb.dep_ == "acl" and verb.tag_ == "VBN")
    if not passive or any(c.dep_ == "agent" for c in verb.children):
        return False
    for c in verb.children:  # "he would be accused of …" imagines an accusation; nobody made it
        if (c.dep_ == "aux" and c.lower_ in UNREAL) or c.dep_ == "neg":
            return False
    if any(a.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in a.children) for a in verb.ancestors):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in verb.children)


def made_accusation(noun: Token) -> tuple[Token | None, Token | None] | None:
    """An accusation someone makes against someone ("X made accusations against Y", "allegations brought against
    him by two women", "came forward with an allegation against Y"): (the verb whose subject makes it, the "by"
    phrase's object), either possibly None; None when the noun is no such accusation, or only mentioned ("after
    the accusations against X emerged").  Mirrors the relation rule that reads the blame it states."""
    carriers = [v for v in noun.children if v.dep_ in ("acl", "relcl") and v.lemma_.lower() in MAKING_VERBS]
    against = [p for t in (noun, *carriers) for p in t.children if p.dep_ == "prep" and p.lower_ == "against"]
    if noun.lemma_.lower() not in ACCUSATION_NOUNS or not against:
        return None
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in MAKING_VERBS:
        return head, None
    if noun.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() in ("come", "go"):
        return head.head, None
    if carriers:
        by = [o for c in carriers[0].children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        return None, (by[0] if by else None)
    return None


def accusation_extent(verb: Token) -> tuple[Token, Token]:
    """The first and last word of a passive accusation: its subject, the verb and what it accuses of, without the
    clauses around it."""
    parts = [verb, *(c for c in verb.children if c.dep_ in ("nsubjpass", "auxpass", "aux", "advmod", "prep"))]
    words = [t for p in parts for t in (p.subtree if p is not verb else [p])]
    return min(words, key=lambda t: t.i), max(words, key=lambda t: t.i)


def description_key(noun: Token) -> tuple[str, str, str] | None:
    """(noun, verb, object's last word) of "the woman who accused (Rep.) Keith Ellison …", else None."""
    rel = next((c for c in noun.children if c.dep_ == "relcl"), None)
    if rel is None:
        return None
    obj = next((c for c in rel.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    return noun.lemma_.lower(), rel.lemma_.lower(), obj.lower_


def under_relcl(tok: Token, top: Token) -> bool:
    """Whether ``tok`` lies in a relative clause inside the phrase ``top`` heads (``top`` itself included)."""
    t = tok
    while True:
        if t.dep_ == "relcl":
            return True
        if t.i == top.i or t.head.i == t.i:
            return False
        t = t.head


def hyphen_last(tok: Token) -> Token:
    """The last word of a hyphenated noun the parser split into siblings ("the co - founder of X" gives "co", "-"
    and "founder" each as a dependent of "said"): the head noun is the last one."""
    doc = tok.doc
    i = tok.i
    while (
        i + 2 < len(doc)
        and doc[i + 1].text == "-"
        and doc[i + 1].whitespace_ == ""
        and doc[i].whitespace_ == ""
        and doc[i + 2].head.i == tok.head.i
        and doc[i + 2].pos_ in ("NOUN", "PROPN")
    ):
        i += 2
    return doc[i]


def np_left(tok: Token) -> int:
    """Index of the first word of ``tok``'s phrase, without the relative clauses and asides after it."""
    return min([tok.i, *(c.left_edge.i for c in tok.children if c.i < tok.i)])


def trailing_speaker(verb: Token) -> Token | None:
    """The head of the phrase between the last comma and a clause-final reporting verb that the parser left without
    a subject ("…, the Justice Department for the Southern District of Ohio said."), where the name was attached
    to the clause before it as an apposition."""
    if verb.dep_ != "ROOT" or not any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
        return None
    after = [t for t in verb.doc[verb.i + 1 : verb.sent.end] if not t.is_punct]
    if after and not all(t.head.i == verb.i and t.dep_ in ("npadvmod", "prep", "advmod") for t in after[:1]):
        return None  # "…, X said on Monday" is fine; anything else is another clause
    comma = next((t.i for t in reversed(verb.doc[verb.sent.start : verb.i]) if t.text == ","), None)
    if comma is None or verb.i - comma - 1 not in range(1, 13):
        return None
    phrase = verb.doc[comma + 1 : verb.i]
    heads = [t for t in phrase if not (phrase.start <= t.head.i < phrase.end)]
    if len(heads) != 1 or heads[0].pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return heads[0]


PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
_PLATFORM_BEFORE = re.compile(r"\b(?:on|via)\s+$")
THING_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
#: Indefinite pronouns name no source: "No one said", "Everybody knows".
NOBODY = frozenset(
    {"no one", "nobody", "none", "everybody", "everyone", "somebody", "someone", "anybody", "anyone", "nothing"}
    | {"what", "which", "whatever"}  # "what led me …": a question word names no source
)
ANAPHOR_KIND: dict[str, tuple[str, ...]] = {
    "paper": ("outlet",),
    "newspaper": ("outlet",),
    "daily": ("outlet",),
    "weekly": ("outlet",),
    "outlet": ("outlet",),
    "publication": ("outlet",),
    "broadcaster": ("outlet",),
    "agency": ("outlet", "organization"),
    "report": ("document",),
    "study": ("document",),
    "document": ("document",),
    "memo": ("document",),
    "institute": ("organization",),
    "organisation": ("organization",),
    "organization": ("organization",),
    "group": ("organization",),
    # "… in our restaurants," the company said (ptc/train 769682854): the firm named before
    "company": ("organization",),
    "firm": ("organization",),
    "corporation": ("organization",),
    "department": ("organization",),
    "ministry": ("organization",),
}


@dataclass
class Source:
    id: str
    name: str
    kind: str
    entity_id: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    last_seen: int = -1
    framing: list[str] = field(default_factory=list)


class Parse:
    """Char-offset access to the chunked spaCy parse."""

    def __init__(self, doc: Document) -> None:
        self.chunks = parsed_chunks(doc)

    def span(self, start: int, end: int) -> SpacySpan | None:
        return chunk_span(self.chunks, start, end)

    def offset_of(self, tok: Token) -> int:
        for offset, sdoc in self.chunks:
            if tok.doc is sdoc:
                return offset
        return 0

    def described(self) -> dict[tuple[str, str, str], list[tuple[int, int]]]:
        """Where the text names someone with a describing apposition ("Karen Monahan, the woman who accused Keith
        Ellison of …"): (noun, verb, the verb's object's last word) → character spans of the name."""
        if not hasattr(self, "_described"):
            index: dict[tuple[str, str, str], list[tuple[int, int]]] = {}
            for offset, sdoc in self.chunks:
                for tok in sdoc:
                    if tok.dep_ == "appos" and tok.head.pos_ == "PROPN" and tok.pos_ == "NOUN":
                        key = description_key(tok)
                        if key is not None:
                            name = tok.head
                            left = min([name.i, *(c.i for c in name.children if c.dep_ == "compound")])
                            start = offset + sdoc[left].idx
                            index.setdefault(key, []).append((start, offset + name.idx + len(name.text)))
            self._described = index
        return self._described


class Sources:
    """The article's sources, built up as they are met."""

    def __init__(self, doc: Document) -> None:
        self.items: list[Source] = []
        self.entity_label: dict[str, str] = {}
        self.entity_name: dict[str, str] = {}
        self.entity_mentions: dict[str, list[tuple[int, int]]] = {}
        self.mentions = sorted(doc.spans("entity_mentions"), key=lambda s: s.start)
        self.text = doc.text
        for m in self.mentions:
            eid = str(m.attrs.get("entity_id"))
            self.entity_mentions.setdefault(eid, []).append((m.start, m.end))
        for g in doc.groups("entities"):
            self.entity_label[g.id] = g.label
            self.entity_name[g.id] = g.name

    def entity_in(self, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
        for m in self.mentions:
            if m.start < end and start < m.end:
                return str(m.attrs.get("entity_id")), (m.start, m.end)
        return None

    def gender(self, eid: str) -> str | None:
        # Titles only: with given names too, a "she" skipped the men named last and reached a woman named long
        # before (dev gold: two speakers misattributed), so a speaker's pronoun stays with the latest person.
        return title_gender(self.text, (a for a, _ in self.entity_mentions.get(eid, [])))

    def persons_named(self, start: int, end: int) -> bool:
        """Whether a person (not a platform one writes on) is named between ``start`` and ``end``."""
        return any(
            m.label == "PERSON" and start <= m.start and m.end <= end and not self._platform(m.start)
            for m in self.mentions
        )

    def _platform(self, start: int) -> bool:
        # "Trump wrote on Twitter": a name one writes on is a platform the parser took for a person
        return bool(_PLATFORM_BEFORE.search(self.text, max(0, start - 6), start))

    def latest_person_before(self, pos: int, pronoun: str = "") -> tuple[str, tuple[int, int]] | None:
        """The person a pronoun at ``pos`` stands for: the latest person named before it whose known gender does
        not clash with the pronoun; None (abstain) when two such people were named close before it."""
        want = "m" if pronoun in ("he", "him", "his") else "f" if pronoun in ("she", "her", "hers") else None
        seen: list[tuple[str, tuple[int, int]]] = []
        for m in reversed(self.mentions):
            if m.end > pos or m.label != "PERSON":
                continue
            if self._platform(m.start):
                continue
            eid = str(m.attrs.get("entity_id"))
            if want is not None and self.gender(eid) not in (None, want):
                continue
            if all(e != eid for e, _ in seen):
                seen.append((eid, (m.start, m.end)))
            if len(seen) == 2:
                break
        if not seen:
            return None
        if len(seen) == 2 and pronoun and pos - seen[1][1][1] < AMBIGUOUS_WITHIN:
            # two people named just before: a careful reader could not tell which one the pronoun means
            return None
        if want is not None and first_name_gender(self.entity_name.get(seen[0][0], "")) not in (None, want):
            # "Mark Judge …. She said she ran": the latest person's given name clashes; abstain rather than reach
            # back further (reaching back misattributed speakers on the dev gold)
            return None
        return seen[0]

    def latest_of_kind(self, kinds: Iterable[str], before: int) -> Source | None:
        wanted = set(kinds)
        cands = [s for s in self.items if s.kind in wanted and s.last_seen < before]
        return max(cands, key=lambda s: s.last_seen) if cands else None

    def add(self, name: str, kind: str, span: tuple[int, int], entity_id: str | None) -> Source:
        for s in self.items:
            same_entity = entity_id is not None and s.entity_id == entity_id
            if same_entity or same_name(s.name, name, person=kind == "person" or s.kind == "person"):
                if s.entity_id is None and entity_id is not None:
                    s.entity_id = entity_id
                    if kind == "person" or s.kind == "other":
                        s.kind = kind
                if _prefer_name(name, s.name, linked=entity_id is not None or s.entity_id is not None):
                    s.name = name
                if span not in s.mentions:
                    s.mentions.append(span)
                s.last_seen = max(s.last_seen, span[0])
                return s
        src = Source(f"S{len(self.items) + 1}", name, kind, entity_id, [span], span[0])
        self.items.append(src)
        return src

    def finish(self) -> None:
        """Give entity-linked sources every mention of their entity."""
        for s in self.items:
            if s.entity_id is not None:
                merged = set(s.mentions) | set(self.entity_mentions.get(s.entity_id, []))
                s.mentions = sorted(merged)
            else:
                s.mentions = sorted(set(s.mentions))


def _prefer_name(new: str, old: str, *, linked: bool) -> bool:
    """Whether ``new`` names a source better: without a generic tail ("Chatham House"
    over "Chatham House Institute"), else fuller ("Meridian Ledger" over "Ledger") unless
    the name comes from an entity group, which already chose its canonical name."""
    if normalise(new) != normalise(old) and same_name(new, old):
        tail_new, tail_old = bool(_GENERIC_TAIL.search(normalise(new))), bool(_GENERIC_TAIL.search(normalise(old)))
        if tail_new != tail_old:
            return tail_old
    return not linked and len(new.split()) > len(old.split())


def spans_by_sentence(sentences: Sequence[Span], items: Sequence[Span]) -> list[list[Span]]:
    """For each of the (sorted, non-overlapping) ``sentences``, the ``items`` that overlap it, in the items'
    order.  Found by bisection, so the cost is the number of overlaps, not sentences × items (which made the
    voice of every sentence quadratic in a long article's length)."""
    starts = [s.start for s in sentences]
    out: list[list[Span]] = [[] for _ in sentences]
    for item in items:
        k = max(0, bisect.bisect_right(starts, item.start) - 1)
        while k < len(sentences) and sentences[k].start < item.end:
            if sentences[k].end > item.start:
                out[k].append(item)
            k += 1
    return out
