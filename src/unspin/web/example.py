"""The bundled example in the workbench: the fictional article analysed and stored, and its ACH case, so a
fresh ``unspin serve`` has something to open."""

from __future__ import annotations

from typing import Any

from ..ach.case_file import load_case
from ..ach.examples import example_case_path
from ..ach.model import case_to_dict
from ..examples import example_path
from .analyse import documents_from_upload

__all__ = ["EXAMPLE_CASE", "add_example"]

EXAMPLE_CASE = "marvik"


def add_example(app: Any) -> str:
    """Store the example document and case unless they are there; says what was added ("" for nothing)."""
    added = []
    if not app.state.cases.exists(EXAMPLE_CASE):
        app.state.cases.create(EXAMPLE_CASE, case_to_dict(load_case(example_case_path())))
        added.append(f"the example case {EXAMPLE_CASE!r}")
    path = example_path()
    docs = documents_from_upload(path.read_bytes(), path.name)
    if not any(d.doc_id == docs[0].id for d in app.state.documents.search(limit=1000)):
        number, new = app.state.documents.add(app.state.analyse(docs)[0])
        if new:
            added.append(f"the example document (/documents/{number})")
    return " and ".join(added)
