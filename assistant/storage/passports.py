"""Passports: the draft an interview ends in, every later version, a coach's review of it, and the coach
notes (coach events) kept beside it.

Each save raises the version by one; a save that expected an older version than the one stored fails
(E307), so two coaches never overwrite each other. The passport and its nickname are sealed with the interview's
data key, coach notes with the passport's (`person_keys`).
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, select

from assistant.errors import StorageError
from assistant.interview.access import HOLDER
from assistant.passport.history import ActorKind
from assistant.passport.model import Passport
from assistant.storage import schema as t
from assistant.storage.access_log import access_op
from assistant.storage.accounts import coach_behind
from assistant.storage.database import Database, Op, utc_now
from assistant.storage.holder_access import coach_sees
from assistant.storage.passport_versions import version_op
from assistant.storage.person_keys import PersonKeys


class Passports(Database):
    """Passport versions, drafts, reviews and coach notes."""

    def _passport_row(self, passport: Passport, version: int, created_at: str) -> dict[str, object]:
        return {
            "id": passport.id,
            "session_id": passport.session_id,
            "nickname": self.keys.seal(passport.session_id, passport.person.nickname),
            "status": passport.status,
            "version": version,
            "data": self.keys.seal(passport.session_id, passport.model_dump_json()),
            "created_at": created_at,
            "updated_at": utc_now(),
        }

    def finish(self, session_id: str, passport: Passport) -> None:
        """Saves the draft passport and closes the interview, together."""
        now = utc_now()
        with self._tx() as conn:
            if stored_version(conn, passport.id) is not None:
                raise StorageError("E306")
            self._write(
                conn,
                [
                    {"op": "insert", "table": "passports", "row": self._passport_row(passport, 1, now)},
                    version_op(self.keys, passport, 1, "holder", HOLDER, "made"),
                    {
                        "op": "update",
                        "table": "sessions",
                        "key": {"id": session_id},
                        "values": {"status": "finished", "passport_id": passport.id, "updated_at": now},
                    },
                ],
            )

    def finish_followup(
        self, session_id: str, passport: Passport, expected_version: int, detail: dict[str, object]
    ) -> int:
        """A return visit's additions saved as a new version made by the holder, and the follow-up
        interview closed, together; a change by a coach since it was read is E307 (nothing lost: the
        follow-up stays open and its code brings it back)."""
        with self._tx() as conn:
            version = self._save_passport(
                conn, passport, expected_version, ("holder", HOLDER, "followup", detail)
            )
            self._write(
                conn,
                [
                    {
                        "op": "update",
                        "table": "sessions",
                        "key": {"id": session_id},
                        "values": {"status": "finished", "updated_at": utc_now()},
                    }
                ],
            )
        return version

    def save_passport(
        self,
        passport: Passport,
        expected_version: int | None = None,
        *,
        actor_kind: ActorKind = "desk",
        actor: str = "-",
        action: str = "save",
        detail: dict[str, object] | None = None,
    ) -> int:
        """Saves a changed passport and keeps the new version with who made it; with `expected_version`, a
        change by someone else since is E307."""
        with self._tx() as conn:
            return self._save_passport(conn, passport, expected_version, (actor_kind, actor, action, detail))

    def _save_passport(
        self,
        conn: Connection,
        passport: Passport,
        expected_version: int | None,
        by: tuple[ActorKind, str, str, dict[str, object] | None],
    ) -> int:
        stored = conn.execute(
            select(t.passports.c.version, t.passports.c.created_at).where(t.passports.c.id == passport.id)
        ).first()
        if stored is None:
            self._write(
                conn,
                [
                    {"op": "insert", "table": "passports", "row": self._passport_row(passport, 1, utc_now())},
                    version_op(self.keys, passport, 1, *by),
                ],
            )
            return 1
        current, created_at = stored
        if expected_version is not None and current != expected_version:
            raise StorageError("E307", id=passport.id)
        row = self._passport_row(passport, current + 1, "")
        values = {k: v for k, v in row.items() if k not in ("id", "session_id", "created_at")}
        # The version is in the WHERE: a save by another coach between our read and this write loses here.
        updated = conn.execute(
            t.passports.update()
            .where(t.passports.c.id == passport.id, t.passports.c.version == current)
            .values(values)
        ).rowcount
        if updated != 1:
            raise StorageError("E307", id=passport.id)
        if self.keeps_outbox:
            full = {**row, "created_at": created_at}
            self._keep_in_outbox(conn, [{"op": "upsert", "table": "passports", "row": full}])
        self._write(conn, [version_op(self.keys, passport, current + 1, *by)])
        return current + 1

    def save_review(
        self,
        passport: Passport,
        expected_version: int,
        coach_token: str,
        action: str,
        detail: dict[str, object],
    ) -> int:
        """A coach's change: the checked coach session, the versioned save, the coach event and the access-log
        line, in one transaction."""
        with self._tx() as conn:
            coach, _role = coach_behind(conn, coach_token)
            version = self._save_passport(conn, passport, expected_version, ("coach", coach, action, None))
            self._write(
                conn,
                [
                    _coach_event_op(self.keys, passport.id, coach, action, detail),
                    access_op(self.keys, coach, "changed", passport.id, {"action": action, **detail}),
                ],
            )
        return version

    def passport(self, passport_id: str, *, coach_token: str | None = None) -> Passport:
        """The passport; for a coach only when its holder lets that coach look (E515 otherwise, the same
        whether it exists or not, and logged)."""
        query = select(t.passports.c.data).where(t.passports.c.id == passport_id)
        coach = None
        with self._read() as conn:
            if coach_token is not None:
                coach, role = coach_behind(conn, coach_token)
                query = query.where(coach_sees(t.passports.c.id, coach, role))
            data = conn.execute(query).scalar()
        if data is None and coach is not None:
            with self._tx() as conn:
                self._write(conn, [access_op(self.keys, coach, "view-refused", None, {"id": passport_id})])
            raise StorageError("E515")
        if data is None:
            raise StorageError("E301", id=passport_id)
        return Passport.model_validate_json(self.keys.open(data) or "")

    def passport_version(self, passport_id: str) -> int:
        with self._read() as conn:
            version = stored_version(conn, passport_id)
        if version is None:
            raise StorageError("E301", id=passport_id)
        return version

    def passports(self, *, coach_token: str | None = None) -> list[tuple[str, str | None, str, str]]:
        """(id, nickname, status, updated_at) of every passport, newest first; for a coach, only those whose
        holder lets that coach look."""
        query = select(
            t.passports.c.id, t.passports.c.nickname, t.passports.c.status, t.passports.c.updated_at
        )
        with self._read() as conn:
            if coach_token is not None:
                coach, role = coach_behind(conn, coach_token)
                query = query.where(coach_sees(t.passports.c.id, coach, role))
            rows = conn.execute(query.order_by(t.passports.c.updated_at.desc())).all()
        return [(r.id, self.keys.open(r.nickname), r.status, r.updated_at) for r in rows]

    def coach_events(
        self, passport_id: str, *, coach_token: str | None = None
    ) -> list[tuple[str, str, dict[str, object], str]]:
        with self._read() as conn:
            if coach_token is not None:
                coach_behind(conn, coach_token)
            rows = conn.execute(
                select(t.coach_events)
                .where(t.coach_events.c.passport_id == passport_id)
                .order_by(t.coach_events.c.id)
            ).all()
        return [(r.coach, r.action, json.loads(self.keys.open(r.detail) or "{}"), r.at) for r in rows]


def stored_version(conn: Connection, passport_id: str) -> int | None:
    """The passport's current version, or None when there is no such passport."""
    return conn.execute(select(t.passports.c.version).where(t.passports.c.id == passport_id)).scalar()


def _coach_event_op(
    keys: PersonKeys, passport_id: str, coach: str, action: str, detail: dict[str, object]
) -> Op:
    row = {
        "passport_id": passport_id,
        "coach": coach,
        "action": action,
        "detail": keys.seal(passport_id, json.dumps(detail, ensure_ascii=False)),
        "at": utc_now(),
    }
    return {"op": "append", "table": "coach_events", "row": row}
