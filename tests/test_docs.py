"""The documentation's Python examples run as written.

Each page's ``python`` code blocks run in order in one namespace, as a reader would paste them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).parent.parent / "docs"
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
PAGES = sorted(p for p in DOCS.rglob("*.md") if _BLOCK.search(p.read_text(encoding="utf-8")))


def test_some_pages_have_examples() -> None:
    assert any(p.name == "library.md" for p in PAGES)


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_python_examples_run(page: Path) -> None:
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for n, block in enumerate(_BLOCK.findall(page.read_text(encoding="utf-8")), 1):
        try:
            exec(compile(block, f"{page.name} block {n}", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message is the test's output
            pytest.fail(f"{page.relative_to(DOCS)}, Python block {n}: {type(exc).__name__}: {exc}")
