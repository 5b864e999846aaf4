"""Persuasion techniques at character level: a fine-tuned MiniLM tagger/classifier gated by sentence
classifiers, trained on PTC.

Method
------
One forward pass of the pinned all-MiniLM-L6-v2 encoder (:mod:`unspin.models.minilm`), fine-tuned on PTC
(its six transformer blocks; embeddings frozen; shipped as the int8 difference to the pinned weights,
:func:`~unspin.models.minilm.encoder_delta`), feeds two heads.  ``lora_r`` > 0 trains a LoRA adapter on every
linear layer instead (smaller, about 0.03 lower dev SI F1 once gated).  With ``adapt_epochs`` > 0 (12 by default, as
shipped) the blocks are first trained on masked words of the train articles' text (:func:`adapt_encoder`,
task-adaptive pretraining) and tagger and sentence classifiers both start from there: dev SI F1 of tagger and
gate 0.416 → 0.429 together with 128-piece windows (docs/experiments/techniques.md, footnote 6).

1. **Span identification** (SI): a linear layer tags every word piece ``O``/``B``/``I`` (technique-agnostic,
   overlapping gold spans merged).  A token is inside a span when ``P(B) + P(I)`` reaches a threshold; runs of
   such tokens are spans, a token whose most likely tag is ``B`` starts a new one, runs at most ``gap`` tokens
   apart on one line are joined, and a span is kept only if it has ``min_chars`` characters and one token
   reaches ``peak`` (hysteresis).  A span runs from its first token's first character to its last token's
   last character, loses leading and trailing blanks and ``.,:;`` (how the corpus's gold spans are trimmed,
   README-PTC "Changes in version 2") and grows to whole words.
2. **Sentence gate**: separate sentence classifiers (MiniLM + LoRA + a linear head on the mean-pooled states,
   :func:`~unspin.models.checkworthy.train_sentence_classifier`, trained on PTC train lines labelled "a gold
   span touches it") score every sentence; a span survives only if it touches a sentence whose mean
   probability reaches the ``sentence`` threshold.  Why: half of the tagger's spans touch no gold at all,
   and these sentence classifiers rank sentences better than the tagger's own most confident token (dev
   ROC AUC 0.858 against 0.828), because they see the sentence alone, the way the encoder was pretrained.
3. **Technique classification** (TC): a small MLP over the span's pooled token states: the mean and the
   maximum over the span's tokens, the mean over the span plus ``context`` tokens either side, and the
   ``[CLS]`` state of its window, plus generic surface features of the span (its text occurs at least twice
   in the article, length, "!", "?", capitals, quotation marks next to it, in the title line).  The softmax
   probability of the chosen technique is the span's ``score``.  A span whose text already occurred earlier
   in the article gets Repetition first (:func:`_ranked` gives the train statistics behind the rule).  A
   second technique is added for the same span when its probability reaches a threshold chosen on dev.

With ``hide_names`` (``unspin techniques train --hide-names``) tagger and sentence classifiers see every name
(person, group, place, organisation, wherever spaCy finds it once in the text) as the one neutral word
"someone", in training and prediction (:mod:`unspin.models.names`), and the span features measure length and
capitals with names hidden, so swapping the actors' names cannot change their input; the flag is saved with
the model, and parts trained with and without it cannot be combined.

The thresholds (``span``, ``gap``, ``min_chars``, ``peak``, ``sentence``, ``second``) are chosen together on
dev.  Several taggers can be averaged (``members``), but on dev that did not help.

Articles longer than one window are cut into windows of at most ``window`` word pieces (with ``[CLS]`` and
``[SEP]``) that overlap; every token takes its states from the window where it lies farthest from an edge, and
everything is mapped back to characters with the tokenizer's offset mapping (``return_offsets_mapping``), which
gives Python ``str`` indices, so a byte-order mark or characters outside the BMP keep offsets exact.

Source and training
-------------------
PTC, SemEval-2020 Task 11 (Da San Martino et al., 2020; ``../shared/data/ptc``, see its SOURCE.md): trained on
``train`` only; the epoch, the decoding values and the thresholds are chosen on ``dev`` only.  The tagger's two
losses (token cross-entropy + span cross-entropy on the gold rows inside each window) are summed and trained
jointly with a fixed seed, bfloat16 autocast and one CPU thread (one thread keeps its speed when other jobs
share the CPU); training windows start at a random shift each epoch.  ``unspin techniques train`` reproduces
``weights/techniques.v1.pt``; its parts can be trained in parallel and joined by :func:`combine_techniques`;
:func:`tune_techniques` re-chooses only the thresholds of a saved model on dev.

Measured (dev, 75 articles, shipped weights): see docs/techniques.md, which gives the command
that prints each figure.

Limits
------
PTC is English news from 2017-2019 annotated by a few annotators with low agreement on span boundaries; the
published best systems reach SI F1 ≈ 0.51 and TC micro-F1 ≈ 0.62 on the test split with much larger encoders.
A 6-layer encoder sees word pieces, not argument structure: techniques that need the whole article
(Whataboutism, Causal Oversimplification, Black-and-White Fallacy) are rarely found.  The sentence gate drops
every span of a sentence it finds unlikely, so a technique spread over several short sentences can be lost.
Scores are model probabilities, not calibrated confidences.
"""

from __future__ import annotations

import bisect
import copy
import functools
import json
import math
import random
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..corpora.ptc import (
    PRF,
    TECHNIQUES,
    Label,
    TCResult,
    full_scores,
    load_articles,
    load_labels,
    per_technique,
    read_article,
    si_scores,
    split_paths,
    tc_scores,
)
from ..errors import ConfigError
from .minilm import (
    adapted_encoder,
    apply_delta,
    autocast_bf16,
    encoder_delta,
    encoder_dir,
    load_adapter,
    load_weights,
    lora_state,
    merge_lora,
    tunable_encoder,
)
from .names import Name, find_names, hide_in_text, hide_in_tokens

if TYPE_CHECKING:
    import torch
    from torch import nn

__all__ = [
    "WEIGHTS",
    "TechConfig",
    "TechEval",
    "TechniqueSpan",
    "TechniquesModel",
    "Tokens",
    "check_within",
    "combine_techniques",
    "decode_spans",
    "evaluate_techniques",
    "generic_features",
    "load_techniques",
    "owners",
    "repeats_earlier",
    "tokenize",
    "train_techniques",
    "tune_techniques",
    "windows",
]

WEIGHTS = Path(__file__).parent / "weights" / "techniques.v1.pt"
N_GENERIC = 9
_TRIM = " \t\r\n.,:;"
_QUOTES = "\"'“”‘’«»"
_O, _B, _I = 0, 1, 2
_THRESHOLDS = ("span", "gap", "min_chars", "peak", "sentence", "second")  # chosen on dev, saved with the weights


@dataclass
class TechConfig:
    """What ``train_techniques`` does; saved with the weights."""

    seed: int = 13
    epochs: int = 3
    window: int = 128  # word pieces per window, [CLS] and [SEP] included
    overlap: int = 32  # word pieces shared by neighbouring windows at prediction time
    batch_size: int = 8
    lr: float = 1.5e-3
    lora_r: int = 0  # 0: fine-tune every transformer block (embeddings frozen) at ``encoder_lr``; > 0: LoRA
    encoder_lr: float = 1e-4  # learning rate of the blocks when ``lora_r`` is 0
    lora_alpha: float = 16.0
    lora_targets: tuple[str, ...] = ("query", "key", "value", "dense")
    context: int = 24  # word pieces either side of a span in its context feature
    hidden: int = 256  # width of the technique head
    tc_weight: float = 1.0  # weight of the technique loss against the tagging loss
    bf16: bool = True  # bfloat16 autocast (CPU) for the encoder
    limit_articles: int | None = None  # train on the first N articles only (tests, quick runs)
    max_minutes: float | None = None  # do not start another epoch past this many minutes
    threads: int | None = 1  # torch CPU threads while training (1 stays fast when other jobs share the CPU)
    sentence_models: int = 1  # sentence classifiers for the gate (seeds seed, seed + 1, …); 0: no gate
    sentence_epochs: int = 3
    sentence_tokens: int = 128  # word pieces per training sentence
    members: int = 1  # models trained with seeds seed, seed + 1, …; their probabilities are averaged
    outside_weight: float = 0.3  # tagging-loss weight of tokens on lines no gold span touches (0: the gate's job)
    hide_names: bool = True  # names reach tagger and gate as one neutral word (:mod:`.names`)
    adapt_epochs: int = 12  # masked-word passes over the train articles first (:func:`adapt_encoder`); 0: none
    adapt_lr: float = 1e-4  # learning rate of the blocks during that adaptation

    def __post_init__(self) -> None:
        if not 0.0 <= self.outside_weight <= 1.0:
            raise ConfigError(
                f"outside_weight {self.outside_weight} is not between 0 and 1", "pass a weight from 0 to 1"
            )
        if not 2 * self.overlap + 8 <= self.window <= 512:
            raise ConfigError(
                f"window {self.window} does not fit: it must hold two overlaps of {self.overlap} word pieces and "
                "some more, and MiniLM reads at most 512",
                f"pass a window from {2 * self.overlap + 8} to 512",
            )
        if self.adapt_epochs < 0:
            raise ConfigError(f"adapt_epochs {self.adapt_epochs} is negative", "pass 0 (no adaptation) or more")


@dataclass(frozen=True)
class TechniqueSpan:
    """One predicted technique on ``text[start:end]``: ``score`` is its softmax probability, ``span_score`` the
    mean probability of the span's tokens being inside a span."""

    start: int
    end: int
    technique: str
    score: float
    span_score: float


@dataclass(frozen=True)
class Tokens:
    """The word pieces of a whole text (no special tokens) with their ``[start, end)`` character offsets."""

    ids: list[int]
    offsets: list[tuple[int, int]]


@dataclass(frozen=True)
class TechEval:
    """Scores of a model on one labelled folder (all from :mod:`unspin.corpora.ptc`)."""

    si: PRF
    tc: TCResult
    full: PRF
    per_technique: dict[str, PRF]
    articles: int
    seconds: float
    words: int


@dataclass
class _Member:
    """One trained encoder with its two heads; an ensemble averages its members' probabilities."""

    encoder: Any
    si_head: Any
    tc_head: Any
    cfg: TechConfig


@dataclass
class _Parts:
    tokenizer: Any
    members: list[_Member]
    cfg: TechConfig
    thresholds: dict[str, float] = field(default_factory=dict)
    sentence: list[Any] = field(default_factory=list)  # CheckworthyModel-style sentence classifiers
    ungated: dict[str, float] = field(default_factory=dict)  # thresholds for the tagger without the gate


@dataclass
class _Analysis:
    """Stitched per-token outputs of one text."""

    text: str
    lower: str
    tokens: Tokens
    hidden: list[Any]  # per member: [n, H] float tensor
    probs: Any  # [n, 3] O/B/I probabilities, averaged over the members
    cls: list[Any]  # per member: [n, H] the [CLS] state of each token's window
    scored: dict[tuple[int, int], float] = field(default_factory=dict)  # sentence -> P(holds a technique)
    names: list[Name] = field(default_factory=list)  # the names hidden from the encoders (``hide_names``)


# ------------------------------------------------------------------------------------------ tokens and windows


@functools.cache
def _tokenizer() -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(encoder_dir()), local_files_only=True)


def tokenize(text: str, tokenizer: Any = None) -> Tokens:
    """Word pieces of ``text`` with offsets that are Python ``str`` indices (code points) into ``text``."""
    tok = tokenizer if tokenizer is not None else _tokenizer()
    enc = tok(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    return Tokens(list(enc["input_ids"]), [(int(a), int(b)) for a, b in enc["offset_mapping"]])


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


def _runs(
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
        near = between == 0 or (between <= gap and "\n" not in text[offsets[last_in][1] : offsets[i][0]])
        if runs and near and p_begin[i] <= p_inside[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
        last_in = i
    out: list[tuple[int, int, float, float]] = []
    for run in runs:
        start, end = offsets[run[0]][0], offsets[run[-1]][1]
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
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
        for s, e, mean, top in _runs(text, offsets, p_begin, p_inside, threshold, gap)
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
        1.0
        if (before and before in _QUOTES) or (after and after in _QUOTES) or any(q in span for q in _QUOTES)
        else 0.0,
        1.0 if first_nl < 0 or start < first_nl else 0.0,
    ]


_SENTENCE_END = re.compile(r"(?<=[.!?])([\"'”’)]*)\s+(?=[\"“‘(]?[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of the sentences of ``text``: its lines (PTC puts one sentence per line), each cut
    again after ``.``, ``!`` or ``?`` followed by a blank and a capital or digit; blank lines are skipped."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        cut = pos
        for m in _SENTENCE_END.finditer(line):
            out.append((cut, pos + m.end(1)))
            cut = pos + m.end()
        out.append((cut, pos + len(line)))
        pos += len(line) + 1
    return [(a, b) for a, b in out if text[a:b].strip()]


def _token_range(offsets: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """Tokens ``[a, b)`` sharing at least one character with ``[start, end)``; None if there are none.

    Word-piece offsets are sorted and do not overlap, so two binary searches find them.
    """
    lo = bisect.bisect_right(offsets, start, key=lambda o: o[1])  # first token ending after start
    hi = bisect.bisect_left(offsets, end, key=lambda o: o[0])  # first token starting at or after end
    return (lo, hi) if lo < hi else None


def _bio(offsets: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> list[int]:
    tags = [_O] * len(offsets)
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    for s, e in merged:
        r = _token_range(offsets, s, e)
        if r is None:
            continue
        tags[r[0]] = _B
        for i in range(r[0] + 1, r[1]):
            tags[i] = _I
    return tags


# ------------------------------------------------------------------------------------------ network pieces


def _heads(hidden: int, width: int) -> tuple[nn.Module, nn.Module]:
    from torch import nn

    si = nn.Sequential(nn.Dropout(0.1), nn.Linear(hidden, 3))
    tc = nn.Sequential(
        nn.Linear(4 * hidden + N_GENERIC, width), nn.GELU(), nn.Dropout(0.1), nn.Linear(width, len(TECHNIQUES))
    )
    return si, tc


def _span_vector(hidden: torch.Tensor, cls: torch.Tensor, a: int, b: int, context: int) -> torch.Tensor:
    """[mean over the span, max over the span, mean over the span ± ``context`` tokens, [CLS]]."""
    import torch

    piece = hidden[a:b]
    ctx = hidden[max(0, a - context) : min(hidden.shape[0], b + context)]
    return torch.cat([piece.mean(0), piece.max(0).values, ctx.mean(0), cls])


def _encoder(cfg: TechConfig) -> tuple[Any, Any]:
    if cfg.lora_r == 0:
        return tunable_encoder()
    return adapted_encoder(cfg.lora_r, cfg.lora_alpha, tuple(cfg.lora_targets))


def _batch(tokenizer: Any, pieces: Sequence[Sequence[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    """``[CLS] piece [SEP]`` rows, right-padded: (input_ids, attention_mask)."""
    import torch

    width = -(-(max(len(p) for p in pieces) + 2) // 32) * 32  # few distinct shapes: CPU kernels are reused
    ids = torch.full((len(pieces), width), int(tokenizer.pad_token_id), dtype=torch.long)
    mask = torch.zeros((len(pieces), width), dtype=torch.long)
    for r, p in enumerate(pieces):
        row = [int(tokenizer.cls_token_id), *p, int(tokenizer.sep_token_id)]
        ids[r, : len(row)] = torch.tensor(row, dtype=torch.long)
        mask[r, : len(row)] = 1
    return ids, mask


def _analyse(parts: _Parts, text: str, batch_size: int = 8, names: Sequence[Name] | None = None) -> _Analysis:
    """Run the encoder over the windows of ``text`` and stitch the per-token outputs.

    With ``hide_names``, ``names`` are the text's names if the caller has them (the pipeline's spaCy parse);
    otherwise the model finds them itself.
    """
    import torch

    cfg = parts.cfg
    tokens = tokenize(text, parts.tokenizer)
    hidden_names: list[Name] = []
    if cfg.hide_names:
        hidden_names = list(names) if names is not None else find_names([text])[0]
        tokens = Tokens(*hide_in_tokens(tokens.ids, tokens.offsets, hidden_names, parts.tokenizer))
    n = len(tokens.ids)
    spans = windows(n, cfg.window - 2, cfg.overlap)
    own = owners(n, spans)
    probs = torch.zeros((n, 3))
    hiddens: list[Any] = []
    classes: list[Any] = []
    for member in parts.members:
        hsize = int(member.encoder.config.hidden_size)
        hidden = torch.zeros((n, hsize))
        cls = torch.zeros((n, hsize))
        with torch.inference_mode():
            for i in range(0, len(spans), batch_size):
                chunk = spans[i : i + batch_size]
                ids, mask = _batch(parts.tokenizer, [tokens.ids[a:b] for a, b in chunk])
                with autocast_bf16(cfg.bf16):
                    states = member.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
                states = states.float()
                p = torch.softmax(member.si_head(states).float(), -1) / len(parts.members)
                for k, (a, b) in enumerate(chunk):
                    w = i + k
                    sel = [t for t in range(a, b) if own[t] == w]
                    if not sel:
                        continue
                    lo, hi = sel[0], sel[-1] + 1  # owned tokens are contiguous
                    hidden[lo:hi] = states[k, 1 + lo - a : 1 + hi - a]
                    probs[lo:hi] += p[k, 1 + lo - a : 1 + hi - a]
                    cls[lo:hi] = states[k, 0]
        hiddens.append(hidden)
        classes.append(cls)
    return _Analysis(text, text.lower(), tokens, hiddens, probs, classes, names=hidden_names)


def _sentences(parts: _Parts, an: _Analysis, spans: Sequence[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The sentences that share a character with one of ``spans``, each with the sentence classifiers' mean
    probability that it holds a technique (no classifiers: []).

    Only these are scored (and kept in ``an.scored``): the gate only drops spans, so a sentence without a
    span needs no score, and most sentences have none.
    """
    if not parts.sentence or not spans:
        return []
    touched = [(a, b) for a, b in sentence_spans(an.text) if any(a < e and s < b for s, e, _ in spans)]
    todo = [x for x in touched if x not in an.scored]
    if todo:
        total = [0.0] * len(todo)
        for model in parts.sentence:
            for k, p in enumerate(model.predict_proba([hide_in_text(an.text, an.names, a, b) for a, b in todo])):
                total[k] += p
        an.scored.update((x, t / len(parts.sentence)) for x, t in zip(todo, total, strict=True))
    return [(a, b, an.scored[(a, b)]) for a, b in touched]


def _gate(
    spans: Sequence[tuple[int, int, float]], sentences: Sequence[tuple[int, int, float]], t: float
) -> list[tuple[int, int, float]]:
    """The spans that share a character with a sentence whose probability reaches ``t`` (all when ``t`` is 0
    or there are no sentence probabilities)."""
    if t <= 0 or not sentences:
        return list(spans)
    keep = [(a, b) for a, b, p in sentences if p >= t]
    return [x for x in spans if any(a < x[1] and x[0] < b for a, b in keep)]


def _classify(parts: _Parts, an: _Analysis, spans: Sequence[tuple[int, int]]) -> list[list[float]]:
    """Technique probabilities (in :data:`TECHNIQUES` order) of character spans of an analysed text."""
    import torch

    if not spans:
        return []
    ranges: list[tuple[int, int]] = []
    for start, end in spans:
        r = _token_range(an.tokens.offsets, start, end)
        if r is None:  # a span of characters the tokenizer drops (blanks, a BOM): use its neighbour
            after = [i for i, (a, _) in enumerate(an.tokens.offsets) if a >= end]
            k = after[0] if after else max(0, len(an.tokens.offsets) - 1)
            r = (k, k + 1)
        ranges.append(r)
    feats = [torch.tensor(generic_features(an.text, an.lower, s, e, an.names)) for s, e in spans]
    total: torch.Tensor | None = None
    for member, hidden, cls in zip(parts.members, an.hidden, an.cls, strict=True):
        rows: list[torch.Tensor] = []
        for (a, b), f in zip(ranges, feats, strict=True):
            if not an.tokens.ids:
                vec = torch.zeros(4 * hidden.shape[1])
            else:
                vec = _span_vector(hidden, cls[a], a, b, member.cfg.context)
            rows.append(torch.cat([vec, f]))
        with torch.inference_mode():
            dist = torch.softmax(member.tc_head(torch.stack(rows)), -1)
        total = dist if total is None else total + dist
    assert total is not None
    out: list[list[float]] = (total / len(parts.members)).tolist()
    return out


_REPETITION = TECHNIQUES.index("Repetition")


def repeats_earlier(lower: str, start: int, end: int) -> bool:
    """Whether the words of ``lower[start:end]`` (the lower-cased article) already occur, as whole words,
    before ``start``."""
    needle = lower[start:end].strip()
    if len(needle) < 2:
        return False
    return re.search(rf"(?<![^\W_]){re.escape(needle)}(?![^\W_])", lower[: start + len(needle) - 1]) is not None


def _ranked(lower: str, start: int, end: int, dist: Sequence[float]) -> list[int]:
    """Technique indices, most likely first, except that a span whose text already occurred earlier in the
    article puts Repetition first.

    Why a rule: the span features cannot tell a first from a later occurrence, and in PTC *train* 62% of the
    labelled spans whose text occurred earlier are Repetition (350 of 564) against 16% of first occurrences
    of repeated text (39 of 246).  Measured on dev with the LoRA model: TC micro-F1 0.596 → 0.627.
    """
    ranked = sorted(range(len(TECHNIQUES)), key=lambda k: -dist[k])
    if repeats_earlier(lower, start, end):
        ranked.remove(_REPETITION)
        ranked.insert(0, _REPETITION)
    return ranked


def _predict(parts: _Parts, an: _Analysis, gate: bool = True) -> list[TechniqueSpan]:
    th = parts.thresholds
    if not gate and parts.sentence:  # the same tagger without its sentence gate, with thresholds for that
        th = parts.ungated or {**parts.thresholds, "sentence": 0.0}
    t_span = th.get("span", 0.5)
    t_second = th.get("second", 1.01)
    probs = an.probs.tolist()
    gap, min_chars = int(th.get("gap", 0)), int(th.get("min_chars", 1))
    peak = th.get("peak", 0.0)
    found = decode_spans(
        an.text, an.tokens.offsets, [p[_B] for p in probs], [p[_I] for p in probs], t_span, gap, min_chars, peak
    )
    gate_at = th.get("sentence", 0.0)
    if gate_at > 0:
        found = _gate(found, _sentences(parts, an, found), gate_at)
    dists = _classify(parts, an, [(s, e) for s, e, _ in found])
    out: list[TechniqueSpan] = []
    for (s, e, span_score), dist in zip(found, dists, strict=True):
        ranked = _ranked(an.lower, s, e, dist)
        out.append(TechniqueSpan(s, e, TECHNIQUES[ranked[0]], float(dist[ranked[0]]), float(span_score)))
        if dist[ranked[1]] >= t_second:
            out.append(TechniqueSpan(s, e, TECHNIQUES[ranked[1]], float(dist[ranked[1]]), float(span_score)))
    return out


def _tc_labels(parts: _Parts, an: _Analysis, article: str, gold: Sequence[Label]) -> list[Label]:
    """One technique per gold row: a span with k rows gets its k most likely distinct techniques."""
    by_span: dict[tuple[int, int], int] = {}
    for x in gold:
        by_span[(x.start, x.end)] = by_span.get((x.start, x.end), 0) + 1
    keys = list(by_span)
    dists = _classify(parts, an, keys)
    out: list[Label] = []
    for (s, e), dist in zip(keys, dists, strict=True):
        ranked = _ranked(an.lower, s, e, dist)
        for j in range(by_span[(s, e)]):
            out.append(Label(article, TECHNIQUES[ranked[j % len(ranked)]], s, e))
    return out


# ------------------------------------------------------------------------------------------ the model


def _config(saved: Mapping[str, Any]) -> TechConfig:
    known = TechConfig.__dataclass_fields__
    # files saved before ``hide_names`` existed were trained on names as written
    cfg = TechConfig(**{"hide_names": False, **{k: v for k, v in saved.items() if k in known}})
    cfg.lora_targets = tuple(cfg.lora_targets)
    return cfg


def _load_member(state: Mapping[str, Any], path: Path) -> _Member:
    """One member from its saved state: the encoder (adapter merged, or fine-tuned difference added) and heads."""
    cfg = _config(state["config"])
    _, encoder = _encoder(cfg)
    if cfg.lora_r == 0:
        apply_delta(encoder, state["delta"], path, "unspin techniques train")
    else:
        load_adapter(encoder, state["lora"], path, "unspin techniques train")
        merge_lora(encoder)
    si_head, tc_head = _heads(int(encoder.config.hidden_size), cfg.hidden)
    si_head.load_state_dict(state["si_head"])
    tc_head.load_state_dict(state["tc_head"])
    for m in (encoder, si_head, tc_head):
        m.eval()
    return _Member(encoder, si_head, tc_head, cfg)


class TechniquesModel:
    """Finds and labels persuasion techniques; the encoder, adapter and heads load on first use."""

    def __init__(self, weights: Path = WEIGHTS) -> None:
        self.weights = weights
        self._parts: _Parts | None = None

    @property
    def thresholds(self) -> dict[str, float]:
        return dict(self._load().thresholds)

    def _load(self) -> _Parts:
        if self._parts is None:
            state = load_weights(self.weights, "persuasion-techniques", "unspin techniques train")
            if list(state.get("techniques", TECHNIQUES)) != list(TECHNIQUES):
                raise ConfigError(f"{self.weights}: trained on other technique names", "retrain the model")
            from .checkworthy import CheckworthyModel

            if "thresholds" not in state:
                raise ConfigError(
                    f"{self.weights}: holds sentence classifiers only",
                    "join it to a tagger with `unspin techniques combine`",
                )
            members = [_load_member(m, self.weights) for m in state.get("members", [state])]
            where, command = str(self.weights), "unspin techniques train"
            sentence = [CheckworthyModel.from_state(x, where, command) for x in state.get("sentence", [])]
            self._parts = _Parts(
                _tokenizer(),
                members,
                _config(state["config"]),
                dict(state["thresholds"]),
                sentence,
                dict(state.get("thresholds_ungated", {})),
            )
        return self._parts

    def predict(self, text: str, gate: bool = True, names: Sequence[Name] | None = None) -> list[TechniqueSpan]:
        """Technique spans of ``text`` (offsets are ``str`` indices), sorted by start.

        ``gate=False`` skips the sentence classifiers (faster, lower dev SI F1; docs/techniques.md).
        ``names``: the text's names (:func:`~unspin.models.names.find_names` form), when the caller has them,
        for a model trained with hidden names; without them such a model finds them itself.
        """
        parts = self._load()
        an = _analyse(parts, text, names=names)
        return sorted(_predict(parts, an, gate), key=lambda x: (x.start, x.end, -x.score))

    def classify(self, text: str, spans: Sequence[tuple[int, int]]) -> list[dict[str, float]]:
        """Technique probabilities of given character spans of ``text`` (the TC task)."""
        parts = self._load()
        dists = _classify(parts, _analyse(parts, text), spans)
        return [dict(zip(TECHNIQUES, d, strict=True)) for d in dists]

    def predict_labels(
        self, articles: Mapping[str, str], gate: bool = True, done: Callable[[int], None] | None = None
    ) -> dict[str, list[Label]]:
        """Full-task labels (span + technique) for PTC articles: id -> labels.  ``done(1)`` after each article."""
        parts = self._load()
        out: dict[str, list[Label]] = {}
        for article, text in articles.items():
            found = _predict(parts, _analyse(parts, text), gate)
            out[article] = [Label(article, x.technique, x.start, x.end) for x in found]
            if done is not None:
                done(1)
        return out

    def classify_labels(
        self,
        articles: Mapping[str, str],
        spans: Mapping[str, Sequence[Label]],
        done: Callable[[int], None] | None = None,
    ) -> dict[str, list[Label]]:
        """TC labels: one technique for each given row (rows of one span get distinct techniques).

        Spans of an article that is not in ``articles``, or that end past its text, raise ConfigError.
        """
        parts = self._load()
        out: dict[str, list[Label]] = {}
        for article, rows in spans.items():
            if article not in articles:
                raise ConfigError(
                    f"spans for article {article}, which is not among the articles",
                    f"add article{article}.txt to the articles folder or remove article{article}.labels",
                )
            check_within(article, articles[article], rows)
            out[article] = _tc_labels(parts, _analyse(parts, articles[article]), article, rows) if rows else []
            if done is not None:
                done(1)
        return out


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


@functools.cache
def load_techniques(weights: Path = WEIGHTS) -> TechniquesModel:
    """One model per process."""
    return TechniquesModel(weights)


def evaluate_techniques(
    articles_dir: Path,
    gold_dir: Path,
    model: TechniquesModel | None = None,
    gate: bool = True,
    done: Callable[[int], None] | None = None,
) -> tuple[TechEval, dict[str, list[Label]]]:
    """Score ``model`` on a labelled PTC folder: SI, TC on the gold spans, the full task and per technique
    (``gate=False``: without the sentence gate).  ``done(1)`` after each article.

    Returns the scores and the full-task predictions.
    """
    m = model or load_techniques()
    # only the articles with gold are needed: an unreadable file without gold in the folder does not matter
    articles = load_articles(articles_dir, skip=lambda exc: None)
    gold = load_labels(gold_dir)
    for a in gold:
        if a not in articles and (articles_dir / f"article{a}.txt").exists():
            read_article(articles_dir / f"article{a}.txt")  # raises why it cannot be read
    missing = sorted(a for a in gold if a not in articles)
    if missing:
        raise ConfigError(
            f"{gold_dir}: labels for articles not in {articles_dir}: {', '.join(missing[:5])}",
            "add those articles or remove their labels files",
        )
    articles = {a: articles[a] for a in gold}
    for article, text in articles.items():  # before any model work: a wrong labels folder fails at once
        check_within(article, text, gold[article], str(gold_dir / f"article{article}.labels"))
    parts = m._load()
    started = time.perf_counter()
    pred: dict[str, list[Label]] = {}
    tc: dict[str, list[Label]] = {}
    for article, text in articles.items():
        an = _analyse(parts, text)
        pred[article] = [Label(article, x.technique, x.start, x.end) for x in _predict(parts, an, gate)]
        tc[article] = _tc_labels(parts, an, article, gold[article])
        if done is not None:
            done(1)
    seconds = time.perf_counter() - started
    words = sum(len(t.split()) for t in articles.values())
    result = TechEval(
        si_scores(pred, gold),
        tc_scores(tc, gold),
        full_scores(pred, gold),
        per_technique(pred, gold),
        len(articles),
        seconds,
        words,
    )
    return result, pred


# ------------------------------------------------------------------------------------------ training


@dataclass
class _Article:
    id: str
    text: str
    lower: str
    tokens: Tokens
    tags: list[int]
    rows: list[tuple[int, int, int, list[float]]]  # token a, token b, technique index, generic features
    on_gold_line: list[bool]  # per token: does a gold span share a character with its line?


def _prepare(
    tokenizer: Any, articles: Mapping[str, str], labels: Mapping[str, Sequence[Label]], hide: bool = False
) -> list[_Article]:
    out: list[_Article] = []
    index = {t: k for k, t in enumerate(TECHNIQUES)}
    names = dict(zip(articles, find_names(articles.values()), strict=True)) if hide else {}
    for article, text in articles.items():
        tokens = tokenize(text, tokenizer)
        if hide:
            tokens = Tokens(*hide_in_tokens(tokens.ids, tokens.offsets, names[article], tokenizer))
        gold = labels.get(article, [])
        lower = text.lower()
        rows = []
        for x in gold:
            r = _token_range(tokens.offsets, x.start, x.end)
            if r is not None:
                feats = generic_features(text, lower, x.start, x.end, names.get(article, ()))
                rows.append((r[0], r[1], index[x.technique], feats))
        tags = _bio(tokens.offsets, ((x.start, x.end) for x in gold))
        lines = [(a, b) for a, b, hit in _lines(text, gold) if hit]
        on_line = [any(a <= s < b for a, b in lines) for s, _ in tokens.offsets]
        out.append(_Article(article, text, lower, tokens, tags, rows, on_line))
    return out


def _train_windows(arts: Sequence[_Article], size: int, rng: random.Random) -> list[tuple[int, int, int]]:
    """(article index, a, b): consecutive windows from a random shift, so boundaries move every epoch."""
    out: list[tuple[int, int, int]] = []
    for k, art in enumerate(arts):
        n = len(art.tokens.ids)
        shift = rng.randrange(size // 2) if n > size else 0
        for s in range(-shift, n, size):
            a, b = max(0, s), min(n, s + size)
            if b - a >= 8 or (a == 0 and b == n and n > 0):
                out.append((k, a, b))
    return out


def _dev_scores(
    parts: _Parts,
    analyses: Mapping[str, _Analysis],
    gold: Mapping[str, Sequence[Label]],
) -> dict[str, Any]:
    """Pick the span decoding (threshold, gap, minimum length; SI F1) and the second-technique threshold
    (full-task F1) on dev."""
    best: tuple[tuple[float, int, int, float, float], PRF] | None = None
    kept: dict[str, list[tuple[int, int, float]]] = {}
    tables = {a: an.probs.tolist() for a, an in analyses.items()}
    every = {a: _sentences(parts, an, [(0, len(an.text), 0.0)]) for a, an in analyses.items()}
    gates = (0.0, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7) if any(every.values()) else (0.0,)
    for t in [x / 100 for x in range(10, 56, 5)]:
        for gap in (0, 2, 4, 8, 16):
            raw = {
                a: _runs(an.text, an.tokens.offsets, [q[_B] for q in tables[a]], [q[_I] for q in tables[a]], t, gap)
                for a, an in analyses.items()
            }
            for min_chars in (1, 6, 12):
                for peak in (0.0, 0.4, 0.5, 0.6, 0.7):
                    if 0 < peak <= t:
                        continue
                    found = {
                        a: [(s, e, m) for s, e, m, top in v if e - s >= min_chars and top >= peak]
                        for a, v in raw.items()
                    }
                    for gate in gates:
                        spans = {a: _gate(v, every[a], gate) for a, v in found.items()}
                        si = si_scores({a: [Label(a, "x", s, e) for s, e, _ in v] for a, v in spans.items()}, gold)
                        if best is None or si.f1 > best[1].f1:
                            best, kept = ((t, gap, min_chars, peak, gate), si), spans
    assert best is not None
    (t_span, gap, min_chars, peak, gate), si = best
    tc = tc_scores({a: _tc_labels(parts, an, a, gold[a]) for a, an in analyses.items()}, gold)
    dists = {a: _classify(parts, an, [(s, e) for s, e, _ in kept[a]]) for a, an in analyses.items()}
    best_full: tuple[float, PRF] | None = None
    for t2 in (1.01, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15):
        pred: dict[str, list[Label]] = {}
        for a in analyses:
            rows: list[Label] = []
            for (s, e, _), d in zip(kept[a], dists[a], strict=True):
                ranked = _ranked(analyses[a].lower, s, e, d)
                rows.append(Label(a, TECHNIQUES[ranked[0]], s, e))
                if d[ranked[1]] >= t2:
                    rows.append(Label(a, TECHNIQUES[ranked[1]], s, e))
            pred[a] = rows
        full = full_scores(pred, gold)
        if best_full is None or full.f1 > best_full[1].f1:
            best_full = (t2, full)
    assert best_full is not None
    return {
        "span": t_span,
        "gap": gap,
        "min_chars": min_chars,
        "peak": peak,
        "sentence": gate,
        "second": best_full[0],
        "si": si,
        "tc": tc,
        "full": best_full[1],
    }


def train_techniques(
    split_root: Path,
    out: Path = WEIGHTS,
    config: TechConfig | None = None,
    log: Callable[[str], None] = print,
    adapted: Path | None = None,
) -> dict[str, Any]:
    """Train ``config.members`` tagger/classifier models and ``config.sentence_models`` sentence classifiers on
    ``split_root/train`` (seeds ``seed``, ``seed + 1``, …), choose each model's epoch and then the thresholds
    of the whole on ``split_root/dev``, save atomically to ``out``.

    Logs the data, every 50 steps, and the dev scores after each epoch.  With ``members`` 0 only sentence
    classifiers are trained and saved (no thresholds); with ``sentence_models`` 0 there is no sentence gate.
    Parts trained apart (in parallel, say) are joined by :func:`combine_techniques`, with the same result.

    With ``config.adapt_epochs`` > 0 the encoder is first adapted to the train articles' text
    (:func:`adapt_encoder`) and every part starts from the adapted weights; ``adapted`` names a file saved by an
    earlier run (with ``members`` and ``sentence_models`` 0 only the adaptation is trained and saved), so parts
    trained apart can share one adaptation.
    """
    import torch

    cfg = config or TechConfig()
    if cfg.members < 0 or cfg.sentence_models < 0:
        raise ConfigError(
            f"cannot train {cfg.members} members and {cfg.sentence_models} sentence models",
            "pass --members and --sentence-models of 0 or more",
        )
    if cfg.members + cfg.sentence_models == 0 and not (cfg.adapt_epochs and adapted is None):
        raise ConfigError(
            f"nothing to train: {cfg.members} members and {cfg.sentence_models} sentence models",
            "pass --members 1 or more, --sentence-models 1 or more, or --adapt-epochs 1 or more",
        )
    if cfg.lora_r and (cfg.adapt_epochs or adapted is not None):
        raise ConfigError("an adapted encoder needs fine-tuned blocks, not LoRA", "train with lora_r 0")
    threads_before = torch.get_num_threads()
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    started = time.perf_counter()
    try:
        delta: dict[str, Any] | None = None
        if adapted is not None:
            saved = load_weights(adapted, "adapted-encoder", "unspin techniques train --adapt-epochs N")
            if "adapted" not in saved:
                raise ConfigError(f"{adapted}: holds no adapted encoder", "save one with --adapt-epochs N --members 0")
            if bool(saved["config"].get("hide_names")) != cfg.hide_names:
                raise ConfigError(
                    f"{adapted}: adapted with names {'hidden' if cfg.hide_names is False else 'shown'}",
                    "adapt again with the same --hide-names/--show-names as the parts",
                )
            delta, cfg = saved["adapted"], replace(cfg, adapt_epochs=int(saved["config"]["adapt_epochs"]))
            log(f"starting from the encoder adapted in {adapted} ({cfg.adapt_epochs} epochs)")
        elif cfg.adapt_epochs:
            delta = adapt_encoder(cfg, split_root, log)
        if delta is not None and cfg.members + cfg.sentence_models == 0:
            state_only = {"adapted": delta, "config": _cfg_dict(cfg), "train_seconds": time.perf_counter() - started}
            return _save(state_only, out, log)
        members = []
        for k in range(cfg.members):
            log(f"tagger and classifier {k + 1} of {cfg.members} (seed {cfg.seed + k})")
            members.append(_train(replace(cfg, seed=cfg.seed + k, members=1), split_root, log, delta))
        sentence = [_train_sentences(cfg, cfg.seed + k, split_root, log, delta) for k in range(cfg.sentence_models)]
        if not members:
            state: dict[str, Any] = {"sentence": sentence, "techniques": list(TECHNIQUES)}
        elif len(members) == 1 and not sentence:
            state = members[0]
        else:
            state = _ensemble(members, sentence, split_root, log)
    finally:
        torch.set_num_threads(threads_before)
    state["train_seconds"] = time.perf_counter() - started
    return _save(state, out, log)


def _sentence_rows(
    articles: Mapping[str, str], labels: Mapping[str, Sequence[Label]], hide: bool = False
) -> list[tuple[str, bool]]:
    """Every non-blank line (PTC puts one sentence per line) of the labelled articles, in article-id order, and
    whether a gold span shares a character with it; with ``hide``, names become neutral words (:mod:`.names`)."""
    ids = sorted(a for a in labels if a in articles)
    names = find_names(articles[a] for a in ids) if hide else [[] for _ in ids]
    rows: list[tuple[str, bool]] = []
    for article, found in zip(ids, names, strict=True):
        text = articles[article]
        rows.extend((hide_in_text(text, found, a, b), hit) for a, b, hit in _lines(text, labels[article]))
    return rows


def _lines(text: str, gold: Sequence[Label]) -> list[tuple[int, int, bool]]:
    """``[start, end)`` of every non-blank line of ``text`` and whether a span of ``gold`` shares a character
    with it."""
    out: list[tuple[int, int, bool]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            out.append((start, end, any(x.start < end and start < x.end for x in gold)))
        start = end + 1
    return out


def _train_sentences(
    cfg: TechConfig,
    seed: int,
    split_root: Path,
    log: Callable[[str], None],
    adapted: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One sentence classifier for the gate: "does this sentence hold a technique?" (threshold on dev)."""
    from .checkworthy import TrainConfig, train_sentence_classifier

    rows = {}
    for split in ("train", "dev"):
        articles_dir, labels_dir = split_paths(split, split_root)
        rows[split] = _sentence_rows(load_articles(articles_dir), load_labels(labels_dir), cfg.hide_names)
    if cfg.limit_articles:
        rows["train"] = rows["train"][: cfg.limit_articles * 20]
    log(f"sentence classifier (seed {seed}): {len(rows['train'])} train and {len(rows['dev'])} dev sentences")
    sc = TrainConfig(seed=seed, epochs=cfg.sentence_epochs, max_tokens=cfg.sentence_tokens)
    state = train_sentence_classifier(rows["train"], rows["dev"], sc, log, adapted=adapted)
    state["hide_names"] = cfg.hide_names  # the gate must read sentences the way it was trained to
    return state


def combine_techniques(
    files: Sequence[Path], out: Path, split_root: Path, log: Callable[[str], None] = print
) -> dict[str, Any]:
    """Join models trained apart (``unspin techniques train --out`` files: taggers and classifiers, sentence
    classifiers, or both) into one, choose its thresholds on ``split_root/dev`` and save it to ``out``."""
    members: list[dict[str, Any]] = []
    sentence: list[dict[str, Any]] = []
    for f in files:
        state = load_weights(f, "persuasion-techniques", "unspin techniques train")
        if "si_head" in state or "members" in state:
            members.extend(state.get("members", [state]))
        sentence.extend(state.get("sentence", [state] if "head" in state and "lora" in state else []))
    if not members:
        raise ConfigError("none of the files has a tagger and classifier", "add a file trained with --members 1")
    state = _ensemble(members, sentence, split_root, log)
    state["train_seconds"] = sum(float(m.get("train_seconds", 0.0)) for m in [*members, *sentence])
    return _save(state, out, log)


def _ensemble(
    members: Sequence[dict[str, Any]],
    sentence: Sequence[dict[str, Any]],
    split_root: Path,
    log: Callable[[str], None],
) -> dict[str, Any]:
    """Average the members' probabilities, gate with the sentence classifiers, choose the thresholds on dev."""
    from .checkworthy import CheckworthyModel

    where, command = "<training>", "unspin techniques train"
    hide = {bool(m["config"].get("hide_names", False)) for m in members}
    hide |= {bool(x.get("hide_names", False)) for x in sentence}
    if len(hide) > 1:
        raise ConfigError(
            "some parts were trained with hidden names and some without",
            "train every part with --hide-names (the default), or every part with --show-names",
        )
    parts = _Parts(
        _tokenizer(),
        [_load_member(m, Path(where)) for m in members],
        _config(members[0]["config"]),
        sentence=[CheckworthyModel.from_state(x, where, command) for x in sentence],
    )
    articles_dir, labels_dir = split_paths("dev", split_root)
    texts, gold = load_articles(articles_dir), load_labels(labels_dir)
    ids = [a for a in sorted(gold) if a in texts]
    log(
        f"choosing the thresholds of {len(members)} tagger(s) and {len(sentence)} sentence classifier(s) "
        f"together on dev ({len(ids)} articles)"
    )
    chosen, _ = _choose(parts, {a: _analyse(parts, texts[a]) for a in ids}, {a: gold[a] for a in ids})
    cfg = dict(members[0]["config"])
    cfg["members"], cfg["sentence_models"] = len(members), len(sentence)
    return {
        "members": [{k: v for k, v in m.items() if k != "thresholds"} for m in members],
        "sentence": list(sentence),
        "config": cfg,
        "techniques": list(TECHNIQUES),
        **chosen,
    }


def _choose(
    parts: _Parts, analyses: Mapping[str, _Analysis], gold: Mapping[str, Sequence[Label]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """``thresholds`` and ``dev`` (and, with sentence classifiers, ``thresholds_ungated`` and ``dev_ungated``
    for the tagger alone) chosen on dev, plus the gated scores."""
    sc = _dev_scores(parts, analyses, gold)
    out: dict[str, Any] = {"thresholds": {k: float(sc[k]) for k in _THRESHOLDS}, "dev": _dev_record(sc, None)}
    if parts.sentence:
        alone = _dev_scores(replace(parts, sentence=[]), analyses, gold)
        out["thresholds_ungated"] = {k: float(alone[k]) for k in _THRESHOLDS}
        out["dev_ungated"] = _dev_record(alone, None)
    return out, sc


def _dev_record(sc: Mapping[str, Any], epoch: int | None) -> dict[str, Any]:
    return {"si": asdict(sc["si"]), "tc_micro_f1": sc["tc"].accuracy, "full": asdict(sc["full"]), "epoch": epoch}


def _save(state: dict[str, Any], out: Path, log: Callable[[str], None]) -> dict[str, Any]:
    import torch

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    torch.save(state, tmp)
    tmp.replace(out)
    if "adapted" in state and "sentence" not in state:
        log(f"saved the adapted encoder to {out} ({out.stat().st_size / 1e6:.2f} MB)")
        return {"seconds": state["train_seconds"], "size_bytes": out.stat().st_size, "adapted": True}
    if "dev" not in state:
        log(f"saved {len(state['sentence'])} sentence classifier(s) to {out} ({out.stat().st_size / 1e6:.2f} MB)")
        return {"seconds": state["train_seconds"], "size_bytes": out.stat().st_size}
    dev = state["dev"]
    log(
        f"dev SI F1 {dev['si']['f1']:.3f}, TC micro-F1 {dev['tc_micro_f1']:.3f}, full F1 {dev['full']['f1']:.3f}; "
        f"thresholds {state['thresholds']}; {state['train_seconds']:.0f}s; saved {out} "
        f"({out.stat().st_size / 1e6:.2f} MB)"
    )
    return {
        "epoch": dev["epoch"],
        "si": PRF(**dev["si"]),
        "tc_micro_f1": dev["tc_micro_f1"],
        "full": PRF(**dev["full"]),
        "thresholds": state["thresholds"],
        "seconds": state["train_seconds"],
        "size_bytes": out.stat().st_size,
    }


def _train(
    cfg: TechConfig, split_root: Path, log: Callable[[str], None], adapted: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """One member: its saved state (encoder change, heads, config, its own thresholds and dev scores).

    ``adapted``: an :func:`adapt_encoder` change to start from; what is saved is still the change to the pinned
    weights (adaptation and fine-tuning together), so a member loads the same way either way."""
    import numpy as np
    import torch

    rng = random.Random(cfg.seed)
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)

    train_dir, train_labels_dir = split_paths("train", split_root)
    train_articles, train_labels = load_articles(train_dir), load_labels(train_labels_dir)
    dev_articles_dir, dev_labels_dir = split_paths("dev", split_root)
    dev_articles, dev_gold = load_articles(dev_articles_dir), load_labels(dev_labels_dir)
    ids = sorted(a for a in train_articles if a in train_labels)
    if cfg.limit_articles:
        ids = ids[: cfg.limit_articles]
    dev_ids = [a for a in sorted(dev_gold) if a in dev_articles]
    if not ids or not dev_ids:
        raise ConfigError(f"{split_root}: training needs labelled train and dev articles", "check the PTC folder")
    tokenizer, encoder = _encoder(cfg)
    hsize = int(encoder.config.hidden_size)
    si_head, tc_head = _heads(hsize, cfg.hidden)
    arts = _prepare(tokenizer, {a: train_articles[a] for a in ids}, train_labels, cfg.hide_names)
    dev_text = {a: dev_articles[a] for a in dev_ids}
    gold = {a: dev_gold[a] for a in dev_ids}
    size = cfg.window - 2
    tuned = [p for p in encoder.parameters() if p.requires_grad]
    heads = [*si_head.parameters(), *tc_head.parameters()]
    full = cfg.lora_r == 0
    base = {n: p.detach().clone() for n, p in encoder.named_parameters() if p.requires_grad} if full else {}
    if adapted is not None:
        apply_delta(encoder, adapted, Path("<adapted encoder>"), "unspin techniques train --adapt-epochs N")
    lrs = [cfg.encoder_lr if full else cfg.lr, cfg.lr]
    optim = torch.optim.AdamW(
        [{"params": tuned, "lr": lrs[0]}, {"params": heads, "lr": lrs[1]}], lr=cfg.lr, weight_decay=0.01
    )
    per_epoch = math.ceil(len(_train_windows(arts, size, random.Random(0))) / cfg.batch_size)
    steps = max(2, int(cfg.epochs * per_epoch * 1.05) + cfg.epochs)  # shifted windows vary the count a little
    sched = torch.optim.lr_scheduler.OneCycleLR(optim, max_lr=lrs, total_steps=steps, pct_start=0.1)
    ce_tags = torch.nn.CrossEntropyLoss(ignore_index=-100, reduction="none")
    ce_tech = torch.nn.CrossEntropyLoss()
    n_rows = sum(len(a.rows) for a in arts)
    n_tok = sum(len(a.tokens.ids) for a in arts)
    log(
        f"train {len(arts)} articles, {n_tok} word pieces, {n_rows} technique rows; dev {len(dev_ids)} articles; "
        f"~{per_epoch} steps/epoch; config {json.dumps(asdict(cfg))}"
    )
    parts = _Parts(tokenizer, [_Member(encoder, si_head, tc_head, cfg)], cfg)
    modules = [encoder, si_head, tc_head]
    started = time.perf_counter()
    best: dict[str, Any] | None = None
    step = 0
    for epoch in range(cfg.epochs):
        epoch_started = time.perf_counter()
        for m in modules:
            m.train()
        wins = _train_windows(arts, size, rng)
        rng.shuffle(wins)
        totals = [0.0, 0.0]
        for i in range(0, len(wins), cfg.batch_size):
            chunk = wins[i : i + cfg.batch_size]
            ids_t, mask = _batch(tokenizer, [arts[k].tokens.ids[a:b] for k, a, b in chunk])
            tags = torch.full(ids_t.shape, -100, dtype=torch.long)
            weight = torch.zeros(ids_t.shape)
            for r, (k, a, b) in enumerate(chunk):
                tags[r, 1 : 1 + b - a] = torch.tensor(arts[k].tags[a:b], dtype=torch.long)
                on = torch.tensor(arts[k].on_gold_line[a:b], dtype=torch.bool)
                weight[r, 1 : 1 + b - a] = torch.where(on, 1.0, cfg.outside_weight)
            with autocast_bf16(cfg.bf16):
                states = encoder(input_ids=ids_t, attention_mask=mask).last_hidden_state
            states = states.float()
            per_token = ce_tags(si_head(states).reshape(-1, 3), tags.reshape(-1))
            weight = weight.reshape(-1)
            loss_tags = (per_token * weight).sum() / weight.sum().clamp(min=1e-6)
            vecs: list[torch.Tensor] = []
            targets: list[int] = []
            for r, (k, a, b) in enumerate(chunk):
                for ra, rb, tech, feats in arts[k].rows:
                    lo, hi = max(ra, a), min(rb, b)
                    if hi <= lo or (hi - lo) * 2 < rb - ra:  # keep rows mostly inside this window
                        continue
                    v = _span_vector(states[r, 1 : 1 + b - a], states[r, 0], lo - a, hi - a, cfg.context)
                    vecs.append(torch.cat([v, torch.tensor(feats)]))
                    targets.append(tech)
            loss = loss_tags
            loss_tech = torch.zeros(())
            if vecs:
                loss_tech = ce_tech(tc_head(torch.stack(vecs)), torch.tensor(targets))
                loss = loss + cfg.tc_weight * loss_tech
            optim.zero_grad()
            loss.backward()
            optim.step()
            if step + 1 < steps:
                sched.step()
            step += 1
            totals[0] += loss_tags.item()
            totals[1] += loss_tech.item()
            done = i // cfg.batch_size + 1
            if step % 50 == 0:
                log(
                    f"epoch {epoch + 1} step {done}/{per_epoch} tag loss {totals[0] / done:.4f} "
                    f"technique loss {totals[1] / done:.4f} {time.perf_counter() - started:.0f}s"
                )
        for m in modules:
            m.eval()
        analyses = {a: _analyse(parts, t) for a, t in dev_text.items()}
        scores = _dev_scores(parts, analyses, gold)
        score = scores["si"].f1 + scores["tc"].accuracy
        log(
            f"epoch {epoch + 1} done in {time.perf_counter() - epoch_started:.0f}s: dev SI F1 {scores['si'].f1:.3f} "
            f"(P {scores['si'].precision:.3f} R {scores['si'].recall:.3f}, threshold {scores['span']:.2f}), "
            f"TC micro-F1 {scores['tc'].accuracy:.3f}, full F1 {scores['full'].f1:.3f} "
            f"(gap {scores['gap']}, min {scores['min_chars']} chars, peak {scores['peak']}, "
            f"sentence gate {scores['sentence']}; "
            f"second technique at {scores['second']:.2f})"
        )
        if best is None or score > best["score"]:
            best = {
                "score": score,
                "epoch": epoch + 1,
                "scores": scores,
                "encoder": encoder_delta(encoder, base) if full else lora_state(encoder),
                "si_head": copy.deepcopy(si_head.state_dict()),
                "tc_head": copy.deepcopy(tc_head.state_dict()),
            }
        elapsed = (time.perf_counter() - started) / 60
        per = elapsed / (epoch + 1)
        if cfg.max_minutes is not None and epoch + 1 < cfg.epochs and elapsed + per > cfg.max_minutes:
            log(f"stopping after epoch {epoch + 1}: another epoch would pass {cfg.max_minutes:.0f} minutes")
            break
    assert best is not None
    sc = best["scores"]
    cfg_dict = _cfg_dict(cfg)
    log(
        f"kept epoch {best['epoch']}: dev SI F1 {sc['si'].f1:.3f}, TC micro-F1 {sc['tc'].accuracy:.3f}, "
        f"full F1 {sc['full'].f1:.3f}"
    )
    return {
        ("delta" if full else "lora"): best["encoder"],
        "si_head": best["si_head"],
        "tc_head": best["tc_head"],
        "thresholds": {k: float(sc[k]) for k in _THRESHOLDS},
        "config": cfg_dict,
        "techniques": list(TECHNIQUES),
        "dev": _dev_record(sc, best["epoch"]),
        "train_seconds": time.perf_counter() - started,
    }


def _cfg_dict(cfg: TechConfig) -> dict[str, Any]:
    out = asdict(cfg)
    out["lora_targets"] = list(cfg.lora_targets)
    return out


_ADAPT_BATCH = 32  # windows per adaptation step
_ADAPT_WARMUP = 100  # steps that train only the new output head, so its random start does not disturb the blocks
#                     (at most two steps per planned step of the blocks, for tiny corpora)
_MASK_RATE = 0.15


def adapt_encoder(cfg: TechConfig, split_root: Path, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Task-adaptive pretraining: the six blocks of the pinned encoder trained on the masked-language-model task
    over the text of the PTC *train* articles (names hidden when ``cfg.hide_names``), before any task training.

    Method: Gururangan et al. 2020, "Don't Stop Pretraining: Adapt Language Models to Domains and Tasks"
    (TAPT), with BERT's masking (Devlin et al. 2019: 15% of the word pieces, of which 80% become ``[MASK]``,
    10% a random piece, 10% stay).  The package ships no language-model head, so a new one (dense, GELU, layer
    norm, then the frozen input embeddings as output matrix plus a bias) is trained alone for
    ``_ADAPT_WARMUP`` steps first, then with the blocks for ``cfg.adapt_epochs`` passes over windows of
    ``cfg.window`` pieces (random shift each pass), AdamW at ``cfg.adapt_lr`` with 6% warm-up and linear decay.
    The embeddings stay frozen, so the result ships as an :func:`~.minilm.encoder_delta` and the head is
    dropped.  Only train text is read: dev stays for choosing and reporting, and the test split's text is
    left alone.

    Measured on a GPU (docs/experiments/techniques.md): 24 passes over train and test text lowered the dev
    masked-word loss from 6.9 (head alone) to 4.1 and raised the dev SI F1 of tagger and gate together by
    about 0.015 over four seeds.  On the CPU, four passes over train text did not carry the gain; twelve (the
    default; train loss 4.03) did (seed 13 with 128-piece windows: 0.416 → 0.429).  Limits: the corpus is
    small (about 360k word pieces), and on two CPU threads a pass takes about 5.3 minutes, after about 5.5
    minutes of the head alone.
    """
    import torch
    from torch import nn

    rng = random.Random(cfg.seed)
    torch.manual_seed(cfg.seed)
    train_dir, labels_dir = split_paths("train", split_root)
    texts, labels = load_articles(train_dir), load_labels(labels_dir)
    ids = sorted(a for a in texts if a in labels)
    if cfg.limit_articles:
        ids = ids[: cfg.limit_articles]
    if not ids:
        raise ConfigError(f"{split_root}: adaptation needs the train articles", "check the PTC folder")
    tokenizer, encoder = tunable_encoder()
    base = {n: p.detach().clone() for n, p in encoder.named_parameters() if p.requires_grad}
    arts = _prepare(tokenizer, {a: texts[a] for a in ids}, {}, cfg.hide_names)
    emb = encoder.embeddings.word_embeddings.weight
    hsize = int(encoder.config.hidden_size)
    head = nn.Sequential(nn.Linear(hsize, hsize), nn.GELU(), nn.LayerNorm(hsize, eps=1e-12))
    bias = nn.Parameter(torch.zeros(emb.shape[0]))
    vocab = torch.tensor(sorted({t for a in arts for t in a.tokens.ids}))  # random replacements: pieces in use
    special = torch.tensor(
        sorted({int(tokenizer.cls_token_id), int(tokenizer.sep_token_id), int(tokenizer.pad_token_id)})
    )
    mask_id = int(tokenizer.mask_token_id)
    size = cfg.window - 2
    gen = torch.Generator().manual_seed(cfg.seed)

    def masked(chunk: Sequence[tuple[int, int, int]]) -> tuple[torch.Tensor, ...]:
        ids_t, att = _batch(tokenizer, [arts[k].tokens.ids[a:b] for k, a, b in chunk])
        real = att.bool() & ~torch.isin(ids_t, special)
        sel = (torch.rand(ids_t.shape, generator=gen) < _MASK_RATE) & real
        target = ids_t[sel]
        u = torch.rand(target.shape, generator=gen)
        pool = vocab[torch.randint(len(vocab), target.shape, generator=gen)]
        replaced = torch.where(u < 0.8, torch.full_like(target, mask_id), torch.where(u < 0.9, pool, target))
        inputs = ids_t.clone()
        inputs[sel] = replaced
        return inputs, att, sel, target

    def loss_of(batch: tuple[torch.Tensor, ...], grad_blocks: bool) -> Any:  # a scalar tensor
        inputs, att, sel, target = batch
        with torch.set_grad_enabled(grad_blocks), autocast_bf16(cfg.bf16):
            states = encoder(input_ids=inputs, attention_mask=att).last_hidden_state
        with autocast_bf16(cfg.bf16):
            logits = head(states[sel].float()) @ emb.T + bias
        return nn.functional.cross_entropy(logits.float(), target)

    per_epoch = math.ceil(len(_train_windows(arts, size, random.Random(0))) / _ADAPT_BATCH)
    total = max(1, int(cfg.adapt_epochs * per_epoch * 1.05))  # shifted windows vary the count a little
    blocks = [p for p in encoder.parameters() if p.requires_grad]
    opt_head = torch.optim.AdamW([*head.parameters(), bias], lr=1e-3, weight_decay=0.01)
    opt_blocks = torch.optim.AdamW(blocks, lr=cfg.adapt_lr, weight_decay=0.01)
    warm = max(1, int(0.06 * total))
    head_steps = min(_ADAPT_WARMUP, 2 * total)
    sched = torch.optim.lr_scheduler.LambdaLR(opt_blocks, lambda s: min(1.0, (s + 1) / warm) * max(0.0, 1 - s / total))
    log(
        f"adapting the encoder: {len(arts)} train articles, {sum(len(a.tokens.ids) for a in arts)} word pieces, "
        f"{cfg.adapt_epochs} passes of ~{per_epoch} steps after {head_steps} steps of the new head alone"
    )
    started = time.perf_counter()
    encoder.train()
    step = 0
    while step < head_steps:
        wins = _train_windows(arts, size, rng)
        rng.shuffle(wins)
        for i in range(0, len(wins), _ADAPT_BATCH):
            if step >= head_steps:
                break
            loss = loss_of(masked(wins[i : i + _ADAPT_BATCH]), False)
            opt_head.zero_grad()
            loss.backward()
            opt_head.step()
            step += 1
    log(f"head alone: masked-word loss {loss.item():.3f} after {step} steps, {time.perf_counter() - started:.0f}s")
    for epoch in range(cfg.adapt_epochs):
        wins = _train_windows(arts, size, rng)
        rng.shuffle(wins)
        run, n = 0.0, 0
        for i in range(0, len(wins), _ADAPT_BATCH):
            loss = loss_of(masked(wins[i : i + _ADAPT_BATCH]), True)
            opt_head.zero_grad()
            opt_blocks.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(blocks, 1.0)
            opt_head.step()
            opt_blocks.step()
            if sched.last_epoch < total:
                sched.step()
            run, n = run + loss.item(), n + 1
        log(
            f"adaptation pass {epoch + 1} of {cfg.adapt_epochs}: masked-word loss {run / max(1, n):.3f}, "
            f"{time.perf_counter() - started:.0f}s"
        )
    encoder.eval()
    return encoder_delta(encoder, base)


def tune_techniques(split_root: Path, weights: Path = WEIGHTS, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Choose the decoding thresholds of a saved model again on ``split_root/dev`` and save them into it.

    The adapter and heads are not touched; only ``thresholds`` and the recorded dev scores change.
    """
    import torch

    model = TechniquesModel(weights)
    parts = model._load()
    articles_dir, labels_dir = split_paths("dev", split_root)
    texts, gold = load_articles(articles_dir), load_labels(labels_dir)
    ids = [a for a in sorted(gold) if a in texts]
    started = time.perf_counter()
    chosen, sc = _choose(parts, {a: _analyse(parts, texts[a]) for a in ids}, {a: gold[a] for a in ids})
    state = torch.load(weights, map_location="cpu", weights_only=True)
    epoch = state.get("dev", {}).get("epoch")
    state.update(chosen)
    state["dev"]["epoch"] = epoch
    tmp = weights.with_suffix(".tmp")
    torch.save(state, tmp)
    tmp.replace(weights)
    log(
        f"dev SI F1 {sc['si'].f1:.3f} (P {sc['si'].precision:.3f} R {sc['si'].recall:.3f}), TC micro-F1 "
        f"{sc['tc'].accuracy:.3f}, full F1 {sc['full'].f1:.3f}; thresholds {state['thresholds']} "
        f"({time.perf_counter() - started:.0f}s); saved {weights}"
    )
    return {"thresholds": state["thresholds"], "si": sc["si"], "tc_micro_f1": sc["tc"].accuracy, "full": sc["full"]}
