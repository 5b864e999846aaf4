"""The library behind ``unspin analyze``: output plans, the report writer, and a run that carries on past
failures.  A one-component pipeline keeps these tests free of models."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from unspin import ConfigError, Document, Pipeline
from unspin.ingest import ReadOptions, plan_inputs
from unspin.pipeline import Component
from unspin.run import OutputPlan, ReportWriter, analyse_inputs, check_settings, plan_output


class Picky(Component):
    """Fails on any article that says "boom"."""

    name = "picky.test.v1"

    def __call__(self, doc: Document) -> None:
        if "boom" in doc.text:
            raise ValueError("boom")


def test_output_plans_and_the_plans_that_cannot_work(tmp_path: Path) -> None:
    assert plan_output(None, [], multi=True) == OutputPlan("stdout", ("json",))
    assert plan_output(tmp_path / "r.md", [], multi=False) == OutputPlan("file", ("md",), tmp_path / "r.md")
    assert plan_output(tmp_path / "out", ["JSON", "md"], multi=True) == OutputPlan(
        "dir", ("json", "md"), tmp_path / "out"
    )
    for out, fmts, multi, message in [
        (None, ["html", "json"], False, "several --format values need --out DIR"),
        (None, ["html"], True, "html reports for several articles need --out DIR"),
        (tmp_path / "r.html", [], True, "names one file but several articles"),
        (tmp_path / "r.html", ["json"], False, "does not match --format json"),
        (tmp_path / "r.pdf", [], False, "unknown report suffix '.pdf'"),
        (None, ["pdf"], False, "unknown format 'pdf'"),
    ]:
        with pytest.raises(ConfigError, match=message):
            plan_output(out, fmts, multi)
    with pytest.raises(ConfigError, match="--perspective needs --sources"):
        check_settings(None, "P1")


def test_a_run_writes_what_it_can_and_names_what_failed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A calm article.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("It went boom.", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\xff\xfe\x00not text")
    out = tmp_path / "reports"
    writer = ReportWriter(plan_output(out, ["json", "md"], multi=True), io.StringIO())
    heard: list[str] = []
    summary = analyse_inputs(
        plan_inputs([str(tmp_path)]),
        ReadOptions(),
        Pipeline([Picky()]),
        writer,
        on_error=lambda line, exc: heard.append(line),
    )
    assert (summary.ok, summary.failed) == (1, 2)
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "a.md"]
    assert json.loads((out / "a.json").read_text(encoding="utf-8"))["text"] == "A calm article."
    assert heard == summary.failures and len(heard) == 2
    assert any("b.txt" in line and "picky.test.v1" in line for line in heard)


def test_one_file_takes_one_article_and_keeps_it(tmp_path: Path) -> None:
    target = tmp_path / "one.json"
    writer = ReportWriter(plan_output(target, [], multi=False), io.StringIO())
    writer.write({"text": "first"}, "a")
    with pytest.raises(ConfigError, match="a second article arrived"):
        writer.write({"text": "second"}, "b")
    assert json.loads(target.read_text(encoding="utf-8")) == {"text": "first"}


def test_stems_stay_unique_within_a_run(tmp_path: Path) -> None:
    writer = ReportWriter(plan_output(tmp_path, ["json"], multi=True), io.StringIO())
    for doc_id in ("x/a", "y/a", "..", "a"):
        writer.write({"text": doc_id}, doc_id)
    assert [p.name for p in writer.written] == ["x_a.json", "y_a.json", "article.json", "a.json"]
