"""``unspin case …`` end to end on a SQLite file in tmp_path."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from unspin.ach.case_file import load_case
from unspin.ach.examples import example_case_path
from unspin.cli import app

runner = CliRunner()


def run(db: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["case", *args, "--db", str(db)])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cases.sqlite"
    result = run(path, "import", str(example_case_path()), "--name", "marvik")
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize(
    "command", ["list", "new", "import", "export", "show", "rate", "add-evidence", "score", "sensitivity", "bench"]
)
def test_every_case_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, ["case", command, "--help"])
    assert result.exit_code == 0 and "Example" in result.stdout


def test_import_export_round_trip(db: Path, tmp_path: Path) -> None:
    for fmt in ("yaml", "json"):
        out = tmp_path / f"back.{fmt}"
        assert run(db, "export", "marvik", "--format", fmt, "--out", str(out)).exit_code == 0
        assert load_case(out) == load_case(example_case_path())


def test_rate_then_score_json_shape(db: Path) -> None:
    assert run(db, "rate", "marvik", "E1", "H4", "CC").exit_code == 0
    result = run(db, "score", "marvik", "--perspective", "P1", "--format", "json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["perspective"] == "P1"
    assert {"id", "inconsistency", "weighted_inconsistency", "rank", "posterior"} <= set(scores["hypotheses"][0])
    assert {"id", "diagnosticity"} <= set(scores["evidence"][0])
    assert {"id", "changes_top"} <= set(scores["sensitivity"][0])
    exported = yaml.safe_load(run(db, "export", "marvik").stdout)
    assert next(e for e in exported["evidence"] if e["id"] == "E1")["ratings"]["H4"] == "CC"


def test_stale_version_gets_a_retry_message(db: Path) -> None:
    assert run(db, "rate", "marvik", "E1", "H1", "N").exit_code == 0  # now version 2
    result = run(db, "rate", "marvik", "E1", "H2", "II", "--expect-version", "1")
    assert result.exit_code == 1
    assert "changed while you worked on it" in result.stderr and "redo your change" in result.stderr


def test_score_json_without_perspective_keeps_one_shape(db: Path) -> None:
    result = run(db, "score", "marvik", "--format", "json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["perspective"] is None and [p["perspective"] for p in scores["perspectives"]] == ["P1", "P2"]
    assert {"hypotheses", "evidence", "sensitivity"} <= set(scores["perspectives"][0])


def test_html_matrix_for_the_example(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "matrix.html"
    assert run(db, "score", "marvik", "--format", "html", "--out", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "default-src 'none'" in page
    assert "Scores by perspective" in page and "P1:" in page and "P2:" in page
    rows = re.findall(r"<tr><th>(E\d+)", page)
    assert len(rows) == len(load_case(example_case_path()).evidence)
    # a legend for every mark, what the two scores mean, and why P2's rank 1 is not its highest posterior
    legend = page[page.index('<ul class="legend">') :]
    for words in ("very consistent", "very inconsistent", "not applicable or not rated (NA)", "linchpin"):
        assert words in legend[: legend.index("</ul>")]
    assert "Two scores, read together" in page
    assert page.count('<p class="note">') == 1 and "rank 1 is H3 but the highest posterior is H1" in page


def test_score_a_file_directly_and_bad_files_name_the_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["case", "score", str(example_case_path())])
    assert result.exit_code == 0 and "linchpins" in result.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nhypotheses:\n  - {id: H1, text: a}\nevidence:\n  - {id: E1, text: b, ratings: {H9: C}}\n")
    result = runner.invoke(app, ["case", "score", str(bad)])
    assert result.exit_code == 1 and "bad.yaml:5" in result.stderr and "H9" in result.stderr


@pytest.mark.slow
def test_add_evidence_from_an_analysed_article(db: Path, tmp_path: Path) -> None:
    from unspin.examples import example_path

    report = tmp_path / "report.json"
    assert runner.invoke(app, ["analyze", str(example_path()), "-f", "json", "--out", str(report)]).exit_code == 0
    before = len(load_case(example_case_path()).evidence)
    result = run(db, "add-evidence", "marvik", "--from-report", str(report))
    assert result.exit_code == 0, result.output
    exported = yaml.safe_load(run(db, "export", "marvik").stdout)
    added = exported["evidence"][before:]
    quotes = [q for q in json.loads(report.read_text())["quotes"] if not q["phrase"]]
    assert len(added) == len(quotes)
    text = json.loads(report.read_text())["text"]
    first = added[0]
    assert first["quote"]["report"] == str(report.resolve())  # absolute: found wherever the command runs
    assert first["quote"]["document"] == "station_bombing" and len(first["quote"]["sha256"]) == 64
    assert text[first["quote"]["start"] : first["quote"]["end"]].startswith("The Brotherhood grew out")
    assert first.get("ratings", {}) == {}  # unrated until the analyst rates it
    names = {s["id"]: s["name"] for s in exported["sources"]}
    assert names[first["source"]] == "Meridian Ledger"  # matched to the case's own source
    # the same report again adds nothing: every passage is in the case already
    again = run(db, "add-evidence", "marvik", "--from-report", str(report))
    assert again.exit_code == 1 and f"all {len(quotes)} quotes are in case 'marvik' already" in again.stderr
    assert len(yaml.safe_load(run(db, "export", "marvik").stdout)["evidence"]) == before + len(quotes)


def test_score_table_is_readable_at_80_columns(db: Path) -> None:
    res = CliRunner().invoke(app, ["case", "score", "marvik", "--db", str(db)], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    assert max(len(line) for line in res.stdout.splitlines()) <= 80
    assert "…" not in res.stdout  # no figure or name cut short
    assert res.stdout.count("posterior") >= 3 and "perspective P2" in res.stdout
    # the example's P2 ranks H3 first but gives H1 the highest posterior: the table says why
    assert "rank 1 is H3 but the highest posterior is H1" in " ".join(res.stdout.split())
