"""A reproducible random case for timing ACH scoring (``unspin case bench``): how long scoring with
sensitivity and two perspectives takes for 50 hypotheses and 10,000 items."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from .model import CREDIBILITIES, RATINGS, RELEVANCES, RELIABILITIES, Case, Evidence, Hypothesis, Perspective, Source
from .scoring import score_all

__all__ = ["bench_case", "run_bench"]

_NA = RATINGS.index("NA")


def bench_case(n_hypotheses: int = 50, n_evidence: int = 10_000, seed: int = 0) -> Case:
    """A random but reproducible case for timing: 20 sources, two perspectives, likelihoods on half the items."""
    rng = np.random.default_rng(seed)
    n_sources = 20
    hids = [f"H{j + 1}" for j in range(n_hypotheses)]
    hypotheses = tuple(Hypothesis(h, f"Hypothesis {h}") for h in hids)
    sources = tuple(
        Source(f"S{k + 1}", f"Source {k + 1}", RELIABILITIES[int(g)])
        for k, g in enumerate(rng.integers(0, 6, n_sources))
    )
    codes = rng.choice(len(RATINGS), size=(n_evidence, n_hypotheses), p=[0.1, 0.2, 0.3, 0.15, 0.1, 0.15])
    lik = np.round(rng.uniform(0.05, 0.95, size=(n_evidence, n_hypotheses)), 3)
    has_lik = rng.random(n_evidence) < 0.5
    base = np.round(rng.uniform(0.1, 0.9, n_evidence), 3)
    has_base = rng.random(n_evidence) < 0.3
    source = rng.integers(-1, n_sources, n_evidence)
    cred = rng.integers(0, 6, n_evidence)
    relevance = rng.integers(0, 3, n_evidence)
    evidence = []
    for i in range(n_evidence):
        row = codes[i].tolist()
        evidence.append(
            Evidence(
                id=f"E{i + 1}",
                text=f"Evidence {i + 1}",
                source=None if source[i] < 0 else f"S{source[i] + 1}",
                credibility=CREDIBILITIES[int(cred[i])],
                relevance=RELEVANCES[int(relevance[i])],
                ratings={h: RATINGS[c] for h, c in zip(hids, row, strict=True) if c != _NA},
                likelihoods=dict(zip(hids, lik[i].tolist(), strict=True)) if has_lik[i] else {},
                base_rate=float(base[i]) if has_lik[i] and has_base[i] else None,
            )
        )
    trusted = [s.id for s in sources[: n_sources // 2]]
    perspectives = (
        Perspective("P1", "Trusts the first half", {sid: "A" for sid in trusted}),
        Perspective("P2", "Distrusts the first half", {sid: "E" for sid in trusted}),
    )
    priors = dict(zip(hids, rng.dirichlet(np.ones(n_hypotheses)).tolist(), strict=True))
    return Case("Benchmark case", hypotheses, sources, tuple(evidence), priors, perspectives)


def run_bench(n_hypotheses: int = 50, n_evidence: int = 10_000, seed: int = 0, repeat: int = 3) -> dict[str, Any]:
    """Time :func:`score_all` (every score, sensitivity included, the case's view and two perspectives).

    Returns sizes and seconds: ``seconds`` is the best of ``repeat`` runs, ``runs`` all of them,
    ``build_seconds`` the time to build (and validate) the case, which is not part of ``seconds``.
    """
    t0 = time.perf_counter()
    case = bench_case(n_hypotheses, n_evidence, seed)
    build = time.perf_counter() - t0
    runs = []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        score_all(case)
        runs.append(time.perf_counter() - t0)
    return {
        "n_hypotheses": n_hypotheses,
        "n_evidence": n_evidence,
        "n_perspectives": len(case.perspectives),
        "n_with_likelihoods": sum(1 for e in case.evidence if e.likelihoods),
        "seconds": min(runs),
        "runs": runs,
        "build_seconds": build,
    }
