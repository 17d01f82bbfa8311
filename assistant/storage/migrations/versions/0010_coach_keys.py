"""A signing key per coach and union-counsellor account (`coach_keys`): the Ed25519 private key sealed with
the region key ring, its did:key, made, ends and revoked; and `confirmation_requests`, an employer's one-time
code (keyed hash) with the sealed request, its end and its use. On PostgreSQL the coach role reads every
key's did and dates (to check others' signatures) but a sealed private key only its own, under its own live
session (`assistent_own_coach_key`); only the admin role and the owner add, revoke or renew keys."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

revision = "0010"
down_revision = "0009"

OWN_KEY = "assistent_own_coach_key(text)"


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
    op.create_table(
        "confirmation_requests",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("code_hash", sa.String, nullable=False, unique=True),
        sa.Column("passport_id", sa.String, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("created_by", sa.String, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("expires_at", sa.String, nullable=False),
        sa.Column("used_at", sa.String, nullable=True),
    )
    op.create_index("ix_confirmation_requests_passport_id", "confirmation_requests", ["passport_id"])
    if op.get_bind().dialect.name != "postgresql":
        return
    # The roles of 0006, when they exist on this server (they do after 0006 ran here).
    op.execute(
        text(
            """DO $$ BEGIN
              IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'assistent_coach') THEN
                -- Every coach may read who holds which key and its dates (to check a signature), never a
                -- sealed private key: the coach machines share the region key, so a readable sealed key
                -- would let one coach sign as another. Their own comes through assistent_own_coach_key.
                GRANT SELECT (did, name, created_at, expires_at, revoked_at) ON coach_keys TO assistent_coach;
                GRANT SELECT, INSERT, UPDATE, DELETE ON coach_keys TO assistent_admin;
                GRANT SELECT, INSERT, UPDATE ON confirmation_requests TO assistent_coach;
                GRANT SELECT, INSERT, UPDATE, DELETE ON confirmation_requests TO assistent_admin;
                -- A desk's erasure event removes the requests of the erased passport too.
                GRANT SELECT (id, passport_id), DELETE ON confirmation_requests TO assistent_kiosk;
                -- A coach reaches a request only for a passport whose holder lets them look (0009).
                ALTER TABLE confirmation_requests ENABLE ROW LEVEL SECURITY;
                CREATE POLICY coach_rows ON confirmation_requests TO assistent_coach
                    USING (assistent_coach_may_see(passport_id)) WITH CHECK (assistent_coach_may_see(passport_id));
                CREATE POLICY admin_rows ON confirmation_requests TO assistent_admin USING (true) WITH CHECK (true);
                CREATE POLICY kiosk_rows ON confirmation_requests TO assistent_kiosk USING (true) WITH CHECK (true);
              END IF;
            END $$"""
        )
    )
    schema = op.get_bind().execute(text("SELECT current_schema()")).scalar_one()
    path = f'pg_catalog, "{schema.replace(chr(34), chr(34) * 2)}"'
    # The newest sealed key of `account`, only for a transaction that carries a live session of that very
    # account (the token `assistent_coach_live()` checks); NULL for anyone else.
    op.execute(
        f"""
        CREATE FUNCTION {OWN_KEY.replace("text", "account text")} RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
            SELECT k.sealed_key FROM coach_keys k
            WHERE k.name = account AND EXISTS (
                SELECT 1 FROM coach_sessions s
                WHERE s.name = account
                  AND s.token_hash = encode(sha256(convert_to(
                          coalesce(current_setting('assistent.coach_token', true), ''), 'UTF8')), 'hex')
                  AND s.expires_at::timestamptz > now()
            )
            ORDER BY k.created_at DESC, k.did LIMIT 1
        $$
        """
    )
    op.execute(f"REVOKE ALL ON FUNCTION {OWN_KEY} FROM PUBLIC")
    op.execute(
        text(
            f"""DO $$ BEGIN
              IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'assistent_coach') THEN
                GRANT EXECUTE ON FUNCTION {OWN_KEY} TO assistent_coach, assistent_admin;
              END IF;
            END $$"""
        )
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {OWN_KEY}")
    op.drop_index("ix_confirmation_requests_passport_id", table_name="confirmation_requests")
    op.drop_table("confirmation_requests")
    op.drop_index("ix_coach_keys_name", table_name="coach_keys")
    op.drop_table("coach_keys")
