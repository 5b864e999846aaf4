"""Persuasion techniques at character level: a fine-tuned MiniLM tagger/classifier gated by sentence
classifiers, trained on PTC.

Method
------
One forward pass of the pinned all-MiniLM-L6-v2 encoder (:mod:`unspin.models.minilm`), fine-tuned on PTC
(its six transformer blocks; embeddings frozen; shipped as the int8 difference to the pinned weights,
:func:`~unspin.models.minilm.encoder_delta`), feeds two heads.  ``lora_r`` > 0 trains a LoRA adapter on every
linear layer instead (smaller, about 0.03 lower dev SI F1 once gated).  With ``adapt_epochs`` > 0 (0 as shipped;
12 gave dev SI F1 0.416 → 0.429 in docs/experiments/techniques.md, footnote 6) the blocks are first trained on
masked words of the train articles' text (:func:`adapt_encoder`, task-adaptive pretraining) and tagger and
sentence classifiers both start from there.

1. **Span identification** (SI): a linear layer tags every word piece ``O``/``B``/``I`` (technique-agnostic,
   overlapping gold spans merged).  A token is inside a span when ``P(B) + P(I)`` reaches a threshold; runs of
   such tokens are spans, a token whose most likely tag is ``B`` starts a new one, runs at most ``gap`` tokens
   apart on one line are joined, and a span is kept only if it has ``min_chars`` characters and one token
   reaches ``peak`` (hysteresis).  A span runs from its first token's first character to its last token's
   last character, loses leading and trailing blanks and ``.,:;`` (how the corpus's gold spans are trimmed,
   README-PTC "Changes in version 2") and grows to whole words.
2. **Sentence gate**: separate sentence classifiers (MiniLM + LoRA + a linear head on the mean-pooled states,
   :func:`~unspin.training.checkworthy.train_sentence_classifier`, trained on PTC train lines labelled "a gold
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
   second technique is added for the same span when its probability reaches a threshold.

With ``hide_names`` (the default) tagger and sentence classifiers see every name (found from its spelling,
:func:`~.names.capitalised_names`) as the neutral word "someone", in training and prediction, and the span
features measure length and capitals with names hidden, so swapping the actors' names cannot change their
input; parts trained with and without it cannot be combined.  ``UNSPIN_INT8=1`` runs the encoders in int8.
Long articles are cut into overlapping windows of at most ``window`` word pieces; every token takes its states
from the window where it lies farthest from an edge, mapped back to ``str`` offsets with the tokenizer's offsets.

Source and training
-------------------
PTC, SemEval-2020 Task 11 (Da San Martino et al., 2020; ``../shared/data/ptc``, see its SOURCE.md): fitted on 85%
of ``train``; the epoch and the thresholds (``span``, ``gap``, ``min_chars``, ``peak``, ``sentence``, ``second``)
chosen on the other 15%, never on dev, by :mod:`unspin.training.techniques` (``unspin techniques train``
reproduces ``weights/techniques.v1.pt``).  Dev figures: docs/techniques.md.

Limits
------
PTC is English news from 2017-2019 with low annotator agreement on span boundaries; the best published systems
reach SI F1 ≈ 0.51 and TC micro-F1 ≈ 0.62 on its test split with much larger encoders.  Techniques that need the
whole argument (Whataboutism, Causal Oversimplification, Black-and-White Fallacy) are rarely found; the gate drops
every span of a sentence it finds unlikely.  Scores are model probabilities, not calibrated confidences.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..corpora.ptc import (
    PRF,
    TECHNIQUES,
    Label,
    TCResult,
)
from ..errors import ConfigError
from .minilm import (
    adapted_encoder,
    apply_delta,
    autocast_bf16,
    int8_requested,
    load_adapter,
    load_weights,
    merge_lora,
    quantized,
    tunable_encoder,
)
from .names import Name, find_names, hide_in_text, hide_in_tokens
from .technique_text import (
    TAG_B,
    TAG_I,
    Tokens,
    cached_tokenizer,
    check_within,
    decode_spans,
    generic_features,
    owners,
    sentence_spans,
    token_range,
    tokenize,
    window_batch,
    windows,
)

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
    "decode_spans",
    "generic_features",
    "load_techniques",
    "owners",
    "repeats_earlier",
    "tokenize",
    "windows",
]

WEIGHTS = Path(__file__).parent / "weights" / "techniques.v1.pt"
N_GENERIC = 9
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
    names_method: str = "capitals"  # how the names are found (:data:`~.names.NAME_METHODS`)
    adapt_epochs: int = 0  # masked-word passes over the train articles first (:func:`adapt_encoder`); 0: none
    adapt_lr: float = 1e-4  # learning rate of the blocks during that adaptation
    tune_fraction: float = 0.15  # train articles held out to choose epochs and decoding values on (never dev)

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
    cls: list[Any]  # per member: [windows, H] the [CLS] state of each window
    scored: dict[tuple[int, int], float] = field(default_factory=dict)  # sentence -> P(holds a technique)
    names: list[Name] = field(default_factory=list)  # the names hidden from the encoders (``hide_names``)
    branch: Any = None  # [n, H] the states a branch (:mod:`.claims_branch`) computed in the same pass, if asked
    window_of: list[int] = field(default_factory=list)  # each token's window (where its states come from)


# ------------------------------------------------------------------------------------------ tokens and windows


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


def _analyse(
    parts: _Parts, text: str, batch_size: int = 8, names: Sequence[Name] | None = None, branch: Any = None
) -> _Analysis:
    """Run the encoder over the windows of ``text`` and stitch the per-token outputs.  With ``hide_names``,
    ``names`` are the text's names if the caller has them (else the model finds them).  A ``branch``
    (:mod:`.claims_branch`) reads the first member's states in the same pass (stitched likewise)."""
    import torch

    cfg = parts.cfg
    tokens = tokenize(text, parts.tokenizer)
    hidden_names: list[Name] = []
    if cfg.hide_names:
        hidden_names = list(names) if names is not None else find_names([text], method=cfg.names_method)[0]
        tokens = Tokens(*hide_in_tokens(tokens.ids, tokens.offsets, hidden_names, parts.tokenizer))
    n = len(tokens.ids)
    spans = windows(n, cfg.window - 2, cfg.overlap)
    own = owners(n, spans)
    probs = torch.zeros((n, 3))
    hiddens: list[Any] = []
    classes: list[Any] = []
    branched: Any = None
    for m, member in enumerate(parts.members):
        hsize = int(member.encoder.config.hidden_size)
        hidden = torch.zeros((n, hsize))
        cls = torch.zeros((len(spans), hsize))  # one per window: a copy per token doubled a long text's memory
        capture = branch.shared if branch is not None and m == 0 else None
        if capture is not None:
            branched = torch.zeros((n, hsize))
        with torch.inference_mode():
            for i in range(0, len(spans), batch_size):
                chunk = spans[i : i + batch_size]
                ids, mask = window_batch(parts.tokenizer, [tokens.ids[a:b] for a, b in chunk])
                with autocast_bf16(cfg.bf16):
                    out = member.encoder(input_ids=ids, attention_mask=mask, capture=capture)
                    extra = branch(out.captured, mask).float() if capture is not None else None
                states = out.last_hidden_state.float()
                p = torch.softmax(member.si_head(states).float(), -1) / len(parts.members)
                for k, (a, b) in enumerate(chunk):
                    w = i + k
                    sel = [t for t in range(a, b) if own[t] == w]
                    if not sel:
                        continue
                    lo, hi = sel[0], sel[-1] + 1  # owned tokens are contiguous
                    hidden[lo:hi] = states[k, 1 + lo - a : 1 + hi - a]
                    probs[lo:hi] += p[k, 1 + lo - a : 1 + hi - a]
                    cls[w] = states[k, 0]
                    if extra is not None:
                        branched[lo:hi] = extra[k, 1 + lo - a : 1 + hi - a]
        hiddens.append(hidden)
        classes.append(cls)
    return _Analysis(
        text, text.lower(), tokens, hiddens, probs, classes, names=hidden_names, branch=branched, window_of=own
    )


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
        r = token_range(an.tokens.offsets, start, end)
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
                vec = _span_vector(hidden, cls[an.window_of[a]], a, b, member.cfg.context)
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
        an.text, an.tokens.offsets, [p[TAG_B] for p in probs], [p[TAG_I] for p in probs], t_span, gap, min_chars, peak
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
    old = {"hide_names": False, "names_method": "entities"}  # what files saved before these fields were
    cfg = TechConfig(**{**old, **{k: v for k, v in saved.items() if k in known}})
    cfg.lora_targets = tuple(cfg.lora_targets)
    return cfg


def _load_member(
    state: Mapping[str, Any], path: Path, encoder_of: Callable[[TechConfig], tuple[Any, Any]] | None = None
) -> _Member:
    """One member from its saved state: the encoder (adapter merged, or fine-tuned difference added) and heads.
    ``encoder_of(cfg)`` gives the pinned encoder to start from (default: the installed package's)."""
    cfg = _config(state["config"])
    _, encoder = (encoder_of or _encoder)(cfg)
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

    def __init__(self, weights: Path = WEIGHTS, int8: bool | None = None) -> None:
        self.weights = weights
        self.int8 = int8_requested() if int8 is None else int8  # encoders' linear layers in int8, no bfloat16
        self._parts: _Parts | None = None

    @property
    def thresholds(self) -> dict[str, float]:
        return dict(self._load().thresholds)

    @property
    def names_method(self) -> str | None:
        """How the model finds the names it hides (:data:`~.names.NAME_METHODS`); None: it reads names."""
        cfg = self._load().cfg
        return cfg.names_method if cfg.hide_names else None

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
            cfg = _config(state["config"])
            if self.int8:
                cfg = replace(cfg, bf16=False)
                members = [replace(m, encoder=quantized(m.encoder), cfg=cfg) for m in members]
            where, command = str(self.weights), "unspin techniques train"
            sentence = [CheckworthyModel.from_state(x, where, command, self.int8) for x in state.get("sentence", [])]
            self._parts = _Parts(
                cached_tokenizer(),
                members,
                cfg,
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
        return self.predict_analysed(self.analyse(text, names), gate)

    def analyse(self, text: str, names: Sequence[Name] | None = None, branch: Any = None) -> _Analysis:
        """The encoder pass over ``text`` that :meth:`predict_analysed` decodes; with ``branch``, that
        branch's states are computed in the same pass (:mod:`.claims_branch`)."""
        return _analyse(self._load(), text, names=names, branch=branch)

    def predict_analysed(self, an: _Analysis, gate: bool = True) -> list[TechniqueSpan]:
        """:meth:`predict` of a text already run through :meth:`analyse`."""
        return sorted(_predict(self._load(), an, gate), key=lambda x: (x.start, x.end, -x.score))

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


def load_techniques(weights: Path = WEIGHTS) -> TechniquesModel:
    """One model per process and file (however the path is spelt: the claims component decodes the techniques
    component's model's pass only when both hold the same object)."""
    return _load_techniques(weights.resolve())


@functools.cache
def _load_techniques(weights: Path) -> TechniquesModel:
    return TechniquesModel(weights)
