"""Even-handedness: swapping the actors' names changes nothing but the names."""

from __future__ import annotations

from typing import Any

import pytest

from unspin import Pipeline

from .conftest import analyse

pytestmark = pytest.mark.slow

TEMPLATE = (
    "{The_X} armed the rebels in 2014, according to the New York Times. {X_seat} denied it.\n"
    "{Y} said {the_X_agency} created the militia. {Y_seat} blamed {the_X} for the attack.\n"
    "{The_Y_agency} said nothing. In {Y_seat}, officials met. In {X_seat}, protesters gathered.\n"
    "{X_adj} and {Y_adj} diplomats spoke on Tuesday. {Y} and {the_X} traded accusations."
)
US = {
    "X": "United States",
    "The_X": "The United States",
    "the_X": "the United States",
    "X_seat": "Washington",
    "the_X_agency": "the CIA",
    "The_X_agency": "The CIA",
    "X_adj": "American",
}
RU = {
    "X": "Russia",
    "The_X": "Russia",
    "the_X": "Russia",
    "X_seat": "Moscow",
    "the_X_agency": "the FSB",
    "The_X_agency": "The FSB",
    "X_adj": "Russian",
}


def fill(x: dict[str, str], y: dict[str, str]) -> str:
    values = dict(x)
    values.update({k.replace("X", "Y"): v for k, v in y.items()})
    return TEMPLATE.format(**values)


RENAME = {
    "United States": "Russia",
    "Russia": "United States",
    "Washington": "Moscow",
    "Moscow": "Washington",
    "CIA": "FSB",
    "FSB": "CIA",
    "American": "Russian",
    "Russian": "American",
}


def shape(report: dict[str, Any], rename: dict[str, str] | None = None) -> list[tuple[Any, ...]]:
    r = rename or {}
    return sorted(
        (r.get(e["name"], e["name"]), e["label"], len(e["mentions"]), tuple(sorted(r.get(a, a) for a in e["aliases"])))
        for e in report["entities"]
    )


def test_the_two_texts_are_mirror_images() -> None:
    a, b = fill(US, RU), fill(RU, US)
    assert a.startswith("The United States armed") and b.startswith("Russia armed")
    assert "Moscow blamed the United States" in a and "Washington blamed Russia" in b


def test_swapping_actors_changes_only_the_names(pipeline: Pipeline) -> None:
    original = analyse(pipeline, fill(US, RU))
    swapped = analyse(pipeline, fill(RU, US))
    assert shape(original, RENAME) == shape(swapped)
    assert len(original["sentences"]) == len(swapped["sentences"])
    # The seats joined their countries as actors in both texts, not as places.
    names = {e["name"]: e for e in original["entities"]}
    assert "Washington" in names["United States"]["aliases"] and "Moscow" in names["Russia"]["aliases"]


def relation_shape(report: dict[str, Any], rename: dict[str, str] | None = None) -> list[tuple[Any, ...]]:
    r = rename or {}
    names = {e["id"]: e["name"] for e in report["entities"]}

    def who(arg: dict[str, Any]) -> str:
        name = names.get(arg.get("entity_id") or "", arg["text"])
        for a, b in r.items():
            if a in name:
                return name.replace(a, b)
        return name

    rels = sorted(
        (x["type"], who(x["cause"]), who(x["effect"]), x["support"], x["voice"], x["negated"])
        for x in report["relations"]
    )
    chains = sorted((who({"text": c["blamed"]}), len(c["steps"]), c["strength"]) for c in report["chains"])
    return [*rels, *chains]


def test_swapping_actors_changes_no_relation_or_chain(pipeline: Pipeline) -> None:
    original = analyse(pipeline, fill(US, RU))
    swapped = analyse(pipeline, fill(RU, US))
    assert original["relations"], "the template states relations; none were found"
    assert relation_shape(original, RENAME) == relation_shape(swapped)


def test_swapping_blamed_actors_in_same_shape_fixture(pipeline: Pipeline) -> None:
    from pathlib import Path

    text = (Path(__file__).parent / "fixtures" / "chains" / "same_shape.md").read_text(encoding="utf-8")
    swap = {"Dravia": "Pellun", "Pellun": "Dravia"}
    mirrored = text.replace("Dravia", "\0").replace("Pellun", "Dravia").replace("\0", "Pellun")
    a, b = analyse(pipeline, text), analyse(pipeline, mirrored)
    assert len(a["chains"]) == 2
    assert relation_shape(a, swap) == relation_shape(b)
