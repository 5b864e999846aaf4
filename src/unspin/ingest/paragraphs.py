"""Paragraph boundaries from the text's own line structure (no model).

Rule (documented in docs/reading.md):

* Only ``\\n`` (with an optional ``\\r`` before it) breaks a line; other Unicode
  separators are left to the sentence splitter.
* A text with **no blank line anywhere** (one paragraph per line, as in PTC
  and most scraped news) gets one paragraph per non-empty line.
* Otherwise paragraphs are blocks separated by blank lines, and inside a
  block a line break still starts a new paragraph when the previous line ends
  a sentence (``. ! ? : ;`` or a closing quote/bracket after one), is a
  Markdown heading, or the new line starts a list item (``-``, ``*``, ``•``,
  ``1.``, ``2)``, ``a)``) or heading.  Hard-wrapped prose, whose lines end
  mid-sentence, therefore stays one paragraph.

Spans exclude the leading and trailing whitespace (and a byte-order mark).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = [
    "SHORT_TITLES",
    "headline_cuts",
    "is_blank",
    "iter_lines",
    "paragraph_spans",
    "sentence_per_line",
    "strip_span",
]

_LIST_ITEM = re.compile(r"^\s*(?:[-*•‣◦–]\s|\d{1,3}[.)]\s|[a-zA-Z][.)]\s|#{1,6}\s|>\s?)")
_HEADING = re.compile(r"^\s*#{1,6}\s")
_ENDS_SENTENCE = re.compile(r"[.!?:;…][\"'”’)\]»]*\s*$")
#: Titles written short before a name ("Rev.", "Sen."), as a regular-expression alternation; titles only: "U.S.",
#: "Jr." or "St." can end a sentence.
SHORT_TITLES = "Rev|Revd|Fr|Dr|Msgr|Mr|Mrs|Ms|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Cpl|Prof|Pres|Supt|Det|Atty"
#: A title written short ends a line before the name it belongs to ("… about Rev.\nFernando Karadima …"): PTC's
#: texts, one sentence per line, were split there by a sentence splitter that took the abbreviation's full stop for
#: a sentence end (about 60 such lines in PTC train and dev).
_TITLE_AT_END = re.compile(rf"(?:^|[\s(\"“‘'–—-])(?:{SHORT_TITLES})\.\s*$")
_OPENS_NAME = re.compile(r"\s*[A-Z][a-z]")
#: An embedded tweet's signature ends its line: "— SITE Intel Group (@siteintelgroup) October 5, 2017".
_TWEET_SIGNED = re.compile(r"\(@\w+\)[^\S\r\n]+[A-Z][a-z]{2,8}\.?[^\S\r\n]+\d{1,2},[^\S\r\n]+\d{4}\s*$")


def iter_lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each line without its ``\\r\\n`` / ``\\n``."""
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        content_end = end - 1 if end > pos and text[end - 1] == "\r" else end
        yield pos, content_end
        if nl == -1:
            return
        pos = nl + 1


def is_blank(ch: str) -> bool:
    """Whitespace, or a byte-order mark (which belongs to no paragraph)."""
    return ch.isspace() or ch == "\ufeff"


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``(start, end)`` to exclude surrounding whitespace and BOMs."""
    while start < end and is_blank(text[start]):
        start += 1
    while end > start and is_blank(text[end - 1]):
        end -= 1
    return start, end


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs of ``text`` as ``(start, end)`` pairs, in order."""
    lines = [(s, e) for s, e in iter_lines(text)]
    blank = [not text[s:e].strip() for s, e in lines]
    filled = [i for i, b in enumerate(blank) if not b]
    # Blank lines before the first or after the last text line do not count.
    one_per_line = not filled or not any(blank[filled[0] : filled[-1]])
    out: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    prev_line = ""
    for (s, e), is_blank in zip(lines, blank, strict=True):
        line = text[s:e]
        if is_blank:
            if current:
                out.append(current)
            current = None
            prev_line = ""
            continue
        starts_new = current is None or (
            not (_TITLE_AT_END.search(prev_line) and _OPENS_NAME.match(line))
            and (
                one_per_line
                or bool(_ENDS_SENTENCE.search(prev_line))
                or bool(_HEADING.match(prev_line))
                or bool(_TWEET_SIGNED.search(prev_line))
                or bool(_LIST_ITEM.match(line))
            )
        )
        if starts_new:
            if current:
                out.append(current)
            current = (s, e)
        else:
            assert current is not None
            current = (current[0], e)
        prev_line = line
    if current:
        out.append(current)
    stripped = [strip_span(text, s, e) for s, e in out]
    return [(s, e) for s, e in stripped if s < e]


def sentence_per_line(text: str) -> bool:
    """Whether the lines below the first (five or more) mostly end a sentence (three in five): one sentence per
    line, as in PTC articles (whose title a blank line follows), not prose wrapped at a width, whose lines mostly
    end mid-sentence.  In such a text a line without a full stop ("Her too: Lewinsky … by seducing her") is a
    sentence of its own, not the start of a wrapped one."""
    filled = [text[s:e] for s, e in list(iter_lines(text))[1:] if text[s:e].strip()]
    ended = sum(1 for line in filled if _ENDS_SENTENCE.search(line))
    return len(filled) >= 5 and ended >= 0.6 * len(filled)


#: A line that ends a sentence: terminal or clause punctuation, possibly inside closing quotes or brackets.
_ENDS_CLAUSE = re.compile(r"[.!?…:;,\-–—]['\"”’)\]]*\s*$")
_OPENS_LINE = re.compile(r"\s*['\"“‘(\[]?[A-Z0-9#@]")


def headline_cuts(text: str, start: int, end: int, every_line: bool = False) -> list[int]:
    """Line starts inside a sentence where the line before is a headline, caption, dateline or credit line: at most
    15 words with no punctuation to end it (any number of words where ``every_line``: a text of one sentence per
    line, :func:`sentence_per_line`), before a line that opens with a capital, a digit or a quotation mark.

    spaCy runs such lines into the next sentence ("'Foster hatred'\nAnti-fascism campaigners …"); a short,
    unpunctuated line before a capital is not a wrapped sentence.
    """
    cuts = []
    line_start = start
    pos = text.find("\n", start, end)
    while pos >= 0:
        line = text[line_start:pos]
        nxt = pos + 1
        if (
            line.strip()
            and not _ENDS_CLAUSE.search(line)
            and (every_line or len(line.split()) <= 15)
            and _OPENS_LINE.match(text, nxt, end)
        ):
            cuts.append(nxt)
        line_start = nxt
        pos = text.find("\n", nxt, end)
    return cuts
