"""Train the pronoun scorer (:mod:`unspin.models.pronouns`) on GAP and measure it.

GAP rows give one pronoun and two candidate names (A, B) with character offsets and whether each is the pronoun's
antecedent.  Each candidate becomes one training pair; its features are read at its latest mention before the pronoun
(the surname searched in the text), as the resolver reads them at an entity's latest mention.  Logistic regression
(L2, Newton steps, numpy only) gives the weights.  The decision rule (threshold on the best score, margin over the
other) is chosen on out-of-fold scores of a 5-fold split of the development rows: the rule that resolves the most rows
at a precision of at least ``min_precision``.  The validation split is scored once, as held out.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..models.pronouns import FEATURES, PronounScorer, features

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc as SpacyDoc

__all__ = ["GapRow", "choose_rule", "evaluate", "fit_logistic", "pairs", "read_gap", "train_pronouns"]


@dataclass(frozen=True)
class GapRow:
    """One GAP example."""

    id: str
    text: str
    pronoun: str
    pronoun_at: int
    names: tuple[tuple[str, int, bool], tuple[str, int, bool]]


def read_gap(path: Path) -> list[GapRow]:
    """The rows of one GAP TSV file."""
    if not path.is_file():
        raise InputError(
            str(path), "no such GAP file", "pass --gap with a GAP .tsv, or set UNSPIN_DATA to a folder holding gap/"
        )
    rows: list[GapRow] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, r in enumerate(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 2):
            try:
                rows.append(
                    GapRow(
                        r["ID"],
                        r["Text"],
                        r["Pronoun"],
                        int(r["Pronoun-offset"]),
                        (
                            (r["A"], int(r["A-offset"]), r["A-coref"].upper() == "TRUE"),
                            (r["B"], int(r["B-offset"]), r["B-coref"].upper() == "TRUE"),
                        ),
                    )
                )
            except (KeyError, ValueError, AttributeError) as exc:
                raise InputError(f"{path}:{n}", f"not a GAP row ({exc})", "pass an unmodified GAP .tsv") from exc
    return rows


def _latest_mention(text: str, name: str, at: int, before: int) -> int:
    """Where the latest mention of ``name`` before ``before`` starts (its full form or its last word), else ``at``."""
    best = -1
    for form in {name, name.split()[-1]}:
        i = text.rfind(form, 0, before)
        if i >= 0 and i + len(form) <= before:
            best = max(best, i)
    return best if best >= 0 else at


def pairs(row: GapRow, sdoc: SpacyDoc) -> list[tuple[list[float], bool]] | None:
    """Feature vectors and labels of the two candidates of one row (None where the offsets do not fit the parse)."""
    p_span = sdoc.char_span(row.pronoun_at, row.pronoun_at + len(row.pronoun), alignment_mode="expand")
    if p_span is None or len(p_span) != 1:
        return None
    pronoun = p_span[0]
    found: list[tuple[Any, int, str, bool]] = []
    for name, at, gold in row.names:
        start = _latest_mention(row.text, name, at, row.pronoun_at)
        form = name if row.text.startswith(name, start) else name.split()[-1]
        span = sdoc.char_span(start, start + len(form), alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        found.append((span.root, start, name, gold))
    people = [e for e in sdoc.ents if e.label_ == "PERSON"]
    first_person = people[0].text if people else ""
    out: list[tuple[list[float], bool]] = []
    for k, (tok, start, name, gold) in enumerate(found):
        other_start = found[1 - k][1]
        latest = start < row.pronoun_at and (other_start > row.pronoun_at or start >= other_start)
        lo, hi = sorted((start, row.pronoun_at))
        between = sum(1 for e in people if lo < e.start_char and e.end_char < hi and name.split()[-1] not in e.text)
        mentions = row.text.count(name.split()[-1], 0, row.pronoun_at)
        first_named = bool(first_person) and name.split()[-1] in first_person
        x = features(pronoun, tok, latest=latest, people_between=between, mentions=mentions, first_named=first_named)
        out.append((x, gold))
    return out


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 25) -> np.ndarray:
    """Weights of an L2-regularised logistic regression by Newton's method (the bias, column 0, is not penalised)."""
    import numpy as np

    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg) + 1e-9 * np.eye(x.shape[1])
        w -= np.linalg.solve(hess, grad)
    return w


def evaluate(rows_scores: Iterable[Sequence[tuple[float, bool]]], threshold: float, margin: float) -> dict[str, float]:
    """Precision and coverage of the rule over rows of ``(score, is antecedent)`` candidates."""
    rule = PronounScorer(tuple([0.0] * len(FEATURES)), threshold, margin)
    chosen = right = total = 0
    for cands in rows_scores:
        total += 1
        pick = rule.choose([(s, gold) for s, gold in cands])
        if pick is not None:
            chosen += 1
            right += int(bool(pick))
    return {
        "rows": total,
        "resolved": chosen,
        "right": right,
        "precision": right / chosen if chosen else 0.0,
        "coverage": chosen / total if total else 0.0,
    }


def choose_rule(rows_scores: Sequence[Sequence[tuple[float, bool]]], min_precision: float) -> tuple[float, float]:
    """The (threshold, margin) resolving the most rows at ``min_precision`` or more (the strictest rule where none
    reaches it)."""
    best: tuple[int, float, float] | None = None
    for t in [0.5 + 0.025 * i for i in range(19)]:
        for m in [0.05 * i for i in range(13)]:
            ev = evaluate(rows_scores, t, m)
            if ev["precision"] >= min_precision and (best is None or ev["resolved"] > best[0]):
                best = (int(ev["resolved"]), t, m)
    return (best[1], best[2]) if best is not None else (0.95, 0.6)


def _featurise(rows: Sequence[GapRow]) -> list[list[tuple[list[float], bool]]]:
    from ..models.spacy_pipeline import load_spacy

    nlp = load_spacy()
    out = []
    for row, sdoc in zip(rows, nlp.pipe([r.text for r in rows], batch_size=64), strict=True):
        got = pairs(row, sdoc)
        if got is not None:
            out.append(got)
    return out


def train_pronouns(dev: Path, validation: Path, *, min_precision: float = 0.9, folds: int = 5) -> dict[str, Any]:
    """Train on GAP development, choose the rule by k-fold there, score validation once; the weights file's dict."""
    import numpy as np

    train_rows = _featurise(read_gap(dev))
    held_rows = _featurise(read_gap(validation))

    def matrix(rows: Sequence[Sequence[tuple[list[float], bool]]]) -> tuple[np.ndarray, np.ndarray]:
        xs = [x for r in rows for x, _ in r]
        ys = [float(g) for r in rows for _, g in r]
        return np.array(xs, dtype=float), np.array(ys, dtype=float)

    def scored(w: np.ndarray, rows: Sequence[Sequence[tuple[list[float], bool]]]) -> list[list[tuple[float, bool]]]:
        return [[(1.0 / (1.0 + math.exp(-float(np.clip(np.dot(w, x), -30, 30)))), g) for x, g in r] for r in rows]

    out_of_fold: list[list[tuple[float, bool]]] = []
    for k in range(folds):
        fit = [r for i, r in enumerate(train_rows) if i % folds != k]
        held = [r for i, r in enumerate(train_rows) if i % folds == k]
        out_of_fold += scored(fit_logistic(*matrix(fit)), held)
    threshold, margin = choose_rule(out_of_fold, min_precision)
    w = fit_logistic(*matrix(train_rows))
    return {
        "features": list(FEATURES),
        "weights": [round(float(v), 5) for v in w],
        "threshold": round(threshold, 3),
        "margin": round(margin, 3),
        "trained_on": f"GAP {dev.name} ({len(train_rows)} rows)",
        "cross_validated": {"folds": folds, "min_precision": min_precision, **evaluate(out_of_fold, threshold, margin)},
        "held_out": {"data": f"GAP {validation.name}", **evaluate(scored(w, held_rows), threshold, margin)},
    }
