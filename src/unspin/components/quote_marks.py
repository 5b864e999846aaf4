"""Pairing quotation marks into inline quotations (pure functions, no model).

Marks understood: straight ``"`` and ``'``, curly “ ” ‘ ’, low „ and
guillemets « ».  Each mark is classed by its neighbours:

* curly and low marks say which side they are (“ „ ‘ « open; ” ’ » close);
* a straight ``"`` opens after a space, the start or an opening bracket and
  closes before a space, punctuation or the end; otherwise it toggles;
* ``’`` and ``'`` between two letters or digits are apostrophes (``it’s``,
  ``don't``), as is ``’`` before ``s`` + space handled as a possessive
  (``Valdoria’s``); a ``'`` or ``’`` that follows a letter and precedes a
  space (``analysts' report``) closes a single quote only when one is open.

Marks pair with a stack per paragraph, so quotes nest (a single-quoted
phrase inside a double-quoted sentence).  A double quote still open at the
end of a paragraph continues when the next paragraph opens with a double mark
(the convention for quotes running over several paragraphs), or over lines
that hold no double mark at all to the first paragraph whose first double
mark closes it (a quoted post pasted line by line: ``"Keith … girlfriend.`` /
``The story … ran.`` / ``It blew up … Facebook."``), at most
:data:`MAX_CARRY` paragraphs on; any other unbalanced mark is ignored, never
an error.

Limits: single-quote pairing is heuristic (a plural possessive inside an open
single quote can close it early); a single quote longer than 400 characters
is dropped as a likely mis-pairing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["MAX_CARRY", "MarkedQuote", "find_inline_quotes", "is_short_phrase"]

_OPEN_BEFORE = set("([{—–-/“‘\"'«„")
_CLOSE_AFTER = set(".,;:!?)]}—–-…”’\"'»")
_MAX_SINGLE = 400
#: How many paragraphs without a double mark an open double quote is carried over to find its closing mark.
MAX_CARRY = 4


@dataclass(frozen=True)
class MarkedQuote:
    """An inline quotation: content ``start:end``, marks at ``open_at``/``close_at``."""

    start: int
    end: int
    open_at: int
    close_at: int
    style: str  # "double" | "single" | "guillemet"


def _classify(text: str, i: int) -> tuple[str, str] | None:
    """(style, role) of the mark at ``i``; role is open, close, ambiguous."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else None
    nxt = text[i + 1] if i + 1 < len(text) else None
    before_ok = prev is None or prev.isspace() or prev in _OPEN_BEFORE
    after_ok = nxt is None or nxt.isspace() or nxt in _CLOSE_AFTER
    if ch in "“„":
        return "double", "open"
    if ch == "”":
        return "double", "close"
    if ch == "«":
        return "guillemet", "open"
    if ch == "»":
        return "guillemet", "close"
    if ch == '"':
        if before_ok and not (nxt is None or nxt.isspace()):
            return "double", "open"
        if not before_ok and after_ok:
            return "double", "close"
        return "double", "ambiguous"
    if ch in "'‘’":
        if prev is not None and nxt is not None and prev.isalnum() and nxt.isalnum():
            return None  # it's, don't
        if ch == "‘" or (ch == "'" and before_ok):
            if nxt is not None and nxt.isalnum() and not (ch == "‘" and nxt.isdigit()):
                return "single", "open"
            return None
        if prev is not None and not prev.isspace() and after_ok:
            return "single", "close"
    return None


def find_inline_quotes(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[MarkedQuote]:
    """All paired inline quotations in ``text``, sorted by start."""
    found: list[MarkedQuote] = []
    carried: tuple[str, int] | None = None  # an open double quote from the previous paragraph
    skipped = 0  # paragraphs without a double mark it has been carried over
    for p_start, p_end in paragraphs:
        stack: list[tuple[str, int]] = []
        first_mark = True
        doubles_here = any(c in '"“”„' for c in text[p_start:p_end])
        for i in range(p_start, p_end):
            if text[i] not in "\"'“”‘’«»„":
                continue
            kind = _classify(text, i)
            if kind is None:
                continue
            style, role = kind
            if first_mark and carried is not None and style == "double":
                first_mark = False
                if role in ("open", "ambiguous") and i == p_start:
                    stack.append(carried)  # the quote goes on in this paragraph
                    carried = None
                    continue
                if role == "close":
                    stack.append(carried)  # a quote over lines pasted without marks: this mark closes it
                carried = None
            if style == "double":
                first_mark = False
            if role == "ambiguous":
                role = "close" if any(s == style for s, _ in stack) else "open"
            if role == "open":
                stack.append((style, i))
                continue
            # close: find the innermost open mark of this style
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == style:
                    open_at = stack[depth][1]
                    del stack[depth:]
                    if style == "single" and i - open_at > _MAX_SINGLE:
                        break
                    if i - open_at > 1:
                        found.append(MarkedQuote(open_at + 1, i, open_at, i, style))
                    break
        if carried is not None and not doubles_here and skipped < MAX_CARRY:
            skipped += 1
            continue  # a line without double marks inside a quote pasted line by line
        carried, skipped = None, 0
        doubles = [(s, pos) for s, pos in stack if s == "double"]
        if doubles:
            carried = doubles[0]
    trimmed = [_trim(text, q) for q in found]
    return sorted((q for q in trimmed if q.start < q.end), key=lambda q: (q.start, -q.end))


def _trim(text: str, q: MarkedQuote) -> MarkedQuote:
    s, e = q.start, q.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return MarkedQuote(s, e, q.open_at, q.close_at, q.style)


def is_short_phrase(text: str) -> bool:
    """A scare quote or quoted phrase: at most four words and no clause punctuation (. ! ? ; ,), but for the full
    stop or comma that closes a quoted word or two in lower case.

    Such quotes ("forced", "lone fanatics") mark a word as someone's (or as
    doubtful) rather than report a statement; they keep ``kind`` inline but
    get a speaker only when the sentence names one.
    """
    words = text.split()
    # American style puts the sentence's own full stop or comma inside the closing mark: “bigotry.” (a word or two
    # in lower case; "Go." and "It was a mess," are speech)
    lower_words = len(words) <= 2 and text[:1].islower()
    body = text.rstrip()[:-1] if lower_words and text.rstrip()[-1:] in (".", ",") else text
    return len(words) <= 4 and not any(c in body for c in ".!?;,")
