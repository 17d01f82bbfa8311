"""Throttle counts in the store: how many failures in a row one desk (wrong resume codes) or one account
(failed coach logins) has had, and until when it must wait. Kept here, not in memory, so a restarted kiosk,
a new browser tab or another coach machine on the central store sees the same count.

Who is counted is never stored as typed (a password typed into the name field would be kept otherwise):
the key is an HMAC of it under a secret derived from the store key. The rule itself (when to wait, how
long) is `assistant.throttling`; this module only counts, atomically. Rows stay local to their store: they
are written outside the outbox, so a desk's counts are not sent to the central store.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from functools import cached_property

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, select

from assistant.storage.database import Database

#: Failures older than this are deleted when the next one is written, whatever their rule says.
KEEP_SECONDS = 24 * 3600

# Its own MetaData: the table is made by migration 0006 and used only here.
throttles = Table(
    "throttles",
    MetaData(),
    Column("key", String, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failed_at", Float, nullable=False),
    Column("blocked_until", Float, nullable=False),
)


class Throttles(Database):
    """Counts of failures in a row, per kind and subject."""

    @cached_property
    def _throttle_secret(self) -> bytes:
        return self.cipher.derive_secret("throttle")

    def _throttle_key(self, kind: str, subject: str) -> str:
        mac = hmac.new(self._throttle_secret, f"{kind}\0{subject}".encode(), hashlib.sha256)
        return f"{kind}:{mac.hexdigest()[:40]}"

    def throttle_state(self, kind: str, subject: str) -> tuple[int, float]:
        """(failures in a row, wall-clock second until which tries are refused); (0, 0) when none."""
        key = self._throttle_key(kind, subject)
        with self._read() as conn:
            row = conn.execute(
                select(throttles.c.failures, throttles.c.blocked_until).where(throttles.c.key == key)
            ).first()
        return (0, 0.0) if row is None else (int(row.failures), float(row.blocked_until))

    def throttle_failed(
        self, kind: str, subject: str, now: float, forget_after: float, wait_for: Callable[[int], float]
    ) -> tuple[int, float]:
        """Counts one more failure, in one transaction (two kiosk processes failing at once count two), and
        sets the wait `wait_for(failures)`. A count with no failure and no wait for `forget_after` seconds
        starts again.
        Returns (failures, blocked until)."""
        key = self._throttle_key(kind, subject)
        with self._tx() as conn:
            conn.execute(
                throttles.delete().where(
                    throttles.c.last_failed_at < now - KEEP_SECONDS, throttles.c.blocked_until < now
                )
            )
            conn.execute(
                self._insert(throttles)
                .values(key=key, failures=0, last_failed_at=now, blocked_until=0.0)
                .on_conflict_do_nothing()
            )
            row = conn.execute(
                select(throttles.c.failures, throttles.c.last_failed_at, throttles.c.blocked_until)
                .where(throttles.c.key == key)
                .with_for_update()
            ).one()
            # Quiet time counts from the end of a wait, or a long wait would forget the count behind it.
            quiet_since = max(float(row.last_failed_at), float(row.blocked_until))
            before = int(row.failures) if now - quiet_since < forget_after else 0
            failures = before + 1
            until = now + wait_for(failures)
            conn.execute(
                throttles.update()
                .where(throttles.c.key == key)
                .values(failures=failures, last_failed_at=now, blocked_until=until)
            )
        return failures, until

    def throttle_cleared(self, kind: str, subject: str) -> None:
        key = self._throttle_key(kind, subject)
        with self._tx() as conn:
            conn.execute(throttles.delete().where(throttles.c.key == key))
