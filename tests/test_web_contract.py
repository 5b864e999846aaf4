"""The workbench API against its own OpenAPI description (schemathesis): on input generated from the schema,
every operation answers, and never with a 5xx.  The database holds the example case and one document, so
generated names and numbers sometimes hit real ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from unspin.ach.case_file import load_case
from unspin.ach.examples import example_case_path
from unspin.ach.model import case_to_dict

from .test_web import fake_analyse

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (make dev installs it)")


def test_no_operation_answers_with_a_server_error(tmp_path: Path) -> None:
    from hypothesis import given
    from schemathesis.checks import not_a_server_error

    from unspin.document import Document
    from unspin.web.app import create_app

    app = create_app(f"sqlite:///{tmp_path / 'c.sqlite'}", analyser=fake_analyse)
    app.state.cases.create("marvik", case_to_dict(load_case(example_case_path())))
    app.state.documents.add(fake_analyse([Document("Officials said the dam failed.", id="d")])[0])
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: Any) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        check()
