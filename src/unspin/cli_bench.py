"""``unspin bench-length``: how time and memory grow with article length (a thin layer over
:mod:`unspin.bench_length`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from .cli_common import Debug, parse_size
from .cli_common import fail as _fail
from .cli_common import out as _out
from .errors import UnspinError

__all__ = ["bench_length", "bench_start", "start_table"]


def bench_length(
    sizes: Annotated[
        str, typer.Option(metavar="SIZES", help="Article sizes, comma-separated, e.g. 10KB,100KB,1MB,5MB.")
    ] = "10KB,100KB,300KB,1MB,5MB",
    shape: Annotated[
        str, typer.Option(metavar="SHAPE", help="articles (real paragraphs repeated) or lines (short lines).")
    ] = "articles",
    source: Annotated[
        Path | None, typer.Option(metavar="FOLDER", help="Articles to build from (default: PTC test articles).")
    ] = None,
    timeout: Annotated[float, typer.Option(metavar="SECONDS", help="Give up on a size after this long.")] = 3600,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    debug: Debug = False,
) -> None:
    """How time and memory grow with article length: one article of each size, each in a fresh process.

    The column to watch is "× per word", the cost per word relative to the smallest size (1.0 is linear
    time; target ≤ 1.2 from 10 KB to the 5 MB limit).

    Example:

        unspin bench-length --sizes 10KB,100KB,1MB

        unspin bench-length --shape lines --sizes 100KB,700KB
    """
    from .bench import default_bench_path
    from .bench_length import run_length_bench

    try:
        wanted = [parse_size(s.strip()) for s in sizes.split(",") if s.strip()]
        folder = source or default_bench_path()
        files = sorted(folder.glob("*.txt")) if folder.is_dir() else [folder]
        texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
        rows = run_length_bench(wanted, texts, shape=shape, timeout=timeout)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table(title=f"unspin bench-length ({shape})")
    for col in ("size", "words", "seconds", "s / 1,000 words", "× per word", "peak RSS MB", "slowest layers"):
        table.add_column(col, justify="left" if col == "slowest layers" else "right")
    for r in rows:
        if "error" in r:
            table.add_row(f"{r['bytes']:,}", "", "", "", "", "", r["error"])
            continue
        slow = ", ".join(f"{k} {v:.1f}s" for k, v in r["slowest_layers"].items())
        table.add_row(
            f"{r['bytes']:,}",
            f"{r['words']:,}",
            f"{r['seconds']:.2f}",
            f"{r['seconds_per_1000_words']:.3f}",
            f"{r['relative']:.2f}",
            f"{r['peak_rss_mb']:,.0f}",
            slow,
        )
    _out.print(table)


def bench_start(
    file: Annotated[
        Path | None,
        typer.Argument(metavar="FILE", help="The article (default: a PTC dev article of about 1,000 words)."),
    ] = None,
    runs: Annotated[
        int, typer.Option(min=2, metavar="N", help="Runs of each command; the first warms the disk cache.")
    ] = 4,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    debug: Debug = False,
) -> None:
    """Cold start: the wall time of `unspin analyze FILE` and of `unspin --help`, each a fresh process, as a user
    runs them (median of the runs after the first, which only warms the disk cache; target ≤ 3 s for a
    1,000-word article).

    Example:

        unspin bench-start

        unspin bench-start my-article.txt --runs 6
    """
    from .bench_length import run_start_bench

    try:
        result = run_start_bench(file, runs)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    _out.print(start_table(result))


def start_table(result: dict[str, Any]) -> Table:
    """The table ``unspin bench-start`` prints from :func:`~unspin.bench_length.run_start_bench`'s result."""
    table = Table("command", "median s", "runs (s)", title=f"unspin bench-start ({result['words']:,} words)")
    for name, key in (("unspin analyze FILE", "analyze"), ("unspin --help", "help")):
        times = result[key]
        table.add_row(name, f"{result[key + '_median']:.2f}", ", ".join(f"{t:.2f}" for t in times))
    return table
