"""unspin's version, read from the installed package's metadata (``pyproject.toml`` is the one place it is set)."""

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("unspin")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"
