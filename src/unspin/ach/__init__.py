"""Analysis of Competing Hypotheses (ACH): the case model, its file format and its scoring.

A pure library (no database, no CLI): :mod:`unspin.ach.model` holds the data
and reads and writes case files, :mod:`unspin.ach.scoring` scores them (Heuer
1999, *Psychology of Intelligence Analysis*, ch. 8; PARC ACH 2.0; Open
Synthesis).  See those modules for the method, the formulas and their limits.
"""

from __future__ import annotations

from .bench import bench_case, run_bench
from .case_file import case_from_dict, dump_case, load_case, loads_case
from .model import (
    CREDIBILITIES,
    FORMATS,
    RATINGS,
    RELEVANCES,
    RELIABILITIES,
    Case,
    Evidence,
    Hypothesis,
    Perspective,
    QuoteLink,
    Source,
    case_to_dict,
)
from .scoring import (
    CREDIBILITY_PROBABILITY,
    LEVEL_WEIGHTS,
    POINTS,
    RELEVANCE_WEIGHTS,
    RELIABILITY_PROBABILITY,
    SCALE,
    EvidenceScore,
    HypothesisScore,
    Scores,
    Sensitivity,
    credibility_level,
    credibility_probability,
    effective_likelihood,
    evidence_weight,
    score_all,
    score_case,
)

__all__ = [
    "CREDIBILITIES",
    "CREDIBILITY_PROBABILITY",
    "FORMATS",
    "LEVEL_WEIGHTS",
    "POINTS",
    "RATINGS",
    "RELEVANCES",
    "RELEVANCE_WEIGHTS",
    "RELIABILITIES",
    "RELIABILITY_PROBABILITY",
    "SCALE",
    "Case",
    "Evidence",
    "EvidenceScore",
    "Hypothesis",
    "HypothesisScore",
    "Perspective",
    "QuoteLink",
    "Scores",
    "Sensitivity",
    "Source",
    "bench_case",
    "case_from_dict",
    "case_to_dict",
    "credibility_level",
    "credibility_probability",
    "dump_case",
    "effective_likelihood",
    "evidence_weight",
    "load_case",
    "loads_case",
    "run_bench",
    "score_all",
    "score_case",
]
