"""The summary at the top of every report: built from the JSON report by hand here, no model needed."""

from __future__ import annotations

from typing import Any

from unspin.reports import render_html, render_markdown
from unspin.reports.summary import NO_BLAME, report_summary

TEXT = "Officials said the <b>mayor</b> ignored warnings. The mayor is to blame for the collapse."


def _report(**lists: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "schema": "unspin.report/1",
        "document": {"id": "d1", "sha256": "0" * 64},
        "text": TEXT,
        "pipeline": [{"name": "relations.rules.v1", "assigns": ["relations", "chains"]}],
        "sentences": [],
        "quotes": [],
        "sources": [],
        "techniques": [],
        "claims": [],
        "relations": [],
        "chains": [],
        "quantities": [],
        "dates": [],
        "findings": [],
    }
    return {**base, **lists}


def test_no_blame_is_said_with_its_limit() -> None:
    summary = report_summary(_report())
    assert summary.blame == () and summary.lines == ()
    assert "does not mean the article blames no one" in NO_BLAME
    assert NO_BLAME.split(".")[0] in render_html(_report()) and "No blame found" in render_markdown(_report())


def test_chains_by_strength_with_their_weakest_link_in_words() -> None:
    rel = {
        "id": "R1",
        "start": 0,
        "end": 48,
        "type": "cause",
        "support": "sourced",
        "cause": {"text": "mayor"},
        "effect": {"text": "collapse"},
    }
    chains = [
        {
            "id": "CH1",
            "relation_ids": ["R1"],
            "blamed": "the mayor",
            "outcome": "the collapse",
            "strength": 0.3,
            "attributed_to": None,
            "weakest_link": "R1",
        },
        {
            "id": "CH2",
            "relation_ids": ["R1"],
            "blamed": "the council",
            "outcome": "the collapse",
            "strength": 0.8,
            "attributed_to": None,
            "weakest_link": None,
        },
    ]
    report = _report(relations=[rel], chains=chains)
    blame = report_summary(report).blame
    assert [line.anchor for line in blame] == ["chains-1", "chains-0"]  # strongest first
    assert "the council blamed for the collapse" in blame[0].text and "strength 0.80" in blame[0].text
    assert "weakest link “Officials said the <b>mayor</b> ignored warnings” (sourced)" in blame[1].text
    page = render_html(report)
    assert "&lt;b&gt;mayor&lt;/b&gt;" in page and "<b>mayor</b>" not in page  # article text is escaped
    assert page.index("In short") < page.index("<article>")


def test_sources_techniques_claims_and_findings_in_one_line_each() -> None:
    report = _report(
        quotes=[
            {"id": "Q1", "start": 0, "end": 8, "source_id": "S1"},
            {"id": "Q2", "start": 9, "end": 12, "source_id": "S1"},
        ],
        sources=[{"id": "S1", "name": "City <officials>", "grade": {"reliability": "C"}}],
        techniques=[{"start": 0, "end": 5, "technique": "Loaded_Language", "score": 0.9}] * 2,
        claims=[{"id": "C1", "start": 0, "end": 5}, {"id": "C2", "start": 6, "end": 9}],
        findings=[{"kind": "unsourced_claim", "message": "m", "spans": []}],
    )
    lines = [line.text for line in report_summary(report).lines]
    assert lines == [
        "Quoted: City <officials> (C, 2 quotes).",
        "Persuasion techniques: Loaded Language ×2.",
        "2 check-worthy claims, 1 without a source.",
        "1 finding: unsourced claim.",
    ]
    assert "City &lt;officials&gt;" in render_html(report)
