"""Changing a stored case from the command line: hypotheses, sources, evidence, perspectives, many ratings at
once; each change is one transaction on a real SQLite file, and a refused change writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from unspin.ach.edits import add_hypothesis, rate_cells, remove_hypothesis
from unspin.ach.examples import example_case_path
from unspin.cli import app

runner = CliRunner()


def case(db: Path, *args: str) -> Any:
    return runner.invoke(app, ["case", *args, "--db", str(db)])


def stored(db: Path) -> dict[str, Any]:
    result = case(db, "export", "marvik")
    assert result.exit_code == 0, result.output
    return dict(yaml.safe_load(result.stdout))


def version(db: Path) -> int:
    listed = case(db, "list")
    return int(next(line for line in listed.stdout.splitlines() if "marvik" in line).split("│")[5])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cases.sqlite"
    assert case(path, "import", str(example_case_path()), "--name", "marvik").exit_code == 0
    return path


def test_hypotheses_added_rated_reworded_and_removed_with_their_ratings(db: Path) -> None:
    res = case(db, "hypothesis", "add", "marvik", "A lone insider did it")
    assert res.exit_code == 0 and "added hypothesis H5" in res.stderr
    assert case(db, "rate", "marvik", "E1", "H5", "CC").exit_code == 0
    assert case(db, "hypothesis", "edit", "marvik", "H5", "An insider acting alone").exit_code == 0
    data = stored(db)
    assert data["hypotheses"][-1] == {"id": "H5", "text": "An insider acting alone"}
    assert data["evidence"][0]["ratings"]["H5"] == "CC"
    assert case(db, "hypothesis", "remove", "marvik", "H5").exit_code == 0
    data = stored(db)
    assert "H5" not in [h["id"] for h in data["hypotheses"]]
    assert all("H5" not in (e.get("ratings") or {}) for e in data["evidence"])


def test_a_source_in_use_is_not_removed_and_nothing_is_written(db: Path) -> None:
    before = version(db)
    res = case(db, "source", "remove", "marvik", "S1")
    assert res.exit_code == 1 and "source S1 is the source of" in res.stderr and "Traceback" not in res.output
    assert version(db) == before
    assert case(db, "source", "add", "marvik", "Harbour Gazette", "--reliability", "c").exit_code == 0
    added = stored(db)["sources"][-1]
    assert added["name"] == "Harbour Gazette" and added["reliability"] == "C"
    assert case(db, "source", "edit", "marvik", added["id"], "--reliability", "B").exit_code == 0
    assert case(db, "source", "remove", "marvik", added["id"]).exit_code == 0
    assert "Harbour Gazette" not in [s["name"] for s in stored(db)["sources"]]
    bad = case(db, "source", "add", "marvik", "X", "--reliability", "Q")
    assert bad.exit_code == 1 and "reliability 'Q' is not one of A, B, C, D, E, F" in bad.stderr


def test_evidence_and_perspectives_change_the_scores(db: Path) -> None:
    res = case(db, "evidence", "edit", "marvik", "E1", "--credibility", "1", "--likelihood", "H2=0.95")
    assert res.exit_code == 0, res.output
    item = stored(db)["evidence"][0]
    assert item["credibility"] == "1" and item["likelihoods"]["H2"] == 0.95
    assert case(db, "evidence", "remove", "marvik", "E9").exit_code == 0
    assert "E9" not in [e["id"] for e in stored(db)["evidence"]]
    res = case(db, "perspective", "add", "marvik", "Trusts the minister", "--trust", "S3=A")
    assert res.exit_code == 0 and "added perspective P3" in res.stderr
    assert case(db, "perspective", "edit", "marvik", "P3", "--trust", "S3=-", "--trust", "S1=E").exit_code == 0
    assert stored(db)["perspectives"][-1]["trust"] == {"S1": "E"}
    score = case(db, "score", "marvik", "--format", "json")
    assert [p["perspective"] for p in yaml.safe_load(score.stdout)["perspectives"]] == ["P1", "P2", "P3"]
    assert case(db, "perspective", "remove", "marvik", "P3").exit_code == 0
    bad = case(db, "evidence", "edit", "marvik", "E99", "--credibility", "2")
    assert bad.exit_code == 1 and "no evidence 'E99'" in bad.stderr


def test_many_ratings_from_a_csv_all_or_none(db: Path, tmp_path: Path) -> None:
    long = tmp_path / "long.csv"
    long.write_text("evidence,hypothesis,rating\nE6,H1,I\nE6,H2,II\nE9,H4,NA\n", encoding="utf-8")
    res = case(db, "rate", "marvik", "--from", str(long))
    assert res.exit_code == 0 and "rated 3 cell(s)" in res.stderr
    e6 = next(e for e in stored(db)["evidence"] if e["id"] == "E6")
    assert (e6["ratings"]["H1"], e6["ratings"]["H2"]) == ("I", "II")
    matrix = tmp_path / "matrix.csv"
    matrix.write_text("evidence,H1,H2,H3\nE6,C,,N\nE7,CC,I,\n", encoding="utf-8")
    assert case(db, "rate", "marvik", "--from", str(matrix)).exit_code == 0
    data = {e["id"]: e["ratings"] for e in stored(db)["evidence"]}
    assert data["E6"]["H1"] == "C" and data["E6"]["H2"] == "II" and data["E7"]["H1"] == "CC"
    before = version(db)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("evidence,hypothesis,rating\nE1,H1,II\nE2,H1,maybe\n", encoding="utf-8")
    res = case(db, "rate", "marvik", "--from", str(wrong))
    assert res.exit_code == 1 and "rating 'maybe'" in res.stderr
    assert version(db) == before and stored(db)["evidence"][0]["ratings"]["H1"] != "II"


def test_a_stale_version_changes_nothing(db: Path) -> None:
    res = case(db, "hypothesis", "add", "marvik", "Late idea", "--expect-version", "1")
    assert res.exit_code == 0
    stale = case(db, "hypothesis", "add", "marvik", "Another", "--expect-version", "1")
    assert stale.exit_code == 1 and "changed while you worked on it" in stale.stderr
    assert [h["text"] for h in stored(db)["hypotheses"]].count("Another") == 0


def test_a_new_case_starts_empty_and_is_filled_in(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    assert case(db, "new", "fresh", "--title", "What happened?").exit_code == 0
    empty = runner.invoke(app, ["case", "score", "fresh", "--db", str(db)])
    assert empty.exit_code == 1 and "hypothesis add" in empty.stderr
    assert case(db, "hypothesis", "add", "fresh", "It was an accident").exit_code == 0
    assert case(db, "hypothesis", "add", "fresh", "It was sabotage").exit_code == 0
    assert case(db, "add-evidence", "fresh", "--text", "The valve was found open.").exit_code == 0
    assert case(db, "rate", "fresh", "E1", "H2", "C").exit_code == 0
    assert runner.invoke(app, ["case", "score", "fresh", "--db", str(db)]).exit_code == 0


def test_edits_are_pure_functions_of_the_case() -> None:
    data = {"title": "t", "hypotheses": [{"id": "H1", "text": "a"}], "priors": {"H1": 1.0}, "evidence": []}
    added, message = add_hypothesis(data, "b")
    assert message == "added hypothesis H2" and data["hypotheses"] == [{"id": "H1", "text": "a"}]
    assert added["priors"] == {"H1": 0.5, "H2": 0.5}
    removed, _ = remove_hypothesis(added, "H1")
    assert removed["priors"] == {"H2": 0.5} and [h["id"] for h in removed["hypotheses"]] == ["H2"]
    with pytest.raises(Exception, match="no cells"):
        rate_cells(added, [])


@pytest.mark.parametrize(
    "command",
    [
        *(("hypothesis", c) for c in ("add", "edit", "remove")),
        *(("source", c) for c in ("add", "edit", "remove")),
        *(("evidence", c) for c in ("edit", "remove")),
        *(("perspective", c) for c in ("add", "edit", "remove")),
    ],
)
def test_every_edit_command_has_help_with_an_example(command: tuple[str, str]) -> None:
    result = runner.invoke(app, ["case", *command, "--help"])
    assert result.exit_code == 0 and "Example" in result.stdout and "unspin case" in result.stdout
