"""Rotating backups of a desk's SQLite store, and putting the newest good one back.

Owns `<data_dir>/backups`: copies made with SQLite's online backup API (a consistent copy while the kiosk
keeps writing), named by the time they were made, mode 0600 in a 0700 folder, the newest `KEEP` kept. The
kiosk makes one at its start and every `EVERY_MINUTES` while it runs. `restore_newest` first puts the
damaged file (with its -wal and -shm) aside, never deleting it, then copies the newest backup that passes
SQLite's integrity check into place.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

from assistant.errors import StorageError

log = logging.getLogger(__name__)

KEEP = 10
EVERY_MINUTES = 15.0
PREFIX = "assistent-"
SUFFIX = ".sqlite3"
#: What a damaged store is renamed to, beside where it was: `assistent.sqlite3.beschadigd-<time>`.
ASIDE = ".beschadigd-"


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime
    size: int


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def is_intact(path: Path) -> bool:
    """SQLite's own full check of the file (`PRAGMA integrity_check`), opened read-only so it changes nothing."""
    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return rows == [("ok",)]


def make_backup(db_path: Path, keep: int = KEEP) -> Path:
    """A consistent copy of the store in `backups/`, the oldest beyond `keep` removed; E303 when it fails."""
    folder = backups_dir(db_path)
    made = datetime.now(UTC)
    target = folder / f"{PREFIX}{made.strftime('%Y%m%dT%H%M%S%fZ')}{SUFFIX}"
    tmp = folder / f".{uuid4().hex}.tmp"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask; these are people's answers
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        copy = sqlite3.connect(tmp)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
        tmp.replace(target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StorageError("E303", what=str(exc)) from exc
    for old in list_backups(db_path)[keep:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    return target


def list_backups(db_path: Path) -> list[Backup]:
    """Every backup of the store, newest first."""
    found = []
    for path in backups_dir(db_path).glob(f"{PREFIX}*{SUFFIX}"):
        stamp = path.name.removeprefix(PREFIX).removesuffix(SUFFIX)
        try:
            made = datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
            found.append(Backup(path, made, path.stat().st_size))
        except (ValueError, OSError):
            continue  # not one of ours
    return sorted(found, key=lambda b: b.made, reverse=True)


@dataclass(frozen=True)
class Restored:
    backup: Backup
    aside: list[Path]
    """Where the damaged store's files were put (the database, its -wal and -shm)."""


def restore_newest(db_path: Path) -> Restored:
    """Puts the store's files aside and the newest intact backup in its place; E329 when there is none
    (then nothing is moved)."""
    good = next((b for b in list_backups(db_path) if is_intact(b.path)), None)
    if good is None:
        raise StorageError("E329", folder=str(backups_dir(db_path)))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    tmp = db_path.parent / f".{db_path.name}.{uuid4().hex}.tmp"
    aside: list[Path] = []
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out, good.path.open("rb") as src:
            while block := src.read(1 << 20):
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
        for part in (db_path, *_companions(db_path)):
            if part.exists():
                moved = part.with_name(f"{part.name}{ASIDE}{stamp}")
                part.replace(moved)
                aside.append(moved)
        tmp.replace(db_path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StorageError("E303", what=exc.strerror or str(exc)) from exc
    return Restored(good, aside)


def _companions(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")]


@contextlib.contextmanager
def periodic_backups(db_path: Path, every_minutes: float = EVERY_MINUTES) -> Iterator[None]:
    """A backup now and every `every_minutes` while the block runs; a failed backup is logged, the kiosk
    goes on (an answer is never refused because a copy could not be made)."""
    stop = threading.Event()

    def run() -> None:
        while True:
            try:
                make_backup(db_path)
            except StorageError as exc:
                log.warning("%s", exc.user_message())
            if stop.wait(every_minutes * 60):
                return

    thread = threading.Thread(target=run, name="backups", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=30)
