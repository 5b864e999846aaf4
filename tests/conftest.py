"""Shared fixtures.  Model-loading tests are marked ``slow``; data tests ``data``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from unspin import Document, Pipeline, build_report, load_pipeline
from unspin.examples import example_path

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return load_pipeline()


@pytest.fixture(scope="session")
def example_report(pipeline: Pipeline) -> dict[str, Any]:
    text = example_path().read_text(encoding="utf-8")
    doc = Document(text, id="example", source=str(example_path()))
    return build_report(pipeline(doc))


def analyse(pipeline: Pipeline, text: str, doc_id: str = "t") -> dict[str, Any]:
    return build_report(pipeline(Document(text, id=doc_id)))
