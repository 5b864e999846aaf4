"""Training the check-worthiness model and the sentence classifiers built the same way (the techniques model's
sentence gate); :mod:`unspin.models.checkworthy` is the inference side.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..models.checkworthy import WEIGHTS, CheckworthyModel, TrainConfig, f1_yes, read_ct24
from ..models.minilm import apply_delta, apply_lora, load_encoder, lora_state, mean_pool
from .holdout import split_rows
from .loop import Loop, seed_everything, train_while_improving

__all__ = ["train_checkworthy", "train_sentence_classifier"]


def train_checkworthy(
    train_path: Path,
    dev_path: Path,
    out: Path = WEIGHTS,
    config: TrainConfig | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Train adapter + head on ``train_path`` less a held-out part (:mod:`.holdout`), choose the threshold on
    that part, then score ``dev_path`` with it (held out: dev chooses nothing) and save to ``out``.

    With ``config.hide_names`` every sentence reaches the encoder with its names as one neutral word
    (:mod:`unspin.models.names`), in training and prediction.
    """
    import torch

    cfg = config or TrainConfig()
    rows = [(sid, t, lab == "Yes") for sid, t, lab in read_ct24(train_path) if lab is not None]
    if cfg.limit:
        rows = rows[: cfg.limit]
    dev_rows = [(t, lab == "Yes") for _, t, lab in read_ct24(dev_path) if lab is not None]
    if not rows or not dev_rows:
        raise ConfigError("training needs labelled train and dev rows", "give CheckThat! TSVs with class_label")
    fit, tune = split_rows(rows, lambda r: r[0], cfg.tune_fraction, cfg.seed)
    log(f"{len(fit)} train rows to fit on, {len(tune)} held out to choose the threshold on")
    train = _hidden([(t, y) for _, t, y in fit], cfg)
    state = train_sentence_classifier(train, _hidden([(t, y) for _, t, y in tune], cfg), cfg, log)
    state["hide_names"] = cfg.hide_names
    scorer = CheckworthyModel.from_state(state, "<training>", "unspin claims train")
    probs = scorer.predict_proba([t for t, _ in _hidden(dev_rows, cfg)])
    precision, recall, f1 = f1_yes([y for _, y in dev_rows], [p >= state["threshold"] for p in probs])
    state["dev"] = {"precision": precision, "recall": recall, "f1": f1}
    log(f"dev (held out) at threshold {state['threshold']:.2f}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    torch.save(state, tmp)
    tmp.replace(out)
    log(f"saved {out} ({out.stat().st_size / 1e6:.2f} MB); config {json.dumps(state['config'])}")
    return {"threshold": state["threshold"], **state["dev"], "tune": state["tune"], "seconds": state["train_seconds"]}


def _hidden(rows: Sequence[tuple[str, bool]], cfg: TrainConfig) -> list[tuple[str, bool]]:
    """``rows`` with each text's names as their neutral word when ``cfg.hide_names``."""
    if not cfg.hide_names:
        return list(rows)
    from ..models.names import find_names, hide_in_text

    names = find_names([t for t, _ in rows], batch_size=256, method=cfg.names_method)
    return [(hide_in_text(t, n), y) for (t, y), n in zip(rows, names, strict=True)]


def train_sentence_classifier(
    train: Sequence[tuple[str, bool]],
    tune: Sequence[tuple[str, bool]],
    config: TrainConfig | None = None,
    log: Callable[[str], None] = print,
    adapted: Mapping[str, Any] | None = None,
    encoder: Callable[[], tuple[Any, Any]] | None = None,
) -> dict[str, Any]:
    """Train a LoRA adapter + linear head on mean-pooled MiniLM states to tell ``True`` sentences from
    ``False`` ones (weighted binary cross-entropy, :func:`~.loop.train_while_improving`); pick the F1-best
    threshold on ``tune`` (rows held out of the training data, never the dev split reported).

    Returns the state to save (adapter, head, threshold, config, ``tune`` scores, seconds); :meth:`CheckworthyModel.
    from_state` scores sentences with it.  Also used for the techniques model's sentence gate.  ``adapted``: an
    encoder change (:func:`~unspin.training.adapt.adapt_encoder`) the adapter sits on; it is saved with it.
    ``encoder()`` gives the tokenizer and the pinned encoder (default: the installed package's).
    """
    import torch

    cfg = config or TrainConfig()
    seed_everything(cfg.seed)
    rng = random.Random(cfg.seed)
    train = list(train)
    if cfg.limit:
        train = train[: cfg.limit]
    if not train or not tune:
        raise ConfigError(
            "training needs labelled rows to fit on and to choose on", "give CheckThat! TSVs with class_label"
        )
    tokenizer, model = (encoder or load_encoder)()
    if adapted is not None:
        apply_delta(model, adapted, Path("<adapted encoder>"), "unspin techniques train --adapt-epochs N")
    apply_lora(model, r=cfg.lora_r, alpha=cfg.lora_alpha)
    head = torch.nn.Linear(model.config.hidden_size, 1)
    params = [p for p in model.parameters() if p.requires_grad] + list(head.parameters())
    optim = torch.optim.AdamW(params, lr=cfg.lr, weight_decay=0.01)
    positives = sum(1 for _, y in train if y)
    pos_weight = torch.tensor([(len(train) - positives) / max(1, positives)])
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    per_epoch = (len(train) + cfg.batch_size - 1) // cfg.batch_size
    sched = torch.optim.lr_scheduler.OneCycleLR(
        optim, max_lr=cfg.lr, total_steps=max(1, cfg.epochs * per_epoch), pct_start=0.1
    )
    log(f"train {len(train)} rows ({positives} Yes), held out {len(tune)}; {cfg}")

    def batches(epoch: int) -> Iterator[list[tuple[str, bool]]]:
        order = list(range(len(train)))
        rng.shuffle(order)
        for i in range(0, len(order), cfg.batch_size):
            yield [train[j] for j in order[i : i + cfg.batch_size]]

    def loss(rows: list[tuple[str, bool]]) -> tuple[Any, dict[str, float]]:
        batch = tokenizer(
            [t for t, _ in rows], padding=True, truncation=True, max_length=cfg.max_tokens, return_tensors="pt"
        )
        target = torch.tensor([1.0 if y else 0.0 for _, y in rows])
        logits = head(mean_pool(model(**batch).last_hidden_state, batch["attention_mask"])).squeeze(-1)
        value = loss_fn(logits, target)
        return value, {"sentence": value.item()}

    loop: Loop[list[tuple[str, bool]]] = Loop(
        modules=[model, head],
        optimizers=[optim],
        batches=batches,
        loss=loss,
        snapshot=lambda: None,  # the last epoch is kept: the model is read in place
        epochs=cfg.epochs,
        scheduler=sched,
        steps_per_epoch=per_epoch,
        log_every=100,
    )
    trained = train_while_improving(loop, log)
    scorer = CheckworthyModel(Path("<training>"))
    scorer._parts = (tokenizer, model, head, 0.5)
    probs = scorer.predict_proba([t for t, _ in tune])
    gold = [y for _, y in tune]
    best = max(
        ((th, f1_yes(gold, [p >= th for p in probs])) for th in [x / 100 for x in range(5, 96)]),
        key=lambda item: (item[1][2], -abs(item[0] - 0.5)),
    )
    threshold, (precision, recall, f1) = best
    log(
        f"held out of train: threshold {threshold:.2f} P {precision:.3f} R {recall:.3f} F1 {f1:.3f} "
        f"({trained.seconds:.0f}s training)"
    )
    return {
        **({"adapted": dict(adapted)} if adapted is not None else {}),
        "lora": lora_state(model),
        "head": head.state_dict(),
        "threshold": threshold,
        "config": asdict(cfg),
        "tune": {"precision": precision, "recall": recall, "f1": f1},
        "train_seconds": trained.seconds,
    }
