"""Golden reports: refactoring the report code must not change what a report says.

The example's JSON, HTML and Markdown are stored whole (``tests/golden/example.*``); three PTC dev articles'
reports, whose text may not be committed, as SHA-256 digests.  A change meant to alter reports rewrites them
with ``tests/golden/regenerate.py``, and the example's diff is read before it is committed.  Fresh reports are
compared without the models' scores, whose last digits differ between CPUs that compute in bfloat16 and those
that do not; the views are compared whole, rendered from the stored report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from unspin import Document, Pipeline, build_report
from unspin.reports import render

from .conftest import DATA
from .golden.regenerate import digests, without_scores

GOLDEN = Path(__file__).parent / "golden"


def _golden(fmt: str) -> str:
    return (GOLDEN / f"example.{fmt}").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_views_render_the_stored_example_report_unchanged(fmt: str) -> None:
    report = json.loads(_golden("json"))
    assert render(report, fmt) == _golden(fmt)


@pytest.mark.slow
def test_the_example_report_is_unchanged(example_report: dict[str, Any]) -> None:
    report = dict(example_report, document=dict(example_report["document"], source="station_bombing.md"))
    assert without_scores(json.loads(render(report, "json"))) == without_scores(json.loads(_golden("json")))


@pytest.mark.slow
@pytest.mark.data
@pytest.mark.parametrize("article", ["788271400", "790499380", "730246508"])
def test_ptc_dev_reports_are_unchanged(pipeline: Pipeline, article: str) -> None:
    path = DATA / "ptc" / "dev" / "articles" / f"article{article}.txt"
    if not path.is_file():
        pytest.skip(f"{path} not present")
    report = build_report(pipeline(Document(path.read_text(encoding="utf-8"), id=article)))
    expected = json.loads((GOLDEN / "ptc_dev.json").read_text(encoding="utf-8"))[article]
    assert digests(report) == expected
