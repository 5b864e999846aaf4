"""The first ACH schema: cases, hypotheses, sources, evidence, ratings, perspectives.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _child(name: str, key: str, *columns: sa.Column[object]) -> None:
    op.create_table(
        name,
        sa.Column("case_id", sa.Integer, sa.ForeignKey("ach_cases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        *columns,
        sa.UniqueConstraint("case_id", key, name=f"uq_{name}_{key}"),
    )
    op.create_index(f"ix_{name}_case_id", name, ["case_id"])


def upgrade() -> None:
    op.create_table(
        "ach_cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("slug", sa.String(200), nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("priors", sa.JSON, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    _child(
        "ach_hypotheses",
        "hid",
        sa.Column("hid", sa.String(100), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    _child(
        "ach_sources",
        "sid",
        sa.Column("sid", sa.String(100), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("reliability", sa.String(1), nullable=False),
        sa.Column("extra", sa.JSON, nullable=True),
    )
    _child(
        "ach_evidence",
        "eid",
        sa.Column("eid", sa.String(100), nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
    )
    _child(
        "ach_perspectives",
        "pid",
        sa.Column("pid", sa.String(100), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("trust", sa.JSON, nullable=False),
    )
    op.create_table(
        "ach_ratings",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("ach_cases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("eid", sa.String(100), nullable=False),
        sa.Column("hid", sa.String(100), nullable=False),
        sa.Column("rating", sa.String(2), nullable=False),
        sa.UniqueConstraint("case_id", "eid", "hid", name="uq_ach_ratings"),
    )
    op.create_index("ix_ach_ratings_case_id", "ach_ratings", ["case_id"])


def downgrade() -> None:
    for name in ("ach_ratings", "ach_perspectives", "ach_evidence", "ach_sources", "ach_hypotheses", "ach_cases"):
        op.drop_table(name)
