"""A data key per person: each person's words are sealed with their own key, which the region key seals and
which lives outside the store's database; erasure destroys it, so a backup or dump made before the erasure
cannot show the person's words, and no byte of the live files, the WAL or the key store gives them back."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from pathlib import Path

import psycopg
import pytest
from cryptography.fernet import Fernet

from assistant.context import AppContext
from assistant.errors import StorageError
from assistant.interview.session import InterviewSession
from assistant.storage import Store
from assistant.storage.field_cipher import FieldCipher
from assistant.storage.sync import send_outbox
from tests.pg_server import PostgresServer, find_bin_dir

MARK = "Grutto8814"
KEEP = "Tureluur2290"


def _interview(store: Store, context: AppContext, mark: str) -> str:
    """A whole interview in which the person types `mark` as their name and in a sentence."""
    session = InterviewSession.start(store, context.dialogue, context.matcher)
    session.answer(text=mark)
    session.answer(values=["ja"])
    session.answer(values=["anders"])
    session.answer(text=f"Ik heb bij {mark} tien jaar muren gemetseld", personal="keep")
    for proposal in session.pending():
        session.confirm(proposal.skill_ref, "ja")
    while not session.finished:
        session.skip()
    pid = session.finish().id
    store.log_access("houder", "viewed", pid, {"waarom": mark})
    return pid


def _file(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def _tokens(data: bytes) -> list[str]:
    return sorted({m.decode() for m in re.findall(rb"p1:[0-9a-f-]+:[0-9a-f]{16}:[A-Za-z0-9_=-]+", data)})


def _sealed_keys(keys_file: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(keys_file) as db:
        return db.execute("SELECT owner, tag, sealed_key FROM person_keys").fetchall()


@pytest.fixture
def region() -> FieldCipher:
    return FieldCipher(Fernet.generate_key())


def test_each_person_has_a_data_key_and_the_region_key_alone_opens_no_words(
    context: AppContext, tmp_path: Path, region: FieldCipher
) -> None:
    db = tmp_path / "loket.sqlite3"
    store = Store(db, region)
    first, second = _interview(store, context, MARK), _interview(store, context, KEEP)
    sessions = {store.passport(p).session_id for p in (first, second)}
    store.close()
    with sqlite3.connect(db) as conn:
        texts = [r[0] for r in conn.execute("SELECT text FROM answers WHERE text IS NOT NULL")]
    owners = {t.split(":")[1] for t in texts}
    assert owners == sessions, "every answer is sealed with its own interview's key"
    for sealed in texts:
        with pytest.raises(StorageError):
            region.open(sealed.rsplit(":", 1)[1])  # the region key opens data keys, never words
    keys = _sealed_keys(Path(f"{db}-sleutels"))
    assert {o for o, _t, _k in keys} >= sessions | {first, second}
    data = _file(db) + _file(Path(f"{db}-wal"))
    for _owner, _tag, sealed_key in keys:
        assert sealed_key.encode() not in data, "no data key is kept in the store's own database"
        assert str(region.open(sealed_key)).encode() not in data
    again = Store(db, region)
    assert again.passport(first).person.nickname == MARK and again.passport(second).person.nickname == KEEP
    again.close()


def test_an_older_store_sealed_with_the_region_key_is_sealed_again_per_person(
    tmp_path: Path, region: FieldCipher
) -> None:
    db = tmp_path / "oud.sqlite3"
    Store(db, region).close()
    with sqlite3.connect(db) as conn:  # rows as version 0003 wrote them: sealed with the region key itself
        conn.execute(
            "INSERT INTO sessions VALUES ('s1', 'intake', 1, 'nl', 'paused', '[\"naam\"]', NULL, "
            "'2025-01-02T10:00:00+00:00', '2025-01-02T10:05:00+00:00', NULL)"
        )
        conn.execute(
            "INSERT INTO answers VALUES ('s1', 'naam', 'answered', ?, ?, '2025-01-02T10:01:00+00:00', 'nl', NULL)",
            (region.seal("[]"), region.seal(MARK)),
        )
        conn.execute("DROP TABLE throttles")  # made by 0005, after this version
        conn.execute("DROP TABLE passport_versions")  # made by 0008
        conn.execute("DROP TABLE coach_keys")  # made by 0010
        conn.execute("DROP TABLE confirmation_requests")  # made by 0010
        for table in ("holder_access", "share_codes", "counsellor_unions"):
            conn.execute(f"DROP TABLE {table}")  # made by 0009
        conn.execute("UPDATE alembic_version SET version_num = '0003'")
    store = Store(db, region)
    assert store.answers("s1")["naam"].text == MARK
    store.close()
    with sqlite3.connect(db) as conn:
        [(sealed,)] = conn.execute("SELECT text FROM answers").fetchall()
    assert sealed.startswith("p1:s1:"), "sealed again with the interview's own data key"


def test_a_backup_made_before_erasure_cannot_show_the_persons_words(
    context: AppContext, tmp_path: Path, region: FieldCipher
) -> None:
    db = tmp_path / "loket.sqlite3"
    keys_file = Path(f"{db}-sleutels")
    store = Store(db, region)
    gone, kept = _interview(store, context, MARK), _interview(store, context, KEEP)
    gone_session = store.passport(gone).session_id
    backup = tmp_path / "backup-voor-het-wissen.sqlite3"
    with sqlite3.connect(db) as live, sqlite3.connect(backup) as copy:
        live.backup(copy)  # SQLite's online backup, as an automatic backup would make it
    before = {o: k for o, _t, k in _sealed_keys(keys_file)}
    assert MARK.encode() not in backup.read_bytes()
    old_tokens = [t for t in _tokens(backup.read_bytes()) if t.split(":")[1] in (gone, gone_session)]
    assert old_tokens, "the backup holds the person's sealed words"

    store.delete_passport(gone, actor="houder")
    store.close()

    # The old copy restored with the region key and the key store as it is now: the person cannot be read,
    # everyone else can.
    restored = Store(backup, region, keys_url=f"sqlite:///{keys_file}")
    for read in (
        lambda: restored.passport(gone),
        lambda: restored.answers(gone_session),
        lambda: restored.access_log(gone),
    ):
        with pytest.raises(StorageError) as caught:
            read()
        assert caught.value.code == "E313"
    assert restored.passport(kept).person.nickname == KEEP
    for token in old_tokens:
        with pytest.raises(StorageError):
            restored.keys.open(token)
    restored.close()
    # Nothing that opened them is left: not in the live files, the WAL or the key store.
    live = _file(db) + _file(Path(f"{db}-wal")) + _file(keys_file) + _file(Path(f"{keys_file}-journal"))
    assert MARK.encode() not in live and gone.encode() not in _file(db)
    for owner in (gone, gone_session):
        sealed_key = before[owner]
        assert sealed_key.encode() not in live, "the destroyed data key is overwritten, not just unlinked"
        assert str(region.open(sealed_key)).encode() not in live
    assert not [o for o, _t, _k in _sealed_keys(keys_file) if o in (gone, gone_session)]


def test_on_postgresql_a_dump_made_before_erasure_cannot_show_the_persons_words(
    context: AppContext, tmp_path: Path, region: FieldCipher
) -> None:
    with (
        PostgresServer(tmp_path / "regio") as store_server,
        PostgresServer(tmp_path / "sleutels") as key_server,
    ):
        url = store_server.create_database("regio")
        # The region's key database on a server of its own: the store's data directory and dumps hold no key.
        keys_url = key_server.url("regio_sleutels")
        kiosk = Store(tmp_path / "loket.sqlite3", region, outbox=True)
        central = Store(url, region, keys_url=keys_url)
        gone, kept = _interview(kiosk, context, MARK), _interview(kiosk, context, KEEP)
        send_outbox(kiosk, central)  # the rows travel with their sealed data keys
        assert central.passport(gone).person.nickname == MARK
        gone_owners = (gone, central.passport(gone).session_id)
        dump = subprocess.run(
            [str(find_bin_dir() / "pg_dump"), "--dbname", url], capture_output=True, check=True, timeout=120
        ).stdout
        assert _tokens(dump) and MARK.encode() not in dump

        kiosk.delete_passport(gone, actor="houder")
        send_outbox(kiosk, central)
        with psycopg.connect(url, autocommit=True) as db:
            db.execute("CHECKPOINT")
        raw = b"".join(
            p.read_bytes()
            for p in store_server.directory.rglob("*")
            if p.is_file() and p.stat().st_size < 50_000_000
        )
        assert kept.encode() in raw, "the search reads the real data files"
        assert MARK.encode() not in raw
        gone_tokens = [t for t in _tokens(dump) if t.split(":")[1] in gone_owners]
        assert gone_tokens, "the dump holds the person's sealed words"
        for token in gone_tokens:
            with pytest.raises(StorageError) as caught:
                central.keys.open(token)  # the region key and every key the region still has
            assert caught.value.code == "E313"
        others = [str(central.keys.open(t)) for t in _tokens(dump) if t not in gone_tokens]
        assert any(KEEP in text for text in others), "the others in the same dump still open"
        assert not any(MARK in text for text in others)
        key_dir = b"".join(
            p.read_bytes()
            for p in key_server.directory.rglob("*")
            if p.is_file() and p.stat().st_size < 50_000_000
        )
        assert MARK.encode() not in key_dir
        central.close()
        kiosk.close()
