"""The ACH database tables (SQLAlchemy Core), one case spread over six tables.

``cases.version`` is the optimistic-concurrency column: every write bumps it
in the same transaction, and a write that expected another version changes
nothing (see :mod:`unspin.ach.store`).  The schema is created and upgraded
by the Alembic migrations in ``migrations/``, never by ``create_all``.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = [
    "case_access",
    "cases",
    "documents",
    "evidence",
    "hypotheses",
    "metadata",
    "perspectives",
    "ratings",
    "sources",
    "user_sessions",
    "user_tokens",
    "users",
]

metadata = MetaData()

cases = Table(
    "ach_cases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("slug", String(200), nullable=False, unique=True),
    Column("title", Text, nullable=False, default=""),
    Column("priors", JSON, nullable=True),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


def _child(name: str, *columns: Column[object], key: str) -> Table:
    return Table(
        name,
        metadata,
        Column("case_id", Integer, ForeignKey("ach_cases.id", ondelete="CASCADE"), nullable=False, index=True),
        Column("position", Integer, nullable=False),
        *columns,
        UniqueConstraint("case_id", key, name=f"uq_{name}_{key}"),
    )


hypotheses = _child(
    "ach_hypotheses",
    Column("hid", String(100), nullable=False),
    Column("text", Text, nullable=False),
    key="hid",
)
sources = _child(
    "ach_sources",
    Column("sid", String(100), nullable=False),
    Column("name", Text, nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("extra", JSON, nullable=True),
    key="sid",
)
evidence = _child(
    "ach_evidence",
    Column("eid", String(100), nullable=False),
    Column("body", JSON, nullable=False),  # the item as in the case file, without ratings
    key="eid",
)
perspectives = _child(
    "ach_perspectives",
    Column("pid", String(100), nullable=False),
    Column("name", Text, nullable=False),
    Column("trust", JSON, nullable=False),
    key="pid",
)
ratings = Table(
    "ach_ratings",
    metadata,
    Column("case_id", Integer, ForeignKey("ach_cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("eid", String(100), nullable=False),
    Column("hid", String(100), nullable=False),
    Column("rating", String(2), nullable=False),
    UniqueConstraint("case_id", "eid", "hid", name="uq_ach_ratings"),
)

#: Analysed articles (``unspin serve``): the JSON report whole, and what the document list searches by.
documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("doc_id", Text, nullable=False),
    Column("title", Text, nullable=True),
    Column("outlet", Text, nullable=True),
    Column("published", String(32), nullable=True),
    Column("words", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("blamed", JSON, nullable=False),  # the names the report's chains and blame statements blame
    Column("techniques", JSON, nullable=False),  # the techniques found, each once
    Column("report", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

#: Local accounts of the workbench (``unspin users``); the password as an argon2 hash.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


def _secret(name: str) -> Table:
    """Sign-in sessions and API tokens: only the SHA-256 of the secret is stored."""
    return Table(
        name,
        metadata,
        Column("digest", String(64), primary_key=True),
        Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("expires_at", DateTime(timezone=True), nullable=True),
    )


user_sessions = _secret("user_sessions")
user_tokens = _secret("user_tokens")

#: Who may do what with a case: owner (everything, sharing too), editor (change it), viewer (read it).
case_access = Table(
    "case_access",
    metadata,
    Column("case_id", Integer, ForeignKey("ach_cases.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(10), nullable=False),
    UniqueConstraint("case_id", "user_id", name="uq_case_access"),
)
