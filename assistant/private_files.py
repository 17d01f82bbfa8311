"""Secret files kept beside the store, never inside it: the desk's signing key and the store's encryption key.

Owns the rule that such a file is mode 0600 in a 0700 folder, is read only when nobody else can read it,
and is created whole (never half written), even when two kiosk processes start at the same moment.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from uuid import uuid4

from assistant.errors import AssistantError

MAX_SECRET_BYTES = 64 * 1024


def read_private(path: Path) -> bytes:
    """The file's bytes; E608 when others can read or change it, E609 when it is not a plain file.
    A missing file raises FileNotFoundError, so the caller can make one."""
    # Check the mode on the opened file, not the name: the file cannot be swapped between check and read.
    fd = os.open(path, os.O_RDONLY)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise AssistantError("E609", file=str(path))
        if info.st_mode & 0o077:
            raise AssistantError("E608", file=str(path))
        return handle.read(MAX_SECRET_BYTES)


def load_or_create_private(path: Path, make: Callable[[], bytes]) -> bytes:
    """The secret in `path`, made with `make()` on first use. A file that others can read is refused rather
    than repaired, because it may already have leaked."""
    try:
        return read_private(path)
    except FileNotFoundError:
        pass
    except OSError as exc:  # there, but not readable: another user's file, or a file where a folder should be
        raise AssistantError("E609", file=str(path)) from exc
    try:
        _create(path, make())
    except OSError as exc:  # a full disk or a folder we may not write to: say so, use nothing
        raise AssistantError("E311", path=str(path), what=exc.strerror or str(exc)) from exc
    return read_private(path)


def _create(path: Path, data: bytes) -> None:
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask; the folder must be private anyway
    # Written whole under a private name, then linked into place: a reader never sees half a secret, and
    # when two kiosk processes start at once the first link wins and the other one reads that secret.
    temporary = _write_temporary(path, data)
    try:
        with contextlib.suppress(FileExistsError):  # another process linked its secret first: use that one
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    _sync_folder(folder)


def replace_private(path: Path, data: bytes) -> None:
    """Replaces the secret in `path` whole (a new key ring): written under a private name, synced, then
    renamed over the old file, so a crash leaves either the old ring or the new one, never half of one."""
    temporary = _write_temporary(path, data)
    try:
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    _sync_folder(path.parent)


def _write_temporary(path: Path, data: bytes) -> Path:
    """`data` in a new private file beside `path`, synced to disk, to be linked or renamed into place."""
    temporary = path.parent / f".{path.name}.{uuid4().hex}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _sync_folder(folder: Path) -> None:
    """A new or renamed file survives a power cut only once its folder's entry is on disk too."""
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
