"""The shared training loop (unspin.training.loop) on a one-weight model: what it keeps, when it stops."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

torch = pytest.importorskip("torch")

from unspin.training.loop import Evaluation, Loop, train_while_improving  # noqa: E402


def _setup() -> tuple[Any, Any]:
    torch.manual_seed(0)
    model = torch.nn.Linear(1, 1, bias=False)
    with torch.no_grad():
        model.weight.fill_(0.0)
    return model, torch.optim.SGD(model.parameters(), lr=0.1)


def _loss(model: Any) -> Any:
    def loss(target: float) -> tuple[Any, dict[str, float]]:
        value = (model(torch.ones(1, 1)) - target).pow(2).sum()
        return value, {"square": value.item()}

    return loss


def test_keeps_the_epoch_with_the_best_evaluation_not_the_last() -> None:
    model, opt = _setup()
    # epochs pull the weight towards 1, then far past it, then back: the first is the best
    targets = [[1.0] * 40, [5.0] * 40, [3.0] * 40]
    loop: Loop[float] = Loop(
        [model],
        [opt],
        lambda epoch: iter(targets[epoch]),
        _loss(model),
        lambda: float(model.weight.item()),
        epochs=3,
        evaluate=lambda epoch: Evaluation(-abs(model.weight.item() - 1.0), "distance to 1"),
    )
    lines: list[str] = []
    best = train_while_improving(loop, lines.append)
    assert best.epoch == 1 and best.state == pytest.approx(1.0, abs=0.01)
    assert model.weight.item() == pytest.approx(3.0, abs=0.05)  # the model itself ends where training left it
    assert len([x for x in lines if "done in" in x]) == 3 and "distance to 1" in lines[-1]


def test_stops_at_max_steps_before_making_another_batch() -> None:
    model, opt = _setup()
    made: list[int] = []

    def batches(epoch: int) -> Iterator[float]:
        for _ in range(4):
            made.append(epoch)
            yield 1.0

    snapshots: list[int] = []
    loop: Loop[float] = Loop(
        [model], [opt], batches, _loss(model), lambda: snapshots.append(1), epochs=10, max_steps=6, log_every=0
    )
    best = train_while_improving(loop, lambda m: None)
    assert made == [0, 0, 0, 0, 1, 1]  # the seventh batch was never made (it may draw random numbers)
    assert best.epoch == 2 and snapshots == [1]  # without an evaluation: the last epoch, snapshot taken once


def test_scheduler_steps_stop_at_their_limit() -> None:
    model, opt = _setup()
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: 1.0)
    loop: Loop[float] = Loop(
        [model], [opt], lambda e: iter([1.0] * 5), _loss(model), lambda: None, 2, scheduler=sched, scheduler_steps=7
    )
    train_while_improving(loop, lambda m: None)
    assert sched.last_epoch == 7  # ten optimiser steps, seven scheduler steps
