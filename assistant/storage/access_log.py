"""The access log: who viewed, changed, exported or deleted which passport, and when. Its details are sealed
with the passport's data key (`person_keys`), since they may quote what was changed."""

from __future__ import annotations

import json
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import select

from assistant.storage import schema as t
from assistant.storage.accounts import coach_behind
from assistant.storage.database import Database, Op, utc_now
from assistant.storage.person_keys import NOBODY, PersonKeys


class AccessEntry(BaseModel):
    at: datetime
    actor: str
    action: str
    passport_id: str | None
    detail: dict[str, object]


class AccessLog(Database):
    """Writing and reading the access log."""

    def log_access(
        self,
        actor: str,
        action: str,
        passport_id: str | None,
        detail: dict[str, object],
        *,
        coach_token: str | None = None,
    ) -> None:
        """Who viewed, changed, exported or deleted what, and when."""
        with self._tx() as conn:
            if coach_token is not None:
                coach_behind(conn, coach_token)
            self._write(conn, [access_op(self.keys, actor, action, passport_id, detail)])

    def access_log(self, passport_id: str | None = None) -> list[AccessEntry]:
        query = select(t.access_log).order_by(t.access_log.c.id)
        if passport_id:
            query = query.where(t.access_log.c.passport_id == passport_id)
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            AccessEntry(
                at=datetime.fromisoformat(r.at),
                actor=r.actor,
                action=r.action,
                passport_id=r.passport_id,
                detail=json.loads(self.keys.open(r.detail) or "{}"),
            )
            for r in rows
        ]


def access_op(
    keys: PersonKeys, actor: str, action: str, passport_id: str | None, detail: dict[str, object]
) -> Op:
    """The row operation that adds one line to the access log, sealed with the passport's data key (a line
    about no passport with the store's own)."""
    row = {
        "at": utc_now(),
        "actor": actor,
        "action": action,
        "passport_id": passport_id,
        "detail": keys.seal(passport_id or NOBODY, json.dumps(detail, ensure_ascii=False)),
    }
    return {"op": "append", "table": "access_log", "row": row}
