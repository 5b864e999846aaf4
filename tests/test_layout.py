"""The house keeps small rooms: no library module grows past 600 lines (split it along its responsibilities)."""

from __future__ import annotations

from pathlib import Path

import unspin

SRC = Path(unspin.__file__).parent


def test_no_library_module_is_over_600_lines() -> None:
    sizes = {p.relative_to(SRC): len(p.read_text(encoding="utf-8").splitlines()) for p in SRC.rglob("*.py")}
    assert {str(p): n for p, n in sizes.items() if n > 600} == {}
