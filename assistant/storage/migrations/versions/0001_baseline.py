"""Baseline: the tables as they were before migrations existed.

Creates what is missing and adds the columns later versions of the embedded file gained, so a store
written by an older kiosk is taken over as it is, with every answer kept.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def _create(name: str, *columns: sa.Column[Any]) -> None:
    if not sa.inspect(op.get_bind()).has_table(name):
        op.create_table(name, *columns)


def _add_column(table: str, column: sa.Column[Any]) -> None:
    existing = {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}
    if column.name not in existing:
        with op.batch_alter_table(table) as batch:
            batch.add_column(column)


def upgrade() -> None:
    _create(
        "sessions",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("dialogue", sa.String, nullable=False),
        sa.Column("dialogue_version", sa.Integer, nullable=False),
        sa.Column("language", sa.String, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("history", sa.Text, nullable=False),
        sa.Column("passport_id", sa.String),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
    )
    _add_column("sessions", sa.Column("resume_code", sa.String))
    _create(
        "answers",
        sa.Column("session_id", sa.String, primary_key=True),
        sa.Column("question_id", sa.String, primary_key=True),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("answer_values", sa.Text, nullable=False),
        sa.Column("text", sa.Text),
        sa.Column("answered_at", sa.String, nullable=False),
    )
    _add_column("answers", sa.Column("language", sa.String, nullable=False, server_default="nl"))
    _add_column("answers", sa.Column("inferred_from", sa.String))
    _create(
        "proposals",
        sa.Column("session_id", sa.String, primary_key=True),
        sa.Column("skill_ref", sa.String, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("verdict", sa.String),
        sa.Column("decided_at", sa.String),
    )
    _create(
        "passports",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("session_id", sa.String, nullable=False),
        sa.Column("nickname", sa.Text),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
    )
    _create(
        "consents",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("passport_id", sa.String, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    _create(
        "access_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("passport_id", sa.String),
        sa.Column("detail", sa.Text, nullable=False),
    )
    _create(
        "coach_users",
        sa.Column("name", sa.String, primary_key=True),
        sa.Column("password_hash", sa.String, nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
    )
    _create(
        "coach_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("passport_id", sa.String, nullable=False),
        sa.Column("coach", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("at", sa.String, nullable=False),
    )
    indexes = {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("sessions")}
    if "sessions_resume_code" not in indexes:
        op.create_index(
            "sessions_resume_code",
            "sessions",
            ["resume_code"],
            unique=True,
            sqlite_where=sa.text("resume_code IS NOT NULL"),
            postgresql_where=sa.text("resume_code IS NOT NULL"),
        )


def downgrade() -> None:
    raise NotImplementedError("answers are never dropped")
