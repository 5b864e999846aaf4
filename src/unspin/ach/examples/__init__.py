"""The bundled example ACH case (fictional; it goes with the example article ``station_bombing.md``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..case_file import load_case
from ..model import Case

__all__ = ["EXAMPLE_CASE_NAME", "example_case_path", "load_example_case"]

EXAMPLE_CASE_NAME = "station_bombing_case.yaml"


def example_case_path() -> Path:
    """Filesystem path of the example case inside the installed package."""
    return Path(str(resources.files("unspin.ach.examples").joinpath(EXAMPLE_CASE_NAME)))


def load_example_case() -> Case:
    """The example case: who bombed Marvik Central Station?"""
    return load_case(example_case_path())
