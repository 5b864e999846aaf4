"""Causal sentences and their cause, effect and signal spans: MiniLM + LoRA adapter + two heads, trained on CNC V2.

Method
------
One forward pass of the pinned all-MiniLM-L6-v2 encoder (:mod:`unspin.models.minilm`), with a LoRA adapter on every
linear layer of its six blocks, feeds two heads:

1. **Sentence head** (subtask 1): a linear layer on the mean-pooled token states gives the probability that the
   sentence states a causal relation; the threshold is chosen for F1 of the causal class on held-out train.
2. **Token head** (subtask 2): a linear layer gives every word piece 8 logits in two softmax groups, the 7 BIO
   labels ``O``/``B-C``/``I-C``/``B-E``/``I-E`` (cause and effect) and ``O``/``B-S``/``I-S`` (signal) -- two
   groups because a signal may lie inside a cause or effect (a third of the training relations).  A sentence with
   several relations is trained on the mean of its relations' one-hot targets (the same loss as one training row
   per relation, in one pass).

Decoding works on words as the tokenizer's pre-tokenizer cuts them (whitespace and punctuation), each word read
from its first word piece.  Cause and effect are decoded jointly by a constrained Viterbi search: exactly one
contiguous cause and one contiguous effect, in either order, possibly adjacent, never overlapping (every relation
in CNC has exactly one of each).  Signals are the runs of words whose ``B-S + I-S`` probability reaches a threshold
chosen on held-out train (a word whose ``B-S`` beats ``I-S`` starts a new signal).  Spans run from the first
word's first character to the last word's last character of the given text, using the tokenizer's offset mapping,
so they are exact ``str`` offsets into whatever text was given (tokenised as in CNC or ordinary prose).  One
relation is predicted per sentence.

Source and training
-------------------
Causal News Corpus V2 (Tan et al., LREC 2022 / IJCNLP-AACL 2023; ``../shared/data/cnc/V2``, CC0): fitted on 85% of
``train`` (2,615 sentences, whole source documents held out); the epoch, the causal threshold and the signal
threshold are chosen on the other 15% (460 sentences), never on dev (340 sentences, only reported).  Names reach
the encoder as "someone" (:mod:`.names`, found from their spelling), in training and prediction.  Both losses
(binary cross-entropy of the sentence head with label smoothing 0.1 + soft cross-entropy of the token head on
causal sentences) are summed; LoRA r=16 on the query, key, value and dense layers; 8 epochs, batch 16, at most 96
word pieces, fixed seed, bfloat16 autocast on the CPU, linear warm-up and decay of the learning rate (5e-4 for the
adapter, 1e-3 for the heads).  ``unspin causal train`` reproduces ``weights/causal.v1.pt`` (adapter in float16,
heads, thresholds, config; 1.4 MB).  Scores are those of :mod:`unspin.corpora.cnc` (the organisers' definitions).

Measured (CNC V2 dev, held out, shipped weights, ``unspin causal eval --split dev``)
-----------------------------------------------------------------------------------
Subtask 1 (causal threshold 0.38): P 0.724 / R 0.935 / F1 0.816, accuracy 0.771, MCC 0.555.  Subtask 2 (185
causal sentences, 249 relations, one relation predicted per sentence): P 0.636 / R 0.495 / F1 0.556; Cause F1
0.539, Effect 0.558, Signal 0.581.  The previous model, thresholds chosen on dev and names shown: F1 0.839 and
0.553.  With ``--int8``: 0.812 and 0.482, at the same speed, so the encoder stays in bfloat16.  Recall is capped
at 0.74 by predicting one relation (a quarter of the gold relations are second or third relations of a
sentence).  Training: about 8 minutes alone on 2 cores (2 threads).  It runs in bfloat16 where the CPU computes
it natively (:func:`~unspin.models.minilm.native_bf16`), else in float32; a sentence's scores then vary by about
0.002 with the other sentences in its batch.

Limits
------
CNC sentences are protest-event news, tokenised with spaces around punctuation; ordinary prose reaches the model
untokenised, so its spans there are a transfer, not a measured quantity.  One relation per sentence: a sentence
with a chain of causes gets its most likely pair only.  Words past the first 160 word pieces of a very long sentence
get no tag.  Scores are model probabilities, not calibrated confidences.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..corpora.cnc import (
    CausalSpan,
    Role,
    Subtask1Result,
    Subtask2Result,
)
from .minilm import (
    adapted_encoder,
    autocast_bf16,
    int8_requested,
    load_adapter,
    load_weights,
    mean_pool,
    merge_lora,
    native_bf16,
    quantized,
)
from .names import NAME_LABELS, Name

if TYPE_CHECKING:
    import torch
    from torch import nn

__all__ = [
    "WEIGHTS",
    "CausalEval",
    "CausalModel",
    "CausalPrediction",
    "CausalSpan",
    "TrainConfig",
    "decode_relation",
    "load_causal",
]

WEIGHTS = Path(__file__).parent / "weights" / "causal.v1.pt"
_CE = ("O", "B-C", "I-C", "B-E", "I-E")
_SIG = ("O", "B-S", "I-S")
_N_CE, _N_SIG = len(_CE), len(_SIG)
_TRIM = " \t\r\n,;:"
_INFER_TOKENS = 160  # every word of a long sentence gets a tag (99% of CNC sentences fit in 96)


@dataclass
class TrainConfig:
    """What :func:`train_causal` does; saved with the weights."""

    seed: int = 13
    epochs: int = 8
    batch_size: int = 16
    lr_lora: float = 5e-4
    lr_heads: float = 1e-3
    lora_r: int = 16
    lora_alpha: float = 32.0
    lora_targets: tuple[str, ...] = ("query", "key", "value", "dense")
    max_tokens: int = 96
    span_weight: float = 1.0  # weight of the token loss against the sentence loss
    smoothing: float = 0.1  # label smoothing of the sentence targets (0 and 1 become s/2 and 1 - s/2)
    bf16: bool = True  # bfloat16 autocast for the encoder while training
    threads: int | None = 2  # torch CPU threads while training
    limit: int | None = None  # train on the first N training sentences only (tests, quick runs)
    tune_fraction: float = 0.15  # train documents held out to choose the epoch and thresholds on (never dev)
    hide_names: bool = True  # names reach the encoder as one neutral word (:mod:`.names`)
    names_method: str = "capitals"  # how the names are found (:data:`~.names.NAME_METHODS`)


@dataclass(frozen=True)
class CausalPrediction:
    """``causal``: ``score`` reached the model's threshold; ``spans``: the relation found (empty when not causal)."""

    causal: bool
    score: float
    spans: list[CausalSpan]


@dataclass(frozen=True)
class CausalEval:
    """Both subtasks' scores of a model on one labelled split."""

    subtask1: Subtask1Result
    subtask2: Subtask2Result
    threshold: float
    sentences: int
    seconds: float
    bf16: bool = False  #: whether the encoder ran in bfloat16


@dataclass
class _Parts:
    tokenizer: Any
    encoder: Any
    sent_head: Any
    token_head: Any
    cfg: TrainConfig
    thresholds: dict[str, float] = field(default_factory=dict)


@dataclass
class _Out:
    """Raw outputs for one text: causal probability, per word its character range and label probabilities."""

    text: str
    prob: float
    words: list[tuple[int, int]]
    ce: list[list[float]]  # per word: probabilities of _CE
    sig: list[list[float]]  # per word: probabilities of _SIG


# ------------------------------------------------------------------------------------------ decoding

# Viterbi states for "exactly one cause and one effect": before both, inside the first argument (cause or effect),
# between the two, inside the second, after both.
_S0, _C1, _E1, _MC, _ME, _C2, _E2, _F = range(8)
_O, _BC, _IC, _BE, _IE = range(5)
_MOVES: dict[int, tuple[tuple[int, int], ...]] = {  # state -> (previous state, label emitted on entering) pairs
    _S0: ((_S0, _O),),
    _C1: ((_S0, _BC), (_C1, _IC)),
    _E1: ((_S0, _BE), (_E1, _IE)),
    _MC: ((_C1, _O), (_MC, _O)),
    _ME: ((_E1, _O), (_ME, _O)),
    _C2: ((_E1, _BC), (_ME, _BC), (_C2, _IC)),
    _E2: ((_C1, _BE), (_MC, _BE), (_E2, _IE)),
    _F: ((_C2, _O), (_E2, _O), (_F, _O)),
}
_FIRST = {_S0: _O, _C1: _BC, _E1: _BE}


def _viterbi(logp: Sequence[Sequence[float]]) -> list[int]:
    """Best state path (one state per word) with exactly one cause and one effect; [] for fewer than 2 words."""
    n = len(logp)
    if n < 2:
        return []
    neg = -math.inf
    score = [neg] * 8
    for s, lab in _FIRST.items():
        score[s] = logp[0][lab]
    back: list[list[int]] = []
    for t in range(1, n):
        new = [neg] * 8
        ptr = [0] * 8
        for s, moves in _MOVES.items():
            for prev, lab in moves:
                v = score[prev] + logp[t][lab]
                if v > new[s]:
                    new[s], ptr[s] = v, prev
        back.append(ptr)
        score = new
    state = max((_C2, _E2, _F), key=lambda s: score[s])
    path = [state]
    for ptr in reversed(back):
        state = ptr[state]
        path.append(state)
    return path[::-1]


def decode_relation(
    text: str,
    words: Sequence[tuple[int, int]],
    ce: Sequence[Sequence[float]],
    sig: Sequence[Sequence[float]],
    sig_threshold: float = 0.5,
) -> list[CausalSpan]:
    """One relation of ``text`` from per-word label probabilities (``ce``: O/B-C/I-C/B-E/I-E, ``sig``: O/B-S/I-S).

    ``words`` are the words' ``[start, end)`` character ranges.  Cause and effect: the constrained Viterbi path
    (exactly one contiguous span each), less leading and trailing blanks and ``,;:`` (gold spans in CNC train
    end with a comma once in 6,092).  Signals: runs of words with ``B-S + I-S >= sig_threshold``, a word with
    ``B-S > I-S`` starting a new run.  Spans come back sorted by start.
    """
    logp = [[math.log(max(p, 1e-12)) for p in row] for row in ce]
    path = _viterbi(logp)
    spans: list[CausalSpan] = []
    arguments: tuple[tuple[Role, tuple[int, int]], ...] = (("cause", (_C1, _C2)), ("effect", (_E1, _E2)))
    for role, states in arguments:
        idx = [k for k, s in enumerate(path) if s in states]
        if idx:
            start, end = words[idx[0]][0], words[idx[-1]][1]
            while start < end and text[start] in _TRIM:
                start += 1
            while end > start and text[end - 1] in _TRIM:
                end -= 1
            if end > start:
                spans.append(CausalSpan(role, start, end))
    run: list[int] = []
    runs: list[list[int]] = []
    for k, p in enumerate(sig):
        if p[1] + p[2] >= sig_threshold:
            if run and run[-1] == k - 1 and p[1] <= p[2]:
                run.append(k)
            else:
                run = [k]
                runs.append(run)
    spans += [CausalSpan("signal", words[r[0]][0], words[r[-1]][1]) for r in runs]
    return sorted(spans, key=lambda s: (s.start, s.end))


# ------------------------------------------------------------------------------------------ network pieces


def _network(cfg: TrainConfig) -> tuple[Any, Any, nn.Module, nn.Module]:
    from torch import nn

    tokenizer, encoder = adapted_encoder(cfg.lora_r, cfg.lora_alpha, tuple(cfg.lora_targets))
    hidden = int(encoder.config.hidden_size)
    sent_head = nn.Sequential(nn.Dropout(0.1), nn.Linear(hidden, 1))
    token_head = nn.Sequential(nn.Dropout(0.1), nn.Linear(hidden, _N_CE + _N_SIG))
    return tokenizer, encoder, sent_head, token_head


def _forward(parts: _Parts, ids: torch.Tensor, mask: torch.Tensor, bf16: bool) -> tuple[torch.Tensor, torch.Tensor]:
    """(sentence logits [B], token logits [B, T, 8])."""
    with autocast_bf16(bf16):
        states = parts.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
    states = states.float()
    sent = parts.sent_head(mean_pool(states, mask)).squeeze(-1)
    return sent, parts.token_head(states)


def _pad(tokenizer: Any, rows: Sequence[Sequence[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-padded ``(input_ids, attention_mask)``; widths rounded up to 16 so CPU kernels are reused."""
    import torch

    width = -(-max(len(r) for r in rows) // 16) * 16
    ids = torch.full((len(rows), width), int(tokenizer.pad_token_id), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for k, r in enumerate(rows):
        ids[k, : len(r)] = torch.tensor(list(r), dtype=torch.long)
        mask[k, : len(r)] = 1
    return ids, mask


def _encode(
    tokenizer: Any, text: str, max_tokens: int, names: Sequence[Name] = ()
) -> tuple[list[int], list[tuple[int, int]], list[int | None]]:
    """``[CLS] … [SEP]`` ids, each piece's character range, each piece's word index (None for specials).

    The pieces of each of ``names`` become one piece, the id of its neutral word, spanning the name in ``text``
    (so spans decoded from it are spans of the original text), and one word of its own."""
    enc = tokenizer(text, truncation=True, max_length=max_tokens, return_offsets_mapping=True, verbose=False)
    ids = list(enc["input_ids"])
    offsets = [(int(a), int(b)) for a, b in enc["offset_mapping"]]
    word_ids: list[int | None] = list(enc.word_ids())
    if not names:
        return ids, offsets, word_ids
    neutral = {label: int(tokenizer.convert_tokens_to_ids(word)) for label, word in NAME_LABELS.items()}
    out_ids: list[int] = []
    out_offsets: list[tuple[int, int]] = []
    out_words: list[int | None] = []
    k, fresh = 0, -1  # a hidden name is a word of its own: negative indices never equal the tokenizer's
    for a, b, label in names:
        while k < len(ids) and (word_ids[k] is None or offsets[k][1] <= a):  # [CLS], [SEP], pieces before
            out_ids.append(ids[k])
            out_offsets.append(offsets[k])
            out_words.append(word_ids[k])
            k += 1
        first = k
        while k < len(ids) and word_ids[k] is not None and offsets[k][0] < b:
            k += 1
        if k > first:  # a name past the truncation point has no pieces
            out_ids.append(neutral[label])
            out_offsets.append((offsets[first][0], offsets[k - 1][1]))
            out_words.append(fresh)
            fresh -= 1
    return out_ids + ids[k:], out_offsets + offsets[k:], out_words + word_ids[k:]


def _outputs(
    parts: _Parts,
    texts: Sequence[str],
    batch_size: int = 16,
    bf16: bool = False,
    names: Sequence[Sequence[Name]] | None = None,
) -> list[_Out]:
    """Causal probability and per-word label probabilities of each text (one encoder pass per batch).  A model
    trained with hidden names reads each text with ``names`` (one list per text) hidden; it finds them itself
    when they are not given."""
    import torch

    if parts.cfg.hide_names and names is None:
        from .names import find_names

        names = find_names(texts, method=parts.cfg.names_method)
    hidden: Sequence[Sequence[Name]] = names if parts.cfg.hide_names and names is not None else [()] * len(texts)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out: list[_Out | None] = [None] * len(texts)
    with torch.inference_mode():
        for i in range(0, len(order), batch_size):
            idx = order[i : i + batch_size]
            encs = [_encode(parts.tokenizer, texts[j], _INFER_TOKENS, hidden[j]) for j in idx]
            ids, mask = _pad(parts.tokenizer, [e[0] for e in encs])
            sent, tok = _forward(parts, ids, mask, bf16)
            probs = torch.sigmoid(sent).tolist()
            ce = torch.softmax(tok[..., :_N_CE], -1)
            sig = torch.softmax(tok[..., _N_CE:], -1)
            for k, (j, (_, offsets, word_ids)) in enumerate(zip(idx, encs, strict=True)):
                firsts: list[int] = []
                words: list[tuple[int, int]] = []
                last: int | None = None
                for t, w in enumerate(word_ids):
                    if w is None:
                        continue
                    if w != last:
                        firsts.append(t)
                        words.append(offsets[t])
                        last = w
                    else:
                        words[-1] = (words[-1][0], offsets[t][1])
                out[j] = _Out(texts[j], float(probs[k]), words, ce[k, firsts].tolist(), sig[k, firsts].tolist())
    return [o for o in out if o is not None]


# ------------------------------------------------------------------------------------------ the model


class CausalModel:
    """Finds causal sentences and their cause/effect/signal spans; the encoder, adapter and heads load on first
    use."""

    def __init__(self, weights: Path = WEIGHTS, bf16: bool | None = None, int8: bool | None = None) -> None:
        self.weights = weights
        self.int8 = int8_requested() if int8 is None else int8
        self.bf16 = (native_bf16() and not self.int8) if bf16 is None else bf16
        self._parts: _Parts | None = None

    @property
    def names_method(self) -> str | None:
        """How the model finds the names it hides (:data:`~.names.NAME_METHODS`); None: it reads names."""
        cfg = self._load().cfg
        return cfg.names_method if cfg.hide_names else None

    @property
    def threshold(self) -> float:
        """Causal-probability threshold (chosen on train documents held out from fitting)."""
        return self._load().thresholds.get("causal", 0.5)

    def _load(self) -> _Parts:
        if self._parts is None:
            state = load_weights(self.weights, "causal", "unspin causal train")
            self._parts = parts_from_state(state, self.weights, self.int8)
        return self._parts

    def _decode(self, o: _Out) -> list[CausalSpan]:
        return decode_relation(o.text, o.words, o.ce, o.sig, self._load().thresholds.get("signal", 0.5))

    def predict_proba(self, texts: Sequence[str], names: Sequence[Sequence[Name]] | None = None) -> list[float]:
        """Probability that each sentence states a causal relation.  ``names``: each text's names (offsets into
        it), when the caller has them, for a model trained with hidden names; without them it finds them."""
        return [o.prob for o in _outputs(self._load(), texts, bf16=self.bf16, names=names)]

    def predict_spans(
        self, texts: Sequence[str], names: Sequence[Sequence[Name]] | None = None
    ) -> list[list[CausalSpan]]:
        """The most likely relation of each sentence (one cause, one effect, signals), *as if it were causal*:
        character offsets into the given text.  Texts with fewer than two words get no cause or effect."""
        return [self._decode(o) for o in _outputs(self._load(), texts, bf16=self.bf16, names=names)]

    def predict(self, texts: Sequence[str], names: Sequence[Sequence[Name]] | None = None) -> list[CausalPrediction]:
        """Both at once (one encoder pass per batch); ``spans`` only for sentences judged causal."""
        t = self.threshold
        return [
            CausalPrediction(o.prob >= t, o.prob, self._decode(o) if o.prob >= t else [])
            for o in _outputs(self._load(), texts, bf16=self.bf16, names=names)
        ]


def parts_from_state(state: Mapping[str, Any], where: Path, int8: bool = False) -> _Parts:
    """The network of a saved state (``where`` names it in errors), adapter merged (and its linear layers in
    int8 with ``int8``), in eval mode."""
    known = TrainConfig.__dataclass_fields__
    # files saved before ``hide_names`` existed were trained on names as written
    saved = {k: v for k, v in state["config"].items() if k in known}
    cfg = TrainConfig(**{"hide_names": False, "names_method": "entities", **saved})
    cfg.lora_targets = tuple(cfg.lora_targets)
    tokenizer, encoder, sent_head, token_head = _network(cfg)
    load_adapter(encoder, state["lora"], where, "unspin causal train")
    sent_head.load_state_dict(state["sent_head"])
    token_head.load_state_dict(state["token_head"])
    merge_lora(encoder)
    if int8:
        encoder = quantized(encoder)
    for m in (encoder, sent_head, token_head):
        m.eval()
    return _Parts(tokenizer, encoder, sent_head, token_head, cfg, {k: float(v) for k, v in state["thresholds"].items()})


@functools.cache
def load_causal(weights: Path = WEIGHTS) -> CausalModel:
    """One model per process."""
    return CausalModel(weights)
