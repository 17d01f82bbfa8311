"""Sending a kiosk's outbox to the region's central store, exactly once and in order.

The kiosk never waits for the network: every answer is already committed in its own SQLite file, with its
outbox event, before anything is sent. The sender takes the oldest events, has the central store apply them
in one transaction (which records each event id, so a resent event changes nothing), and only then forgets
them locally. If the process dies between those two steps, the events are sent again and skipped there.
One sender per kiosk, oldest first, one batch at a time: the central store sees a desk's changes in the
order they were made.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import StorageError
from assistant.storage.store import Store

if TYPE_CHECKING:
    from assistant.config import Settings

log = logging.getLogger(__name__)

BATCH = 100


def send_outbox(local: Store, central: Store, batch: int = BATCH, limit: int | None = None) -> int:
    """Sends everything waiting (or at most `limit` events), oldest first; returns how many were sent.
    Raises StorageError (E312) when the central store cannot be reached; what was not sent stays."""
    sent = 0
    while limit is None or sent < limit:
        events = local.outbox_batch(batch if limit is None else min(batch, limit - sent))
        if not events:
            break
        central.apply_events(local.origin, events)
        local.outbox_sent(events[-1].seq)
        sent += len(events)
    return sent


@dataclass
class SyncStatus:
    """Whether the central store answered the last try, and how many events went out."""

    sent: int = 0
    reachable: bool | None = None
    last_error: str | None = None


class SyncWorker(threading.Thread):
    """Keeps sending in the background. While the central store cannot be reached it waits a little longer
    each time (up to `max_wait` seconds) and tries again; the interview goes on meanwhile."""

    def __init__(
        self,
        open_local: Callable[[], Store],
        open_central: Callable[[], Store],
        lock_path: Path,
        interval: float = 1.0,
        max_wait: float = 15.0,
    ) -> None:
        super().__init__(name="outbox-sync", daemon=True)
        self._open_local = open_local
        self.lock_path = lock_path
        self._open_central = open_central
        self.interval = interval
        self.max_wait = max_wait
        self.status = SyncStatus()
        self._halt = threading.Event()
        self._wake = threading.Event()

    def stop(self, timeout: float = 10) -> None:
        self._halt.set()
        self._wake.set()
        self.join(timeout)

    def nudge(self) -> None:
        """Send soon, e.g. just after an answer."""
        self._wake.set()

    def run(self) -> None:
        # Its own connection to the kiosk's file: sending never holds the lock the kiosk's screens write under.
        local = self._open_local()
        central: Store | None = None
        wait = self.interval
        try:
            while not self._halt.is_set():
                try:
                    if not self._sender_lock():
                        raise StorageError("E312")  # another process of this desk is sending: wait
                    if central is None:
                        central = self._open_central()
                    self.status.sent += send_outbox(local, central)
                    self.status.reachable, self.status.last_error = True, None
                    wait = self.interval
                except StorageError as exc:
                    self.status.reachable, self.status.last_error = False, exc.code
                    log.info("central store not reachable (%s); trying again in %.0f s", exc.code, wait)
                    wait = min(wait * 2, self.max_wait)
                self._wake.wait(wait)
                self._wake.clear()
        finally:
            local.close()
            if central is not None:
                central.close()
            if self._lock_file is not None:
                self._lock_file.close()

    _lock_file = None

    def _sender_lock(self) -> bool:
        # Several kiosk processes of one desk (the browser kiosk starts one per visitor) share one file and
        # one outbox; one sender at a time keeps the order.
        if self._lock_file is None:
            handle = self.lock_path.open("a")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                return False
            self._lock_file = handle
        return True


@contextlib.contextmanager
def background_sync(settings: Settings) -> Iterator[SyncWorker | None]:
    """For a kiosk with a central store: a sender running while the kiosk runs. Without one: nothing."""
    if not settings.central_url:
        yield None
        return
    from assistant.storage import open_central, open_store

    worker = SyncWorker(
        lambda: open_store(settings),
        lambda: open_central(settings),
        lock_path=settings.database.with_name(settings.database.name + ".sync-lock"),
    )
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()
