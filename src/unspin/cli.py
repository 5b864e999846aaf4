"""The ``unspin`` command line: a thin Typer layer over the library.

Errors are printed as one line (``error: WHERE: what — what to do``) on
stderr, with a traceback only under ``--debug``.  Exit codes: 0 all good,
1 some input or article failed (the rest were still analysed), 2 usage.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .cli_common import App, Debug, parse_size
from .cli_common import err as _err
from .cli_common import error as _error
from .cli_common import fail as _fail
from .cli_common import out as _out
from .errors import ConfigError, UnspinError
from .version import __version__

__all__ = ["app", "main"]

app = App(
    name="unspin",
    help=(
        "Take apart persuasive articles: quotes and sources, blame chains, persuasion techniques, "
        "claims, numbers and dates.\n\n"
        "Example:\n\n    unspin analyze article.html --out report.html"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"unspin {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """unspin: take apart persuasive articles."""


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...",
            help="Files (.txt .md .html .jsonl), folders (searched recursively) or - for stdin.",
            show_default=False,
        ),
    ],
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Report format: html, json or md; repeat for several. Default: json on stdout, html in --out.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE_OR_DIR",
            help="Report file (one article; suffix picks the format) or folder (one report per article).",
        ),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(metavar="NAME", help="Text encoding of the inputs when not UTF-8, e.g. latin-1.")
    ] = None,
    max_size: Annotated[str, typer.Option(metavar="SIZE", help="Largest article to accept, e.g. 5MB.")] = "5MB",
    aliases: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE", help="YAML file of extra entity aliases (same format as the built-in places.yaml)."
        ),
    ] = None,
    sources: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Source profile YAML: your Admiralty grades (A–F) and perspectives."),
    ] = None,
    perspective: Annotated[
        str | None, typer.Option(metavar="ID", help="Grade sources under this perspective of the --sources file.")
    ] = None,
    batch_size: Annotated[
        int, typer.Option(metavar="N", help="Articles parsed together (speed vs memory).", min=1)
    ] = 16,
    fast: Annotated[
        bool,
        typer.Option(
            "--fast", help="Persuasion techniques without the sentence gate: about 0.085 s less per 1,000 words."
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    debug: Debug = False,
) -> None:
    """Analyse articles and write reports.

    With no --out the JSON report goes to stdout (one line per article), so it pipes.

    Examples:

        unspin analyze article.txt --out report.html

        unspin analyze article.html -f json | jq '.entities[].name'

        unspin analyze corpus.jsonl articles/ --out reports/ -f html -f json

        unspin analyze article.md --sources my-sources.yaml --perspective P1 --out report.html

        cat article.txt | unspin analyze - --format md --out notes.md

        unspin analyze articles/ --fast --out reports/
    """
    from .api import load_pipeline
    from .ingest import ReadOptions, plan_inputs
    from .run import ReportWriter, analyse_inputs, check_output, check_settings, input_paths, plan_output

    try:
        options = ReadOptions(encoding=encoding, max_bytes=parse_size(max_size))
        check_settings(sources, perspective)
        plan = plan_inputs(paths)
        if not plan.items:
            raise ConfigError(
                f"no articles found in {', '.join(paths)} ({plan.skipped} other files skipped)",
                "give .txt, .md, .html or .jsonl files",
            )
        multi = len(plan.items) > 1 or any(getattr(i, "fmt", "") == "jsonl" for i in plan.items)
        output = plan_output(out, formats or [], multi)
        check_output(output, plan)
        pipeline = load_pipeline(aliases=aliases, sources=sources, perspective=perspective, fast=fast)
        pipeline.validate()  # a bad --aliases or --sources file fails here, before any article is read
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    if "-" in paths and sys.stdin.isatty():
        _err.print("reading one article from stdin (end with Ctrl-D)", markup=False)

    def report_error(line: str, exc: UnspinError) -> None:
        if debug:
            _err.print("".join(traceback.format_exception(exc)), markup=False)
        _error(line)

    writer = ReportWriter(output, sys.stdout, protected=input_paths(plan))
    try:
        if multi and not quiet and _err.is_terminal:
            columns = (TextColumn("analysing"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
            with Progress(*columns, console=_err, transient=True) as progress:
                task = progress.add_task("analyse", total=max(1, plan.total_bytes))
                summary = analyse_inputs(
                    plan,
                    options,
                    pipeline,
                    writer,
                    batch_size=batch_size,
                    on_error=report_error,
                    on_read=lambda n: progress.advance(task, n),
                )
        else:
            summary = analyse_inputs(plan, options, pipeline, writer, batch_size=batch_size, on_error=report_error)
    except BrokenPipeError:
        # The reader went away (`| head`); stop quietly like other Unix tools.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(141) from None
    except KeyboardInterrupt:
        _error("interrupted — reports written so far are complete; rerun for the rest")
        raise typer.Exit(130) from None
    except Exception as exc:
        raise _fail(exc, debug) from None

    if not quiet:
        if output.mode == "file" and writer.written:
            _err.print(f"wrote {writer.written[0]}", markup=False)
        if multi or summary.failed or output.mode == "dir":
            skipped = f", {plan.skipped} other files skipped" if plan.skipped else ""
            where = f"; reports in {out}" if output.mode == "dir" and writer.written else ""
            ok = summary.ok
            _err.print(
                f"analysed {ok} article{'s' * (ok != 1)} ({summary.words:,} words) in {summary.seconds:.1f} s, "
                f"{summary.failed} failed{skipped}{where}",
                markup=False,
            )
    if summary.failed or summary.ok == 0:
        raise typer.Exit(1)


@app.command()
def bench(
    path: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH...",
            help="Folder or files to analyse. Default: ptc/test/articles under the data home ($UNSPIN_DATA, else "
            "../shared/data) if present, else the example.",
        ),
    ] = None,
    limit: Annotated[int | None, typer.Option(metavar="N", help="Use at most this many articles.", min=1)] = None,
    batch_size: Annotated[int, typer.Option(metavar="N", help="Articles parsed together.", min=1)] = 16,
    fast: Annotated[bool, typer.Option("--fast", help="Measure the pipeline of `analyze --fast`.")] = False,
    parse_processes: Annotated[
        int, typer.Option(metavar="N", min=1, help="Run spaCy's parse in N processes (to measure whether it helps).")
    ] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    debug: Debug = False,
) -> None:
    """Measure the full pipeline: words/s, seconds per article, peak memory.

    Inputs are read first; the model is loaded and warmed before timing.

    Example:

        unspin bench ../shared/data/ptc/test/articles --limit 50

        unspin bench --fast
    """
    from .bench import default_bench_path, run_bench

    try:
        result = run_bench(
            path or [str(default_bench_path())],
            limit=limit,
            batch_size=batch_size,
            fast=fast,
            parse_processes=parse_processes,
        )
    except Exception as exc:
        raise _fail(exc, debug) from None
    if as_json:
        typer.echo(json.dumps(result.as_dict(), indent=2))
        return
    table = Table(title=f"unspin bench — {result.path}", show_header=True)
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("target, or what it holds")
    table.add_row("articles / words", f"{result.articles} / {result.words:,}", "")
    table.add_row("model load + warm-up", f"{result.load_seconds:.2f} s", "")
    table.add_row("corpus throughput", f"{result.words_per_second:,.0f} words/s", "≥ 3,000 words/s")
    table.add_row("seconds per article (mean)", f"{result.seconds_per_article:.3f} s", "")
    table.add_row("seconds per 1,000 words (median)", f"{result.seconds_per_1000_words:.3f} s", "≤ 0.3 s")
    table.add_row("peak RSS", f"{result.peak_rss_mb:,.0f} MB", "≤ 1,000 MB")
    table.add_row("failed articles", str(result.failed), "0")
    layer_targets = {  # what a layer's time holds, where it is not only its own work
        "claims.minilm.v1": "the one MiniLM pass (claims and techniques)",
        "relations.rules.v1": "relations+chains ≤ 0.2 s",
        "techniques.minilm.v1": "decoding that pass; the sentence gate",
    }
    for name, secs in result.layer_seconds_per_1000_words.items():
        table.add_row(f"  {name}", f"{secs:.3f} s / 1k words", layer_targets.get(name, ""))
    _out.print(table)
    typer.echo(f"pipeline: {', '.join(result.pipeline)}")
    typer.echo("BERT-base comparison: not run — no BERT-base-class weights are installed (no model hub here).")


@app.command()
def components() -> None:
    """List registered components (built-in and plugins) with what they need and add.

    Example:

        unspin components
    """
    from .pipeline import DEFAULT_PIPELINE
    from .registry import registry

    table = Table(show_header=True)
    table.add_column("name", no_wrap=True)
    for col in ("requires", "assigns", "default"):
        table.add_column(col)
    for name in registry.names():
        try:
            comp = registry.create(name)
            req, asg = ", ".join(comp.requires), ", ".join(comp.assigns)
        except Exception as exc:
            req, asg = f"(cannot load: {exc})", ""
        table.add_row(name, req, asg, "yes" if name in DEFAULT_PIPELINE else "")
    _out.print(table)


@app.command()
def validate(
    reports: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="REPORT...", help="JSON report files (one report, or one per line).", show_default=False
        ),
    ] = None,
    schema: Annotated[
        bool, typer.Option("--schema", help="Print the contract (JSON Schema, with every installed layer's part).")
    ] = False,
) -> None:
    """Check JSON reports against the unspin.report/1 contract (schema, hash, offsets).

    Example:

        unspin analyze article.txt > report.json && unspin validate report.json

        unspin validate --schema > report.schema.json
    """
    from .reports import load_schema, report_errors
    from .user_data import BadJSON, parse_json

    if schema:
        typer.echo(json.dumps(load_schema(), indent=2, ensure_ascii=False))
        return
    if not reports:
        _error("no report given — name REPORT files, or use --schema to print the contract")
        raise typer.Exit(2)
    bad = 0
    for path in reports:
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            _error(f"{path}: cannot read ({exc})")
            bad += 1
            continue
        if not raw.strip():
            _error(f"{path}: empty file — give a report written by unspin analyze")
            bad += 1
            continue
        try:
            items: list[tuple[str, object]] = [(str(path), parse_json(raw))]
        except BadJSON:
            # Not one JSON document: read it as JSON Lines (analyze's stdout).
            items = []
            for n, line in enumerate(raw.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    items.append((f"{path}:{n}", parse_json(line)))
                except BadJSON as exc:
                    _error(f"{path}:{n}: not JSON ({exc.reason}) — give a report written by unspin analyze")
                    bad += 1
        for where, report in items:
            errors = report_errors(report) if isinstance(report, dict) else ["not a JSON object"]
            if errors:
                bad += 1
                _error(f"{where}: {len(errors)} problem(s): {'; '.join(errors[:5])}")
            else:
                typer.echo(f"{where}: valid unspin.report/1")
    if bad:
        raise typer.Exit(1)


@app.command()
def serve(
    host: Annotated[
        str,
        typer.Option(
            metavar="ADDRESS", help="Address to listen on; another than the loopback needs accounts (unspin users add)."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", help="Port to listen on.", min=1, max=65535)] = 8000,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", envvar="UNSPIN_DB", metavar="URL", help="Database of cases and documents (as `unspin case`)."
        ),
    ] = None,
    example: Annotated[
        bool, typer.Option("--example/--no-example", help="Add the bundled example document and case if missing.")
    ] = True,
    folder: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="A folder of articles on this machine that the analyse form offers."),
    ] = None,
    debug: Debug = False,
) -> None:
    """Start the workbench: analyse articles, search them, weigh hypotheses in the matrix editor; JSON API.

    Open http://127.0.0.1:8000 in a browser; the API is described at /openapi.json.

    Example:

        unspin serve --port 8000 --db cases.sqlite
    """
    import ipaddress

    try:
        from .web.app import create_app
        from .web.example import add_example

        if folder is not None and not folder.is_dir():
            raise ConfigError(f"{folder}: not a folder", "give a folder of .txt, .md, .html or .jsonl articles")
        application = create_app(db, folder=folder)
        loopback = ipaddress.ip_address(host if host != "localhost" else "127.0.0.1").is_loopback
        if not loopback and not application.state.accounts.has_users():
            raise ConfigError(
                f"not listening on {host}: the database has no user accounts, so anyone could read and change it",
                "add one with `unspin users add NAME`, or keep --host 127.0.0.1 (the default)",
            )
        if example:
            added = add_example(application)
            if added:
                _err.print(f"added {added}", markup=False)
    except ValueError:
        raise _fail(ConfigError(f"{host!r} is not an IP address", "e.g. --host 127.0.0.1"), debug) from None
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    import uvicorn

    _err.print(f"unspin workbench on http://{host}:{port}/ (Ctrl-C to stop)", markup=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command("serve-bench")
def serve_bench(
    analysts: Annotated[int, typer.Option(metavar="N", help="Simulated analysts rating at once.", min=1)] = 20,
    seconds: Annotated[float, typer.Option(metavar="S", help="How long they work.", min=1)] = 60.0,
    think: Annotated[
        float, typer.Option(metavar="S", help="Mean seconds an analyst waits between ratings (0: stress test).", min=0)
    ] = 1.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    debug: Debug = False,
) -> None:
    """Load-test the workbench on loopback: analysts rate and read scores while 1,000-word articles are analysed.

    A fresh server on a temporary database, the real pipeline. Prints write and analysis latencies, conflicts,
    5xx answers and lost updates against their targets.

    Example:

        unspin serve-bench --analysts 20 --seconds 60
    """
    import tempfile

    from .examples import example_path
    from .web.app import create_app
    from .web.load import article_of, run_load, serve_in_thread

    try:
        with tempfile.TemporaryDirectory(prefix="unspin-load-") as folder:
            application = create_app(f"sqlite:///{folder}/load.sqlite")
            application.state.analyse([])  # load the pipeline before the clock starts
            base, stop = serve_in_thread(application)
            try:
                article = article_of(1000, example_path().read_text(encoding="utf-8"))
                figures = run_load(base, analysts=analysts, seconds=seconds, article=article, think=think).summary()
            finally:
                stop()
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
        return
    targets = {"write p95 s": "≤ 0.2", "analysis p95 s": "≤ 3", "5xx answers": "0", "lost updates": "0"}
    table = Table(title="unspin serve-bench (loopback, SQLite)", show_header=True)
    for col in ("figure", "value", "target"):
        table.add_column(col, justify="right" if col == "value" else "left")
    for key, value in figures.items():
        table.add_row(key, "–" if value is None else str(value), targets.get(key, ""))
    _out.print(table)


from .cli_bench import bench_length, bench_start  # noqa: E402 - the commands live in their own modules
from .cli_case import case_app  # noqa: E402
from .cli_corpus import corpus_app  # noqa: E402
from .cli_users import users_app  # noqa: E402

app.command("bench-length")(bench_length)
app.command("bench-start")(bench_start)
app.add_typer(corpus_app, name="corpus")

app.add_typer(users_app, name="users")

app.add_typer(case_app, name="case")

from .cli_claims import claims_app  # noqa: E402

app.add_typer(claims_app, name="claims")

from .cli_techniques import techniques_app  # noqa: E402

app.add_typer(techniques_app, name="techniques")

from .cli_causal import causal_app  # noqa: E402
from .cli_quotes import quotes_app  # noqa: E402

app.add_typer(causal_app, name="causal")
app.add_typer(quotes_app, name="quotes")

from .cli_relations import relations_app  # noqa: E402

app.add_typer(relations_app, name="relations")

from .cli_audit import audit_app  # noqa: E402

app.add_typer(audit_app, name="audit")


def main() -> None:
    app()
