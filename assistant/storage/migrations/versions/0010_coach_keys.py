"""A signing key per coach and union-counsellor account (`coach_keys`): the Ed25519 private key sealed with
the region key ring, its did:key, made, ends and revoked. On PostgreSQL the coach role reads keys (to sign
its own decisions and to check others'), only the admin role and the owner add, revoke or renew them."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

revision = "0010"
down_revision = "0006"


def upgrade() -> None:
    op.create_table(
        "coach_keys",
        sa.Column("did", sa.String, primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("sealed_key", sa.String, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("expires_at", sa.String, nullable=False),
        sa.Column("revoked_at", sa.String, nullable=True),
    )
    op.create_index("ix_coach_keys_name", "coach_keys", ["name"])
    if op.get_bind().dialect.name != "postgresql":
        return
    # The roles of 0006, when they exist on this server (they do after 0006 ran here).
    op.execute(
        text(
            """DO $$ BEGIN
              IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'assistent_coach') THEN
                GRANT SELECT ON coach_keys TO assistent_coach;
                GRANT SELECT, INSERT, UPDATE, DELETE ON coach_keys TO assistent_admin;
              END IF;
            END $$"""
        )
    )


def downgrade() -> None:
    op.drop_index("ix_coach_keys_name", table_name="coach_keys")
    op.drop_table("coach_keys")
