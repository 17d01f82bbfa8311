"""Passport history: every saved version of a passport, with who made it, when and by which action
(`assistant.passport.history`). A version is written in the same transaction as the save it records, sealed
with the passport's person key (the interview's), and erased with the passport (`Database._erase_rows`).
"""

from __future__ import annotations

import json

from sqlalchemy import select

from assistant.errors import StorageError
from assistant.passport.history import ActorKind, PassportVersion
from assistant.passport.model import Passport
from assistant.storage import schema as t
from assistant.storage.accounts import coach_behind
from assistant.storage.database import Database, Op, utc_now
from assistant.storage.person_keys import PersonKeys


def version_op(
    keys: PersonKeys,
    passport: Passport,
    version: int,
    actor_kind: ActorKind,
    actor: str,
    action: str,
    detail: dict[str, object] | None = None,
) -> Op:
    """The row of one version. Its moment is the passport's own `updated_at`: the domain's clock, so the
    history says when the change was made, not when a desk's outbox reached the central store."""
    row = {
        "passport_id": passport.id,
        "version": version,
        "at": passport.updated_at.isoformat(),
        "actor_kind": actor_kind,
        "actor": actor,
        "action": action,
        "detail": keys.seal(passport.session_id, json.dumps(detail or {}, ensure_ascii=False)),
        "data": keys.seal(passport.session_id, passport.model_dump_json()),
    }
    return {"op": "insert", "table": "passport_versions", "row": row}


class PassportVersions(Database):
    """Reading a passport's history."""

    def passport_history(self, passport_id: str, *, coach_token: str | None = None) -> list[PassportVersion]:
        """Every kept version of the passport, oldest first; E301 when there is no such passport."""
        with self._read() as conn:
            if coach_token is not None:
                coach_behind(conn, coach_token)
            rows = conn.execute(
                select(t.passport_versions)
                .where(t.passport_versions.c.passport_id == passport_id)
                .order_by(t.passport_versions.c.version)
            ).all()
        if not rows:
            raise StorageError("E301", id=passport_id)
        return [
            PassportVersion(
                version=r.version,
                at=r.at,
                actor_kind=r.actor_kind,
                actor=r.actor,
                action=r.action,
                detail=json.loads(self.keys.open(r.detail) or "{}"),
                passport=Passport.model_validate_json(self.keys.open(r.data) or ""),
            )
            for r in rows
        ]

    def link_session(self, session_id: str, passport_id: str) -> None:
        """A return visit's interview belongs to the passport it adds to (and is erased with it)."""
        with self._tx() as conn:
            self._write(
                conn,
                [
                    {
                        "op": "update",
                        "table": "sessions",
                        "key": {"id": session_id},
                        "values": {"passport_id": passport_id, "updated_at": utc_now()},
                    }
                ],
            )
