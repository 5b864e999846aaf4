"""How far to trust one found relation: a confidence from how often relations found the same way were right.

The table (``data/relation_confidence.json``) is measured on the dev split of the real-article gold set by
``unspin relations calibrate`` (:func:`unspin.evaluation.relations_eval.fit_confidence`): for every way of finding a
relation — the rule that fired (``pattern``) and how its cause was resolved (a name, a pronoun, a description or bare
words) — the share of such relations that matched a gold relation leniently, smoothed toward the share over all
relations (a Beta prior worth :data:`PRIOR_WEIGHT` relations).  A way seen too rarely falls back to its pattern, then
to the overall share.  The table also holds the threshold chosen on the same dev split: the relations component shows
what clears it and keeps the rest as candidates.

Limits: 26 dev articles give a few dozen relations per pattern at most, so the figures are coarse; a pattern the
dev set never saw gets the overall share.  Without the table every relation gets confidence null and is shown.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..causal.chains import UNRESOLVED_PRONOUNS

__all__ = ["CONFIDENCE_FILE", "PRIOR_WEIGHT", "ConfidenceTable", "load_confidence", "relation_key"]

CONFIDENCE_FILE = Path(__file__).parent / "data" / "relation_confidence.json"
#: How many relations' worth of belief the overall share counts for when a way of finding is smoothed.
PRIOR_WEIGHT = 4.0


def relation_key(attrs: Mapping[str, Any]) -> tuple[str, str]:
    """(pattern, how the cause was resolved: name | pronoun | description | words) of one relation's attrs."""
    cause = attrs.get("cause") or {}
    how = str(cause.get("resolved_by") or "text")
    if how == "name" or how.endswith("(name)"):
        kind = "name"
    elif how == "pronoun" or str(cause.get("text", "")).casefold() in UNRESOLVED_PRONOUNS:
        kind = "pronoun"
    elif how == "text":
        kind = "words"
    else:
        kind = "description"
    pattern = str(attrs.get("method") if attrs.get("method") == "cnc-model" else attrs.get("pattern") or "?")
    return pattern, kind


@dataclass(frozen=True)
class ConfidenceTable:
    """Smoothed precision per (pattern, cause kind), per pattern, overall; and the threshold for showing."""

    threshold: float
    overall: float
    by_pattern: Mapping[str, float] = field(default_factory=dict)
    by_key: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0 or not 0.0 <= self.overall <= 1.0:
            raise ValueError("relation confidence table: threshold and overall must lie in [0, 1]")

    def confidence(self, attrs: Mapping[str, Any]) -> float:
        return self.score(*relation_key(attrs))

    def score(self, pattern: str, kind: str) -> float:
        """The smoothed precision of one way of finding, backing off to its pattern, then to the overall share."""
        key = f"{pattern}|{kind}"
        if key in self.by_key:
            return self.by_key[key]
        return self.by_pattern.get(pattern, self.overall)

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "overall": self.overall,
            "by_pattern": dict(sorted(self.by_pattern.items())),
            "by_key": dict(sorted(self.by_key.items())),
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> ConfidenceTable:
        return cls(
            threshold=float(raw["threshold"]),
            overall=float(raw["overall"]),
            by_pattern={str(k): float(v) for k, v in raw.get("by_pattern", {}).items()},
            by_key={str(k): float(v) for k, v in raw.get("by_key", {}).items()},
        )


@functools.cache
def load_confidence(path: Path = CONFIDENCE_FILE) -> ConfidenceTable | None:
    """The shipped table, or None where it is missing (every relation is then shown, confidence null)."""
    if not path.is_file():
        return None
    return ConfidenceTable.from_dict(json.loads(path.read_text(encoding="utf-8")))
