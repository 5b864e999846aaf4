"""``unspin claims …``: train, predict and evaluate the check-worthiness model."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from .cli_common import App, Debug, data_dir
from .cli_common import err as _err
from .cli_common import fail as _fail
from .cli_common import out as _out
from .errors import ConfigError, UnspinError

__all__ = ["claims_app"]

claims_app = App(
    help=(
        "Check-worthy claims: the MiniLM check-worthiness model on CheckThat! 2024 English data.\n\n"
        "Example:\n\n    unspin claims eval --split dev"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="DIR",
        help="The CheckThat! 2024 English folder. Default: claims/ct24_en under $UNSPIN_DATA, else ../shared/data.",
    ),
]


def _split(data: Path | None, split: str) -> Path:
    path = data_dir(data, "claims", "ct24_en") / f"CT24_checkworthy_english_{split}.tsv"
    if split not in ("train", "dev") or not path.is_file():
        raise ConfigError(
            f"no {split!r} split at {path}",
            "use --split train|dev, and --data DIR or UNSPIN_DATA for where the data is",
        )
    return path


@claims_app.command("train")
def train(
    data: DataDir = None,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="FILE", help="Where to save (default: the shipped model).")
    ] = None,
    epochs: Annotated[int, typer.Option(min=1, help="Passes over the training data (the best is kept).")] = 3,
    seed: Annotated[int, typer.Option(help="Random seed (fixed for reproducibility).")] = 13,
    limit: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="Train on the first N rows only (quick runs).")
    ] = None,
    debug: Debug = False,
) -> None:
    """Train the check-worthiness branch (the upper layers of the techniques model's encoder, copied and
    fine-tuned, and a head) on train less a held-out 15%, choose the epoch and threshold on that part, report
    dev (held out: dev chooses nothing), save and log what was done.  It reads the shipped techniques model's
    shared layers, so retrain it after retraining that model.  Names are hidden as the techniques model hides
    them.

    Takes about 15 minutes on 2 CPU cores; run it in the background with a log.

    Example:

        nohup unspin claims train > claims-train.log 2>&1 &
    """
    from .models.claims_branch import WEIGHTS
    from .training.claims_branch import BranchConfig, train_claims_branch

    try:
        result = train_claims_branch(
            _split(data, "train"),
            _split(data, "dev"),
            out or WEIGHTS,
            BranchConfig(epochs=epochs, seed=seed, limit=limit),
            log=lambda m: _err.print(m, markup=False),
        )
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    _out.print(
        f"dev F1 {result['f1']:.3f} (P {result['precision']:.3f}, R {result['recall']:.3f}; held out) "
        f"at threshold {result['threshold']:.2f}, chosen on held-out train; {result['seconds']:.0f} s"
    )


@claims_app.command("predict")
def predict(
    file: Annotated[Path, typer.Argument(metavar="FILE.tsv", help="Sentence_id<TAB>Text[<TAB>class_label] rows.")],
    out: Annotated[
        Path | None, typer.Option("--out", metavar="FILE.tsv", help="Write Sentence_id<TAB>class_label here.")
    ] = None,
    debug: Debug = False,
) -> None:
    """Label sentences Yes/No in the CheckThat! format.  Each sentence is read with the sentences whose ids
    come right before and after it (as an article's sentences are), so give the rows their ids in order.

    Example:

        unspin claims predict ../shared/data/claims/ct24_en/CT24_checkworthy_english_dev.tsv --out dev.pred.tsv
    """
    from .models.checkworthy import read_ct24
    from .models.claims_branch import load_claims_branch
    from .reports import write_atomic

    try:
        rows = read_ct24(file)
        model = load_claims_branch()
        probs = model.predict_rows(_numbered(rows, file))
        lines = ["Sentence_id\tclass_label"]
        lines += [
            f"{sid}\t{'Yes' if p >= model.threshold else 'No'}" for (sid, _, _), p in zip(rows, probs, strict=True)
        ]
        text = "\n".join(lines) + "\n"
        if out is None:
            sys.stdout.write(text)
        else:
            write_atomic(out, text)
            _err.print(f"wrote {out} ({len(rows)} sentences)")
    except UnspinError as exc:
        raise _fail(exc, debug) from None


@claims_app.command("eval")
def evaluate(
    split: Annotated[str, typer.Option(metavar="SPLIT", help="train or dev (nothing is chosen on dev).")] = "dev",
    data: DataDir = None,
    file: Annotated[Path | None, typer.Option("--file", metavar="FILE.tsv", help="Any labelled TSV instead.")] = None,
    weights: Annotated[
        Path | None, typer.Option("--weights", metavar="FILE", help="A model file (default: the shipped model).")
    ] = None,
    int8: Annotated[
        bool, typer.Option("--int8", help="Run the encoder with int8 dynamic quantisation (see its F1 change).")
    ] = False,
    debug: Debug = False,
) -> None:
    """Print F1 of the Yes class (the official CheckThat! metric), precision and recall, and the seconds the
    model took.  The shipped model reads each sentence with its neighbours (ids in order) from the techniques
    model's encoder pass; ``--weights`` may also name a separate sentence classifier (``checkworthy.v1.pt``,
    one encoder pass of its own per sentence) to compare against.

    Example:

        unspin claims eval --split dev

        unspin claims eval --split dev --int8

        unspin claims eval --weights src/unspin/models/weights/checkworthy.v1.pt
    """
    import time

    from .models.checkworthy import f1_yes, read_ct24
    from .models.minilm import encoder_precision, native_bf16

    try:
        path = file or _split(data, split)
        labelled = [(sid, t, lab) for sid, t, lab in read_ct24(path) if lab is not None]
        if not labelled:
            raise ConfigError(f"{path}: no labelled rows", "the third column must be Yes or No")
        gold = [lab == "Yes" for _, _, lab in labelled]
        score, threshold = _scorer(weights, int8, _numbered(labelled, path))
        started = time.perf_counter()
        probs = score()
        seconds = time.perf_counter() - started
        precision, recall, f1 = f1_yes(gold, [p >= threshold for p in probs])
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    table = Table("split", "rows", "Yes", "encoder", "threshold", "P", "R", "F1 (Yes)", "s", title="check-worthiness")
    table.add_row(
        str(file or split),
        str(len(gold)),
        str(sum(gold)),
        encoder_precision(int8, native_bf16()),
        f"{threshold:.2f}",
        f"{precision:.3f}",
        f"{recall:.3f}",
        f"{f1:.3f}",
        f"{seconds:.1f}",
    )
    _out.print(table)


def _numbered(rows: Sequence[tuple[str, str, str | None]], path: Path) -> list[tuple[int, str]]:
    """``(id, text)`` of CheckThat! rows; ids must be whole numbers, since neighbours are found by them."""
    out = []
    for sid, text, _ in rows:
        try:
            out.append((int(sid), text))
        except ValueError:
            raise ConfigError(
                f"{path}: sentence id {sid!r} is not a whole number", "number the rows in reading order"
            ) from None
    return out


def _scorer(weights: Path | None, int8: bool, rows: list[tuple[int, str]]) -> tuple[Callable[[], list[float]], float]:
    """A function scoring ``rows`` and the threshold, for the shipped model, another branch file, or a
    separate sentence classifier (a file without the branch's ``trunk_sha256``), loaded before the clock."""
    from .models.checkworthy import CheckworthyModel
    from .models.claims_branch import WEIGHTS, ClaimsBranchModel
    from .models.minilm import load_weights
    from .models.techniques import WEIGHTS as TECHNIQUES
    from .models.techniques import TechniquesModel

    path = weights or WEIGHTS
    if "trunk_sha256" in load_weights(path, "check-worthiness", "unspin claims train"):
        model = ClaimsBranchModel(path, TechniquesModel(TECHNIQUES, int8=int8))
        return (lambda: model.predict_rows(rows)), model.threshold
    separate = CheckworthyModel(path, int8=int8)
    return (lambda: separate.predict_proba([t for _, t in rows])), separate.threshold
