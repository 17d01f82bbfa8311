"""Many desks, one coach team: the outbox a kiosk sends from, the record of events the central store has
applied (so a resent event is applied once), the store's own identity, and server-checked coach sessions."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "store_meta",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.String, nullable=False),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String, nullable=False, unique=True),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        # AUTOINCREMENT: a sequence number is never used twice, even after the outbox was emptied.
        sqlite_autoincrement=True,
    )
    op.create_table(
        "applied_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String, nullable=False, unique=True),
        sa.Column("origin", sa.String, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("applied_at", sa.String, nullable=False),
    )
    op.create_table(
        "coach_sessions",
        sa.Column("token_hash", sa.String, primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("expires_at", sa.String, nullable=False),
    )
    op.create_index("answers_session", "answers", ["session_id"])
    op.create_index("proposals_session", "proposals", ["session_id"])
    op.create_index("consents_passport", "consents", ["passport_id"])
    op.create_index("coach_events_passport", "coach_events", ["passport_id"])
    op.create_index("access_log_passport", "access_log", ["passport_id"])


def downgrade() -> None:
    raise NotImplementedError("answers are never dropped")
