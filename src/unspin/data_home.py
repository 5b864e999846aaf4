"""Where the training and evaluation corpora live: the data home.

As scikit-learn's ``get_data_home``: a folder given explicitly (``--data``) wins, then the ``UNSPIN_DATA``
environment variable, then ``../shared/data`` relative to the working directory (where the project keeps its
corpora, beside a checkout).  Library modules name no path to data: they take a folder, or ask here for the
default one.  Nothing here checks that the folder exists; the reader of each corpus says what is missing and
how to get it.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DATA_ENV", "corpus_path", "get_data_home"]

#: The environment variable that names the data home.
DATA_ENV = "UNSPIN_DATA"
_DEFAULT = Path("..", "shared", "data")


def get_data_home(data_home: str | os.PathLike[str] | None = None) -> Path:
    """The data home: ``data_home`` if given, else ``$UNSPIN_DATA``, else ``../shared/data``."""
    if data_home is not None:
        return Path(data_home).expanduser()
    env = os.environ.get(DATA_ENV, "").strip()
    return Path(env).expanduser() if env else _DEFAULT


def corpus_path(*parts: str, data_home: str | os.PathLike[str] | None = None) -> Path:
    """A corpus folder or file under the data home: ``corpus_path("ptc", "dev")``."""
    return get_data_home(data_home).joinpath(*parts)
