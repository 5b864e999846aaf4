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


def test_two_commands_on_a_fresh_database_at_once_both_succeed(postgres_url: Any) -> None:
    """Both would create the tables; without a lock one failed (UniqueViolation on pg_type) 3 times in 11."""
    import threading

    from sqlalchemy import create_engine

    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    failures: list[BaseException] = []
    try:
        for n in range(6):
            name = f"unspin_race_{n}"
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
                conn.execute(text(f"CREATE DATABASE {name}"))
            url = postgres_url.rsplit("/", 1)[0] + f"/{name}"
            start = threading.Barrier(2)

            def open_store(url: str = url, start: threading.Barrier = start) -> None:
                store = CaseStore(url)
                start.wait()
                try:
                    assert store.list_cases() == []
                except BaseException as exc:
                    failures.append(exc)
                finally:
                    store.engine.dispose()

            threads = [threading.Thread(target=open_store, daemon=True) for _ in range(2)]
            for th in threads:
                th.start()
            for th in threads:
                th.join(30)
            failures.extend(TimeoutError(f"{name}: still migrating after 30 s") for th in threads if th.is_alive())
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            if failures:
                break
    finally:
        admin.dispose()
    assert failures == []
