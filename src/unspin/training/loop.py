"""The one training loop every model of unspin trains with (as spaCy's ``train_while_improving``).

A trainer says what is particular to its model: the batches of an epoch, the loss of a batch, how the model
is scored after an epoch and what state to keep; :func:`train_while_improving` does the rest the same way
for all of them: train and eval modes, the optimiser and scheduler steps, gradient clipping, the running
losses in the log, keeping the best epoch's state, and a time budget.  Data reaches a trainer as arguments,
never through module globals.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import torch

__all__ = ["Best", "Evaluation", "Loop", "seed_everything", "train_while_improving"]

B = TypeVar("B")


def seed_everything(seed: int) -> None:
    """Seed Python's, NumPy's and torch's global generators (a trainer's own ``random.Random`` is apart)."""
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


@dataclass(frozen=True)
class Evaluation:
    """A trainer's verdict on an epoch: ``score`` (higher is better), the line to log, what to keep with it."""

    score: float
    message: str
    record: Any = None


@dataclass(frozen=True)
class Best:
    """The epoch kept: its number (1-based), its evaluation, the trainer's snapshot of the model then."""

    epoch: int
    evaluation: Evaluation | None
    state: Any
    seconds: float  #: the whole loop's time


@dataclass
class Loop(Generic[B]):
    """What one run of :func:`train_while_improving` does.

    ``batches(epoch)`` yields the epoch's batches (a trainer shuffles with its own seeded generator);
    ``loss(batch)`` returns the loss to minimise and its named parts for the log; ``evaluate(epoch)``
    scores the model after an epoch (modules in eval mode); ``snapshot()`` copies what to keep of the best
    epoch (with no ``evaluate``, of the last).  ``scheduler_steps``: the scheduler steps at most this many
    times (schedulers such as ``OneCycleLR`` fail past their planned total).  ``max_steps`` stops the run
    after that many optimiser steps; ``max_minutes`` stops it before an epoch that would pass the budget.
    """

    modules: Sequence[torch.nn.Module]
    optimizers: Sequence[torch.optim.Optimizer]
    batches: Callable[[int], Iterable[B]]
    loss: Callable[[B], tuple[Any, Mapping[str, float]]]  #: (a scalar tensor, its parts as numbers)
    snapshot: Callable[[], Any]
    epochs: int
    evaluate: Callable[[int], Evaluation] | None = None
    scheduler: torch.optim.lr_scheduler.LRScheduler | None = None
    scheduler_steps: int | None = None
    clip: tuple[Sequence[torch.nn.Parameter], float] | None = None
    steps_per_epoch: int | None = None  #: for the log only
    log_every: int = 50
    max_steps: int | None = None
    max_minutes: float | None = None
    what: str = "epoch"  #: how the log names a pass


def train_while_improving(loop: Loop[Any], log: Callable[[str], None] = print) -> Best:
    """Run ``loop`` and return the best epoch (the last without an ``evaluate``)."""
    started = time.perf_counter()
    best: Best | None = None
    step = 0
    for epoch in range(loop.epochs):
        epoch_started = time.perf_counter()
        for m in loop.modules:
            m.train()
        totals: dict[str, float] = {}
        done = 0
        batches = iter(loop.batches(epoch))
        # the step limit is checked before the next batch is made: making one may draw random numbers
        while loop.max_steps is None or step < loop.max_steps:
            batch = next(batches, _END)
            if batch is _END:
                break
            _step(loop, batch, totals)
            step, done = step + 1, done + 1
            if loop.log_every and step % loop.log_every == 0:
                of = f"/{loop.steps_per_epoch}" if loop.steps_per_epoch else ""
                log(
                    f"{loop.what} {epoch + 1} step {done}{of} {_losses(totals, done)} "
                    f"{time.perf_counter() - started:.0f}s"
                )
        for m in loop.modules:
            m.eval()
        evaluation = loop.evaluate(epoch) if loop.evaluate is not None else None
        took = time.perf_counter() - epoch_started
        log(
            f"{loop.what} {epoch + 1} of {loop.epochs} done in {took:.0f}s: {_losses(totals, done)}"
            + (f"; {evaluation.message}" if evaluation is not None else "")
        )
        if evaluation is not None and (best is None or evaluation.score > _score(best)):
            best = Best(epoch + 1, evaluation, loop.snapshot(), 0.0)
        elif evaluation is None:
            best = Best(epoch + 1, None, None, 0.0)  # the last epoch is kept: its snapshot is taken at the end
        if loop.max_steps is not None and step >= loop.max_steps:
            break
        elapsed = (time.perf_counter() - started) / 60
        another = elapsed * (epoch + 2) / (epoch + 1)  # the time so far plus one more epoch of the mean length
        if loop.max_minutes is not None and epoch + 1 < loop.epochs and another > loop.max_minutes:
            log(f"stopping after {loop.what} {epoch + 1}: another would pass {loop.max_minutes:.0f} minutes")
            break
    if best is None or best.evaluation is None:
        best = Best(best.epoch if best else 0, None, loop.snapshot(), 0.0)
    return Best(best.epoch, best.evaluation, best.state, time.perf_counter() - started)


_END = object()


def _step(loop: Loop[Any], batch: Any, totals: dict[str, float]) -> None:
    import torch

    loss, parts = loop.loss(batch)
    for opt in loop.optimizers:
        opt.zero_grad()
    loss.backward()
    if loop.clip is not None:
        torch.nn.utils.clip_grad_norm_(loop.clip[0], loop.clip[1])
    for opt in loop.optimizers:
        opt.step()
    sched, limit = loop.scheduler, loop.scheduler_steps
    if sched is not None and (limit is None or sched.last_epoch < limit):
        sched.step()
    for name, value in parts.items():
        totals[name] = totals.get(name, 0.0) + value


def _score(best: Best) -> float:
    return best.evaluation.score if best.evaluation is not None else float("-inf")


def _losses(totals: Mapping[str, float], n: int) -> str:
    return ", ".join(f"{name} loss {value / max(1, n):.4f}" for name, value in totals.items()) or "no steps"
