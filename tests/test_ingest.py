"""Reading inputs: formats, metadata, and every kind of bad input (no model)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from unspin import Document, InputError
from unspin.ingest import Loaded, ReadOptions, decode_bytes, iter_documents, plan_inputs

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def read_all(paths: list[str], **opts: object) -> list[Document | InputError]:
    out: list[Document | InputError] = []
    for loaded in iter_documents(plan_inputs(paths), ReadOptions(**opts)):  # type: ignore[arg-type]
        out.append(loaded.result if isinstance(loaded, Loaded) else loaded)
    return out


def test_txt_keeps_bom_crlf_and_astral_characters(tmp_path: Path) -> None:
    raw = "\ufeffHeadline 😀 here\r\nBody text 𝔘 with astral chars.\r\n"
    f = tmp_path / "a.txt"
    f.write_bytes(raw.encode("utf-8"))
    [doc] = read_all([str(f)])
    assert isinstance(doc, Document)
    assert doc.text == raw  # nothing stripped or folded: offsets match the file
    assert doc.title == "Headline 😀 here"
    assert doc.id == "a"


def test_markdown_title_from_heading(tmp_path: Path) -> None:
    f = tmp_path / "b.md"
    f.write_text("Intro line\n\n# The Real Title\n\nBody.\n", encoding="utf-8")
    [doc] = read_all([str(f)])
    assert isinstance(doc, Document) and doc.title == "The Real Title"


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    body = " ".join(["The council met on Tuesday and voted on the budget."] * 6)
    f = tmp_path / "c.html"
    f.write_text(
        "<html><head><title>Budget vote | Example News</title>"
        '<meta name="author" content="Jane Roe">'
        '<meta property="article:published_time" content="2019-06-04"></head>'
        "<body><nav>Home · World · Sport</nav><article><h1>Budget vote</h1>"
        f"<p>{body}</p><p>Second paragraph &lt;script&gt; stays text.</p></article>"
        "<footer>Copyright notice</footer></body></html>",
        encoding="utf-8",
    )
    [doc] = read_all([str(f)])
    assert isinstance(doc, Document)
    assert "The council met" in doc.text and "Copyright notice" not in doc.text
    assert doc.title == "Budget vote"
    assert doc.meta["author"] == "Jane Roe"
    assert doc.published == "2019-06-04"


def test_jsonl_fields_and_broken_line(tmp_path: Path) -> None:
    f = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"text": "First article.", "title": "One", "url": "https://example.org/1", "outlet": "Ledger"}),
        '{"text": "broken',
        "",
        json.dumps({"id": "x9", "text": "Third article.", "published": "2030-06-04"}),
        json.dumps({"title": "no text"}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = read_all([str(f)])
    assert [type(o).__name__ for o in out] == ["Document", "InputError", "Document", "InputError"]
    first, broken, third, notext = out
    assert isinstance(first, Document) and first.id == "corpus-1" and first.meta["outlet"] == "Ledger"
    assert first.source == "https://example.org/1"
    assert (
        isinstance(broken, InputError) and broken.where.endswith("corpus.jsonl:2") and "invalid JSON" in broken.line()
    )
    assert isinstance(third, Document) and third.id == "x9" and third.published == "2030-06-04"
    assert isinstance(notext, InputError) and "'text'" in notext.reason


def test_folder_is_recursive_sorted_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("B text.", encoding="utf-8")
    (tmp_path / "sub" / "a.md").write_text("A text.", encoding="utf-8")
    (tmp_path / "notes.labels").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    plan = plan_inputs([str(tmp_path)])
    assert plan.skipped == 1
    assert [Path(i.path).name for i in plan.items] == ["b.txt", "a.md"]  # type: ignore[union-attr, arg-type]


def test_stdin_is_sniffed() -> None:
    plan = plan_inputs(["-"])
    html = (
        b"<!DOCTYPE html><html><body><article><p>"
        + b"Words in a paragraph here. " * 5
        + b"</p></article></body></html>"
    )
    [loaded] = list(iter_documents(plan, ReadOptions(), stdin=io.BytesIO(html)))
    assert isinstance(loaded, Loaded) and isinstance(loaded.result, Document)
    assert loaded.result.meta["format"] == "html" and loaded.result.id == "stdin"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "empty file"),
        ("image.png", PNG, "binary file (a PNG image)"),
        ("renamed.txt", PNG, "binary file (a PNG image)"),
        ("nul.txt", b"abc\x00def", "binary file (contains NUL bytes)"),
        ("latin1.txt", "Caf\u00e9 cr\u00e8me and na\u00efve r\u00e9sum\u00e9".encode("latin-1"), "not valid UTF-8"),
        ("nav.html", b"<html><body><nav>Home</nav></body></html>", "no article text found"),
        ("empty.html", b"<html><body></body></html>", "no article text found"),
    ],
)
def test_bad_files_give_one_line_errors_naming_the_file(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    [err] = read_all([str(f)])
    assert isinstance(err, InputError)
    assert err.line().startswith(f"{f}: ")
    assert reason in err.line()
    assert "\n" not in err.line()
    assert " — " in err.line()  # says what to do next


def test_latin1_reads_with_explicit_encoding(tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes("Caf\u00e9 cr\u00e8me.".encode("latin-1"))
    [doc] = read_all([str(f)], encoding="latin-1")
    assert isinstance(doc, Document) and doc.text == "Café crème."


def test_truncated_html_still_reads(tmp_path: Path) -> None:
    f = tmp_path / "cut.html"
    f.write_text("<html><body><article><p>" + "A sentence that was cut off mid way. " * 4, encoding="utf-8")
    [doc] = read_all([str(f)])
    assert isinstance(doc, Document) and "cut off" in doc.text


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    with f.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    [err] = read_all([str(f)])
    assert isinstance(err, InputError) and "104.9 MB, over the 5.0 MB limit" in err.line()


def test_missing_path() -> None:
    [err] = read_all(["/no/such/file.txt"])
    assert isinstance(err, InputError) and err.line().startswith("/no/such/file.txt: no such file")


def test_decode_utf16_with_bom() -> None:
    assert decode_bytes("Hello there".encode("utf-16"), "x") == "Hello there"


@pytest.mark.data
def test_ptc_articles_keep_the_corpus_offsets() -> None:
    """PTC offsets are code points into the UTF-8 text with the BOM kept (SOURCE.md)."""
    from .conftest import DATA

    folder = DATA / "ptc" / "train"
    if not folder.is_dir():
        pytest.skip("../shared/data/ptc not present")
    docs = {d.id: d for d in read_all([str(folder / "articles")]) if isinstance(d, Document)}
    assert len(docs) == 321
    boms = [d for d in docs.values() if d.text.startswith("\ufeff")]
    astral = [d for d in docs.values() if any(ord(c) > 0xFFFF for c in d.text)]
    assert boms and astral  # the corpus has both; both must survive reading
    for labels in sorted((folder / "labels").glob("*.labels"))[:80]:
        doc = docs[labels.stem]
        for row in labels.read_text(encoding="utf-8").splitlines():
            _, _, start, end = row.split("\t")
            assert 0 <= int(start) < int(end) <= len(doc.text)
    first_bom = boms[0]
    raw = (folder / "articles" / f"{first_bom.id}.txt").read_bytes().decode("utf-8")
    assert first_bom.text == raw
