"""Hostile and malformed input: each gets one line naming the file, never a traceback or a blow-up."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspin.cli import app
from unspin.errors import ConfigError, InputError
from unspin.pipeline import DEFAULT_PIPELINE
from unspin.user_data import MAX_NODES, BadJSON, load_yaml, parse_json

runner = CliRunner()


def _laughs(levels: int = 9, width: int = 9) -> str:
    """The "billion laughs" YAML: each level lists the one below ``width`` times (width**levels nodes)."""
    lines = ['a0: &a0 ["lol"]']
    for n in range(1, levels + 1):
        lines.append(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_in_one_line_by_every_reader(tmp_path: Path) -> None:
    bomb = tmp_path / "case.yaml"
    bomb.write_text(_laughs(), encoding="utf-8")
    assert len(bomb.read_bytes()) < 600
    with pytest.raises(ConfigError, match=r"case.yaml: the YAML aliases \(\*name\) expand to more than"):
        load_yaml(bomb.read_text(encoding="utf-8"), str(bomb))
    for args in (["case", "import", str(bomb), "--db", str(tmp_path / "c.db")], ["case", "show", str(bomb)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        assert "expand to more than" in result.stderr and "Traceback" not in result.output
    article = tmp_path / "a.txt"
    article.write_text("The minister said the storm caused the flood.", encoding="utf-8")
    analysed = runner.invoke(app, ["analyze", str(article), "--sources", str(bomb)])
    assert analysed.exit_code != 0 and "expand to more than" in analysed.stderr


def test_aliases_a_real_file_uses_stay_allowed() -> None:
    text = "base: &b {name: Ledger, reliability: B}\nsources: [*b, *b]\n"
    assert load_yaml(text, "s.yaml")["sources"] == [{"name": "Ledger", "reliability": "B"}] * 2
    assert load_yaml(_laughs(levels=2, width=3), "small.yaml")["a2"][0] == [["lol"]] * 3
    with pytest.raises(ConfigError):
        load_yaml(_laughs(levels=4, width=10), "x.yaml", limit=1_000)
    assert MAX_NODES >= 100_000  # a case file of thousands of items is far below the bound


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"n": ' + "7" * 5_000 + "}", "more than 4,300 digits"),
        ('{"a": }', "Expecting value, column 7"),
    ],
)
def test_unreadable_json_is_one_reason_not_a_traceback(text: str, reason: str) -> None:
    with pytest.raises(BadJSON, match=reason):
        parse_json(text)


def test_a_case_file_of_deep_or_huge_json_names_the_file(tmp_path: Path) -> None:
    for name, text in (("deep.json", "[" * 50_000 + "]" * 50_000), ("big.json", '{"title": ' + "9" * 5_000 + "}")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = runner.invoke(app, ["case", "show", str(path)])
        assert result.exit_code == 1, result.output
        assert f"{name}" in result.stderr and "not valid JSON" in result.stderr
        assert "Traceback" not in result.output


def test_a_deeply_nested_corpus_line_is_an_error_of_that_line_only() -> None:
    from unspin.ingest.formats import document_from_jsonl_line

    with pytest.raises(InputError) as caught:
        document_from_jsonl_line("[" * 100_000, where="c.jsonl:3", default_id="x", source="c.jsonl")
    assert caught.value.line().startswith("c.jsonl:3: invalid JSON (nested too deeply")
    with pytest.raises(InputError) as bad:
        document_from_jsonl_line('{"text": }', where="c.jsonl:4", default_id="x", source="c.jsonl")
    assert "at at" not in bad.value.line() and "column 10" in bad.value.line()


def test_validate_refuses_an_empty_file_and_deep_json(tmp_path: Path) -> None:
    empty, deep = tmp_path / "empty.json", tmp_path / "deep.json"
    empty.write_text("", encoding="utf-8")
    deep.write_text("[" * 100_000, encoding="utf-8")
    for path, says in ((empty, "empty file"), (deep, "nested too deeply")):
        result = runner.invoke(app, ["validate", str(path)])
        assert result.exit_code == 1, result.output
        assert says in result.stderr and "Traceback" not in result.output


def test_file_names_and_case_text_print_literally(tmp_path: Path) -> None:
    odd = tmp_path / "report :100: [bold].json"
    odd.write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(odd)])
    assert result.exit_code == 1 and ":100: [bold].json" in result.stderr and "💯" not in result.stderr
    case = tmp_path / "c.yaml"
    case.write_text(
        json.dumps(
            {
                "title": "[/bold] :fire: who?",
                "hypotheses": [{"id": "H1", "text": "[red]one[/red]"}, {"id": "H2", "text": "two"}],
                "evidence": [{"id": "E1", "text": "[/x] said :100:", "ratings": {"H1": "C", "H2": "I"}}],
            }
        ),
        encoding="utf-8",
    )
    shown = runner.invoke(app, ["case", "show", str(case)])
    assert shown.exit_code == 0, shown.output
    assert "[/bold] :fire: who?" in shown.stdout and "[/x] said :100:" in shown.stdout
    scored = runner.invoke(app, ["case", "score", str(case)])
    assert scored.exit_code == 0 and "[red]one[/red]" in scored.stdout


# -- --out never destroys an input ------------------------------------------------------------------


def test_a_report_may_not_replace_its_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.html"
    article.write_text("<p>The minister said the storm caused the flood.</p>", encoding="utf-8")
    before = article.read_bytes()
    for out in ("a.html", "./sub/../a.html"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        result = runner.invoke(app, ["analyze", "a.html", "--out", out])
        assert result.exit_code == 1, result.output
        assert "is one of the inputs" in result.stderr
    assert article.read_bytes() == before


def test_an_output_that_cannot_be_written_fails_before_any_analysis(tmp_path: Path) -> None:
    from unspin.ingest import plan_inputs
    from unspin.run import check_output, plan_output

    article = tmp_path / "a.txt"
    article.write_text("The storm caused the flood.", encoding="utf-8")
    inputs = plan_inputs([str(article)])
    with pytest.raises(ConfigError, match="cannot make the folder"):
        check_output(plan_output(article / "reports", [], True), inputs)  # a file where the folder should be
    with pytest.raises(ConfigError, match="cannot make the folder"):
        check_output(plan_output(article / "r.html", [], False), inputs)
    check_output(plan_output(tmp_path / "x" / ".." / "made" / "r.html", [], False), inputs)
    assert (tmp_path / "made").is_dir() and not (tmp_path / "x").exists()
    check_output(plan_output(tmp_path / "new" / "reports", [], True), inputs)
    assert (tmp_path / "new" / "reports").is_dir() and list((tmp_path / "new" / "reports").iterdir()) == []


def test_a_dotdot_path_makes_no_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from unspin.files import write_atomic

    monkeypatch.chdir(tmp_path)
    write_atomic(Path("x/../r.html"), "<p>report</p>")
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == "<p>report</p>"
    assert not (tmp_path / "x").exists()


def test_reports_written_into_the_input_folder_keep_clear_of_articles(tmp_path: Path) -> None:
    from unspin.ingest import plan_inputs
    from unspin.run import ReportWriter, input_paths, plan_output

    (tmp_path / "a.txt").write_text("The storm caused the flood.", encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>An article of its own.</p>", encoding="utf-8")
    inputs = plan_inputs([str(tmp_path)])
    writer = ReportWriter(plan_output(tmp_path, ["html"], True), io.StringIO(), protected=input_paths(inputs))
    assert writer._stem("a") == "a-2" and writer._stem("a") == "a-3" and writer._stem("b") == "b"
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == "<p>An article of its own.</p>"


def test_a_folder_run_skips_unspins_own_reports(tmp_path: Path) -> None:
    from unspin.ingest import plan_inputs
    from unspin.reports import render

    golden = json.loads((Path(__file__).parent / "golden" / "example.json").read_text(encoding="utf-8"))
    (tmp_path / "article.md").write_text("# A title\n\nThe storm caused the flood.\n", encoding="utf-8")
    (tmp_path / "report.html").write_text(render(golden, "html"), encoding="utf-8")
    (tmp_path / "report.md").write_text(render(golden, "md"), encoding="utf-8")
    (tmp_path / "page.html").write_text("<html><head><title>unspin</title></head><p>News.</p></html>", "utf-8")
    plan = plan_inputs([str(tmp_path)])
    names = sorted(i.path.name for i in plan.items if not isinstance(i, InputError) and i.path)
    assert names == ["article.md", "page.html"] and plan.skipped == 2
    named = plan_inputs([str(tmp_path / "report.html")])
    assert isinstance(named.items[0], InputError) and "report written by unspin" in named.items[0].line()


def test_overwriting_a_report_keeps_the_users_umask(tmp_path: Path) -> None:
    from unspin.files import write_atomic

    target = tmp_path / "r.html"
    old = os.umask(0o022)
    try:
        write_atomic(target, "one")
        target.chmod(0o644)
        write_atomic(target, "two")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644 and target.read_text(encoding="utf-8") == "two"


# -- small items ------------------------------------------------------------------------------------


def test_utf16_without_a_bom_is_named_with_the_option_to_read_it() -> None:
    from unspin.ingest.decode import decode_bytes

    text = "The council said the storm caused the flood on Monday.\n"
    for codec in ("utf-16-le", "utf-16-be"):
        with pytest.raises(InputError) as caught:
            decode_bytes(text.encode(codec), "a.txt")
        assert f"pass --encoding {codec}" in caught.value.line()
        assert decode_bytes(text.encode(codec), "a.txt", encoding=codec) == text
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(bytes(range(256)) * 4, "b.bin")


def test_html_nested_past_the_parsers_depth_says_so() -> None:
    from unspin.ingest.formats import document_from_html

    words = " ".join(["The council said the storm caused the flood."] * 20)
    deep = "<html><body>" + "<div>" * 300 + f"<p>{words}</p>" + "</div>" * 300 + "</body></html>"
    with pytest.raises(InputError, match="nests elements more than 255 deep"):
        document_from_html(deep, doc_id="deep", source="deep.html")
    shallow = "<html><body>" + "<div>" * 20 + f"<p>{words}</p>" + "</div>" * 20 + "<br><img src=x></body></html>"
    assert "storm caused the flood" in document_from_html(shallow, doc_id="ok", source="ok.html").text


def test_a_one_token_text_decodes_without_looking_before_its_first_token() -> None:
    from unspin.models.technique_text import token_runs

    assert token_runs("killed", [(0, 6)], [0.75], [0.25], 0.5, 2) == [(0, 6, 1.0, 1.0)]
    two = token_runs("a killed", [(0, 1), (2, 8)], [0.0, 0.9], [0.0, 0.05], 0.5, 2)
    assert [(s, e) for s, e, *_ in two] == [(2, 8)]


def test_a_lone_markdown_quote_mark_quotes_nothing() -> None:
    from unspin import Document, load_pipeline

    pipeline = load_pipeline(DEFAULT_PIPELINE[:4])  # parse, sentences, entities, quotes
    for text in (">", "\n>\n", "killed.\n\n>", "> \n>  "):
        doc = Document(text, id="t", meta={"format": "md"})
        pipeline(doc)
        assert doc.spans("quotes") == [] or all(s.end > s.start for s in doc.spans("quotes"))


def test_a_span_is_found_in_its_chunk_without_rebuilding_chunk_texts() -> None:
    import spacy

    from unspin.components.parse import chunk_span

    nlp = spacy.blank("en")
    text = "The storm came. \n\nThe flood followed it."
    cut = text.index("The flood")
    chunks = [(0, nlp(text[:cut])), (cut, nlp(text[cut:]))]
    for start, end in ((4, 9), (cut + 4, cut + 9), (cut, cut + 3), (0, 3)):
        span = chunk_span(chunks, start, end)
        assert span is not None and span.text == text[start:end]
    assert chunk_span(chunks, 4, cut + 4) is None  # crosses the chunks
    assert chunk_span(chunks, 5, 7).text == "storm"  # expanded to whole tokens


def test_a_corpus_run_reads_past_a_deeply_nested_line(tmp_path: Path) -> None:
    from unspin.corpus.run import stream_documents

    corpus = tmp_path / "c.jsonl"
    lines = [json.dumps({"text": "The storm caused the flood."}), "[" * 100_000, json.dumps({"text": "It rained."})]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = list(stream_documents([str(corpus)]))
    assert [type(d).__name__ for d, _ in got] == ["Document", "InputError", "Document"]
    error = got[1][0]
    assert isinstance(error, InputError) and error.line().startswith(f"{corpus}:2: invalid JSON (nested too deeply")
