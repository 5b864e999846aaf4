"""The report contract, HTML and Markdown escaping, atomic writes."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from unspin import Document, Group, Pipeline, Span
from unspin.layers import layer_specs
from unspin.pipeline import DEFAULT_PIPELINE
from unspin.reports import (
    REPORT_LISTS,
    assemble_schema,
    build_report,
    load_schema,
    md_escape,
    render_html,
    render_markdown,
    report_errors,
    validate_report,
    write_atomic,
)

from .conftest import SHARED, analyse

EVIL = 'Intro.\n<script>alert(1)</script> & "quotes" <img src=x onerror=alert(2)> [link](http://x) **bold** | pipe\n'


def hand_made_report(text: str = EVIL) -> dict[str, Any]:
    """A report built from a hand-annotated document (no model)."""
    doc = Document(text, id="evil<id>", title="<b>Title</b>", source="a<b>.txt")
    doc.add_spans(
        "sentences", [Span(0, 6, "sentence", "s.v1"), Span(7, len(text) - 1, "sentence", "s.v1")], component="s.v1"
    )
    start = text.index("<script>")
    doc.add_groups(
        "entities",
        [Group("E1", "ORG", "<script>x</script>", "e.v1", ((start, start + 8),), attrs={"aliases": ["<i>"]})],
        component="e.v1",
    )
    doc.meta["pipeline"] = [{"name": "s.v1", "assigns": ["sentences"]}, {"name": "e.v1", "assigns": ["entities"]}]
    return build_report(doc)


def test_hand_made_report_follows_the_schema() -> None:
    report = hand_made_report()
    assert report_errors(report) == []
    for key in REPORT_LISTS:
        assert isinstance(report[key], list)
    assert report["document"]["sha256"] == hashlib.sha256(EVIL.encode()).hexdigest()


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda r: r.pop("quotes"), "'quotes' is a required property"),
        (lambda r: r["document"].update(sha256="0" * 64), "sha256"),
        (lambda r: r["sentences"].append([5, 10_000]), "outside the text"),
        (lambda r: r.update(schema="other/1"), "schema"),
        (lambda r: r["entities"][0].update(text="wrong", start=0, end=3), "'text' is not text[0:3]"),
    ],
)
def test_validation_catches_broken_reports(mutate: Any, problem: str) -> None:
    report = copy.deepcopy(hand_made_report())
    mutate(report)
    errors = report_errors(report)
    assert any(problem in e for e in errors), errors


def test_html_escapes_everything_and_runs_no_script() -> None:
    page = render_html(hand_made_report())
    assert "<script" not in page.lower().replace("&lt;script", "")
    assert "&lt;script&gt;" in page and "alert(1)&lt;/script&gt;" in page
    assert "onerror=alert" not in page.replace("onerror=alert(2)&gt;", "")  # only escaped text
    assert "<img" not in page
    assert "default-src 'none'" in page  # CSP: no scripts, no fetches
    # self-contained: nothing loaded from anywhere
    assert not re.search(r"<(link|script|iframe|img)\b", page, re.IGNORECASE)
    assert not re.search(r"\b(src|href)\s*=\s*[\"']?(https?:)?//", page)


def test_html_links_items_to_their_place() -> None:
    page = render_html(hand_made_report())
    anchors = set(re.findall(r'<a class="anchor" id="([^"]+)"', page))
    links = set(re.findall(r'href="#([^"]+)"', page))
    assert links and links <= anchors


def test_markdown_escapes_article_text() -> None:
    md = render_markdown(hand_made_report())
    assert "<script>" not in md and "\\<script\\>" in md
    assert md_escape("a|b*c") == "a\\|b\\*c"
    assert "Not analysed" in md  # layers no component built are not "none found"


def test_write_atomic_replaces_whole_or_leaves_old(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    write_atomic(target, "old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(Exception, match="cannot write report"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temp file left


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="file modes are POSIX")
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_write_atomic_gives_the_users_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "report.html", "<p>x</p>")
    finally:
        os.umask(old)
    assert (tmp_path / "report.html").stat().st_mode & 0o777 == 0o666 & ~umask
    assert os.umask(old) == old  # the umask is left as it was


def test_packaged_schema_is_the_published_contract() -> None:
    shared = SHARED / "report.schema.json"
    if not shared.exists():
        pytest.skip("../shared/report.schema.json not present")
    published = json.loads(shared.read_text(encoding="utf-8"))
    assert assemble_schema(layer_specs(DEFAULT_PIPELINE)) == published
    assert load_schema() == published  # no plugin installed: every installed layer is a built-in one


def test_a_layer_schema_lives_with_its_component() -> None:
    from importlib import resources

    base = json.loads(resources.files("unspin.reports").joinpath("report.base.schema.json").read_text("utf-8"))
    assert "claims" not in base["properties"] and "claims" in base["required"]
    (claims,) = [s for s in layer_specs(DEFAULT_PIPELINE) if s.key == "claims"]
    assert load_schema()["properties"]["claims"] == claims.schema


@pytest.mark.slow
def test_example_report_is_valid_and_shows_sentences_and_entities(example_report: dict[str, Any]) -> None:
    validate_report(example_report)
    text = example_report["text"]
    sentences = [text[s:e] for s, e in example_report["sentences"]]
    assert "Kestrov supposedly stopped all payments in 2024." in sentences
    assert "5. Therefore, Valdoria is to blame." in sentences
    assert "According to the Meridian Ledger:" in sentences
    names = {e["name"]: e for e in example_report["entities"]}
    assert {"Valdoria", "Ostrenia", "Mara Lind", "Harrow Brigade"} <= set(names)
    assert "Kestrov" in names["Valdoria"]["aliases"]  # the text states Kestrov is its capital
    assert "Lind" in names["Mara Lind"]["aliases"]
    for e in example_report["entities"]:
        for s, t in e["mentions"]:
            assert text[s:t].strip()


@pytest.mark.slow
def test_sentences_never_cross_a_paragraph(pipeline: Pipeline) -> None:
    # No blank line anywhere: every line is its own paragraph (PTC style).
    text = "Headline without a stop\nFirst line ends here without stop\nU.S. officials said so. Then more.\nLast."
    report = analyse(pipeline, text)
    paragraphs = report["paragraphs"]
    for s, e in report["sentences"]:
        assert any(ps <= s and e <= pe for ps, pe in paragraphs), text[s:e]
    assert [text[s:e] for s, e in report["sentences"]][:2] == [
        "Headline without a stop",
        "First line ends here without stop",
    ]


@pytest.mark.slow
def test_long_text_is_chunked_with_exact_offsets() -> None:
    from unspin.pipeline import Pipeline as P

    pipeline = P.from_names(config={"parse.spacy.v1": {"max_chunk_chars": 1000}})
    para = "The Harrow Brigade armed the militia in Kestrov. " * 8
    text = "\ufeff" + "\n".join(f"{i} {para}" for i in range(12)) + " 😀 Valdoria."
    report = analyse(pipeline, text)
    assert report_errors(report) == []
    assert text[slice(*report["sentences"][-1])].endswith("Valdoria.")
    assert all(text[s:e].strip() for s, e in report["sentences"])


def test_panel_links_every_layer_item_to_the_text() -> None:
    # Layers that later components fill, shaped as the schema requires.
    report = hand_made_report()
    text = report["text"]
    report["relations"] = [
        {
            "id": "R1",
            "type": "cause",
            "start": 0,
            "end": 6,
            "text": text[0:6],
            "cause": {"start": 0, "end": 5},
            "effect": {"start": 7, "end": 15},
            "voice": "author",
            "support": "asserted",
        }
    ]
    report["chains"] = [
        {
            "id": "C1",
            "relation_ids": ["R1"],
            "blamed": "<b>X</b>",
            "outcome": "attack",
            "attributed_to": None,
            "strength": 0.4,
        }
    ]
    report["techniques"] = [{"start": 7, "end": 15, "technique": "Loaded_Language", "score": 0.9}]
    report["findings"] = [{"kind": "number_conflict", "message": "38 vs <41>", "spans": [[0, 5], [7, 15]]}]
    assert report_errors(report) == []
    page = render_html(report)
    for anchor in ("relations-0", "techniques-0", "findings-0"):
        assert f'href="#{anchor}"' in page and f'id="{anchor}"' in page
    assert "&lt;b&gt;X&lt;/b&gt;" in page and "38 vs &lt;41&gt;" in page
    md = render_markdown(report)
    assert "Loaded\\_Language" in md and "number\\_conflict" in md and "\\<b\\>X\\</b\\>" in md


def test_one_escape_for_every_html_view() -> None:
    from unspin.ach import html as ach_html
    from unspin.reports import chain_svg
    from unspin.reports.html_parts import esc

    assert esc('<b a="1">\x00\x0bx</b> & \ud800') == "&lt;b a=&quot;1&quot;&gt;x&lt;/b&gt; &amp; "
    assert chain_svg._esc is esc and ach_html._e is esc
