"""Causal and agency relations between actors and events (``relations.rules.v1``).

Adds the span layer ``relations``: one span per relation, from its first to
its last word, with ``attrs``:

* ``type``: create, arm, fund, train, support, become, perpetrate, cause,
  compel, allow or blame (:mod:`.relation_rules` lists the patterns);
* ``cause`` / ``effect``: ``{start, end, text, entity_id, node}``, where
  ``node`` is the key chains join on: the entity id, or ``t:<head noun>``
  for an argument that is no named actor ("the ministry"); a blame that
  names no outcome has its own predicate ("is to blame") as effect, with a
  null node;
* ``voice`` and ``attributed_to``: from the ``voice`` layer (the author,
  a quoted source, or someone whose reasoning the author paraphrases) and
  from reported speech ("Western diplomats say that …");
* ``support`` with ``cue`` and ``quote_ids`` — first match wins:

  ========== ===============================================================
  question    the trigger's clause asks it (in "X, who accused Y, asked:
              why?" only what follows the colon is asked)
  speculative inside an "if" or "whether" clause, under wonder / imagine /
              suppose, or in a sentence that opens "If I were" / "What if" /
              "Imagine" / "Suppose"
  hedged      supposedly, reportedly, allegedly, apparently, possibly,
              perhaps, probably, likely; may / might / could / can;
              "must have"; "is said / believed / thought / alleged /
              reported to"; seems / appears; what a charge says ("accused
              of killing"); under the writer's "I believe / think"
  sourced     inside a quotation, or in a sentence that carries a quotation
              from a named source, or in reported speech of a named source, or
              a reported accusation or verdict ("was accused of", "charged with"),
              or in a clause someone reports whose speaker was not found ("She
              claims that …": voice ``attributed``, ``attributed_to`` null)
  asserted    anything else: stated as fact without a source
  ========== ===============================================================

* ``negated`` ("the Brigade of 2019 was not the Brotherhood"), ``pattern``
  (which rule), ``effect_event`` (the effect is an event, not an actor) and
  ``sentence`` (its offsets).

**Confidence.**  Each relation gets ``confidence``: how often relations found the same way (rule and kind of
cause) were right on the dev split of the real-article gold set (:mod:`.relation_confidence`).  Those at or above
the table's threshold (chosen on the same dev split; ``threshold`` overrides it) form the ``relations`` layer that
reports show and chains join; the rest form ``relation_candidates``, which reports list apart.  Ids (``L1``, …) run
over both, in text order.

**The learned model.**  Sentences where no rule fired but that carry a causal
cue word ("after", "amid", "due to", "in response to", …) and name an actor and
an outcome (or two organisations or countries) go to the causal-sentence model trained on the
Causal News Corpus (:mod:`unspin.models.causal`); when it judges the
sentence causal and its cause span names an actor and its effect span an
actor or an outcome, a ``cause`` relation is added with ``method`` =
``cnc-model`` and ``model_score``.  Without the trained file the component
runs on rules alone.

**Arguments to entities.**  An argument is the entity mention at its head
word; else, for a pronoun (it, its, they, their, them), the latest entity
mention before it that is not a person or a nationality ("it" and "its" do
not refer to people); "the latter"/"the former" take the latest/second
latest entity of the previous sentences; a noun for people or acts of an
actor ("its fighters", "Valdorian officers", "the occupation of the
valley by X") takes the actor that modifies it; "the militia" / "the group"
/ "the country" take the latest organisation / place named in the last
three sentences.  Nationality adjectives join the country whose name they
extend ("Valdorian" → "Valdoria"), a rule of word form, not a list.

"He" / "she" take the one person named in the 1,500 characters before them whose gender does not clash (as far
as a title, "Mr." / "Ms.", or a given name tells it: :mod:`.name_gender`), and only when the latest clause subject
before them is that person or a pronoun (plural subjects, organisations and places, and people or gendered nouns of
the other gender are passed over).  With two such people named in the sentence and the three before, the pronoun
scorer trained on GAP (:mod:`unspin.models.pronouns`, ``pronoun_model``) picks one when its score is high and clear
of the next (``resolved_by`` = "pronoun (scored)"); a description as the latest subject ("This public servant walked
in …"), or an unclear score, leaves the pronoun unresolved: a careful reader could not be sure who is meant.

Limits: the resolution is recency, syntax and salience, not a full coreference model;
relations spanning two sentences without a pronoun or alias are not joined
here but in the chains; the support cues are English word lists.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..document import Document, Span
from ..pipeline import Component
from .aliases import normalise
from .entities import PLACE_PREPOSITIONS
from .name_gender import first_name_gender, title_gender
from .parse import parsed_chunks
from .quote_grammar import CLAIM_XCOMP, REPORTING_VERBS
from .relation_args import RawRelation
from .relation_confidence import load_confidence
from .relation_rules import context_cause, find_relations
from .relation_words import OUTCOME_NOUNS, SPECULATIVE_MODALS

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["SUPPORT_ORDER", "Node", "RuleRelations"]

#: Support statuses from weakest to strongest evidence.
SUPPORT_ORDER = ("question", "speculative", "hedged", "asserted", "sourced")

_HEDGE_WORDS = frozenset(
    {
        "supposedly",
        "reportedly",
        "allegedly",
        "apparently",
        "possibly",
        "perhaps",
        "probably",
        "likely",
        "presumably",
        "purportedly",
        "ostensibly",
        "seemingly",
        "maybe",
        "arguably",
        "rumoured",
        "rumored",
    }
)
_HEDGE_MODALS = frozenset({"may", "might", "could", "can"})
_HEDGE_RAISERS = frozenset(
    {"say", "believe", "think", "allege", "report", "rumour", "rumor", "suspect", "seem", "appear"}
)
_BELIEF_VERBS = frozenset({"believe", "think", "suspect", "feel", "doubt"})
_SPECULATION_VERBS = frozenset({"wonder", "imagine", "suppose", "speculate", "guess", "conceive", "ask"})
_SPECULATIVE_OPENERS = re.compile(
    r"^\W*(?:if\s+i\s+were|what\s+if|imagine|suppose|let\s+us\s+suppose)\b", re.IGNORECASE
)
_IT_PRONOUNS = frozenset({"it", "its", "itself"})
#: Verbs whose "of"/"with" gerund is the content of a charge ("accused of killing"), hedged as alleged.
_CHARGE_VERBS = frozenset({"accuse", "charge", "suspect", "indict"})
#: Rules whose relation reports an accusation or a verdict someone else made.
_REPORTED_PATTERNS = frozenset(
    {"accused-passive", "charged-with", "held-responsible", "blamed-passive", "accusation-noun"}
)
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_POSSESSED_PLURAL = re.compile(r"['’]s?\s+(?:[a-z-]+\s+){0,2}[a-z-]+s\b")
_THEY_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
_OWNED_NOUNS = frozenset(
    {
        "fighters",
        "commanders",
        "units",
        "members",
        "leaders",
        "leadership",
        "officers",
        "soldiers",
        "troops",
        "militants",
        "forces",
        "army",
        "government",
        "regime",
        "ministry",
        "officials",
        "agents",
        "services",
        "intelligence",
        "occupation",
        "invasion",
        "policy",
        "policies",
        "money",
        "payments",
        "weapons",
        "support",
        "backing",
        "funding",
        "ranks",
        "cells",
        "wing",
        "founders",
        "sponsors",
        "capital",
        "seat",
        "bombers",
        "gunmen",
        "men",
    }
)
# Words that mark most causal sentences the verb rules do not cover (CNC's signals: "after", "amid", "due to",
# "in response to", "as a result of"); a sentence without one is not worth a model pass.
_CAUSAL_CUES = frozenset(
    "after because due amid following result response since so thus therefore hence thanks owing consequence "
    "behind led leads lead caused causes sparked prompted triggered provoked fuelled fueled drove blamed".split()
)
_GROUP_NOUNS = frozenset(
    {"militia", "group", "movement", "organisation", "organization", "faction", "network", "brigade"}
)
_COUNTRY_NOUNS = frozenset({"country", "state", "republic", "nation", "kingdom"})
# Arguments that name nobody in particular: "who is responsible", "nobody has claimed it".
_WH = re.compile(
    r"^(?:who|whom|what|which|whoever|whatever|someone|somebody|anyone|anybody|nobody|no\s+one|none|neither|"
    r"how(?:\s+much|\s+many)?)$",
    re.IGNORECASE,
)
_DEMONYM_ENDINGS = ("ian", "ean", "an", "ese", "ish", "i", "ic", "n")


def _reported_by_someone(trigger: Token) -> bool:
    """Whether the relation sits in a clause reported by someone other than the author ("She claims that …",
    "the caller said …", "he claims to have seen …"), found or not by the quotes layer: a reporting verb above it,
    through its clause, whose subject is not the writer ("I", "we")."""
    tok = trigger
    while tok.head.i != tok.i:
        edge, tok = tok.dep_, tok.head
        claim = edge == "xcomp" and tok.lemma_.lower() in CLAIM_XCOMP  # "he claims to have seen …"
        if (claim or edge == "ccomp") and tok.lemma_.lower() in REPORTING_VERBS and tok.pos_ in ("VERB", "AUX"):
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if not subj and tok.dep_ == "xcomp":  # "convince her to say that …": she says it
                subj = [c for c in tok.head.children if c.dep_ == "dobj"] or [
                    c for c in tok.head.children if c.dep_ == "nsubj"
                ]
            return bool(subj) and subj[0].lower_ not in ("i", "we", "me", "us")
    return False


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


def _extends(word: str, name: str) -> bool:
    return any(
        word == name + e or (word.endswith(e) and word[: -len(e)] in (name, name[:-1])) for e in _DEMONYM_ENDINGS
    )


def _demonym_map(entities: Sequence[Any]) -> dict[str, str]:
    """NORP entity id → the entity whose name its adjective extends ("Valdorian" → "Valdoria")."""
    places = [(g.id, g.name.casefold()) for g in entities if g.label in ("GPE", "LOC", "ORG") and len(g.name) >= 4]
    out: dict[str, str] = {}
    for g in entities:
        if g.label != "NORP":
            continue
        word = g.name.casefold().removesuffix("s")
        for pid, pname in places:
            if _extends(word, pname):
                out[g.id] = pid
                break
    return out


#: The word right before a name and its capitalised titles ("Supreme Court nominee Brett Kavanaugh" → "nominee").
_TITLE_BEFORE_NAME = re.compile(r"([\w'’-]+)\s+(?:[A-Z][\w.'’-]*\s+){0,3}$")
#: An apposition after a name ("Amber Guyger, a white female cop,").
_APPOSITION_AFTER_NAME = re.compile(r"^,\s+(?:a|an|the)\s+([^,.;:\n]*)[,.]")


class _Resolver:
    def __init__(self, doc: Document) -> None:
        groups = list(doc.groups("entities")) if doc.has("entities") else []
        self.label = {g.id: g.label for g in groups}
        self.name = {g.id: g.name for g in groups}
        self.all_names = {g.id: [g.name, *g.attrs.get("aliases", [])] for g in groups}
        self.demonym = _demonym_map(groups)
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
        #: description key → the key of what it renames ("t:militia" → "t:resistance" or an entity id)
        self.renamed: dict[str, str] = {}
        self._genders: dict[str, str | None] = {}
        self._people_cache: list[tuple[int, int, str]] | None = None
        self._person_starts: dict[str, list[int]] = {}
        self._titles: dict[str, list[tuple[int, str]]] | None = None

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
            if len(name) >= 4 and self.label.get(eid) in ("GPE", "LOC", "ORG") and _extends(w, name):
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

    def owns_plural_before(self, eid: str, pos: int) -> bool:
        """Whether the latest mention of ``eid`` before ``pos`` possesses a plural noun ("Karadima's victims")."""
        latest = max(((s, e) for s, e, x in self.mentions if x == eid and e <= pos), default=None)
        if latest is None:
            return False
        m = _POSSESSED_PLURAL.match(self.text, latest[1])
        return m is not None

    def gender(self, eid: str) -> str | None:
        """ "m" or "f" from a gendered title or the given name (:mod:`.name_gender`); the pronouns near a name were
        tried and misled (a journalist quoted about a woman got "she")."""
        if eid not in self._genders:
            by_title = title_gender(self.text, (s for s, _, e in self.mentions if e == eid))
            by_name = {g for n in self.all_names.get(eid, []) if (g := first_name_gender(n))}
            self._genders[eid] = by_title or (by_name.pop() if len(by_name) == 1 else None)
        return self._genders[eid]

    def person_before(self, pos: int, pronoun: str) -> str | None:
        """The person "he" / "she" at ``pos`` stands for: the one person named in the 1,500 characters before it
        whose gender (as far as the text tells, :meth:`gender`) does not clash; None (abstain) when there are two
        such people, or none."""
        want = "m" if pronoun in ("he", "him", "his", "himself") else "f"
        seen: list[str] = []
        for s, e, eid in reversed(self.mentions):
            if e > pos or s < pos - 1500 or self.label.get(eid) != "PERSON":
                continue
            if self.gender(eid) not in (None, want) or eid in seen:
                continue
            seen.append(eid)
        if len(seen) == 1:
            return seen[0]
        # two candidates: good enough evidence only when the latest of them is known to have the pronoun's gender
        # and is the only one known to (a woman named long before is not "she" when a man of unknown gender was
        # named since)
        known = [e for e in seen if self.gender(e) == want]
        return known[0] if len(known) == 1 and known[0] == seen[0] else None

    def scored_person(self, base: int, pronoun: Token, pos: int, word: str, avoid: frozenset[str]) -> str | None:
        """The person the GAP-trained scorer (:mod:`unspin.models.pronouns`) picks for the pronoun at ``pos`` among
        those named in its sentence and the three before whose gender does not clash; None where it abstains."""
        from ..models.pronouns import features, load_pronoun_scorer

        scorer = load_pronoun_scorer()
        if scorer is None:
            return None
        want = "m" if word in ("he", "him", "his", "himself") else "f"
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
                before = _TITLE_BEFORE_NAME.search(self.text[max(0, s - 60) : s])
                if before is not None:
                    words.add(before.group(1).casefold())
                after = _APPOSITION_AFTER_NAME.match(self.text[e : e + 100])
                if after is not None:
                    words.update(w.casefold() for w in re.findall(r"[\w'’-]+", after.group(1)))
                for w in words:
                    self._titles.setdefault(w, []).append((e, eid))
        found = {eid for e, eid in self._titles.get(noun.casefold(), []) if e <= pos}
        return found.pop() if len(found) == 1 else None

    def sentence_start(self, pos: int) -> int:
        for s, e in self.sentences:
            if s <= pos < e:
                return s
        return pos


def _offset(tok: Token, base: int) -> tuple[int, int]:
    return base + tok.idx, base + tok.idx + len(tok.text)


class RuleRelations(Component):
    """Relations from dependency rules, resolved to entities, with voice and support."""

    name = "relations.rules.v1"
    requires = (
        "parse",
        "sentences",
        "entities",
        "entity_mentions",
        "quotes",
        "sources",
        "voice",
        "reported",
        "paraphrases",
    )
    assigns = ("relations", "relation_candidates")

    def __init__(
        self,
        causal_model: bool = True,
        min_model_score: float = 0.8,
        max_model_sentences: int = 200,
        confidence: bool = True,
        threshold: float | None = None,
        pronoun_model: bool = True,
    ) -> None:
        self.causal_model = causal_model
        self.pronoun_model = pronoun_model
        self.min_model_score = min_model_score
        self.max_model_sentences = max_model_sentences
        self.confidence = confidence
        self.threshold = threshold

    def __call__(self, doc: Document) -> None:
        res = _Resolver(doc)
        res.renamed = _appositions(doc, res)
        spans: list[Span] = []
        candidates: list[tuple[int, SpacyDoc, SpacySpan]] = []
        for base, sdoc in parsed_chunks(doc):
            previous: SpacySpan | None = None
            for sent in sdoc.sents:
                found = find_relations(sent)
                implied: set[int] = set()
                for k, raw in enumerate(found):
                    if raw.cause is None and raw.pattern == "passive-no-agent":
                        cause = (
                            context_cause(previous)
                            if previous is not None and _same_paragraph(doc.text, base, previous, sent)
                            else None
                        )
                        found[k] = replace(raw, cause=cause)
                        implied.add(k)
                for k, raw in enumerate(found):
                    span = self._span(doc, res, base, sdoc, sent.start_char, sent.end_char, raw)
                    if span is not None and k in implied:
                        # who did the forcing is the reader's inference from the sentence before
                        span = Span(span.start, span.end, span.label, self.name, attrs={**span.attrs, "implied": True})
                    if span is not None:
                        spans.append(span)
                if not found and _worth_a_model_look(sent):
                    candidates.append((base, sdoc, sent))
                previous = sent
        if self.causal_model and candidates:
            spans.extend(self._model_relations(doc, res, candidates[: self.max_model_sentences]))
        spans.sort(key=lambda s: (s.start, s.end))
        table = load_confidence() if self.confidence else None
        threshold = self.threshold if self.threshold is not None else table.threshold if table else 0.0
        shown: list[Span] = []
        held: list[Span] = []
        for i, s in enumerate(spans, 1):
            score = table.confidence(s.attrs) if table is not None else None
            attrs = {**s.attrs, "confidence": None if score is None else round(score, 3)}
            span = Span(s.start, s.end, s.label, self.name, id=f"L{i}", attrs=attrs)
            # precision first: what the dev gold says is usually wrong is kept as a candidate, not shown
            (shown if score is None or score >= threshold else held).append(span)
        doc.add_spans("relations", shown, component=self.name)
        doc.add_spans("relation_candidates", held, component=self.name)

    # -- the learned causal-sentence model -------------------------------------
    def _model_relations(
        self, doc: Document, res: _Resolver, candidates: Sequence[tuple[int, SpacyDoc, SpacySpan]]
    ) -> list[Span]:
        """``cause`` relations the rules missed, from the CNC model's cause and effect spans.

        Only the sentences :func:`_worth_a_model_look` picks are read, so the model costs little; a relation is
        kept when the model scores the sentence at ``min_model_score`` or more and the spans link an actor to an
        outcome, or one organisation or country to another.
        """
        from ..models.causal import WEIGHTS, load_causal

        if not WEIGHTS.is_file():  # a checkout without the trained file still analyses with the rules
            return []
        model = load_causal()
        preds = model.predict([sent.text for _, _, sent in candidates])
        out: list[Span] = []
        for (base, sdoc, sent), pred in zip(candidates, preds, strict=True):
            roles = {sp.role: sp for sp in pred.spans}
            # A stricter bar than the dev-tuned threshold: a false link in a chain costs more than a missed one.
            if not pred.causal or pred.score < self.min_model_score or "cause" not in roles or "effect" not in roles:
                continue
            ends = []
            for role in ("cause", "effect"):
                sp = roles[role]
                piece = sent.char_span(sp.start, sp.end, alignment_mode="expand")
                if piece is None or len(piece) == 0:
                    break
                ends.append(piece)
            if len(ends) != 2:
                continue
            cause_tok = _name_token(ends[0])
            # An effect that names an outcome is that event ("the bombing in Dorn"), else the actor it names.
            outcome_tok = next((t for t in ends[1] if t.lower_ in OUTCOME_NOUNS), None)
            effect_head = outcome_tok if outcome_tok is not None else _name_token(ends[1])
            if cause_tok is None or effect_head is None:
                continue
            signal = roles.get("signal")
            trigger_i = ends[1].start
            if signal is not None:
                sig = sent.char_span(signal.start, signal.end, alignment_mode="expand")
                if sig is not None and len(sig):
                    trigger_i = sig.start
            raw = RawRelation(
                "cause",
                trigger_i,
                (cause_tok.i, ends[0].start, ends[0].end),
                (effect_head.i, ends[1].start, ends[1].end),
                "cnc-model",
                effect_event=outcome_tok is not None,
            )
            span = self._span(doc, res, base, sdoc, sent.start_char, sent.end_char, raw)
            # Keep what can join a blame chain: an actor causing an outcome, or one organisation or country
            # acting on another (people's causal talk — "she went after he called" — stays out).
            if span is not None and not (span.attrs["effect_event"] or _actors(res, span.attrs)):
                span = None
            if span is not None:
                attrs = dict(span.attrs)
                attrs.update(method="cnc-model", model_score=round(pred.score, 4))
                out.append(Span(span.start, span.end, span.label, self.name, attrs=attrs))
        return out

    # -- one relation -------------------------------------------------------
    def _span(
        self,
        doc: Document,
        res: _Resolver,
        base: int,
        sdoc: SpacyDoc,
        s_start: int,
        s_end: int,
        raw: RawRelation,
    ) -> Span | None:
        cause = self._node(doc, res, base, sdoc, raw.cause) if raw.cause else None
        # "X created the militia": the militia is not X, whatever was named last.
        avoid = frozenset({cause.entity_id} if cause is not None and cause.entity_id else ())
        effect = self._node(doc, res, base, sdoc, raw.effect, avoid) if raw.effect else None
        if cause is None or _WH.match(cause.text) or (effect is not None and _WH.match(effect.text)):
            return None
        if raw.pattern == "act-noun-adjective" and res.label.get(cause.entity_id or "") not in ("GPE", "ORG"):
            return None  # "Valdorian strikes on Marvik" names a state's act; "a Muslim invasion" names no actor
        if effect is not None and effect.key == cause.key and raw.type != "blame":
            return None  # "its units were absorbed into the Brotherhood" said of the Brotherhood itself
        if raw.type == "become" and (
            res.label.get(cause.entity_id or "") == "PERSON" or cause.text.casefold() in ("he", "she", "i", "we", "you")
        ):
            return None  # "Pompeo became Secretary of State": a person taking a post, not a group turning into one
        trigger = sdoc[raw.trigger]
        t_start, t_end = _offset(trigger, base)
        start = min(x for x in (cause.start, t_start, effect.start if effect else t_start))
        end = max(x for x in (cause.end, t_end, effect.end if effect else t_end))
        sentence = (base + s_start, base + s_end)
        voice, attributed_to, quote_ids, reported_ids = self._voice(doc, t_start, start, end, sentence)
        unnamed_reporter = voice == "author" and _reported_by_someone(trigger)
        if unnamed_reporter:
            voice = "attributed"  # "She claims that K knocked her down" with "she" unresolved: someone's claim
        accuser = self._node(doc, res, base, sdoc, raw.accuser) if raw.accuser else None
        support, cue = self._support(doc, base, trigger, sentence)
        # Inside someone else's words only a named accuser overrides the speaker; a pronoun is too weak a reason.
        named = accuser is not None and (voice == "author" or accuser.resolved_by == "name")
        if accuser is not None and named and support not in ("speculative", "question"):
            # "Moscow blamed X": the accusation is the accuser's when the accuser is a source, also inside someone
            # else's words ("“I wish O'Rourke weren't so quick to blame the officer,” Cruz said": O'Rourke's blame).
            for src in doc.groups("sources"):
                same_entity = accuser.entity_id and src.attrs.get("entity_id") == accuser.entity_id
                if same_entity or normalise(src.name) == normalise(accuser.text):
                    voice, attributed_to = ("attributed" if voice == "author" else voice), src.id
                    break
        if support is None:
            support = "sourced" if quote_ids or reported_ids or unnamed_reporter else "asserted"
            if support == "asserted" and raw.pattern in _REPORTED_PATTERNS:
                # "X was accused of / charged with / found guilty of Y" reports what someone else holds
                support, cue = "sourced", {"start": t_start, "end": t_end, "text": trigger.text}
        attrs: dict[str, Any] = {
            "type": raw.type,
            "cause": cause.to_dict(),
            # A blame that names no outcome points at its own predicate ("is to blame"),
            # with no node, so the report keeps one shape for every relation.
            "effect": effect.to_dict() if effect else Node(t_start, t_end, trigger.text, None, "", "none").to_dict(),
            "trigger": {"start": t_start, "end": t_end, "text": trigger.text},
            "voice": voice,
            "attributed_to": attributed_to,
            "support": support,
            "cue": cue,
            "quote_ids": quote_ids,
            "reported_ids": reported_ids,
            "accuser": accuser.to_dict() if accuser else None,
            "negated": raw.negated,
            "effect_event": raw.effect_event,
            "pattern": raw.pattern,
            "method": "rules",
            "sentence": list(sentence),
        }
        return Span(start, end, raw.type, self.name, attrs=attrs)

    def _node(
        self,
        doc: Document,
        res: _Resolver,
        base: int,
        sdoc: SpacyDoc,
        arg: tuple[int, int, int],
        avoid: frozenset[str] = frozenset(),
    ) -> Node | None:
        head_i, a, b = arg
        head = sdoc[head_i]
        start, end = base + sdoc[a].idx, base + sdoc[b - 1].idx + len(sdoc[b - 1].text)
        text = doc.text[start:end]
        h_start, h_end = _offset(head, base)
        eid, how = self._resolve(res, base, head, h_start, h_end, avoid)
        if eid is None:
            key = "t:" + head.lemma_.casefold()
            renamed = res.renamed.get(key)
            if renamed is not None and renamed != key:
                # "a resistance (the militia)": the militia is that resistance, an actor or a description
                return Node(start, end, text, renamed if not renamed.startswith("t:") else None, renamed, "apposition")
            return Node(start, end, text, None, key, "text")
        return Node(start, end, text, eid, eid, how)

    def _resolve(
        self, res: _Resolver, base: int, head: Token, h_start: int, h_end: int, avoid: frozenset[str] = frozenset()
    ) -> tuple[str | None, str]:
        eid = res.at(h_start, h_end)
        if (
            eid is None
            and (head.pos_ in ("PROPN", "ADJ") or head.ent_type_ == "NORP" or head.i > head.sent.start)
            and head.text[:1].isupper()
        ):
            left = min([head.i, *(c.i for c in head.children if c.dep_ == "compound")])
            eid = res.named(head.doc[left : head.i + 1].text) or res.named(head.text)
        if eid is not None:
            return eid, "name"
        low = head.lower_
        if low in _IT_PRONOUNS or low in _THEY_PRONOUNS:
            # "they" / "them" never stand for one named person ("he would kiss and fondle them": not him)
            found = res.before(h_start, people=False, limit=1500)
            if low in _THEY_PRONOUNS and found and res.owns_plural_before(found[0], h_start):
                # "Karadima's victims reported … fondle them": "them" are the victims, not their possessor
                return None, "text"
            if head.dep_ != "poss":  # "X armed them": not X; "X armed its allies": may be X
                found = [e for e in found if e not in avoid]
            return (found[0], "pronoun") if found else (None, "text")
        if low in _PERSON_PRONOUNS:
            person = res.person_before(h_start, low)
            topic = _topic_subject(res, base, head)
            if person is not None and topic not in (person, None):
                person = None  # the last one the text talked about is someone (or something) else
            how = "pronoun"
            if person is None and topic != "other" and self.pronoun_model:
                # several people fit: the scorer trained on GAP may still tell them apart, or abstains
                person, how = res.scored_person(base, head, h_start, low, avoid), "pronoun (scored)"
            return (person, how) if person is not None and person not in avoid else (None, "text")
        if low in ("latter", "former") and any(c.lower_ == "the" for c in head.children):
            found = res.before(res.sentence_start(h_start), people=True, limit=1500)
            i = 0 if low == "latter" else 1
            return (found[i], low) if len(found) > i else (None, "text")
        if low in _OWNED_NOUNS or head.lemma_.casefold() in _OWNED_NOUNS:
            for c in head.children:
                if c.dep_ in ("poss", "amod", "compound", "nmod"):
                    c_start, c_end = _offset(c, base)
                    owner, how = self._resolve(res, base, c, c_start, c_end)
                    if owner is not None:
                        return owner, f"owner ({how})"
                if c.dep_ == "prep" and c.lower_ in ("of", "from", "by"):
                    for o in c.children:
                        if o.dep_ == "pobj":
                            o_start, o_end = _offset(o, base)
                            owner = res.at(o_start, o_end)
                            if owner is not None and res.label.get(owner) not in ("LOC", "FAC"):
                                return owner, "owner (name)"
        if any(c.lower_ == "the" for c in head.children):
            if low in _GROUP_NOUNS:
                found = [
                    e
                    for e in res.before(h_start, people=False, limit=600)
                    if res.label.get(e) == "ORG" and e not in avoid
                ]
                return (found[0], "description") if found else (None, "text")
            if low in _COUNTRY_NOUNS:
                found = [
                    e
                    for e in res.before(h_start, people=False, limit=600)
                    if res.label.get(e) == "GPE" and e not in avoid
                ]
                return (found[0], "description") if found else (None, "text")
        if (
            head.pos_ == "NOUN"
            and head.tag_ == "NN"
            and any(c.lower_ in ("the", "this", "that") for c in head.children)
        ):
            titled = res.titled_person(head.lower_, h_start)
            if titled is not None and titled not in avoid:
                return titled, "description (title)"
        return None, "text"

    # -- voice and support ------------------------------------------------------
    @staticmethod
    def _voice(
        doc: Document, trigger: int, start: int, end: int, sentence: tuple[int, int]
    ) -> tuple[str, str | None, list[str], list[str]]:
        voice, attributed_to = "author", None
        # The voice layer labels whole sentences; a sentence that is mostly reported speech is "attributed", but a
        # relation outside the reported clause ("If X were saying that …, he would be accused of …") is not.
        within = [(r.start, r.end) for r in doc.spans("reported")]
        within += [(p.start, p.end) for p in doc.spans("paraphrases")]
        for v in doc.spans("voice"):
            if v.start <= trigger < v.end:
                if v.label == "attributed" and not any(a <= trigger < b for a, b in within):
                    break
                voice = v.label
                attributed_to = v.attrs.get("source_id")
                break
        quote_ids: list[str] = []
        for q in doc.spans("quotes"):
            if q.attrs.get("phrase") and not (q.start <= trigger < q.end):
                continue  # a scare-quoted word elsewhere in the sentence ("accused of “Islamophobia”") sources nothing
            inside = q.start <= trigger < q.end or (q.start <= start and end <= q.end)
            in_sentence = sentence[0] <= q.start and q.end <= sentence[1]
            if (inside or in_sentence) and q.attrs.get("source_id") and q.id:
                quote_ids.append(q.id)
                if voice == "author":
                    voice = "quoted" if inside else "attributed"
                    attributed_to = q.attrs.get("source_id")
        holding = [
            q
            for q in doc.spans("quotes")
            if q.start <= trigger < q.end and not q.attrs.get("phrase") and q.attrs.get("source_id")
        ]
        if holding and voice == "quoted":
            # a quotation inside a block quote is its own speaker's ("“I thought he might kill me,” said Ford" in
            # an excerpt of French's article): the innermost quotation holds it
            voice, attributed_to = "quoted", min(holding, key=lambda q: q.end - q.start).attrs.get("source_id")
        reported_ids: list[str] = []
        # innermost first: in "the magazine reported that R claims to have been assaulted by K" the claim is R's
        innermost = True
        unnamed = {g.id for g in doc.groups("sources") if g.attrs.get("kind") == "unnamed"}
        for r in sorted(doc.spans("reported"), key=lambda x: x.end - x.start):
            if r.start <= trigger < r.end and r.attrs.get("source_id"):
                if r.id:
                    reported_ids.append(r.id)
                if voice == "quoted" and r.attrs.get("source_id") in unnamed:
                    innermost = False  # "any politician who's accused of misconduct" in French's words: his
                    continue
                if innermost and (voice in ("author", "attributed") or r.attrs.get("source_id") != attributed_to):
                    # inside a quotation, what a speaker there reports is held by that speaker ("“The caller
                    # reported she was assaulted by X” — a tweet": the caller's claim, relayed by the tweet)
                    voice, attributed_to = "attributed", r.attrs.get("source_id")
                innermost = False
        if voice == "author" and any(
            q.start <= trigger < q.end and not q.attrs.get("phrase") and not q.attrs.get("source_id")
            for q in doc.spans("quotes")
        ):
            # words in quotation marks whose speaker was not found are still someone else's: quoted, holder unknown
            voice = "quoted"
        if voice == "author":
            attributed_to = None
        return voice, attributed_to, quote_ids, reported_ids

    @staticmethod
    def _support(doc: Document, base: int, trigger: Token, sentence: tuple[int, int]) -> tuple[str | None, Any]:
        text = doc.text[sentence[0] : sentence[1]]
        if text.rstrip().rstrip("\"'”’)»").endswith("?"):
            # "X, who accused Y of Z, had a message: Where was mine?" asks only what follows the colon or dash
            t_at = base + trigger.idx - sentence[0]
            if not re.search(r"[:—–]|\s-\s", text[t_at:]):
                return "question", None
        chain = [trigger, *trigger.ancestors]
        if _SPECULATIVE_OPENERS.match(text):
            return "speculative", _cue(base, trigger.sent[0])
        for tok in chain:
            for c in tok.children:
                if c.dep_ == "mark" and c.lower_ in ("if", "whether"):
                    return "speculative", _cue(base, c)
                # "why X would blame Y", "it would have been …": a conditional, not a claim; but "they reported
                # that he would fondle them" is a past habit or future in reported speech
                if (
                    c.dep_ == "aux"
                    and c.lower_ in SPECULATIVE_MODALS
                    and tok.i in {t.i for t in _clause(trigger)}
                    and not _reported_clause(tok)
                ):
                    return "speculative", _cue(base, c)
            if tok.i != trigger.i and tok.lemma_.casefold() in _SPECULATION_VERBS:
                return "speculative", _cue(base, tok)
        for tok in trigger.ancestors:
            # "I believe (it is more likely than not) that X committed …": the writer's belief, not a fact stated
            if tok.lemma_.casefold() in _BELIEF_VERBS and any(
                c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in tok.children
            ):
                return "hedged", _cue(base, tok)
        below = [trigger]
        for tok in trigger.ancestors:
            # "accused of killing the boy": the killing is what the accusation says, not a fact the text states
            if tok.lemma_.lower() in _CHARGE_VERBS and any(t.dep_ == "pcomp" for t in below):
                return "hedged", _cue(base, tok)
            below.append(tok)
        for tok in _clause(trigger):
            for c in tok.children:
                if c.dep_ in ("advmod", "amod") and c.lower_ in _HEDGE_WORDS:
                    return "hedged", _cue(base, c)
                if c.dep_ == "aux" and c.lower_ in _HEDGE_MODALS:
                    return "hedged", _cue(base, c)
                # "must have carried out": an inference, not a report ("must be held responsible" is a demand)
                if c.dep_ == "aux" and c.lower_ == "must" and any(a.lower_ == "have" for a in tok.children):
                    return "hedged", _cue(base, c)
            if (
                tok.i != trigger.i
                and tok.lemma_.casefold() in _HEDGE_RAISERS
                and (any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or tok.lemma_ in ("seem", "appear"))
            ):
                return "hedged", _cue(base, tok)
        for tok in trigger.sent:
            if tok.lower_ in _HEDGE_WORDS and tok.dep_ == "advmod" and tok.head.i in {t.i for t in chain}:
                return "hedged", _cue(base, tok)
        return None, None


#: Nouns whose gender English grammar fixes, so a "she" cannot mean "the man" (a closed class, not a lexicon).
_GENDERED_NOUNS = {
    **dict.fromkeys("man boy father son husband brother uncle nephew king prince gentleman".split(), "m"),
    **dict.fromkeys("woman girl mother daughter wife sister aunt niece queen princess lady".split(), "f"),
}


def _topic_subject(res: _Resolver, base: int, pronoun: Token) -> str | None:
    """What the latest clause subject before a "he" / "she" (in its sentence and the three before) names: a person
    entity's id, ``"other"`` for a description ("This public servant walked in …") or any other name, or None when
    there is no such subject (pronoun subjects and "that"/"it" are skipped: they carry the topic on)."""
    doc = pronoun.doc
    first = pronoun.sent.start
    for _ in range(3):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    want = "m" if pronoun.lower_ in ("he", "him", "his", "himself") else "f"
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
        s, e = _offset(tok, base)
        eid = res.at(s, e)
        if eid is not None and res.label.get(eid) == "PERSON":
            if res.gender(eid) not in (None, want):
                continue  # "Cruz said …, she …": a man named last is not who "she" means
            return eid
        if eid is not None and res.label.get(eid) in ("ORG", "GPE", "NORP", "LOC", "FAC"):
            continue  # an organisation or a country is an "it", not a "she"
        return "other"
    return None


def _appositions(doc: Document, res: _Resolver) -> dict[str, str]:
    """Descriptions that rename something in the text: an apposition or a parenthesis ("a resistance (the
    militia)", "the Harrow Front, a militia,") makes the description's later uses ("the militia") mean the thing
    it renamed, so chains join them.  Only common-noun descriptions are renamed; two names in apposition are left
    to the entity layer."""
    out: dict[str, str] = {}
    for base, sdoc in parsed_chunks(doc):
        for tok in sdoc:
            if tok.dep_ != "appos" or tok.pos_ != "NOUN" or tok.head.pos_ not in ("NOUN", "PROPN"):
                continue
            head = tok.head
            h_start, h_end = _offset(head, base)
            target = res.at(h_start, h_end) or "t:" + head.lemma_.casefold()
            key = "t:" + tok.lemma_.casefold()
            if key != target:
                out.setdefault(key, target)
    return out


def _same_paragraph(text: str, base: int, previous: SpacySpan, sent: SpacySpan) -> bool:
    # spaCy keeps the blank line in the previous sentence's span, so look from its last word
    end = base + previous.start_char + len(previous.text.rstrip())
    return "\n\n" not in text[end : base + sent.start_char]


def _actors(res: _Resolver, attrs: Mapping[str, Any]) -> bool:
    ids = [attrs["cause"].get("entity_id"), (attrs.get("effect") or {}).get("entity_id")]
    return all(i is not None and res.label.get(i) in ("ORG", "GPE", "NORP") for i in ids)


def _worth_a_model_look(sent: SpacySpan) -> bool:
    """A sentence that names an actor and an outcome, or two organisations or countries: where a causal claim
    could join a chain (the same test :func:`_actors` applies to what the model returns, made before the model)."""
    groups = {t.i for t in sent if t.ent_type_ in ("ORG", "GPE", "NORP") and t.ent_iob_ == "B"}
    people = any(t.ent_type_ == "PERSON" for t in sent)
    outcome = any(t.lower_ in OUTCOME_NOUNS for t in sent)
    cue = any(t.lower_ in _CAUSAL_CUES for t in sent)
    return len(sent) >= 6 and cue and (len(groups) >= 2 or ((groups or people) and outcome))


def _name_token(piece: SpacySpan) -> Token | None:
    """The first named actor in a span the model marked (its entity or proper noun), not a place ("in Dorn")."""
    for tok in piece:
        if not (tok.ent_type_ in ("ORG", "GPE", "NORP", "PERSON") or tok.pos_ == "PROPN"):
            continue
        head = tok
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPOSITIONS:
            continue
        return tok
    return None


def _reported_clause(verb: Token) -> bool:
    """Whether the verb heads the clause a reporting verb reports ("X said that he would …")."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS


def _clause(trigger: Token) -> Iterator[Token]:
    """The trigger and the verbs it hangs from up to (not past) a reporting or main verb."""
    tok = trigger
    yield tok
    for _ in range(3):
        if tok.dep_ not in ("xcomp", "conj", "ccomp", "acomp", "attr", "oprd") or tok.head.i == tok.i:
            return
        tok = tok.head
        yield tok


def _cue(base: int, tok: Token) -> dict[str, Any]:
    s, e = _offset(tok, base)
    return {"start": s, "end": e, "text": tok.text}
