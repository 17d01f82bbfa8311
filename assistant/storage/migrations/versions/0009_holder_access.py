"""The holder keeps control after the visit: a lasting access code, "Mag een coach meekijken?" with the
union whose counsellors may look, skills hidden from what is shared, and short take-along codes; on
PostgreSQL a coach role sees a person's rows only for passports whose holder let that coach look.

    holder_access      one row per passport: the lasting code's keyed hash, whether a coach may look, which
                       union's counsellors may look, and the hidden skills (sealed)
    share_codes        the keyed hash of a short code that fetches what one consent shares
    counsellor_unions  the union a vakbondsconsulent account belongs to

Passports made before this migration get "a coach may look": the kiosk told their holders "Een coach kijkt
ernaar", and no one was asked otherwise. Every passport made after it starts with no one looking until the
holder says Ja.

Row-level security (see 0006): `assistent_coach_may_see(passport)` replaces the bare "live session" test
on the tables that hold a person's words; it is true only for a live coach session whose account is a
coach and the holder said Ja, or a vakbondsconsulent of the union the holder chose.

The lasting code at every desk (as 0007 does for resume codes): `assistent_holder_by_code(text[])`, SECURITY
DEFINER, given the keyed hashes of ONE typed lasting code, gives what the resume-code lookups of 0007 and
0008 give for the interview that made that passport, plus its `holder_access` row, all still sealed; NULL
when no passport has the code. The kiosk role still reads no `holder_access` column but `passport_id`.
Wrong lasting codes are counted once for the region: the kiosk's throttle rows may be `holder-code:` ones
too.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

revision = "0009"
down_revision = "0008"

KIOSK, COACH, ADMIN = "assistent_kiosk", "assistent_coach", "assistent_admin"
NEW_TABLES = ("holder_access", "share_codes", "counsellor_unions")
HOLDER_LOOKUP = "assistent_holder_by_code(text[])"
#: The throttle rows a kiosk login may count in (see 0007): wrong resume codes and wrong lasting codes.
CODE_COUNTS = "key LIKE 'resume-code:%' OR key LIKE 'holder-code:%'"
RESUME_COUNTS = "key LIKE 'resume-code:%'"

#: Tables whose coach policy becomes "this passport's holder lets this coach look", and the expression
#: that names the passport of a row.
BY_PASSPORT = {
    "passports": "assistent_coach_may_see(id)",
    "consents": "assistent_coach_may_see(passport_id)",
    "coach_events": "assistent_coach_may_see(passport_id)",
    "sessions": "assistent_coach_may_see(passport_id)",
    "answers": "assistent_coach_may_see_session(session_id)",
    "proposals": "assistent_coach_may_see_session(session_id)",
    "passport_versions": "assistent_coach_may_see(passport_id)",
}


def upgrade() -> None:
    op.create_table(
        "holder_access",
        sa.Column("passport_id", sa.String, primary_key=True),
        sa.Column("code_hash", sa.String, unique=True),
        sa.Column("code_made_at", sa.String),
        sa.Column("coach_may_look", sa.Integer, nullable=False),
        sa.Column("vakbond", sa.String),
        sa.Column("hidden", sa.Text),
        sa.Column("updated_at", sa.String, nullable=False),
    )
    op.create_table(
        "share_codes",
        sa.Column("code_hash", sa.String, primary_key=True),
        sa.Column("consent_id", sa.String, nullable=False),
        sa.Column("passport_id", sa.String, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
    )
    op.create_index("share_codes_passport", "share_codes", ["passport_id"])
    op.create_table(
        "counsellor_unions",
        sa.Column("name", sa.String, primary_key=True),
        sa.Column("vakbond", sa.String, nullable=False),
    )
    now = datetime.now(UTC).isoformat()
    op.execute(
        text(
            "INSERT INTO holder_access (passport_id, coach_may_look, updated_at) "
            "SELECT id, 1, :now FROM passports"
        ).bindparams(now=now)
    )
    if op.get_bind().dialect.name == "postgresql":
        _row_security()


def _row_security() -> None:
    schema = op.get_bind().execute(text("SELECT current_schema()")).scalar_one()
    path = f"pg_catalog, {_ident(schema)}"
    # Like assistent_coach_live() (0006), plus the holder's choice. SECURITY DEFINER: the coach role learns
    # only yes or no for a passport id it already has.
    op.execute(
        f"""
        CREATE FUNCTION assistent_coach_may_see(passport text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
            SELECT EXISTS (
                SELECT 1 FROM coach_sessions s
                JOIN coach_users u ON u.name = s.name
                JOIN holder_access h ON h.passport_id = passport
                LEFT JOIN counsellor_unions c ON c.name = u.name
                WHERE s.token_hash = encode(sha256(convert_to(
                          coalesce(current_setting('assistent.coach_token', true), ''), 'UTF8')), 'hex')
                  AND s.expires_at::timestamptz > now()
                  AND h.coach_may_look = 1
                  AND (u.role = 'coach'
                       OR (u.role = 'vakbondsconsulent' AND h.vakbond IS NOT NULL AND h.vakbond = c.vakbond))
            )
        $$
        """
    )
    op.execute(
        f"""
        CREATE FUNCTION assistent_coach_may_see_session(session text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
            SELECT coalesce(
                (SELECT assistent_coach_may_see(passport_id) FROM sessions WHERE id = session), false)
        $$
        """
    )
    # One person, every desk: the same limits as 0007 (1 to 8 hashes of one code, LIMIT 1), and the same
    # rows, by calling 0007's and 0008's lookups with the stored resume-code hash of the passport's session
    # rather than repeating them.
    op.execute(
        f"""
        CREATE FUNCTION assistent_holder_by_code(hashes text[]) RETURNS json
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = {path} AS $$
        DECLARE
            access holder_access%ROWTYPE;
            session_code text;
            interview json;
        BEGIN
            IF hashes IS NULL OR cardinality(hashes) = 0 OR cardinality(hashes) > 8 THEN
                RETURN NULL;
            END IF;
            SELECT * INTO access FROM holder_access WHERE code_hash = ANY(hashes) LIMIT 1;
            IF NOT FOUND THEN
                RETURN NULL;
            END IF;
            SELECT s.resume_code INTO session_code
            FROM passports p JOIN sessions s ON s.id = p.session_id
            WHERE p.id = access.passport_id;
            interview := assistent_interview_by_code(ARRAY[session_code]);
            IF session_code IS NULL OR interview IS NULL THEN
                RETURN NULL;
            END IF;
            RETURN (interview::jsonb || jsonb_build_object(
                'versions', assistent_versions_by_code(ARRAY[session_code]),
                'holder_access', row_to_json(access)
            ))::json;
        END
        $$
        """
    )
    op.execute(f"REVOKE ALL ON FUNCTION {HOLDER_LOOKUP} FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION {HOLDER_LOOKUP} TO {KIOSK}, {COACH}, {ADMIN}")
    # Wrong lasting codes counted once for the region, beside wrong resume codes (0007's policy).
    op.execute("DROP POLICY kiosk_code_counts ON throttles")
    op.execute(
        f"CREATE POLICY kiosk_code_counts ON throttles TO {KIOSK} USING ({CODE_COUNTS}) WITH CHECK ({CODE_COUNTS})"
    )
    for function in ("assistent_coach_may_see(text)", "assistent_coach_may_see_session(text)"):
        op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        for role in (KIOSK, COACH, ADMIN):
            op.execute(f"GRANT EXECUTE ON FUNCTION {function} TO {role}")
    for table, check in BY_PASSPORT.items():
        op.execute(f"DROP POLICY coach_rows ON {table}")
        op.execute(f"CREATE POLICY coach_rows ON {table} TO {COACH} USING ({check}) WITH CHECK ({check})")
    # The new tables: the sync sender writes and compares keys only; a coach reads and renews a holder's
    # code under a live session (renewing needs no permission to look: a holder who said Nee can still
    # get a new code); the admin has everything.
    op.execute(f"GRANT INSERT, UPDATE, DELETE ON holder_access, share_codes TO {KIOSK}")
    op.execute(f"GRANT SELECT (passport_id) ON holder_access TO {KIOSK}")
    op.execute(f"GRANT SELECT (code_hash, passport_id) ON share_codes TO {KIOSK}")
    op.execute(f"GRANT SELECT, INSERT, UPDATE ON holder_access TO {COACH}")
    op.execute(f"GRANT SELECT, INSERT ON share_codes TO {COACH}")
    op.execute(f"GRANT SELECT ON counsellor_unions TO {COACH}")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(NEW_TABLES)} TO {ADMIN}")
    for table in NEW_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY kiosk_rows ON {table} TO {KIOSK} USING (true) WITH CHECK (true)")
        op.execute(f"CREATE POLICY admin_rows ON {table} TO {ADMIN} USING (true) WITH CHECK (true)")
        op.execute(
            f"CREATE POLICY coach_rows ON {table} TO {COACH} "
            "USING ((SELECT assistent_coach_live())) WITH CHECK ((SELECT assistent_coach_live()))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {HOLDER_LOOKUP}")
        op.execute("DROP POLICY kiosk_code_counts ON throttles")
        op.execute(
            f"CREATE POLICY kiosk_code_counts ON throttles TO {KIOSK} "
            f"USING ({RESUME_COUNTS}) WITH CHECK ({RESUME_COUNTS})"
        )
        for table in BY_PASSPORT:
            op.execute(f"DROP POLICY coach_rows ON {table}")
            op.execute(
                f"CREATE POLICY coach_rows ON {table} TO {COACH} "
                "USING ((SELECT assistent_coach_live())) WITH CHECK ((SELECT assistent_coach_live()))"
            )
    for table in NEW_TABLES:
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS assistent_coach_may_see_session(text)")
        op.execute("DROP FUNCTION IF EXISTS assistent_coach_may_see(text)")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
