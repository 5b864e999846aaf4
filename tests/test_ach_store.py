"""ACH cases in real databases: SQLite files in tmp_path and a real PostgreSQL server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from unspin.ach.store import CaseStore, normalise_url
from unspin.errors import ConflictError, StoreError

from .conftest import SMALL_CASE as CASE


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> CaseStore:
    if request.param == "sqlite":
        return CaseStore(str(tmp_path / "cases.sqlite"))
    url = request.getfixturevalue("postgres_url")
    s = CaseStore(url)
    for info in s.list_cases():  # a shared server: start each test from an empty database
        s.delete(info.slug)
    return s


def test_urls() -> None:
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("cases.db").startswith("sqlite:////")


def test_round_trip_and_versions(store: CaseStore) -> None:
    assert store.create("marvik", CASE) == 1
    data, version = store.load("marvik")
    assert data == CASE and version == 1
    assert store.rate("marvik", "E2", "H2", "II") == 2
    assert store.rate("marvik", "E1", "H2", "na") == 3  # NA clears a cell
    data, version = store.load("marvik")
    assert data["evidence"][1]["ratings"] == {"H1": "C", "H2": "II"}
    assert data["evidence"][0]["ratings"] == {"H1": "CC"}
    assert version == 3
    [info] = store.list_cases()
    assert (info.slug, info.hypotheses, info.evidence, info.version) == ("marvik", 2, 2, 3)


def test_clear_errors(store: CaseStore) -> None:
    store.create("marvik", CASE)
    with pytest.raises(StoreError, match="already exists"):
        store.create("marvik", CASE)
    with pytest.raises(StoreError, match="no case 'nope'"):
        store.load("nope")
    with pytest.raises(StoreError, match="no evidence 'E9'"):
        store.rate("marvik", "E9", "H1", "C")
    with pytest.raises(StoreError, match="not one of"):
        store.rate("marvik", "E1", "H1", "XX")


def test_stale_version_is_refused_and_changes_nothing(store: CaseStore) -> None:
    store.create("marvik", CASE)
    _, seen = store.load("marvik")
    store.rate("marvik", "E1", "H1", "N")  # someone else writes first
    with pytest.raises(ConflictError, match="you had version 1, it is now 2"):
        store.rate("marvik", "E1", "H2", "II", expected_version=seen)
    data, version = store.load("marvik")
    assert data["evidence"][0]["ratings"] == {"H1": "N", "H2": "C"} and version == 2


def _writer(url: str, *args: str, pause: float = 0.0) -> subprocess.Popen[str]:
    code = (
        "import sys; from unspin.ach.store import CaseStore; "
        "s = CaseStore(sys.argv[1]); print(s.rate(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]))"
    )
    env = dict(os.environ)
    if pause:
        env["UNSPIN_TEST_PAUSE_BEFORE_COMMIT"] = str(pause)
    return subprocess.Popen(
        [sys.executable, "-c", code, url, *args], env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def test_two_writers_at_once_lose_nothing(store: CaseStore) -> None:
    store.create("marvik", CASE)
    # Each writer holds its transaction open for a second, so they overlap.
    one = _writer(store.url, "marvik", "E1", "H1", "I", pause=1.0)
    two = _writer(store.url, "marvik", "E2", "H1", "II", pause=1.0)
    outs = [p.communicate(timeout=120) for p in (one, two)]
    assert [p.returncode for p in (one, two)] == [0, 0], outs
    data, version = store.load("marvik")
    assert data["evidence"][0]["ratings"]["H1"] == "I" and data["evidence"][1]["ratings"]["H1"] == "II"
    assert version == 3 and sorted(int(o.strip()) for o, _ in outs) == [2, 3]


def test_killed_writer_leaves_the_case_as_it_was(store: CaseStore) -> None:
    store.create("marvik", CASE)
    victim = _writer(store.url, "marvik", "E1", "H1", "II", pause=60.0)
    assert victim.stderr is not None
    deadline = time.time() + 60
    line = ""
    while "paused before commit" not in line and time.time() < deadline:
        line = victim.stderr.readline()
    assert "paused before commit" in line  # the write is inside its transaction now
    victim.kill()
    victim.wait(timeout=30)
    data, version = store.load("marvik")
    assert data == CASE and version == 1
    assert store.rate("marvik", "E1", "H1", "C") == 2  # and the database is usable again
