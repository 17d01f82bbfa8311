"""One person, every desk: what a desk's sync sender may do on the central PostgreSQL so that a resume code
works at any desk of the region, with least privilege.

    assistent_interview_by_code(text[])   SECURITY DEFINER: given the keyed hashes of ONE typed code (under
                                          the region ring's current and older keys), the one interview with
                                          that code and its answers, proposals, passport and consents, as
                                          sealed text (JSON); NULL when no interview has it. The kiosk role
                                          still cannot read the tables themselves, nor list or search codes:
                                          it must know a code (and the region key to hash it) to get a row.
    throttles (resume-code rows only)     the kiosk role may count wrong codes in the central store, so
                                          every desk of the region is slowed down by one shared count; row-
                                          level security keeps it to `resume-code:` rows (never a coach
                                          login's count).
    answers.answered_at                   readable for the kiosk role: a late event of a desk that was
                                          offline never replaces a newer answer given at another desk.

On SQLite this migration does nothing: a desk's file has one user, the desk itself.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0007"
down_revision = "0006"

KIOSK, COACH, ADMIN = "assistent_kiosk", "assistent_coach", "assistent_admin"
FUNCTION = "assistent_interview_by_code(text[])"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = op.get_bind().execute(text("SELECT current_schema()")).scalar_one()
    path = f'pg_catalog, "{schema.replace(chr(34), chr(34) * 2)}"'
    # Hashes, not the code: the server never sees a typed code. At most a few hashes (one per key of the
    # ring), so a caller cannot ask for many codes at once; LIMIT 1 because a code belongs to one interview.
    op.execute(
        f"""
        CREATE FUNCTION {FUNCTION.replace("text[]", "hashes text[]")} RETURNS json
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = {path} AS $$
        DECLARE
            hit sessions%ROWTYPE;
        BEGIN
            IF hashes IS NULL OR cardinality(hashes) = 0 OR cardinality(hashes) > 8 THEN
                RETURN NULL;
            END IF;
            SELECT * INTO hit FROM sessions WHERE resume_code = ANY(hashes) LIMIT 1;
            IF NOT FOUND THEN
                RETURN NULL;
            END IF;
            RETURN json_build_object(
                'session', row_to_json(hit),
                'answers', coalesce((SELECT json_agg(a) FROM answers a WHERE a.session_id = hit.id), '[]'),
                'proposals',
                    coalesce((SELECT json_agg(p) FROM proposals p WHERE p.session_id = hit.id), '[]'),
                'passport', (SELECT row_to_json(p) FROM passports p WHERE p.id = hit.passport_id),
                'consents',
                    coalesce((SELECT json_agg(c) FROM consents c WHERE c.passport_id = hit.passport_id), '[]')
            );
        END
        $$
        """
    )
    op.execute(f"REVOKE ALL ON FUNCTION {FUNCTION} FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION {FUNCTION} TO {KIOSK}, {COACH}, {ADMIN}")
    # A late event of a desk that was offline is compared by its time (`database._stale_guard`): the
    # sender may read when an answer was given, never what it says.
    op.execute(f"GRANT SELECT (answered_at) ON answers TO {KIOSK}")
    # Wrong codes counted once for the whole region. Row-level security on the table: until now only coach
    # and admin roles could reach it, and they keep every row.
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON throttles TO {KIOSK}")
    op.execute("ALTER TABLE throttles ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY kiosk_code_counts ON throttles TO {KIOSK} "
        "USING (key LIKE 'resume-code:%') WITH CHECK (key LIKE 'resume-code:%')"
    )
    op.execute(f"CREATE POLICY coach_counts ON throttles TO {COACH} USING (true) WITH CHECK (true)")
    op.execute(f"CREATE POLICY admin_counts ON throttles TO {ADMIN} USING (true) WITH CHECK (true)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for policy in ("kiosk_code_counts", "coach_counts", "admin_counts"):
        op.execute(f"DROP POLICY IF EXISTS {policy} ON throttles")
    op.execute("ALTER TABLE throttles DISABLE ROW LEVEL SECURITY")
    op.execute(f"REVOKE ALL ON throttles FROM {KIOSK}")
    op.execute(f"REVOKE SELECT (answered_at) ON answers FROM {KIOSK}")
    op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}")
