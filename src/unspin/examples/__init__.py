"""The bundled example article (fictional; written for the project)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["EXAMPLE_NAME", "example_path"]

EXAMPLE_NAME = "station_bombing.md"


def example_path() -> Path:
    """Filesystem path of the example article inside the installed package."""
    return Path(str(resources.files("unspin.examples").joinpath(EXAMPLE_NAME)))
