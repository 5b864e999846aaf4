"""Training the check-worthiness branch on the techniques model's shared layers (:mod:`unspin.models.claims_branch`).

The shared layers are frozen, so their states are computed once for every training document and kept; each
epoch then runs only the branch's layers and the head.  Fitted on 85% of the packed ``train`` documents; the
epoch and the threshold are chosen on the other 15% (whole documents: neighbouring sentences share topics),
and dev is scored once at the end by the saved model, through the same path ``unspin claims eval`` takes.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..models.checkworthy import f1_yes, read_ct24
from ..models.claims_branch import (
    WEIGHTS,
    ClaimsBranchModel,
    base_of,
    build_branch,
    joined,
    pack_documents,
    sentence_vectors,
)
from ..models.minilm import autocast_bf16, encoder_delta, file_sha256, native_bf16, pinned_encoder
from ..models.technique_text import token_range, tokenize, window_batch
from .holdout import TUNE_FRACTION, held_out
from .loop import Evaluation, Loop, seed_everything, train_while_improving

if TYPE_CHECKING:
    import torch

    from ..models.techniques import TechniquesModel

__all__ = ["BranchConfig", "train_claims_branch"]


@dataclass
class BranchConfig:
    """What :func:`train_claims_branch` does; saved with the weights."""

    seed: int = 13
    epochs: int = 3
    shared: int = 3  # layers of the techniques encoder the branch reads after (of 6)
    lr: float = 1e-4  # the branch's layers
    head_lr: float = 1e-3
    batch_size: int = 16  # documents per step
    budget: int = 126  # word pieces per packed document: one 128-piece window with [CLS] and [SEP]
    tune_fraction: float = TUNE_FRACTION
    limit: int | None = None  # use only this many training sentences (tests, quick runs)

    def __post_init__(self) -> None:
        if not 1 <= self.shared <= 5:
            raise ConfigError(f"shared layers {self.shared} out of range", "give 1 to 5 shared layers of 6")
        if self.epochs < 1 or self.batch_size < 1 or self.budget < 8:
            raise ConfigError("epochs and batch size must be at least 1, the budget at least 8", "fix the config")


@dataclass
class _Doc:
    states: torch.Tensor  # [pieces, H] after the shared layers, [CLS] and [SEP] included, bfloat16
    ranges: list[tuple[int, int] | None]  # each sentence's pieces, in ``states`` positions
    labels: list[bool]


def _documents(
    techniques: TechniquesModel, rows: Sequence[tuple[int, str, bool]], cfg: BranchConfig, log: Callable[[str], None]
) -> list[_Doc]:
    """The packed documents of ``rows`` with their shared-layer states, as one window of the techniques pass
    reads them (names hidden the same way; batched by length, since the layers only read)."""
    import torch

    from ..models.names import find_names, hide_in_tokens

    parts = techniques._load()
    tok, encoder = parts.tokenizer, parts.members[0].encoder
    ordered = sorted(rows)
    packed = pack_documents([(sid, t) for sid, t, _ in ordered], cfg.budget, lambda t: len(tokenize(t, tok).ids))
    docs = [joined([ordered[k][1] for k in doc]) for doc in packed]
    texts = [text for text, _ in docs]
    names = find_names(texts, method=parts.cfg.names_method) if parts.cfg.hide_names else [[] for _ in texts]
    pieces: list[list[int]] = []
    ranges: list[list[tuple[int, int] | None]] = []
    for (text, spans), found in zip(docs, names, strict=True):
        t = tokenize(text, tok)
        ids, offsets = hide_in_tokens(t.ids, t.offsets, found, tok)
        ids, offsets = ids[: cfg.budget], offsets[: cfg.budget]
        found_ranges = [token_range(offsets, a, b) for a, b in spans]
        pieces.append(ids)
        ranges.append([(r[0] + 1, r[1] + 1) if r else None for r in found_ranges])  # + 1: [CLS] comes first
    out: list[_Doc | None] = [None] * len(packed)
    order = sorted(range(len(packed)), key=lambda k: len(pieces[k]))
    with torch.inference_mode():
        for i in range(0, len(order), 32):
            chunk = order[i : i + 32]
            ids_t, mask = window_batch(tok, [pieces[k] for k in chunk])
            with autocast_bf16(parts.cfg.bf16):
                states = encoder(input_ids=ids_t, attention_mask=mask, capture=cfg.shared).captured
            for row, k in enumerate(chunk):
                kept = states[row, : len(pieces[k]) + 2].to(torch.bfloat16).clone()
                out[k] = _Doc(kept, ranges[k], [ordered[j][2] for j in packed[k]])
            if i % 1600 == 0:
                log(f"shared states: {i} of {len(packed)} documents")
    return [d for d in out if d is not None]


def train_claims_branch(
    train_path: Path,
    dev_path: Path,
    out: Path = WEIGHTS,
    config: BranchConfig | None = None,
    log: Callable[[str], None] = print,
    techniques: TechniquesModel | None = None,
) -> dict[str, Any]:
    """Train the branch and head, choose epoch and threshold on held-out train, save to ``out``, score dev."""
    import torch

    from ..models.techniques import load_techniques

    cfg = config or BranchConfig()
    seed_everything(cfg.seed)
    rng = random.Random(cfg.seed)
    trunk = techniques or load_techniques()

    rows, dev = _labelled(train_path), _labelled(dev_path)
    if len(rows) < 2 or not dev:
        raise ConfigError("training needs labelled train and dev rows", "give CheckThat! TSVs with class_label")
    fit, tune = _fit_and_tune(_documents(trunk, sorted(rows)[: cfg.limit], cfg, log), cfg, log)
    branch, head = _start(trunk, cfg)
    optim = torch.optim.AdamW(
        [{"params": list(branch.parameters()), "lr": cfg.lr}, {"params": list(head.parameters()), "lr": cfg.head_lr}],
        weight_decay=0.01,
    )
    per_epoch = (len(fit) + cfg.batch_size - 1) // cfg.batch_size
    total, bf16 = max(1, cfg.epochs * per_epoch), native_bf16()
    warm = max(1, int(0.06 * total))  # linear warm-up over 6% of the steps, then linear decay
    sched = torch.optim.lr_scheduler.LambdaLR(optim, lambda s: min(1.0, (s + 1) / warm) * max(0.0, 1 - s / total))

    def logits(batch: Sequence[_Doc]) -> tuple[Any, list[bool]]:
        width = -(-max(d.states.shape[0] for d in batch) // 32) * 32  # few shapes: the CPU kernels are reused
        x = torch.zeros((len(batch), width, head.in_features // 2))
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for r, d in enumerate(batch):
            x[r, : d.states.shape[0]] = d.states.float()
            mask[r, : d.states.shape[0]] = 1
        with autocast_bf16(bf16):
            y = branch(x, mask)
        vecs = [sentence_vectors(y[r].float(), d.ranges) for r, d in enumerate(batch)]
        return head(torch.cat(vecs)).squeeze(-1), [lab for d in batch for lab in d.labels]

    def batches(epoch: int) -> Iterator[list[_Doc]]:
        order = list(range(len(fit)))
        rng.shuffle(order)
        for i in range(0, len(order), cfg.batch_size):
            yield [fit[j] for j in order[i : i + cfg.batch_size]]

    def loss(batch: list[_Doc]) -> tuple[Any, dict[str, float]]:
        z, gold = logits(batch)
        value = torch.nn.functional.binary_cross_entropy_with_logits(z.float(), torch.tensor(gold, dtype=torch.float))
        return value, {"sentence": value.item()}

    def evaluate(epoch: int) -> Evaluation:
        probs: list[float] = []
        gold: list[bool] = []
        with torch.no_grad():
            for i in range(0, len(tune), 64):
                z, g = logits(tune[i : i + 64])
                probs += torch.sigmoid(z.float()).tolist()
                gold += g
        return _chosen(gold, probs, epoch)

    def snapshot() -> dict[str, Any]:
        base = base_of(branch, pinned_encoder())
        return {"branch": encoder_delta(branch, base), "head": {k: v.clone() for k, v in head.state_dict().items()}}

    best = train_while_improving(
        Loop(
            modules=[branch, head],
            optimizers=[optim],
            batches=batches,
            loss=loss,
            snapshot=snapshot,
            epochs=cfg.epochs,
            evaluate=evaluate,
            scheduler=sched,
            scheduler_steps=total,
            steps_per_epoch=per_epoch,
            log_every=100,
        ),
        log,
    )
    assert best.evaluation is not None
    return _save(best.state, best.evaluation.record, best.seconds, trunk, dev, out, cfg, log)


def _fit_and_tune(docs: Sequence[_Doc], cfg: BranchConfig, log: Callable[[str], None]) -> tuple[list[_Doc], ...]:
    """The documents to fit on and those held out (whole documents: neighbouring sentences share topics)."""
    tune_keys = held_out([str(k) for k in range(len(docs))], cfg.tune_fraction, cfg.seed)
    fit = [d for k, d in enumerate(docs) if str(k) not in tune_keys]
    tune = [d for k, d in enumerate(docs) if str(k) in tune_keys]
    log(f"{sum(len(d.labels) for d in fit)} sentences to fit on, {sum(len(d.labels) for d in tune)} held out")
    return fit, tune


def _chosen(gold: Sequence[bool], probs: Sequence[float], epoch: int) -> Evaluation:
    """The F1-best threshold on the held-out documents (ties: the one nearest 0.5) and its scores."""
    th, (p, r, f1) = max(
        ((t, f1_yes(gold, [q >= t for q in probs])) for t in [x / 100 for x in range(5, 96)]),
        key=lambda item: (item[1][2], -abs(item[0] - 0.5)),
    )
    record = {"threshold": th, "precision": p, "recall": r, "f1": f1, "epoch": epoch + 1}
    return Evaluation(f1, f"held out: F1 {f1:.3f} (P {p:.3f} R {r:.3f}) at {th:.2f}", record)


def _labelled(path: Path) -> list[tuple[int, str, bool]]:
    """``(id, text with blanks collapsed, Yes?)`` of the labelled rows of a CheckThat! TSV."""
    return [(int(sid), " ".join(t.split()), lab == "Yes") for sid, t, lab in read_ct24(path) if lab is not None]


def _start(trunk: TechniquesModel, cfg: BranchConfig) -> tuple[Any, Any]:
    """A branch holding the techniques encoder's own upper layers (where training starts), trainable, and a
    new head."""
    import torch

    branch = build_branch(pinned_encoder(), cfg.shared)
    with torch.no_grad():
        tech = dict(trunk._load().members[0].encoder.named_parameters())
        for name, p in branch.named_parameters():
            k, rest = name.split(".", 2)[1:]
            p.copy_(tech[f"encoder.layer.{cfg.shared + int(k)}.{rest}"].float())
            p.requires_grad = True
    return branch, torch.nn.Linear(2 * int(pinned_encoder().config.hidden_size), 1)


def _save(
    kept: dict[str, Any],
    record: dict[str, Any],
    seconds: float,
    trunk: TechniquesModel,
    dev: Sequence[tuple[int, str, bool]],
    out: Path,
    cfg: BranchConfig,
    log: Callable[[str], None],
) -> dict[str, Any]:
    """Save the kept epoch to ``out`` (atomically), score dev with the saved file, record that in it."""
    import torch

    state = {
        **kept,
        "config": asdict(cfg),
        "trunk_sha256": file_sha256(trunk.weights),
        "threshold": record["threshold"],
        "tune": record,
        "hide_names": True,
        "train_seconds": seconds,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    torch.save(state, tmp)
    tmp.replace(out)
    model = ClaimsBranchModel(out, trunk)
    probs = model.predict_rows([(sid, t) for sid, t, _ in dev], cfg.budget)
    precision, recall, f1 = f1_yes([y for _, _, y in dev], [p >= model.threshold for p in probs])
    state["dev"] = {"precision": precision, "recall": recall, "f1": f1}
    torch.save(state, tmp)
    tmp.replace(out)
    log(f"dev (held out) at threshold {model.threshold:.2f}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    log(f"saved {out} ({out.stat().st_size / 1e6:.2f} MB); config {json.dumps(state['config'])}")
    return {"threshold": model.threshold, **state["dev"], "tune": record, "seconds": seconds}
