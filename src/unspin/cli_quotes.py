"""``unspin quotes …``: quotations and their speakers, scored against GUM's attributions and LitBank's speakers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from .cli_common import App, Debug, data_dir
from .cli_common import err as _err
from .cli_common import fail as _fail
from .cli_common import out as _out
from .errors import InputError, UnspinError

__all__ = ["quotes_app"]

quotes_app = App(
    help="Quotations and their sources.\n\nExample:\n\n    unspin quotes eval",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@quotes_app.command("eval")
def quotes_eval(
    data: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="The GUM Wikinews folder (text/ and rst_rs4/). Default: gum_wikinews under $UNSPIN_DATA, else "
            "../shared/data.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    debug: Debug = False,
) -> None:
    """Score quotations and their sources against GUM's gold attribution relations.

    Prints precision, recall and F1 of quoted content and of attributing spans, micro over the 22 news
    documents, with loose (overlap), strict (exact) and proportional (character-share) matching.
    GUM also counts indirect speech as attribution, so recall is a lower bound for quotations proper.

    Example:

        unspin quotes eval --data ../shared/data/gum_wikinews
    """
    from .evaluation.quotes_eval import evaluate_quotes

    try:
        result = evaluate_quotes(data)
    except Exception as exc:
        raise _fail(exc, debug) from None
    if as_json:
        typer.echo(json.dumps(result.as_dict(), indent=2))
        return
    table = Table(
        title=f"quotes vs GUM attribution — {result.documents} docs, {result.gold} gold, "
        f"{result.predicted} predicted quotes"
    )
    for col in ("what", "match", "P", "R", "F1", "pred", "gold"):
        table.add_column(col, justify="right" if col in ("P", "R", "F1", "pred", "gold") else "left")
    for what, scores in (("content", result.content), ("source", result.source)):
        for mode, prf in scores.items():
            table.add_row(
                what,
                mode,
                f"{prf.precision:.3f}",
                f"{prf.recall:.3f}",
                f"{prf.f1:.3f}",
                str(prf.n_pred),
                str(prf.n_gold),
            )
    _out.print(table)


@quotes_app.command("speakers")
def quotes_speakers(
    data: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="The LitBank folder (text/, coref/, quotations/). Default: litbank under $UNSPIN_DATA, else "
            "../shared/data.",
        ),
    ] = None,
    split: Annotated[
        str, typer.Option(help="LitBank fold-0 split: dev (held out) or train (where errors are looked at).")
    ] = "dev",
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every quotation given a wrong speaker.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    debug: Debug = False,
) -> None:
    """Score who unspin says speaks each quotation against LitBank's quotation attribution (fiction dialogue:
    "he said" tails, speakers named a line before, turns with no speaker at all).

    Prints how many gold quotations unspin finds, of those how many it names a speaker for (coverage), and of
    those how many rightly (precision: a wrong speaker is worse than none). About 10 s for dev, 40 s for train.

    Example:

        unspin quotes speakers --split dev
    """
    from rich.progress import track

    from .evaluation.litbank_quotes import LAYERS, SpeakerResult, read_litbank_quotes, score_speakers
    from .pipeline import Pipeline

    if split not in ("dev", "train"):
        raise _fail(InputError(f"--split {split}", "no such LitBank split", "use dev or train"), debug)
    folder = data_dir(data, "litbank")
    ids = folder / f"fold0_{split}.ids"
    try:
        if not ids.is_file():
            raise InputError(str(ids), "no LitBank split list here", "pass --data with the LitBank folder")
        pipeline = Pipeline.from_names(LAYERS)
        total = SpeakerResult()
        names = ids.read_text(encoding="utf-8").split()
        for name in track(names, description="attributing quotations", console=_err, transient=True):
            doc, gold = read_litbank_quotes(folder, name if name.endswith("_brat") else f"{name}_brat")
            total.add(score_speakers(doc, gold, pipeline))
    except UnspinError as exc:
        raise _fail(exc, debug) from exc
    figures: dict[str, Any] = total.as_dict()
    if as_json:
        _out.print(json.dumps({"split": split, **figures}, indent=1), markup=False)
        return
    table = Table(title=f"quotation speakers vs LitBank fold-0 {split} ({len(names)} documents)")
    for col in ("gold quotations", "found", "speaker named", "right", "precision"):
        table.add_column(col, justify="right")
    table.add_row(
        str(figures["quotes"]),
        f"{figures['found']} ({figures['found_share']:.3f})",
        f"{figures['named']} ({figures['coverage']:.3f} of found)",
        str(figures["right"]),
        f"{figures['precision']:.3f}",
    )
    _out.print(table)
    if verbose:
        for doc_id, words, said, speaker in total.wrong:
            _out.print(f"{doc_id}: {words[:80]!r} said: {said!r}, gold: {speaker}", markup=False)
