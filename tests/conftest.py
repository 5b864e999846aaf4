"""Shared fixtures.  Model-loading tests are marked ``slow``; data tests ``data``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from unspin import Document, Pipeline, build_report, load_pipeline
from unspin.examples import example_path

SHARED = Path(__file__).resolve().parents[2] / "shared"

#: A small ACH case in canonical case-file form (model and store tests).
SMALL_CASE: dict[str, Any] = {
    "title": "Who bombed the station?",
    "hypotheses": [{"id": "H1", "text": "The Brotherhood alone"}, {"id": "H2", "text": "Valdoria directed it"}],
    "sources": [{"id": "S1", "name": "Meridian Ledger", "reliability": "B"}],
    "evidence": [
        {
            "id": "E1",
            "text": "Claim of responsibility",
            "source": "S1",
            "credibility": "2",
            "relevance": "high",
            "ratings": {"H1": "CC", "H2": "C"},
        },
        {
            "id": "E2",
            "text": "Payments stopped in 2024",
            "credibility": "4",
            "relevance": "medium",
            "ratings": {"H1": "C", "H2": "I"},
            "likelihoods": {"H1": 0.7, "H2": 0.3},
        },
    ],
    "priors": {"H1": 0.5, "H2": 0.5},
    "perspectives": [{"id": "P1", "name": "Trusts the Ledger", "trust": {"S1": "A"}}],
}

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


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_url() -> Any:
    """A real PostgreSQL server for the session, or a skip that says why not.

    ``UNSPIN_TEST_PG_URL`` points at an existing server; otherwise one is
    started from the installed binaries (Debian's ``postgresql`` package, which
    ``.ci/run`` installs) in a temporary folder, on 127.0.0.1, trust auth.
    """
    import glob
    import os
    import shutil
    import subprocess
    import tempfile

    if os.environ.get("UNSPIN_TEST_PG_URL"):
        yield os.environ["UNSPIN_TEST_PG_URL"]
        return
    initdb = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or [shutil.which("initdb") or ""]
    if not initdb[-1]:
        pytest.skip("PostgreSQL tests skipped: no initdb found (install Debian's postgresql package)")
    bindir = Path(initdb[-1]).parent
    run_as: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        if shutil.which("runuser") is None:
            pytest.skip("PostgreSQL tests skipped: running as root without runuser")
        run_as = ["runuser", "-u", "postgres", "--"]
    folder = Path(tempfile.mkdtemp(prefix="unspin-pg-"))
    folder.chmod(0o755)
    data = folder / "data"
    if run_as:
        shutil.chown(folder, "postgres", "postgres")
    port = _free_port()
    try:
        subprocess.run(
            [*run_as, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(
            [
                *run_as,
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-w",
                "-l",
                str(folder / "log"),
                "-o",
                f"-p {port} -c listen_addresses=127.0.0.1 -k {folder}",
                "start",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"PostgreSQL tests skipped: could not start a server ({exc})")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)
