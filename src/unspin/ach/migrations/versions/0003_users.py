"""Local accounts for the workbench: users (argon2 password hashes), sign-in sessions and API tokens (their
SHA-256 only), and who may read or change each case.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    for table in ("user_sessions", "user_tokens"):
        op.create_table(
            table,
            sa.Column("digest", sa.String(64), primary_key=True),
            sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        )
    op.create_table(
        "case_access",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("ach_cases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.UniqueConstraint("case_id", "user_id", name="uq_case_access"),
    )


def downgrade() -> None:
    for table in ("case_access", "user_tokens", "user_sessions", "users"):
        op.drop_table(table)
