"""Scoring an ACH case: inconsistency, diagnosticity, a Bayesian posterior, sensitivity, perspectives.

Everything here is exact and deterministic; the formulas are the contract.

**Inconsistency** (Heuer 1999, *Psychology of Intelligence Analysis*, ch. 8).
Heuer's rule is that evidence *against* a hypothesis counts and evidence for
it does not, because much evidence fits several hypotheses at once.  Points
per rating: I = 1, II = 2; CC, C, N and NA = 0.  Per hypothesis
``inconsistency`` = Σ points over the evidence.

**Weights** (PARC ACH 2.0).  Each item's weight is w(credibility level) ×
w(relevance) with w(low) = 1/√2, w(medium) = 1, w(high) = √2, so an item
counts between ½ and 2 times.  The credibility level comes from the Admiralty
pair (source reliability A–F, or the perspective's override for that source,
and the item's credibility 1–6):

* high when reliability is A or B *and* credibility is 1 or 2;
* low when reliability is D or E, *or* credibility is 4 or 5;
* medium otherwise, F and 6 ("cannot be judged") included.

Evidence without a source has reliability F.  ``weighted_inconsistency`` = Σ
weight × points.  Lower is better.

**Ranks** use competition ranking on ``weighted_inconsistency``: the rank is
1 + the number of hypotheses with a strictly lower score, so tied hypotheses
share a rank and the next rank is skipped (1, 1, 3).  Ties are exact, not
within a tolerance: every weight is ½, 1/√2, 1, √2 or 2, so 2 × a score is
R + S·√2 with whole numbers R and S, and two scores are tied when their R and
S are equal (√2 is irrational, so nothing else can be equal).  The "top" is
the set of rank-1 hypotheses.

**Diagnosticity** of an item: the population standard deviation of its
ratings across the hypotheses on the scale CC = +2, C = +1, N = 0, I = −1,
II = −2, NA left out; 0 when fewer than two hypotheses are rated.  0 means the
item does not tell the hypotheses apart (Heuer's "non-diagnostic" evidence).
It does not depend on perspective.

**Bayesian score** (Open Synthesis style).  posterior(H) ∝ prior(H) × Π P*(E|H)
over the items with likelihoods P(E|H).  An item's likelihoods are the ones it
gives (``likelihoods``); an item that gives none takes them from its ratings,
by this table (a convention, after the usual reading of the ACH scale as
"how much more likely is this evidence if H is true"):

    rating   CC 0.9   C 0.7   N 0.5   I 0.3   II 0.1   (NA: not given)

so CC against II is a likelihood ratio of 9, C against I one of 7/3, and an
item rated alike for every hypothesis changes nothing.  ``score_case(...,
from_ratings=False)`` (``unspin case score --likelihoods-only``) scores only
the likelihoods given, as before ratings counted.  Then, with

    P*(E|H) = c·P(E|H) + (1 − c)·q

where c is the probability that the report is informative and q is the
item's ``base_rate`` (else the mean of its given likelihoods): with
probability 1 − c the report says nothing about H and would turn up with
probability q anyway.  A hypothesis the item gives no likelihood for gets
P*(E|H) = q.  c is the product of two tables, one per Admiralty letter:

    reliability   A 0.95   B 0.8   C 0.6   D 0.4   E 0.2   F 0.5
    credibility   1 0.95   2 0.8   3 0.6   4 0.4   5 0.2   6 0.5

The values follow the Admiralty words (completely / usually / fairly / not
usually reliable / unreliable; confirmed / probably / possibly true /
doubtful / improbable).  Nothing reaches 1 (no report is beyond doubt) and
nothing reaches 0 (an unreliable report is weak, not void).  "Cannot be
judged" (F, 6) is the uninformative middle, 0.5.  The product treats the
source's track record and the item's own confirmation as independent hurdles
the report must both clear: A1 gives c = 0.9025, F6 gives 0.25, E5 gives
0.04.  Lower c pulls every P*(E|H) toward q, so the likelihood ratio goes
toward 1; c = 0 would make the item count for nothing.  An item whose P* are
equal for every hypothesis changes nothing (it is left out of the product).
``posterior`` sums to 1; when no item has likelihoods (none given, none
rated) the posterior *is* the prior (uniform unless ``priors`` are given).  An item's log-likelihood ratio
for H is ln(P*(E|H) / P*(E|¬H)), with P*(E|¬H) the prior-weighted mean of
P*(E|H′) over the other hypotheses (their plain mean if their priors are all
0; 0 for a one-hypothesis case).  It is computed so that an item with equal
P* gives exactly 0.

**Sensitivity** (Heuer step 6: which items the conclusion hangs on).  For
every item: drop it and rescore (``changes_top``: the top set by weighted
inconsistency changes; ``max_shift``: the largest change of any hypothesis's
weighted inconsistency, = weight × the item's largest points); set its
credibility level to low and rescore (``changes_top_if_low``,
``max_shift_if_low``; the Bayesian score is not affected by the level);
drop it from the Bayesian score (``changes_top_posterior``: the hypotheses
with the highest posterior change, compared to within 1e-9 relative in log
space; ``max_posterior_shift``: the largest change of any posterior, ``None``
when the case has no likelihoods at all).  An item that changes the top is a
linchpin: check it first.

**Perspectives** (Open Synthesis).  A perspective replaces the reliability of
the sources it trusts differently; every score above is recomputed under it.
:func:`score_all` gives the case's own view (key ``None``) and each
perspective's side by side.

Computation is vectorised with numpy: a points matrix (evidence ×
hypotheses), a weight vector and a likelihood matrix; leave-one-out scores are
the totals minus one row, for all items at once.

Limits.  ACH ranks hypotheses, it does not prove one: the scores are only as
good as the hypotheses (mutually exclusive, with an "other" among them) and
the ratings, which are judgements.  Counting inconsistencies ignores how
strongly evidence supports a hypothesis, by design.  The Bayesian score
treats items as independent given the hypothesis; repeated reports of one
event from one origin are counted several times unless you merge them.  The
credibility table is a convention, not a calibration.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import ConfigError
from .model import CREDIBILITIES, RATINGS, RELIABILITIES, Case, Evidence

__all__ = [
    "CREDIBILITY_PROBABILITY",
    "LEVEL_WEIGHTS",
    "POINTS",
    "RATING_LIKELIHOOD",
    "RELEVANCE_WEIGHTS",
    "RELIABILITY_PROBABILITY",
    "SCALE",
    "EvidenceScore",
    "HypothesisScore",
    "Scores",
    "Sensitivity",
    "credibility_level",
    "credibility_probability",
    "effective_likelihood",
    "evidence_weight",
    "score_all",
    "score_case",
]

_Float = npt.NDArray[np.float64]
_Int = npt.NDArray[np.int64]
_Bool = npt.NDArray[np.bool_]

SQRT2 = math.sqrt(2.0)
POINTS: dict[str, int] = {"CC": 0, "C": 0, "N": 0, "I": 1, "II": 2, "NA": 0}
SCALE: dict[str, int] = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
LEVEL_WEIGHTS: dict[str, float] = {"low": 1 / SQRT2, "medium": 1.0, "high": SQRT2}
RELEVANCE_WEIGHTS: dict[str, float] = dict(LEVEL_WEIGHTS)
RELIABILITY_PROBABILITY: dict[str, float] = {"A": 0.95, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.5}
CREDIBILITY_PROBABILITY: dict[str, float] = {"1": 0.95, "2": 0.8, "3": 0.6, "4": 0.4, "5": 0.2, "6": 0.5}
#: P(E|H) of a rating, for an item that gives no likelihoods of its own (see the module docstring)
RATING_LIKELIHOOD: dict[str, float] = {"CC": 0.9, "C": 0.7, "N": 0.5, "I": 0.3, "II": 0.1}

_LEVELS = ("low", "medium", "high")  # index = exponent + 1
_EXP = {"low": -1, "medium": 0, "high": 1}
# 2 × weight = R + S·√2 for weight exponent k = level + relevance in −2..2 (weight = √2**k).
_R_OF_K = np.array([1.0, 0.0, 2.0, 0.0, 4.0])
_S_OF_K = np.array([0.0, 1.0, 0.0, 2.0, 0.0])
_NA = RATINGS.index("NA")
_F = RELIABILITIES.index("F")
_POINTS_OF_CODE = np.array([float(POINTS[r]) for r in RATINGS])
_SCALE_OF_CODE = np.array([float(SCALE.get(r, 0)) for r in RATINGS])
_REL_P = np.array([RELIABILITY_PROBABILITY[r] for r in RELIABILITIES])
_CRED_P = np.array([CREDIBILITY_PROBABILITY[c] for c in CREDIBILITIES])
_TIE = 1e-9  # relative tolerance for ties of log posteriors


def credibility_level(reliability: str, credibility: str) -> str:
    """ "high", "medium" or "low" for an Admiralty pair (see the module docstring)."""
    return _LEVELS[_level_exp(RELIABILITIES.index(reliability), CREDIBILITIES.index(credibility)) + 1]


def _level_exp(rel: int, cred: int) -> int:
    if rel in (0, 1) and cred in (0, 1):
        return 1
    if rel in (3, 4) or cred in (3, 4):
        return -1
    return 0


_LEVEL_EXP = np.array([[_level_exp(r, c) for c in range(6)] for r in range(6)], dtype=np.int64)


def evidence_weight(level: str, relevance: str) -> float:
    """PARC ACH weight: w(level) × w(relevance), each √2**(−1, 0, +1) for low, medium, high."""
    k = _EXP[level] + _EXP[relevance] + 2
    return float((_R_OF_K[k] + _S_OF_K[k] * SQRT2) / 2)


def credibility_probability(reliability: str, credibility: str) -> float:
    """c, the probability that a report is informative: reliability table × credibility table."""
    return RELIABILITY_PROBABILITY[reliability] * CREDIBILITY_PROBABILITY[credibility]


def effective_likelihood(p: float, q: float, c: float) -> float:
    """P*(E|H) = c·p + (1 − c)·q, written q + c·(p − q) so that c = 0 gives q exactly."""
    return q + c * (p - q)


# -- results ------------------------------------------------------------------


def _num(x: float | None) -> float | None:
    if x is None or not math.isfinite(x):
        return None  # ±inf log-likelihood ratios (a likelihood of exactly 0) have no JSON number
    return round(x, 6)


@dataclass(frozen=True)
class HypothesisScore:
    """Scores of one hypothesis; ``rank`` 1 is best (least weighted inconsistency)."""

    id: str
    inconsistency: int
    weighted_inconsistency: float
    rank: int
    posterior: float


@dataclass(frozen=True)
class EvidenceScore:
    """Scores of one evidence item; ``log_likelihood_ratios`` is None without likelihoods."""

    id: str
    diagnosticity: float
    weight: float
    credibility_level: str
    log_likelihood_ratios: dict[str, float] | None
    likelihoods_from: str | None = None  #: "given", "ratings", or None (the item takes no part in the posterior)


@dataclass(frozen=True)
class Sensitivity:
    """What happens to the conclusion without one item, or with its credibility set to low."""

    id: str
    changes_top: bool
    changes_top_if_low: bool
    changes_top_posterior: bool
    max_shift: float
    max_shift_if_low: float
    max_posterior_shift: float | None


@dataclass(frozen=True)
class Scores:
    """All scores of a case under one perspective (``None``: the sources' own reliability)."""

    perspective: str | None
    hypotheses: tuple[HypothesisScore, ...]
    evidence: tuple[EvidenceScore, ...]
    sensitivity: tuple[Sensitivity, ...]

    @property
    def top(self) -> tuple[str, ...]:
        """Ids of the rank-1 hypotheses (several when tied)."""
        return tuple(h.id for h in self.hypotheses if h.rank == 1)

    @property
    def linchpins(self) -> tuple[str, ...]:
        """Ids of the items whose removal changes the top by weighted inconsistency."""
        return tuple(s.id for s in self.sensitivity if s.changes_top)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary; floats rounded to 6 places (non-finite ones become null)."""
        return {
            "hypotheses": [
                {
                    "id": h.id,
                    "inconsistency": h.inconsistency,
                    "weighted_inconsistency": _num(h.weighted_inconsistency),
                    "rank": h.rank,
                    "posterior": _num(h.posterior),
                }
                for h in self.hypotheses
            ],
            "evidence": [
                {
                    "id": e.id,
                    "diagnosticity": _num(e.diagnosticity),
                    "weight": _num(e.weight),
                    "credibility_level": e.credibility_level,
                    "log_likelihood_ratios": None
                    if e.log_likelihood_ratios is None
                    else {h: _num(v) for h, v in e.log_likelihood_ratios.items()},
                    "likelihoods_from": e.likelihoods_from,
                }
                for e in self.evidence
            ],
            "sensitivity": [
                {
                    "id": s.id,
                    "changes_top": s.changes_top,
                    "changes_top_if_low": s.changes_top_if_low,
                    "changes_top_posterior": s.changes_top_posterior,
                    "max_shift": _num(s.max_shift),
                    "max_shift_if_low": _num(s.max_shift_if_low),
                    "max_posterior_shift": _num(s.max_posterior_shift),
                }
                for s in self.sensitivity
            ],
            "perspective": self.perspective,
        }


# -- the matrices (shared by every perspective) -------------------------------


@dataclass(frozen=True)
class _Matrices:
    hids: tuple[str, ...]
    eids: tuple[str, ...]
    sids: tuple[str, ...]
    points: _Float  # (n_e, n_h)
    max_points: _Float  # (n_e,)
    inconsistency: list[int]
    diagnosticity: list[float]
    relevance_exp: _Int  # (n_e,) −1, 0, +1
    credibility: _Int  # (n_e,) 0..5
    source: _Int  # (n_e,) index into sids; len(sids) for none (reliability F)
    reliability: _Int  # (n_s,) 0..5
    prior: _Float  # (n_h,) normalised
    lik_rows: _Int  # (n_l,) evidence rows with likelihoods
    lik_p: _Float  # (n_l, n_h) P(E|H), q where not given
    lik_q: _Float  # (n_l,)
    lik_from: list[str | None]  # (n_e,) "given", "ratings" or None


def _likelihoods(e: Evidence, from_ratings: bool) -> tuple[dict[str, float], str | None]:
    """The item's P(E|H): given, else from its ratings (NA left out), else none."""
    if e.likelihoods:
        return e.likelihoods, "given"
    if from_ratings:
        derived = {h: RATING_LIKELIHOOD[r] for h, r in e.ratings.items() if r in RATING_LIKELIHOOD}
        if derived:
            return derived, "ratings"
    return {}, None


def _matrices(case: Case, from_ratings: bool = True) -> _Matrices:
    if not case.hypotheses:
        raise ConfigError(
            f"case {case.title!r} has no hypotheses to score yet", "add some: unspin case hypothesis add NAME TEXT"
        )
    hids = case.hypothesis_ids
    hcol = {h: j for j, h in enumerate(hids)}
    sids = tuple(s.id for s in case.sources)
    scol = {s: k for k, s in enumerate(sids)}
    code = {r: i for i, r in enumerate(RATINGS)}
    n_e, n_h = len(case.evidence), len(hids)

    rows: list[int] = []
    cols: list[int] = []
    codes: list[int] = []
    lik_rows: list[int] = []
    lrows: list[int] = []
    lcols: list[int] = []
    lvals: list[float] = []
    qs: list[float] = []
    lik_from: list[str | None] = []
    for i, e in enumerate(case.evidence):
        r = e.ratings
        rows.extend([i] * len(r))
        cols.extend(map(hcol.__getitem__, r))
        codes.extend(map(code.__getitem__, r.values()))
        lk, origin = _likelihoods(e, from_ratings)
        lik_from.append(origin)
        if lk:
            lrows.extend([len(lik_rows)] * len(lk))
            lcols.extend(map(hcol.__getitem__, lk))
            lvals.extend(lk.values())
            qs.append(e.base_rate if e.base_rate is not None else math.fsum(lk.values()) / len(lk))
            lik_rows.append(i)

    code_m = np.full((n_e, n_h), _NA, dtype=np.int64)
    code_m[rows, cols] = codes
    points = _POINTS_OF_CODE[code_m]
    value = _SCALE_OF_CODE[code_m]
    rated = code_m != _NA
    n_rated = rated.sum(axis=1)
    denom = np.maximum(n_rated, 1)
    mean = (value * rated).sum(axis=1) / denom
    var = (((value - mean[:, None]) ** 2) * rated).sum(axis=1) / denom
    diagnosticity = np.where(n_rated >= 2, np.sqrt(var), 0.0)

    q = np.array(qs, dtype=np.float64)
    lik_p = np.repeat(q[:, None], n_h, axis=1) if qs else np.zeros((0, n_h))
    lik_p[lrows, lcols] = lvals

    if case.priors is None:
        prior = np.full(n_h, 1.0 / n_h)
    else:
        prior = np.array([case.priors[h] for h in hids], dtype=np.float64)
        prior = prior / prior.sum()

    return _Matrices(
        hids=hids,
        eids=tuple(e.id for e in case.evidence),
        sids=sids,
        points=points,
        max_points=points.max(axis=1) if n_h else np.zeros(n_e),
        inconsistency=[int(x) for x in points.sum(axis=0).tolist()],
        diagnosticity=diagnosticity.tolist(),
        relevance_exp=np.array([_EXP[e.relevance] for e in case.evidence], dtype=np.int64),
        credibility=np.array([CREDIBILITIES.index(e.credibility) for e in case.evidence], dtype=np.int64),
        source=np.array([len(sids) if e.source is None else scol[e.source] for e in case.evidence], dtype=np.int64),
        reliability=np.array([RELIABILITIES.index(s.reliability) for s in case.sources], dtype=np.int64),
        prior=prior,
        lik_rows=np.array(lik_rows, dtype=np.int64),
        lik_p=lik_p,
        lik_q=q,
        lik_from=lik_from,
    )


# -- scoring ------------------------------------------------------------------


def score_case(case: Case, perspective: str | None = None, *, from_ratings: bool = True) -> Scores:
    """Every score of ``case``, under ``perspective`` (an id of ``case.perspectives``) or the sources' own grades.

    ``from_ratings``: items that give no likelihoods take them from their ratings (the default; see the
    module docstring); False scores only the likelihoods given."""
    return _score(case, _matrices(case, from_ratings), perspective)


def score_all(case: Case, *, from_ratings: bool = True) -> dict[str | None, Scores]:
    """The case's own view (key ``None``) and each perspective's, side by side."""
    m = _matrices(case, from_ratings)
    out: dict[str | None, Scores] = {None: _score(case, m, None)}
    for p in case.perspectives:
        out[p.id] = _score(case, m, p.id)
    return out


def _exact_top(r: _Float, s: _Float, w: _Float) -> _Bool:
    """Rows of (…, n_h) scores 2w = r + s√2: mask of the hypotheses tied for the lowest score."""
    t = np.expand_dims(w.argmin(axis=-1), -1)
    out: _Bool = (r == np.take_along_axis(r, t, -1)) & (s == np.take_along_axis(s, t, -1))
    return out


def _log_top(log_post: _Float) -> _Bool:
    """Rows of (…, n_h) log posteriors: mask of the hypotheses tied for the highest."""
    best = log_post.max(axis=-1, keepdims=True)
    out: _Bool = log_post >= best - _TIE * np.maximum(1.0, np.abs(best))
    return out


def _softmax(log_post: _Float) -> _Float:
    z = np.exp(log_post - log_post.max(axis=-1, keepdims=True))
    out: _Float = z / z.sum(axis=-1, keepdims=True)
    return out


def _score(case: Case, m: _Matrices, perspective: str | None) -> Scores:
    reliability = np.append(m.reliability, _F)  # the last slot is "no source": F
    if perspective is not None:
        trust = case.perspective(perspective).trust
        for sid, grade in trust.items():
            reliability[m.sids.index(sid)] = RELIABILITIES.index(grade)
    rel_e = reliability[m.source]  # (n_e,)

    # Weighted inconsistency, exactly: 2·score = R + S·√2.
    level = _LEVEL_EXP[rel_e, m.credibility]
    k = level + m.relevance_exp + 2
    r, s = _R_OF_K[k], _S_OF_K[k]
    weight = (r + s * SQRT2) / 2
    big_r, big_s = r @ m.points, s @ m.points
    w = (big_r + big_s * SQRT2) / 2
    same = (big_r[:, None] == big_r[None, :]) & (big_s[:, None] == big_s[None, :])
    rank = 1 + ((w[None, :] < w[:, None]) & ~same).sum(axis=1)
    top = _exact_top(big_r, big_s, w)

    # Leave one out, and each item at low credibility: totals minus (or plus) one row.
    rd = big_r[None, :] - r[:, None] * m.points
    sd = big_s[None, :] - s[:, None] * m.points
    changes_top = (_exact_top(rd, sd, (rd + sd * SQRT2) / 2) != top).any(axis=1)
    k_low = m.relevance_exp + 1
    r_low, s_low = _R_OF_K[k_low], _S_OF_K[k_low]
    rl = rd + r_low[:, None] * m.points
    sl = sd + s_low[:, None] * m.points
    changes_top_if_low = (_exact_top(rl, sl, (rl + sl * SQRT2) / 2) != top).any(axis=1)
    weight_low = (r_low + s_low * SQRT2) / 2
    max_shift = weight * m.max_points
    max_shift_if_low = np.abs(weight - weight_low) * m.max_points

    posterior, llr, changes_post, post_shift = _bayes(m, rel_e)

    levels = [_LEVELS[x + 1] for x in level.tolist()]
    hypotheses = tuple(
        HypothesisScore(h, inc, ws, rk, p)
        for h, inc, ws, rk, p in zip(m.hids, m.inconsistency, w.tolist(), rank.tolist(), posterior, strict=True)
    )
    evidence = tuple(
        EvidenceScore(e, d, wt, lv, lr, origin)
        for e, d, wt, lv, lr, origin in zip(
            m.eids, m.diagnosticity, weight.tolist(), levels, llr, m.lik_from, strict=True
        )
    )
    sensitivity = tuple(
        Sensitivity(e, ct, cl, cp, ms, ml, ps)
        for e, ct, cl, cp, ms, ml, ps in zip(
            m.eids,
            changes_top.tolist(),
            changes_top_if_low.tolist(),
            changes_post,
            max_shift.tolist(),
            max_shift_if_low.tolist(),
            post_shift,
            strict=True,
        )
    )
    return Scores(perspective, hypotheses, evidence, sensitivity)


def _bayes(
    m: _Matrices, rel_e: _Int
) -> tuple[list[float], list[dict[str, float] | None], list[bool], list[float | None]]:
    """Posterior, per-item log-likelihood ratios, and drop-one sensitivity of the posterior."""
    n_e, n_h = m.points.shape
    llr: list[dict[str, float] | None] = [None] * n_e
    changes: list[bool] = [False] * n_e
    if len(m.lik_rows) == 0:
        return m.prior.tolist(), llr, changes, [None] * n_e
    shift: list[float | None] = [0.0] * n_e

    rows = m.lik_rows
    c = _REL_P[rel_e[rows]] * _CRED_P[m.credibility[rows]]
    q = m.lik_q[:, None]
    pstar = q + c[:, None] * (m.lik_p - q)  # = q exactly where P(E|H) is not given, or c = 0

    # ln P*(E|H) − ln P*(E|¬H), P*(E|¬H) the prior-weighted mean over the others, taken as
    # deviations from the first column so that equal P* give exactly 0.
    with np.errstate(divide="ignore", invalid="ignore"):
        if n_h > 1:
            x0 = pstar[:, :1]
            dev = pstar - x0
            prior = m.prior
            others_w = prior.sum() - prior
            weighted = (dev @ prior)[:, None] - dev * prior[None, :]
            plain = (dev.sum(axis=1)[:, None] - dev) / (n_h - 1)
            others = x0 + np.where(others_w[None, :] > 0, weighted / np.where(others_w > 0, others_w, 1.0), plain)
            ratios = np.log(pstar) - np.log(others)
        else:
            ratios = np.zeros_like(pstar)
    for row, values in zip(rows.tolist(), ratios.tolist(), strict=True):
        llr[row] = dict(zip(m.hids, values, strict=True))

    active = pstar.max(axis=1) != pstar.min(axis=1)  # items with equal P* change nothing
    if not active.any():
        return m.prior.tolist(), llr, changes, shift
    act = pstar[active]
    zero = act == 0.0
    with np.errstate(divide="ignore"):
        logs = np.where(zero, 0.0, np.log(np.where(zero, 1.0, act)))
        log_prior = np.where(m.prior > 0, np.log(np.where(m.prior > 0, m.prior, 1.0)), 0.0)
    finite = log_prior + logs.sum(axis=0)
    zeros = (m.prior == 0).astype(np.int64) + zero.sum(axis=0)
    log_post = np.where(zeros == 0, finite, -np.inf)
    if not np.isfinite(log_post).any():
        raise ConfigError(
            "the likelihoods (with the priors) rule out every hypothesis: each has P(E|H) = 0 for some item "
            "or a prior of 0",
            "use P(E|H) = 0 only where the evidence is impossible under H, or give a base_rate above 0",
        )
    posterior = _softmax(log_post)

    # Drop one item at a time: subtract its row (zeros are counted, so a dropped 0 revives a hypothesis).
    drop_log = np.where((zeros[None, :] - zero) == 0, finite[None, :] - logs, -np.inf)
    drop_post = _softmax(drop_log)
    act_rows = rows[active].tolist()
    act_changes = (_log_top(drop_log) != _log_top(log_post)[None, :]).any(axis=1).tolist()
    act_shift = np.abs(drop_post - posterior[None, :]).max(axis=1).tolist()
    for row, ch, sh in zip(act_rows, act_changes, act_shift, strict=True):
        changes[row] = ch
        shift[row] = sh
    return posterior.tolist(), llr, changes, shift
