"""Training the check-worthiness model and the sentence classifiers built the same way (the techniques model's
sentence gate); :mod:`unspin.models.checkworthy` is the inference side.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..models.checkworthy import WEIGHTS, CheckworthyModel, TrainConfig, f1_yes, read_ct24
from ..models.minilm import apply_delta, apply_lora, load_encoder, lora_state, mean_pool

__all__ = ["train_checkworthy", "train_sentence_classifier"]


def train_checkworthy(
    train_path: Path,
    dev_path: Path,
    out: Path = WEIGHTS,
    config: TrainConfig | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Train adapter + head on ``train_path``, pick the threshold on ``dev_path``, save to ``out``."""
    import torch

    train = [(t, lab == "Yes") for _, t, lab in read_ct24(train_path) if lab is not None]
    dev = [(t, lab == "Yes") for _, t, lab in read_ct24(dev_path) if lab is not None]
    state = train_sentence_classifier(train, dev, config, log)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    torch.save(state, tmp)
    tmp.replace(out)
    log(f"saved {out} ({out.stat().st_size / 1e6:.2f} MB); config {json.dumps(state['config'])}")
    return {"threshold": state["threshold"], **state["dev"], "seconds": state["train_seconds"]}


def train_sentence_classifier(
    train: Sequence[tuple[str, bool]],
    dev: Sequence[tuple[str, bool]],
    config: TrainConfig | None = None,
    log: Callable[[str], None] = print,
    adapted: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Train a LoRA adapter + linear head on mean-pooled MiniLM states to tell ``True`` sentences from
    ``False`` ones (weighted binary cross-entropy); pick the F1-best threshold on ``dev``.

    Returns the state to save (adapter, head, threshold, config, dev scores, seconds); :meth:`CheckworthyModel.
    from_state` scores sentences with it.  Also used for the techniques model's sentence gate.  ``adapted``: an
    encoder change (:func:`~unspin.training.techniques.adapt_encoder`) the adapter sits on; it is saved with it.
    """
    import numpy as np
    import torch

    cfg = config or TrainConfig()
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    train = list(train)
    if cfg.limit:
        train = train[: cfg.limit]
    if not train or not dev:
        raise ConfigError("training needs labelled train and dev rows", "give CheckThat! TSVs with class_label")
    tokenizer, encoder = load_encoder()
    if adapted is not None:
        apply_delta(encoder, adapted, Path("<adapted encoder>"), "unspin techniques train --adapt-epochs N")
    apply_lora(encoder, r=cfg.lora_r, alpha=cfg.lora_alpha)
    head = torch.nn.Linear(encoder.config.hidden_size, 1)
    params = [p for p in encoder.parameters() if p.requires_grad] + list(head.parameters())
    optim = torch.optim.AdamW(params, lr=cfg.lr, weight_decay=0.01)
    positives = sum(1 for _, y in train if y)
    pos_weight = torch.tensor([(len(train) - positives) / max(1, positives)])
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    steps = cfg.epochs * ((len(train) + cfg.batch_size - 1) // cfg.batch_size)
    sched = torch.optim.lr_scheduler.OneCycleLR(optim, max_lr=cfg.lr, total_steps=max(1, steps), pct_start=0.1)
    log(f"train {len(train)} rows ({positives} Yes), dev {len(dev)}; {cfg}")
    started = time.perf_counter()
    step = 0
    for epoch in range(cfg.epochs):
        encoder.train()
        order = list(range(len(train)))
        random.shuffle(order)
        total = 0.0
        for i in range(0, len(order), cfg.batch_size):
            rows = [train[j] for j in order[i : i + cfg.batch_size]]
            batch = tokenizer(
                [t for t, _ in rows], padding=True, truncation=True, max_length=cfg.max_tokens, return_tensors="pt"
            )
            target = torch.tensor([1.0 if y else 0.0 for _, y in rows])
            logits = head(mean_pool(encoder(**batch).last_hidden_state, batch["attention_mask"])).squeeze(-1)
            loss = loss_fn(logits, target)
            optim.zero_grad()
            loss.backward()
            optim.step()
            sched.step()
            total += loss.item() * len(rows)
            step += 1
            if step % 100 == 0:
                log(
                    f"epoch {epoch + 1} step {step}/{steps} loss {total / (i + len(rows)):.4f} "
                    f"{time.perf_counter() - started:.0f}s"
                )
        log(f"epoch {epoch + 1} done: mean loss {total / len(train):.4f}")
    encoder.eval()
    model = CheckworthyModel(Path("<training>"))
    model._parts = (tokenizer, encoder, head, 0.5)
    probs = model.predict_proba([t for t, _ in dev])
    gold = [y for _, y in dev]
    best = max(
        ((th, f1_yes(gold, [p >= th for p in probs])) for th in [x / 100 for x in range(5, 96)]),
        key=lambda item: (item[1][2], -abs(item[0] - 0.5)),
    )
    threshold, (precision, recall, f1) = best
    seconds = time.perf_counter() - started
    log(f"dev: threshold {threshold:.2f} P {precision:.3f} R {recall:.3f} F1 {f1:.3f} ({seconds:.0f}s training)")
    return {
        **({"adapted": dict(adapted)} if adapted is not None else {}),
        "lora": lora_state(encoder),
        "head": head.state_dict(),
        "threshold": threshold,
        "config": asdict(cfg),
        "dev": {"precision": precision, "recall": recall, "f1": f1},
        "train_seconds": seconds,
    }
