"""``unspin users …``: the workbench's local accounts (a thin layer over :mod:`unspin.ach.accounts`)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from .cli_common import App, Debug
from .cli_common import err as _err
from .cli_common import fail as _fail
from .cli_common import out as _out
from .errors import ConfigError, UnspinError

if TYPE_CHECKING:
    from .ach.accounts import Accounts

__all__ = ["users_app"]

users_app = App(
    help="Local accounts of the workbench (unspin serve): who may sign in, and API tokens for scripts.\n\n"
    "Example:\n\n    unspin users add ana && unspin case share marvik ana --role editor",
    no_args_is_help=True,
    rich_markup_mode=None,
)

Db = Annotated[
    str | None,
    typer.Option("--db", envvar="UNSPIN_DB", metavar="URL", help="Database (as for `unspin case`)."),
]
Name = Annotated[str, typer.Argument(metavar="NAME", help="User name: letters, digits, . _ @ -")]


def _accounts(db: str | None) -> Accounts:
    from .ach.accounts import Accounts
    from .ach.store import CaseStore

    return Accounts(CaseStore(db))


@users_app.command("add")
def add(
    name: Name,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input (for scripts).")
    ] = False,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Add an account; asks for its password (at least 10 characters), stored as an argon2 hash.

    Example:

        unspin users add ana

        printf '%s' "$PASSWORD" | unspin users add ana --password-stdin
    """
    try:
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
        user = _accounts(db).add_user(name, password)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    _err.print(f"added user {user.name!r}; the workbench now asks everyone to sign in", markup=False)


@users_app.command("list")
def list_users(db: Db = None, debug: Debug = False) -> None:
    """List the accounts.

    Example:

        unspin users list
    """
    try:
        names = _accounts(db).users()
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    _out.print("\n".join(names) if names else "no users: the workbench is one analyst's, on this machine only")


@users_app.command("remove")
def remove(
    name: Name,
    yes: Annotated[bool, typer.Option("--yes", help="Really remove it.")] = False,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Remove an account with its sessions, tokens and access to cases.

    Example:

        unspin users remove ana --yes
    """
    try:
        if not yes:
            raise ConfigError(f"not removing {name!r} without --yes", "add --yes")
        _accounts(db).remove_user(name)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    _err.print(f"removed user {name!r}", markup=False)


@users_app.command("token")
def token(name: Name, db: Db = None, debug: Debug = False) -> None:
    """Make an API token for scripts (printed once; send it as Authorization: Bearer TOKEN).

    Example:

        curl -H "Authorization: Bearer $(unspin users token ana)" localhost:8000/api/cases
    """
    try:
        secret = _accounts(db).new_token(name)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    typer.echo(secret)
