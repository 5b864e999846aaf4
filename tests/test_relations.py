"""Relations from single sentences and short texts: types, arguments, resolution, voice and support."""

from __future__ import annotations

from typing import Any

import pytest

from unspin import Document, Pipeline, build_report

pytestmark = pytest.mark.slow

RULES = (
    "parse.spacy.v1",
    "sentences.spacy.v1",
    "entities.spacy.v1",
    "quotes.rules.v1",
    "relations.rules.v1",
)


@pytest.fixture(scope="module")
def rules() -> Pipeline:
    return Pipeline.from_names(RULES)


def relations(rules: Pipeline, text: str) -> list[dict[str, Any]]:
    report = build_report(rules(Document(text, id="t")))
    names = {e["id"]: e["name"] for e in report["entities"]}
    out = []
    # what the rules find, whether or not it clears the confidence threshold (test_real_articles.py checks that)
    found = sorted([*report["relations"], *report.get("relation_candidates", [])], key=lambda r: (r["start"], r["end"]))
    for r in found:
        r = dict(r)
        r["c"] = names.get(r["cause"]["entity_id"] or "", r["cause"]["text"])
        r["e"] = names.get(r["effect"]["entity_id"] or "", r["effect"]["text"]) if r["effect"]["node"] else None
        out.append(r)
    return out


def triples(rels: list[dict[str, Any]]) -> list[tuple[str, str, str | None]]:
    return [(r["type"], r["c"], r["e"]) for r in rels]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tessaly armed and paid the Harrow Front.",
            [("arm", "Tessaly", "Harrow Front"), ("fund", "Tessaly", "Harrow Front")],
        ),
        ("The Harrow Front was trained by Tessaly.", [("train", "Tessaly", "Harrow Front")]),
        ("The Harrow Front carried out the attack.", [("perpetrate", "Harrow Front", "the attack")]),
        ("The Harrow Front grew out of the Dune League.", [("become", "Dune League", "Harrow Front")]),
        ("Therefore, Tessaly is to blame.", [("blame", "Tessaly", None)]),
        ("Tessaly must be held responsible for the massacre.", [("blame", "Tessaly", "the massacre")]),
        ("The occupation led to the war.", [("cause", "The occupation", "the war")]),
    ],
)
def test_sentence_patterns(rules: Pipeline, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert triples(relations(rules, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The crisis is Tessaly's fault.", ("Tessaly", "The crisis", False)),
        ("It is the fault of Tessaly.", ("Tessaly", None, False)),
        ("It is not the fault of Tessaly.", ("Tessaly", None, True)),
        ("Tessaly is at fault for the massacre.", ("Tessaly", "the massacre", False)),
        ("The blame for the massacre lies with Tessaly.", ("Tessaly", "the massacre", False)),
        ("Responsibility for the war rests with Tessaly.", ("Tessaly", "the war", False)),
        ("Critics laid the blame for the war at the feet of Tessaly.", ("Tessaly", "the war", False)),
        ("Critics put the blame on Tessaly.", ("Tessaly", None, False)),
        ("Critics pointed the finger at Tessaly.", ("Tessaly", None, False)),
        ("The massacre was Tessaly's doing.", ("Tessaly", "The massacre", False)),
        ("Tessaly deserves the blame for the war.", ("Tessaly", "the war", False)),
        ("Police identified the gunman as Mara Lind.", ("Mara Lind", "the gunman", False)),
    ],
)
def test_blame_idioms(rules: Pipeline, text: str, expected: tuple[str, str | None, bool]) -> None:
    blames = [r for r in relations(rules, text) if r["type"] == "blame"]
    assert [(r["c"], r["e"], r["negated"]) for r in blames] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The fault of the old system was its cost.",  # a fault only mentioned: nobody is said to be at fault
        "Tessaly must take on responsibility for the pipelines.",  # a duty taken on, not blame
        "Critics pointed at the map.",
        "Police named Mara Lind as their spokeswoman.",
    ],
)
def test_what_is_no_blame_idiom(rules: Pipeline, text: str) -> None:
    assert [r for r in relations(rules, text) if r["type"] == "blame"] == []


def test_nominal_and_possessive_forms(rules: Pipeline) -> None:
    rels = relations(rules, "The Brotherhood was a ministry project that got out of hand.")
    assert [(r["type"], r["cause"]["text"], r["c"]) for r in rels] == [("create", "ministry", "ministry")]
    assert rels[0]["e"] == "Brotherhood"
    rels = relations(rules, "The ministry's militia killed 41 people.")
    assert [(r["type"], r["cause"]["node"], r["effect"]["node"]) for r in rels] == [
        ("support", "t:ministry", "t:militia"),
        ("perpetrate", "t:militia", "t:people"),
    ]


def test_pronouns_the_former_and_nationality_adjectives_resolve(rules: Pipeline) -> None:
    text = (
        "In 2015 Tessaly created the Highland Watch. "
        "Tessalian officers trained its commanders. "
        "The Highland Watch and the Coast League split in 2020. The former turned into the River Guard."
    )
    rels = relations(rules, text)
    by_type = {r["type"]: r for r in rels}
    assert (by_type["train"]["c"], by_type["train"]["e"]) == ("Tessaly", "Highland Watch")
    assert by_type["train"]["effect"]["resolved_by"] == "owner (pronoun)"
    assert (by_type["become"]["c"], by_type["become"]["e"]) == ("Highland Watch", "River Guard")


def test_negation_is_kept_and_marked(rules: Pipeline) -> None:
    (r,) = relations(rules, "Tessaly did not arm the Harrow Front.")
    assert r["type"] == "arm" and r["negated"] is True


@pytest.mark.parametrize(
    ("text", "support"),
    [
        ("Tessaly armed the Harrow Front.", "asserted"),
        ("Tessaly reportedly armed the Harrow Front.", "hedged"),
        ("Tessaly may have armed the Harrow Front.", "hedged"),
        ("Tessaly is said to have armed the Harrow Front.", "hedged"),
        ("If I were a minister, I would wonder whether Tessaly armed the Harrow Front.", "speculative"),
        ("Did Tessaly arm the Harrow Front?", "question"),
    ],
)
def test_support_status(rules: Pipeline, text: str, support: str) -> None:
    rels = [r for r in relations(rules, text) if r["type"] == "arm"]
    assert [r["support"] for r in rels] == [support]


def test_quoted_and_reported_links_are_sourced_and_attributed(rules: Pipeline) -> None:
    text = 'The Courier wrote that "Tessaly armed the Harrow Front in 2019." Officials in Dorn said nothing.'
    (r,) = [r for r in relations(rules, text) if r["type"] == "arm"]
    assert r["support"] == "sourced" and r["quote_ids"] and r["attributed_to"]
    text = "According to the Courier, Tessaly armed the Harrow Front."
    (r,) = [r for r in relations(rules, text) if r["type"] == "arm"]
    assert r["support"] == "sourced" and r["voice"] == "attributed" and r["attributed_to"]


def test_an_accusation_is_the_accusers_when_they_are_a_source(rules: Pipeline) -> None:
    text = "Dorn said the Harrow Front was finished. Dorn blamed Tessaly for the attack."
    (r,) = [r for r in relations(rules, text) if r["type"] == "blame"]
    assert r["c"] == "Tessaly" and r["accuser"]["text"] == "Dorn"
    assert r["voice"] == "attributed" and r["attributed_to"] is not None


def test_no_relation_from_wh_words_or_nobody(rules: Pipeline) -> None:
    assert relations(rules, "Everyone wants to know who is responsible. Nobody has claimed the attack.") == []


def test_the_causal_model_adds_what_the_rules_miss(rules: Pipeline) -> None:
    from unspin.models.causal import WEIGHTS

    if not WEIGHTS.is_file():
        pytest.skip("no trained causal model (unspin causal train)")
    text = "The bombing in Dorn happened because of years of Tessaly's meddling in the valley."
    rels = relations(rules, text)
    (r,) = [r for r in rels if r["method"] == "cnc-model"]
    assert r["type"] == "cause" and r["c"] == "Tessaly" and r["effect_event"] is True
    assert 0.5 <= r["model_score"] <= 1.0
    # a sentence with two actors and no causal claim gets nothing from the model
    assert relations(rules, "Tessaly and Morvane signed a trade deal in Dorn on Monday.") == []


def test_rules_alone_when_the_model_is_switched_off() -> None:
    p = Pipeline.from_names(RULES, {"relations.rules.v1": {"causal_model": False}})
    text = "The bombing in Dorn happened because of years of Tessaly's meddling in the valley."
    assert [r for r in relations(p, text) if r["method"] == "cnc-model"] == []


def test_an_agentless_forcing_takes_its_cause_from_the_sentence_before(rules: Pipeline) -> None:
    text = "Morvane occupied the valley. Tessaly was forced to arm the Harrow Front."
    (r,) = [r for r in relations(rules, text) if r["type"] == "compel"]
    assert (r["c"], r["e"], r["implied"]) == ("Morvane", "Tessaly", True)
    # a paragraph break, or no pressing act before, leaves the forcing without a cause
    assert [r for r in relations(rules, text.replace(". ", ".\n\n")) if r["type"] == "compel"] == []
    text = "Morvane praised the valley. Tessaly was forced to arm the Harrow Front."
    assert [r for r in relations(rules, text) if r["type"] == "compel"] == []


def test_an_apposition_or_parenthesis_renames_a_description(rules: Pipeline) -> None:
    # issue 21: "a resistance (the militia)" — the militia of the next sentence is that resistance
    rels = relations(rules, "Tessaly funded a resistance (the militia). The militia attacked the station.")
    fund, attack = sorted(rels, key=lambda r: r["start"])
    assert fund["effect"]["node"] == attack["cause"]["node"] == "t:resistance"
    rels = relations(rules, "The Harrow Front, a militia, attacked the station. Tessaly armed the militia.")
    (arm,) = [r for r in rels if r["type"] == "arm"]
    assert arm["e"] == "Harrow Front"


def test_an_act_noun_takes_its_doer_from_a_possessive_or_a_state_adjective(rules: Pipeline) -> None:
    def perpetrations(text: str) -> list[tuple[str, str]]:
        report = build_report(rules(Document(text, id="t")))
        names = {e["id"]: e["name"] for e in report["entities"]}
        return [
            (names.get(r["cause"]["entity_id"] or "", r["cause"]["text"]), r["effect"]["text"])
            for r in report["relations"]
            if r["type"] == "perpetrate" and r["pattern"].startswith("act-noun")
        ]

    assert perpetrations("The Harrow Brigade's attack on the village was condemned.") == [
        ("Harrow Brigade", "the village")
    ]
    assert perpetrations("Valdoria denied it. Valdorian strikes on Marvik continued.") == [("Valdoria", "Marvik")]
    assert perpetrations("The teachers' strike ended.") == []  # a strike with no target is no attack
    assert perpetrations("Kestrovan invasion of the West is a slogan.") == []  # no state of that name here
