"""The workbench's tables on PostgreSQL too (documents, accounts, roles, a rating written as seen): the same
calls as on SQLite, against the real server the tests start (skipped, saying why, without one)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from unspin.ach.accounts import Accounts
from unspin.ach.documents import DocumentStore
from unspin.ach.store import CaseStore
from unspin.document import Document

from .test_web import fake_analyse


def test_documents_accounts_and_ratings_on_postgresql(postgres_url: Any) -> None:
    cases = CaseStore(postgres_url)
    with cases.engine.begin() as conn:  # a shared server: start from empty tables
        for table in ("case_access", "user_tokens", "user_sessions", "users", "documents"):
            conn.execute(text(f"DELETE FROM {table}"))
    for info in cases.list_cases():
        cases.delete(info.slug)
    docs = DocumentStore(cases=cases)
    report = fake_analyse([Document("The mayor ignored the warnings about the dam.", id="pg")])[0]
    report["document"]["published"] = "2024-05-02"
    number, new = docs.add(report)
    assert new and docs.add(report) == (number, False)
    assert [d.doc_id for d in docs.search(q="WARNINGS", since="2024-05", until="2024-05")] == ["pg"]
    accounts = Accounts(cases)
    accounts.add_user("olga", "correct horse battery")
    olga = accounts.verify("olga", "correct horse battery")
    assert olga is not None and accounts.verify("olga", "wrong password!") is None
    assert accounts.session_user(accounts.new_session(olga)) == olga
    cases.create(
        "c", {"title": "t", "hypotheses": [{"id": "H1", "text": "A"}], "evidence": [{"id": "E1", "text": "x"}]}
    )
    accounts.share("c", "olga", "owner")
    assert accounts.role("c", olga) == "owner"
    assert cases.rate_as_seen("c", [("E1", "H1", "CC", "NA")]) == 2
    assert cases.load("c")[0]["evidence"][0]["ratings"] == {"H1": "CC"}
