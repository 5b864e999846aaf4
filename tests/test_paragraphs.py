from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspin.ingest.paragraphs import paragraph_spans


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
