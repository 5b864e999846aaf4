"""Writing files so that nothing the user wrote is ever lost.

A file is written to a temporary file in the target folder and renamed over the target (``os.replace``), so a
crash or a full disk never leaves a half-written file or destroys the previous one.  The file gets the
permissions any new file of the user's gets (``0666`` less the umask), not the ``0600`` of a temporary file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import ReportError

__all__ = ["write_atomic"]


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read the umask is to set it; put it straight back
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` (UTF-8) to ``path`` via a temp file and a rename, with the user's umask."""
    # The real folder, so that "x/../r.html" writes ./r.html and makes no empty x on the way.
    folder = Path(os.path.realpath(path.parent if str(path.parent) else "."))
    shown, path = path, folder / path.name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ReportError(f"{shown}: cannot write report ({exc.strerror})", "check the --out folder") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if hasattr(os, "fchmod"):  # POSIX; elsewhere mkstemp's mode does not apply
                os.fchmod(fh.fileno(), 0o666 & ~_umask())
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ReportError(f"{shown}: cannot write report ({exc.strerror})", "check space and permissions") from None
        raise
