"""Causal analysis: Chockler & Halpern's degree of responsibility and blame.

A pure library over small boolean models; see :mod:`unspin.causal.responsibility`
for the definitions, the source and the limits.
"""

from __future__ import annotations

from .responsibility import (
    MAX_CONTINGENCIES,
    Outcome,
    Situation,
    chain_responsibility,
    degree_of_blame,
    degree_of_responsibility,
    minimal_contingency,
)

__all__ = [
    "MAX_CONTINGENCIES",
    "Outcome",
    "Situation",
    "chain_responsibility",
    "degree_of_blame",
    "degree_of_responsibility",
    "minimal_contingency",
]
