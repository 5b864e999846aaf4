"""The command line, run in-process with Typer's runner (spaCy loads once)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspin.cli import app
from unspin.examples import example_path
from unspin.reports import report_errors

pytestmark = pytest.mark.slow

runner = CliRunner()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
GOOD = "Valdoria armed the Harrow Brigade in 2019.\nThe Brigade became the Brotherhood.\n"


def run(*args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin)


def error_lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


@pytest.mark.parametrize("command", [[], ["analyze"], ["bench"], ["components"], ["validate"]])
def test_every_help_explains_with_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_json_to_stdout_pipes_and_validates(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(GOOD, encoding="utf-8")
    result = run("analyze", str(f))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report_errors(report) == []
    assert report["document"]["id"] == "a"
    assert len(report["sentences"]) == 2


def test_stdin_and_markdown_out(tmp_path: Path) -> None:
    out = tmp_path / "notes.md"
    result = run("analyze", "-", "--out", str(out), stdin=GOOD.encode())
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# unspin report")


def test_example_to_html_and_json_files(tmp_path: Path) -> None:
    html, js = tmp_path / "report.html", tmp_path / "report.json"
    assert run("analyze", str(example_path()), "--out", str(html)).exit_code == 0
    assert run("analyze", str(example_path()), "-f", "json", "--out", str(js)).exit_code == 0
    assert "<!DOCTYPE html>" in html.read_text(encoding="utf-8")
    assert report_errors(json.loads(js.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("picture.png", PNG, "binary file"),
        ("latin1.txt", "Caf\u00e9 cr\u00e8me".encode("latin-1"), "not valid UTF-8"),
        ("nobody.html", b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>", "no article text"),
    ],
)
def test_bad_single_file_one_line_error_nonzero_exit(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    result = run("analyze", str(f))
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert str(f) in line and reason in line
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_hundred_megabyte_file(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    with f.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    result = run("analyze", str(f))
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert str(f) in line and "over the 5.0 MB limit" in line


def test_missing_path() -> None:
    result = run("analyze", "/no/such/article.txt")
    assert result.exit_code == 1
    assert error_lines(result) == ["error: /no/such/article.txt: no such file or directory — check the path"]


def test_folder_with_a_bad_file_finishes_the_rest(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "one.txt").write_text(GOOD, encoding="utf-8")
    (src / "sub" / "two.md").write_text("# Two\n\nThe Ledger reported it.\n", encoding="utf-8")
    (src / "bad.txt").write_bytes(PNG)
    out = tmp_path / "out"
    result = run("analyze", str(src), "--out", str(out), "-f", "html", "-f", "json")
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert "bad.txt" in line and "binary" in line
    assert sorted(p.name for p in out.iterdir()) == ["one.html", "one.json", "two.html", "two.json"]
    assert "analysed 2 articles" in result.stderr and "1 failed" in result.stderr


def test_jsonl_with_a_broken_line(tmp_path: Path) -> None:
    f = tmp_path / "corpus.jsonl"
    f.write_text(
        json.dumps({"id": "first", "text": GOOD}) + "\n{not json\n" + json.dumps({"text": "Third one here."}) + "\n",
        encoding="utf-8",
    )
    result = run("analyze", str(f))
    assert result.exit_code == 1
    [line] = error_lines(result)
    assert f"{f}:2" in line and "invalid JSON" in line
    reports = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r["document"]["id"] for r in reports] == ["first", "corpus-3"]


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(GOOD, encoding="utf-8")
    result = run("analyze", str(f), str(f), "--out", str(tmp_path / "one.html"))
    assert result.exit_code == 1 and "give a folder" in error_lines(result)[0]
    result = run("analyze", str(f), "-f", "pdf")
    assert result.exit_code == 1 and "unknown format 'pdf'" in error_lines(result)[0]


def test_validate_command(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(GOOD, encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(run("analyze", str(f)).stdout, encoding="utf-8")
    assert run("validate", str(good)).exit_code == 0
    report = json.loads(good.read_text(encoding="utf-8"))
    report["text"] += "tampered"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(report), encoding="utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 1 and "sha256" in result.stderr


def test_components_lists_the_registry() -> None:
    result = run("components")
    assert result.exit_code == 0
    for name in ("parse.spacy.v1", "sentences.spacy.v1", "entities.spacy.v1"):
        assert name in result.stdout


def test_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "x.labels").write_text("1\tDoubt\t0\t3\n", encoding="utf-8")
    result = run("analyze", str(tmp_path))
    assert result.exit_code == 1
    assert "no articles found" in error_lines(result)[0] and "1 other files skipped" in result.stderr


def test_second_article_into_one_file_is_refused(tmp_path: Path) -> None:
    lines = "\n".join(json.dumps({"text": t}) for t in ("First one.", "Second one.")).encode()
    out = tmp_path / "one.json"
    result = run("analyze", "-", "--out", str(out), stdin=lines)
    assert result.exit_code == 1
    assert "names one file" in result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == "First one."


def _command_paths(command: object, path: list[str]) -> list[list[str]]:
    sub = getattr(command, "commands", None)
    if sub is None:
        return [path]
    return [p for name, c in sub.items() for p in _command_paths(c, [*path, name])]


def test_help_names_arguments_and_values_without_python_types() -> None:
    import typer.main

    paths = _command_paths(typer.main.get_command(app), [])
    assert len(paths) > 20
    for path in paths:
        result = run(*path, "--help")
        assert result.exit_code == 0, path
        noise = re.findall(r"<[a-z][\w\[\] ]*>|\{[A-Z_.]+\}", result.stdout)
        assert not noise, f"unspin {' '.join(path)} --help shows {noise}"
    usage = run("analyze", "--help").stdout.splitlines()[0]
    assert usage == "Usage: unspin analyze [OPTIONS] PATH..."


def test_an_unknown_out_suffix_is_an_error_not_a_folder(tmp_path: Path) -> None:
    result = run("analyze", "-", "--out", str(tmp_path / "report.pdf"), stdin=GOOD.encode())
    assert result.exit_code == 1
    assert "unknown report suffix '.pdf'" in error_lines(result)[0]
    assert list(tmp_path.iterdir()) == []
    existing = tmp_path / "reports.v2"
    existing.mkdir()
    result = run("analyze", "-", "--out", str(existing), stdin=GOOD.encode())
    assert result.exit_code == 0, result.stderr
    assert [p.suffix for p in existing.iterdir()] == [".html"]


def test_article_with_script_is_shown_as_text(tmp_path: Path) -> None:
    f = tmp_path / "evil.txt"
    f.write_text("Breaking news\nThe Ledger wrote <script>alert(1)</script> and left.\n", encoding="utf-8")
    html, md = tmp_path / "evil.html", tmp_path / "evil.md"
    assert run("analyze", str(f), "--out", str(html)).exit_code == 0
    assert run("analyze", str(f), "--out", str(md)).exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in md.read_text(encoding="utf-8")
