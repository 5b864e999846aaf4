"""``unspin case …``: ACH case files in a database (a thin layer over unspin.ach)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from .cli_common import App, Debug
from .cli_common import err as _err
from .cli_common import fail as _fail
from .cli_common import out as _out
from .errors import ConfigError, StoreError, UnspinError

__all__ = ["case_app"]

case_app = App(
    help=(
        "Analysis of Competing Hypotheses: cases of hypotheses and evidence in a database "
        "(SQLite by default, PostgreSQL by URL), scored by Heuer/PARC inconsistency and Bayes.\n\n"
        "Example:\n\n    unspin case import case.yaml && unspin case score marvik --format html --out matrix.html"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


Db = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="UNSPIN_DB",
        metavar="URL",
        help="Database: a SQLite file path or URL, or postgresql://user@host/db. Default: cases.sqlite in the "
        "user data folder.",
    ),
]


def _store(db: str | None) -> Any:
    from .ach.store import CaseStore

    return CaseStore(db)


def _load_any(case_or_file: str, db: str | None) -> tuple[Any, str]:
    """A Case from a file (.yaml/.yml/.json) or a stored case name, and its label."""
    from .ach.case_file import case_from_dict, load_case

    path = Path(case_or_file)
    if path.suffix.lower() in (".yaml", ".yml", ".json"):
        if not path.is_file():
            raise ConfigError(f"{path}: no such case file", "check the path, or give a stored case name")
        return load_case(path), str(path)
    data, version = _store(db).load(case_or_file)
    return case_from_dict(data), f"{case_or_file} (version {version})"


@case_app.command("list")
def list_cases(db: Db = None, debug: Debug = False) -> None:
    """List the cases in the database.

    Example:

        unspin case list --db cases.sqlite
    """
    try:
        infos = _store(db).list_cases()
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    table = Table("case", "title", "hypotheses", "evidence", "version", "updated")
    for i in infos:
        table.add_row(
            i.slug, i.title, str(i.hypotheses), str(i.evidence), str(i.version), f"{i.updated_at:%Y-%m-%d %H:%M}"
        )
    _out.print(table if infos else "no cases yet — `unspin case new NAME` or `unspin case import FILE`")


@case_app.command("new")
def new(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Case name (no spaces), e.g. marvik-bombing.")],
    title: Annotated[str, typer.Option(metavar="TEXT", help="What the case asks.")] = "",
    hypothesis: Annotated[
        list[str] | None, typer.Option("--hypothesis", "-H", metavar="TEXT", help="A hypothesis; repeat. Ids H1, H2, …")
    ] = None,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Create an empty case, optionally with hypotheses.

    Example:

        unspin case new marvik --title "Who bombed the station?" -H "The Brotherhood alone" -H "Valdoria"
    """
    data = {
        "title": title,
        "hypotheses": [{"id": f"H{i}", "text": t} for i, t in enumerate(hypothesis or [], 1)],
        "sources": [],
        "evidence": [],
        "perspectives": [],
    }
    try:
        _store(db).create(name, data)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    _err.print(f"created case {name!r} with {len(data['hypotheses'])} hypotheses")


@case_app.command("import")
def import_case(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Case file (.yaml, .yml or .json).")],
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="Case name. Default: the file name.")
    ] = None,
    replace: Annotated[bool, typer.Option(help="Replace a stored case of that name.")] = False,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Import a case file into the database (validated first; one transaction).

    Example:

        unspin case import marvik.yaml --name marvik
    """
    from .ach.case_file import load_case
    from .ach.model import case_to_dict

    try:
        case = load_case(file)
        slug = name or file.stem
        store = _store(db)
        data = case_to_dict(case)
        version = store.replace(slug, data) if replace and store.exists(slug) else store.create(slug, data)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    _err.print(f"imported {file} as case {slug!r} (version {version})")


@case_app.command("export")
def export(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Stored case name.")],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="yaml or json.")] = "yaml",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="FILE", help="Write here instead of stdout.")
    ] = None,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Export a stored case as a case file (round-trips losslessly with import).

    Example:

        unspin case export marvik --format json --out marvik.json
    """
    from .ach.case_file import case_from_dict, dump_case
    from .reports import write_atomic

    try:
        if fmt not in ("yaml", "json"):
            raise ConfigError(f"unknown format {fmt!r}", "use yaml or json")
        data, _ = _store(db).load(name)
        text = dump_case(case_from_dict(data), fmt)
        if out is None:
            sys.stdout.write(text)
        else:
            write_atomic(out, text)
            _err.print(f"wrote {out}")
    except UnspinError as exc:
        raise _fail(exc, debug) from None


@case_app.command("show")
def show(
    case: Annotated[str, typer.Argument(metavar="CASE_OR_FILE", help="Stored case name or case file.")],
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Show a case: hypotheses, sources and the evidence × hypothesis matrix.

    Example:

        unspin case show marvik
    """
    from .ach.model import case_to_dict

    try:
        c, label = _load_any(case, db)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    data = case_to_dict(c)
    _out.print(Text.assemble((str(data.get("title") or label), "bold"), f"  ({label})"))
    hyps = [h["id"] for h in data["hypotheses"]]
    for h in data["hypotheses"]:
        _out.print(f"  {h['id']}: {h['text']}", markup=False)
    sources = {s["id"]: s for s in data.get("sources", [])}
    table = Table("item", "evidence", "source", *hyps)
    table.columns[1].overflow = "fold"  # whole words, wrapped, never cut
    for e in data["evidence"]:
        src = sources.get(e.get("source") or "", {})
        table.add_row(
            e["id"],
            str(e.get("text", "")),
            f"{src.get('name', '–')} {src.get('reliability', 'F')}{e.get('credibility', '6')}",
            *[(e.get("ratings") or {}).get(h, "") for h in hyps],
        )
    _out.print(table)


@case_app.command("rate")
def rate(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Stored case name.")],
    evidence: Annotated[str | None, typer.Argument(metavar="EVIDENCE", help="Evidence id, e.g. E3.")] = None,
    hypothesis: Annotated[str | None, typer.Argument(metavar="HYPOTHESIS", help="Hypothesis id, e.g. H2.")] = None,
    rating: Annotated[str | None, typer.Argument(metavar="RATING", help="CC, C, N, I, II or NA (clears).")] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="CSV",
            help="Many cells at once: rows of evidence,hypothesis,rating, or a matrix with a header "
            "evidence,H1,H2,… (an empty cell stays as it is). All or none are written.",
        ),
    ] = None,
    expect_version: Annotated[
        int | None,
        typer.Option(metavar="N", help="Refuse the write if the case is no longer at this version."),
    ] = None,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Rate how consistent evidence is with hypotheses: one cell, or many from a CSV file.

    Example:

        unspin case rate marvik E3 H2 II

        unspin case rate marvik --from ratings.csv
    """
    from .ach.edits import rate_cells, read_cells

    try:
        one = (evidence, hypothesis, rating)
        if from_file is not None:
            if any(one):
                raise ConfigError("give one cell or --from CSV, not both", "e.g. unspin case rate marvik E3 H2 II")
            cells = read_cells(from_file)
            version, message = _store(db).edit(name, lambda d: rate_cells(d, cells), expected_version=expect_version)
            _err.print(f"{name}: {message} from {from_file} (version {version})", markup=False)
            return
        if evidence is None or hypothesis is None or rating is None:
            raise ConfigError("a cell needs EVIDENCE HYPOTHESIS RATING", "e.g. unspin case rate marvik E3 H2 II")
        version = _store(db).rate(name, evidence, hypothesis, rating, expected_version=expect_version)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    _err.print(f"{name}: {evidence} × {hypothesis} = {rating.upper()} (version {version})", markup=False)


@case_app.command("add-evidence")
def add_evidence(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Stored case name.")],
    from_report: Annotated[
        Path | None, typer.Option(metavar="REPORT", help="A JSON report from `unspin analyze -f json`.")
    ] = None,
    claims: Annotated[bool, typer.Option("--claims", help="Take the report's check-worthy claims.")] = False,
    quotes: Annotated[bool, typer.Option("--quotes", help="Take the report's quotations (the default).")] = False,
    text: Annotated[str | None, typer.Option(metavar="TEXT", help="Or enter one item by hand.")] = None,
    source: Annotated[str | None, typer.Option(metavar="SOURCE_ID", help="Source id for --text.")] = None,
    credibility: Annotated[str, typer.Option(metavar="1-6", help="Admiralty credibility 1–6 for --text.")] = "6",
    relevance: Annotated[str, typer.Option(metavar="LEVEL", help="high, medium or low for --text.")] = "medium",
    expect_version: Annotated[int | None, typer.Option(metavar="N", help="Refuse if the case moved on.")] = None,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Add evidence: an analysed article's quotes or claims (unrated, with source and span), or one item by hand.

    Example:

        unspin analyze article.md -f json --out report.json && unspin case add-evidence marvik --from-report report.json
    """
    from .ach.edits import add_evidence, add_found
    from .ach.evidence import FromReport, evidence_from_report

    found = FromReport()

    def from_report_change(data: dict[str, Any]) -> tuple[dict[str, Any], str]:
        nonlocal found
        assert from_report is not None
        found = evidence_from_report(from_report, data, "claims" if claims else "quotes")
        return add_found(data, found)

    try:
        if from_report is not None:
            if claims and quotes:
                raise ConfigError("give --claims or --quotes, not both")
            change: Any = from_report_change
        elif text:
            change = lambda d: add_evidence(d, text, source, credibility, relevance)  # noqa: E731
        else:
            raise ConfigError("nothing to add", "give --from-report REPORT or --text TEXT")
        # read, checked against duplicates and written in one transaction
        version, message = _store(db).edit(name, change, expected_version=expect_version)
    except UnspinError:
        if from_report is not None and found.duplicates and not found.items:
            what = "claims" if claims else "quotes"
            exc = ConfigError(
                f"{from_report}: all {found.duplicates} {what} are in case {name!r} already",
                "nothing to add; rate them with `unspin case rate`",
            )
        raise _fail(exc, debug) from None
    _err.print(f"{name}: {message} (version {version})", markup=False)


@case_app.command("score")
def score(
    case: Annotated[str, typer.Argument(metavar="CASE_OR_FILE", help="Stored case name or case file.")],
    perspective: Annotated[
        str | None, typer.Option(metavar="ID", help="Score under one perspective only (default: all, side by side).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table, json or html.")] = "table",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="FILE", help="Write here instead of stdout.")
    ] = None,
    likelihoods_only: Annotated[
        bool,
        typer.Option(
            "--likelihoods-only",
            help="Posterior from the likelihoods items give only (default: ratings count too: CC 0.9 … II 0.1).",
        ),
    ] = False,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Score a case: inconsistency, weighted inconsistency, rank, posterior; diagnosticity; linchpins.

    Without --perspective every perspective is scored side by side. The posterior counts each rating as a
    likelihood (CC 0.9, C 0.7, N 0.5, I 0.3, II 0.1) unless the item gives its own.

    Example:

        unspin case score marvik --format html --out marvik.html
    """
    from .ach.html import render_case_html
    from .ach.model import case_to_dict
    from .ach.scoring import score_all, score_case
    from .reports import write_atomic

    try:
        if fmt not in ("table", "json", "html"):
            raise ConfigError(f"unknown format {fmt!r}", "use table, json or html")
        c, label = _load_any(case, db)
        ratings = not likelihoods_only
        results = (
            {perspective: score_case(c, perspective=perspective, from_ratings=ratings)}
            if perspective
            else score_all(c, from_ratings=ratings)
        )
        dicts = {k: v.to_dict() for k, v in results.items()}
        if fmt == "json":
            # One object (the chosen perspective, or the base grades with every
            # perspective's scores under "perspectives"), so the shape is always the same.
            payload: Any = (
                dicts[perspective]
                if perspective
                else {
                    **dicts[None],
                    "perspectives": [d for k, d in dicts.items() if k is not None],
                }
            )
            text = json.dumps(payload, indent=2) + "\n"
        elif fmt == "html":
            text = render_case_html(case_to_dict(c), dicts)
        else:
            _print_scores(case_to_dict(c), dicts, label)
            return
        if out is None:
            sys.stdout.write(text)
        else:
            write_atomic(out, text)
            _err.print(f"wrote {out}")
    except UnspinError as exc:
        raise _fail(exc, debug) from None


def _print_scores(data: dict[str, Any], dicts: dict[str | None, dict[str, Any]], label: str) -> None:
    """One narrow table per perspective, one under the other (readable at 80 columns), then what the scores
    mean and where rank and posterior disagree."""
    from .ach.explain import SCORE_HELP, rank_posterior_note

    _out.print(Text.assemble((str(data.get("title") or label), "bold"), f"  ({label})"), soft_wrap=False)
    texts = {h["id"]: str(h.get("text", "")) for h in data["hypotheses"]}
    names = {p["id"]: p.get("name", p["id"]) for p in data.get("perspectives", [])}
    for pid, sc in dicts.items():
        title = "base grades" if pid is None else f"perspective {pid}: {names.get(pid, pid)}"
        table = Table(title=title, title_justify="left", min_width=60)
        table.add_column("hypothesis", overflow="fold", ratio=1)
        for col in ("incons.", "weighted", "rank", "posterior"):
            table.add_column(col, justify="right", no_wrap=True)
        for hs in sc["hypotheses"]:
            post = hs.get("posterior")
            table.add_row(
                f"{hs['id']} {texts.get(hs['id'], '')}",
                str(hs["inconsistency"]),
                f"{hs['weighted_inconsistency']:.2f}",
                str(hs["rank"]),
                "–" if post is None else f"{post:.3f}",
            )
        _out.print(table)
        pins = [s["id"] for s in sc["sensitivity"] if s.get("changes_top")]
        _out.print(f"linchpins: {', '.join(pins) or 'none'}", markup=False, soft_wrap=False)
        note = rank_posterior_note(sc)
        if note:
            _out.print(f"note: {note}", markup=False, soft_wrap=False)
    _out.print(SCORE_HELP, markup=False, soft_wrap=False, style="dim")


@case_app.command("sensitivity")
def sensitivity(
    case: Annotated[str, typer.Argument(metavar="CASE_OR_FILE", help="Stored case name or case file.")],
    perspective: Annotated[str | None, typer.Option(metavar="ID", help="Under this perspective.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Which single item, if wrong, changes the ranking: drop each item, or make it low-credibility, and rescore.

    Example:

        unspin case sensitivity marvik --perspective P1
    """
    from .ach.scoring import score_case

    try:
        c, label = _load_any(case, db)
        sc = score_case(c, perspective=perspective).to_dict()
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    if as_json:
        sys.stdout.write(json.dumps(sc["sensitivity"], indent=2) + "\n")
        return
    diag = {e["id"]: e["diagnosticity"] for e in sc["evidence"]}
    table = Table(
        "item",
        "diagnosticity",
        "drop: top changes",
        "drop: max shift",
        "low credibility: top changes",
        title=f"{label}, perspective {perspective or 'base'}",
    )
    for s in sorted(sc["sensitivity"], key=lambda s: (-int(bool(s.get("changes_top"))), -s.get("max_shift", 0))):
        table.add_row(
            s["id"],
            f"{diag.get(s['id'], 0):.2f}",
            "⚑ yes" if s.get("changes_top") else "no",
            f"{s.get('max_shift', 0):.2f}",
            "yes" if s.get("changes_top_if_low") else "no",
        )
    _out.print(table)


@case_app.command("delete")
def delete_case(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Stored case name.")],
    yes: Annotated[bool, typer.Option("--yes", help="Really delete it.")] = False,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Delete a stored case (export it first if you may want it back).

    Example:

        unspin case export marvik --out marvik.yaml && unspin case delete marvik --yes
    """
    try:
        if not yes:
            raise StoreError(f"not deleting {name!r} without --yes", "export it first: unspin case export NAME")
        _store(db).delete(name)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    _err.print(f"deleted case {name!r}")


@case_app.command("bench")
def bench(
    hypotheses: Annotated[int, typer.Option(metavar="N", help="Hypotheses.", min=2)] = 50,
    evidence: Annotated[int, typer.Option(metavar="N", help="Evidence items.", min=1)] = 10_000,
    debug: Debug = False,
) -> None:
    """Time full scoring with sensitivity and two perspectives on a synthetic case (target ≤ 1 s).

    Example:

        unspin case bench --hypotheses 50 --evidence 10000
    """
    from .ach.bench import run_bench

    try:
        result = run_bench(n_hypotheses=hypotheses, n_evidence=evidence)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    _out.print(json.dumps(result, indent=2))


@case_app.command("share")
def share(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Stored case name.")],
    user: Annotated[str, typer.Argument(metavar="USER", help="An account (unspin users list).")],
    role: Annotated[
        str, typer.Option(metavar="ROLE", help="viewer, editor or owner; 'none' takes access away.")
    ] = "viewer",
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Let a workbench user read (viewer), change (editor) or share (owner) a case.

    Example:

        unspin case share marvik ana --role editor
    """
    from .ach.accounts import Accounts
    from .ach.store import CaseStore

    try:
        Accounts(CaseStore(db)).share(name, user, None if role == "none" else role)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    _err.print(f"{name}: {user} is {'no longer given it' if role == 'none' else role}", markup=False)


def _add_edit_commands() -> None:
    from .cli_case_edit import evidence_app, hypothesis_app, perspective_app, source_app

    case_app.add_typer(hypothesis_app, name="hypothesis")
    case_app.add_typer(source_app, name="source")
    case_app.add_typer(evidence_app, name="evidence")
    case_app.add_typer(perspective_app, name="perspective")


_add_edit_commands()
