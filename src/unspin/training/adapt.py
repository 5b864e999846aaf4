"""Task-adaptive pretraining of the encoder before the techniques model is trained: its six blocks learn the
masked words of the PTC train articles' text (names hidden), and tagger and sentence classifiers start from
there (Gururangan et al. 2020, "Don't Stop Pretraining").  Called by
:func:`unspin.training.techniques.train_techniques`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..models.minilm import autocast_bf16, encoder_delta, tunable_encoder
from ..models.technique_text import window_batch
from ..models.techniques import (
    TechConfig,
)

if TYPE_CHECKING:
    import torch

from .loop import Loop, train_while_improving
from .technique_data import Article, train_windows

__all__ = ["adapt_encoder"]

_ADAPT_BATCH = 32  # windows per adaptation step
_ADAPT_WARMUP = 100  # steps that train only the new output head, so its random start does not disturb the blocks
#                     (at most two steps per planned step of the blocks, for tiny corpora)
_MASK_RATE = 0.15


def adapt_encoder(
    cfg: TechConfig,
    articles: Sequence[Article],
    log: Callable[[str], None] = print,
    encoder: Callable[[], tuple[Any, Any]] | None = None,
) -> dict[str, Any]:
    """Task-adaptive pretraining: the six blocks of the pinned encoder trained on the masked-language-model task
    over the word pieces of ``articles`` (the PTC *train* articles, prepared with names hidden when
    ``cfg.hide_names``: :func:`~.technique_data.load_technique_data`), before any task training.  ``encoder()``
    gives the tokenizer and the pinned encoder, blocks trainable (default: :func:`~.minilm.tunable_encoder`).
    Both phases run in :func:`~.loop.train_while_improving`.

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
    arts = list(articles)
    if not arts:
        raise ConfigError("adaptation needs the train articles", "check the PTC folder")
    tokenizer, model = (encoder or tunable_encoder)()
    base = {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}
    emb = model.embeddings.word_embeddings.weight
    hsize = int(model.config.hidden_size)
    head = nn.Sequential(nn.Linear(hsize, hsize), nn.GELU(), nn.LayerNorm(hsize, eps=1e-12))
    bias = nn.Parameter(torch.zeros(emb.shape[0]))
    masked = _Masking(tokenizer, arts, torch.Generator().manual_seed(cfg.seed))
    size = cfg.window - 2

    def loss_of(batch: tuple[torch.Tensor, ...], grad_blocks: bool) -> Any:  # a scalar tensor
        inputs, att, sel, target = batch
        with torch.set_grad_enabled(grad_blocks), autocast_bf16(cfg.bf16):
            states = model(input_ids=inputs, attention_mask=att).last_hidden_state
        with autocast_bf16(cfg.bf16):
            logits = head(states[sel].float()) @ emb.T + bias
        return nn.functional.cross_entropy(logits.float(), target)

    per_epoch = math.ceil(len(train_windows(arts, size, random.Random(0))) / _ADAPT_BATCH)
    total = max(1, int(cfg.adapt_epochs * per_epoch * 1.05))  # shifted windows vary the count a little
    blocks = [p for p in model.parameters() if p.requires_grad]
    opt_head = torch.optim.AdamW([*head.parameters(), bias], lr=1e-3, weight_decay=0.01)
    opt_blocks = torch.optim.AdamW(blocks, lr=cfg.adapt_lr, weight_decay=0.01)
    warm = max(1, int(0.06 * total))
    head_steps = min(_ADAPT_WARMUP, 2 * total)
    sched = torch.optim.lr_scheduler.LambdaLR(opt_blocks, lambda s: min(1.0, (s + 1) / warm) * max(0.0, 1 - s / total))
    log(
        f"adapting the encoder: {len(arts)} train articles, {sum(len(a.tokens.ids) for a in arts)} word pieces, "
        f"{cfg.adapt_epochs} passes of ~{per_epoch} steps after {head_steps} steps of the new head alone"
    )

    def batches(epoch: int) -> Iterator[tuple[torch.Tensor, ...]]:
        wins = train_windows(arts, size, rng)
        rng.shuffle(wins)
        for i in range(0, len(wins), _ADAPT_BATCH):
            yield masked(wins[i : i + _ADAPT_BATCH])

    def loss(batch: tuple[torch.Tensor, ...], grad_blocks: bool) -> tuple[Any, dict[str, float]]:
        value = loss_of(batch, grad_blocks)
        return value, {"masked-word": value.item()}

    modules = [model, head]
    head_alone: Loop[tuple[torch.Tensor, ...]] = Loop(
        modules,
        [opt_head],
        batches,
        lambda b: loss(b, False),
        lambda: None,
        head_steps,
        max_steps=head_steps,
        log_every=0,
        what="head-alone pass",
    )
    train_while_improving(head_alone, log)
    passes: Loop[tuple[torch.Tensor, ...]] = Loop(
        modules,
        [opt_head, opt_blocks],
        batches,
        lambda b: loss(b, True),
        lambda: encoder_delta(model, base),
        cfg.adapt_epochs,
        scheduler=sched,
        scheduler_steps=total,
        clip=(blocks, 1.0),
        steps_per_epoch=per_epoch,
        log_every=0,
        what="adaptation pass",
    )
    delta: dict[str, Any] = train_while_improving(passes, log).state
    return delta


class _Masking:
    """BERT's masking of a batch of windows: 15% of the word pieces chosen (never [CLS], [SEP] or padding), of
    which 80% become ``[MASK]``, 10% a random piece in use in the corpus, 10% stay.  Returns the inputs, the
    attention mask, the chosen positions and their true pieces."""

    def __init__(self, tokenizer: Any, arts: Sequence[Article], gen: torch.Generator) -> None:
        import torch

        self.tokenizer, self.arts, self.gen = tokenizer, arts, gen
        self.vocab = torch.tensor(sorted({t for a in arts for t in a.tokens.ids}))
        ids = {int(tokenizer.cls_token_id), int(tokenizer.sep_token_id), int(tokenizer.pad_token_id)}
        self.special = torch.tensor(sorted(ids))
        self.mask_id = int(tokenizer.mask_token_id)

    def __call__(self, chunk: Sequence[tuple[int, int, int]]) -> tuple[torch.Tensor, ...]:
        import torch

        gen = self.gen
        ids_t, att = window_batch(self.tokenizer, [self.arts[k].tokens.ids[a:b] for k, a, b in chunk])
        real = att.bool() & ~torch.isin(ids_t, self.special)
        sel = (torch.rand(ids_t.shape, generator=gen) < _MASK_RATE) & real
        target = ids_t[sel]
        u = torch.rand(target.shape, generator=gen)
        pool = self.vocab[torch.randint(len(self.vocab), target.shape, generator=gen)]
        replaced = torch.where(u < 0.8, torch.full_like(target, self.mask_id), torch.where(u < 0.9, pool, target))
        inputs = ids_t.clone()
        inputs[sel] = replaced
        return inputs, att, sel, target
