"""What a relation's ends are: :class:`Node` (an actor, an event or an unresolved phrase) and :class:`Resolver`,
which turns a phrase into an entity (names, demonyms, titles, "the paper", pronouns only on good evidence).
Used by :mod:`unspin.components.relations`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..document import Document
from .aliases import normalise
from .name_gender import first_name_gender, title_gender
from .parse import chunk_span, parsed_chunks
from .quote_grammar import ACCUSING_VERBS, REPORTING_VERBS
from .relation_args import token_offsets

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "Node",
    "Resolver",
    "appositions",
    "demonym_map",
    "extends",
    "person_pronoun",
    "reporter_of",
    "topic_subject",
    "want_of",
]


POSSESSED_PLURAL = re.compile(r"['’]s?\s+(?:[a-z-]+\s+){0,2}[a-z-]+s\b")


#: How far back (characters) the one person who fits may have been named for a "he" / "she" to take them without
#: other evidence.  Measured on the training documents of two coreference corpora with the rule's candidates
#: (``unspin relations pronoun-eval``): named further back, the one person who fits was the antecedent 0.79 of the
#: time in GUM and 0.39 in LitBank, against 0.92 and 0.73 within it (in 71 of LitBank's 126 misses the antecedent
#: was never recognised as a person: the one person the entity layer knew was not the one meant).
RECENT = 600

DEMONYM_ENDINGS = ("ian", "ean", "an", "ese", "ish", "i", "ic", "n")


def want_of(pronoun: str) -> str:
    """The gender a third-person singular pronoun asks for: "m" or "f"."""
    return "m" if pronoun.casefold() in ("he", "him", "his", "himself") else "f"


@dataclass(frozen=True)
class Node:
    """One argument of a relation, resolved as far as the text allows."""

    start: int
    end: int
    text: str
    entity_id: str | None
    key: str
    resolved_by: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "entity_id": self.entity_id,
            "node": self.key or None,
            "resolved_by": self.resolved_by,
        }


def extends(word: str, name: str) -> bool:
    return any(word == name + e or (word.endswith(e) and word[: -len(e)] in (name, name[:-1])) for e in DEMONYM_ENDINGS)


def demonym_map(entities: Sequence[Any]) -> dict[str, str]:
    """NORP entity id → the entity whose name its adjective extends ("Valdorian" → "Valdoria")."""
    places = [(g.id, g.name.casefold()) for g in entities if g.label in ("GPE", "LOC", "ORG") and len(g.name) >= 4]
    out: dict[str, str] = {}
    for g in entities:
        if g.label != "NORP":
            continue
        word = g.name.casefold().removesuffix("s")
        for pid, pname in places:
            if extends(word, pname):
                out[g.id] = pid
                break
    return out


#: The word right before a name and its capitalised titles ("Supreme Court nominee Brett Kavanaugh" → "nominee").
TITLE_BEFORE_NAME = re.compile(r"([\w'’-]+)\s+(?:[A-Z][\w.'’-]*\s+){0,3}$")


#: Titles written short before a name, and the noun a description uses for them ("Sen. X" … "the senator").
TITLE_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "congressman",
    "gov": "governor",
    "gen": "general",
    "pres": "president",
    "sec": "secretary",
    "det": "detective",
    "sgt": "sergeant",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "cpl": "corporal",
    "supt": "superintendent",
    "atty": "attorney",
    "rev": "reverend",
    "msgr": "monsignor",
    "fr": "father",
}

#: Titles a capitalised word before a name may be, which a later "the <title>" refers back by.
PERSON_TITLES = frozenset(TITLE_ABBREVIATIONS.values()) | frozenset(
    "senator judge justice president governor congresswoman representative cardinal bishop archbishop pope "
    "pastor imam rabbi sheriff mayor chancellor minister ambassador officer professor chairman chairwoman "
    "commissioner prosecutor director prince princess king queen".split()
)

#: An apposition after a name ("Amber Guyger, a white female cop,").
APPOSITION_AFTER_NAME = re.compile(r"^,\s+(?:a|an|the)\s+([^,.;:\n]*)[,.]")


class Resolver:
    def __init__(self, doc: Document, *, recent: int = RECENT) -> None:
        #: how far back the one person who fits may have been named for a "he" / "she" to take them (:data:`RECENT`)
        self.recent = recent
        groups = list(doc.groups("entities")) if doc.has("entities") else []
        self.label = {g.id: g.label for g in groups}
        self.name = {g.id: g.name for g in groups}
        self.all_names = {g.id: [g.name, *g.attrs.get("aliases", [])] for g in groups}
        self.demonym = demonym_map(groups)
        mentions = doc.spans("entity_mentions") if doc.has("entity_mentions") else ()
        # "its" and "they" never refer to a nationality adjective, even one joined to its country.
        self.adjectives = {
            (s.start, s.end) for s in mentions if self.label.get(str(s.attrs.get("entity_id"))) == "NORP"
        }
        self.mentions = sorted(
            (s.start, s.end, self._canonical(str(s.attrs["entity_id"])))
            for s in mentions
            if s.attrs.get("entity_id") and not s.attrs.get("locative")
        )
        self.places = sorted(
            (s.start, s.end, self._canonical(str(s.attrs["entity_id"])))
            for s in mentions
            if s.attrs.get("entity_id") and s.attrs.get("locative")
        )
        # Name or alias → actor, for names the NER missed and places used as actors
        # ("money from Kestrov"); an actor with non-place mentions wins a clash.
        acting = {eid for _, _, eid in self.mentions}
        self.by_name: dict[str, str] = {}
        for g in sorted(groups, key=lambda g: g.id not in acting):
            for n in [g.name, *g.attrs.get("aliases", [])]:
                self.by_name.setdefault(normalise(n), self._canonical(g.id))
        self.text = doc.text
        self.sentences = [(s.start, s.end) for s in doc.spans("sentences")]
        entity_of = {g.id: g.attrs.get("entity_id") for g in doc.groups("sources")} if doc.has("sources") else {}
        #: every quotation (not a quoted phrase): (start, end, the person who speaks it or None)
        self.quotations = [
            (q.start, q.end, self._canonical(str(eid)) if eid and self.label.get(str(eid)) == "PERSON" else None)
            for q in (doc.spans("quotes") if doc.has("quotes") else ())
            if not q.attrs.get("phrase")
            for eid in [entity_of.get(str(q.attrs.get("source_id")))]
        ]
        #: description key → the key of what it renames ("t:militia" → "t:resistance" or an entity id)
        self.renamed: dict[str, str] = {}
        self._genders: dict[str, str | None] = {}
        self._people_cache: list[tuple[int, int, str]] | None = None
        self._person_starts: dict[str, list[int]] = {}
        self._titles: dict[str, list[tuple[int, str]]] | None = None
        self._chunks = parsed_chunks(doc) if "parse" in doc.artifacts else None

    def _canonical(self, eid: str) -> str:
        return self.demonym.get(eid, eid)

    def at(self, start: int, end: int) -> str | None:
        for s, e, eid in self.mentions:
            if s <= start and end <= e:
                return eid
            if s >= end:
                break
        for s, e, eid in self.places:
            if s <= start and end <= e:
                return self.by_name.get(normalise(self.text[s:e]), eid)
        return None

    def named(self, name: str) -> str | None:
        found = self.by_name.get(normalise(name))
        if found is None and name[:1].isupper() and " " not in name:
            found = self.demonym_of(name)
        return found

    def demonym_of(self, word: str) -> str | None:
        """The place a nationality adjective extends ("Valdorian" → Valdoria), by word form."""
        w = word.casefold().removesuffix("s")
        for name, eid in self.by_name.items():
            if len(name) >= 4 and self.label.get(eid) in ("GPE", "LOC", "ORG") and extends(w, name):
                return eid
        return None

    def before(self, pos: int, *, people: bool, limit: int) -> list[str]:
        """Entity ids mentioned before ``pos`` (latest first), within ``limit`` characters."""
        out: list[str] = []
        for s, e, eid in reversed(self.mentions):
            if e > pos or s < pos - limit or (s, e) in self.adjectives:
                continue
            lab = self.label.get(eid, "")
            if lab == "NORP" or (lab == "PERSON" and not people):
                continue
            if eid not in out:
                out.append(eid)
        return out

    def mentioned_between(self, eid: str, start: int, end: int) -> bool:
        """Whether ``eid`` is mentioned inside ``[start, end)``."""
        return any(x == eid and start <= s and e <= end for s, e, x in self.mentions)

    def owns_plural_before(self, eid: str, pos: int) -> bool:
        """Whether the latest mention of ``eid`` before ``pos`` possesses a plural noun ("Karadima's victims")."""
        latest = max(((s, e) for s, e, x in self.mentions if x == eid and e <= pos), default=None)
        if latest is None:
            return False
        m = POSSESSED_PLURAL.match(self.text, latest[1])
        return m is not None

    def gender(self, eid: str) -> str | None:
        """ "m" or "f" from a gendered title or the given name (:mod:`.name_gender`); the pronouns near a name were
        tried and misled (a journalist quoted about a woman got "she")."""
        if eid not in self._genders:
            by_title = title_gender(self.text, (s for s, _, e in self.mentions if e == eid))
            by_name = {g for n in self.all_names.get(eid, []) if (g := first_name_gender(n))}
            self._genders[eid] = by_title or (by_name.pop() if len(by_name) == 1 else None)
        return self._genders[eid]

    def speaker_at(self, pos: int) -> str | None:
        """The person who speaks the innermost quotation around ``pos``: whom an "I" or "me" there stands for.
        None outside quotations, or where that quotation's speaker is unknown or not a person named as such."""
        around = [q for q in self.quotations if q[0] <= pos < q[1]]
        return min(around, key=lambda q: q[1] - q[0])[2] if around else None

    def person_before(self, pos: int, pronoun: str) -> str | None:
        """The person "he" / "she" at ``pos`` stands for: the one person named in the 1,500 characters before it
        whose gender (as far as the text tells, :meth:`gender`) does not clash, if named in the last
        :attr:`recent`; None (abstain) when there are two such people, or none."""
        want = want_of(pronoun)
        seen = self.people_fitting(pos, pronoun)
        if len(seen) == 1:
            return seen[0] if self.last_named(seen[0], pos) >= pos - self.recent else None
        # two candidates: good enough evidence only when the latest of them is known to have the pronoun's gender
        # and is the only one known to (a woman named long before is not "she" when a man of unknown gender was
        # named since)
        known = [e for e in seen if self.gender(e) == want]
        return known[0] if len(known) == 1 and known[0] == seen[0] else None

    def last_named(self, eid: str, pos: int) -> int:
        """Where the latest mention of ``eid`` before ``pos`` ends (-1 when there is none)."""
        return max((e for _, e, x in self.mentions if x == eid and e <= pos), default=-1)

    def people_fitting(self, pos: int, pronoun: str) -> list[str]:
        """The people named in the 1,500 characters before ``pos`` whose gender does not clash with ``pronoun``,
        latest first."""
        want = want_of(pronoun)
        seen: list[str] = []
        for s, e, eid in reversed(self.mentions):
            if e > pos or s < pos - 1500 or self.label.get(eid) != "PERSON":
                continue
            if self.gender(eid) not in (None, want) or eid in seen:
                continue
            seen.append(eid)
        return seen

    def scored_person(self, base: int, pronoun: Token, pos: int, word: str, avoid: frozenset[str]) -> str | None:
        """The person the GAP-trained scorer (:mod:`unspin.models.pronouns`) picks for the pronoun at ``pos`` among
        those named in its sentence and the three before whose gender does not clash; None where it abstains."""
        from ..models.pronouns import features, load_pronoun_scorer

        scorer = load_pronoun_scorer()
        if scorer is None:
            return None
        want = want_of(word)
        sdoc = pronoun.doc
        first = pronoun.sent.start
        for _ in range(3):
            if first > 0:
                first = sdoc[first - 1].sent.start
        window = base + sdoc[first].idx
        people = self._people()
        # the people mentions inside the window, found by bisection so a long text costs no more per pronoun
        lo = bisect.bisect_left(people, (window, -1, ""))
        hi = bisect.bisect_left(people, (pos, -1, ""))
        near = [(s, e, eid) for s, e, eid in people[lo:hi] if e <= pos]
        latest: dict[str, tuple[int, int]] = {}
        for s, e, eid in near:
            if self.gender(eid) in (None, want) and eid not in avoid:
                latest[eid] = (s, e)
        if len(latest) < 2:
            return None  # one or none: the rules have had their say
        newest = max(latest, key=lambda k: latest[k][0])
        named_first = people[0][2] if people else None
        scored: list[tuple[float, str]] = []
        for eid, (s, e) in latest.items():
            span = sdoc.char_span(s - base, e - base, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            between = {x for a, _, x in near if a > e and x != eid}
            x = features(
                pronoun,
                span.root,
                latest=eid == newest,
                people_between=len(between),
                mentions=bisect.bisect_right(self._person_starts[eid], pos),
                first_named=eid == named_first,
            )
            scored.append((scorer.score(x), eid))
        found = scorer.choose(scored)
        return str(found) if found is not None else None

    def _people(self) -> list[tuple[int, int, str]]:
        """Mentions of people, in text order (built once)."""
        if self._people_cache is None:
            self._people_cache = [(s, e, eid) for s, e, eid in self.mentions if self.label.get(eid) == "PERSON"]
            for s, _, eid in self._people_cache:
                self._person_starts.setdefault(eid, []).append(s)
        return self._people_cache

    def titled_person(self, noun: str, pos: int) -> str | None:
        """The one person the text introduced with ``noun`` as a title or apposition before ``pos`` ("Supreme Court
        nominee Brett Kavanaugh" … "the nominee"; "Amber Guyger, a white female cop," … "the cop"); None when nobody,
        or more than one person, was."""
        if self._titles is None:
            self._titles = {}
            for s, e, eid in self._people():
                words = set()
                before = TITLE_BEFORE_NAME.search(self.text[max(0, s - 60) : s])
                if before is not None:
                    if self._noun_at(max(0, s - 60) + before.start(1)):  # "nominee Brett Kavanaugh", not "while Mary"
                        words.add(before.group(1).casefold())
                    # "Sen. Al Franken" … "the senator"; "Judge Brett Kavanaugh" … "the judge"
                    for w in before.group(0).split()[1:]:
                        w = w.casefold().rstrip(".")
                        w = TITLE_ABBREVIATIONS.get(w, w)
                        if w in PERSON_TITLES:  # "Supreme Court Justice X" is "the justice", never "the court"
                            words.add(w)
                # "Bishop Juan Barros" … "the Chilean bishop": a title the recogniser took into the name
                own = self.text[s:e].split()[:-1]
                words.update(w.casefold() for w in own[:2] if w.casefold() in PERSON_TITLES)
                after = APPOSITION_AFTER_NAME.match(self.text[e : e + 100])
                if after is not None:
                    # the apposition's head noun only: "Hu Shih, the leader of the New Culture Movement" is "the
                    # leader", never "the movement"
                    head = re.split(r"\s+(?:of|in|at|for|from|with|on|to|who|that|and)\s+", after.group(1))[0]
                    last = list(re.finditer(r"[\w'’-]+", head))[-1:]
                    at = e + after.start(1)
                    words.update(m.group(0).casefold() for m in last if self._noun_at(at + m.start(), "appos"))
                for w in words:
                    self._titles.setdefault(w, []).append((e, eid))
        found = {eid for e, eid in self._titles.get(noun.casefold(), []) if e <= pos}
        return found.pop() if len(found) == 1 else None

    def _noun_at(self, pos: int, dep: str = "compound") -> bool:
        """Whether the parse has a noun starting at ``pos`` in the ``dep`` relation (True without a parse: a
        document built by hand)."""
        if self._chunks is None:
            return True
        span = chunk_span(self._chunks, pos, pos + 1)
        # a noun the name's words modify as a compound ("nominee Brett Kavanaugh"), not one the name just follows
        # ("in the final minute Ann Lee"); or an apposition's head ("Guyger, a white female cop,"), not a noun
        # after a comma ("With Bush, the aggressive militarism of …")
        return span is not None and len(span) > 0 and span[0].pos_ in ("NOUN", "PROPN") and span[0].dep_ == dep

    def sentence_start(self, pos: int) -> int:
        for s, e in self.sentences:
            if s <= pos < e:
                return s
        return pos


#: Nouns whose gender English grammar fixes, so a "she" cannot mean "the man" (a closed class, not a lexicon).
_GENDERED_NOUNS = {
    **dict.fromkeys("man boy father son husband brother uncle nephew king prince gentleman".split(), "m"),
    **dict.fromkeys("woman girl mother daughter wife sister aunt niece queen princess lady".split(), "f"),
}


def topic_subject(res: Resolver, base: int, pronoun: Token) -> str | None:
    """What the latest clause subject before a "he" / "she" (in its sentence and the three before) names: a person
    entity's id, ``"other"`` for a description ("This public servant walked in …") or any other name, or None when
    there is no such subject (pronoun subjects and "that"/"it" are skipped: they carry the topic on)."""
    doc = pronoun.doc
    first = pronoun.sent.start
    for _ in range(3):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    want = want_of(pronoun.lower_)
    for tok in reversed(doc[first : pronoun.i]):
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ == "PRON" or tok.lower_ in ("that", "this", "it"):
            continue
        if tok.tag_ in ("NNS", "NNPS"):
            continue  # "the police officers said …": many people are not one "she"
        if _GENDERED_NOUNS.get(tok.lower_, want) != want:
            continue  # "this man no longer lives. …, she killed …": a man is not "she"
        left, right = tok.left_edge.i, tok.right_edge.i
        between_commas = left > 0 and doc[left - 1].text == "," and right + 1 < len(doc) and doc[right + 1].text == ","
        if between_commas or sum(c.dep_ in ("nsubj", "nsubjpass") for c in tok.head.children) > 1:
            continue  # "That, Senator Ted Cruz, is wrong": someone addressed, not the subject
        s, e = token_offsets(tok, base)
        eid = res.at(s, e)
        if eid is not None and res.label.get(eid) == "PERSON":
            if res.gender(eid) not in (None, want):
                continue  # "Cruz said …, she …": a man named last is not who "she" means
            return eid
        if eid is not None and res.label.get(eid) in ("ORG", "GPE", "NORP", "LOC", "FAC"):
            continue  # an organisation or a country is an "it", not a "she"
        return "other"
    return None


def person_pronoun(
    res: Resolver,
    base: int,
    pronoun: Token,
    avoid: frozenset[str],
    named: Callable[[Token], str | None],
    *,
    scored: bool,
) -> tuple[str | None, str]:
    """The person a "he" / "she" / "him" / "her" stands for and how it was found, or ``(None, "text")`` (abstain).

    In order: the one who reports what happened to "her" (:func:`reporter_of`); the one person named before whose
    gender fits (:meth:`Resolver.person_before`), unless the last subject was someone else; the last subject when it
    is known to have the pronoun's gender and no one else known to have it was named since (centering: the preferred
    referent is the last subject; Grosz, Joshi and Weinstein 1995); the GAP-trained scorer (``scored``).  ``named``
    resolves a token the rules point at (the reporter) the way the caller resolves any phrase.
    """
    low = pronoun.lower_
    h_start = base + pronoun.idx
    reporter = _reporter(res, pronoun, avoid, named)
    if reporter is not None:
        return reporter, "pronoun (reporter)"
    person = res.person_before(h_start, low)
    topic = topic_subject(res, base, pronoun)
    if person is not None and topic not in (person, None):
        person = None  # the last one the text talked about is someone (or something) else
    how = "pronoun"
    if person is None and topic not in (None, "other") and res.gender(topic) == want_of(low):
        # a person of unknown gender named since, as an object, does not displace the subject
        fitting = [e for e in res.people_fitting(h_start, low) if res.gender(e) == want_of(low)]
        if fitting and fitting[0] == topic:
            person, how = topic, "pronoun (topic)"
    if person is None and topic != "other" and scored:
        # several people fit: the scorer trained on GAP may still tell them apart, or abstains
        person, how = res.scored_person(base, pronoun, h_start, low, avoid), "pronoun (scored)"
    return (person, how) if person is not None and person not in avoid else (None, "text")


def _reporter(res: Resolver, pronoun: Token, avoid: frozenset[str], named: Callable[[Token], str | None]) -> str | None:
    """The reporter :func:`reporter_of` points at, when it names a person whose gender fits and who is not the
    subject of the pronoun's own clause."""
    found = reporter_of(pronoun)
    if found is None:
        return None
    reporter, own = found
    who = next((e for t in (reporter, *_appositives(reporter)) if (e := named(t)) is not None), None)
    own_id = next((e for t in (own, *_appositives(own)) if (e := named(t)) is not None), None) if own else None
    if who is None or who == own_id or who in avoid or res.label.get(who) != "PERSON":
        return None
    return who if res.gender(who) in (None, want_of(pronoun.lower_)) else None


def _appositives(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ == "appos"]


#: the objects a pronoun can be in its clause ("kissed her", "assaulting her", "gave him", "at her")
_OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "obj"})


def group_topic(res: Resolver, base: int, pronoun: Token) -> str | None:
    """What the latest clause subject before an "it" / "they" (in its sentence and the one before) names: an
    organisation's, country's or group's entity id, or None (a person, a description, a pronoun, no subject).  An
    "it" or "they" whose antecedent is not in its own sentence is resolved only when this agrees with the latest
    such actor named (centering and recency together); "they" after "the dissenting left", "them" after a list of
    caliphates, are left unresolved."""
    doc = pronoun.doc
    first = pronoun.sent.start
    if first > 0:
        first = doc[first - 1].sent.start
    for tok in reversed(doc[first : pronoun.i]):
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if tok.pos_ == "PRON":
            continue  # "it" and "they" carry the topic on
        eid = _named_at(res, base, tok)
        return eid if eid is not None and res.label.get(eid) in ("ORG", "GPE", "NORP", "LOC") else None
    return None


def reporter_of(pronoun: Token) -> tuple[Token, Token | None] | None:
    """For an object "her" / "him" inside what someone reports or charges, the reporter's subject token and the
    subject token of the pronoun's own clause (None where the clause has none of its own: "accused the nominee of
    assaulting her").  "Leeann Tweeden says Franken groped and forcibly kissed her"; "Ford has accused the nominee of
    sexually assaulting her"; "Karen Monahan alleged that Ellison dragged her".

    A pronoun object never means the subject of its own clause (binding Principle B, Chomsky 1981), and what a
    person alleges happened to "her" is, in news prose, what happened to the person alleging it; the caller still
    checks that the reporter names a person whose gender fits and who is not that clause subject.  None where the
    pronoun is no object, the clause subject is a pronoun ("she said he hurt her" is left to the other rules), or
    no reporting or accusing verb governs the clause.
    """
    if pronoun.lower_ not in ("her", "him") or pronoun.dep_ not in _OBJECT_DEPS:
        return None
    own: Token | None = None
    seen_clause = False
    tok = pronoun
    for _ in range(8):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        subjects = _subjects(tok)
        if seen_clause and tok.lemma_.lower() in REPORTING_VERBS | ACCUSING_VERBS:
            if not subjects and tok.dep_ in ("advcl", "xcomp"):
                subjects = _subjects(tok.head)  # "came forward last month alleging that …"
            return (subjects[0], own) if len(subjects) == 1 else None
        if not seen_clause:
            if len(subjects) > 1 or any(t.pos_ == "PRON" for t in subjects):
                return None
            own = subjects[0] if subjects else None
            seen_clause = True
    return None


def _subjects(verb: Token) -> list[Token]:
    """A verb's active subjects, borrowed along coordination ("Franken groped and forcibly kissed her")."""
    for _ in range(4):
        found = [c for c in verb.children if c.dep_ == "nsubj"]
        if found or verb.dep_ != "conj" or verb.head.i == verb.i:
            return found
        verb = verb.head
    return []


def appositions(doc: Document, res: Resolver) -> dict[str, str]:
    """Descriptions that rename something in the text: an apposition or a parenthesis ("a resistance (the
    militia)", "the Harrow Front, a militia,") makes the description's later uses ("the militia") mean the thing
    it renamed, so chains join them; so does a name after its description ("the suspect, Traore Kobili,").  Only
    common-noun descriptions are renamed; two names in apposition are left to the entity layer."""
    out: dict[str, str] = {}
    for base, sdoc in parsed_chunks(doc):
        for tok in sdoc:
            if tok.dep_ == "appos" and tok.pos_ == "PROPN" and tok.head.pos_ == "NOUN":
                # "the boy's father, Siraj Ibn Wahhaj,": the description names the person that follows it
                t_start, t_end = token_offsets(tok, base)
                named = res.at(t_start, t_end)
                if named is not None and res.label.get(named) == "PERSON":
                    out.setdefault("t:" + tok.head.lemma_.casefold(), named)
                continue
            appos = tok
            if tok.dep_ == "conj" and tok.head.dep_ == "appos" and tok.head.pos_ == "NOUN":
                appos = tok.head  # "McCarrick, a towering figure … and former archbishop who …"
            if appos.dep_ != "appos" or tok.pos_ != "NOUN" or appos.head.pos_ not in ("NOUN", "PROPN"):
                continue
            head = appos.head
            target = _named_at(res, base, head) or "t:" + head.lemma_.casefold()
            key = "t:" + tok.lemma_.casefold()
            if key != target:
                out.setdefault(key, target)
    return out


def _named_at(res: Resolver, base: int, head: Token) -> str | None:
    """The entity a name's head token or, failing that, one of its compound words is a mention of ("Colm
    O’Gorman" where only "Colm" was tagged)."""
    for t in (head, *(c for c in head.children if c.dep_ == "compound" and c.i < head.i)):
        t_start, t_end = token_offsets(t, base)
        found = res.at(t_start, t_end)
        if found is not None:
            return found
    return None
