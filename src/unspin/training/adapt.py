"""Task-adaptive pretraining of the encoder before the techniques model is trained: its six blocks learn the
masked words of the PTC train articles' text (names hidden), and tagger and sentence classifiers start from
there (Gururangan et al. 2020, "Don't Stop Pretraining").  Called by
:func:`unspin.training.techniques.train_techniques`.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..corpora.ptc import (
    load_articles,
    load_labels,
    split_paths,
)
from ..errors import ConfigError
from ..models.minilm import autocast_bf16, encoder_delta, tunable_encoder
from ..models.techniques import (
    TechConfig,
    _batch,
)

if TYPE_CHECKING:
    import torch

from .technique_data import prepare_articles, train_windows

__all__ = ["adapt_encoder"]

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
    arts = prepare_articles(tokenizer, {a: texts[a] for a in ids}, {}, cfg.hide_names)
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

    per_epoch = math.ceil(len(train_windows(arts, size, random.Random(0))) / _ADAPT_BATCH)
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
        wins = train_windows(arts, size, rng)
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
        wins = train_windows(arts, size, rng)
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
