"""The ACH case model and file format: canonical form, round trips, and every validation error."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.ach import (
    RATINGS,
    Case,
    Evidence,
    Hypothesis,
    Perspective,
    QuoteLink,
    Source,
    case_from_dict,
    case_to_dict,
    dump_case,
    load_case,
    loads_case,
)
from unspin.ach.examples import example_case_path, load_example_case
from unspin.ach.scoring import score_case
from unspin.errors import ConfigError

from .conftest import SMALL_CASE

BASE = """\
title: Who bombed the station?
hypotheses:
  - {id: H1, text: The Brotherhood alone}
  - {id: H2, text: Valdoria directed it}
sources:
  - {id: S1, name: Meridian Ledger, reliability: B}
  - {id: S2, name: Northgate Courier}
evidence:
  - id: E1
    text: The Brotherhood claimed the attack.
    source: S1
    credibility: "2"
    relevance: high
    ratings: {H1: CC, H2: I}
    likelihoods: {H1: 0.9, H2: 0.2}
    quote: {report: station_bombing.md, start: 334, end: 395}
  - id: E2
    text: Payments stopped in 2024.
    ratings: {H1: C, H2: II}
priors: {H1: 0.5, H2: 0.5}
perspectives:
  - {id: P1, name: Trusts the Courier, trust: {S2: A}}
"""


def line_of(text: str, needle: str) -> int:
    """1-based line of the only line containing ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def edit(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def error_of(text: str, fmt: str = "yaml") -> str:
    with pytest.raises(ConfigError) as info:
        loads_case(text, fmt, "case.yaml" if fmt == "yaml" else "case.json")
    return str(info.value)


# -- the base file and the example -------------------------------------------------


def test_base_file_loads_in_canonical_form() -> None:
    case = loads_case(BASE, "yaml", "case.yaml")
    assert case.hypothesis_ids == ("H1", "H2")
    assert case.sources[1] == Source("S2", "Northgate Courier", "F")  # reliability defaults to F
    e1, e2 = case.evidence
    assert e1.quote == QuoteLink("station_bombing.md", 334, 395)
    assert e1.likelihoods == {"H1": 0.9, "H2": 0.2}
    assert (e2.source, e2.credibility, e2.relevance, e2.likelihoods, e2.base_rate) == (None, "6", "medium", {}, None)
    assert case.perspective("P1").trust == {"S2": "A"}
    assert case.prior("H2") == 0.5


def test_example_case_loads() -> None:
    case = load_example_case()
    assert example_case_path().name == "station_bombing_case.yaml"
    assert case.hypothesis_ids == ("H1", "H2", "H3", "H4")
    assert [s.name for s in case.sources][:4] == [
        "Meridian Ledger",
        "Northgate Courier",
        "Valdorian foreign ministry",
        "Mara Lind (analyst)",
    ]
    assert 8 <= len(case.evidence) <= 12
    assert [p.id for p in case.perspectives] == ["P1", "P2"]
    p1, p2 = case.perspectives
    assert (p1.trust["S2"], p2.trust["S2"]) == ("A", "E")  # opposite trust in the Courier …
    assert (p1.trust["S3"], p2.trust["S3"]) == ("E", "A")  # … and in the Valdorian ministry
    e9 = next(e for e in case.evidence if e.id == "E9")
    assert e9.rating("H4") == "NA"  # left out


def test_example_quotes_point_into_the_example_article() -> None:
    from unspin.examples import example_path

    article = example_path().read_text(encoding="utf-8")
    case = load_example_case()
    e1 = case.evidence[0]
    assert e1.quote is not None
    assert article[e1.quote.start : e1.quote.end] == "The Brotherhood of the Ash claimed the attack the same night."


def test_canonical_form() -> None:
    text = edit("ratings: {H1: C, H2: II}", "ratings: {H2: ii, H1: na}")
    text = edit("priors: {H1: 0.5, H2: 0.5}", "priors: {H2: 1, H1: 3}", text)
    text = edit('credibility: "2"', "credibility: 2", text)
    text = edit("reliability: B", "reliability: ' b '", text)
    text = edit("{id: P1, name: Trusts the Courier, trust: {S2: A}}", "{id: P1, trust: {S2: a}}", text)
    case = loads_case(text, "yaml", "case.yaml")
    assert case.evidence[1].ratings == {"H2": "II"}  # upper case, NA dropped
    assert case.priors == {"H1": 0.75, "H2": 0.25}  # normalised, in hypothesis order
    assert list(case.priors) == ["H1", "H2"]
    assert case.evidence[0].credibility == "2"
    assert case.sources[0].reliability == "B"
    assert case.perspectives[0] == Perspective("P1", "P1", {"S2": "A"})  # named by its id


def test_priors_normalisation_is_stable() -> None:
    # 1/3 each sums to 1 within 1e-9, so a second load keeps the exact values.
    text = edit("priors: {H1: 0.5, H2: 0.5}", "priors: {H1: 1, H2: 2}")
    case = loads_case(text, "yaml", "case.yaml")
    assert case.priors == {"H1": 1 / 3, "H2": 2 / 3}
    assert loads_case(dump_case(case), "yaml", "x") == case


def test_version_is_not_part_of_the_file_or_equality() -> None:
    case = loads_case(BASE, "yaml", "case.yaml")
    stored = replace(case, version=7)
    assert stored.version == 7 and stored == case
    assert "version" not in case_to_dict(stored)
    assert "version" not in dump_case(stored)


def test_store_dictionary_shape_round_trips() -> None:
    # The dictionary the database layer stores and reads back (tests/test_ach_store.py) is canonical.
    data = SMALL_CASE
    assert case_to_dict(case_from_dict(data)) == data


# -- round trips ------------------------------------------------------------------


def test_example_round_trips_yaml_dict_json() -> None:
    case = load_example_case()
    assert case_from_dict(case_to_dict(case)) == case
    text = dump_case(case, "yaml")
    again = loads_case(text, "yaml", "x.yaml")
    assert again == case
    assert dump_case(again, "yaml") == text  # export is stable
    as_json = dump_case(case, "json")
    assert json.loads(as_json) == case_to_dict(case)
    assert loads_case(as_json, "json", "x.json") == case
    assert loads_case(as_json, "yaml", "x.yaml") == case  # JSON is YAML too


def test_load_case_by_suffix(tmp_path: Path) -> None:
    case = load_example_case()
    (tmp_path / "c.json").write_text(dump_case(case, "json"), encoding="utf-8")
    (tmp_path / "c.yml").write_text(dump_case(case, "yaml"), encoding="utf-8")
    assert load_case(tmp_path / "c.json") == case
    assert load_case(str(tmp_path / "c.yml")) == case


_ids = st.text("ABCXYZ019-_ é", min_size=1, max_size=6).filter(lambda s: s.strip() != "")
_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_prob = st.floats(0.0, 1.0, allow_nan=False)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    hids = draw(st.lists(_ids, min_size=1, max_size=5, unique=True))
    sids = draw(st.lists(_ids, max_size=4, unique=True))
    grades = st.sampled_from("ABCDEF")
    sources = tuple(Source(s, draw(_text), draw(grades)) for s in sids)
    evidence = []
    for eid in draw(st.lists(_ids, max_size=6, unique=True)):
        rated = draw(st.lists(st.sampled_from(hids), unique=True))
        likely = draw(st.lists(st.sampled_from(hids), unique=True))
        lik = {h: draw(_prob) for h in likely}
        base = draw(st.none() | _prob)
        if lik and not any(lik.values()) and not base:
            base = 0.5  # all-zero likelihoods with no base rate are (rightly) refused
        start = draw(st.integers(0, 1000))
        evidence.append(
            Evidence(
                id=eid,
                text=draw(_text),
                source=draw(st.none() | st.sampled_from(sids)) if sids else None,
                credibility=draw(st.sampled_from("123456")),
                relevance=draw(st.sampled_from(["high", "medium", "low"])),
                ratings={h: draw(st.sampled_from(RATINGS)) for h in rated},
                likelihoods=lik,
                base_rate=base,
                quote=draw(st.none() | st.just(QuoteLink(draw(_ids), start, start + draw(st.integers(0, 99))))),
            )
        )
    priors = None
    if draw(st.booleans()):
        weights = [draw(st.floats(0.0, 100.0)) for _ in hids]
        if sum(weights) > 0:
            priors = dict(zip(hids, weights, strict=True))
    perspectives = tuple(
        Perspective(
            pid, draw(_text) or pid, {s: draw(grades) for s in (draw(st.lists(st.sampled_from(sids))) if sids else [])}
        )
        for pid in draw(st.lists(_ids, max_size=3, unique=True))
    )
    return Case(
        draw(_text),
        tuple(Hypothesis(h, draw(_text)) for h in hids),
        sources,
        tuple(evidence),
        priors,
        perspectives,
    )


@settings(max_examples=100, deadline=None)
@given(cases())
def test_generated_cases_round_trip(case: Case) -> None:
    assert case_from_dict(case_to_dict(case)) == case
    assert loads_case(dump_case(case, "yaml"), "yaml", "x.yaml") == case
    assert loads_case(dump_case(case, "json"), "json", "x.json") == case
    if case.priors is not None:
        assert abs(sum(case.priors.values()) - 1.0) <= 1e-9


# -- validation: every error names the file, the line and the item ------------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "expected"),
    [
        # unknown ids
        ("{H1: CC, H2: I}", "{H1: CC, H9: I}", "H9: I", "evidence E1 rates unknown hypothesis H9"),
        (
            "{H1: 0.9, H2: 0.2}",
            "{H1: 0.9, H7: 0.2}",
            "H7: 0.2",
            "evidence E1 gives a likelihood for unknown hypothesis H7",
        ),
        ("priors: {H1: 0.5, H2: 0.5}", "priors: {H1: 0.5, H5: 0.5}", "priors:", "priors name unknown hypothesis H5"),
        ("trust: {S2: A}", "trust: {S8: A}", "trust: {S8", "perspective P1 trusts unknown source S8"),
        ("source: S1", "source: S4", "source: S4", "evidence E1 cites unknown source S4"),
        # bad values
        (
            "ratings: {H1: C, H2: II}",
            "ratings: {H1: C, H2: X}",
            "H2: X",
            "evidence E2 rates H2 'X', which is not one of",
        ),
        (
            "{H1: 0.9, H2: 0.2}",
            "{H1: 1.5, H2: 0.2}",
            "H1: 1.5",
            "evidence E1: likelihood P(E|H1) 1.5 is not a probability",
        ),
        ("{H1: 0.9, H2: 0.2}", "{H1: 0.9, H2: -0.1}", "H2: -0.1", "likelihood P(E|H2) -0.1 is not a probability"),
        ("{H1: 0.9, H2: 0.2}", "{H1: 0, H2: 0}", "{H1: 0, H2: 0}", "evidence E1: every likelihood is 0"),
        ("end: 395}", "end: 395}\n    base_rate: 2", "base_rate: 2", "evidence E1: base_rate 2 is not a probability"),
        (
            "priors: {H1: 0.5, H2: 0.5}",
            "priors: {H1: 0.5, H2: -1}",
            "priors:",
            "prior -1 for H2 is not a number of 0 or",
        ),
        ("priors: {H1: 0.5, H2: 0.5}", "priors: {H1: 0, H2: 0}", "priors:", "priors sum to 0.0, not to a positive"),
        ("priors: {H1: 0.5, H2: 0.5}", "priors: {H1: 1}", "priors:", "priors give no value for H2"),
        ("reliability: B", "reliability: G", "reliability: G", "source S1: reliability 'G' is not one of A–F"),
        ('credibility: "2"', 'credibility: "7"', 'credibility: "7"', "evidence E1: credibility '7' is not one of 1–6"),
        ("relevance: high", "relevance: huge", "relevance: huge", "evidence E1: relevance 'huge' is not one of"),
        ("trust: {S2: A}", "trust: {S2: Z}", "trust: {S2: Z}", "perspective P1 trust in S2: reliability 'Z'"),
        ("start: 334, end: 395", "start: 334, end: 3", "start: 334, end: 3}", "evidence E1 quote ends (3) before"),
        # duplicate ids
        (
            "{id: H2, text: Valdoria directed it}",
            "{id: H1, text: Valdoria}",
            "{id: H1, text: Valdoria}",
            "hypothesis id H1 is used twice (first at case.yaml:3)",
        ),
        (
            "{id: S2, name: Northgate Courier}",
            "{id: S1, name: Northgate Courier}",
            "{id: S1, name: Northgate",
            "source id S1 is used twice",
        ),
        ("  - id: E2\n", "  - id: E1  # again\n", "# again", "evidence id E1 is used twice (first at case.yaml:9)"),
        ("trust: {S2: A}}", "trust: {S2: A}}\n  - {id: P1}", "  - {id: P1}", "perspective id P1 is used twice"),
        # missing or unknown fields, duplicate keys
        ("{id: H2, text: Valdoria directed it}", "{id: H2}", "{id: H2}", "hypothesis H2 needs 'text'"),
        ("  - id: E2\n", "  - idd: E2\n", "idd: E2", "evidence item 2 needs 'id'"),
        ("    text: Payments stopped in 2024.\n", "", "id: E2", "evidence E2 needs 'text'"),
        ("ratings: {H1: C, H2: II}", "ratigns: {H1: C, H2: II}", "ratigns", "evidence E2 has unknown field 'ratigns'"),
        ("start: 334, end: 395}", "start: 334}", "quote: {report", "evidence E1 quote needs 'end'"),
        ("ratings: {H1: C, H2: II}", "ratings: {H1: C, H1: II}", "H1: II", "key 'H1' appears twice in one mapping"),
        ("ratings: {H1: C, H2: II}", "ratings: [C, II]", "ratings: [C, II]", "evidence E2 ratings must be a mapping"),
        ("text: The Brotherhood alone}", "text: 2030-06-04}", "text: 2030-06-04", "hypothesis H1: 'text' must be text"),
    ],
)
def test_validation_errors_name_line_and_item(old: str, new: str, needle: str, expected: str) -> None:
    text = edit(old, new)
    message = error_of(text)
    assert f"case.yaml:{line_of(text, needle)}: " in message, message
    assert expected in message, message


def test_missing_top_level_fields() -> None:
    assert error_of("hypotheses: [{id: H1, text: x}]").startswith("case.yaml:1: the case needs 'title'")
    # a case with no hypotheses yet is a new case, filled in later; scoring one says what to do
    empty = loads_case("title: t\nhypotheses: []")
    assert empty.hypotheses == () and loads_case("title: t") == empty
    with pytest.raises(ConfigError, match="no hypotheses to score yet"):
        score_case(empty)
    assert "case.yaml:2: the case has unknown field 'versoin'" in error_of("title: t\nversoin: 3\nhypotheses: []")
    assert "a case must be a mapping" in error_of("- just a list")


def test_invalid_yaml_and_json_name_the_line() -> None:
    assert error_of("title: t\nhypotheses: [\n").startswith("case.yaml:3: not valid YAML")
    assert error_of('{"title": "t",\n "hypotheses": [}', "json").startswith("case.json:2: not valid JSON")


def test_json_errors_name_the_item() -> None:
    data = case_to_dict(loads_case(BASE, "yaml", "x"))
    data["evidence"][1]["ratings"]["H9"] = "C"
    text = json.dumps(data, indent=2)
    message = error_of(text, "json")
    assert "evidence E2 rates unknown hypothesis H9" in message
    assert f"case.json:{line_of(text, 'H9')}:" in message  # JSON is located through the YAML composer


def test_errors_without_a_file_name_the_item() -> None:
    data = case_to_dict(loads_case(BASE, "yaml", "x"))
    data["evidence"][0]["ratings"] = {"H1": "CCC"}
    with pytest.raises(ConfigError, match=r"^case: evidence E1 rates H1 'CCC'"):
        case_from_dict(data)
    with pytest.raises(ConfigError, match=r"^case: evidence E3 rates unknown hypothesis H9"):
        Case("t", (Hypothesis("H1", "x"),), evidence=(Evidence("E3", "y", ratings={"H9": "C"}),))
    with pytest.raises(ConfigError) as info:
        Case("t", (Hypothesis("H1", "x"),), evidence=(Evidence("E3", "y", ratings={"H1": "maybe"}),))
    assert info.value.hint is not None and "CC (very consistent)" in info.value.hint


def test_hints_say_what_to_do() -> None:
    with pytest.raises(ConfigError) as info:
        loads_case(edit("{H1: CC, H2: I}", "{H1: CC, H9: I}"), "yaml", "case.yaml")
    assert info.value.hint == "known: H1, H2"


def test_unreadable_file_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.yaml: cannot read the case file"):
        load_case(tmp_path / "nope.yaml")
    case = loads_case(BASE, "yaml", "x")
    with pytest.raises(ConfigError, match="unknown case format 'toml'"):
        dump_case(case, "toml")
    with pytest.raises(ConfigError, match="unknown case format 'xml'"):
        loads_case(BASE, "xml", "x")
    with pytest.raises(ConfigError, match="no perspective 'P9'"):
        case.perspective("P9")


def test_yaml_dump_is_readable() -> None:
    text = dump_case(load_example_case())
    assert "- {id: H1, text: The Brotherhood of the Ash acted on its own}" in text
    assert "ratings: {H1: C, H2: C, H3: I, H4: II}" in text
    assert yaml.safe_load(text)["title"].startswith("Who is responsible")


def test_json_duplicate_keys_are_refused_with_the_line() -> None:
    text = '{"title": "t",\n "hypotheses": [{"id": "H1", "text": "a"}],\n "title": "again"}'
    assert error_of(text, "json").startswith("case.json:3: key 'title' appears twice in one mapping (first on line 1)")


@pytest.mark.parametrize("libyaml", [True, False])
def test_yaml_with_and_without_libyaml(monkeypatch: pytest.MonkeyPatch, libyaml: bool) -> None:
    if libyaml and not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(yaml, "__with_libyaml__", libyaml)
    # NEL (U+0085) is a YAML line break; the pure-Python emitter would turn it into a space unless quoted.
    case = replace(loads_case(BASE, "yaml", "x"), title="one\x85two")
    assert loads_case(dump_case(case), "yaml", "x").title == "one\x85two"
    text = edit("{H1: CC, H2: I}", "{H1: CC, H9: I}")
    assert error_of(text).startswith(f"case.yaml:{line_of(text, 'H9: I')}: evidence E1 rates unknown hypothesis H9")


def test_evidence_from_a_report_takes_the_sources_grade_and_the_authors_voice(tmp_path: Path) -> None:
    """A quotation brings its source with the grade the report gives it; a claim in the author's voice is the
    article's author's; a passage already in the case is counted, not added."""
    from unspin.ach.evidence import evidence_from_report

    report = {
        "schema": "unspin.report/1",
        "document": {"id": "art-1", "sha256": "a" * 64, "author": "Jo Writer"},
        "text": "Officials said the bridge was unsafe. The mayor is to blame.",
        "quotes": [{"id": "Q1", "start": 0, "end": 37, "source_id": "S1", "phrase": False}],
        "sources": [{"id": "S1", "name": "Officials", "grade": {"reliability": "B"}}],
        "claims": [{"id": "C1", "start": 38, "end": 60, "checkworthy": 0.9, "voice": "author", "quote_ids": []}],
    }
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    case = {"title": "t", "hypotheses": [{"id": "H1", "text": "h"}], "sources": [], "evidence": []}
    quotes = evidence_from_report(path, case, "quotes")
    assert quotes.sources == [{"id": "S1", "name": "Officials", "reliability": "B"}]
    assert quotes.items[0]["quote"] == {
        "report": str(path.resolve()),
        "start": 0,
        "end": 37,
        "document": "art-1",
        "sha256": "a" * 64,
    }
    claims = evidence_from_report(path, case, "claims")
    assert claims.sources[0]["name"] == "Jo Writer" and claims.sources[0]["reliability"] == "F"
    again = evidence_from_report(path, {**case, "evidence": quotes.items}, "quotes")
    assert (again.items, again.duplicates) == ([], 1)
    loaded = case_from_dict({**case, "sources": quotes.sources, "evidence": quotes.items})
    assert loaded.evidence[0].quote is not None and loaded.evidence[0].quote.sha256 == "a" * 64
