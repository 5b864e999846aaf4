"""``unspin case hypothesis|source|evidence|perspective add|edit|remove``: change a stored case without
exporting and importing it (a thin layer over :mod:`unspin.ach.edits`; every change is one transaction)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from .cli_common import App, Debug
from .cli_common import err as _err
from .cli_common import fail as _fail
from .errors import ConfigError, UnspinError

__all__ = ["evidence_app", "hypothesis_app", "perspective_app", "source_app"]

Db = Annotated[
    str | None,
    typer.Option("--db", envvar="UNSPIN_DB", metavar="URL", help="Database (as for the other case commands)."),
]
Expect = Annotated[
    int | None, typer.Option(metavar="N", help="Refuse the change if the case is no longer at this version.")
]
Name = Annotated[str, typer.Argument(metavar="NAME", help="Stored case name.")]
ItemId = Annotated[str, typer.Argument(metavar="ID", help="The id of the item to remove, e.g. H4.")]


def _apply(name: str, db: str | None, expect: int | None, debug: bool, change: Callable[[Any], Any]) -> None:
    from .ach.store import CaseStore

    try:
        version, message = CaseStore(db).edit(name, change, expected_version=expect)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    _err.print(f"{name}: {message} (version {version})", markup=False)


def _pairs(values: list[str] | None, what: str, example: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values or []:
        key, sep, value = v.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ConfigError(f"{what} {v!r} is not KEY=VALUE", f"e.g. {example}")
        out[key.strip()] = value.strip()
    return out


def _app(what: str, example: str) -> App:
    return App(
        help=f"Add, change or remove the {what} of a stored case.\n\nExample:\n\n    {example}",
        no_args_is_help=True,
        rich_markup_mode=None,
    )


hypothesis_app = _app("hypotheses", 'unspin case hypothesis add marvik "A lone insider did it"')
source_app = _app("sources", 'unspin case source add marvik "Harbour Gazette" --reliability C')
evidence_app = App(
    help="Change or remove the evidence of a stored case (add it with `unspin case add-evidence`).\n\nExample:\n\n"
    "    unspin case evidence edit marvik E3 --credibility 2 --relevance high",
    no_args_is_help=True,
    rich_markup_mode=None,
)
perspective_app = _app("perspectives", 'unspin case perspective add marvik "Trusts the Gazette" --trust S4=A')


# -- hypotheses ---------------------------------------------------------------------


@hypothesis_app.command("add")
def hypothesis_add(
    name: Name,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The hypothesis.")],
    hid: Annotated[str | None, typer.Option("--id", metavar="ID", help="Its id (default: the next H…).")] = None,
    expect_version: Expect = None,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Add a hypothesis (unrated against the evidence so far).

    Example:

        unspin case hypothesis add marvik "A lone insider did it"
    """
    from .ach.edits import add_hypothesis

    _apply(name, db, expect_version, debug, lambda d: add_hypothesis(d, text, hid))


@hypothesis_app.command("edit")
def hypothesis_edit(
    name: Name,
    hid: Annotated[str, typer.Argument(metavar="ID", help="Hypothesis id, e.g. H2.")],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The new wording.")],
    expect_version: Expect = None,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Reword a hypothesis (its ratings stay).

    Example:

        unspin case hypothesis edit marvik H2 "Valdoria ordered the attack"
    """
    from .ach.edits import edit_hypothesis

    _apply(name, db, expect_version, debug, lambda d: edit_hypothesis(d, hid, text))


# -- sources ------------------------------------------------------------------------


@source_app.command("add")
def source_add(
    name: Name,
    source_name: Annotated[str, typer.Argument(metavar="SOURCE", help="Who or what the source is.")],
    reliability: Annotated[str, typer.Option(metavar="A-F", help="Admiralty reliability (F: cannot judge).")] = "F",
    sid: Annotated[str | None, typer.Option("--id", metavar="ID", help="Its id (default: the next S…).")] = None,
    expect_version: Expect = None,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Add a source with its Admiralty reliability A–F.

    Example:

        unspin case source add marvik "Harbour Gazette" --reliability C
    """
    from .ach.edits import add_source

    _apply(name, db, expect_version, debug, lambda d: add_source(d, source_name, reliability, sid))


@source_app.command("edit")
def source_edit(
    name: Name,
    sid: Annotated[str, typer.Argument(metavar="ID", help="Source id, e.g. S2.")],
    source_name: Annotated[str | None, typer.Option("--name", metavar="TEXT", help="A new name.")] = None,
    reliability: Annotated[str | None, typer.Option(metavar="A-F", help="A new reliability.")] = None,
    expect_version: Expect = None,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Rename a source or grade it again.

    Example:

        unspin case source edit marvik S2 --reliability B
    """
    from .ach.edits import edit_source

    _apply(name, db, expect_version, debug, lambda d: edit_source(d, sid, source_name, reliability))


# -- evidence -----------------------------------------------------------------------


@evidence_app.command("edit")
def evidence_edit(
    name: Name,
    eid: Annotated[str, typer.Argument(metavar="ID", help="Evidence id, e.g. E3.")],
    text: Annotated[str | None, typer.Option(metavar="TEXT", help="New text.")] = None,
    source: Annotated[str | None, typer.Option(metavar="SOURCE_ID", help="Another source ('' for none).")] = None,
    credibility: Annotated[str | None, typer.Option(metavar="1-6", help="Admiralty credibility 1–6.")] = None,
    relevance: Annotated[str | None, typer.Option(metavar="LEVEL", help="high, medium or low.")] = None,
    likelihood: Annotated[
        list[str] | None,
        typer.Option(metavar="H=P", help="P(E|H) for the Bayesian score, e.g. H1=0.8; repeat; H1=-1 removes it."),
    ] = None,
    notes: Annotated[str | None, typer.Option(metavar="TEXT", help="Your notes on the item ('' clears them).")] = None,
    expect_version: Expect = None,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Change an evidence item's text, source, credibility, relevance, likelihoods or notes.

    Example:

        unspin case evidence edit marvik E3 --credibility 2 --relevance high --likelihood H1=0.8
    """
    from .ach.edits import edit_evidence

    try:
        liks = {h: float(p) for h, p in _pairs(likelihood, "likelihood", "H1=0.8").items()}
    except ValueError:
        raise _fail(ConfigError(f"a likelihood in {likelihood} is not a number", "e.g. H1=0.8"), debug) from None
    except UnspinError as exc:
        raise _fail(exc, debug) from None

    def change(d: Any) -> Any:
        return edit_evidence(
            d,
            eid,
            text=text,
            source=source,
            credibility=credibility,
            relevance=relevance,
            likelihoods=liks,
            notes=notes,
        )

    _apply(name, db, expect_version, debug, change)


# -- perspectives -------------------------------------------------------------------


@perspective_app.command("add")
def perspective_add(
    name: Name,
    perspective_name: Annotated[str, typer.Argument(metavar="TEXT", help="Whose view it is.")],
    trust: Annotated[
        list[str] | None, typer.Option(metavar="S=GRADE", help="How it grades a source, e.g. S1=A; repeat.")
    ] = None,
    pid: Annotated[str | None, typer.Option("--id", metavar="ID", help="Its id (default: the next P…).")] = None,
    expect_version: Expect = None,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Add a perspective: a point of view that grades some sources differently.

    Example:

        unspin case perspective add marvik "Trusts the Gazette" --trust S4=A --trust S2=E
    """
    from .ach.edits import add_perspective

    try:
        grades = _pairs(trust, "trust", "S1=A")
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    _apply(name, db, expect_version, debug, lambda d: add_perspective(d, perspective_name, grades, pid))


@perspective_app.command("edit")
def perspective_edit(
    name: Name,
    pid: Annotated[str, typer.Argument(metavar="ID", help="Perspective id, e.g. P1.")],
    perspective_name: Annotated[str | None, typer.Option("--name", metavar="TEXT", help="A new name.")] = None,
    trust: Annotated[
        list[str] | None, typer.Option(metavar="S=GRADE", help="Grade a source, e.g. S1=B; S1=- drops it; repeat.")
    ] = None,
    expect_version: Expect = None,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Rename a perspective or change how it grades sources.

    Example:

        unspin case perspective edit marvik P1 --trust S3=B --trust S4=-
    """
    from .ach.edits import edit_perspective

    try:
        grades = _pairs(trust, "trust", "S1=A")
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    _apply(name, db, expect_version, debug, lambda d: edit_perspective(d, pid, perspective_name, grades))


def _remove_command(app: App, what: str, example: str, remove_name: str, note: str) -> None:
    """``… remove NAME ID``: the same command for every kind of item (``remove_name``: its function in
    :mod:`unspin.ach.edits`, imported when the command runs, so that ``unspin --help`` stays quick)."""

    def remove(doc: Any, item: str) -> Any:
        from .ach import edits

        return getattr(edits, remove_name)(doc, item)

    def command(
        name: Name,
        item: ItemId,
        expect_version: Expect = None,
        db: Db = None,
        debug: Debug = False,
    ) -> None:
        _apply(name, db, expect_version, debug, lambda d: remove(d, item))

    app.command("remove", help=f"Remove a {what}{note}.\n\nExample:\n\n    {example}")(command)


def _add_remove_commands() -> None:
    _remove_command(
        hypothesis_app,
        "hypothesis",
        "unspin case hypothesis remove marvik H4",
        "remove_hypothesis",
        " with its ratings, likelihoods and prior",
    )
    _remove_command(
        source_app, "source", "unspin case source remove marvik S5", "remove_source", " that no evidence uses"
    )
    example = "unspin case evidence remove marvik E6"
    _remove_command(evidence_app, "evidence item", example, "remove_evidence", " and its ratings")
    _remove_command(
        perspective_app, "perspective", "unspin case perspective remove marvik P2", "remove_perspective", ""
    )


_add_remove_commands()
