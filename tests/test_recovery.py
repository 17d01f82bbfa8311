"""A corrupt database no longer bricks the kiosk: rotating backups made with SQLite's backup API, an honest
message at the kiosk start, and `assistent herstel` putting the newest good backup back after keeping the
damaged file aside. Every test damages a real SQLite file."""

from __future__ import annotations

import os
import stat
import subprocess
import time
from pathlib import Path

import pytest

from assistant.cli.recovery import refuse_a_damaged_store
from assistant.config import Settings
from assistant.errors import StorageError
from assistant.storage import Store
from assistant.storage.backup import backups_dir, is_intact, list_backups, make_backup, periodic_backups
from assistant.storage.field_cipher import FieldCipher
from tests.conftest import ASSISTENT, open_store_at


def _store_with(db: Path, *names: str) -> None:
    store = open_store_at(db)
    try:
        for name in names:
            store.add_coach_user(name, "not-a-real-hash", "coach")
    finally:
        store.close()  # the last connection closes: the WAL is checkpointed into the file


def _names(db: Path, live: Path | None = None) -> set[str]:
    """The coach names in `db`; a backup (`live` given) is opened with the live store's key store, which
    backups never hold (the persons' data keys stay out of them)."""
    if live is None:
        store = open_store_at(db)
    else:
        cipher = FieldCipher(os.environ["ASSISTENT_STORE_KEY"])
        store = Store(db, cipher, keys_url=f"sqlite:///{live}-sleutels")
    try:
        return {n for n in ("anna", "bert", "cees") if store.coach_user(n) is not None}
    finally:
        store.close()


def _corrupt(db: Path) -> bytes:
    """Overwrites the middle pages of the file with garbage, as a failing disk or a cut power line can."""
    data = bytearray(db.read_bytes())
    assert len(data) >= 4 * 4096
    for offset in range(2 * 4096, len(data) - 4096):
        data[offset] = (offset * 7 + 13) % 256
    db.write_bytes(bytes(data))
    assert not is_intact(db)
    return bytes(data)


def _run(args: list[str], tmp_path: Path, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSISTENT_DATA_DIR": str(tmp_path), "ASSISTENT_DB_PATH": str(db)}
    return subprocess.run(
        [str(ASSISTENT), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_backups_are_private_consistent_and_rotate(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    _store_with(db, "anna")
    made = [make_backup(db, keep=3) for _ in range(5)]
    kept = list_backups(db)
    assert [b.path for b in kept] == list(reversed(made[-3:])), "the newest three, newest first"
    assert stat.S_IMODE(backups_dir(db).stat().st_mode) == 0o700
    for backup in kept:
        assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
        assert is_intact(backup.path)
        assert _names(backup.path, live=db) == {"anna"}


def test_a_backup_while_the_store_is_open_and_writing_holds_what_was_committed(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    store = open_store_at(db)
    try:
        store.add_coach_user("anna", "not-a-real-hash", "coach")  # committed, still in the WAL
        backup = make_backup(db)
        store.add_coach_user("bert", "not-a-real-hash", "coach")
    finally:
        store.close()
    assert _names(backup, live=db) == {"anna"}


def test_periodic_backups_run_in_the_background(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    _store_with(db, "anna")
    with periodic_backups(db, every_minutes=0.5 / 60):
        time.sleep(1.4)
    assert len(list_backups(db)) >= 2


def test_a_corrupt_store_stops_the_kiosk_honestly_and_herstel_brings_back_the_last_backup(
    tmp_path: Path,
) -> None:
    db = tmp_path / "kiosk.sqlite3"
    _store_with(db, "anna")
    make_backup(db)
    _store_with(db, "bert")  # after the backup: this is what a restore cannot bring back
    damaged = _corrupt(db)

    kiosk = _run(["kiosk"], tmp_path, db)
    assert kiosk.returncode == 2
    assert "(E328)" in kiosk.stderr and "assistent herstel" in kiosk.stderr
    assert "niets verloren" not in kiosk.stderr, "before: E303 said nothing was lost"
    assert "Traceback" not in kiosk.stderr

    listing = _run(["herstel", "--lijst"], tmp_path, db)
    assert listing.returncode == 0 and "goed" in listing.stdout
    assert db.read_bytes() == damaged, "--lijst changes nothing"

    restore = _run(["herstel"], tmp_path, db)
    assert restore.returncode == 0, restore.stderr
    assert "Teruggezet" in restore.stdout
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("kiosk.sqlite3.beschadigd-")]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged, "the damaged file is kept, unchanged"
    assert str(aside[0]) in restore.stdout
    assert is_intact(db)
    assert _names(db) == {"anna"}
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    refuse_a_damaged_store(Settings(data_dir=tmp_path, db_path=db))  # the kiosk starts again


def test_herstel_without_a_good_backup_moves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    _store_with(db, "anna")
    backup = make_backup(db)
    _corrupt(backup)
    damaged = _corrupt(db)
    result = _run(["herstel"], tmp_path, db)
    assert result.returncode == 2 and "(E329)" in result.stderr and "beschadigd" in result.stdout
    assert db.read_bytes() == damaged
    assert not [p for p in tmp_path.iterdir() if ".beschadigd-" in p.name]


def test_herstel_leaves_a_healthy_store_alone_unless_told(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    _store_with(db, "anna")
    make_backup(db)
    _store_with(db, "bert")
    kept = _run(["herstel"], tmp_path, db)
    assert kept.returncode == 0 and "in orde" in kept.stdout
    assert _names(db) == {"anna", "bert"}
    forced = _run(["herstel", "--zeker"], tmp_path, db)
    assert forced.returncode == 0 and "Teruggezet" in forced.stdout
    assert _names(db) == {"anna"}
    assert [p for p in tmp_path.iterdir() if ".beschadigd-" in p.name], "the newer store is kept aside"


def test_a_header_that_is_not_sqlite_is_damage_too(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    _store_with(db, "anna")
    db.write_bytes(b"\x00" * 100 + db.read_bytes()[100:])
    with pytest.raises(StorageError) as caught:
        refuse_a_damaged_store(Settings(data_dir=tmp_path, db_path=db))
    assert caught.value.code == "E328" and str(db) in caught.value.user_message()


def test_herstel_refuses_a_server_store(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ASSISTENT_DATA_DIR": str(tmp_path),
        "ASSISTENT_DATABASE_URL": "postgresql://x@localhost/y",
    }
    result = subprocess.run([str(ASSISTENT), "herstel"], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 2 and "(E330)" in result.stderr
