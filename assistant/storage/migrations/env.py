"""Alembic's entry point: migrations always run on the connection the store hands over, inside its
transaction, so a failed migration leaves the database as it was."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    render_as_batch=connection.dialect.name == "sqlite",
    cipher=context.config.attributes["cipher"],
    keys=context.config.attributes["keys"],
)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        # Twenty kiosks may start at once against one server: one migrates, the others wait and find it done.
        connection.execute(text("SELECT pg_advisory_xact_lock(4242001)"))
    context.run_migrations()
