"""Many desks, one coach team: the store on a real PostgreSQL server, migrations, sealed personal text,
the outbox that survives a server that is down, and coaches checked by the store on every operation."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from cryptography.fernet import Fernet

from assistant.config import Settings
from assistant.context import AppContext
from assistant.errors import AssistantError, StorageError
from assistant.interview.session import InterviewSession
from assistant.passport.review import Review
from assistant.storage import Store, open_store
from assistant.storage.field_cipher import FieldCipher, load_cipher
from assistant.storage.store import HEAD, MIGRATIONS
from assistant.storage.sync import send_outbox
from tests.conftest import ASSISTENT, coach_session
from tests.pg_server import PostgresServer

MARK = "Kwikstaart5521"
SENTENCE = f"Ik heb bij {MARK} tien jaar muren gemetseld"


@pytest.fixture
def cipher() -> FieldCipher:
    return FieldCipher(Fernet.generate_key())


@pytest.fixture
def stores(cipher: FieldCipher) -> Iterator[Callable[..., Store]]:
    """Opens stores with the region's key and closes them after the test."""
    opened: list[Store] = []

    def open_(where: str | Path, outbox: bool = False) -> Store:
        opened.append(Store(where, cipher, outbox=outbox))
        return opened[-1]

    yield open_
    for store in opened:
        store.close()


def _interview(store: Store, context: AppContext, name: str = MARK) -> str:
    """A short whole interview: a name, a typed job with its skills confirmed, the rest skipped."""
    session = InterviewSession.start(store, context.dialogue, context.matcher)
    session.answer(text=name)
    session.answer(values=["ja"])
    session.answer(values=["anders"])
    session.answer(text=SENTENCE, personal="keep")
    for proposal in session.pending():
        session.confirm(proposal.skill_ref, "ja")
    while not session.finished:
        session.skip()
    return session.finish().id


def _pg_rows(url: str, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url) as db:
        return db.execute(sql).fetchall()  # type: ignore[arg-type]


def test_the_same_interview_works_on_postgresql_and_comes_back_the_same(
    context: AppContext, pg_url: str, stores: Callable[..., Store]
) -> None:
    central = stores(pg_url)
    pid = _interview(central, context)
    passport = central.passport(pid)
    assert passport.person.nickname == MARK
    assert any(s.status != "rejected" for s in passport.skills)
    session = central.session(passport.session_id)
    assert session.status == "finished"
    assert central.answers(session.id)["naam"].text == MARK
    assert _pg_rows(pg_url, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    central.close()


def test_the_newest_migration_is_the_one_the_store_expects() -> None:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory(str(MIGRATIONS)).get_heads()
    assert heads == [HEAD]


def test_personal_text_is_sealed_in_the_postgresql_files(
    context: AppContext, pg_server: PostgresServer, pg_url: str, stores: Callable[..., Store]
) -> None:
    central = stores(pg_url)
    pid = _interview(central, context)
    central.close()
    dumped = " ".join(str(row) for row in _pg_rows(pg_url, "SELECT * FROM answers"))
    assert "metselwerk" not in dumped and MARK not in dumped and "gemetseld" not in dumped
    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("CHECKPOINT")  # everything written out to the table files, not just the WAL
    raw = b"".join(
        p.read_bytes()
        for p in (pg_server.directory).rglob("*")
        if p.is_file() and p.stat().st_size < 50_000_000
    )
    assert pid.encode() in raw, "the check reads the real data files"
    assert MARK.encode() not in raw and b"gemetseld" not in raw


def test_an_old_kiosk_file_is_migrated_with_every_answer_kept_and_sealed(tmp_path: Path) -> None:
    old = tmp_path / "oud.sqlite3"
    with sqlite3.connect(old) as db:
        # The schema as the first kiosk version wrote it, before migrations and encryption existed.
        db.executescript(
            """
            CREATE TABLE sessions (id TEXT PRIMARY KEY, dialogue TEXT NOT NULL, dialogue_version INTEGER
              NOT NULL, language TEXT NOT NULL, status TEXT NOT NULL, history TEXT NOT NULL, passport_id TEXT,
              created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
            CREATE TABLE answers (session_id TEXT NOT NULL, question_id TEXT NOT NULL, status TEXT NOT NULL,
              answer_values TEXT NOT NULL, text TEXT, answered_at TEXT NOT NULL,
              PRIMARY KEY (session_id, question_id));
            INSERT INTO sessions VALUES ('s1', 'intake', 1, 'nl', 'paused', '["naam","werk"]', NULL,
              '2025-01-02T10:00:00+00:00', '2025-01-02T10:05:00+00:00');
            INSERT INTO answers VALUES ('s1', 'naam', 'answered', '[]', 'Kwikstaart5521',
              '2025-01-02T10:01:00+00:00');
            INSERT INTO answers VALUES ('s1', 'werk', 'answered', '[]', 'Ik heb bij Kwikstaart5521 gemetseld',
              '2025-01-02T10:02:00+00:00');
            """
        )
    key = Fernet.generate_key()
    store = Store(old, FieldCipher(key))
    answers = store.answers("s1")
    assert answers["naam"].text == MARK and answers["naam"].language == "nl"
    assert answers["werk"].text == "Ik heb bij Kwikstaart5521 gemetseld"
    assert store.session("s1").history == ["naam", "werk"]
    store.close()
    with sqlite3.connect(old) as db:
        db.execute("VACUUM")
    assert MARK.encode() not in old.read_bytes()
    again = Store(old, FieldCipher(key))  # a second start changes nothing
    assert again.answers("s1")["werk"].text == "Ik heb bij Kwikstaart5521 gemetseld"
    again.close()


def test_a_store_key_file_that_others_can_read_is_refused(tmp_path: Path) -> None:
    key_file = tmp_path / "keys" / "store.key"
    load_cipher(None, key_file)
    assert key_file.stat().st_mode & 0o777 == 0o600
    os.chmod(key_file, 0o644)
    with pytest.raises(AssistantError) as caught:
        load_cipher(None, key_file)
    assert caught.value.code == "E608"
    wrong = FieldCipher(Fernet.generate_key())
    with pytest.raises(StorageError) as opened:
        wrong.open(FieldCipher(Fernet.generate_key()).seal("iets"))
    assert opened.value.code == "E313"


def test_credentials_come_from_a_private_config_file_or_not_at_all(tmp_path: Path, pg_url: str) -> None:
    from assistant.coach_accounts import add_user

    config = tmp_path / "assistent.env"
    key = Fernet.generate_key()
    config.write_text(f"ASSISTENT_DATABASE_URL={pg_url}\nASSISTENT_STORE_KEY={key.decode()}\n")
    os.chmod(config, 0o600)
    env = {**os.environ, "ASSISTENT_CONFIG_FILE": str(config), "ASSISTENT_DATA_DIR": str(tmp_path)}
    env.pop("ASSISTENT_STORE_KEY", None)
    admin = Store(pg_url, FieldCipher(key))
    add_user(admin, "Sanne", "een-lang-wachtwoord")  # `drafts` on the central store needs a login
    admin.close()
    listed = subprocess.run(
        [str(ASSISTENT), "drafts"],
        input="Sanne\neen-lang-wachtwoord\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    assert _pg_rows(pg_url, "SELECT version_num FROM alembic_version") == [(HEAD,)], "it used the server"
    assert not (tmp_path / "keys").exists(), "the key came from the config file"
    os.chmod(config, 0o640)
    refused = subprocess.run([str(ASSISTENT), "drafts"], capture_output=True, text=True, env=env, timeout=60)
    assert refused.returncode != 0 and "E608" in refused.stderr and "Traceback" not in refused.stderr
    assert pg_url.split("@")[0] not in refused.stderr, "the password is never shown"


def test_an_unknown_store_url_gets_a_plain_message(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url="mysql://iemand:geheim@host/db")
    with pytest.raises(StorageError) as caught:
        open_store(settings)
    assert caught.value.code == "E314" and "geheim" not in caught.value.user_message()


def test_the_outbox_delivers_every_answer_once_even_when_sent_twice(
    context: AppContext, tmp_path: Path, pg_url: str, stores: Callable[..., Store]
) -> None:
    kiosk = stores(tmp_path / "loket.sqlite3", outbox=True)
    pid = _interview(kiosk, context)
    kiosk.log_access("houder", "viewed", pid, {})
    events = kiosk.outbox_batch(1000)
    assert events, "every change waits in the outbox"
    central = stores(pg_url)
    # A sender that died after the server committed but before it forgot its events sends them again.
    assert central.apply_events(kiosk.origin, events) == len(events)
    assert central.apply_events(kiosk.origin, events) == 0
    assert send_outbox(kiosk, central) == len(events)
    assert kiosk.outbox_size() == 0

    sid = kiosk.passport(pid).session_id
    assert central.answers(sid) == kiosk.answers(sid)
    assert central.proposals(sid) == kiosk.proposals(sid)
    assert central.passport(pid) == kiosk.passport(pid)
    assert [e.action for e in central.access_log(pid)] == ["viewed"], "an appended line arrives once"
    seqs = [seq for _event, _origin, seq in central.applied_events(kiosk.origin)]
    assert seqs == sorted(seqs) and len(seqs) == len(set(seqs)) == len(events), "in order, once each"


def test_a_server_that_is_down_never_stops_the_interview(
    context: AppContext, tmp_path: Path, stores: Callable[..., Store]
) -> None:
    with PostgresServer(tmp_path / "pg") as server:
        url = server.create_database("regio")
        kiosk = stores(tmp_path / "loket.sqlite3", outbox=True)
        central = stores(url)
        first = _interview(kiosk, context, name="Eerste")
        send_outbox(kiosk, central)
        server.stop()
        second = _interview(kiosk, context, name="Tweede")  # goes on, answer by answer, in the local file
        waiting = kiosk.outbox_size()
        assert waiting > 0
        with pytest.raises(StorageError) as caught:
            send_outbox(kiosk, central)
        assert caught.value.code == "E312"
        assert kiosk.outbox_size() == waiting, "nothing was lost or half sent"
        server.start()
        assert send_outbox(kiosk, central) == waiting
        for pid in (first, second):
            assert central.passport(pid) == kiosk.passport(pid)
        assert len(central.applied_events()) == len({e for e, _o, _s in central.applied_events()})
        central.close()


def test_erasing_at_the_kiosk_erases_at_the_central_store_too(
    context: AppContext, tmp_path: Path, pg_url: str, stores: Callable[..., Store]
) -> None:
    kiosk = stores(tmp_path / "loket.sqlite3", outbox=True)
    central = stores(pg_url)
    pid = _interview(kiosk, context)
    keep = _interview(kiosk, context, name="Blijft")
    send_outbox(kiosk, central)
    sid = central.passport(pid).session_id
    kiosk.delete_passport(pid, actor="houder")
    send_outbox(kiosk, central)
    with pytest.raises(StorageError):
        central.passport(pid)
    assert central.answers(sid) == {}
    assert central.passport(keep).person.nickname == "Blijft"
    assert [(e.action, e.passport_id) for e in central.access_log() if e.action == "deleted"] == [
        ("deleted", None)
    ]


def test_two_coaches_on_the_central_store_get_a_conflict_they_can_resolve(
    context: AppContext, tmp_path: Path, pg_url: str, stores: Callable[..., Store]
) -> None:
    kiosk = stores(tmp_path / "loket.sqlite3", outbox=True)
    pid = _interview(kiosk, context)
    # Two coach machines: two stores, two connections to one server.
    anja_store, bram_store = stores(pg_url), stores(pg_url)
    send_outbox(kiosk, anja_store)
    anja = Review(anja_store, pid, coach_session(anja_store, "Anja"))
    bram = Review(bram_store, pid, coach_session(bram_store, "Bram"))
    skill = next(s for s in anja.passport.skills if s.status != "rejected")
    anja.accept(skill.id)
    with pytest.raises(StorageError) as caught:
        bram.reject(skill.id)
    assert caught.value.code == "E307"
    assert bram_store.passport(pid).skill(skill.id).status == "accepted", "no silent overwrite"
    assert [a for _c, a, _d, _at in bram.events_since_read()] == ["accept"], "Bram sees what Anja did"
    bram.reload()
    bram.add_note("Gezien, Anja heeft het al goedgekeurd.")
    final = anja_store.passport(pid)
    assert final.skill(skill.id).status == "accepted" and final.notes[-1].author == "Bram"
    assert anja_store.passport_version(pid) == 3


def test_the_store_checks_the_coach_session_on_every_operation(
    context: AppContext, tmp_path: Path, pg_url: str, stores: Callable[..., Store]
) -> None:
    central = stores(pg_url)
    pid = _interview(central, context)
    token = coach_session(central, "Sanne")
    review = Review(central, pid, token)
    review.add_note("Eerste blik.")
    for forged in ("", "geraden-token"):
        with pytest.raises(StorageError) as caught:
            Review(central, pid, forged)
        assert caught.value.code == "E310"
        with pytest.raises(StorageError):
            central.passports(coach_token=forged)
    central.remove_coach_user("Sanne")  # the account is gone: its open session stops at once
    with pytest.raises(StorageError) as caught:
        review.add_note("Nog een notitie.")
    assert caught.value.code == "E310"
    assert [n.text for n in central.passport(pid).notes] == ["Eerste blik."]
    expired = coach_session(central, "Bram")
    with psycopg.connect(pg_url) as db:
        db.execute("UPDATE coach_sessions SET expires_at = '2000-01-01T00:00:00+00:00'")
    with pytest.raises(StorageError):
        Review(central, pid, expired)


def test_a_kiosk_with_a_central_store_sends_in_the_background(tmp_path: Path, pg_url: str) -> None:
    import time

    from assistant.storage.sync import background_sync

    settings = Settings(data_dir=tmp_path, central_url=pg_url)
    kiosk = open_store(settings)
    assert kiosk.keeps_outbox, "a kiosk with a central store keeps an outbox"
    with background_sync(settings) as worker:
        assert worker is not None
        record = kiosk.create_session("intake", 1, "nl", ["naam"])
        worker.nudge()
        central = Store(pg_url, kiosk.cipher)
        deadline = time.monotonic() + 20
        while kiosk.outbox_size() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert central.session(record.id) == kiosk.session(record.id)
        central.close()
    with background_sync(Settings(data_dir=tmp_path)) as nothing:
        assert nothing is None, "without a central store there is no sender"
    kiosk.close()
