"""What an ACH case's marks and scores mean, in words: the one place the CLI tables, ``case.html`` and the
workbench take their legends and explanations from (views render them; they do not word them)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["LINCHPIN", "RATING_LEGEND", "SCORE_HELP", "rank_posterior_note"]

#: Each rating's name (a blank cell is NA: not applicable, or not rated yet).
RATING_LEGEND: tuple[tuple[str, str], ...] = (
    ("CC", "very consistent"),
    ("C", "consistent"),
    ("N", "neutral"),
    ("I", "inconsistent"),
    ("II", "very inconsistent"),
    ("", "not applicable or not rated (NA)"),
)

LINCHPIN = "⚑ linchpin: dropping this item changes the rank-1 hypothesis; check it first"

SCORE_HELP = (
    "Two scores, read together. Rank (Heuer's ACH) counts only the evidence against each hypothesis: "
    "I = 1 and II = 2 points, weighted by credibility and relevance; the fewest weighted points rank 1. "
    "Posterior (Bayesian) counts evidence for and against: each rating becomes a likelihood "
    "(CC 0.9, C 0.7, N 0.5, I 0.3, II 0.1, unless the item gives its own), discounted by how far its source "
    "and credibility can be trusted, and the posteriors sum to 1."
)


def rank_posterior_note(scores: Mapping[str, Any]) -> str | None:
    """When the rank-1 hypotheses are not those with the highest posterior (``Scores.to_dict()``), why that
    can be; else ``None``."""
    hyps = list(scores.get("hypotheses") or [])
    posts = [h.get("posterior") for h in hyps if h.get("posterior") is not None]
    if not hyps or not posts:
        return None
    best = max(posts)
    by_rank = sorted(str(h["id"]) for h in hyps if h.get("rank") == 1)
    by_post = sorted(str(h["id"]) for h in hyps if h.get("posterior") is not None and h["posterior"] >= best - 1e-9)
    if by_rank == by_post:
        return None
    return (
        f"rank 1 is {', '.join(by_rank)} but the highest posterior is {', '.join(by_post)}: the rank counts only "
        "evidence against a hypothesis, the posterior also counts evidence for it; see which items decide each "
        "(unspin case sensitivity)"
    )
