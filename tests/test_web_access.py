"""Accounts and access in the workbench, on a real SQLite file: with accounts every request signs in (a
session from the sign-in page, or an API token); an owner shares a case; a viewer reads but cannot change it;
a stranger cannot even see it; with no account the workbench is one analyst's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from unspin.ach.accounts import Accounts
from unspin.cli import app as cli
from unspin.web.app import CSRF_COOKIE, create_app

from .test_web import fake_analyse

PASSWORD = "correct horse battery"


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Any]:
    db = f"sqlite:///{tmp_path / 'a.sqlite'}"
    app = create_app(db, analyser=fake_analyse)
    accounts: Accounts = app.state.accounts
    tokens = {}
    for name in ("olga", "ed", "vic", "stranger"):
        accounts.add_user(name, PASSWORD)
        tokens[name] = accounts.new_token(name)
    return {"app": app, "db": db, "tokens": tokens, "accounts": accounts}


def api(world: dict[str, Any], who: str | None) -> TestClient:
    client = TestClient(world["app"])
    if who:
        client.headers["Authorization"] = f"Bearer {world['tokens'][who]}"
    return client


def test_roles_decide_who_reads_and_who_writes(world: dict[str, Any]) -> None:
    olga, ed, vic, stranger = (api(world, n) for n in ("olga", "ed", "vic", "stranger"))
    assert olga.post("/api/cases", json={"name": "c", "hypotheses": ["A", "B"]}).status_code == 201
    olga.post("/api/cases/c/evidence", json={"text": "seen"})
    world["accounts"].share("c", "ed", "editor")
    world["accounts"].share("c", "vic", "viewer")
    cell = {"cells": [{"evidence": "E1", "hypothesis": "H1", "rating": "C", "was": "NA"}]}
    assert ed.put("/api/cases/c/cells", json=cell).status_code == 200
    assert vic.get("/api/cases/c").status_code == 200 and vic.get("/api/cases/c/scores").status_code == 200
    refused = vic.put("/api/cases/c/cells", json={"cells": [{"evidence": "E1", "hypothesis": "H2", "rating": "I"}]})
    assert refused.status_code == 403 and "may only read" in refused.json()["error"]
    assert vic.delete("/api/cases/c/evidence/E1").status_code == 403
    assert stranger.get("/api/cases/c").status_code == 404  # not even its existence
    assert [c["name"] for c in stranger.get("/api/cases").json()] == []
    assert api(world, None).get("/api/cases").status_code == 401
    bad = TestClient(world["app"], headers={"Authorization": "Bearer forged"})
    assert bad.get("/api/cases").status_code == 401
    with pytest.raises(Exception, match="only owner"):
        world["accounts"].share("c", "olga", "viewer")


def test_pages_ask_to_sign_in_and_a_viewer_gets_no_controls(world: dict[str, Any]) -> None:
    world["accounts"].cases.create("c", {"title": "t", "hypotheses": [{"id": "H1", "text": "A"}], "evidence": []})
    world["accounts"].share("c", "olga", "owner")
    world["accounts"].share("c", "vic", "viewer")
    client = TestClient(world["app"])
    first = client.get("/cases/c", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/login?next=/cases/c"
    client.get("/login")
    token = client.cookies[CSRF_COOKIE]
    wrong = client.post("/login", data={"csrf": token, "name": "vic", "password": "nope nope nope"})
    assert wrong.status_code == 401 and "do not match" in wrong.text
    signed = client.post("/login", data={"csrf": token, "name": "vic", "password": PASSWORD, "next": "/cases/c"})
    assert signed.status_code == 200 and "You may read this case" in signed.text
    assert "Save ratings" not in signed.text and 'action="/cases/c/hypothesis/add"' not in signed.text
    assert client.post("/cases/c/hypothesis/add", data={"csrf": token, "text": "B"}).status_code == 403
    assert '<span class="who">vic</span>' in signed.text  # who is signed in, and a way out
    outside = client.post("/login", data={"csrf": token, "name": "vic", "password": PASSWORD, "next": "//evil.example"})
    assert outside.url.path == "/"  # no open redirect
    client.post("/logout", data={"csrf": token})
    assert client.get("/cases", follow_redirects=False).status_code == 303


def test_without_accounts_the_workbench_is_open_and_the_cli_manages_users(tmp_path: Path) -> None:
    db = str(tmp_path / "o.sqlite")
    app = create_app(f"sqlite:///{db}", analyser=fake_analyse)
    assert TestClient(app).get("/api/cases").status_code == 200  # one analyst, on the loopback address
    runner = CliRunner()
    short = runner.invoke(cli, ["users", "add", "ana", "--password-stdin", "--db", db], input="short\n")
    assert short.exit_code == 1 and "shorter than 10" in short.stderr
    added = runner.invoke(cli, ["users", "add", "ana", "--password-stdin", "--db", db], input=PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    assert TestClient(app).get("/api/cases").status_code == 401  # now everyone signs in
    secret = runner.invoke(cli, ["users", "token", "ana", "--db", db]).stdout.strip()
    assert TestClient(app, headers={"Authorization": f"Bearer {secret}"}).get("/api/cases").status_code == 200
    assert runner.invoke(cli, ["users", "list", "--db", db]).stdout.strip() == "ana"
    refused = runner.invoke(cli, ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "empty.sqlite")])
    assert refused.exit_code == 1 and "no user accounts" in refused.stderr
