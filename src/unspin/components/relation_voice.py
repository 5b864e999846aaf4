"""Whose a relation is and how firmly the text holds it: the voice (the author's, quoted, or attributed to someone
who reports it), the holder, and the support (asserted, hedged, speculative, sourced, a question).  Used by
:mod:`unspin.components.relations`, whose docstring gives the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..document import Document
from .parse import parsed_chunks
from .quote_grammar import REPORTING_VERBS, SPEAKING_VERBS
from .relation_args import token_offsets
from .relation_words import SPECULATIVE_MODALS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["support_of", "voice_of"]


HEDGE_WORDS = frozenset(
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

HEDGE_MODALS = frozenset({"may", "might", "could", "can"})

HEDGE_RAISERS = frozenset(
    {"say", "believe", "think", "allege", "report", "rumour", "rumor", "suspect", "seem", "appear"}
)

BELIEF_VERBS = frozenset({"believe", "think", "suspect", "feel", "doubt"})

SPECULATION_VERBS = frozenset({"wonder", "imagine", "suppose", "speculate", "guess", "conceive", "ask"})

SPECULATIVE_OPENERS = re.compile(r"^\W*(?:if\s+i\s+were|what\s+if|imagine|suppose|let\s+us\s+suppose)\b", re.IGNORECASE)

#: Verbs whose "of"/"with" gerund is the content of a charge ("accused of killing"), hedged as alleged.
CHARGE_VERBS = frozenset({"accuse", "charge", "suspect", "indict"})


def reported_clause(verb: Token) -> bool:
    """Whether the verb heads the clause a reporting verb reports ("X said that he would …")."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS


def clause_of(trigger: Token) -> Iterator[Token]:
    """The trigger and the verbs it hangs from up to (not past) a reporting or main verb."""
    tok = trigger
    yield tok
    for _ in range(3):
        if tok.dep_ not in ("xcomp", "conj", "ccomp", "acomp", "attr", "oprd") or tok.head.i == tok.i:
            return
        tok = tok.head
        yield tok


def cue_of(base: int, tok: Token) -> dict[str, Any]:
    s, e = token_offsets(tok, base)
    return {"start": s, "end": e, "text": tok.text}


# -- voice and support ------------------------------------------------------
def voice_of(
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
        # a quotation cried out in the sentence ("X stabbed three people while shouting “…”") does not make the
        # sentence a report of what X says
        in_sentence = sentence[0] <= q.start and q.end <= sentence[1] and not _shouted(doc, q.attrs.get("cue"))
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


def support_of(doc: Document, base: int, trigger: Token, sentence: tuple[int, int]) -> tuple[str | None, Any]:
    text = doc.text[sentence[0] : sentence[1]]
    if text.rstrip().rstrip("\"'”’)»").endswith("?"):
        # "X, who accused Y of Z, had a message: Where was mine?" asks only what follows the colon or dash
        t_at = base + trigger.idx - sentence[0]
        if not re.search(r"[:—–]|\s-\s", text[t_at:]):
            return "question", None
    chain = [trigger, *trigger.ancestors]
    if SPECULATIVE_OPENERS.match(text):
        return "speculative", cue_of(base, trigger.sent[0])
    for tok in chain:
        for c in tok.children:
            if c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless"):
                return "speculative", cue_of(base, c)
            # "why X would blame Y", "it would have been …": a conditional, not a claim; but "they reported
            # that he would fondle them" is a past habit or future in reported speech
            if (
                c.dep_ == "aux"
                and c.lower_ in SPECULATIVE_MODALS
                and tok.i in {t.i for t in clause_of(trigger)}
                and not reported_clause(tok)
            ):
                return "speculative", cue_of(base, c)
        if tok.i != trigger.i and tok.lemma_.casefold() in SPECULATION_VERBS:
            return "speculative", cue_of(base, tok)
    for tok in trigger.ancestors:
        # "I believe (it is more likely than not) that X committed …": the writer's belief, not a fact stated
        if tok.lemma_.casefold() in BELIEF_VERBS and any(
            c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in tok.children
        ):
            return "hedged", cue_of(base, tok)
    below = [trigger]
    for tok in trigger.ancestors:
        # "accused of killing the boy": the killing is what the accusation says, not a fact the text states
        if tok.lemma_.lower() in CHARGE_VERBS and any(t.dep_ == "pcomp" for t in below):
            return "hedged", cue_of(base, tok)
        below.append(tok)
    for tok in clause_of(trigger):
        for c in tok.children:
            if c.dep_ in ("advmod", "amod") and c.lower_ in HEDGE_WORDS:
                return "hedged", cue_of(base, c)
            if c.dep_ == "aux" and c.lower_ in HEDGE_MODALS:
                return "hedged", cue_of(base, c)
            # "must have carried out": an inference, not a report ("must be held responsible" is a demand)
            if c.dep_ == "aux" and c.lower_ == "must" and any(a.lower_ == "have" for a in tok.children):
                return "hedged", cue_of(base, c)
        if (
            tok.i != trigger.i
            and tok.lemma_.casefold() in HEDGE_RAISERS
            and (any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or tok.lemma_ in ("seem", "appear"))
        ):
            return "hedged", cue_of(base, tok)
    for tok in trigger.sent:
        if tok.lower_ in HEDGE_WORDS and tok.dep_ == "advmod" and tok.head.i in {t.i for t in chain}:
            return "hedged", cue_of(base, tok)
    return None, None


def _shouted(doc: Document, cue: Any) -> bool:
    """Whether a quotation's cue is a verb of a manner of speaking (:data:`~.quote_grammar.SPEAKING_VERBS`)."""
    if not isinstance(cue, dict) or cue.get("start") is None:
        return False
    start, end = int(cue["start"]), int(cue["end"])
    for base, sdoc in parsed_chunks(doc):
        if base <= start < base + len(sdoc.text):
            span = sdoc.char_span(start - base, end - base, alignment_mode="expand")
            return span is not None and len(span) > 0 and span.root.lemma_.lower() in SPEAKING_VERBS
    return False
