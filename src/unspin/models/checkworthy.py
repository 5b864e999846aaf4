"""Check-worthiness of sentences: MiniLM + LoRA adapter + a linear head.

Trained on CheckThat! 2024 Task 1 English (ClaimBuster debate sentences,
``../shared/data/claims/ct24_en``): "Yes" = a check-worthy factual claim.
Names are hidden (each run of name words reaches the encoder as "someone",
:mod:`.names`), so swapping the actors' names cannot change a score.  The
threshold on the head's probability is chosen to maximise F1 of the Yes
class (the task's official metric) on 15% of the train rows held out from
fitting (:mod:`unspin.training.holdout`); dev is only reported.  At inference
the adapter is merged into the encoder, sentences are cut at 64 word pieces
and batched by length.  ``int8=True`` quantises the linear layers (about
1.6× faster) but makes a sentence's score depend slightly on the other
sentences in its batch (dynamic quantisation ranges are per batch), so it is
off by default.  What ships
(``weights/checkworthy.v1.pt``, well under 1 MB): the LoRA matrices, the
head, the threshold and the training config; ``unspin claims train``
reproduces it with a fixed seed.

Limits: the training sentences are U.S. presidential debate speech; news
prose differs (longer sentences, reported speech), so scores on articles are
a transfer, not a measured quantity.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .minilm import (
    apply_delta,
    apply_lora,
    int8_requested,
    load_encoder,
    mean_pool,
    merge_lora,
    native_bf16,
    quantized,
)
from .names import Name

#: The share of train rows held out to choose on (:mod:`unspin.training.holdout` holds the same value; repeated
#: here so that the inference side imports nothing of training).
TUNE_FRACTION = 0.15

__all__ = [
    "WEIGHTS",
    "CheckworthyModel",
    "TrainConfig",
    "f1_yes",
    "load_checkworthy",
    "read_ct24",
]

WEIGHTS = Path(__file__).parent / "weights" / "checkworthy.v1.pt"
_MAX_TOKENS = 96  # training
_INFER_TOKENS = 64  # inference: a claim is decided early in its sentence; 64 cuts cost by a fifth


def read_ct24(path: Path) -> list[tuple[str, str, str | None]]:
    """Rows ``(sentence_id, text, label or None)`` of a CheckThat! TSV (label column optional)."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter="\t"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})", "check the path") from None
    if not rows:
        raise ConfigError(f"{path}: empty file", "give a CheckThat! TSV: Sentence_id<TAB>Text[<TAB>class_label]")
    start = 1 if rows[0] and rows[0][0].strip().lower() == "sentence_id" else 0
    out: list[tuple[str, str, str | None]] = []
    for n, row in enumerate(rows[start:], start + 1):
        if not row:
            continue
        if len(row) not in (2, 3):
            raise ConfigError(f"{path}:{n}: expected 2 or 3 tab-separated fields, got {len(row)}", "fix that line")
        label = row[2].strip() if len(row) == 3 else None
        if label is not None and label not in ("Yes", "No"):
            raise ConfigError(f"{path}:{n}: class_label {label!r} is not Yes or No", "fix that line")
        out.append((row[0].strip(), row[1], label))
    return out


def f1_yes(gold: Sequence[bool], pred: Sequence[bool]) -> tuple[float, float, float]:
    """(precision, recall, F1) of the positive class."""
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if g and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass
class TrainConfig:
    seed: int = 13
    epochs: int = 2
    batch_size: int = 32
    lr: float = 1e-3
    lora_r: int = 8
    lora_alpha: float = 16.0
    max_tokens: int = _MAX_TOKENS
    limit: int | None = None  # use only this many training rows (tests, quick runs)
    tune_fraction: float = TUNE_FRACTION  # train rows held out to choose the threshold on (never dev)
    hide_names: bool = True  # names reach the encoder as one neutral word (:mod:`.names`)
    names_method: str = "capitals"  # how the names are found (:data:`~.names.NAME_METHODS`)


class CheckworthyModel:
    """Scores sentences; the encoder and adapter load on first use."""

    def __init__(self, weights: Path = WEIGHTS, int8: bool | None = None) -> None:
        self.weights = weights
        self.int8 = int8_requested() if int8 is None else int8
        self._parts: tuple[Any, Any, Any, float] | None = None
        self._hides: str | None = None  # the names method of a model trained with names hidden

    @property
    def threshold(self) -> float:
        return self._load()[3]

    @property
    def names_method(self) -> str | None:
        """How the model finds the names it hides (:data:`~.names.NAME_METHODS`); None: it reads names."""
        self._load()
        return self._hides

    def _load(self) -> tuple[Any, Any, Any, float]:
        if self._parts is None:
            import torch

            if not self.weights.is_file():
                raise ConfigError(
                    f"{self.weights}: no check-worthiness model",
                    "train one with `unspin claims train` (see docs/claims.md)",
                )
            state = torch.load(self.weights, map_location="cpu", weights_only=True)
            self._parts = _parts(state, str(self.weights), "unspin claims train", self.int8)
            hides = bool(state.get("hide_names", False))
            self._hides = str(state["config"].get("names_method", "entities")) if hides else None
        return self._parts

    @classmethod
    def from_state(cls, state: Mapping[str, Any], where: str, command: str, int8: bool = False) -> CheckworthyModel:
        """A sentence classifier saved inside another model's file (``where`` and ``command`` name it in
        errors)."""
        model = cls(Path(where), int8=int8)
        model._parts = _parts(state, where, command, int8)
        return model  # its callers hide the names themselves (the sentence gate has the article's names)

    def predict_proba(
        self, texts: Sequence[str], batch_size: int = 32, names: Sequence[Sequence[Name]] | None = None
    ) -> list[float]:
        """The probability that each text is check-worthy.  A model trained with hidden names reads each text
        with ``names`` (one list per text, offsets into it) hidden; without ``names`` it finds them itself."""
        import torch

        tokenizer, encoder, head, _ = self._load()
        if self._hides:
            from .names import find_names, hide_in_text

            found = find_names(texts, method=self._hides) if names is None else names
            texts = [hide_in_text(t, n) for t, n in zip(texts, found, strict=True)]
        # Batches of similar length waste little on padding.  bfloat16 where the CPU has it: one article at a
        # time, 0.18 s per 1,000 words in float32, 0.11 in bfloat16 with 32 per batch and widths padded to a
        # multiple of 16 (few shapes, so the CPU kernels are reused); dev F1 0.922 against 0.924, because a
        # score then moves by up to 0.004 with the other sentences of its batch (padding changes the rounding).
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = [0.0] * len(texts)
        bf16 = native_bf16() and not self.int8
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            for i in range(0, len(order), batch_size):
                idx = order[i : i + batch_size]
                batch = tokenizer(
                    [texts[j] for j in idx],
                    padding=True,
                    truncation=True,
                    max_length=_INFER_TOKENS,
                    pad_to_multiple_of=16,  # few distinct shapes, so the CPU's bfloat16 kernels are reused
                    return_tensors="pt",
                )
                hidden = encoder(**batch).last_hidden_state
                logits = head(mean_pool(hidden.float(), batch["attention_mask"])).squeeze(-1).float()
                for j, p in zip(idx, torch.sigmoid(logits).tolist(), strict=True):
                    out[j] = float(p)
        return out


def _parts(state: Mapping[str, Any], where: str, command: str, int8: bool) -> tuple[Any, Any, Any, float]:
    import torch

    tokenizer, encoder = load_encoder()
    if "adapted" in state:  # trained on an adapted encoder (unspin techniques train --adapt-epochs)
        apply_delta(encoder, state["adapted"], Path(where), command)
    cfg = state["config"]
    apply_lora(encoder, r=int(cfg["lora_r"]), alpha=float(cfg["lora_alpha"]))
    missing = encoder.load_state_dict(state["lora"], strict=False)
    if any("lora_" in k for k in missing.missing_keys):
        raise ConfigError(f"{where}: adapter does not fit the encoder", f"retrain: {command}")
    merge_lora(encoder)
    if int8:
        encoder = quantized(encoder)
    head = torch.nn.Linear(encoder.config.hidden_size, 1)
    head.load_state_dict(state["head"])
    encoder.eval()
    head.eval()
    return tokenizer, encoder, head, float(state["threshold"])


@functools.cache
def load_checkworthy(weights: Path = WEIGHTS) -> CheckworthyModel:
    """One model per process."""
    return CheckworthyModel(weights)
