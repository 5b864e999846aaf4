"""What every ``unspin`` command shares: the consoles, ``--debug``, and the one-line error."""

from __future__ import annotations

import traceback
from typing import Annotated

import typer
from rich.console import Console

from .errors import UnspinError

__all__ = ["Debug", "err", "error", "fail", "out"]

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

Debug = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")]


def error(line: str) -> None:
    """Print ``error: …`` on stderr (article text and paths are never read as markup)."""
    err.print(f"error: {line}", markup=False, style="red")


def fail(exc: BaseException, debug: bool) -> typer.Exit:
    """Report ``exc`` as one line (a traceback too under ``--debug``); the caller raises the exit."""
    if debug:
        err.print("".join(traceback.format_exception(exc)), markup=False)
    if isinstance(exc, UnspinError):
        error(exc.line())
    else:
        error(f"internal error: {type(exc).__name__}: {exc} — rerun with --debug and report it")
    return typer.Exit(1)
