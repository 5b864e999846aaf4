"""Degree of responsibility and blame against the examples of Chockler & Halpern (2004)."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspin.causal import (
    MAX_CONTINGENCIES,
    Situation,
    chain_responsibility,
    degree_of_blame,
    degree_of_responsibility,
    minimal_contingency,
)

VOTERS = [f"v{i:02d}" for i in range(11)]


def b_wins(values: Mapping[str, bool]) -> bool:
    """Majority vote of 11: True is a vote for Mr B."""
    return sum(values[v] for v in VOTERS) >= 6


def ballots(for_b: int) -> dict[str, bool]:
    return {v: i < for_b for i, v in enumerate(VOTERS)}


def test_eleven_nil_each_voter_one_sixth() -> None:
    actual = ballots(11)
    assert {degree_of_responsibility(b_wins, actual, v) for v in VOTERS} == {Fraction(1, 6)}
    assert len(minimal_contingency(b_wins, actual, "v00") or ()) == 5


def test_six_five_each_winning_voter_fully_responsible() -> None:
    actual = ballots(6)
    assert [degree_of_responsibility(b_wins, actual, v) for v in VOTERS[:6]] == [Fraction(1)] * 6
    assert minimal_contingency(b_wins, actual, "v00") == frozenset()


def test_losing_side_voter_not_responsible() -> None:
    actual = ballots(6)
    assert [degree_of_responsibility(b_wins, actual, v) for v in VOTERS[6:]] == [Fraction(0)] * 5
    assert minimal_contingency(b_wins, actual, "v10") is None


def test_outcome_that_did_not_happen_has_no_cause() -> None:
    # AC1: B lost 5–6, so no voter is responsible for "B wins"; for "B loses" the 6 are.
    actual = ballots(5)
    assert degree_of_responsibility(b_wins, actual, "v00") == 0
    assert degree_of_responsibility(lambda v: not b_wins(v), actual, "v10") == 1


def test_forest_fire_disjunctive_and_conjunctive() -> None:
    both = {"lightning": True, "match": True}
    for arsonist in both:
        assert degree_of_responsibility(lambda v: v["lightning"] or v["match"], both, arsonist) == Fraction(1, 2)
        assert degree_of_responsibility(lambda v: v["lightning"] and v["match"], both, arsonist) == 1


def test_conjunction_chain_fully_responsible() -> None:
    assert chain_responsibility(1) == 1
    assert chain_responsibility(3) == 1


def test_chain_with_present_alternatives() -> None:
    assert chain_responsibility(3, 1) == Fraction(1, 2)
    assert chain_responsibility(3, 2) == Fraction(1, 3)


def test_absent_alternative_changes_nothing() -> None:
    assert chain_responsibility(3, 1, alternatives_active=False) == 1
    assert chain_responsibility(3, 4, alternatives_active=False) == 1


@given(st.integers(1, 6), st.integers(0, 5), st.booleans())
def test_chain_matches_the_closed_form(links: int, alternatives: int, active: bool) -> None:
    expected = Fraction(1, alternatives + 1) if active else Fraction(1)
    assert chain_responsibility(links, alternatives, alternatives_active=active) == expected


def test_max_k_caps_the_search() -> None:
    actual = ballots(11)
    assert degree_of_responsibility(b_wins, actual, "v00", max_k=4) == 0
    assert degree_of_responsibility(b_wins, actual, "v00", max_k=5) == Fraction(1, 6)
    assert degree_of_responsibility(b_wins, ballots(6), "v00", max_k=0) == 1


def test_search_budget_is_enforced() -> None:
    # 22 other variables, none of which can make x matter: all 2**22 contingencies would be tried.
    names = [f"a{i}" for i in range(22)]
    actual = dict.fromkeys(names, True) | {"x": True}
    with pytest.raises(ValueError, match="pass a smaller max_k"):
        degree_of_responsibility(lambda v: v["a0"], actual, "x")
    assert MAX_CONTINGENCIES == 2**20
    assert degree_of_responsibility(lambda v: v["a0"], actual, "x", max_k=2) == 0


def test_unknown_variable_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"unknown variable 'z'; the model's variables are: a, b"):
        degree_of_responsibility(lambda v: v["a"], {"a": True, "b": False}, "z")


@pytest.mark.parametrize(
    ("actual", "max_k", "message"),
    [
        ({"a": 1}, None, "must be True or False"),
        ({"a": True}, -1, "max_k must be"),
        ({"a": True}, True, "max_k must be"),
    ],
)
def test_bad_input(actual: dict[str, object], max_k: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        degree_of_responsibility(lambda v: True, actual, "a", max_k=max_k)  # type: ignore[arg-type]


def test_non_boolean_outcome_is_rejected() -> None:
    with pytest.raises(TypeError, match="must return True or False"):
        degree_of_responsibility(lambda v: None, {"a": True}, "a")  # type: ignore[arg-type, return-value]


def test_bad_chain_sizes() -> None:
    with pytest.raises(ValueError, match="links must be"):
        chain_responsibility(0)
    with pytest.raises(ValueError, match="alternatives must be"):
        chain_responsibility(2, -1)


def test_blame_is_expected_responsibility() -> None:
    # The voter is unsure whether the other ten split 5–5 (then their vote decides)
    # or 10–0 (then it is one of eleven): blame = ½·1 + ½·⅙ = 7/12.
    split = ballots(6) | {"v00": False}
    landslide = ballots(11) | {"v00": False}
    state = [(Fraction(1, 2), Situation(b_wins, split)), (Fraction(1, 2), Situation(b_wins, landslide))]
    assert degree_of_blame(state, "v00") == Fraction(7, 12)
    # Voting against B: no responsibility for B winning in either situation.
    assert degree_of_blame(state, "v00", value=False) == 0


def test_firing_squad_blame() -> None:
    # Ten soldiers fire, one live bullet, equally likely in any rifle: each is to blame 1/10,
    # although the one with the live bullet is fully responsible.
    soldiers = [f"s{i}" for i in range(10)]
    fired = dict.fromkeys(soldiers, True)

    def live_in(j: str) -> Situation:
        return Situation(lambda v: v[j], fired)

    state = [(Fraction(1, 10), live_in(s)) for s in soldiers]
    assert degree_of_blame(state, "s0") == Fraction(1, 10)
    assert degree_of_responsibility(live_in("s0").outcome, fired, "s0") == 1


def test_blame_bad_epistemic_state() -> None:
    sit = Situation(lambda v: v["a"], {"a": True})
    with pytest.raises(ValueError, match="sum to 1/2, not 1"):
        degree_of_blame([(Fraction(1, 2), sit)], "a")
    with pytest.raises(ValueError, match="must be a Fraction or int"):
        degree_of_blame([(0.5, sit), (0.5, sit)], "a")  # type: ignore[list-item]
    with pytest.raises(ValueError, match="outside"):
        degree_of_blame([(Fraction(3, 2), sit), (Fraction(-1, 2), sit)], "a")
    with pytest.raises(ValueError, match="empty"):
        degree_of_blame([], "a")
    with pytest.raises(ValueError, match="unknown variable 'b'"):
        degree_of_blame([(1, sit)], "b")
