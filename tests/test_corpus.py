"""``unspin corpus``: the tables of a report, DuckDB's answers over hand-made datasets, and the real pipeline
on a local Dask cluster of two workers: the Parquet tables hold exactly the rows of the per-article JSON
reports, a rerun skips what is done, a killed run loses and duplicates nothing, bad input is an error row."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("duckdb", reason="duckdb is not installed (make dev installs it)")
pytest.importorskip("distributed", reason="dask.distributed is not installed (make dev installs it)")

from unspin.corpus import corpus_sql, corpus_stats, report_rows
from unspin.corpus.run import _write_tables, read_done
from unspin.data_home import corpus_path

GOLDEN = Path(__file__).parent / "golden" / "example.json"


def _dataset(out: Path, reports: list[dict[str, Any]]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "manifest.json").write_text('{"pipeline": []}', encoding="utf-8")
    for n, report in enumerate(reports):
        rows = report_rows(report, f"input-{n}")
        _write_tables(out / "batches" / f"b{n}", rows, [])


def _golden(**document: Any) -> dict[str, Any]:
    report = json.loads(GOLDEN.read_text(encoding="utf-8"))
    report["document"] = {**report["document"], **document}
    return report


def test_report_rows_partition_by_outlet_and_month() -> None:
    rows = report_rows(_golden(outlet="Ledger", published="2030-06-09"))
    assert {(r["outlet"], r["month"]) for t in rows.values() for r in t} == {("Ledger", "2030-06")}
    assert len(rows["quotes"]) == len(json.loads(GOLDEN.read_text())["quotes"])
    assert {r["blamed"] for r in rows["chains"]} == {"Valdoria", "Ostrenia"}


def test_stats_answer_the_standard_questions_by_outlet(tmp_path: Path) -> None:
    out = tmp_path / "c"
    _dataset(
        out,
        [
            _golden(outlet="Ledger", published="2030-06-09", sha256="a" * 64, id="one"),
            _golden(outlet="Courier", published="2030-07-01", sha256="b" * 64, id="two"),
        ],
    )
    answers = corpus_stats(out, by="outlet")
    title, columns, rows = answers["blamed"]
    assert title.startswith("Most blamed") and columns[:2] == ["outlet", "blamed"]
    assert {(r[0], r[1], r[2]) for r in rows} == {
        ("Ledger", "Valdoria", 2),
        ("Ledger", "Ostrenia", 1),
        ("Courier", "Valdoria", 2),
        ("Courier", "Ostrenia", 1),
    }
    only = corpus_stats(out, outlet="Courier", since="2030-07")
    assert {r[0] for r in only["blamed"][2]} == {"Valdoria", "Ostrenia"} and all(r[2] == 1 for r in only["blamed"][2])
    techniques = dict((r[0], r[2]) for r in corpus_stats(out)["techniques"][2])
    golden = json.loads(GOLDEN.read_text())
    words = 2 * golden["document"]["words"]
    found = 2 * sum(t["technique"] == "Name_Calling,Labeling" for t in golden["techniques"])
    assert found and techniques["Name_Calling,Labeling"] == round(found * 1000 / words, 3)
    columns, rows = corpus_sql(out, "SELECT count(*) FROM documents")
    assert rows == [(2,)]
    with pytest.raises(Exception, match="SQL failed"):
        corpus_sql(out, "SELECT * FROM nowhere")
    assert read_done(out) == {"a" * 64, "b" * 64}


PTC_DEV = corpus_path("ptc", "dev", "articles")
PTC_TRAIN = corpus_path("ptc", "train", "articles")


@pytest.mark.skipif(not PTC_TRAIN.is_dir(), reason="needs ../shared/data/ptc (the data home)")
def test_two_workers_write_exactly_the_rows_of_the_reports(tmp_path: Path) -> None:
    from unspin.corpus import run_corpus

    articles = tmp_path / "articles"
    articles.mkdir()
    for path in sorted(PTC_TRAIN.glob("article*.txt"))[:200]:
        shutil.copy(path, articles / path.name)
    (articles / "broken.txt").write_bytes(b"\x00\x01\x02 binary \x00")
    out = tmp_path / "corpus"
    first = run_corpus([str(articles)], out, workers=2, batch_size=10, json_reports=True)
    assert (first.analysed, first.failed) == (200, 1)
    reports = [json.loads(p.read_text()) for p in out.glob("batches/*/reports/*.json")]
    assert len(reports) == 200

    def table(sql: str) -> set[tuple[Any, ...]]:
        return set(corpus_sql(out, sql)[1])

    assert table("SELECT sha256 FROM documents") == {(r["document"]["sha256"],) for r in reports}
    assert corpus_sql(out, "SELECT count(*) FROM documents")[1] == [(200,)]  # once each
    assert table('SELECT sha256, start, "end", source_id FROM quotes') == {
        (r["document"]["sha256"], q["start"], q["end"], q.get("source_id")) for r in reports for q in r["quotes"]
    }
    assert table('SELECT sha256, start, "end", technique FROM techniques') == {
        (r["document"]["sha256"], t["start"], t["end"], t["technique"]) for r in reports for t in r["techniques"]
    }
    assert table('SELECT sha256, id, start, "end" FROM relations') == {
        (r["document"]["sha256"], x["id"], x["start"], x["end"]) for r in reports for x in r["relations"]
    }
    assert table("SELECT sha256, kind, message FROM findings") == {
        (r["document"]["sha256"], f["kind"], f["message"]) for r in reports for f in r["findings"]
    }
    errors = corpus_sql(out, 'SELECT "where", reason FROM errors')[1]
    assert len(errors) == 1 and "broken.txt" in errors[0][0]
    again = run_corpus([str(articles)], out, workers=2, batch_size=10)
    assert (again.analysed, again.skipped) == (0, 200)
    assert corpus_sql(out, "SELECT count(*) FROM documents")[1] == [(200,)]


@pytest.mark.skipif(not PTC_DEV.is_dir(), reason="needs ../shared/data/ptc (the data home)")
def test_a_killed_run_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in sorted(PTC_DEV.glob("article*.txt"))[24:40]:
        shutil.copy(path, articles / path.name)
    out = tmp_path / "corpus"
    cmd = [sys.executable, "-m", "unspin", "corpus", "run", str(articles), "--out", str(out), "--batch-size", "2"]
    run = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and len(list(out.glob("batches/*"))) < 2:
        time.sleep(0.2)
    os.killpg(run.pid, signal.SIGKILL)  # the client, the scheduler and both workers, mid-run
    run.wait(timeout=30)
    done_before = read_done(out)
    assert 2 <= len(done_before) < 16
    finish = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert finish.returncode == 0, finish.stderr
    assert f"skipped {len(done_before)} already done" in finish.stderr
    from unspin.corpus import corpus_sql as sql

    assert sql(out, "SELECT count(*), count(DISTINCT sha256) FROM documents")[1] == [(16, 16)]


def test_the_commands_print_tables_csv_json_and_a_page_without_script(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from unspin.cli import app

    out = tmp_path / "c"
    _dataset(out, [_golden(outlet="Ledger", published="2030-06-09", sha256="a" * 64, id="one")])
    runner = CliRunner()
    as_json = runner.invoke(app, ["corpus", "stats", str(out), "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)["blamed"]["rows"][0]["blamed"] == "Valdoria"
    as_csv = runner.invoke(app, ["corpus", "stats", str(out), "--format", "csv", "--by", "month"])
    assert as_csv.exit_code == 0 and "question,month,blamed" in as_csv.stdout
    page = tmp_path / "stats.html"
    assert runner.invoke(app, ["corpus", "stats", str(out), "-f", "html", "-o", str(page)]).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "<svg" in html and "document(s)" in html
    bad = runner.invoke(app, ["corpus", "sql", str(out), "SELEC 1"])
    assert bad.exit_code == 1 and "SQL failed" in bad.stderr and "Traceback" not in bad.output
    missing = runner.invoke(app, ["corpus", "stats", str(tmp_path / "nothing")])
    assert missing.exit_code == 1 and "not a corpus dataset" in missing.stderr
    wrong = runner.invoke(app, ["corpus", "stats", str(out), "--by", "year"])
    assert wrong.exit_code == 1 and "--by 'year'" in wrong.stderr


def test_the_page_links_each_document_to_its_kept_report(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from unspin.cli import app

    out = tmp_path / "c"
    kept, other = _golden(sha256="b" * 64, id="kept"), _golden(sha256="c" * 64, id="other")
    _dataset(out, [kept, other])
    (out / "batches" / "b0" / "reports").mkdir()
    (out / "batches" / "b0" / "reports" / f"{'b' * 64}.json").write_text(json.dumps(kept), encoding="utf-8")
    page = tmp_path / "pages" / "stats.html"
    page.parent.mkdir()
    assert CliRunner().invoke(app, ["corpus", "stats", str(out), "-f", "html", "-o", str(page)]).exit_code == 0
    html = page.read_text(encoding="utf-8")
    href = f'href="../c/batches/b0/reports/{"b" * 64}.json">kept</a>'
    assert href in html
    assert (page.parent / "../c/batches/b0/reports" / f"{'b' * 64}.json").is_file()
    assert ">other</a>" not in html and "other" in html  # no report kept: named, not linked


@pytest.mark.skipif(not PTC_DEV.is_dir(), reason="needs ../shared/data/ptc (the data home)")
def test_a_worker_killed_mid_run_costs_nothing(tmp_path: Path) -> None:
    import psutil

    articles = tmp_path / "articles"
    articles.mkdir()
    for path in sorted(PTC_DEV.glob("article*.txt"))[40:56]:
        shutil.copy(path, articles / path.name)
    out = tmp_path / "corpus"
    cmd = [sys.executable, "-m", "unspin", "corpus", "run", str(articles), "--out", str(out), "--batch-size", "2"]
    run = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not list(out.glob("batches/*")):
            time.sleep(0.2)
        # the workers are the processes the run spawned (each a Dask nanny's worker)
        workers = [p for p in psutil.Process(run.pid).children(recursive=True) if "spawn_main" in " ".join(p.cmdline())]
        busy = max(workers, key=lambda p: p.memory_info().rss)  # a worker with the pipeline loaded
        busy.send_signal(signal.SIGKILL)
        _, err = run.communicate(timeout=600)
    finally:
        if run.poll() is None:
            run.kill()
    if run.returncode != 0:  # the run may give up on a batch whose worker died: a rerun finishes it
        assert subprocess.run(cmd, capture_output=True, timeout=600).returncode == 0, err
    assert corpus_sql(out, "SELECT count(*), count(DISTINCT sha256) FROM documents")[1] == [(16, 16)]


def test_a_mistyped_input_fails_at_once(tmp_path: Path) -> None:
    from unspin.corpus import run_corpus
    from unspin.errors import ConfigError

    with pytest.raises(ConfigError, match="no such file or folder"):
        run_corpus([str(tmp_path / "nothing")], tmp_path / "out")
    assert not (tmp_path / "out").exists()
