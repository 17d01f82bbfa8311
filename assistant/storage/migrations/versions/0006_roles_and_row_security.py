"""Least privilege on the central PostgreSQL: three group roles, what each may touch, row-level security
that lets a coach role see people's data only under a live coach session, and an access log that kiosk and
coach roles can only add to.

    assistent_kiosk   the sync sender of a desk: applies its desk's events (inserts, updates, erasure) and
                      reads no person's words: only key and version columns, which its upserts compare
    assistent_coach   reads and changes drafts, answers and consents only while the transaction carries a
                      live coach session (`assistent.coach_token`, checked by `assistent_coach_live()`)
    assistent_admin   accounts, erasure and the access log: every row of every table

The roles are NOLOGIN groups; each machine logs in with its own role that is a member of one of them
(docs/roles.md). Roles belong to the whole server, so they are made only when missing (a runner without
CREATEROLE needs them made first); the grants and policies belong to this database. The migration runner
stays the owner of the tables: an owner is not bound by row-level security, so the store run as the owner
works as before.

On SQLite this migration does nothing: a desk's file has one user, the desk itself.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0006"
down_revision = "0005"

KIOSK, COACH, ADMIN = "assistent_kiosk", "assistent_coach", "assistent_admin"
GROUPS = (KIOSK, COACH, ADMIN)

#: Tables that hold a person's data: row-level security on each.
PERSONAL = ("sessions", "answers", "proposals", "passports", "consents", "coach_events", "access_log")

#: What the sync sender may read: keys, versions and statuses that its upserts and erasure compare, never
#: a sealed column or a resume code.
KIOSK_COLUMNS = {
    "sessions": "id, passport_id, status, updated_at",
    "answers": "session_id, question_id",
    "proposals": "session_id, skill_ref",
    "passports": "id, session_id, version",
    "consents": "id, passport_id",
    "coach_events": "id, passport_id",
    "access_log": "id, passport_id",
}

#: Grants per role; (privileges, tables).
GRANTS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    KIOSK: [
        ("SELECT", ("alembic_version", "store_meta")),
        ("SELECT, INSERT", ("applied_events",)),
        ("INSERT, UPDATE, DELETE", ("sessions", "answers", "proposals", "passports", "consents")),
        # The access log: add lines, and delete only the lines of a passport erased in the same
        # transaction (the guard trigger below refuses every other delete and every update).
        ("INSERT, DELETE", ("coach_events", "access_log")),
    ],
    COACH: [
        ("SELECT", ("alembic_version", "store_meta", "coach_users", "sessions", "answers", "proposals")),
        ("SELECT, INSERT, DELETE", ("coach_sessions",)),
        ("SELECT, INSERT, UPDATE", ("passports", "consents")),
        ("SELECT, INSERT", ("coach_events", "access_log")),
        # Failed logins are counted per account on the store a coach logs in to (0005).
        ("SELECT, INSERT, UPDATE, DELETE", ("throttles",)),
    ],
    ADMIN: [
        ("SELECT", ("alembic_version",)),
        (
            "SELECT, INSERT, UPDATE, DELETE",
            (
                "store_meta",
                "coach_users",
                "coach_sessions",
                "applied_events",
                "throttles",
                *PERSONAL,
            ),
        ),
    ],
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = op.get_bind().execute(text("SELECT current_schema()")).scalar_one()
    _make_groups()
    _functions(schema)
    for role, grants in GRANTS.items():
        for privileges, tables in grants:
            op.execute(f"GRANT {privileges} ON {', '.join(tables)} TO {role}")
        op.execute(f"GRANT USAGE ON SCHEMA {_ident(schema)} TO {role}")
        op.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {_ident(schema)} TO {role}")
        op.execute(f"GRANT EXECUTE ON FUNCTION assistent_coach_live() TO {role}")
        op.execute(f"GRANT EXECUTE ON FUNCTION assistent_passport_exists(text) TO {role}")
    for table, columns in KIOSK_COLUMNS.items():
        op.execute(f"GRANT SELECT ({columns}) ON {table} TO {KIOSK}")
    for table in PERSONAL:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        # The sender and the admin are confined by their grants, not by rows.
        op.execute(f"CREATE POLICY kiosk_rows ON {table} TO {KIOSK} USING (true) WITH CHECK (true)")
        op.execute(f"CREATE POLICY admin_rows ON {table} TO {ADMIN} USING (true) WITH CHECK (true)")
        if table == "access_log":
            # A login (good or bad) is logged before any session exists: adding is always allowed,
            # reading only under a live session.
            op.execute(f"CREATE POLICY coach_adds ON {table} FOR INSERT TO {COACH} WITH CHECK (true)")
            op.execute(
                f"CREATE POLICY coach_reads ON {table} FOR SELECT TO {COACH} "
                "USING ((SELECT assistent_coach_live()))"
            )
        else:
            # (SELECT …): evaluated once per statement, not once per row.
            op.execute(
                f"CREATE POLICY coach_rows ON {table} TO {COACH} "
                "USING ((SELECT assistent_coach_live())) WITH CHECK ((SELECT assistent_coach_live()))"
            )
    op.execute(
        "CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log "
        "FOR EACH ROW EXECUTE FUNCTION assistent_access_log_guard()"
    )


def _make_groups() -> None:
    """The three group roles, made when missing. A runner that may not make roles stops here with a
    message naming the role: the server's administrator makes them first (docs/roles.md)."""
    for role in GROUPS:
        op.execute(
            f"""
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
                    IF NOT (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
                        RAISE EXCEPTION 'role {role} is missing and % may not create it (docs/roles.md)',
                            current_user;
                    END IF;
                    CREATE ROLE {role} NOLOGIN;
                END IF;
            END
            $$
            """
        )


def _functions(schema: str) -> None:
    path = f"pg_catalog, {_ident(schema)}"
    # SECURITY DEFINER: the coach role cannot read other sessions' rows through this, only learn whether
    # the token its own transaction carries belongs to a live session of an existing account.
    op.execute(
        f"""
        CREATE FUNCTION assistent_coach_live() RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
            SELECT EXISTS (
                SELECT 1 FROM coach_sessions s JOIN coach_users u ON u.name = s.name
                WHERE s.token_hash = encode(sha256(convert_to(
                          coalesce(current_setting('assistent.coach_token', true), ''), 'UTF8')), 'hex')
                  AND s.expires_at::timestamptz > now()
            )
        $$
        """
    )
    op.execute(
        f"""
        CREATE FUNCTION assistent_passport_exists(passport text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
            SELECT EXISTS (SELECT 1 FROM passports WHERE id = passport)
        $$
        """
    )
    # Not SECURITY DEFINER: current_user must be the role doing the change. An admin (or the owner)
    # may change the log: erasure and key rotation need that. Anyone else may only delete the lines of
    # a passport that no longer exists, which is what erasure of that passport does in one transaction.
    op.execute(
        f"""
        CREATE FUNCTION assistent_access_log_guard() RETURNS trigger
        LANGUAGE plpgsql SET search_path = {path} AS $$
        BEGIN
            IF pg_has_role(current_user, '{ADMIN}', 'MEMBER')
               OR pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER')
            THEN
                RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
            END IF;
            IF TG_OP = 'DELETE' AND OLD.passport_id IS NOT NULL
               AND NOT assistent_passport_exists(OLD.passport_id) THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'het logboek kan alleen groeien (access_log is append-only for %)', current_user
                USING ERRCODE = 'insufficient_privilege';
        END
        $$
        """
    )
    for function in ("assistent_coach_live()", "assistent_passport_exists(text)"):
        op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = op.get_bind().execute(text("SELECT current_schema()")).scalar_one()
    op.execute("DROP TRIGGER IF EXISTS access_log_append_only ON access_log")
    for table in PERSONAL:
        for policy in ("kiosk_rows", "admin_rows", "coach_rows", "coach_adds", "coach_reads"):
            op.execute(f"DROP POLICY IF EXISTS {policy} ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for role in GROUPS:
        # The roles stay: they belong to the whole server, and other databases may use them.
        op.execute(
            f"""
            DO $$
            BEGIN
                IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
                    EXECUTE 'REVOKE ALL ON ALL TABLES IN SCHEMA {_ident(schema)} FROM {role}';
                    EXECUTE 'REVOKE ALL ON ALL SEQUENCES IN SCHEMA {_ident(schema)} FROM {role}';
                    EXECUTE 'REVOKE ALL ON SCHEMA {_ident(schema)} FROM {role}';
                END IF;
            END
            $$
            """
        )
    for function in (
        "assistent_access_log_guard()",
        "assistent_coach_live()",
        "assistent_passport_exists(text)",
    ):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
