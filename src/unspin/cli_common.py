"""What every ``unspin`` command shares: the app class, the consoles, ``--debug``, and the one-line error."""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperCommand
from typer.models import CommandFunctionType

from .data_home import corpus_path
from .errors import ConfigError, UnspinError

__all__ = ["App", "Debug", "data_dir", "err", "error", "fail", "out", "parse_size"]

# No markup and no emoji codes: article text, case text and file names ("[/x]", ":100:") print as written.
out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)

Debug = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")]


def data_dir(given: Path | None, *parts: str) -> Path:
    """``--data`` if given, else the corpus under the data home (``$UNSPIN_DATA``, else ``../shared/data``)."""
    return given if given is not None else corpus_path(*parts)


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


# Typer ships its own copy of Click, whose classes are private: parameters are told apart by ``param_type_name``.


def _argument_name(param: Any) -> str:
    """``PATH...`` for a list, ``[PATH]`` where optional: no type, no braces."""
    name = param.metavar or (param.name or "").upper()
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if param.required else f"[{name}]"


class _Command(TyperCommand):
    """A command whose usage line and argument list name arguments plainly.

    Typer writes ``{PATH...}...`` in the usage line and the Python type beside every argument
    (``PATH... <list[str]>``); a user needs neither.  An option given no metavar gets one from its default
    (``--epochs N``, ``--min-precision X``, ``--title TEXT``) instead of ``<int range>``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.param_type_name == "option" and param.metavar is None and not getattr(param, "is_flag", False):
                default = param.default
                param.metavar = "N" if isinstance(default, int) else "X" if isinstance(default, float) else "TEXT"

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_argument_name(param))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        args: list[tuple[str, str]] = []
        opts: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                args.append((_argument_name(param).strip("[]"), record[1]))
            else:
                opts.append(record)
        if args:
            with formatter.section("Arguments"):
                formatter.write_dl(args)
        if opts:
            with formatter.section("Options"):
                formatter.write_dl(opts)


class App(typer.Typer):
    """``typer.Typer`` with unspin's settings: plain-text help (no Rich boxes, so it pipes and wraps), help on a
    bare group, no shell-completion options, and plain argument names in every command's help."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("rich_markup_mode", None)
        kwargs.setdefault("no_args_is_help", True)
        kwargs.setdefault("add_completion", False)
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[CommandFunctionType], CommandFunctionType]:
        kwargs.setdefault("cls", _Command)
        return super().command(*args, **kwargs)


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$", re.IGNORECASE)
_UNITS = {None: 1, "b": 1, "k": 1_000, "kb": 1_000, "m": 1_000_000, "mb": 1_000_000, "g": 10**9, "gb": 10**9}


def parse_size(value: str) -> int:
    """'5MB' → 5000000; '200kb', '1.5M', '1000' work too."""
    m = _SIZE.match(value)
    if not m:
        raise ConfigError(f"cannot read size {value!r}", "write it like 5MB, 500KB or 1000000")
    unit = m.group(2).lower() if m.group(2) else None
    return int(float(m.group(1)) * _UNITS[unit])
