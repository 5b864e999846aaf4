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
not refer to people), if it is in the pronoun's own sentence, the pronoun is
a possessive, or it is the last clause subject (else the pronoun stays
unresolved: "them" after a newspaper's "reports" is not the newspaper); "the latter"/"the former" take the latest/second
latest entity of the previous sentences; a noun for people or acts of an
actor ("its fighters", "Valdorian officers", "the occupation of the
valley by X") takes the actor that modifies it; "the militia" / "the group"
/ "the country" take the latest organisation / place named in the last
three sentences.  Nationality adjectives join the country whose name they
extend ("Valdorian" → "Valdoria"), a rule of word form, not a list.

An object "her" / "him" in what someone says or alleges is that someone when the clause has a subject of its
own ("Tweeden says Franken groped her": not Franken, binding Principle B; ``resolved_by`` = "pronoun (reporter)").
"He" / "she" take the one person named in the 1,500 characters before them whose gender does not clash (as far as a
title, "Mr." / "Ms.", or a given name tells it: :mod:`.name_gender`), only when that person was named in the last
600 (:data:`~.relation_nodes.RECENT`) and the latest clause subject before them is that person or a pronoun (plural
subjects, organisations and places, and people or gendered nouns of the other gender are passed over).  With two
such people, the last subject is taken when it is known to have the pronoun's gender and no one else known to have
it was named since (``resolved_by`` = "pronoun (topic)"); failing that, the pronoun scorer trained on GAP
(:mod:`unspin.models.pronouns`, ``pronoun_model``) picks one among the people named in the sentence and the three
before when its score is high and clear of the next (``resolved_by`` = "pronoun (scored)"); a description as the
latest subject ("This public servant walked in …"), or an unclear score, leaves the pronoun unresolved: a careful
reader could not be sure who is meant.

Limits: the resolution is recency, syntax and salience, not a full coreference model;
relations spanning two sentences without a pronoun or alias are not joined
here but in the chains; the support cues are English word lists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..causal.chains import READER
from ..document import Document, Span
from ..layers import LayerSpec, object_list
from ..pipeline import Component
from .aliases import is_country, normalise
from .entities import PLACE_PREPOSITIONS
from .parse import hidden_names, names_within, parsed_chunks
from .quote_grammar import CLAIM_XCOMP, REPORTING_VERBS
from .relation_args import RawRelation, children, token_offsets
from .relation_confidence import load_confidence
from .relation_nodes import Node, Resolver, appositions, group_topic, person_pronoun
from .relation_rules import context_cause, find_relations
from .relation_voice import support_of, voice_of
from .relation_words import BODY_PARTS, OUTCOME_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["SUPPORT_ORDER", "Node", "RuleRelations"]

#: Support statuses from weakest to strongest evidence.
SUPPORT_ORDER = ("question", "speculative", "hedged", "asserted", "sourced")

_IT_PRONOUNS = frozenset({"it", "its", "itself"})
#: Rules whose relation reports an accusation or a verdict someone else made.
_REPORTED_PATTERNS = frozenset(
    {"accused-passive", "charged-with", "held-responsible", "blamed-passive", "accusation-noun"}
)
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine"})
_YOU = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_THEY_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
_OWNED_NOUNS = BODY_PARTS | frozenset(
    "fighters commanders units members leaders leadership officers soldiers troops militants forces army "
    "government regime ministry officials agents services intelligence occupation invasion policy "
    "policies money payments weapons support backing funding ranks cells wing founders sponsors capital "
    "seat bombers gunmen men".split()
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
# What can turn into another group when the text names no organisation or country ("the militia became …").
_BECOMING = (
    _GROUP_NOUNS | _COUNTRY_NOUNS | frozenset("party army force gang cell wing coalition alliance protest".split())
)
# Arguments that name nobody in particular: "who is responsible", "nobody has claimed it".
_WH = re.compile(
    r"^(?:who|whom|what|which|whoever|whatever|someone|somebody|anyone|anybody|nobody|no\s+one|none|neither|"
    r"how(?:\s+much|\s+many)?)$",
    re.IGNORECASE,
)


def _unknown_cause(raw: RawRelation, sdoc: SpacyDoc) -> bool:
    """ "what caused Khweis to join ISIS", "what has caused the employee's symptoms": the question word of an indirect
    or direct question, not a relative pronoun, as the cause of a cause or compel verb."""
    head = sdoc[raw.cause[0]] if raw.cause else None
    if head is None or raw.type not in ("cause", "compel") or head.lower_ != "what" or head.tag_ != "WP":
        return False
    clause = head.head
    # "What makes this purge so egregious is that …", "This is what led me to write …": a free relative a copula
    # equates with a cause the text names, not an unknown one
    return clause.dep_ != "csubj" and not (clause.dep_ in ("ccomp", "attr") and clause.head.lemma_ == "be")


def _group_like(res: Resolver, cause: Node, head: Token) -> bool:
    """What can turn into another group: an organisation, country or people named, or a group noun."""
    if cause.entity_id:
        return res.label.get(cause.entity_id) != "PERSON"
    return head.lemma_.lower() in _BECOMING


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


_RELATIONS_SCHEMA = object_list(
    ["id", "type", "cause", "effect", "start", "end", "voice", "support"],
    {
        "id": {"type": "string"},
        "type": {
            "type": "string",
            "description": "e.g. cause, create, arm, fund, support, become, perpetrate, compel, blame",
        },
        "cause": {"allOf": [{"$ref": "#/$defs/located"}], "properties": {"entity_id": {"type": ["string", "null"]}}},
        "effect": {"allOf": [{"$ref": "#/$defs/located"}], "properties": {"entity_id": {"type": ["string", "null"]}}},
        "voice": {
            "enum": ["author", "quoted", "attributed"],
            "description": "attributed: the author reports someone else's reasoning without quoting it",
        },
        "attributed_to": {
            "type": ["string", "null"],
            "description": "source id whose claim or reasoning this is, null for the author",
        },
        "support": {"$ref": "#/$defs/support"},
        "quote_ids": {"type": "array", "items": {"type": "string"}},
    },
    offsets=True,
)


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
    layers = (LayerSpec("relations", "Causal links", "#ffe3c7", order=80, schema=_RELATIONS_SCHEMA),)

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
        res = Resolver(doc)
        res.renamed = appositions(doc, res)
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
        self, doc: Document, res: Resolver, candidates: Sequence[tuple[int, SpacyDoc, SpacySpan]]
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
        names = hidden_names(doc, model.names_method)
        spans = [(base + sent.start_char, base + sent.end_char) for base, _, sent in candidates]
        within = names_within(names, spans) if names is not None else None
        preds = model.predict([sent.text for _, _, sent in candidates], names=within)
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
        res: Resolver,
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
        unknown = cause is not None and _unknown_cause(raw, sdoc)
        if cause is None or (_WH.match(cause.text) and not unknown) or (effect is not None and _WH.match(effect.text)):
            return None
        if unknown:  # "does not know what caused the symptoms": a cause the text says is unknown, joined to nothing
            cause = Node(cause.start, cause.end, cause.text, None, f"unknown:{cause.start}", "unknown")
        if raw.pattern == "act-noun-adjective" and res.label.get(cause.entity_id or "") not in ("GPE", "ORG"):
            return None  # "Valdorian strikes on Marvik" names a state's act; "a Muslim invasion" names no actor
        place = raw.cause is not None and sdoc[raw.cause[0]].ent_type_ == "GPE" and not is_country(cause.text)
        if raw.pattern == "act-noun-adjective" and place:
            return None  # "the Las Vegas shooting", "the Paris attacks": where it happened, not who did it
        if effect is not None and effect.key == cause.key and raw.type != "blame":
            return None  # "its units were absorbed into the Brotherhood" said of the Brotherhood itself
        if raw.type == "become" and raw.cause is not None and not _group_like(res, cause, sdoc[raw.cause[0]]):
            # "Pompeo became Secretary of State", "the days have become weeks", "the missiles had become a separate
            # issue": only a group, party or state turns into another
            return None
        trigger = sdoc[raw.trigger]
        t_start, t_end = token_offsets(trigger, base)
        start = min(x for x in (cause.start, t_start, effect.start if effect else t_start))
        end = max(x for x in (cause.end, t_end, effect.end if effect else t_end))
        sentence = (base + s_start, base + s_end)
        voice, attributed_to, quote_ids, reported_ids = voice_of(doc, t_start, start, end, sentence)
        unnamed_reporter = voice == "author" and _reported_by_someone(trigger)
        if unnamed_reporter:
            voice = "attributed"  # "She claims that K knocked her down" with "she" unresolved: someone's claim
        accuser = self._node(doc, res, base, sdoc, raw.accuser) if raw.accuser else None
        support, cue = support_of(doc, base, trigger, sentence)
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
        res: Resolver,
        base: int,
        sdoc: SpacyDoc,
        arg: tuple[int, int, int],
        avoid: frozenset[str] = frozenset(),
    ) -> Node | None:
        head_i, a, b = arg
        head = sdoc[head_i]
        start, end = base + sdoc[a].idx, base + sdoc[b - 1].idx + len(sdoc[b - 1].text)
        text = doc.text[start:end]
        h_start, h_end = token_offsets(head, base)
        eid, how = self._resolve(res, base, head, h_start, h_end, avoid)
        if eid is None and head.lower_ in _YOU and not any(a <= h_start < b for a, b, _ in res.quotations):
            # "Completing this poll grants you access": in the author's own words "you" is the one reading; in a
            # quotation it is whoever the speaker addressed, which the text seldom says
            return Node(start, end, text, None, READER, "reader")
        if eid is None:
            key = "t:" + head.lemma_.casefold()
            renamed = res.renamed.get(key)
            if renamed is not None and renamed != key:
                # "a resistance (the militia)": the militia is that resistance, an actor or a description
                return Node(start, end, text, renamed if not renamed.startswith("t:") else None, renamed, "apposition")
            return Node(start, end, text, None, key, "text")
        return Node(start, end, text, eid, eid, how)

    def _resolve(
        self, res: Resolver, base: int, head: Token, h_start: int, h_end: int, avoid: frozenset[str] = frozenset()
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
                # nor the subject of its own verb ("Orban sees it as destroying …": "it" is not Orban)
                own = [res.at(*token_offsets(s, base)) for s in head.head.children if s.dep_ == "nsubj"]
                found = [e for e in found if e not in avoid and e not in own]
            if not found:
                return None, "text"
            same_sentence = res.mentioned_between(found[0], base + head.sent.start_char, h_start)
            if not same_sentence and head.dep_ != "poss" and found[0] != group_topic(res, base, head):
                return None, "text"  # the latest actor named is not what the text was talking about: abstain
            return found[0], "pronoun"
        if low in _FIRST_PERSON:
            # "“Karadima abused me”": the one who says "I" in a quotation is its speaker; in the author's voice, nobody
            speaker = res.speaker_at(h_start)
            return (speaker, "pronoun (speaker)") if speaker is not None and speaker not in avoid else (None, "text")
        if low in _PERSON_PRONOUNS:

            def named(tok: Token) -> str | None:
                return self._resolve(res, base, tok, *token_offsets(tok, base))[0]

            return person_pronoun(res, base, head, avoid, named, scored=self.pronoun_model)
        if low in ("latter", "former") and any(c.lower_ == "the" for c in head.children):
            found = res.before(res.sentence_start(h_start), people=True, limit=1500)
            i = 0 if low == "latter" else 1
            return (found[i], low) if len(found) > i else (None, "text")
        if low in _OWNED_NOUNS or head.lemma_.casefold() in _OWNED_NOUNS:
            for c in head.children:
                if c.dep_ in ("poss", "amod", "compound", "nmod"):
                    c_start, c_end = token_offsets(c, base)
                    owner, how = self._resolve(res, base, c, c_start, c_end, avoid)
                    if owner is not None:
                        return owner, f"owner ({how})"
                if c.dep_ == "prep" and c.lower_ in ("of", "from", "by"):
                    for o in c.children:
                        if o.dep_ == "pobj":
                            o_start, o_end = token_offsets(o, base)
                            owner = res.at(o_start, o_end)
                            if owner is not None and res.label.get(owner) not in ("LOC", "FAC"):
                                return owner, "owner (name)"
        # "the group", "the country": the one named before; "the home-schooling movement" names a movement of its own
        if any(c.lower_ == "the" for c in head.children) and not children(head, "compound", "amod", "nmod"):
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
            head.tag_ in ("NN", "NNP")  # "the Chilean bishop": the parser took the lower-case noun for a name
            and head.text.islower()
            and any(c.lower_ in ("the", "this", "that") for c in head.children)
        ):
            titled = res.titled_person(head.lower_, h_start)
            if titled is not None and titled not in avoid:
                return titled, "description (title)"
        return None, "text"


def _same_paragraph(text: str, base: int, previous: SpacySpan, sent: SpacySpan) -> bool:
    # spaCy keeps the blank line in the previous sentence's span, so look from its last word
    end = base + previous.start_char + len(previous.text.rstrip())
    return "\n\n" not in text[end : base + sent.start_char]


def _actors(res: Resolver, attrs: Mapping[str, Any]) -> bool:
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
