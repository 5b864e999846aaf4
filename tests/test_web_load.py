"""The workbench under load, bounded (the figures themselves are printed by ``unspin serve-bench``): twenty
simulated analysts rating one item each of four shared cases, with scores read in between, lose no update and
get no 5xx; a rating written with the value its writer saw conflicts only when that very cell changed."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from unspin.web.app import create_app
from unspin.web.load import run_load, serve_in_thread

from .test_web import fake_analyse


def test_twenty_analysts_lose_no_update_and_get_no_server_error(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'l.sqlite'}", analyser=fake_analyse)
    base, stop = serve_in_thread(app)
    try:
        figures = run_load(base, analysts=20, seconds=6, think=0.2, article="A short article about a flood.")
    finally:
        stop()
    summary = figures.summary()
    assert summary["5xx answers"] == 0 and summary["lost updates"] == 0
    assert summary["rating writes"] >= 100 and summary["analyses"] >= 1


def test_a_rating_conflicts_only_when_its_own_cell_changed(tmp_path: Path) -> None:
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'c.sqlite'}", analyser=fake_analyse))
    client.post("/api/cases", json={"name": "c", "hypotheses": ["A", "B"]})
    client.post("/api/cases/c/evidence", json={"text": "one"})

    def put(hid: str, rating: str, was: str) -> int:
        cell = {"evidence": "E1", "hypothesis": hid, "rating": rating, "was": was}
        return client.put("/api/cases/c/cells", json={"cells": [cell]}).status_code

    assert put("H1", "C", "NA") == 200
    assert put("H2", "I", "NA") == 200  # another cell: no conflict, though the case moved on
    stale = client.put(
        "/api/cases/c/cells", json={"cells": [{"evidence": "E1", "hypothesis": "H1", "rating": "II", "was": "NA"}]}
    )
    assert stale.status_code == 409 and "E1 × H1 was changed to C" in stale.json()["error"]
    assert client.get("/api/cases/c").json()["case"]["evidence"][0]["ratings"] == {"H1": "C", "H2": "I"}
    assert put("H1", "NA", "C") == 200  # clearing, from what was seen
    assert client.get("/api/cases/c").json()["case"]["evidence"][0]["ratings"] == {"H2": "I"}
