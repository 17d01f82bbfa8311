"""A desk's link to the region's central store for resume codes (`interview.desk.Region`) and lasting codes
(`holder_desk.HolderRegion`): opened when a code is typed, kept open while it answers, and opened anew after
it could not be reached.

Separate from the sync sender's own connection (`sync`), which runs in its own thread: a code typed at the
desk never waits for a batch of events, and the sender never waits for a lookup.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from assistant.errors import StorageError
from assistant.storage.region_copy import InterviewCopy
from assistant.storage.store import Store
from assistant.throttling import ThrottleStore

#: After the central store could not be reached, codes are checked offline for this long without trying
#: again: a server that does not answer costs seconds (the connect timeout), and the person is waiting.
RETRY_AFTER = 20.0


class CentralLink:
    """The central store as one desk's kiosk asks it for codes; `local` is the desk's own store."""

    def __init__(
        self,
        local: Store,
        open_central: Callable[[], Store],
        retry_after: float = RETRY_AFTER,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.local = local
        self._open_central = open_central
        self._central: Store | None = None
        self._lock = threading.Lock()
        self.retry_after = retry_after
        self._clock = clock
        self._down_until = 0.0

    def _store(self) -> Store:
        with self._lock:
            if self._central is None:
                if self._clock() < self._down_until:
                    raise StorageError("E312")
                try:
                    self._central = self._open_central()
                except StorageError:
                    self._down_until = self._clock() + self.retry_after
                    raise
            return self._central

    def _lost(self, error: StorageError | None = None) -> None:
        # A broken connection pool is not trusted again: the next code opens the store anew, a little later.
        if error is not None and error.code != "E312":
            return  # the server answered (a refusal, say): the connection is fine
        with self._lock:
            if self._central is not None:
                self._central.close()
                self._central = None
                self._down_until = self._clock() + self.retry_after

    def counts(self) -> ThrottleStore:
        try:
            return _Guarded(self._store(), self._lost)
        except StorageError as exc:
            self._lost(exc)
            raise

    def pull(self, code: str) -> bool:
        return self._pull(lambda central: central.interview_by_code(code))

    def pull_holder(self, code: str) -> bool:
        """The passport of a lasting code, with its holder_access row, kept in the desk's own store."""
        return self._pull(lambda central: central.interview_by_holder_code(code))

    def _pull(self, ask: Callable[[Store], InterviewCopy | None]) -> bool:
        try:
            copy = ask(self._store())
        except StorageError as exc:
            self._lost(exc)
            raise
        if copy is None:
            return False
        self.local.keep_copy(copy)
        return True

    def close(self) -> None:
        self._lost()
        self._down_until = 0.0


class _Guarded:
    """The central store's throttle counts; a lost connection is forgotten before the error goes on."""

    def __init__(self, store: Store, lost: Callable[[StorageError], None]) -> None:
        self._store = store
        self._lost = lost

    def throttle_state(self, kind: str, subject: str) -> tuple[int, float]:
        try:
            return self._store.throttle_state(kind, subject)
        except StorageError as exc:
            self._lost(exc)
            raise

    def throttle_failed(
        self, kind: str, subject: str, now: float, forget_after: float, wait_for: Callable[[int], float]
    ) -> tuple[int, float]:
        try:
            return self._store.throttle_failed(kind, subject, now, forget_after, wait_for)
        except StorageError as exc:
            self._lost(exc)
            raise

    def throttle_cleared(self, kind: str, subject: str) -> None:
        try:
            self._store.throttle_cleared(kind, subject)
        except StorageError as exc:
            self._lost(exc)
            raise
