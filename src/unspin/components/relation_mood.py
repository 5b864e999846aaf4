"""Whether a predicate tells of something that happened: aims and wishes ("… to help those people"), words the
tagger took for adjectives but are verbs ("was “compelled” to"), and objects a quantifier empties ("committed no
crime", "before he has committed any crime").

Plain functions over spaCy tokens, read by :func:`unspin.components.relation_rules.find_relations` before and after
it runs its patterns.  Limits: English only; the parse decides what a clause hangs from, so a purpose clause the
parser attaches to the wrong verb is judged by that verb.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .relation_args import RawRelation, is_passive
from .relation_words import IRREALIS_HEADS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["quantified", "unreal", "verbal"]


def verbal(tok: Token) -> bool:
    """A verb, or a word the tagger mis-tagged whose form is verbal ("was “compelled” to": an adjective between
    quotation marks)."""
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        return True
    quoted = tok.i > 0 and tok.doc[tok.i - 1].is_quote
    return tok.pos_ == "ADJ" and quoted and tok.lower_.endswith("ed")


def unreal(verb: Token) -> bool:
    """An aim or wish rather than an act: a purpose infinitive ("… to help those people", "no effort must be spared
    to create"), an infinitive under need / want / try / be supposed …, one that describes a noun ("ways to
    assassinate people"), or a participle used as an adjective ("accused child abusers")."""
    if verb.dep_ == "amod" or (verb.dep_ == "conj" and verb.head.dep_ == "amod"):
        return True  # ("David Duke's bigoted and inciting material")
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ == "conj" and verb.head.i != verb.i and (to or verb.tag_ == "VB") and unreal(verb.head):
        # "a special counsel to dig into the Clintons and bring about justice", "to curry favour … and to damage
        # Assange's support": the aim covers every verb coordinated with it ("wanted to help them and killed
        # them": a past verb tells of a deed)
        return True
    if to and verb.dep_ in ("acl", "relcl") and not is_passive(verb) and verb.head.pos_ == "NOUN":
        # "ways to assassinate people", "a plan to invade": what could be done; "the first man to walk on the
        # moon" tells of what was
        return not any(c.lower_ in ("first", "last", "only") for c in verb.head.children)
    if to and verb.dep_ == "advcl":
        # "did more to create the Brotherhood than …" says what brought it about; other "to" clauses are aims
        return verb.head.lemma_.lower() != "do"
    return to and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in IRREALIS_HEADS


def quantified(r: RawRelation, doc: Doc) -> RawRelation | None:
    """ "a citizen who has committed no crime" denies the deed; "before the individual has committed any crime"
    (any, with no negation to license it) tells of no deed that happened."""
    if r.effect is None:
        return r
    dets = {c.lower_ for c in doc[r.effect[0]].children if c.dep_ == "det"}
    if "no" in dets and not r.negated:
        return replace(r, negated=True)
    if "any" in dets and not r.negated and r.type == "perpetrate":
        return None
    return r
