"""Passport history: one row per saved version of a passport (who, what, when, and the passport as it was),
sealed with the same person key as the passport, so erasing the person makes every version unreadable
and then deletes it. Each passport already stored gets its current state as its first kept version.

On PostgreSQL the table gets the same least-privilege rules as the passports (migration 0006): the desk's
sync sender adds and erases versions but reads no words, a coach reads and adds them only under a live
coach session, the admin may do everything. A desk that takes over an interview by its resume code
(migration 0007) gets the passport's versions too, through `assistent_versions_by_code`, which like the
interview lookup answers only for the keyed hashes of one code and gives the rows still sealed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"

KIOSK, COACH, ADMIN = "assistent_kiosk", "assistent_coach", "assistent_admin"
FUNCTION = "assistent_versions_by_code(text[])"


def upgrade() -> None:
    op.create_table(
        "passport_versions",
        sa.Column("passport_id", sa.String, primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("at", sa.String, nullable=False),
        sa.Column("actor_kind", sa.String, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    keys = op.get_context().opts["keys"]
    bind = op.get_bind()
    passports = sa.table(
        *("passports",), *(sa.column(c) for c in ("id", "session_id", "version", "updated_at", "data"))
    )
    versions = sa.table(
        "passport_versions",
        *(
            sa.column(c)
            for c in ("passport_id", "version", "at", "actor_kind", "actor", "action", "detail", "data")
        ),
    )
    for row in bind.execute(sa.select(passports)).mappings().all():
        # The sealed passport is copied as it is: it is sealed with the person's key already.
        bind.execute(
            versions.insert().values(
                passport_id=row["id"],
                version=row["version"],
                at=row["updated_at"],
                actor_kind="desk",
                actor="-",
                action="earlier",
                detail=keys.seal(row["session_id"], "{}"),
                data=row["data"],
            )
        )
    if bind.dialect.name != "postgresql":
        return
    op.execute(f"GRANT INSERT, DELETE ON passport_versions TO {KIOSK}")
    op.execute(f"GRANT SELECT (passport_id, version) ON passport_versions TO {KIOSK}")
    op.execute(f"GRANT SELECT, INSERT ON passport_versions TO {COACH}")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON passport_versions TO {ADMIN}")
    op.execute("ALTER TABLE passport_versions ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY kiosk_rows ON passport_versions TO {KIOSK} USING (true) WITH CHECK (true)")
    op.execute(f"CREATE POLICY admin_rows ON passport_versions TO {ADMIN} USING (true) WITH CHECK (true)")
    op.execute(
        f"CREATE POLICY coach_rows ON passport_versions TO {COACH} "
        "USING ((SELECT assistent_coach_live())) WITH CHECK ((SELECT assistent_coach_live()))"
    )
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    path = f'pg_catalog, "{schema.replace(chr(34), chr(34) * 2)}"'
    # The same limits as the interview lookup of 0007: hashes of one code, not a list to search.
    op.execute(
        f"""
        CREATE FUNCTION {FUNCTION.replace("text[]", "hashes text[]")} RETURNS json
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
            SELECT coalesce(json_agg(v ORDER BY v.version), '[]')
            FROM passport_versions v
            WHERE hashes IS NOT NULL AND cardinality(hashes) BETWEEN 1 AND 8
              AND v.passport_id = (
                  SELECT s.passport_id FROM sessions s WHERE s.resume_code = ANY(hashes) LIMIT 1
              )
        $$
        """
    )
    op.execute(f"REVOKE ALL ON FUNCTION {FUNCTION} FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION {FUNCTION} TO {KIOSK}, {COACH}, {ADMIN}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}")
    op.drop_table("passport_versions")
