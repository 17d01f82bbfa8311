"""`assistent sleutel roteer|vergeet`: a new region key re-seals only the persons' data keys (not one row of
the store), the store then expects the new key, and an older key keeps opening a key-store copy made before
the rotation until it is retired; the key in use, or one still needed, is never retired."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.dialogue.answer import Answer
from assistant.errors import StorageError
from assistant.storage import Store, open_store
from assistant.storage.field_cipher import load_cipher
from tests.conftest import ASSISTENT

MARK = "Kievit4471"


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ASSISTENT_STORE_KEY"}
    env["ASSISTENT_DATA_DIR"] = str(tmp_path)
    return subprocess.run(
        [str(ASSISTENT), "sleutel", *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_rotation_reseals_only_the_data_keys_and_old_keys_open_old_copies_until_retired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ASSISTENT_STORE_KEY", raising=False)
    settings = Settings(data_dir=tmp_path)
    store = open_store(settings)
    session = store.create_session("intake", 1, "nl", ["naam"])
    store.save_step(session.id, ["naam"], Answer(question_id="naam", status="answered", text=MARK))
    old_id = store.cipher.key_id
    store.close()
    db, keys_file = settings.database, Path(f"{settings.database}-sleutels")
    answers_before = _rows(db, "SELECT * FROM answers")
    old_keys_copy = tmp_path / "sleutels-kopie-voor-rotatie.sqlite3"
    shutil.copy(keys_file, old_keys_copy)

    rotated = _run(tmp_path, "roteer")
    assert rotated.returncode == 0, rotated.stderr
    ring = load_cipher(None, settings.key_file, create=False)
    new_id = ring.key_id
    assert ring.key_ids == [new_id, old_id] and new_id in rotated.stdout and "1 sleutels" in rotated.stdout
    assert settings.key_file.stat().st_mode & 0o777 == 0o600
    assert _rows(db, "SELECT * FROM answers") == answers_before, "no row of the store was sealed again"
    assert _rows(keys_file, "SELECT DISTINCT region_key_id FROM person_keys") == [(new_id,)]
    assert _rows(db, "SELECT value FROM store_meta WHERE key = 'key_id'") == [(new_id,)]
    again = open_store(settings)
    assert again.answers(session.id)["naam"].text == MARK
    again.close()
    # The key store as it was before the rotation still opens, with the old key in the ring.
    old_copy = Store(db, ring, keys_url=f"sqlite:///{old_keys_copy}")
    assert old_copy.answers(session.id)["naam"].text == MARK
    old_copy.close()

    for refused, code in ((new_id, "E317"), ("0123456789abcdef", "E318")):
        kept = _run(tmp_path, "vergeet", refused)
        assert kept.returncode == 2 and code in kept.stderr and "Traceback" not in kept.stderr
    assert load_cipher(None, settings.key_file, create=False).key_ids == [new_id, old_id]
    retired = _run(tmp_path, "vergeet", old_id)
    assert retired.returncode == 0, retired.stderr
    ring = load_cipher(None, settings.key_file, create=False)
    assert ring.key_ids == [new_id]
    with pytest.raises(StorageError) as caught:
        Store(db, ring, keys_url=f"sqlite:///{old_keys_copy}")
    assert caught.value.code == "E315", "a retired key opens nothing any more"
    live = open_store(settings)
    assert live.answers(session.id)["naam"].text == MARK, "the live store never needed the old key"
    live.close()


def test_a_key_from_the_environment_is_not_rotated(tmp_path: Path) -> None:
    env_run = subprocess.run(
        [str(ASSISTENT), "sleutel", "roteer"],
        capture_output=True,
        text=True,
        env={**os.environ, "ASSISTENT_DATA_DIR": str(tmp_path)},
        timeout=60,
        check=False,
    )
    assert env_run.returncode == 2 and "ASSISTENT_STORE_KEY" in env_run.stderr
    assert not (tmp_path / "keys").exists()
