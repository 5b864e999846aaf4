"""The house keeps small rooms: no library module grows past 600 lines and no function past 80 (split them along
their responsibilities)."""

from __future__ import annotations

import ast
from pathlib import Path

import unspin

SRC = Path(unspin.__file__).parent


def test_no_library_module_is_over_600_lines() -> None:
    sizes = {p.relative_to(SRC): len(p.read_text(encoding="utf-8").splitlines()) for p in SRC.rglob("*.py")}
    assert {str(p): n for p, n in sizes.items() if n > 600} == {}


def _body_lines(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    body = fn.body
    first = body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        body = body[1:]  # the docstring
    return fn.end_lineno - body[0].lineno + 1 if body and fn.end_lineno else 0


def test_no_function_body_is_over_80_lines() -> None:
    """Counted from the first statement after the docstring to the end: a signature is declarations (a Typer
    command's options), a docstring is documentation; the code itself stays readable on one screen or two."""
    long = {}
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _body_lines(node) > 80:
                long[f"{path.relative_to(SRC)}:{node.lineno} {node.name}"] = _body_lines(node)
    assert long == {}
