"""Versioned schema migrations (Alembic), run by the store on start, on SQLite and PostgreSQL alike."""
