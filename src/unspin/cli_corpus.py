"""``unspin corpus …``: a corpus on a Dask cluster into Parquet, and questions across it with DuckDB (a thin
layer over :mod:`unspin.corpus`)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from .cli_common import App, Debug
from .cli_common import err as _err
from .cli_common import fail as _fail
from .cli_common import out as _out
from .errors import ConfigError, UnspinError

__all__ = ["corpus_app"]

corpus_app = App(
    help="Analyse thousands to millions of articles on a Dask cluster into a Parquet dataset, and ask "
    "questions across it with DuckDB.\n\nExample:\n\n    unspin corpus run articles/ --out corpus/ && "
    "unspin corpus stats corpus/ --by outlet",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@corpus_app.command("run")
def run(
    inputs: Annotated[
        list[str],
        typer.Argument(metavar="INPUT...", help="Folders, .jsonl files, or Parquet/CSV tables with a text column."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="CORPUS_DIR", help="The dataset folder.")],
    workers: Annotated[int | None, typer.Option(metavar="N", help="Local worker processes (default 2).", min=1)] = None,
    scheduler: Annotated[
        str | None, typer.Option(metavar="ADDRESS", help="A dask.distributed scheduler, e.g. tcp://10.0.0.5:8786.")
    ] = None,
    batch_size: Annotated[int, typer.Option(metavar="N", help="Articles per task.", min=1)] = 25,
    json_reports: Annotated[bool, typer.Option("--json-reports", help="Keep each full JSON report too.")] = False,
    text_column: Annotated[str, typer.Option(metavar="NAME", help="The text column of a table input.")] = "text",
    debug: Debug = False,
) -> None:
    """Analyse a corpus into CORPUS_DIR; run it again to go on where it stopped (done articles are skipped).

    Example:

        unspin corpus run articles/ news.jsonl --out corpus/ --workers 2

        unspin corpus run archive.parquet --out corpus/ --scheduler tcp://10.0.0.5:8786
    """
    from .corpus import run_corpus

    if workers and scheduler:
        raise _fail(ConfigError("give --workers or --scheduler, not both", "a cluster has its own workers"), debug)

    def progress(s: Any) -> None:
        if _err.is_terminal:
            _err.print(f"\ranalysed {s.analysed:,}, failed {s.failed:,} …", end="", markup=False)

    try:
        s = run_corpus(
            inputs,
            out,
            workers=workers,
            scheduler=scheduler,
            batch_size=batch_size,
            json_reports=json_reports,
            text_column=text_column,
            progress=progress,
        )
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    rate = s.words / s.seconds if s.seconds else 0.0
    _err.print(
        f"\ranalysed {s.analysed:,} articles ({s.words:,} words, {rate:,.0f} words/s), skipped {s.skipped:,} "
        f"already done, {s.failed:,} failed (see the errors table); {s.seconds:.1f} s; dataset in {out}",
        markup=False,
    )
    if s.failed and not s.analysed and not s.skipped:
        raise typer.Exit(1)


def _emit(
    fmt: str,
    sections: dict[str, tuple[str, list[str], list[tuple[Any, ...]]]],
    out: Path | None,
    links: dict[str, str] | None = None,
) -> None:
    from .reports import write_atomic

    if fmt == "json":
        text = json.dumps(
            {
                k: {"title": t, "rows": [dict(zip(c, r, strict=True)) for r in rows]}
                for k, (t, c, rows) in sections.items()
            },
            indent=2,
            default=str,
        )
    elif fmt == "csv":
        import io

        buf = io.StringIO()
        writer = csv.writer(buf)
        for key, (_, columns, rows) in sections.items():
            writer.writerow(["question", *columns])
            writer.writerows([key, *row] for row in rows)
        text = buf.getvalue()
    elif fmt == "html":
        from .corpus.html import render_stats_html

        text = render_stats_html(sections, links)
    else:
        for _, (title, columns, rows) in sections.items():
            table = Table(*columns, title=title, title_justify="left")
            for row in rows:
                table.add_row(*("" if v is None else str(v) for v in row))
            _out.print(table)
        return
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        write_atomic(out, text)
        _err.print(f"wrote {out}", markup=False)


@corpus_app.command("stats")
def stats(
    corpus: Annotated[Path, typer.Argument(metavar="CORPUS_DIR", help="A dataset made by `unspin corpus run`.")],
    by: Annotated[str, typer.Option(metavar="GROUP", help="outlet, month or outlet,month.")] = "",
    outlet: Annotated[str | None, typer.Option(metavar="NAME", help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(metavar="YYYY-MM", help="From this month.")] = None,
    until: Annotated[str | None, typer.Option(metavar="YYYY-MM", help="Up to this month.")] = None,
    actor: Annotated[str | None, typer.Option(metavar="NAME", help="Only documents that blame this actor.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table, csv, json or html.")] = "table",
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="FILE", help="Write here, not stdout.")] = None,
    debug: Debug = False,
) -> None:
    """Who is blamed most and by whom, the strongest chains, technique rates, most-quoted sources, unsourced
    claims, findings per kind.

    Example:

        unspin corpus stats corpus/ --by outlet,month --format html --out stats.html
    """
    from .corpus import corpus_stats

    try:
        if fmt not in ("table", "csv", "json", "html"):
            raise ConfigError(f"unknown format {fmt!r}", "use table, csv, json or html")
        sections = corpus_stats(corpus, by, outlet, since, until, actor)
        links = None
        if fmt == "html":
            from .corpus.stats import report_links

            links = report_links(corpus, out.parent if out is not None else None)
        _emit(fmt, sections, out, links)
    except UnspinError as exc:
        raise _fail(exc, debug) from None


@corpus_app.command("sql")
def sql(
    corpus: Annotated[Path, typer.Argument(metavar="CORPUS_DIR", help="A dataset made by `unspin corpus run`.")],
    query: Annotated[str, typer.Argument(metavar="SQL", help="A DuckDB query over the tables (documents, …).")],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table, csv or json.")] = "table",
    debug: Debug = False,
) -> None:
    """Any question, in SQL: the tables are documents, quotes, sources, techniques, claims, relations, chains,
    findings, quantities, dates and errors.

    Example:

        unspin corpus sql corpus/ "SELECT outlet, count(*) FROM documents GROUP BY outlet"
    """
    from .corpus import corpus_sql

    try:
        if fmt not in ("table", "csv", "json"):
            raise ConfigError(f"unknown format {fmt!r}", "use table, csv or json")
        columns, rows = corpus_sql(corpus, query)
        _emit(fmt, {"sql": ("SQL", columns, rows)}, None)
    except UnspinError as exc:
        raise _fail(exc, debug) from None


@corpus_app.command("bench")
def bench(
    articles: Annotated[
        Path | None, typer.Argument(metavar="FOLDER", help="Articles to run (default: PTC test articles).")
    ] = None,
    limit: Annotated[int | None, typer.Option(metavar="N", help="At most this many of them.", min=1)] = None,
    memory_articles: Annotated[
        int, typer.Option(metavar="N", help="Articles in the long run that watches memory (0: skip it).", min=0)
    ] = 1000,
    stats_rows: Annotated[int, typer.Option(metavar="N", help="Rows of the synthetic corpus for stats.")] = 100_000,
    debug: Debug = False,
) -> None:
    """Measure the corpus run: words/s with 1 and 2 workers and their ratio, worker memory over a long run,
    and the statistics query on a large synthetic corpus.

    Example:

        unspin corpus bench --memory-articles 1000
    """
    from .corpus.bench import run_corpus_bench
    from .data_home import corpus_path

    folder = articles or corpus_path("ptc", "test", "articles")
    try:
        if not folder.is_dir():
            raise ConfigError(f"{folder}: no such folder", "give a folder of articles, or set UNSPIN_DATA")
        figures = run_corpus_bench(folder, limit, memory_articles, stats_rows)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    targets = {"ratio 2/1": "≥ 1.7", f"stats over {stats_rows:,} rows, s": "≤ 1"}
    table = Table("figure", "value", "target", title="unspin corpus bench", title_justify="left")
    for key, value in figures.items():
        table.add_row(key, str(value), targets.get(key, ""))
    _out.print(table)
