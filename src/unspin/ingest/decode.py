"""Reading raw bytes safely and decoding them to text.

Everything that can be wrong with a file before any parsing (missing,
unreadable, too large, empty, binary, not UTF-8) is caught here and raised as
an :class:`~unspin.errors.InputError` naming the file and what to do.

Text is decoded as UTF-8 *without* stripping a byte-order mark, so offsets
match the file as other tools (and the PTC gold labels) count them.  UTF-16
with a BOM is recognised; any other encoding must be named with
``--encoding``.  Line endings are kept as they are (no ``\\r\\n`` folding).
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError, InputError

__all__ = ["DEFAULT_MAX_BYTES", "ReadOptions", "decode_bytes", "read_file_bytes"]

DEFAULT_MAX_BYTES = 5_000_000

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read: the text encoding and the size limit per article."""

    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max size must be positive, not {self.max_bytes}", "e.g. --max-size 5MB")
        if self.encoding is not None:
            try:
                codecs.lookup(self.encoding)
            except LookupError:
                raise ConfigError(
                    f"unknown encoding {self.encoding!r}", "use a Python codec name such as latin-1 or cp1252"
                ) from None


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def read_file_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``, or an InputError for a missing/large/unreadable file."""
    where = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(where, "no such file or directory", "check the path") from None
    except OSError as exc:
        raise InputError(where, f"cannot read ({exc.strerror})", "check the path and its permissions") from None
    if st.st_size > max_bytes:
        raise InputError(
            where,
            f"file is {_mb(st.st_size)}, over the {_mb(max_bytes)} limit for one article",
            "split it into articles (a .jsonl corpus streams line by line) or raise --max-size",
        )
    try:
        with path.open("rb") as fh:
            return fh.read(max_bytes + 1)
    except IsADirectoryError:
        raise InputError(where, "is a directory here", "pass the folder itself to analyse all its files") from None
    except OSError as exc:
        raise InputError(where, f"cannot read ({exc.strerror})", "check the path and its permissions") from None


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` where NUL bytes fall on every odd (or every even) byte and the rest read as
    text in that encoding, else ``None`` (a binary file)."""
    head = head[: len(head) // 2 * 2]
    if len(head) < 4:
        return None
    odd, even = head[1::2], head[0::2]
    for name, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                sample = head.decode(name)
            except UnicodeDecodeError:
                continue
            if sum(ch.isprintable() or ch.isspace() for ch in sample) >= 0.95 * len(sample):
                return name
    return None


def decode_bytes(data: bytes, where: str, encoding: str | None = None) -> str:
    """Decode article bytes to ``str``, rejecting empty and binary input."""
    if not data.strip():
        raise InputError(where, "empty file (no text to analyse)", "check that the right file was given")
    if encoding is None and data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    if encoding is None or not encoding.lower().replace("_", "-").startswith("utf-16"):
        for magic, what in _MAGIC.items():
            if data.startswith(magic):
                raise InputError(where, f"binary file ({what}), not text", "give a .txt, .md, .html or .jsonl file")
        if b"\x00" in data[:8192]:
            utf16 = _utf16_without_bom(data[:8192])
            if utf16:
                raise InputError(
                    where, f"looks like {utf16.upper()} text without a byte-order mark", f"pass --encoding {utf16}"
                )
            raise InputError(
                where, "binary file (contains NUL bytes), not text", "give a .txt, .md, .html or .jsonl file"
            )
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(
            where,
            f"not valid {encoding or 'UTF-8'} (byte 0x{bad} at position {exc.start})",
            "convert it to UTF-8 (iconv -f latin1 -t utf-8) or pass --encoding latin-1 (or cp1252)",
        ) from None
    except LookupError:
        raise InputError(where, f"unknown encoding {encoding!r}", "use a Python codec name such as latin-1") from None
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(3, len(text[:20000]) // 100):
        raise InputError(where, "binary file (mostly control characters), not text", "give a text file")
    if not text.strip():
        raise InputError(where, "empty file (only whitespace)", "check that the right file was given")
    return text


def is_readable_dir(path: Path) -> bool:
    return path.is_dir() and os.access(path, os.R_OK | os.X_OK)
