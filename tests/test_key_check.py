"""The key check when a store opens: a wrong key is refused before anything is written, a missing key file
is never replaced by a new key for a store that has data, the right key opens, a new store makes its key."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from assistant.config import Settings
from assistant.errors import StorageError
from assistant.storage import Store, open_store
from assistant.storage.field_cipher import FieldCipher, key_id_of

MARK = "Zilverreiger7731"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _settings(tmp_path: Path) -> Settings:
    # The run's ASSISTENT_STORE_KEY would hide the key file; these tests are about the key file.
    return Settings(data_dir=tmp_path, db_path=tmp_path / "kiosk.sqlite3", store_key=None)


@pytest.fixture
def no_key_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASSISTENT_STORE_KEY", raising=False)


def _store_with_words(db: Path, cipher: FieldCipher) -> str:
    store = Store(db, cipher)
    session = store.create_session("intake", 1, "nl", ["naam"])
    store.new_resume_code(session.id)
    store.close()
    return session.id


def test_a_wrong_key_is_refused_at_open_and_the_file_is_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    right = FieldCipher(Fernet.generate_key())
    _store_with_words(db, right)
    before = _digest(db)
    wrong = FieldCipher(Fernet.generate_key())
    with pytest.raises(StorageError) as caught:
        Store(db, wrong)
    assert caught.value.code == "E315"
    message = caught.value.user_message()
    assert right.key_id in message and wrong.key_id in message and "niets geschreven" in message
    assert _digest(db) == before, "nothing was written with the wrong key"
    again = Store(db, right)  # the right key still opens it, as before
    assert again.sessions()
    again.close()


def test_the_key_id_names_the_key_without_showing_it(tmp_path: Path) -> None:
    key = Fernet.generate_key()
    store = Store(tmp_path / "kiosk.sqlite3", FieldCipher(key))
    with store._read() as conn:
        recorded = store._meta(conn, "key_id")
    store.close()
    assert recorded == key_id_of(key) and len(recorded) == 16
    assert recorded.encode() not in key and key not in (tmp_path / "kiosk.sqlite3").read_bytes()


def test_an_older_store_without_a_key_id_is_checked_on_its_sealed_text(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    right = FieldCipher(Fernet.generate_key())
    store = Store(db, right)
    with store._tx() as conn:  # as a store from before the key check: sealed text, no key id
        conn.exec_driver_sql("DELETE FROM store_meta WHERE key = 'key_id'")
        conn.exec_driver_sql(
            "INSERT INTO access_log (at, actor, action, passport_id, detail) VALUES (?, ?, ?, ?, ?)",
            ("2025-01-01T00:00:00+00:00", "balie", "viewed", None, right.seal("{}")),
        )
    store.close()
    before = _digest(db)
    with pytest.raises(StorageError) as caught:
        Store(db, FieldCipher(Fernet.generate_key()))
    assert caught.value.code == "E315" and _digest(db) == before
    Store(db, right).close()


def test_a_missing_key_file_is_not_replaced_when_the_store_has_data(
    tmp_path: Path, no_key_variable: None
) -> None:
    settings = _settings(tmp_path)
    store = open_store(settings)  # a new store: its key file is made, as before
    assert settings.key_file.exists() and settings.key_file.stat().st_mode & 0o777 == 0o600
    expected = store.cipher.key_id
    store.create_session("intake", 1, "nl", ["naam"])
    store.close()
    settings.key_file.unlink()
    before = _digest(settings.database)
    with pytest.raises(StorageError) as caught:
        open_store(settings)
    assert caught.value.code == "E316"
    assert str(settings.key_file) in caught.value.user_message()
    assert expected in caught.value.user_message()
    assert not settings.key_file.exists(), "no new key was made"
    assert sorted(os.listdir(settings.key_file.parent)) == []
    assert _digest(settings.database) == before


def test_the_right_key_file_opens_and_a_new_store_makes_its_key(
    tmp_path: Path, no_key_variable: None
) -> None:
    settings = _settings(tmp_path)
    assert not settings.key_file.exists()
    store = open_store(settings)
    session = store.create_session("intake", 1, "nl", ["naam"])
    key = settings.key_file.read_bytes()
    store.close()
    again = open_store(settings)
    assert again.session(session.id).id == session.id
    assert settings.key_file.read_bytes() == key, "the same key, not a new one"
    again.close()


def test_database_files_are_made_for_their_owner_only(tmp_path: Path) -> None:
    old_mask = os.umask(0o022)  # the usual umask, which would give 0644
    try:
        db = tmp_path / "kiosk.sqlite3"
        cipher = FieldCipher(Fernet.generate_key())
        store = Store(db, cipher)
        session = store.create_session("intake", 1, "nl", ["naam"])
        store.new_resume_code(session.id)
        files = [db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-sleutels")]
        assert all(p.exists() for p in files)
        assert {p.name: p.stat().st_mode & 0o777 for p in files} == {p.name: 0o600 for p in files}
        store.close()
        os.chmod(db, 0o644)  # as an older version made it
        Store(db, cipher).close()
        assert db.stat().st_mode & 0o777 == 0o600, "closed to others at the next start"
    finally:
        os.umask(old_mask)


def test_a_store_is_never_opened_with_a_missing_or_other_key_store(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    cipher = FieldCipher(Fernet.generate_key())
    _store_with_words(db, cipher)
    keys_file = Path(f"{db}-sleutels")
    keys_file.rename(tmp_path / "elders.sqlite3")
    with pytest.raises(StorageError) as caught:
        Store(db, cipher)
    assert caught.value.code == "E319" and "ontbreekt" in caught.value.user_message()
    assert not keys_file.exists(), "no new, empty key store was made"
    other = tmp_path / "ander.sqlite3"
    Store(other, cipher).close()
    with pytest.raises(StorageError) as refused:
        Store(db, cipher, keys_url=f"sqlite:///{other}-sleutels")
    assert refused.value.code == "E319"
    (tmp_path / "elders.sqlite3").rename(keys_file)
    Store(db, cipher).close()
