"""ACH scoring against hand-computed values, and against a plain-Python reference on random cases."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.ach import (
    LEVEL_WEIGHTS,
    POINTS,
    RATINGS,
    RELEVANCE_WEIGHTS,
    Case,
    Evidence,
    Hypothesis,
    Perspective,
    Source,
    bench_case,
    case_from_dict,
    credibility_level,
    credibility_probability,
    effective_likelihood,
    evidence_weight,
    run_bench,
    score_all,
    score_case,
)
from unspin.ach.examples import load_example_case
from unspin.errors import ConfigError

SQRT2 = math.sqrt(2)


def make(
    evidence: list[dict[str, Any]],
    hypotheses: tuple[str, ...] = ("H1", "H2"),
    sources: dict[str, str] | None = None,
    **extra: Any,
) -> Case:
    """A case from evidence dictionaries; ``sources`` maps source ids to reliability."""
    return case_from_dict(
        {
            "title": "t",
            "hypotheses": [{"id": h, "text": h} for h in hypotheses],
            "sources": [{"id": s, "name": s, "reliability": r} for s, r in (sources or {}).items()],
            "evidence": [{"text": "x", **e} for e in evidence],
            **extra,
        }
    )


def by_id(scores: Any) -> dict[str, Any]:
    return {x.id: x for x in scores}


# -- inconsistency, weights, ranks ----------------------------------------------------


@pytest.mark.parametrize(
    ("reliability", "credibility", "level"),
    [
        ("A", "1", "high"),
        ("B", "2", "high"),
        ("A", "3", "medium"),  # credibility 3 is not 1 or 2
        ("C", "1", "medium"),  # reliability C is not A or B
        ("D", "1", "low"),
        ("E", "2", "low"),
        ("A", "4", "low"),
        ("B", "5", "low"),
        ("F", "6", "medium"),  # cannot be judged: medium
        ("F", "1", "medium"),
        ("A", "6", "medium"),
        ("E", "6", "low"),
    ],
)
def test_credibility_level(reliability: str, credibility: str, level: str) -> None:
    assert credibility_level(reliability, credibility) == level


def test_parc_weights() -> None:
    assert evidence_weight("low", "low") == 0.5  # 1/√2 × 1/√2
    assert evidence_weight("high", "high") == 2.0  # √2 × √2, exactly
    assert evidence_weight("medium", "high") == SQRT2
    assert evidence_weight("low", "high") == 1.0
    assert LEVEL_WEIGHTS == RELEVANCE_WEIGHTS == {"low": 1 / SQRT2, "medium": 1.0, "high": SQRT2}


def test_high_credibility_high_relevance_ii_counts_four() -> None:
    # A1 → high (√2), relevance high (√2): weight 2; II = 2 points → 2 × √2 × √2 = 4.
    case = make(
        [{"id": "E1", "source": "S1", "credibility": "1", "relevance": "high", "ratings": {"H1": "II", "H2": "CC"}}],
        sources={"S1": "A"},
    )
    s = score_case(case)
    h = by_id(s.hypotheses)
    assert (h["H1"].inconsistency, h["H1"].weighted_inconsistency) == (2, 4.0)
    assert (h["H2"].inconsistency, h["H2"].weighted_inconsistency) == (0, 0.0)  # confirmation counts nothing
    assert (h["H1"].rank, h["H2"].rank) == (2, 1)
    e = s.evidence[0]
    assert (e.weight, e.credibility_level) == (2.0, "high")


def test_ties_share_a_rank_exactly() -> None:
    # H1: two items of weight 1/√2 (reliability D → low, relevance medium), I each → 2/√2 = √2.
    # H2: one item of weight √2 (no source → F/6 → medium, relevance high), I → √2.
    # In floats 2 × (1/√2) = 1.414213562373095 but √2 = 1.4142135623730951; the scores are still tied.
    # H3: II on a weight-1 item → 2.  H4: nothing → 0.  Competition ranking: H4 1, H1 2, H2 2, H3 4.
    case = make(
        [
            {"id": "E1", "source": "S1", "ratings": {"H1": "I"}},
            {"id": "E2", "source": "S1", "ratings": {"H1": "I"}},
            {"id": "E3", "relevance": "high", "ratings": {"H2": "I"}},
            {"id": "E4", "ratings": {"H3": "II"}},
        ],
        hypotheses=("H1", "H2", "H3", "H4"),
        sources={"S1": "D"},
    )
    h = by_id(score_case(case).hypotheses)
    assert [h[x].rank for x in ("H4", "H1", "H2", "H3")] == [1, 2, 2, 4]
    assert h["H1"].weighted_inconsistency == pytest.approx(SQRT2)
    assert h["H2"].weighted_inconsistency == pytest.approx(SQRT2)


def test_ties_at_the_top() -> None:
    # H1 and H2 each carry one I of weight 1; H3 carries C and N only → 0.  Ranks 2, 2, 1 …
    case = make(
        [{"id": "E1", "ratings": {"H1": "I", "H3": "C"}}, {"id": "E2", "ratings": {"H2": "I", "H3": "N"}}],
        hypotheses=("H1", "H2", "H3"),
    )
    s = score_case(case)
    assert [h.rank for h in s.hypotheses] == [2, 2, 1]
    assert s.top == ("H3",)
    # … and with no inconsistency at all everything shares rank 1 (1, 1, 1).
    flat = score_case(make([{"id": "E1", "ratings": {"H1": "CC", "H2": "N"}}], hypotheses=("H1", "H2", "H3")))
    assert [h.rank for h in flat.hypotheses] == [1, 1, 1] and flat.top == ("H1", "H2", "H3")


def test_na_and_missing_ratings_count_nothing() -> None:
    # E1 rates H1 NA explicitly and leaves H2 out; only E2's I on H2 counts.
    case = make([{"id": "E1", "ratings": {"H1": "NA"}}, {"id": "E2", "ratings": {"H2": "I", "H1": "na"}}])
    assert case.evidence[0].ratings == {} and case.evidence[0].rating("H2") == "NA"
    s = score_case(case)
    assert [h.inconsistency for h in s.hypotheses] == [0, 1]
    assert [h.weighted_inconsistency for h in s.hypotheses] == [0.0, 1.0]
    assert by_id(s.evidence)["E1"].diagnosticity == 0.0  # nothing rated


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ({"H1": "CC", "H2": "II"}, 2.0),  # +2, −2: mean 0, variance (4 + 4)/2 = 4 → 2.0
        ({"H1": "N", "H2": "N", "H3": "N"}, 0.0),  # does not discriminate
        ({"H1": "CC", "H2": "NA", "H3": "II"}, 2.0),  # NA is left out, not counted as 0
        ({"H1": "CC", "H2": "C", "H3": "N", "H4": "I", "H5": "II"}, math.sqrt(2)),  # variance (4+1+0+1+4)/5 = 2
        ({"H1": "C", "H2": "C", "H3": "I"}, math.sqrt(8 / 9)),  # mean 1/3, variance (4/9+4/9+16/9)/3 = 8/9
        ({"H1": "II"}, 0.0),  # fewer than two rated
    ],
)
def test_diagnosticity(ratings: dict[str, str], expected: float) -> None:
    case = make([{"id": "E1", "ratings": ratings}], hypotheses=("H1", "H2", "H3", "H4", "H5"))
    assert score_case(case).evidence[0].diagnosticity == pytest.approx(expected, abs=1e-12)


def test_perspective_changes_weight_and_ranking() -> None:
    # Own grades: E1 (S1 = E → low) I on H1: 1/√2;  E2 (S2 = A, credibility 2 → high) I on H2: √2 → H1 on top.
    # P1 swaps the trust: E1 high (√2 on H1), E2 low (1/√2 on H2) → H2 on top.
    case = make(
        [
            {"id": "E1", "source": "S1", "credibility": "2", "ratings": {"H1": "I"}},
            {"id": "E2", "source": "S2", "credibility": "2", "ratings": {"H2": "I"}},
        ],
        sources={"S1": "E", "S2": "A"},
        perspectives=[{"id": "P1", "name": "swapped", "trust": {"S1": "A", "S2": "E"}}],
    )
    views = score_all(case)
    assert list(views) == [None, "P1"]
    own, p1 = views[None], views["P1"]
    assert [e.weight for e in own.evidence] == pytest.approx([1 / SQRT2, SQRT2])
    assert [e.credibility_level for e in own.evidence] == ["low", "high"]
    assert [e.weight for e in p1.evidence] == pytest.approx([SQRT2, 1 / SQRT2])
    assert own.top == ("H1",) and p1.top == ("H2",)
    assert [h.rank for h in p1.hypotheses] == [2, 1]
    assert p1.perspective == "P1" and own.perspective is None
    assert score_case(case, "P1") == p1
    with pytest.raises(ConfigError, match="no perspective 'P9'"):
        score_case(case, "P9")


# -- the Bayesian score --------------------------------------------------------------


def test_credibility_table() -> None:
    assert credibility_probability("A", "1") == pytest.approx(0.9025)  # 0.95 × 0.95
    assert credibility_probability("F", "6") == pytest.approx(0.25)  # 0.5 × 0.5: cannot be judged
    assert credibility_probability("E", "5") == pytest.approx(0.04)  # 0.2 × 0.2
    assert credibility_probability("C", "3") == pytest.approx(0.36)


def test_posterior_and_log_likelihood_ratios_by_hand() -> None:
    # S1 = A, credibility 1: c = 0.9025; q = mean(0.8, 0.2) = 0.5.
    # P*(E|H1) = 0.5 + 0.9025 × 0.3 = 0.77075, P*(E|H2) = 0.22925; uniform priors → posterior 0.77075, 0.22925.
    # LLR(H1) = ln(0.77075 / 0.22925) = 1.2125509556…, LLR(H2) = −1.2125509556…
    case = make(
        [{"id": "E1", "source": "S1", "credibility": "1", "likelihoods": {"H1": 0.8, "H2": 0.2}}], sources={"S1": "A"}
    )
    s = score_case(case)
    assert [h.posterior for h in s.hypotheses] == pytest.approx([0.77075, 0.22925], abs=1e-12)
    llr = s.evidence[0].log_likelihood_ratios
    assert llr is not None
    assert llr["H1"] == pytest.approx(1.2125509556296856, abs=1e-12)
    assert llr["H2"] == pytest.approx(-1.2125509556296856, abs=1e-12)


def test_priors_base_rate_and_missing_likelihoods_by_hand() -> None:
    # No source, credibility 6: c = 0.5 × 0.5 = 0.25; base_rate q = 0.3; H3 has no likelihood → P* = q.
    # P*: H1 = 0.3 + 0.25 × 0.6 = 0.45, H2 = 0.3 + 0.25 × 0.2 = 0.35, H3 = 0.3.
    # Priors 0.5, 0.3, 0.2 → 0.225, 0.105, 0.06 (sum 0.39) → 0.576923…, 0.269231…, 0.153846…
    # P*(E|¬H1) = (0.3 × 0.35 + 0.2 × 0.3) / 0.5 = 0.33 → LLR ln(0.45/0.33) = 0.3101549283…
    # P*(E|¬H2) = (0.5 × 0.45 + 0.2 × 0.3) / 0.7 = 0.4071428… → ln(0.35/0.4071428…) = −0.1512309697…
    # P*(E|¬H3) = (0.5 × 0.45 + 0.3 × 0.35) / 0.8 = 0.4125 → ln(0.3/0.4125) = −0.3184537311…
    case = make(
        [{"id": "E1", "likelihoods": {"H1": 0.9, "H2": 0.5}, "base_rate": 0.3}],
        hypotheses=("H1", "H2", "H3"),
        priors={"H1": 5, "H2": 3, "H3": 2},  # normalised on load
    )
    s = score_case(case)
    assert [h.posterior for h in s.hypotheses] == pytest.approx([0.225 / 0.39, 0.105 / 0.39, 0.06 / 0.39], abs=1e-12)
    assert math.fsum(h.posterior for h in s.hypotheses) == pytest.approx(1.0, abs=1e-12)
    llr = s.evidence[0].log_likelihood_ratios
    assert llr is not None
    assert [llr[h] for h in ("H1", "H2", "H3")] == pytest.approx(
        [0.31015492830383945, -0.15123096972392366, -0.3184537311185346], abs=1e-12
    )


def test_posterior_sums_to_one_over_many_items() -> None:
    s = score_case(bench_case(7, 400, seed=3))
    assert math.fsum(h.posterior for h in s.hypotheses) == pytest.approx(1.0, abs=1e-12)
    assert all(0.0 <= h.posterior <= 1.0 for h in s.hypotheses)


def test_equal_likelihoods_change_nothing() -> None:
    base = [{"id": "E1", "source": "S1", "credibility": "1", "likelihoods": {"H1": 0.7, "H2": 0.4, "H3": 0.1}}]
    flat = {"id": "E2", "source": "S1", "credibility": "1", "likelihoods": {"H1": 0.6, "H2": 0.6, "H3": 0.6}}
    hyps = ("H1", "H2", "H3")
    without = score_case(make(base, hyps, {"S1": "A"}, priors={"H1": 0.2, "H2": 0.3, "H3": 0.5}))
    with_flat = score_case(make([*base, flat], hyps, {"S1": "A"}, priors={"H1": 0.2, "H2": 0.3, "H3": 0.5}))
    assert [h.posterior for h in with_flat.hypotheses] == [h.posterior for h in without.hypotheses]
    assert by_id(with_flat.evidence)["E2"].log_likelihood_ratios == {"H1": 0.0, "H2": 0.0, "H3": 0.0}
    e2 = by_id(with_flat.sensitivity)["E2"]
    assert (e2.changes_top_posterior, e2.max_posterior_shift) == (False, 0.0)
    # Only equal items: the posterior is the prior, exactly.
    only = score_case(make([flat], hyps, {"S1": "A"}, priors={"H1": 0.2, "H2": 0.3, "H3": 0.5}))
    assert [h.posterior for h in only.hypotheses] == [0.2, 0.3, 0.5]


def test_ratings_drive_the_posterior_through_the_documented_table() -> None:
    # No source (F, 0.5) and credibility 6 (0.5): c = 0.25. CC → 0.9, II → 0.1, q = their mean 0.5.
    # P*(E|H1) = 0.5 + 0.25 × 0.4 = 0.6, P*(E|H2) = 0.4; uniform priors → posterior 0.6, 0.4.
    case = make([{"id": "E1", "ratings": {"H1": "CC", "H2": "II"}}])
    s = score_case(case)
    assert [h.posterior for h in s.hypotheses] == pytest.approx([0.6, 0.4], abs=1e-12)
    assert s.evidence[0].likelihoods_from == "ratings"
    assert s.sensitivity[0].changes_top_posterior is True  # without it, the two are tied again
    # likelihoods an item gives override its ratings
    given = score_case(make([{"id": "E1", "ratings": {"H1": "CC", "H2": "II"}, "likelihoods": {"H1": 0.2, "H2": 0.8}}]))
    assert given.hypotheses[1].posterior > 0.5 and given.evidence[0].likelihoods_from == "given"
    # rated alike for every hypothesis: no change
    alike = score_case(make([{"id": "E1", "ratings": {"H1": "C", "H2": "C"}}]))
    assert [h.posterior for h in alike.hypotheses] == [0.5, 0.5]
    assert [h.posterior for h in score_case(case, from_ratings=False).hypotheses] == [0.5, 0.5]


def test_no_likelihoods_posterior_is_the_prior() -> None:
    case = make([{"id": "E1", "ratings": {"H1": "I"}}], priors={"H1": 1, "H2": 3})
    s = score_case(case, from_ratings=False)
    assert [h.posterior for h in s.hypotheses] == [0.25, 0.75]
    assert s.evidence[0].log_likelihood_ratios is None
    assert s.sensitivity[0].max_posterior_shift is None and s.sensitivity[0].changes_top_posterior is False
    uniform = score_case(make([{"id": "E1"}], hypotheses=("H1", "H2", "H3", "H4")))
    assert [h.posterior for h in uniform.hypotheses] == [0.25] * 4


def test_credibility_pulls_the_likelihood_ratio_toward_one() -> None:
    # c = 0: P*(E|H) = q for every H, so the ratio is exactly 1 whatever P(E|H) says.
    assert effective_likelihood(0.9, 0.5, 0.0) == 0.5
    assert effective_likelihood(0.1, 0.5, 0.0) / effective_likelihood(0.9, 0.5, 0.0) == 1.0
    assert effective_likelihood(0.9, 0.5, 1.0) == 0.9
    # In a case: the same item from A1 (c = 0.9025), C3 (0.36), E5 (0.04): |LLR| shrinks toward 0.
    sizes = []
    for grade, digit in (("A", "1"), ("C", "3"), ("E", "5")):
        case = make(
            [{"id": "E1", "source": "S1", "credibility": digit, "likelihoods": {"H1": 0.9, "H2": 0.1}}],
            sources={"S1": grade},
        )
        llr = score_case(case).evidence[0].log_likelihood_ratios
        assert llr is not None
        sizes.append(llr["H1"])
    assert sizes[0] > sizes[1] > sizes[2] > 0
    # c = 0.04, q = 0.5: P* = 0.5 ± 0.04 × 0.4 = 0.516, 0.484 → ln(0.516/0.484) = 0.0640218…
    assert sizes[2] == pytest.approx(math.log(0.516 / 0.484), abs=1e-12)


def test_zero_likelihoods() -> None:
    # base_rate 0 and P(E|H1) = 0: P*(E|H1) = 0, H1 is ruled out; its LLR is −inf (null in to_dict).
    case = make([{"id": "E1", "likelihoods": {"H1": 0, "H2": 0.5}, "base_rate": 0}])
    s = score_case(case)
    assert [h.posterior for h in s.hypotheses] == [0.0, 1.0]
    llr = s.evidence[0].log_likelihood_ratios
    assert llr is not None and llr["H1"] == -math.inf
    assert s.to_dict()["evidence"][0]["log_likelihood_ratios"]["H1"] is None
    # Dropping the item revives H1: the top by posterior changes.
    assert s.sensitivity[0].changes_top_posterior is True
    assert s.sensitivity[0].max_posterior_shift == pytest.approx(0.5)
    # Two items that rule out one hypothesis each leave nothing.
    both = make(
        [
            {"id": "E1", "likelihoods": {"H1": 0, "H2": 0.5}, "base_rate": 0},
            {"id": "E2", "likelihoods": {"H1": 0.5, "H2": 0}, "base_rate": 0},
        ]
    )
    with pytest.raises(ConfigError, match="rule out every hypothesis"):
        score_case(both)


# -- sensitivity ----------------------------------------------------------------------


def test_linchpin_detection() -> None:
    # H1: E1 I (weight 1) → 1.   H2: E2 II (weight 1) → 2.   Top: H1.
    # Drop E2 → H2 = 0 → top H2: E2 is a linchpin (shift 2).  Drop E1 → H1 = 0, still top (shift 1).
    # E3 rates nothing inconsistent: no shift.
    case = make(
        [
            {"id": "E1", "ratings": {"H1": "I", "H2": "C"}},
            {"id": "E2", "ratings": {"H1": "N", "H2": "II"}},
            {"id": "E3", "ratings": {"H1": "C", "H2": "CC"}},
        ]
    )
    s = score_case(case)
    sens = by_id(s.sensitivity)
    assert s.top == ("H1",)
    assert s.linchpins == ("E2",)
    assert [sens[e].changes_top for e in ("E1", "E2", "E3")] == [False, True, False]
    assert [sens[e].max_shift for e in ("E1", "E2", "E3")] == [1.0, 2.0, 0.0]


def test_linchpin_if_low() -> None:
    # E1: A1, relevance high → weight 2, I on H1 → H1 = 2.
    # E2: F6 (medium), relevance medium → 1, I on H2; E3: F4 (low), relevance low → 1/2, I on H2 → H2 = 1.5.  Top: H2.
    # E1 at low credibility: 1/√2 × √2 = 1 → H1 = 1 < 1.5 → top H1: changes_top_if_low, shift 2 − 1 = 1.
    # E2 at low: weight 1/√2 → H2 = 1.207 < 2 → H2 stays on top; shift 1 − 1/√2.
    # E3 is at low credibility already: no change, shift 0.
    case = make(
        [
            {"id": "E1", "source": "S1", "credibility": "1", "relevance": "high", "ratings": {"H1": "I"}},
            {"id": "E2", "ratings": {"H2": "I"}},
            {"id": "E3", "credibility": "4", "relevance": "low", "ratings": {"H2": "I"}},
        ],
        sources={"S1": "A"},
    )
    s = score_case(case)
    sens = by_id(s.sensitivity)
    assert s.top == ("H2",)
    assert [sens[e].changes_top_if_low for e in ("E1", "E2", "E3")] == [True, False, False]
    assert [sens[e].max_shift_if_low for e in ("E1", "E2", "E3")] == pytest.approx([1.0, 1 - 1 / SQRT2, 0.0])
    assert sens["E1"].changes_top is True  # dropping it helps H1 even more


def test_linchpin_by_posterior() -> None:
    # A1 items (c = 0.9025).  E1 strongly favours H1, E2 mildly favours H2; together H1 leads.
    # Drop E1 → H2 leads: E1 changes the top by posterior; E2 does not.
    case = make(
        [
            {"id": "E1", "source": "S1", "credibility": "1", "likelihoods": {"H1": 0.9, "H2": 0.1}},
            {"id": "E2", "source": "S1", "credibility": "1", "likelihoods": {"H1": 0.4, "H2": 0.6}},
        ],
        sources={"S1": "A"},
    )
    s = score_case(case)
    sens = by_id(s.sensitivity)
    assert s.hypotheses[0].posterior > 0.5
    assert (sens["E1"].changes_top_posterior, sens["E2"].changes_top_posterior) == (True, False)
    e1_only = score_case(make([case_dict_item(case.evidence[0])], sources={"S1": "A"}))
    # Dropping E2 moves each posterior by exactly the difference to the E1-only posterior.
    shift = abs(e1_only.hypotheses[0].posterior - s.hypotheses[0].posterior)
    assert sens["E2"].max_posterior_shift == pytest.approx(shift, abs=1e-12)


def case_dict_item(e: Evidence) -> dict[str, Any]:
    return {"id": e.id, "source": e.source, "credibility": e.credibility, "likelihoods": dict(e.likelihoods)}


# -- the example case and the output shape ---------------------------------------------


def test_example_case_scores() -> None:
    views = score_all(load_example_case())
    assert list(views) == [None, "P1", "P2"]
    own, p1, p2 = views[None], views["P1"], views["P2"]
    # Own grades: H1 2.0 (E7 I and E11 I, weight 1 each); H3 √2 + 1/√2 = 2.121 (E1, E10); H4 2√2; H2 last.
    assert [(h.id, h.rank) for h in own.hypotheses] == [("H1", 1), ("H2", 4), ("H3", 2), ("H4", 3)]
    assert by_id(own.hypotheses)["H1"].weighted_inconsistency == pytest.approx(2.0)
    assert by_id(own.hypotheses)["H3"].weighted_inconsistency == pytest.approx(SQRT2 + 1 / SQRT2)
    assert own.linchpins == ("E1", "E10")
    assert p1.top == ("H1",)
    assert p2.top == ("H3",)  # trusting the Valdorian ministry (E11, weight 2) turns the ranking
    assert by_id(p2.evidence)["E11"].weight == 2.0
    assert by_id(own.evidence)["E6"].diagnosticity == 0.0
    for scores in views.values():
        assert math.fsum(h.posterior for h in scores.hypotheses) == pytest.approx(1.0, abs=1e-12)


def test_to_dict_shape_and_rounding() -> None:
    d = score_case(load_example_case(), "P2").to_dict()
    json.dumps(d, allow_nan=False)  # JSON-serialisable
    assert list(d) == ["hypotheses", "evidence", "sensitivity", "perspective"]
    assert d["perspective"] == "P2"
    assert set(d["hypotheses"][0]) == {"id", "inconsistency", "weighted_inconsistency", "rank", "posterior"}
    assert set(d["evidence"][0]) == {
        "id",
        "diagnosticity",
        "weight",
        "credibility_level",
        "log_likelihood_ratios",
        "likelihoods_from",
    }
    assert set(d["sensitivity"][0]) == {
        "id",
        "changes_top",
        "changes_top_if_low",
        "changes_top_posterior",
        "max_shift",
        "max_shift_if_low",
        "max_posterior_shift",
    }
    h3 = next(h for h in d["hypotheses"] if h["id"] == "H3")
    assert h3["weighted_inconsistency"] == 2.12132  # √2 + 1/√2 = 2.1213203… rounded to 6 places
    assert isinstance(d["sensitivity"][0]["changes_top"], bool)
    unrated = [e for e in load_example_case().evidence if not e.ratings and not e.likelihoods]
    for e in unrated:
        item = next(x for x in d["evidence"] if x["id"] == e.id)
        assert item["log_likelihood_ratios"] is None and item["likelihoods_from"] is None


# -- against a plain-Python reference --------------------------------------------------


def reference(case: Case, perspective: str | None) -> tuple[dict[str, float], dict[str, float]]:
    """Weighted inconsistency and posterior, one loop per item and hypothesis."""
    grades = {s.id: s.reliability for s in case.sources}
    if perspective is not None:
        grades.update(case.perspective(perspective).trust)
    hids = case.hypothesis_ids
    weighted = dict.fromkeys(hids, 0.0)
    post = {h: case.prior(h) for h in hids}
    for e in case.evidence:
        grade = grades[e.source] if e.source else "F"
        w = LEVEL_WEIGHTS[credibility_level(grade, e.credibility)] * RELEVANCE_WEIGHTS[e.relevance]
        for h in hids:
            weighted[h] += w * POINTS[e.rating(h)]
        lik = _given_or_rated(e)
        if lik:
            q = e.base_rate if e.base_rate is not None else sum(lik.values()) / len(lik)
            c = credibility_probability(grade, e.credibility)
            for h in hids:
                post[h] *= c * lik.get(h, q) + (1 - c) * q
    total = sum(post.values())
    return weighted, {h: p / total for h, p in post.items()}


def _given_or_rated(e: Evidence) -> dict[str, float]:
    table = {"CC": 0.9, "C": 0.7, "N": 0.5, "I": 0.3, "II": 0.1}  # the documented table, written out again
    return dict(e.likelihoods) or {h: table[r] for h, r in e.ratings.items() if r in table}


def top_of(weighted: dict[str, float]) -> set[str]:
    best = min(weighted.values())
    return {h for h, w in weighted.items() if math.isclose(w, best, rel_tol=1e-9, abs_tol=1e-9)}


@st.composite
def small_cases(draw: st.DrawFn) -> Case:
    hids = [f"H{i}" for i in range(draw(st.integers(1, 4)))]
    sids = [f"S{i}" for i in range(draw(st.integers(0, 3)))]
    grade = st.sampled_from("ABCDEF")
    evidence = []
    for i in range(draw(st.integers(0, 6))):
        lik = {h: draw(st.sampled_from([0.1, 0.3, 0.5, 0.9])) for h in draw(st.lists(st.sampled_from(hids)))}
        evidence.append(
            Evidence(
                f"E{i}",
                "x",
                source=draw(st.sampled_from([None, *sids])),
                credibility=draw(st.sampled_from("123456")),
                relevance=draw(st.sampled_from(["low", "medium", "high"])),
                ratings={h: draw(st.sampled_from(RATINGS)) for h in hids},
                likelihoods=lik,
                base_rate=draw(st.none() | st.sampled_from([0.2, 0.6])),
            )
        )
    priors = (
        dict(zip(hids, [draw(st.sampled_from([1, 2, 5])) for _ in hids], strict=True)) if draw(st.booleans()) else None
    )
    perspectives = (Perspective("P1", "p", {s: draw(grade) for s in sids}),)
    return Case(
        "t",
        tuple(Hypothesis(h, h) for h in hids),
        tuple(Source(s, s, draw(grade)) for s in sids),
        tuple(evidence),
        priors,
        perspectives,
    )


@settings(max_examples=120, deadline=None)
@given(small_cases())
def test_matches_reference_and_brute_force_sensitivity(case: Case) -> None:
    for perspective in (None, "P1"):
        s = score_case(case, perspective)
        weighted, post = reference(case, perspective)
        for h in s.hypotheses:
            assert h.weighted_inconsistency == pytest.approx(weighted[h.id], abs=1e-9)
            assert h.posterior == pytest.approx(post[h.id], abs=1e-9)
            assert h.rank == 1 + sum(
                1 for w in weighted.values() if w < weighted[h.id] and not math.isclose(w, weighted[h.id])
            )
        assert set(s.top) == top_of(weighted)
        top_post = max(post.values())
        for i, (e, sens) in enumerate(zip(case.evidence, s.sensitivity, strict=True)):
            rest = case.evidence[:i] + case.evidence[i + 1 :]
            dropped_w, dropped_post = reference(replace(case, evidence=rest), perspective)
            assert sens.changes_top == (top_of(dropped_w) != top_of(weighted))
            assert sens.max_shift == pytest.approx(max(abs(dropped_w[h] - weighted[h]) for h in weighted), abs=1e-9)
            low = (*case.evidence[:i], replace(e, credibility="5"), *case.evidence[i + 1 :])  # 5 → level low
            low_w, _ = reference(replace(case, evidence=low), perspective)
            assert sens.changes_top_if_low == (top_of(low_w) != top_of(weighted))
            assert sens.max_shift_if_low == pytest.approx(max(abs(low_w[h] - weighted[h]) for h in weighted), abs=1e-9)
            if any(_given_or_rated(x) for x in case.evidence):
                assert sens.max_posterior_shift == pytest.approx(
                    max(abs(dropped_post[h] - post[h]) for h in post), abs=1e-9
                )
                new_top = max(dropped_post.values())
                before = {h for h, p in post.items() if math.isclose(p, top_post, rel_tol=1e-9)}
                after = {h for h, p in dropped_post.items() if math.isclose(p, new_top, rel_tol=1e-9)}
                assert sens.changes_top_posterior == (before != after)
            else:
                assert sens.max_posterior_shift is None


# -- the benchmark ---------------------------------------------------------------------


def test_bench_case_is_reproducible() -> None:
    a, b = bench_case(4, 30, seed=1), bench_case(4, 30, seed=1)
    assert a == b and a != bench_case(4, 30, seed=2)
    assert (len(a.hypotheses), len(a.evidence), len(a.perspectives)) == (4, 30, 2)
    result = run_bench(4, 30, seed=1, repeat=2)
    assert (result["n_hypotheses"], result["n_evidence"], result["n_perspectives"]) == (4, 30, 2)
    assert len(result["runs"]) == 2 and result["seconds"] == min(result["runs"])


# The 50 × 10,000 speed target is checked by `unspin case bench`, which prints the figure (no timed tests).
