"""``unspin audit …``: checks of the analysis itself (even-handedness under swapped names)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from .cli_common import App, Debug
from .cli_common import err as _err
from .cli_common import fail as _fail
from .cli_common import out as _out
from .errors import InputError, UnspinError

if TYPE_CHECKING:
    from .evaluation.swap_audit import SwapAudit

__all__ = ["audit_app"]

audit_app = App(
    help=(
        "Audits of the analysis itself.\n\nExample:\n\n    unspin audit swap article.txt --swap Russia=America "
        "--swap Putin=Biden"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _audits(paths: list[Path], pairs: list[tuple[str, str]]) -> tuple[list[SwapAudit], int, int]:
    """The audit of every article under ``paths`` in which a name occurs, how many had none, how many failed
    (each failure said in one line on stderr; the rest go on)."""
    from rich.progress import Progress

    from .cli_common import error
    from .evaluation.swap_audit import Swapper, audit_document
    from .ingest.collect import iter_documents, plan_inputs

    plan = plan_inputs([str(p) for p in paths])
    swapper = Swapper(pairs)
    audits: list[SwapAudit] = []
    without = failed = 0
    with Progress(console=_err, transient=True, disable=len(plan.items) < 2) as bar:
        task = bar.add_task("swapping and analysing twice", total=len(plan.items))
        for loaded in iter_documents(plan):
            result = loaded if isinstance(loaded, InputError) else loaded.result
            bar.advance(task)
            if isinstance(result, InputError):
                error(result.line())
                failed += 1
                continue
            if len(plan.items) > 1 and not swapper.occurs(result.text):
                without += 1
                continue
            try:
                audits.append(audit_document(result, pairs))
            except UnspinError as exc:
                error(exc.line())
                failed += 1
    return audits, without, failed


@audit_app.command("swap")
def swap(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Articles (txt, md, html) or folders of them.")
    ],
    pairs: Annotated[
        list[str],
        typer.Option(
            "--swap",
            metavar="A=B",
            help="Two names to swap everywhere, both ways, as the articles write them; repeat for more pairs.",
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help="table or json.")] = "table",
    show: Annotated[int, typer.Option(min=0, metavar="N", help="Changed items to list per layer (table).")] = 5,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit with status 1 when anything changed beyond the names.")
    ] = False,
    debug: Debug = False,
) -> None:
    """Analyse each article and its twin with the names swapped, and print per layer what changed beyond the
    names (summed over the articles in which a name occurs).

    Every layer of the report is compared once the twin's offsets and names are brought back to the original's;
    identifiers are ignored and scores compared to two decimals.  An even-handed analysis changes nothing.

    Example:

        unspin audit swap article.txt --swap Russia=America --swap Moscow=Washington --swap Putin=Biden

        unspin audit swap ../shared/data/ptc/dev/articles --swap Trump=Obama --swap Democrats=Republicans
    """
    from .evaluation.swap_audit import SwapAudit, parse_pairs

    if fmt not in ("table", "json"):
        raise _fail(InputError("--format", f"unknown format {fmt!r}", "use table or json"), debug)
    try:
        parsed = parse_pairs(pairs)
        audits, without, failed = _audits(files, parsed)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    if not audits:
        raise _fail(InputError(str(files[0]), "none of the names occurs in any article", "check the names"), debug)
    result = audits[0] if len(audits) == 1 and len(files) == 1 else SwapAudit.total(audits, parsed)
    if fmt == "json":
        _out.print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2), markup=False)
    else:
        _print_table(result, files, show, without)
    if failed or (strict and not result.unchanged):
        raise typer.Exit(1)


def _print_table(result: SwapAudit, files: list[Path], show: int, without: int) -> None:
    pairs = ", ".join(f"{a}↔{b}" for a, b in result.pairs)
    where = str(files[0]) if len(files) == 1 else f"{len(files)} inputs"
    none = f"; {without} without any of the names, left out" if without else ""
    title = f"{where}: {pairs} ({result.replacements} replaced in {result.articles} article(s){none})"
    table = Table("layer", "original", "swapped", "identical", "share", title=title)
    for c in result.layers:
        table.add_row(c.layer, str(c.original), str(c.swapped), str(c.identical), f"{c.share:.1%}")
    _out.print(table)
    for c in result.layers:
        for side, items in (("only in the original", c.only_original), ("only in the swapped twin", c.only_swapped)):
            for item in items[:show]:
                _out.print(f"{c.layer}, {side}: {_describe(item)}", markup=False)
            if len(items) > show:
                _out.print(f"{c.layer}, {side}: … {len(items) - show} more (--show N, or --format json)")
    _out.print(
        "nothing changed beyond the names" if result.unchanged else "changed beyond the names: see above", markup=False
    )


def _describe(item: Any) -> str:
    """One line for a report item: its label or kind, offsets and text (or message)."""
    if isinstance(item, list) or "span" in item:  # a sentence: its [start, end]
        span = item if isinstance(item, list) else item["span"]
        where = f"{item['document']}: " if isinstance(item, dict) else ""
        return f"{where}sentence {span[0]}–{span[1]}"
    label = item.get("label") or item.get("kind") or ""
    if item.get("document"):
        label = f"{item['document']}: {label}"
    where = f" {item['start']}–{item['end']}" if "start" in item and "end" in item else ""
    words = item.get("text") or item.get("message") or item.get("name") or ""
    score = f" ({item['score']})" if isinstance(item.get("score"), float) else ""
    return f"{label}{where}{score} {json.dumps(words, ensure_ascii=False)[:160]}"
