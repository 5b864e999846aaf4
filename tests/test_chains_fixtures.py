"""Extracted blame chains against hand-written gold for the fixture articles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from unspin import Document, Pipeline, build_report
from unspin.components.aliases import normalise
from unspin.examples import example_path
from unspin.reports.json_report import report_errors

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "chains"
GOLD: dict[str, Any] = yaml.safe_load((FIXTURES / "gold.yaml").read_text(encoding="utf-8"))
RULES = (
    "parse.spacy.v1",
    "sentences.spacy.v1",
    "entities.spacy.v1",
    "quotes.rules.v1",
    "relations.rules.v1",
    "chains.rules.v1",
)


@pytest.fixture(scope="module")
def rules() -> Pipeline:
    return Pipeline.from_names(RULES)


def _path(name: str) -> Path:
    return example_path() if name == "station_bombing.md" else FIXTURES / name


def _report(rules: Pipeline, name: str) -> dict[str, Any]:
    text = _path(name).read_text(encoding="utf-8")
    return build_report(rules(Document(text, id=name)))


def _found(report: dict[str, Any]) -> list[dict[str, Any]]:
    entities = {e["id"]: e["name"] for e in report["entities"]}
    sources = {s["id"]: s["name"] for s in report["sources"]}
    rels = {r["id"]: r for r in report["relations"]}
    out = []
    for c in report["chains"]:
        out.append(
            {
                "blamed": normalise(c["blamed"]),
                "attributed_to": normalise(sources[c["attributed_to"]]) if c["attributed_to"] else None,
                "explicit": c["explicit"],
                "nodes": [normalise(entities.get(s["from"], s["from"])) for s in c["steps"]],
                "supports": [rels[s["relation_id"]]["support"] for s in c["steps"]],
                "outcome": c["outcome"],
                "responsibility": c["responsibility"],
                "same_shape_as": c["same_shape_as"],
                "id": c["id"],
            }
        )
    return out


@pytest.mark.parametrize("name", sorted(GOLD))
def test_chains_match_gold(rules: Pipeline, name: str) -> None:
    report = _report(rules, name)
    assert report_errors(report) == []
    found = _found(report)
    gold = GOLD[name]["chains"]
    assert len(found) == len(gold), [(f["blamed"], f["attributed_to"]) for f in found]
    for g in gold:
        who = normalise(g["attributed_to"]) if g["attributed_to"] else None
        match = [f for f in found if f["blamed"] == normalise(g["blamed"]) and f["attributed_to"] == who]
        assert len(match) == 1, f"{name}: no chain blaming {g['blamed']} in {g['attributed_to']}'s voice"
        f = match[0]
        assert f["explicit"] == g["explicit"]
        assert f["nodes"] == [normalise(n) for n in g["nodes"]]
        assert f["supports"] == g["supports"]
        assert g["outcome_contains"].casefold() in f["outcome"].casefold()
        if "responsibility" in g:
            assert f["responsibility"] == pytest.approx(g["responsibility"])
    by_blamed = {f["id"]: f["blamed"] for f in found}
    pairs = {frozenset((f["blamed"], by_blamed[o])) for f in found for o in f["same_shape_as"]}
    assert pairs == {frozenset(normalise(x) for x in p) for p in GOLD[name].get("same_shape", [])}


def test_same_shape_finding_shows_both_chains(rules: Pipeline) -> None:
    report = _report(rules, "same_shape.md")
    findings = [f for f in report["findings"] if f["kind"] == "chain_shape_match"]
    assert len(findings) == 1
    chains = {c["id"]: c for c in report["chains"]}
    spans = {tuple(s) for s in findings[0]["spans"]}
    for cid in findings[0]["chain_ids"]:
        assert {tuple(m) for m in chains[cid]["mentions"]} <= spans
    assert "Dravia" in findings[0]["message"] and "Pellun" in findings[0]["message"]


def test_weakest_link_and_strength_of_hedged_chain(rules: Pipeline) -> None:
    report = _report(rules, "hedged.md")
    (chain,) = report["chains"]
    assert chain["strength"] == pytest.approx(0.4**3, abs=1e-3)
    assert chain["minimum"] == pytest.approx(0.4)
    assert chain["weakest_link"] in chain["relation_ids"]


def test_quoted_links_list_their_quotes(rules: Pipeline) -> None:
    report = _report(rules, "station_bombing.md")
    sourced = [r for r in report["relations"] if r["support"] == "sourced"]
    assert sourced
    quote_ids = {q["id"] for q in report["quotes"]}
    for r in sourced:
        assert r["quote_ids"] or r["reported_ids"]
        assert set(r["quote_ids"]) <= quote_ids
        assert r["attributed_to"] is not None


@pytest.mark.parametrize(
    "text",
    [
        # a list with one item per paragraph, closed by "So … is to blame"
        "The station was bombed last week. Here is how it happened:\n\n1. The ministry created the militia.\n\n"
        "2. The militia became the Front.\n\n3. The Front bombed the station.\n\nSo the ministry is to blame.",
        # one sentence per line, as PTC articles are, closed by "Hence … is responsible"
        "The station was bombed last week.\nThe ministry created the militia.\nThe militia became the Front.\n"
        "The Front carried out the bombing.\nHence, the ministry is responsible.",
    ],
)
def test_a_conclusion_closes_the_reasoning_spread_over_lines(rules: Pipeline, text: str) -> None:
    report = build_report(rules(Document(text, id="list")))
    (chain,) = report["chains"]
    assert normalise(chain["blamed"]) == "ministry" and "bomb" in chain["outcome"]
    assert len(chain["relation_ids"]) == 4 and chain["explicit"]
