"""Least privilege on a real PostgreSQL server: the kiosk, coach and admin roles of migration 0006, enforced by
the server itself, tried as the machine that holds each role would (and as an insider with psql would).

Each test runs on a fresh database owned by an ordinary owner role (not a superuser), which runs the
migrations, and logs in with one login role per machine, each a member of one group role."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from cryptography.fernet import Fernet
from psycopg import errors, sql

from assistant.context import AppContext
from assistant.errors import AssistantError, StorageError
from assistant.interview.session import InterviewSession
from assistant.storage import Store
from assistant.storage.field_cipher import FieldCipher
from assistant.storage.roles import login_role_sql
from assistant.storage.sync import send_outbox
from tests.conftest import coach_session, let_coaches_look
from tests.pg_server import PostgresServer

MARK = "Roodborst7731"
GROUPS_SQL = (
    "SELECT count(*) FROM pg_roles WHERE rolname IN ('assistent_kiosk', 'assistent_coach', 'assistent_admin')"
)


@dataclass
class Region:
    """One region's central database, its owner and a login for each kind of machine."""

    server: PostgresServer
    database: str
    owner_url: str
    urls: dict[str, str]
    key: str = ""

    def login_url(self, kind: str) -> str:
        return self.urls[kind]


def _url(server: PostgresServer, user: str, password: str, database: str) -> str:
    return f"postgresql://{user}:{password}@127.0.0.1:{server.port}/{database}"


@pytest.fixture
def region(pg_server: PostgresServer) -> Region:
    """A database owned by a plain owner role, migrated by it, with one login role per kind of machine,
    made with the SQL that docs/roles.md shows."""
    tag = uuid.uuid4().hex[:8]
    database, owner, password = f"roles_{tag}", f"owner_{tag}", secrets.token_urlsafe(16)
    with psycopg.connect(pg_server.url(), autocommit=True) as db:
        db.execute(
            sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}").format(
                sql.Identifier(owner), sql.Literal(password)
            )
        )
        # The store's database and its key database (the persons' data keys), both made by the server's admin.
        for name in (database, f"{database}_sleutels"):
            db.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(name), sql.Identifier(owner))
            )
    owner_url = _url(pg_server, owner, password, database)
    return Region(pg_server, database, owner_url, {}, Fernet.generate_key().decode())


@pytest.fixture
def stores(region: Region) -> Iterator[Callable[..., Store]]:
    """Opens stores (all with the region's key) and closes them after the test. The first one, as the owner,
    runs the migrations; after it, `logins` exist for kiosk, coach and admin."""
    cipher = FieldCipher(region.key)
    opened: list[Store] = []

    def open_(where: str | Path, outbox: bool = False) -> Store:
        opened.append(Store(where, cipher, outbox=outbox))
        if where == region.owner_url and not region.urls:
            _make_logins(region)
        return opened[-1]

    yield open_
    for store in opened:
        store.close()


def _make_logins(region: Region) -> None:
    for kind in ("kiosk", "coach", "admin"):
        login, password = f"{kind}_{uuid.uuid4().hex[:8]}", secrets.token_urlsafe(16)
        with psycopg.connect(region.owner_url, autocommit=True) as db:
            # docs/roles.md uses a psql variable for the password; here it is a quoted literal.
            quoted = sql.Literal(password).as_string(db)
            for statement in login_role_sql(login, kind, quoted).strip().splitlines():
                db.execute(statement.encode())
        region.urls[kind] = _url(region.server, login, password, region.database)


def _interview(store: Store, context: AppContext, name: str) -> str:
    """A short whole interview, as a person at a desk gives it: a name, a typed job, the rest skipped."""
    session = InterviewSession.start(store, context.dialogue, context.matcher)
    session.answer(text=name)
    session.answer(values=["ja"])
    session.answer(values=["anders"])
    session.answer(text=f"Ik heb bij {name} tien jaar muren gemetseld", personal="keep")
    for proposal in session.pending():
        session.confirm(proposal.skill_ref, "ja")
    while not session.finished:
        session.skip()
    return session.finish().id


def _refused(url: str, statement: str, coach_token: str | None = None) -> str:
    """Runs one statement as that login; returns the server's refusal (the test fails if it is allowed)."""
    with psycopg.connect(url) as db:
        if coach_token is not None:
            db.execute("SELECT set_config('assistent.coach_token', %s, true)", (coach_token,))
        with pytest.raises(psycopg.Error) as caught:
            db.execute(statement.encode())
    return str(caught.value)


def _rows(url: str, statement: str, coach_token: str | None = None) -> list[tuple[object, ...]]:
    with psycopg.connect(url) as db:
        if coach_token is not None:
            db.execute("SELECT set_config('assistent.coach_token', %s, true)", (coach_token,))
        return db.execute(statement.encode()).fetchall()


def test_a_desk_sends_through_a_kiosk_login_that_cannot_read_anyones_passport(
    context: AppContext, tmp_path: Path, region: Region, stores: Callable[..., Store]
) -> None:
    owner = stores(region.owner_url)
    kiosk = stores(tmp_path / "desk.sqlite3", outbox=True)
    pid = _interview(kiosk, context, MARK)
    other = _interview(owner, context, "Anderepersoon")
    sender = stores(region.login_url("kiosk"))
    assert send_outbox(kiosk, sender) > 0, "the desk's sender delivers its events under the kiosk role"
    assert owner.passport(pid).person.nickname == MARK

    kiosk_url = region.login_url("kiosk")
    for statement in (
        f"SELECT data FROM passports WHERE id = '{other}'",
        "SELECT nickname FROM passports",
        "SELECT text, answer_values FROM answers",
        "SELECT data FROM proposals",
        "SELECT data FROM consents",
        "SELECT detail FROM access_log",
        "SELECT resume_code FROM sessions",
        "SELECT password_hash FROM coach_users",
        "SELECT token_hash FROM coach_sessions",
    ):
        assert "permission denied" in _refused(kiosk_url, statement), statement
    for read in (lambda: sender.passport(other), sender.passports, sender.access_log):
        with pytest.raises(StorageError) as caught:
            read()
        assert caught.value.code == "E321", "a plain message: this machine may not do that"
    assert "permission denied" in _refused(kiosk_url, "CREATE TABLE stolen (x text)")
    assert "must be owner" in _refused(kiosk_url, "DROP TABLE passports")


def test_erasing_at_a_desk_still_reaches_the_central_store_through_the_kiosk_login(
    context: AppContext, tmp_path: Path, region: Region, stores: Callable[..., Store]
) -> None:
    owner = stores(region.owner_url)
    kiosk = stores(tmp_path / "desk.sqlite3", outbox=True)
    sender = stores(region.login_url("kiosk"))
    pid = _interview(kiosk, context, MARK)
    keep = _interview(kiosk, context, "Blijft")
    send_outbox(kiosk, sender)
    owner.log_access("Sanne", "viewed", pid, {})
    kiosk.delete_passport(pid, actor="houder")
    send_outbox(kiosk, sender)
    with pytest.raises(StorageError):
        owner.passport(pid)
    assert owner.passport(keep).person.nickname == "Blijft"
    assert [e.passport_id for e in owner.access_log() if e.passport_id == pid] == [], "its log lines went too"


def test_a_coach_login_sees_drafts_only_under_a_live_coach_session(
    context: AppContext, region: Region, stores: Callable[..., Store]
) -> None:
    owner = stores(region.owner_url)
    pid = _interview(owner, context, MARK)
    coach_url = region.login_url("coach")
    coach = stores(coach_url)

    assert coach.passports() == [], "no session: the server shows no rows at all"
    for table in ("passports", "answers", "proposals", "sessions", "access_log"):
        assert _rows(coach_url, f"SELECT * FROM {table}") == [], table
        assert _rows(coach_url, f"SELECT * FROM {table}", coach_token="geraden-token") == [], table
    assert _rows(coach_url, f"UPDATE passports SET status = 'x' WHERE id = '{pid}' RETURNING id") == []

    token = coach_session(owner, "Sanne")
    assert [row[0] for row in coach.passports(coach_token=token)] == [pid]
    assert coach.passport(pid, coach_token=token).person.nickname == MARK
    assert len(_rows(coach_url, "SELECT id FROM passports", coach_token=token)) == 1

    owner.close_coach_session(token)  # logged out: the same token opens nothing any more
    assert _rows(coach_url, "SELECT id FROM passports", coach_token=token) == []
    expired = coach_session(owner, "Bram")
    with psycopg.connect(region.owner_url) as db:
        db.execute("UPDATE coach_sessions SET expires_at = '2000-01-01T00:00:00+00:00'")
    assert _rows(coach_url, "SELECT id FROM passports", coach_token=expired) == []
    removed = coach_session(owner, "Kees")
    owner.remove_coach_user("Kees")
    assert _rows(coach_url, "SELECT id FROM passports", coach_token=removed) == []


def test_a_coach_who_logs_in_on_a_coach_machine_can_work_there(
    context: AppContext, region: Region, stores: Callable[..., Store]
) -> None:
    from assistant.coach_accounts import add_user, login
    from assistant.passport.review import Review

    owner = stores(region.owner_url)
    pid = _interview(owner, context, MARK)
    let_coaches_look(owner)  # the holder said Ja to a coach looking
    add_user(owner, "Sanne", "een-lang-wachtwoord")
    coach = stores(region.login_url("coach"))
    identity = login(coach, "Sanne", "een-lang-wachtwoord")
    review = Review(coach, pid, identity.token)
    review.add_note("Gezien aan de balie.")
    assert coach.consents(pid) == [], "reads without an explicit token carry the login's session"
    assert [n.text for n in owner.passport(pid).notes] == ["Gezien aan de balie."]
    assert ("Sanne", "changed") in [(e.actor, e.action) for e in owner.access_log(pid)]


def test_kiosk_and_coach_logins_cannot_change_or_delete_the_access_log(
    context: AppContext, region: Region, stores: Callable[..., Store]
) -> None:
    owner = stores(region.owner_url)
    pid = _interview(owner, context, MARK)
    owner.log_access("Sanne", "exported", pid, {"format": "json"})
    owner.log_access("balie", "deleted", None, {})
    token = coach_session(owner, "Sanne")
    before = _rows(region.owner_url, "SELECT * FROM access_log ORDER BY id")

    for kind in ("kiosk", "coach"):
        url = region.login_url(kind)
        for statement in (
            "UPDATE access_log SET actor = 'niemand'",
            f"DELETE FROM access_log WHERE passport_id = '{pid}'",
            "DELETE FROM access_log WHERE passport_id IS NULL",
            "TRUNCATE access_log",
        ):
            with psycopg.connect(url) as db:
                db.execute("SELECT set_config('assistent.coach_token', %s, true)", (token,))
                with pytest.raises(psycopg.Error) as caught:
                    db.execute(statement.encode())
            assert isinstance(caught.value, errors.InsufficientPrivilege), (kind, statement)
    assert _rows(region.owner_url, "SELECT * FROM access_log ORDER BY id") == before


def test_even_a_wrongly_granted_update_on_the_access_log_is_refused_by_the_server(
    context: AppContext, region: Region, stores: Callable[..., Store]
) -> None:
    owner = stores(region.owner_url)
    owner.log_access("Sanne", "viewed", None, {})
    token = coach_session(owner, "Sanne")
    with psycopg.connect(region.owner_url, autocommit=True) as db:
        db.execute("GRANT UPDATE, DELETE ON access_log TO assistent_coach")
        db.execute("CREATE POLICY mistake ON access_log FOR DELETE TO assistent_coach USING (true)")
    try:
        assert "alleen groeien" in _refused(region.login_url("coach"), "DELETE FROM access_log", token)
    finally:
        with psycopg.connect(region.owner_url, autocommit=True) as db:
            db.execute("REVOKE UPDATE, DELETE ON access_log FROM assistent_coach")
            db.execute("DROP POLICY mistake ON access_log")


def test_an_admin_login_erases_and_reads_the_log_and_the_owner_stays_apart(
    context: AppContext, region: Region, stores: Callable[..., Store]
) -> None:
    owner = stores(region.owner_url)
    pid = _interview(owner, context, MARK)
    admin = stores(region.login_url("admin"))
    admin.log_access("Sanne", "viewed", pid, {})
    admin.delete_passport(pid, actor="Sanne")
    with pytest.raises(StorageError):
        owner.passport(pid)
    assert [e.action for e in admin.access_log()] == ["deleted"]
    admin_url = region.login_url("admin")
    assert "must be owner" in _refused(admin_url, "DROP TABLE passports")
    assert "permission denied" in _refused(admin_url, "UPDATE alembic_version SET version_num = '0001'")
    tables = _rows(admin_url, "SELECT tableowner FROM pg_tables WHERE tablename = 'passports'")
    assert tables and tables[0][0] != admin_url.split("//")[1].split(":")[0], (
        "the admin does not own the tables"
    )


def test_a_second_database_on_the_same_server_reuses_the_roles(
    pg_url: str, region: Region, stores: Callable[..., Store]
) -> None:
    stores(region.owner_url)
    second = Store(pg_url, FieldCipher(Fernet.generate_key()))  # the roles exist already: no error
    second.close()
    assert _rows(pg_url, GROUPS_SQL) == [(3,)]


def test_on_a_coach_machine_the_command_line_works_after_login_and_cannot_erase(
    context: AppContext, region: Region, stores: Callable[..., Store], tmp_path: Path
) -> None:
    import os
    import subprocess

    from assistant.coach_accounts import add_user
    from tests.conftest import ASSISTENT

    owner = stores(region.owner_url)
    pid = _interview(owner, context, MARK)
    let_coaches_look(owner)  # the holder said Ja to a coach looking
    add_user(owner, "Sanne", "een-lang-wachtwoord")
    env = {
        **os.environ,
        "ASSISTENT_DATABASE_URL": region.login_url("coach"),
        "ASSISTENT_STORE_KEY": region.key,
        "ASSISTENT_DATA_DIR": str(tmp_path),
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(ASSISTENT), *args],
            input="Sanne\neen-lang-wachtwoord\n",
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )

    listed = run("drafts")
    assert listed.returncode == 0 and pid in listed.stdout and MARK in listed.stdout, listed.stderr
    refused = run("delete", pid, "--zeker")
    assert refused.returncode == 2 and "E321" in refused.stderr and "Traceback" not in refused.stderr
    assert owner.passport(pid).person.nickname == MARK
    no_tokens = run("beheer", "token", "delete")
    assert no_tokens.returncode == 2 and "E321" in no_tokens.stderr, (
        "only the admin role publishes token keys"
    )


def test_a_coach_login_signs_with_its_own_key_and_cannot_take_another_coachs(
    context: AppContext, region: Region, stores: Callable[..., Store]
) -> None:
    """Every coach machine has the region key, so a sealed private key it could read would let one coach sign
    as another: the server hands a coach only their own, under their own live session."""
    from assistant import coach_keys
    from assistant.coach_accounts import add_user, login

    owner = stores(region.owner_url)
    add_user(owner, "Sanne", "een-lang-wachtwoord")
    add_user(owner, "Karel", "nog-een-lang-wachtwoord")
    coach = stores(region.login_url("coach"))
    sanne = login(coach, "Sanne", "een-lang-wachtwoord")
    did, _key = coach_keys.signing_key(coach, "Sanne")
    own = owner.newest_coach_key("Sanne")
    assert own is not None and did == own.did
    with pytest.raises(AssistantError) as taken:
        coach_keys.signing_key(coach, "Karel")
    assert taken.value.code == "E616", "Sanne's session gets no key of Karel"
    assert "permission denied" in _refused(
        region.login_url("coach"), "SELECT sealed_key FROM coach_keys", sanne.token
    )
    # The dates and dids stay readable, to check anyone's signature.
    assert len(_rows(region.login_url("coach"), "SELECT did, revoked_at FROM coach_keys", sanne.token)) == 2
    assert _rows(region.login_url("coach"), "SELECT assistent_own_coach_key('Sanne')") == [(None,)]
