"""Throttles that survive a restart: failures in a row per desk (wrong resume codes) and per account (failed
coach logins), and until when each must wait. Keys are HMACs, never a name or code as typed."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "throttles",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_failed_at", sa.Float, nullable=False),
        sa.Column("blocked_until", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("throttles")
