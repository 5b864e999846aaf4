"""Which person a "he" / "she" stands for: a small logistic scorer over the parse, trained on GAP.

The rules of :mod:`unspin.components.relations` resolve a third-person pronoun only when one person fits; where two
or more fit, they abstain.  This scorer ranks the people who fit by where and how they were mentioned — subject or
object, in the sentence or the one before, the latest of them or not, mentioned often, the subject of the clause that
governs the pronoun ("X said he …"), or an argument of the pronoun's own verb (binding: "X praised him" is not X) —
and the resolver takes its best candidate only when the score is high and clear of the next one.

Trained by :mod:`unspin.training.pronouns` on the GAP development split (Webster et al. 2018, TACL), whose two
candidates always share the pronoun's gender, so the features must tell them apart by syntax and salience alone;
the threshold and margin are chosen by 5-fold cross-validation on that split for precision, and the GAP validation
split is scored once as held out (figures in ``weights/pronouns.v1.json`` and ``unspin relations pronouns``).

Limits: GAP is Wikipedia biography prose; news quotes, headlines and lists are not in it.  Gender is not a feature:
the caller drops the people whose known gender clashes (:mod:`unspin.components.name_gender`).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["FEATURES", "PRONOUNS_FILE", "PronounScorer", "features", "load_pronoun_scorer"]

PRONOUNS_FILE = Path(__file__).parent / "weights" / "pronouns.v1.json"

#: Feature names, in the order :func:`features` returns them.
FEATURES = (
    "bias",
    "before",
    "same_sentence",
    "previous_sentence",
    "log_token_distance",
    "candidate_subject",
    "pronoun_subject",
    "both_subjects",
    "candidate_object",
    "candidate_possessive",
    "candidate_in_prep",
    "pronoun_possessive",
    "co_argument",
    "governs_pronoun",
    "latest_candidate",
    "people_between",
    "log_mentions",
    "first_person_named",
    "candidate_main_clause",
    "pronoun_sentence_start",
)

_SUBJ = frozenset({"nsubj", "nsubjpass"})
_OBJ = frozenset({"dobj", "iobj", "attr", "oprd"})


def _clause_verb(tok: Token) -> Token:
    """The verb (or root) whose clause ``tok`` belongs to."""
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def features(
    pronoun: Token,
    candidate: Token,
    *,
    latest: bool,
    people_between: int,
    mentions: int,
    first_named: bool,
) -> list[float]:
    """The feature vector of one (pronoun, candidate) pair; ``candidate`` is the head word of one mention of the
    candidate (its latest before the pronoun where there is one), both in the same spaCy Doc."""
    before = candidate.i < pronoun.i
    p_sent, c_sent = pronoun.sent, candidate.sent
    same = p_sent.start == c_sent.start
    previous = not same and before and c_sent.end == p_sent.start
    c_subj = candidate.dep_ in _SUBJ
    p_subj = pronoun.dep_ in _SUBJ
    p_verb, c_verb = _clause_verb(pronoun), _clause_verb(candidate)
    co_argument = same and p_verb.i == c_verb.i and pronoun.dep_ != "poss"
    governs = c_subj and any(a.i == c_verb.i for a in p_verb.ancestors)
    return [
        1.0,
        float(before),
        float(same),
        float(previous),
        math.log1p(abs(pronoun.i - candidate.i)),
        float(c_subj),
        float(p_subj),
        float(c_subj and p_subj),
        float(candidate.dep_ in _OBJ),
        float(candidate.dep_ == "poss"),
        float(candidate.dep_ == "pobj"),
        float(pronoun.dep_ == "poss" or (pronoun.lower_ in ("his", "her") and pronoun.tag_ == "PRP$")),
        float(co_argument),
        float(governs),
        float(latest),
        float(min(people_between, 4)),
        math.log1p(mentions),
        float(first_named),
        float(c_verb.dep_ == "ROOT"),
        float(pronoun.i == p_sent.start),
    ]


@dataclass(frozen=True)
class PronounScorer:
    """Logistic weights over :data:`FEATURES`, with the decision rule chosen at training."""

    weights: tuple[float, ...]
    threshold: float
    margin: float

    def __post_init__(self) -> None:
        if len(self.weights) != len(FEATURES):
            raise ValueError(f"pronoun scorer: {len(self.weights)} weights for {len(FEATURES)} features")

    def score(self, x: Sequence[float]) -> float:
        z = sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def choose(self, scored: Sequence[tuple[float, Any]]) -> Any | None:
        """The best candidate of ``(score, candidate)`` pairs when it clears the threshold and the margin over the
        next one; None (abstain) otherwise."""
        if not scored:
            return None
        ranked = sorted(scored, key=lambda sc: -sc[0])
        best = ranked[0][0]
        second = ranked[1][0] if len(ranked) > 1 else 0.0
        if best >= self.threshold and best - second >= self.margin:
            return ranked[0][1]
        return None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PronounScorer:
        names = list(data["features"])
        if names != list(FEATURES):
            raise ValueError("pronoun scorer: the weights file was trained on other features; retrain it")
        return cls(tuple(float(w) for w in data["weights"]), float(data["threshold"]), float(data["margin"]))


@functools.cache
def load_pronoun_scorer(path: Path = PRONOUNS_FILE) -> PronounScorer | None:
    """The shipped scorer, or None where the file is missing (the rules then abstain as before)."""
    if not path.is_file():
        return None
    return PronounScorer.from_dict(json.loads(path.read_text(encoding="utf-8")))
