"""The data home: one place decides where the corpora are, and every command follows it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from typer.testing import CliRunner

import unspin
from unspin.cli import app
from unspin.data_home import DATA_ENV, corpus_path, get_data_home

SRC = Path(unspin.__file__).parent


def test_explicit_then_environment_then_shared(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(DATA_ENV, raising=False)
    assert get_data_home() == Path("../shared/data")
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    assert get_data_home() == tmp_path
    assert corpus_path("ptc", "dev") == tmp_path / "ptc" / "dev"
    assert get_data_home(tmp_path / "other") == tmp_path / "other"
    monkeypatch.setenv(DATA_ENV, "  ")
    assert get_data_home() == Path("../shared/data")  # an empty variable is no setting


def test_no_library_module_names_a_path_to_data() -> None:
    """Paths to corpora come from the data home; docstrings and help texts may still mention the default."""
    offenders = []
    for path in sorted(set(SRC.rglob("*.py")) - {SRC / "data_home.py"}):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Path":
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and "shared" in arg.value:
                        offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []


def test_commands_read_the_data_home_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    result = CliRunner().invoke(app, ["quotes", "eval"])
    assert result.exit_code == 1
    assert f"{tmp_path / 'gum_wikinews'}: no GUM data" in result.stderr
    result = CliRunner().invoke(app, ["causal", "eval"])
    assert result.exit_code == 1
    assert str(tmp_path / "cnc" / "V2") in result.stderr
