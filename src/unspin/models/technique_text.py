"""How the techniques model reads text: word pieces with their character offsets, overlapping windows and which
window owns each piece, O/B/I tag runs decoded into character spans, generic surface features of a span, and
sentence bounds.  Used by :mod:`unspin.models.techniques` and its training (:mod:`unspin.training.techniques`).
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from .minilm import (
    encoder_dir,
)
from .names import Name, hide_in_text

if TYPE_CHECKING:
    import torch

    from ..corpora.ptc import Label

__all__ = [
    "QUOTES",
    "SENTENCE_END",
    "TAG_B",
    "TAG_I",
    "TAG_O",
    "TRIM",
    "Tokens",
    "bio_tags",
    "cached_tokenizer",
    "check_within",
    "decode_spans",
    "generic_features",
    "owners",
    "sentence_spans",
    "token_range",
    "token_runs",
    "tokenize",
    "window_batch",
    "windows",
]

TRIM = " \t\r\n.,:;"  # what gold spans are trimmed of (README-PTC, "Changes in version 2")
QUOTES = "\"'“”‘’«»"
TAG_O, TAG_B, TAG_I = 0, 1, 2  # the span tagger's labels


@dataclass(frozen=True)
class Tokens:
    """The word pieces of a whole text (no special tokens) with their ``[start, end)`` character offsets."""

    ids: list[int]
    offsets: list[tuple[int, int]]


@functools.cache
def cached_tokenizer() -> Any:
    from .bert import WordPieces

    return WordPieces(encoder_dir())


def tokenize(text: str, tokenizer: Any = None) -> Tokens:
    """Word pieces of ``text`` with offsets that are Python ``str`` indices (code points) into ``text``."""
    tok = tokenizer if tokenizer is not None else cached_tokenizer()
    enc = tok(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    return Tokens(list(enc["input_ids"]), [(int(a), int(b)) for a, b in enc["offset_mapping"]])


def window_batch(tokenizer: Any, pieces: Sequence[Sequence[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    """``[CLS] piece [SEP]`` rows, right-padded to a multiple of 32: (input_ids, attention_mask)."""
    import torch

    width = -(-(max(len(p) for p in pieces) + 2) // 32) * 32  # few distinct shapes: CPU kernels are reused
    ids = torch.full((len(pieces), width), int(tokenizer.pad_token_id), dtype=torch.long)
    mask = torch.zeros((len(pieces), width), dtype=torch.long)
    for r, p in enumerate(pieces):
        row = [int(tokenizer.cls_token_id), *p, int(tokenizer.sep_token_id)]
        ids[r, : len(row)] = torch.tensor(row, dtype=torch.long)
        mask[r, : len(row)] = 1
    return ids, mask


def windows(n: int, size: int, overlap: int) -> list[tuple[int, int]]:
    """Token ranges ``[a, b)`` of at most ``size`` tokens covering ``range(n)``; neighbours share at least
    ``overlap`` tokens and the last one ends at ``n``."""
    if size <= overlap or size < 1:
        raise ConfigError(f"window {size} must be larger than its overlap {overlap}", "raise window or lower overlap")
    if n <= size:
        return [(0, n)] if n else []
    step = size - overlap
    starts = [*range(0, n - size, step), n - size]
    return [(s, s + size) for s in starts]


def owners(n: int, spans: Sequence[tuple[int, int]]) -> list[int]:
    """For each token, the index of the window in which it lies farthest from either edge (first on ties)."""
    best = [-1] * n
    margin = [-1] * n
    for w, (a, b) in enumerate(spans):
        for i in range(a, b):
            m = min(i - a, b - 1 - i)
            if m > margin[i]:
                margin[i], best[i] = m, w
    return best


def token_runs(
    text: str,
    offsets: Sequence[tuple[int, int]],
    p_begin: Sequence[float],
    p_inside: Sequence[float],
    t: float,
    gap: int,
) -> list[tuple[int, int, float, float]]:
    """Trimmed ``(start, end, mean, peak)`` of the runs of in-span tokens (see :func:`decode_spans`)."""
    runs: list[list[int]] = []
    last_in = -2
    for i in range(len(offsets)):
        if p_begin[i] + p_inside[i] < t:
            continue
        between = i - last_in - 1
        # (the first run has no token before it: a one-token text has no offsets[last_in] to look at)
        near = bool(runs) and (
            between == 0 or (between <= gap and "\n" not in text[offsets[last_in][1] : offsets[i][0]])
        )
        if near and p_begin[i] <= p_inside[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
        last_in = i
    out: list[tuple[int, int, float, float]] = []
    for run in runs:
        start, end = offsets[run[0]][0], offsets[run[-1]][1]
        while start < end and text[start] in TRIM:
            start += 1
        while end > start and text[end - 1] in TRIM:
            end -= 1
        while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
        while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
            end += 1
        if end > start:
            probs = [p_begin[i] + p_inside[i] for i in run]
            out.append((start, end, sum(probs) / len(probs), max(probs)))
    return out


def decode_spans(
    text: str,
    offsets: Sequence[tuple[int, int]],
    p_begin: Sequence[float],
    p_inside: Sequence[float],
    threshold: float,
    gap: int = 0,
    min_chars: int = 1,
    peak: float = 0.0,
) -> list[tuple[int, int, float]]:
    """Character spans ``(start, end, mean inside-probability)`` from per-token B and I probabilities.

    A token is in a span when ``p_begin + p_inside >= threshold``; a run of such tokens is one span, and a token
    where ``p_begin > p_inside`` starts a new one.  Two runs separated by at most ``gap`` outside tokens and no
    line break are joined.  Leading and trailing blanks and ``.,:;`` are trimmed; spans shorter than
    ``min_chars`` characters, or whose most confident token stays under ``peak``, are dropped (hysteresis: a
    low ``threshold`` sets the extent, ``peak`` decides whether the span is there at all).  A span that starts or
    ends inside a word grows to the whole word (word pieces can cut "Ostrenian" after "Os"; gold spans never do;
    dev SI 0.3997 → 0.4006).
    """
    return [
        (s, e, mean)
        for s, e, mean, top in token_runs(text, offsets, p_begin, p_inside, threshold, gap)
        if e - s >= max(1, min_chars) and top >= peak
    ]


def generic_features(text: str, lower: str, start: int, end: int, names: Sequence[Name] = ()) -> list[float]:
    """Surface features of ``text[start:end]`` that need no model (all in about [0, 1]).

    Occurs at least twice in the article (case-insensitive), log of the number of repeats, log length in
    characters and words, contains "!", contains "?", share of capital letters, a quotation mark just
    before/after or inside, lies in the first line (the title).  Length and capitals are those of the span with
    ``names`` hidden (:func:`~unspin.models.names.hide_in_text`): "Russian" and "American" differ in length.
    """
    span = text[start:end]
    needle = span.lower().strip()
    count = lower.count(needle) if needle else 0
    if names:
        span = hide_in_text(text, names, start, end)
    letters = [c for c in span if c.isalpha()]
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    first_nl = text.find("\n")
    return [
        1.0 if count >= 2 else 0.0,
        math.log1p(max(0, count - 1)) / 2.0,
        math.log1p(len(span)) / 6.0,
        math.log1p(len(span.split())) / 4.0,
        1.0 if "!" in span else 0.0,
        1.0 if "?" in span else 0.0,
        sum(c.isupper() for c in letters) / len(letters) if letters else 0.0,
        1.0 if (before and before in QUOTES) or (after and after in QUOTES) or any(q in span for q in QUOTES) else 0.0,
        1.0 if first_nl < 0 or start < first_nl else 0.0,
    ]


SENTENCE_END = re.compile(r"(?<=[.!?])([\"'”’)]*)\s+(?=[\"“‘(]?[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of the sentences of ``text``: its lines (PTC puts one sentence per line), each cut
    again after ``.``, ``!`` or ``?`` followed by a blank and a capital or digit; blank lines are skipped."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        cut = pos
        for m in SENTENCE_END.finditer(line):
            out.append((cut, pos + m.end(1)))
            cut = pos + m.end()
        out.append((cut, pos + len(line)))
        pos += len(line) + 1
    return [(a, b) for a, b in out if text[a:b].strip()]


def token_range(offsets: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """Tokens ``[a, b)`` sharing at least one character with ``[start, end)``; None if there are none.

    Word-piece offsets are sorted and do not overlap, so two binary searches find them.
    """
    lo = bisect.bisect_right(offsets, start, key=lambda o: o[1])  # first token ending after start
    hi = bisect.bisect_left(offsets, end, key=lambda o: o[0])  # first token starting at or after end
    return (lo, hi) if lo < hi else None


def bio_tags(offsets: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> list[int]:
    tags = [TAG_O] * len(offsets)
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    for s, e in merged:
        r = token_range(offsets, s, e)
        if r is None:
            continue
        tags[r[0]] = TAG_B
        for i in range(r[0] + 1, r[1]):
            tags[i] = TAG_I
    return tags


def check_within(article: str, text: str, rows: Sequence[Label], where: str | None = None) -> None:
    """Raise ConfigError (naming ``where``, the labels file) when a labelled span of ``article`` ends past its
    ``text``: its labels do not belong to this text (another version of the article, or offsets counted in bytes
    or UTF-16 units)."""
    past = [x for x in rows if x.end > len(text)]
    if past:
        x = past[0]
        raise ConfigError(
            f"{where or f'article {article}'}: span {x.start}-{x.end} ends past the {len(text)} characters of "
            f"article{article}.txt",
            "the labels belong to another text; offsets are code points into the UTF-8 article",
        )
