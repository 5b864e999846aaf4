"""Sentences and paragraphs (component ``sentences.spacy.v1``).

Paragraphs come from the text's line structure
(:func:`unspin.ingest.paragraphs.paragraph_spans`); sentences from
spaCy's dependency parse, with every paragraph start forced to open a
sentence, so a sentence never crosses a paragraph boundary.  Spans are
trimmed of surrounding whitespace.

Limits: spaCy's small English model splits sentences from the parse, so
unusual punctuation ("U.S. officials" at a line end, ellipses) can cut a
sentence early or late; headings without a full stop are their own
paragraph and so their own sentence; so is a short line without end punctuation (a headline, caption, dateline
or credit line) that spaCy would run into the next line's sentence.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import Any

from ..document import Document, Span
from ..ingest.paragraphs import headline_cuts, paragraph_spans, sentence_per_line, strip_span
from ..layers import LayerSpec, span_pairs
from ..pipeline import Component
from .parse import parsed_chunks

__all__ = ["SpacySentences"]


_FRAGMENT = re.compile(r"^(?:[\W_]+|\d{1,3}[.)]|[a-zA-Z][.)])$")


def _merge_fragments(text: str, spans: list[tuple[int, int]], para_starts: list[int]) -> list[tuple[int, int]]:
    """Join list markers ("1.") and stray punctuation ("*") to a neighbour.

    spaCy cuts "1. Valdoria created…" after "1." and Markdown emphasis marks
    into sentences of their own; such a fragment joins the next sentence of
    its paragraph, else the previous one.
    """
    starts = set(para_starts)
    out: list[tuple[int, int]] = []
    carry: int | None = None
    for i, (s, e) in enumerate(spans):
        if carry is not None:
            s, carry = carry, None
        if _FRAGMENT.match(text[s:e]):
            nxt = spans[i + 1] if i + 1 < len(spans) else None
            if nxt is not None and nxt[0] not in starts:
                carry = s
                continue
            if out and s not in starts:
                out[-1] = (out[-1][0], e)
                continue
        out.append((s, e))
    if carry is not None:
        out.append((carry, spans[-1][1]))
    return out


_SENTENCES_SCHEMA: dict[str, Any] = {"type": "array", "items": {"$ref": "#/$defs/span"}}


class SpacySentences(Component):
    """Adds the ``sentences`` and ``paragraphs`` span layers."""

    name = "sentences.spacy.v1"
    requires = ("parse",)
    assigns = ("sentences", "paragraphs")
    layers = (
        LayerSpec(
            "sentences", "Sentences", "#eef2f7", order=10, serialize=span_pairs("sentences"), schema=_SENTENCES_SCHEMA
        ),
        LayerSpec("paragraphs", "Paragraphs", order=15, serialize=span_pairs("paragraphs"), drawn=False),
    )

    def __call__(self, doc: Document) -> None:
        text = doc.text
        paragraphs = paragraph_spans(text)
        doc.add_spans(
            "paragraphs",
            (Span(s, e, "paragraph", self.name, id=f"p{i}") for i, (s, e) in enumerate(paragraphs, 1)),
            component=self.name,
        )
        para_starts = [s for s, _ in paragraphs]
        per_line = sentence_per_line(text)
        spans: list[tuple[int, int]] = []
        for offset, sdoc in parsed_chunks(doc):
            for sent in sdoc.sents:
                start = offset + sent.start_char
                end = offset + sent.end_char
                # Guard: split again at any paragraph start inside the sentence.
                lo = bisect.bisect_right(para_starts, start)
                hi = bisect.bisect_left(para_starts, end)
                cuts = sorted({start, *para_starts[lo:hi], *headline_cuts(text, start, end, per_line), end})
                for a, b in itertools.pairwise(cuts):
                    s, e = strip_span(text, a, b)
                    if s < e:
                        spans.append((s, e))
        spans = _merge_fragments(text, spans, para_starts)
        doc.add_spans(
            "sentences",
            (Span(s, e, "sentence", self.name, id=f"s{i}") for i, (s, e) in enumerate(spans, 1)),
            component=self.name,
        )
