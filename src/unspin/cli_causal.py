"""``unspin causal …``: train, predict and evaluate the causal-relation model on the Causal News Corpus (V2).

Method, source and limits of the model are in :mod:`unspin.models.causal`; the scores are the re-implemented
shared-task scorers of :mod:`unspin.corpora.cnc`.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from .cli_common import App, Debug
from .cli_common import err as _err
from .cli_common import fail as _fail
from .cli_common import out as _out
from .errors import ConfigError, InputError, UnspinError

if TYPE_CHECKING:
    from .models.causal import CausalModel

__all__ = ["causal_app"]

causal_app = App(
    help=(
        "Causal relations: causal sentences and their cause, effect and signal spans, found by a MiniLM model "
        "trained on the Causal News Corpus V2.\n\nExample:\n\n    unspin causal eval --split dev"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="DIR",
        help="The CNC V2 folder (train_/dev_subtask1.csv, …_grouped.csv). Default: cnc/V2 under $UNSPIN_DATA, else "
        "../shared/data.",
    ),
]
Weights = Annotated[
    Path | None, typer.Option("--weights", metavar="FILE", help="A model file (default: the shipped model).")
]


def _model(weights: Path | None) -> CausalModel:
    from .models.causal import WEIGHTS, load_causal

    return load_causal(weights or WEIGHTS)


@causal_app.command("train")
def train(
    data: DataDir = None,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="FILE", help="Where to save (default: the shipped model).")
    ] = None,
    epochs: Annotated[int, typer.Option(min=1, help="Passes over the training sentences.")] = 8,
    seed: Annotated[int, typer.Option(help="Random seed (fixed for reproducibility).")] = 13,
    limit: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="Train on the first N training sentences only (quick runs).")
    ] = None,
    debug: Debug = False,
) -> None:
    """Train adapter and heads on CNC V2 train, choose the epoch and thresholds on dev, save and log.

    Logs the loss every 50 steps and both subtasks' dev scores after each epoch.  Takes about 10 minutes on
    2 CPU cores; run it in the background with a log.

    Example:

        nohup unspin causal train > causal-train.log 2>&1 &

        unspin causal train --limit 200 --epochs 1 --out /tmp/causal-quick.pt
    """
    from .corpora.cnc import split_paths
    from .models.causal import WEIGHTS, TrainConfig
    from .training.causal import train_causal

    try:
        split_paths("train", data)
        split_paths("dev", data)
        result = train_causal(
            data,
            out or WEIGHTS,
            TrainConfig(epochs=epochs, seed=seed, limit=limit),
            log=lambda m: _err.print(m, markup=False),
        )
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    r1, r2 = result["subtask1"], result["subtask2"]
    _out.print(
        f"dev subtask 1 F1 {r1.f1:.3f} (P {r1.precision:.3f}, R {r1.recall:.3f}), subtask 2 F1 {r2.overall.f1:.3f} "
        f"(P {r2.overall.precision:.3f}, R {r2.overall.recall:.3f}); epoch {result['epoch']}; "
        f"{result['seconds']:.0f} s; {result['size_bytes'] / 1e6:.2f} MB"
    )


@causal_app.command("predict")
def predict(
    file: Annotated[
        Path | None,
        typer.Argument(metavar="FILE", help="Sentences, one per line (default or '-': standard input)."),
    ] = None,
    all_spans: Annotated[
        bool, typer.Option("--all", help="Give spans for every sentence, not only those judged causal.")
    ] = False,
    weights: Weights = None,
    debug: Debug = False,
) -> None:
    """Print one JSON line per sentence: the causal score, the decision, and cause/effect/signal spans.

    Offsets are character offsets into the sentence as given; empty lines are skipped.

    Example:

        unspin causal predict sentences.txt

        echo "Thousands marched after the fuel price rise." | unspin causal predict
    """
    try:
        if file is None or str(file) == "-":
            text = sys.stdin.read()
        else:
            try:
                text = file.read_text(encoding="utf-8")
            except OSError as exc:
                raise InputError(str(file), f"cannot read ({exc.strerror})", "check the path") from None
            except UnicodeDecodeError as exc:
                raise InputError(str(file), f"not UTF-8 (byte {exc.start})", "give UTF-8 text") from None
        sentences = [line.rstrip("\r") for line in text.split("\n") if line.strip()]
        model = _model(weights)
        preds = model.predict(sentences)
        spans = model.predict_spans(sentences) if all_spans else [p.spans for p in preds]
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    for sentence, p, found in zip(sentences, preds, spans, strict=True):
        row = {
            "text": sentence,
            "causal": p.causal,
            "score": round(p.score, 4),
            "spans": [asdict(s) | {"text": sentence[s.start : s.end]} for s in found],
        }
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


@causal_app.command("eval")
def evaluate(
    split: Annotated[str, typer.Option(metavar="SPLIT", help="train or dev (nothing is chosen on dev).")] = "dev",
    data: DataDir = None,
    weights: Weights = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    int8: Annotated[
        bool, typer.Option("--int8", help="Run the encoder with int8 dynamic quantisation (see its F1 change).")
    ] = False,
    debug: Debug = False,
) -> None:
    """Print subtask 1 (causal sentences: P/R/F1 of the causal class, accuracy, MCC) and subtask 2 (cause,
    effect and signal spans: P/R/F1 overall and per role), scored as in the CASE shared task.

    Example:

        unspin causal eval --split dev

        unspin causal eval --json > dev-scores.json

        unspin causal eval --int8
    """
    from .models.causal import WEIGHTS, CausalModel
    from .models.minilm import encoder_precision
    from .training.causal import evaluate_causal

    try:
        if split not in ("train", "dev"):
            raise ConfigError(f"unknown split {split!r}", "use --split train or --split dev")
        result = evaluate_causal(split, data, CausalModel(weights or WEIGHTS, int8=int8) if int8 else _model(weights))
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    r1, r2 = result.subtask1, result.subtask2
    if as_json:
        payload = {
            "split": split,
            "sentences": result.sentences,
            "threshold": result.threshold,
            "subtask1": asdict(r1),
            "subtask2": {
                "overall": asdict(r2.overall),
                "micro": asdict(r2.micro),
                "per_role": {k: asdict(v) for k, v in r2.per_role.items()},
                "sentences": r2.sentences,
                "relations": r2.relations,
            },
            "seconds": result.seconds,
            "encoder": encoder_precision(int8, result.bf16),
        }
        typer.echo(json.dumps(payload, indent=2))
        return
    t1 = Table("sentences", "causal", "threshold", "P", "R", "F1", "accuracy", "MCC", title=f"subtask 1 on {split}")
    t1.add_row(
        str(r1.n),
        str(r1.n_causal),
        f"{result.threshold:.2f}",
        f"{r1.precision:.3f}",
        f"{r1.recall:.3f}",
        f"{r1.f1:.3f}",
        f"{r1.accuracy:.3f}",
        f"{r1.mcc:.3f}",
    )
    _out.print(t1)
    t2 = Table(
        "spans",
        "P",
        "R",
        "F1",
        "predicted",
        "gold",
        title=f"subtask 2 on {split} ({r2.sentences} causal sentences, {r2.relations} relations)",
    )
    rows = [("overall (weighted)", r2.overall), ("overall (micro)", r2.micro), *r2.per_role.items()]
    for name, prf in rows:
        t2.add_row(name, f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}", str(prf.n_pred), str(prf.n_gold))
    _out.print(t2)
    _out.print(
        f"{result.sentences} sentences in {result.seconds:.1f} s with the encoder in "
        f"{encoder_precision(int8, result.bf16)} "
        f"({result.sentences / max(result.seconds, 1e-9):.0f} sentences per second)"
    )
