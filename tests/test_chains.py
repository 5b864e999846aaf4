"""Chain assembly, strength, weakest link, responsibility and same shape, on hand-built relations."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from unspin.causal.chains import (
    SUPPORT_WEIGHTS,
    ChainConfig,
    build_chains,
    describe_shape,
    link_weight,
)
from unspin.errors import ConfigError

_n = iter(range(1, 10_000))


def rel(
    type: str,
    cause: str,
    effect: str | None,
    *,
    support: str = "asserted",
    who: str | None = None,
    negated: bool = False,
    event: bool = False,
) -> dict[str, Any]:
    i = next(_n)
    return {
        "id": f"L{i}",
        "start": i * 10,
        "end": i * 10 + 5,
        "type": type,
        "cause": {"start": 0, "end": 1, "text": cause, "node": cause},
        "effect": {"start": 0, "end": 1, "text": effect, "node": effect} if effect else None,
        "trigger": {"start": 0, "end": 1, "text": "did"},
        "voice": "author" if who is None else "attributed",
        "attributed_to": who,
        "support": support,
        "negated": negated,
        "effect_event": event,
    }


def lind_chain(who: str | None = "S1", support: str = "asserted") -> list[dict[str, Any]]:
    return [
        rel("create", "V", "B", who=who, support=support),
        rel("arm", "V", "B", who=who, support=support),
        rel("become", "B", "T", who=who, support=support),
        rel("perpetrate", "T", "the attack", who=who, support=support, event=True),
        rel("blame", "V", None, who=who),
    ]


def test_explicit_chain_joins_steps_and_parallel_links() -> None:
    rels = lind_chain()
    (chain,) = build_chains(rels, names={"V": "Valdoria"})
    assert chain.blamed == "Valdoria" and chain.attributed_to == "S1"
    assert [(s.source, s.target) for s in chain.steps] == [("V", "B"), ("B", "T"), ("T", "the attack")]
    # "created and armed" are one step with two relations, not two requirements
    assert chain.steps[0].relation_ids == (rels[0]["id"], rels[1]["id"])
    assert chain.conclusion_id == rels[4]["id"]
    assert chain.strength == pytest.approx(0.6**3)
    assert chain.outcome == "the attack"


def test_strength_is_the_product_and_the_weakest_link_is_named() -> None:
    rels = [
        rel("fund", "V", "B", support="sourced"),
        rel("become", "B", "T", support="hedged"),
        rel("perpetrate", "T", "station", support="asserted"),
        rel("blame", "V", None),
    ]
    (chain,) = build_chains(rels)
    assert chain.strength == pytest.approx(0.8 * 0.4 * 0.6)
    assert chain.minimum == pytest.approx(0.4)
    assert chain.weakest_link == rels[1]["id"]


def test_a_long_chain_of_plausible_links_is_weak() -> None:
    nodes = ["A", "B", "C", "D", "E", "F"]
    rels = [rel("support", a, b, support="sourced") for a, b in itertools.pairwise(nodes)]
    rels.append(rel("perpetrate", "F", "attack", support="sourced", event=True))
    rels.append(rel("blame", "A", None))
    (chain,) = build_chains(rels)
    assert len(chain.steps) == 6
    assert chain.minimum == pytest.approx(0.8)
    assert chain.strength == pytest.approx(0.8**6) and chain.strength < 0.3


def test_a_parallel_link_with_better_support_carries_the_step() -> None:
    rels = [
        rel("arm", "V", "B", support="hedged"),
        rel("fund", "V", "B", support="sourced"),
        rel("perpetrate", "B", "attack", event=True),
        rel("blame", "V", None),
    ]
    (chain,) = build_chains(rels)
    assert chain.steps[0].best == rels[1]["id"]
    assert chain.strength == pytest.approx(0.8 * 0.6)


def test_negated_links_break_the_chain() -> None:
    rels = [
        rel("create", "V", "B"),
        rel("become", "B", "T", negated=True),
        rel("perpetrate", "T", "attack", event=True),
        rel("blame", "V", None),
    ]
    assert [c.blamed for c in build_chains(rels)] == []


def test_a_blame_with_a_named_outcome_and_no_path_is_a_bare_accusation() -> None:
    rels = [rel("blame", "V", "the massacre", event=True, support="hedged")]
    (chain,) = build_chains(rels)
    assert chain.steps == [] and chain.outcome == "the massacre"
    assert chain.strength == pytest.approx(SUPPORT_WEIGHTS["hedged"])
    assert chain.weakest_link == rels[0]["id"]


def test_implicit_chain_needs_two_links_in_one_voice() -> None:
    one = [rel("perpetrate", "T", "attack", event=True)]
    assert build_chains(one) == []
    two = [rel("support", "M", "T"), rel("perpetrate", "T", "attack", event=True)]
    (chain,) = build_chains(two)
    assert chain.blamed == "M" and chain.conclusion_id is None
    mixed = [rel("support", "M", "T", who="S9"), rel("perpetrate", "T", "attack", event=True)]
    # the source's link plus the author's outcome is the source's chain
    (c2,) = build_chains(mixed)
    assert c2.attributed_to == "S9"


def test_a_voice_borrows_the_authors_assertions_but_not_their_speculation() -> None:
    rels = [
        rel("fund", "V", "B", who="S1"),
        rel("become", "B", "T", support="speculative"),
        rel("perpetrate", "T", "attack", event=True),
        rel("blame", "V", None, who="S1"),
    ]
    chains = build_chains(rels)
    explicit = [c for c in chains if c.conclusion_id]
    assert explicit == []  # the speculative author link cannot carry S1's chain
    rels[1]["support"] = "asserted"
    (chain,) = [c for c in build_chains(rels) if c.conclusion_id]
    assert chain.attributed_to == "S1" and len(chain.steps) == 3


def test_named_alternative_causes_lower_responsibility() -> None:
    rels = lind_chain()
    (alone,) = build_chains(rels)
    assert alone.responsibility == 1
    rels.append(rel("create", "O", "T", support="speculative"))  # another actor made T
    chains = build_chains(rels)
    explicit = next(c for c in chains if c.conclusion_id)
    assert explicit.responsibility == pytest.approx(0.5)
    assert explicit.alternatives == [rels[-1]["id"]]
    rels.append(rel("perpetrate", "X", "the attack", event=True))  # a second perpetrator of the outcome
    explicit = next(c for c in build_chains(rels) if c.conclusion_id)
    assert float(explicit.responsibility) == pytest.approx(1 / 3)


def test_become_is_continuity_not_an_alternative_cause() -> None:
    rels = [rel("create", "O", "T"), rel("perpetrate", "T", "attack", event=True), rel("become", "B", "T")]
    (chain,) = [c for c in build_chains(rels) if c.blamed == "O"]
    assert chain.responsibility == 1


def test_same_shape_chains_with_different_actors_are_linked() -> None:
    a = lind_chain("S1")
    b = [
        rel("fund", "P", "Q"),
        rel("become", "Q", "R"),
        rel("perpetrate", "R", "the attack", event=True),
        rel("blame", "P", None),
    ]
    chains = build_chains(a + b)
    c1, c2 = chains
    assert c1.same_shape_as == [c2.id] and c2.same_shape_as == [c1.id]
    assert describe_shape(c1.shape, explicit=False) == "X enables Y; Y becomes Z; Z carries out the outcome"


def test_same_actors_or_other_shapes_are_not_linked() -> None:
    same_actors = lind_chain("S1") + lind_chain("S2")
    assert all(c.same_shape_as == [] for c in build_chains(same_actors))
    other = [*lind_chain("S1"), rel("fund", "P", "R"), rel("perpetrate", "R", "attack", event=True)]
    assert all(c.same_shape_as == [] for c in build_chains(other))


def test_source_grade_sets_the_weight_of_sourced_links() -> None:
    r = rel("arm", "V", "B", support="sourced", who="S1")
    assert link_weight(r) == SUPPORT_WEIGHTS["sourced"]
    assert link_weight(r, {"S1": "A"}) == pytest.approx(0.95)
    assert link_weight(r, {"S1": "E"}) == pytest.approx(0.3)
    assert link_weight(r, {"S1": "F"}) == SUPPORT_WEIGHTS["sourced"]
    r["support"] = "hedged"
    assert link_weight(r, {"S1": "A"}) == SUPPORT_WEIGHTS["hedged"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"support_weights": {"sourced": 0.8}},
        {"support_weights": {**SUPPORT_WEIGHTS, "hedged": 1.5}},
        {"grade_weights": {"A": 0}},
        {"min_implicit_steps": 0},
    ],
)
def test_bad_chain_config_fails_in_the_constructor(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ConfigError):
        ChainConfig(**kwargs)


def test_an_implicit_chain_from_an_unresolved_pronoun_is_left_out() -> None:
    # "That would enable the CIA … the assassination": a path from "that" blames no one
    rels = [rel("allow", "t:that", "C"), rel("perpetrate", "C", "the attack", event=True)]
    rels[0]["cause"]["text"] = "That"
    assert build_chains(rels) == []
    # an explicit conclusion about "she" is still shown, as unresolved
    rels = [rel("perpetrate", "t:she", "the killing", event=True), rel("blame", "t:she", None)]
    for r in rels:
        r["cause"]["text"] = "she"
    assert [c.blamed for c in build_chains(rels)] == ["“she” (unresolved)"]


def test_a_source_that_only_says_who_became_whom_blames_no_one() -> None:
    # the example's "Western diplomats say … its units were absorbed into the Brotherhood": the diplomats name no
    # act, so the author's "the Brotherhood bombed the station" makes no chain in their voice
    rels = [
        rel("become", "Brigade", "Brotherhood", support="sourced", who="S7"),
        rel("perpetrate", "Brotherhood", "the attack", event=True),
    ]
    assert [c for c in build_chains(rels) if c.attributed_to == "S7"] == []
    # a link of their own other than "become" does make one
    rels = [
        rel("arm", "Valdoria", "Brigade", support="sourced", who="S7"),
        rel("become", "Brigade", "Brotherhood", support="sourced", who="S7"),
        rel("perpetrate", "Brotherhood", "the attack", event=True),
    ]
    assert [c.blamed for c in build_chains(rels) if c.attributed_to == "S7"] == ["Valdoria"]
