from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspin.ingest.paragraphs import headline_cuts, paragraph_spans, sentence_per_line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("One line only", ["One line only"]),
        # No blank line anywhere: one paragraph per line (PTC style).
        ("Title\nFirst para, no stop\nSecond.", ["Title", "First para, no stop", "Second."]),
        # Blank-line blocks; hard-wrapped prose stays one paragraph.
        (
            "Title\n\nThis is wrapped\nprose that goes on.\n\nNext.",
            ["Title", "This is wrapped\nprose that goes on.", "Next."],
        ),
        # Inside a block, a finished sentence or a list item starts a new paragraph.
        ("Intro:\n1. One.\n2. Two\n\nEnd.", ["Intro:", "1. One.", "2. Two", "End."]),
        ("# Heading\nbody text\n\nmore", ["# Heading", "body text", "more"]),
        # CRLF and surrounding whitespace are excluded from the spans.
        ("  a.\r\n\r\n b \r\n", ["a.", "b"]),
        ("\ufeffBOM line\nnext", ["BOM line", "next"]),
        # ptc/train 723823436: an embedded tweet's signature ends its paragraph, blank line or not
        (
            "Title\n\nIt said so pic.twitter.com/5J — SITE Intel Group (@siteintelgroup) October 5, 2017\n"
            "On Thursday evening, he appeared on TV",
            [
                "Title",
                "It said so pic.twitter.com/5J — SITE Intel Group (@siteintelgroup) October 5, 2017",
                "On Thursday evening, he appeared on TV",
            ],
        ),
        # ptc/train 723883127 and ptc/train 111111132: a line broken after a title written short goes on with the name
        (
            "Title\nFrancis spoke about Rev.\nFernando Karadima who was found guilty.\nThe Rev.\nRay Hurt has led it.",
            [
                "Title",
                "Francis spoke about Rev.\nFernando Karadima who was found guilty.",
                "The Rev.\nRay Hurt has led it.",
            ],
        ),
        # … but not after an abbreviation that can end a sentence, nor before a line that opens with no name
        (
            "Title\nHe lives in the U.S.\nThe rest.\nSee Dr.\n2. Two.",
            ["Title", "He lives in the U.S.", "The rest.", "See Dr.", "2. Two."],
        ),
        ("Intro\n\nHe met Sen.\nJo Smith here.\n\nEnd.", ["Intro", "He met Sen.\nJo Smith here.", "End."]),
    ],
)
def test_paragraph_table(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in paragraph_spans(text)] == expected


@given(st.text(alphabet=st.sampled_from("ab .:\n\r\t-1"), max_size=120))
def test_paragraph_invariants(text: str) -> None:
    spans = paragraph_spans(text)
    prev_end = 0
    for s, e in spans:
        assert prev_end <= s < e <= len(text)
        chunk = text[s:e]
        assert chunk == chunk.strip() and chunk
        # A blank line never sits inside a paragraph.
        assert all(line.strip() for line in chunk.replace("\r", "").split("\n"))
        prev_end = e


def test_a_text_of_sentence_lines_cuts_a_long_line_without_a_full_stop() -> None:
    # ptc/dev 761722669 (gold dev): a title, a blank line, then one sentence per line; the unpunctuated line is a
    # sentence of its own, not the start of one the next line finishes
    lines = [
        "Bill Clinton insists he doesn't owe Monica Lewinsky an apology",
        "",
        "Former President Bill Clinton insisted in a weekend interview that he doesn't owe a personal apology.",
        "The former president carried on a lengthy affair with Lewinsky.",
        "Her too: Lewinsky has emerged as an anti-bullying activist and now says Clinton engaged in a 'gross abuse "
        "of power' by seducing her",
        "'A lot of the facts have been omitted to make the story work,' he declared.",
        "'Nobody believes that I got out of that for free,' he said.",
    ]
    text = "\n".join(lines)
    assert sentence_per_line(text)
    third = text.index("Her too")
    assert headline_cuts(text, third, len(text), every_line=True) == [text.index("'A lot")]
    assert headline_cuts(text, third, len(text)) == []  # too long for a headline


def test_prose_wrapped_at_a_width_is_not_one_sentence_per_line() -> None:
    text = (
        "The committee met on Tuesday to discuss the\n"
        "proposal, which had been delayed for months by\n"
        "objections from the regional councils and the\n"
        "unions. Its members agreed to publish the report\n"
        "before the end of the year, when the budget for\n"
        "the next session is due."
    )
    assert not sentence_per_line("Title\n\n" + text)
