"""Check-worthiness of sentences: MiniLM + LoRA adapter + a linear head.

Trained on CheckThat! 2024 Task 1 English (ClaimBuster debate sentences,
``../shared/data/claims/ct24_en``): "Yes" = a check-worthy factual claim.
The threshold on the head's probability is chosen on the dev split to
maximise F1 of the Yes class (the task's official metric).  At inference
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
from .minilm import apply_delta, apply_lora, load_encoder, mean_pool, merge_lora, native_bf16

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


class CheckworthyModel:
    """Scores sentences; the encoder and adapter load on first use."""

    def __init__(self, weights: Path = WEIGHTS, int8: bool = False) -> None:
        self.weights = weights
        self.int8 = int8
        self._parts: tuple[Any, Any, Any, float] | None = None

    @property
    def threshold(self) -> float:
        return self._load()[3]

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
        return self._parts

    @classmethod
    def from_state(cls, state: Mapping[str, Any], where: str, command: str) -> CheckworthyModel:
        """A sentence classifier saved inside another model's file (``where`` and ``command`` name it in
        errors)."""
        model = cls(Path(where))
        model._parts = _parts(state, where, command, False)
        return model

    def predict_proba(self, texts: Sequence[str], batch_size: int = 32) -> list[float]:
        import torch

        tokenizer, encoder, head, _ = self._load()
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
        encoder = _quantized(encoder)
    head = torch.nn.Linear(encoder.config.hidden_size, 1)
    head.load_state_dict(state["head"])
    encoder.eval()
    head.eval()
    return tokenizer, encoder, head, float(state["threshold"])


def _quantized(encoder: Any) -> Any:
    """int8 dynamic quantisation of the linear layers: about 1.6× faster on CPU, about
    0.01–0.03 less dev F1, and batch-dependent scores (see the module docstring)."""
    import warnings

    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the eager API is deprecated upstream but still the CPU path
        return torch.ao.quantization.quantize_dynamic(encoder, {torch.nn.Linear}, dtype=torch.qint8)  # type: ignore[no-untyped-call]


@functools.cache
def load_checkworthy(weights: Path = WEIGHTS) -> CheckworthyModel:
    """One model per process."""
    return CheckworthyModel(weights)
