"""Alembic environment: migrations run on the connection the store hands over."""

from __future__ import annotations

from alembic import context

from unspin.ach.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the store always passes one
    raise RuntimeError("unspin migrations run through unspin.ach.store, which passes a connection")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
