"""A desk's link to the region's central store for resume codes (`interview.desk.Region`): opened when a code
is typed, kept open while it answers, and opened anew after it could not be reached.

Separate from the sync sender's own connection (`sync`), which runs in its own thread: a code typed at the
desk never waits for a batch of events, and the sender never waits for a lookup.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from assistant.errors import StorageError
from assistant.storage.store import Store
from assistant.throttling import ThrottleStore


class CentralLink:
    """The central store as one desk's kiosk asks it for codes; `local` is the desk's own store."""

    def __init__(self, local: Store, open_central: Callable[[], Store]) -> None:
        self.local = local
        self._open_central = open_central
        self._central: Store | None = None
        self._lock = threading.Lock()

    def _store(self) -> Store:
        with self._lock:
            if self._central is None:
                self._central = self._open_central()
            return self._central

    def _lost(self) -> None:
        # A broken connection pool is not trusted again: the next code opens the store anew.
        with self._lock:
            if self._central is not None:
                self._central.close()
                self._central = None

    def counts(self) -> ThrottleStore:
        try:
            return _Guarded(self._store(), self._lost)
        except StorageError:
            self._lost()
            raise

    def pull(self, code: str) -> bool:
        try:
            copy = self._store().interview_by_code(code)
        except StorageError:
            self._lost()
            raise
        if copy is None:
            return False
        self.local.keep_copy(copy)
        return True

    def close(self) -> None:
        self._lost()


class _Guarded:
    """The central store's throttle counts; a lost connection is forgotten before the error goes on."""

    def __init__(self, store: Store, lost: Callable[[], None]) -> None:
        self._store = store
        self._lost = lost

    def throttle_state(self, kind: str, subject: str) -> tuple[int, float]:
        try:
            return self._store.throttle_state(kind, subject)
        except StorageError:
            self._lost()
            raise

    def throttle_failed(
        self, kind: str, subject: str, now: float, forget_after: float, wait_for: Callable[[int], float]
    ) -> tuple[int, float]:
        try:
            return self._store.throttle_failed(kind, subject, now, forget_after, wait_for)
        except StorageError:
            self._lost()
            raise

    def throttle_cleared(self, kind: str, subject: str) -> None:
        try:
            self._store.throttle_cleared(kind, subject)
        except StorageError:
            self._lost()
            raise
