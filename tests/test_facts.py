"""Numbers, dates and their consistency checks (quantities, dates, consistency components).

The fast tests build documents by hand; the ``slow`` ones run the real spaCy
pipeline and then the three components in order.  The fixture articles in
``tests/fixtures/facts/`` are original and their actors fictional.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from unspin import Document, Span, build_report
from unspin.components.consistency import RuleConsistency
from unspin.components.date_parts import count_words, parse_iso
from unspin.components.dates import RuleDates
from unspin.components.quantities import RuleQuantities
from unspin.components.quantity_words import event_class, interval, words_to_number
from unspin.examples import example_path
from unspin.pipeline import Pipeline
from unspin.registry import Registry
from unspin.reports.json_report import report_errors

FIXTURES = Path(__file__).parent / "fixtures" / "facts"
BASE = ["parse.spacy.v1", "sentences.spacy.v1", "entities.spacy.v1", "quotes.rules.v1"]
FACTS = ("quantities.rules.v1", "dates.rules.v1", "consistency.rules.v1")
CHECK_KINDS = ("number_conflict", "weekday_mismatch", "elapsed_time_mismatch", "date_conflict")


# -- pure functions ----------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["eleven"], 11),
        (["twenty", "-", "one"], 21),
        (["two", "hundred", "and", "fifty"], 250),
        (["a", "dozen"], 12),
        (["three", "thousand", "four", "hundred"], 3400),
        (["several"], None),
    ],
)
def test_words_to_number(words: list[str], value: float | None) -> None:
    assert words_to_number(words) == value


@pytest.mark.parametrize(
    ("value", "qualifier", "expected"),
    [
        (38, "at least", (38, math.inf)),
        (40, "up to", (0, 40)),
        (41, None, (41, 41)),
        (24, "dozens", (24, 143)),
        (100, "about", (85, 115)),
    ],
)
def test_interval(value: float, qualifier: str | None, expected: tuple[float, float]) -> None:
    lo, hi = interval(value, qualifier)
    assert lo == pytest.approx(expected[0]) and hi == pytest.approx(expected[1])


def test_event_classes_group_synonyms() -> None:
    assert event_class("bombing") == event_class("blast") == event_class("attack") == "attack"
    assert event_class("station") is None


@pytest.mark.parametrize(
    ("raw", "count"), [("three", 3.0), ("80", 80.0), ("a", 1.0), ("twenty-one", 21.0), ("several", None)]
)
def test_count_words_in_time_expressions(raw: str, count: float | None) -> None:
    assert count_words(raw) == count


def test_parse_iso_precision() -> None:
    parsed = parse_iso("2030-06-04T10:00:00Z")
    assert parsed is not None and parsed[0].isoformat() == "2030-06-04" and parsed[1] == "day"
    month = parse_iso("2030-06")
    assert month is not None and month[1] == "month"
    assert parse_iso("not a date") is None


# -- consistency on hand-made layers (no model) ------------------------------

C = "consistency-test"


def hand_doc(
    text: str, quantities: Iterable[tuple[str, dict[str, Any]]] = (), dates: Iterable[tuple[str, dict[str, Any]]] = ()
) -> Document:
    """A document whose sentences are its lines and whose layers are given by (text, attrs)."""
    doc = Document(text, id="hand")
    spans, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        if line.strip():
            spans.append(Span(pos, pos + len(line), "sentence", C, id=f"s{i}"))
        pos += len(line) + 1
    doc.add_spans("sentences", spans, component=C)
    doc.add_spans("paragraphs", [Span(s.start, s.end, "paragraph", C) for s in spans], component=C)
    doc.add_spans("voice", [Span(s.start, s.end, "author", C, attrs={"source_id": None}) for s in spans], component=C)
    for layer in ("quotes", "reported"):
        doc.add_spans(layer, [], component=C)
    doc.add_groups("sources", [], component=C)
    doc.add_groups("findings", [], component=C)

    def located(items: Iterable[tuple[str, dict[str, Any]]], prefix: str) -> list[Span]:
        out, cursor = [], 0
        for n, (needle, attrs) in enumerate(items, 1):
            start = text.index(needle, cursor)
            cursor = start + len(needle)
            sentence = next(k for k, s in enumerate(spans) if s.start <= start < s.end)
            out.append(
                Span(
                    start,
                    cursor,
                    attrs.get("kind", "quantity"),
                    C,
                    id=f"{prefix}{n}",
                    attrs={"sentence": sentence, **attrs},
                )
            )
        return out

    doc.add_spans("quantities", located(quantities, "N"), component=C)
    doc.add_spans("dates", located(dates, "D"), component=C)
    return doc


def killed(value: float, qualifier: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "value": value,
        "unit": None,
        "measure": "killed",
        "group": None,
        "qualifier": qualifier,
        "about": None,
        **extra,
    }


def findings_of(doc: Document) -> list[Any]:
    RuleConsistency()(doc)
    return [g for g in doc.groups("findings") if g.component == RuleConsistency.name]


def test_different_figures_without_update_warn() -> None:
    doc = hand_doc(
        "12 people were killed in the blast.\nThe blast killed 15 people.", [("12", killed(12)), ("15", killed(15))]
    )
    (f,) = findings_of(doc)
    assert f.label == "number_conflict" and f.attrs["severity"] == "warning"
    assert sorted(v["value"] for v in f.attrs["values"]) == [12, 15]
    assert "nothing in the text explains" in f.name
    at = doc.text.index("15")
    assert f.spans == ((0, 2), (at, at + 2))


def test_different_sources_are_named() -> None:
    doc = hand_doc(
        "Police said 12 people were killed.\nThe hospital counted 15 dead.", [("12", killed(12)), ("15", killed(15))]
    )
    (f,) = findings_of(doc)
    assert f.attrs["severity"] == "warning"
    assert "different sources (Police and hospital)" in f.name


def test_an_update_is_info_not_a_contradiction() -> None:
    doc = hand_doc(
        "First reports said 12 people were killed.\nThe toll has since risen to 15.",
        [("12", killed(12)), ("15", killed(15))],
    )
    (f,) = findings_of(doc)
    assert f.attrs["severity"] == "info" and f.attrs["update"] is True
    assert "has since risen" in f.attrs["markers"] and "first reports" in [m.lower() for m in f.attrs["markers"]]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (killed(38, "at least"), killed(41)),  # "at least 38" admits 41
        (killed(24, "dozens"), killed(40)),
        (killed(12), {**killed(15), "measure": "injured"}),  # different measures
        (killed(12), killed(3, part_of=True)),  # "including three children"
        (killed(12), killed(2, increment=True)),  # "two more"
        (killed(12), {**killed(15), "group": "child"}),  # a group is not the total
        ({**killed(12), "about": "bombing"}, {**killed(15), "about": "flood"}),  # two events
    ],
)
def test_compatible_or_incomparable_figures_give_no_finding(first: dict[str, Any], second: dict[str, Any]) -> None:
    doc = hand_doc("A said 12 people were killed.\nB said 15 people were killed.", [("12", first), ("15", second)])
    assert findings_of(doc) == []


def test_figures_in_different_years_are_different_events() -> None:
    text = "The bombing in 2019 killed 12 people.\nThe bombing in 2030 killed 41 people."
    dates = [
        ("2019", {"kind": "absolute", "value": "2019", "precision": "year"}),
        ("2030", {"kind": "absolute", "value": "2030", "precision": "year"}),
    ]
    doc = hand_doc(
        text, [("12", {**killed(12), "about": "bombing"}), ("41", {**killed(41), "about": "bombing"})], dates
    )
    assert findings_of(doc) == []
    # The same sentences without the years are one event, and conflict.
    bare = hand_doc(
        "The bombing killed 12 people.\nThe bombing killed 41 people.",
        [("12", {**killed(12), "about": "bombing"}), ("41", {**killed(41), "about": "bombing"})],
    )
    assert [f.label for f in findings_of(bare)] == ["number_conflict"]


def test_headline_figure_that_the_body_never_gives_is_a_warning() -> None:
    doc = hand_doc(
        "# 50 Dead in Harbour Blast\nFirst reports said 38 people were killed.\nThe toll has since risen to 41.",
        [("50", killed(50)), ("38", killed(38)), ("41", killed(41))],
    )
    (f,) = findings_of(doc)
    assert f.attrs["headline_mismatch"] is True and f.attrs["severity"] == "warning"
    assert "headline" in f.name


def absolute(value: str, **extra: Any) -> dict[str, Any]:
    return {"kind": "absolute", "value": value, "precision": "day", "weekday": None, **extra}


@pytest.mark.parametrize(("weekday", "fires"), [("Monday", True), ("Tuesday", False)])
def test_weekday_mismatch(weekday: str, fires: bool) -> None:
    doc = hand_doc(
        f"On {weekday}, 4 June 2030, it began.",
        dates=[(f"{weekday}, 4 June 2030", absolute("2030-06-04", weekday=weekday))],
    )
    found = findings_of(doc)
    assert [f.label for f in found] == (["weekday_mismatch"] if fires else [])
    if fires:
        assert found[0].attrs["actual_weekday"] == "Tuesday" and found[0].attrs["severity"] == "warning"


def test_weekday_mismatch_with_an_inferred_year_is_info() -> None:
    doc = hand_doc(
        "It reopened on Monday, 8 June.",
        dates=[("Monday, 8 June", absolute("2030-06-08", weekday="Monday", year_inferred=True))],
    )
    (f,) = findings_of(doc)
    assert f.attrs["severity"] == "info" and "assuming the year 2030" in f.name


@pytest.mark.parametrize(("n", "fires"), [(-1.0, True), (-3.0, False)])
def test_relative_date_next_to_an_absolute_one(n: float, fires: bool) -> None:
    text = "The second meeting was on 5 June 2030.\nThe first, a week earlier, on 2 June, went badly."
    dates = [
        ("5 June 2030", absolute("2030-06-05")),
        (
            "a week earlier",
            {
                "kind": "relative",
                "value": None,
                "precision": "day",
                "anchor": "D1",
                "attached": "D3",
                "shift": {"n": n, "unit": "week" if n == -1.0 else "day"},
            },
        ),
        ("2 June", absolute("2030-06-02")),
    ]
    assert [f.label for f in findings_of(hand_doc(text, dates=dates))] == (["elapsed_time_mismatch"] if fires else [])


@pytest.mark.parametrize(("hours", "fires"), [(80, False), (40, True)])
def test_duration_between_two_dated_meetings(hours: int, fires: bool) -> None:
    text = f"The sides met on 2 June 2030 and again on 5 June 2030, within {hours} hours."
    dates = [
        ("2 June 2030", absolute("2030-06-02")),
        ("5 June 2030", absolute("2030-06-05")),
        (
            f"within {hours} hours",
            {"kind": "duration", "value": None, "days": hours / 24, "bound": "max", "unit": "hour", "prep": "within"},
        ),
    ]
    found = findings_of(hand_doc(text, dates=dates))
    assert [f.label for f in found] == (["elapsed_time_mismatch"] if fires else [])


@pytest.mark.parametrize(
    ("refs", "fires"),
    [
        (("indefinite", "definite"), True),
        (("indefinite", "indefinite"), False),  # "a meeting … a meeting": two events
        (("plural", "definite"), False),
        (("distinct", "definite"), False),  # "the 2019 bombing"
    ],
)
def test_date_conflict_needs_one_event_referred_to_twice(refs: tuple[str, str], fires: bool) -> None:
    text = "A bomb exploded on 3 March 2031.\nThe bombing on 5 March 2031 changed everything."
    dates = [
        ("3 March 2031", absolute("2031-03-03", event="attack", event_word="bomb", event_ref=refs[0])),
        ("5 March 2031", absolute("2031-03-05", event="attack", event_word="bombing", event_ref=refs[1])),
    ]
    found = findings_of(hand_doc(text, dates=dates))
    assert [f.label for f in found] == (["date_conflict"] if fires else [])


# -- the real pipeline -------------------------------------------------------


@pytest.fixture(scope="module")
def base() -> Pipeline:
    return Pipeline.from_names(BASE)


def run(base: Pipeline, text: str, *, published: str | None = None, title: str | None = None) -> Document:
    """The base pipeline component by component (the pipeline's own call drops the parse), then ours."""
    doc = Document(text, id="t", published=published, title=title)
    for comp in base.components:
        comp(doc)
    RuleQuantities()(doc)
    RuleDates()(doc)
    RuleConsistency()(doc)
    return doc


def spans_by_text(doc: Document, layer: str) -> dict[str, list[Span]]:
    out: dict[str, list[Span]] = {}
    for s in doc.spans(layer):
        out.setdefault(doc.text[s.start : s.end], []).append(s)
    return out


def checks(doc: Document) -> list[Any]:
    return [g for g in doc.groups("findings") if g.component == RuleConsistency.name]


QUANTITIES = [
    (
        "Police said above 40 people were hurt in the blast.",
        "above 40",
        {"value": 40, "qualifier": "above", "measure": "injured", "about": "blast"},
    ),
    (
        "At least 18 protesters were arrested on Monday.",
        "At least 18",
        {"value": 18, "qualifier": "at least", "measure": "arrested", "group": "protester"},
    ),
    (
        "Eleven soldiers died in the ambush.",
        "Eleven",
        {"value": 11, "measure": "killed", "group": "soldier", "about": "ambush"},
    ),
    ("Scores of homes were destroyed.", "Scores of", {"value": 40, "qualifier": "scores of", "measure": "home"}),
    (
        "Dozens of people were injured in the riot.",
        "Dozens of",
        {"value": 24, "qualifier": "dozens", "measure": "injured", "about": "riot"},
    ),
    (
        "Over 90 passengers were rescued from the ferry.",
        "Over 90",
        {"value": 90, "qualifier": "over", "measure": "rescued"},
    ),
    (
        "More than 120 were injured in the attack.",
        "More than 120",
        {"value": 120, "qualifier": "more than", "measure": "injured", "about": "attack"},
    ),
    ("The fund paid 1,200 workers.", "1,200", {"value": 1200, "measure": "worker", "unit": None}),
    ("The storm cut power to 3.5 million people.", "3.5 million", {"value": 3.5e6, "measure": "people"}),
    (
        "A third of the stations closed.",
        "A third",
        {"value": pytest.approx(100 / 3), "unit": "%", "measure": "station"},
    ),
    ("Turnout was 40% this year.", "40%", {"value": 40, "unit": "%"}),
    ("The road is 30 km long.", "30 km", {"value": 30, "unit": "km", "measure": None}),
    ("The fine was $3.5 million.", "$3.5 million", {"value": 3.5e6, "unit": "$"}),
    ("The bank lent 3.5 million euros.", "3.5 million euros", {"value": 3.5e6, "unit": "euro"}),
    ("By Friday, officials said 44 people had died.", "44", {"value": 44, "measure": "killed", "group": None}),
    (
        "The hospital confirmed 41 deaths after the bombing.",
        "41",
        {"value": 41, "measure": "killed", "about": "bombing"},
    ),
    ("The blast killed 12 people, including three children.", "three", {"value": 3, "part_of": True}),
    ("Police arrested 12 more people.", "12", {"value": 12, "increment": True}),
    (
        "Two hundred and fifty soldiers died.",
        "Two hundred and fifty",
        {"value": 250, "measure": "killed", "group": "soldier"},
    ),
    ("The toll would have been more than a thousand.", "more than a thousand", {"value": 1000, "hypothetical": True}),
    ("A 30m wall cost $3.5m.", "30m", {"value": 30, "unit": "m"}),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "span", "expected"), QUANTITIES)
def test_quantities(base: Pipeline, text: str, span: str, expected: dict[str, Any]) -> None:
    doc = run(base, text)
    found = spans_by_text(doc, "quantities")
    assert span in found, f"{span!r} not among {list(found)}"
    attrs = found[span][0].attrs
    assert found[span][0].label == "quantity"
    assert {k: attrs.get(k) for k in expected} == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The group was founded in 2019 and disbanded in 2024.",
        "See page 4 and section 12 of the report.",
        "1. The first point.\n2. The second point.",
        "On 4 June 2030 at 10:30 pm, a 41-year-old man waited for three days.",
        "One of them was released, and no one was charged.",
        "It was the first time the Brigade of 2019 had met.",
    ],
)
def test_not_quantities(base: Pipeline, text: str) -> None:
    doc = run(base, text)
    assert [doc.text[s.start : s.end] for s in doc.spans("quantities")] == []


DATES: list[tuple[str, str | None, str, dict[str, Any]]] = [
    ("The treaty was signed on June 2, 2019.", None, "June 2, 2019", {"kind": "absolute", "value": "2019-06-02"}),
    ("It was ratified on 17 October 2030.", None, "17 October 2030", {"kind": "absolute", "value": "2030-10-17"}),
    ("The vote took place on 4 June 2019.", None, "4 June 2019", {"kind": "absolute", "value": "2019-06-04"}),
    ("Talks ran from 18-19 December 2030.", None, "19 December 2030", {"kind": "absolute", "value": "2030-12-19"}),
    ("The plant opened in 2008.", None, "2008", {"kind": "absolute", "value": "2008"}),
    ("It closed in June 2019.", None, "June 2019", {"kind": "absolute", "value": "2019-06"}),
    (
        "On Tuesday, 4 June 2030, the talks began.",
        None,
        "Tuesday, 4 June 2030",
        {"kind": "absolute", "value": "2030-06-04", "weekday": "Tuesday"},
    ),
    (
        "The talks began on 4 June 2030. Three days earlier, the envoys arrived.",
        None,
        "Three days earlier",
        {"kind": "relative", "value": "2030-06-01", "anchor": "D1"},
    ),
    (
        "The talks began on 4 June 2030. A week earlier, the envoys arrived.",
        None,
        "A week earlier",
        {"kind": "relative", "value": "2030-05-28"},
    ),
    (
        "A bomb exploded on 4 June 2030. Police arrived three days after the attack.",
        None,
        "three days after the attack",
        {"kind": "relative", "value": "2030-06-07", "anchor": "D1"},
    ),
    (
        "The strike came on 3 March 2031. Eleven years later, nothing had changed.",
        None,
        "Eleven years later",
        {"kind": "relative", "value": "2042"},
    ),
    (
        "Prices rose earlier this month.",
        "2030-06-20",
        "earlier this month",
        {"kind": "relative", "value": "2030-06", "anchor": "published"},
    ),
    ("Two days ago the minister resigned.", "2030-06-20", "Two days ago", {"kind": "relative", "value": "2030-06-18"}),
    (
        "The vote was held on 4 June 2030. The result was due by Friday.",
        None,
        "Friday",
        {"kind": "weekday", "value": "2030-06-07", "weekday": "Friday"},
    ),
    (
        "A bomb exploded on 4 June 2030. On Tuesday night the crowd gathered.",
        None,
        "Tuesday night",
        {"kind": "weekday", "value": "2030-06-04"},
    ),
    (
        "The crowd gathered on Tuesday night.",
        "2030-06-20",
        "Tuesday night",
        {"kind": "weekday", "value": "2030-06-18", "anchor": "published"},
    ),
    (
        "A bomb exploded on 4 June 2030, and the group claimed it the same night.",
        None,
        "the same night",
        {"kind": "relative", "value": "2030-06-04"},
    ),
    ("The sides met on 2 and 5 June 2030.", None, "2", {"kind": "absolute", "value": "2030-06-02"}),
    (
        "The accord came within 80 hours.",
        None,
        "within 80 hours",
        {"kind": "duration", "value": None, "days": pytest.approx(80 / 24)},
    ),
    (
        "The station reopened on Saturday, 8 June.",
        "2030-06-09",
        "Saturday, 8 June",
        {"kind": "absolute", "value": "2030-06-08", "weekday": "Saturday"},
    ),
    # A date alone on its line is a dateline: the weekday after it lies in the past.
    ("Friday, July 21, 2017\n\nThe team won on Tuesday.", None, "Tuesday", {"kind": "weekday", "value": "2017-07-18"}),
    # A past-perfect date is a look back; the story's weekday counts from the fire.
    (
        "A fire broke out on 4 June 2030. The shed had been inspected on 28 May. On Thursday, police came.",
        None,
        "Thursday",
        {"kind": "weekday", "value": "2030-06-06", "anchor": "D1"},
    ),
    (
        "In January 1998 the inquiry widened. Eight months later, on 9 September 1998, it reported.",
        None,
        "Eight months later",
        {"kind": "relative", "value": "1998-09"},
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "published", "span", "expected"), DATES)
def test_dates(base: Pipeline, text: str, published: str | None, span: str, expected: dict[str, Any]) -> None:
    doc = run(base, text, published=published)
    found = spans_by_text(doc, "dates")
    assert span in found, f"{span!r} not among {list(found)}"
    d = found[span][0]
    assert d.label == expected["kind"]
    assert {k: d.attrs.get(k) for k in expected} == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The group had 2000 fighters.",
        "Officials may march to the capital.",
        "It cost 1,999 pounds.",
        "Children aged 8–10 years took part.",
    ],
)
def test_not_dates(base: Pipeline, text: str) -> None:
    doc = run(base, text)
    assert [doc.text[s.start : s.end] for s in doc.spans("dates")] == []


@pytest.fixture(scope="module")
def example(base: Pipeline) -> Document:
    return run(base, example_path().read_text(encoding="utf-8"))


@pytest.mark.slow
def test_example_quantities(example: Document) -> None:
    got = [
        (example.text[s.start : s.end], s.attrs["value"], s.attrs["measure"], s.attrs["qualifier"])
        for s in example.spans("quantities")
    ]
    assert got == [
        ("41", 41, "killed", None),  # the headline
        ("At least 38", 38, "killed", "at least"),
        ("more than 120", 120, "injured", "more than"),
        ("44", 44, "killed", None),
        ("41", 41, "killed", None),  # "41 deaths"
    ]
    assert example.spans("quantities")[0].start < example.text.index("\n")


@pytest.mark.slow
def test_example_dates(example: Document) -> None:
    found = spans_by_text(example, "dates")
    values = {text: [s.attrs["value"] for s in spans] for text, spans in found.items()}
    assert values["9 June 2030"] == ["2030-06-09"]
    assert values["Tuesday, 4 June 2030"] == ["2030-06-04"]
    assert found["Tuesday, 4 June 2030"][0].attrs["weekday"] == "Tuesday"
    assert "2019" in values["2019"] and values["2024"] == ["2024"]
    assert values["three days after the attack"] == ["2030-06-07"]
    assert values["Saturday, 8 June"] == ["2030-06-08"]
    assert found["Saturday, 8 June"][0].attrs["weekday"] == "Saturday"
    assert values["the same night"] == ["2030-06-04"] and values["Friday"] == ["2030-06-07"]


@pytest.mark.slow
def test_example_findings(example: Document) -> None:
    found = checks(example)
    assert [f.label for f in found] == ["number_conflict"]
    (f,) = found
    assert f.attrs["measure"] == "killed" and f.attrs["severity"] == "info"
    assert sorted({v["value"] for v in f.attrs["values"]}) == [38, 41, 44]
    assert "has since risen" in f.attrs["markers"]
    assert any(v["headline"] and v["value"] == 41 for v in f.attrs["values"])
    assert f.attrs["headline_mismatch"] is False
    assert "update" in f.name
    # The "first reports" and the officials are told apart as sources.
    sources = {v["value"]: v["source"] for v in f.attrs["values"] if not v["headline"]}
    assert sources[38] == "first reports" and sources[44] == "officials in Marvik"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("consistent", {}),
        ("wrong_weekday", {"weekday_mismatch": 1}),
        ("interval_and_date_conflict", {"elapsed_time_mismatch": 1, "date_conflict": 1}),
    ],
)
@pytest.mark.slow
def test_fixture_findings(base: Pipeline, name: str, expected: dict[str, int]) -> None:
    doc = run(base, (FIXTURES / f"{name}.md").read_text(encoding="utf-8"))
    assert Counter(f.label for f in checks(doc)) == Counter(expected)


@pytest.mark.slow
def test_consistent_fixture_is_read_fully(base: Pipeline) -> None:
    """No findings because the facts agree, not because nothing was read."""
    doc = run(base, (FIXTURES / "consistent.md").read_text(encoding="utf-8"))
    killed_values = [
        s.attrs["value"] for s in doc.spans("quantities") if s.attrs["measure"] == "killed" and s.attrs["group"] is None
    ]
    assert killed_values == [23, 23, 23]
    dates = spans_by_text(doc, "dates")
    assert dates["Thursday, 14 March 2030"][0].attrs["weekday"] == "Thursday"
    assert dates["four days before the accident"][0].attrs["value"] == "2030-03-10"
    assert dates["within 80 hours"][0].attrs["days"] == pytest.approx(80 / 24)
    assert dates["the same night"][0].attrs["value"] == "2030-03-14"
    # The same article with a wrong interval does get a finding.
    broken = (FIXTURES / "consistent.md").read_text(encoding="utf-8").replace("within 80 hours", "within 40 hours")
    assert [f.label for f in checks(run(base, broken))] == ["elapsed_time_mismatch"]


@pytest.mark.slow
def test_fixture_finding_details(base: Pipeline) -> None:
    doc = run(base, (FIXTURES / "wrong_weekday.md").read_text(encoding="utf-8"))
    (wm,) = checks(doc)
    assert wm.attrs["stated_weekday"] == "Monday" and wm.attrs["actual_weekday"] == "Tuesday"
    assert doc.text[wm.spans[0][0] : wm.spans[0][1]] == "Monday, 4 June 2030"

    doc = run(base, (FIXTURES / "interval_and_date_conflict.md").read_text(encoding="utf-8"))
    by_kind = {f.label: f for f in checks(doc)}
    em = by_kind["elapsed_time_mismatch"]
    assert "A week later" in em.name and "12 March" in em.name
    dc = by_kind["date_conflict"]
    assert sorted(d["value"] for d in dc.attrs["dates"]) == ["2031-03-03", "2031-03-05"]
    assert dc.attrs["event"] == "attack"


@pytest.mark.slow
def test_registered_pipeline_passes_the_contract_and_the_report_validates() -> None:
    reg = Registry()
    reg.register("quantities.rules.v1", RuleQuantities)
    reg.register("dates.rules.v1", RuleDates)
    reg.register("consistency.rules.v1", RuleConsistency)
    pipeline = Pipeline.from_names([*BASE, *FACTS], reg=reg)
    doc = pipeline(Document(example_path().read_text(encoding="utf-8"), id="example"))
    report = build_report(doc)
    assert report_errors(report) == []
    assert len(report["quantities"]) == 5 and all("value" in q for q in report["quantities"])
    assert {d["kind"] for d in report["dates"]} == {"absolute", "relative", "weekday", "duration"}
    assert [f["kind"] for f in report["findings"] if f["component"] == "consistency.rules.v1"] == ["number_conflict"]


@pytest.mark.parametrize(
    ("before", "who"),
    [
        # the figure after the second "said" is the second source's: a search from the start found the first
        ("The ministry said 12 people were killed and the Red Cross said ", "the Red Cross"),
        (
            "The health ministry said that 12 people were killed in the blast, but the Red Cross put the number at ",
            "the Red Cross",
        ),
        ("Police said ", "Police"),
        ("At least ", None),
    ],
)
def test_the_nearest_reporter_before_a_figure(before: str, who: str | None) -> None:
    from unspin.components.consistency_numbers import last_reporter

    m = last_reporter(before)
    assert (m.group("who") if m else None) == who
