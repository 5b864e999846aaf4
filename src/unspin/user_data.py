"""Reading YAML and JSON the user wrote (case files, source profiles, alias tables, corpus lines, reports)
without letting it blow up.

YAML aliases (``*x``) refer to an anchored node (``&x``) instead of copying it, so nine levels of
``&a [*b, *b, …]`` in a few hundred bytes ("billion laughs") stand for 10⁹ nodes.  PyYAML builds the shared
objects cheaply, but anything that walks the result (the line finder of case files, validation, ``json.dumps``)
follows every alias and runs out of memory.  :func:`compose_yaml` therefore counts the nodes the document
stands for, aliases expanded, and refuses a document over :data:`MAX_NODES` with one line naming the file.
Limits: the count stops at the bound, so a refused file costs at most ``MAX_NODES`` steps; a real case file
of a few thousand items is far below it.

JSON has no aliases, but Python's reader fails in ways that are not :class:`json.JSONDecodeError`: a
document nested some thousand levels deep raises :class:`RecursionError`, and a number of more than 4,300
digits :class:`ValueError`.  :func:`parse_json` turns all three into :class:`BadJSON` with a reason (and the
line and column where the reader knows them), for the caller to name its file.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from .errors import ConfigError

__all__ = ["MAX_NODES", "BadJSON", "compose_yaml", "load_yaml", "parse_json"]

#: the most nodes a document may stand for once its aliases are expanded
MAX_NODES = 200_000


def _loader(text: str) -> Any:
    """A safe loader, libyaml's (much faster) where PyYAML was built with it."""
    if yaml.__with_libyaml__:
        return yaml.CSafeLoader(text)
    return yaml.SafeLoader(text)


def _check_expansion(root: yaml.Node | None, where: str, limit: int) -> None:
    seen = 0
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        seen += 1
        if seen > limit:
            raise ConfigError(
                f"{where}: the YAML aliases (*name) expand to more than {limit:,} items",
                "write the items out instead of repeating them through aliases",
            )
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)


def _yaml_error(exc: yaml.YAMLError, where: str) -> ConfigError:
    mark = getattr(exc, "problem_mark", None)
    loc = f"{where}:{mark.line + 1}" if mark is not None else where
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return ConfigError(f"{loc}: not valid YAML ({problem})", "fix the file")


def compose_yaml(text: str, where: str, limit: int = MAX_NODES) -> tuple[yaml.Node | None, Any]:
    """The node tree of ``text`` (for line numbers) and the Python data it holds, or a one-line
    :class:`ConfigError` naming ``where``: invalid YAML, or aliases expanding beyond ``limit`` nodes."""
    loader = _loader(text)
    try:
        root = loader.get_single_node()
        _check_expansion(root, where, limit)
        data = None if root is None else loader.construct_document(root)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, where) from None
    except RecursionError:
        raise ConfigError(f"{where}: the YAML is nested too deeply", "flatten the file") from None
    finally:
        loader.dispose()
    return root, data


def load_yaml(text: str, where: str, limit: int = MAX_NODES) -> Any:
    """The data of a YAML document, read as :func:`compose_yaml` does."""
    return compose_yaml(text, where, limit)[1]


class BadJSON(ValueError):
    """Text that is not JSON Python can read: ``reason`` in a few words, with ``line`` and ``column`` (1-based)
    where known."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None) -> None:
        self.reason = reason
        self.line = line
        self.column = column
        super().__init__(reason)

    def at(self, where: str) -> str:
        """``where`` with the line, as ``file:line``, where it is known."""
        return f"{where}:{self.line}" if self.line is not None else where


def parse_json(text: str, **options: Any) -> Any:
    """``json.loads(text, **options)``, raising :class:`BadJSON` for every way the text can be unreadable."""
    try:
        return json.loads(text, **options)
    except json.JSONDecodeError as exc:
        raise BadJSON(f"{exc.msg}, column {exc.colno}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise BadJSON("nested too deeply to read") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        digits = "digits" in str(exc)
        raise BadJSON("a number has more than 4,300 digits" if digits else f"a value cannot be read ({exc})") from None
