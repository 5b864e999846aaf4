"""A Title Case headline is parsed in sentence case (unspin.ingest.headline_case), on original PTC headlines."""

from __future__ import annotations

import pytest

from unspin import Pipeline
from unspin.ingest.headline_case import parser_text, title_cased

from .test_real_sentences import relations, rules

__all__ = ["rules"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ptc/train 698719689: words the body never capitalises mid-sentence lose their capital
        (
            "Madagascar Plague Outbreak Has Already Killed 57 And Infected Over 600\n\n"
            "The plague outbreak in Madagascar has killed 57 people.",
            "Madagascar plague outbreak has already killed 57 and infected over 600",
        ),
        # ptc/dev 790499380: names the body writes mid-sentence keep theirs, and so do acronyms
        (
            "Accused Woman Abuser Keith Ellison Asks House Ethics to Investigate\n\n"
            "Rep. Keith Ellison asked the House Ethics Committee to look into it.",
            "Accused woman abuser Keith Ellison asks House Ethics to investigate",
        ),
        ("Texas Mom: My Son Was Attacked For Wearing A MAGA Hat\n\nHe lives in Texas.", None),
    ],
)
def test_a_title_case_headline_is_sentence_cased_for_the_parser(text: str, expected: str | None) -> None:
    out = parser_text(text)
    assert len(out) == len(text) and out.lower() == text.lower()  # only the case of letters changes
    first = out.split("\n")[0]
    if expected is not None:
        assert first == expected
    else:
        assert first == "Texas mom: my son was attacked for wearing a MAGA hat"
    assert out.split("\n", 1)[1] == text.split("\n", 1)[1]  # the body is untouched


def test_a_headline_in_sentence_case_or_a_short_line_is_left_alone() -> None:
    assert not title_cased("Scientists analyse effects of global warming, atmospheric ozone on crops")
    assert not title_cased("Hello World")
    text = "Scientists analyse effects of global warming\n\nBody."
    assert parser_text(text) == text


def test_a_title_case_headline_gives_its_relation(rules: Pipeline) -> None:
    # ptc/train 698719689: read as a row of names, the headline had no verb
    text = (
        "Madagascar Plague Outbreak Has Already Killed 57 And Infected Over 600\n\n"
        "The plague outbreak in Madagascar has killed 57 people."
    )
    first_line = text.index("\n")
    found = [r for r in relations(rules, text) if r["trigger"]["start"] < first_line]
    assert {r["trigger"]["text"] for r in found} == {"Killed", "Infected"}
    assert all(r["cause"]["text"] == "Madagascar Plague Outbreak" for r in found)


def test_the_parse_of_a_recased_headline_is_put_back_on_the_articles_own_words() -> None:
    from unspin import Document
    from unspin.components.parse import SpacyParser, parsed_chunks

    text = (
        "Security Guard Jesus Campos Shot During The Vegas Massacre Raises New Questions\n\n"
        "Jesus Campos was shot in Las Vegas. Police said so.\n"
    )
    doc = Document(text, id="t")
    SpacyParser()(doc)
    (offset, sdoc), *_ = parsed_chunks(doc)
    assert offset == 0 and sdoc.text == text  # the article's words, capitals and all
    assert [t.text for t in sdoc][:3] == ["Security", "Guard", "Jesus"]
    assert "Jesus Campos" in {e.text for e in sdoc.ents}  # not "Jesus Campos Shot"
    shot = next(t for t in sdoc if t.text == "Shot")
    assert shot.pos_ == "VERB"
    assert len(list(sdoc.sents)) == 3
