"""Fuzz: no layer may fail on valid text.  Thousands of short texts built from what breaks text rules (quotation
marks, dashes, lone Markdown and HTML markup, newlines, digits, emoji, causal and speech verbs) go through the
whole default pipeline and the report builder and validator; any exception is a failure (Hypothesis shrinks it
to the smallest text that shows it)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unspin import Document
from unspin.reports import build_report, validate_report

_PIECES = [
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "„",
    "—",
    "–",
    "-",
    "--",
    ">",
    "> ",
    "#",
    "# ",
    "* ",
    "- ",
    "1. ",
    "<p>",
    "</p>",
    "<",
    "&amp;",
    "&",
    "**",
    "_",
    "`",
    "[",
    "]",
    "(",
    ")",
    ":",
    ";",
    ".",
    "...",
    "…",
    ",",
    "?",
    "!",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
    "\u00a0",
    "\u2028",
    "\u200b",
    "0",
    "7",
    "1,000",
    "3.5",
    "12%",
    "$5m",
    "1999",
    "2024-05-01",
    "Friday",
    "last week",
    "😀",
    "🇺🇸",
    "e\u0301",
    "said",
    "says",
    "told",
    "according to",
    "killed",
    "caused",
    "because",
    "blamed",
    "led to",
    "Therefore",
    "he",
    "she",
    "it",
    "they",
    "who",
    "Mr",
    "Ms. Lee",
    "Ostrava",
    "Ana Silva",
    "the council",
    "The government",
    "a",
    "the",
    "storm",
    "flood",
    "is",
    "was",
    "to",
]

_texts = st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), min_size=1, max_size=30).map("".join)


@pytest.fixture(scope="module")
def pipeline() -> Any:
    from unspin import load_pipeline

    return load_pipeline()


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_no_layer_fails_on_valid_text(pipeline: Any, fmt: str) -> None:
    @settings(
        max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True
    )
    @given(_texts)
    def run(text: str) -> None:
        if not text.strip():
            return  # an empty article is refused when read, before any layer
        doc = pipeline(Document(text, id="fuzz", meta={"format": fmt}))
        validate_report(build_report(doc))

    run()
