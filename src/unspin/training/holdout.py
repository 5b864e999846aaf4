"""Holding out part of the training data to choose epochs, thresholds and decoding values on, so that dev stays
unseen until it is reported.

Why: a threshold chosen on dev and then measured on dev reports the best of many tries, not what the model does on
new text.  We measured the difference: the check-worthiness threshold chosen on dev gave dev F1 0.92 and recall
near 0.5 on unseen data of the same task; the techniques' decoding values chosen on dev gave SI F1 about 0.04
higher on dev than on unseen PTC articles.  Every trainer of unspin therefore fits on ``train`` less a held-out
part and chooses on that part; ``dev`` is read only to report.

The held-out part is the ``fraction`` of *groups* (an article, a source document) whose seeded SHA-256 is lowest:
deterministic, independent of the order the rows come in, and never splitting a group, because sentences of one
document share words and topics and would make the held-out part look easier than new text.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from ..errors import ConfigError

__all__ = ["TUNE_FRACTION", "held_out", "ptc_tuning_root", "split_rows"]

#: The share of the training groups held out to choose on (a sixth to a seventh of the data is the usual
#: compromise between a stable choice and what the model loses to train on).
TUNE_FRACTION = 0.15

T = TypeVar("T")


def held_out(groups: Sequence[str], fraction: float = TUNE_FRACTION, seed: int = 13) -> set[str]:
    """The groups held out: ``round(fraction × n)`` of the ``n`` distinct ``groups`` (at least one, never all)
    whose SHA-256 of ``"seed:group"`` is lowest."""
    if not 0.0 < fraction < 1.0:
        raise ConfigError(f"cannot hold out a fraction of {fraction}", "give a fraction between 0 and 1, say 0.15")
    distinct = sorted(set(groups))
    if len(distinct) < 2:
        raise ConfigError(
            f"cannot hold out part of {len(distinct)} training group(s)",
            "give at least two training documents: one to fit on, one to choose thresholds on",
        )
    n = min(len(distinct) - 1, max(1, round(fraction * len(distinct))))
    ranked = sorted(distinct, key=lambda g: hashlib.sha256(f"{seed}:{g}".encode()).hexdigest())
    return set(ranked[:n])


def split_rows(
    rows: Sequence[T], group: Callable[[T], str], fraction: float = TUNE_FRACTION, seed: int = 13
) -> tuple[list[T], list[T]]:
    """``(fit, tune)``: the rows outside and inside the held-out groups, each in the given order."""
    keys = [group(r) for r in rows]
    tune = held_out(keys, fraction, seed)
    return [r for r, k in zip(rows, keys, strict=True) if k not in tune], [
        r for r, k in zip(rows, keys, strict=True) if k in tune
    ]


@contextlib.contextmanager
def ptc_tuning_root(split_root: Path, fraction: float = TUNE_FRACTION, seed: int = 13) -> Iterator[Path]:
    """A PTC folder (in a temporary directory, for the ``with`` block) whose ``train`` is ``split_root``'s train
    articles less the held-out ones and whose ``dev`` is the held-out train articles, as links to the files;
    the trainers read it like any PTC folder, so they choose on held-out train without knowing it."""
    from ..corpora.ptc import split_paths

    articles, labels = split_paths("train", split_root)
    try:
        ids = sorted(p.name[: -len(".txt")] for p in articles.glob("article*.txt"))
    except OSError as exc:
        raise ConfigError(f"{articles}: cannot list ({exc.strerror})", "check the PTC folder") from None
    tune = held_out(ids, fraction, seed)
    with tempfile.TemporaryDirectory(prefix="unspin-tune-") as tmp:
        root = Path(tmp)
        for part, chosen in (("train", [a for a in ids if a not in tune]), ("dev", sorted(tune))):
            for folder, source, suffix in (("articles", articles, ".txt"), ("labels", labels, ".labels")):
                (root / part / folder).mkdir(parents=True)
                for a in chosen:
                    if (source / f"{a}{suffix}").is_file():
                        os.symlink((source / f"{a}{suffix}").resolve(), root / part / folder / f"{a}{suffix}")
        yield root
