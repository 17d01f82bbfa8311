"""The store's side of sync: a kiosk's outbox of row operations waiting to be sent, and the central store
applying a desk's events exactly once.

The central store records each event id in the same transaction that applies it, so an event that arrives
twice changes nothing the second time. The sending itself (order, retries) is `assistant.storage.sync`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from pydantic import BaseModel
from sqlalchemy import func, select

from assistant.storage import schema as t
from assistant.storage.database import Database, Op, utc_now


class OutboxEvent(BaseModel):
    """One local transaction's row operations, waiting to be sent to the central store."""

    seq: int
    event_id: str
    ops: list[Op]
    #: The data keys (sealed by the region key) the sealed values in `ops` need, so the central store can
    #: open them; read from the desk's key store when the event is sent, never kept in the outbox.
    keys: list[dict[str, str]] = []


class Outbox(Database):
    """Sync: the outbox (kiosk side) and applying events (central side)."""

    def outbox_batch(self, limit: int = 200) -> list[OutboxEvent]:
        with self._read() as conn:
            rows = conn.execute(select(t.outbox).order_by(t.outbox.c.seq).limit(limit)).all()
        return [
            OutboxEvent(
                seq=r.seq,
                event_id=r.event_id,
                ops=json.loads(r.payload),
                keys=self.keys.sealed_keys(r.payload),
            )
            for r in rows
        ]

    def outbox_size(self) -> int:
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(t.outbox)).scalar_one())

    def outbox_sent(self, last_seq: int) -> None:
        """Forgets events up to `last_seq`: the central store has them."""
        with self._tx() as conn:
            conn.execute(t.outbox.delete().where(t.outbox.c.seq <= last_seq))

    def apply_events(self, origin: str, events: Sequence[OutboxEvent]) -> int:
        """Applies a desk's events in order, in one transaction; an event seen before is skipped.
        Returns how many were new."""
        new = 0
        # The keys first, in their own store: a row never arrives before the key that opens it.
        self.keys.adopt([key for item in events for key in item.keys])
        with self._tx() as conn:
            for item in events:
                # RETURNING, not rowcount: psycopg counts a skipped ON CONFLICT row as written.
                recorded = conn.execute(
                    self._insert(t.applied_events)
                    .values(event_id=item.event_id, origin=origin, seq=item.seq, applied_at=utc_now())
                    .on_conflict_do_nothing()
                    .returning(t.applied_events.c.event_id)
                ).first()
                if recorded is not None:
                    for op in item.ops:
                        self._apply_op(conn, op, received=True)
                    new += 1
        return new

    def applied_events(self, origin: str | None = None) -> list[tuple[str, str, int]]:
        """(event id, origin, seq) of every applied event, in the order they were applied."""
        query = select(t.applied_events.c.event_id, t.applied_events.c.origin, t.applied_events.c.seq)
        if origin is not None:
            query = query.where(t.applied_events.c.origin == origin)
        with self._read() as conn:
            rows = conn.execute(query.order_by(t.applied_events.c.id))
            return [(row.event_id, row.origin, row.seq) for row in rows]
