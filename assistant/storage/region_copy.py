"""One person, every desk: fetching the newest copy of one interview (and its passport) from the region's
central store by its resume code, and keeping that copy in a desk's own file.

Central side (`interview_by_code`): the kiosk role may not read anyone's rows, so on PostgreSQL the lookup is
the `SECURITY DEFINER` function of migration 0007, asked with the keyed hashes of one code; it gives the one
interview with that code, still sealed, and this module adds the data keys its rows need (from the key
store, sealed with the region key). On SQLite (tests, or an owner's store) the same rows are read directly.

Desk side (`keep_copy`): the rows are written without outbox events (they came from the central store and
need not go back), never over something newer that the desk has itself (an answer not sent yet): the
interview only when the central one changed later, the passport only with a higher version. The moment the
desk last had the central copy is kept in `store_meta`, so offline it can say from when its copy is.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, select, text

from assistant import holder_code, resume_code
from assistant.storage import schema as t
from assistant.storage.database import Database, utc_now

#: store_meta key prefix: when this desk last had the central copy of an interview (by session id).
COPIED_AT = "copied-at:"


class InterviewCopy(BaseModel):
    """One interview as the central store has it: rows with their sealed text, and the data keys (sealed with
    the region key) that open them."""

    session: dict[str, Any]
    answers: list[dict[str, Any]] = []
    proposals: list[dict[str, Any]] = []
    passport: dict[str, Any] | None = None
    consents: list[dict[str, Any]] = []
    #: The passport's kept versions (its history), so the holder and a coach see it at this desk too.
    versions: list[dict[str, Any]] = []
    #: The holder's lasting code (its keyed hash) and choices, when the copy was asked by that code.
    holder_access: dict[str, Any] | None = None
    keys: list[dict[str, str]] = []


class RegionCopy(Database):
    """Copies of one interview between the central store and a desk."""

    def code_hashes(self, code: str) -> list[str]:
        """The keyed hashes a code may be stored under: the ring's current key first, then older ones."""
        return [
            resume_code.keyed_digest(code, secret)
            for secret in self.cipher.derive_secrets(resume_code.SECRET_PURPOSE)
        ]

    def interview_by_code(self, code: str) -> InterviewCopy | None:
        """(Central store) the interview with this code, with everything a desk needs to go on; None when no
        interview has it. E312 when the store cannot be reached."""
        hashes = self.code_hashes(code)
        with self._read() as conn:
            found = _by_function(conn, hashes) if not self.is_sqlite else _by_select(conn, hashes)
        if found is None:
            return None
        return self._copy(found)

    def holder_code_hashes(self, code: str) -> list[str]:
        """The keyed hashes a lasting code may be stored under: the ring's current key first."""
        secrets = self.cipher.derive_secrets(holder_code.HOLDER_PURPOSE)
        return [holder_code.digest(code, secret) for secret in secrets]

    def interview_by_holder_code(self, code: str) -> InterviewCopy | None:
        """(Central store) the passport whose lasting code this is, with the interview that made it and its
        `holder_access` row; None when no passport has it. E312 when the store cannot be reached."""
        hashes = self.holder_code_hashes(code)
        with self._read() as conn:
            if self.is_sqlite:
                found = _holder_by_select(conn, hashes)
            else:
                found = _json(
                    conn.execute(text("SELECT assistent_holder_by_code(:h)"), {"h": hashes}).scalar()
                )
        return None if found is None else self._copy(found)

    def _copy(self, found: dict[str, Any]) -> InterviewCopy:
        copy = InterviewCopy.model_validate(found)
        copy.keys = self.keys.sealed_keys(json.dumps(found))
        return copy

    def keep_copy(self, copy: InterviewCopy) -> bool:
        """(Desk) keeps the central copy where it is newer than the desk's own; returns whether anything of
        it was newer. The data keys first, in their own store: a row never arrives before its key."""
        self.keys.adopt(copy.keys)
        session = copy.session
        changed = False
        with self._tx() as conn:
            mine = conn.execute(
                select(t.sessions.c.updated_at).where(t.sessions.c.id == session["id"])
            ).scalar()
            if mine is None or str(mine) < str(session["updated_at"]):
                _put(self, conn, "sessions", [session])
                _put(self, conn, "answers", copy.answers)
                _put(self, conn, "proposals", copy.proposals)
                changed = True
            passport = copy.passport
            if passport is not None:
                version = conn.execute(
                    select(t.passports.c.version).where(t.passports.c.id == passport["id"])
                ).scalar()
                if version is None or int(version) < int(passport["version"]):
                    _put(self, conn, "passports", [passport])
                    changed = True
                # A consent has no version: while the desk still has events to send (a withdrawal made
                # here, say), its own consents stay as they are and only missing ones are added.
                unsent = conn.execute(select(t.outbox.c.seq).limit(1)).first() is not None
                _put(self, conn, "consents", copy.consents, replace=not unsent)
                # A version never changes once written: only the ones this desk lacks are added.
                _put(self, conn, "passport_versions", copy.versions, replace=False)
                # Not an outbox write: when this desk knew the central copy is its own business.
                self._set_copied_at(conn, str(passport["id"]))
            if copy.holder_access is not None:
                changed = _keep_holder_access(self, conn, copy.holder_access) or changed
            self._set_copied_at(conn, str(session["id"]))
        return changed

    def _set_copied_at(self, conn: Connection, session_id: str) -> None:
        key = COPIED_AT + session_id
        conn.execute(t.store_meta.delete().where(t.store_meta.c.key == key))
        conn.execute(t.store_meta.insert().values(key=key, value=utc_now()))

    def copied_at(self, session_id: str) -> str | None:
        """When this desk last had the central copy of the interview, or of the passport (by its id; ISO
        time), or None."""
        with self._read() as conn:
            return self._meta(conn, COPIED_AT + session_id)

    def holder_code_unsent(self, passport_id: str) -> bool:
        """Whether this desk made or changed the passport's lasting code (or choices) and has not sent it
        yet: then a code the central store does not know may still be right here."""
        with self._read() as conn:
            payloads = conn.execute(select(t.outbox.c.payload)).scalars().all()
        return any(
            op.get("table") == "holder_access" and op.get("row", {}).get("passport_id") == passport_id
            for payload in payloads
            for op in json.loads(payload)
        )


def _put(
    db: Database, conn: Connection, table: str, rows: list[dict[str, Any]], replace: bool = True
) -> None:
    """Inserts (and with `replace`, replaces) rows as they are, without an outbox event."""
    columns = [c.name for c in t.TABLES[table].columns]
    keys = list(t.KEYS[table])
    for row in rows:
        values = {c: row.get(c) for c in columns}
        statement = db._insert(t.TABLES[table]).values(values)
        changes = {c: statement.excluded[c] for c in columns if c not in keys}
        if replace:
            conn.execute(statement.on_conflict_do_update(index_elements=keys, set_=changes))
        else:
            conn.execute(statement.on_conflict_do_nothing())


def _keep_holder_access(db: Database, conn: Connection, central: dict[str, Any]) -> bool:
    """The central `holder_access` row, kept at the desk: the lasting code from whichever row made its code
    last (a code renewed centrally replaces the desk's, so the old one stops working here too), the
    choices from whichever changed last (a choice made here, not sent yet, stays)."""
    h = t.holder_access
    mine = conn.execute(select(h).where(h.c.passport_id == central["passport_id"])).first()
    row = {c.name: central.get(c.name) for c in h.columns}
    if mine is not None:
        local = dict(mine._mapping)
        if str(local["code_made_at"] or "") > str(row["code_made_at"] or ""):
            row.update(code_hash=local["code_hash"], code_made_at=local["code_made_at"])
        if str(local["updated_at"]) > str(row["updated_at"]):
            row.update({k: local[k] for k in ("coach_may_look", "vakbond", "hidden", "updated_at")})
        if row == local:
            return False
    _put(db, conn, "holder_access", [row])
    return True


def _holder_by_select(conn: Connection, hashes: list[str]) -> dict[str, Any] | None:
    access = conn.execute(select(t.holder_access).where(t.holder_access.c.code_hash.in_(hashes))).first()
    if access is None:
        return None
    session = conn.execute(
        select(t.sessions.c.resume_code)
        .join(t.passports, t.passports.c.session_id == t.sessions.c.id)
        .where(t.passports.c.id == access.passport_id)
    ).scalar()
    found = None if session is None else _by_select(conn, [session])
    if found is not None:
        found["holder_access"] = dict(access._mapping)
    return found


def _by_function(conn: Connection, hashes: list[str]) -> dict[str, Any] | None:
    found = _json(
        conn.execute(text("SELECT assistent_interview_by_code(:hashes)"), {"hashes": hashes}).scalar()
    )
    if found is not None:
        found["versions"] = _json(
            conn.execute(text("SELECT assistent_versions_by_code(:hashes)"), {"hashes": hashes}).scalar()
        )
    return found


def _json(value: Any) -> Any:
    return None if value is None else value if isinstance(value, dict | list) else json.loads(value)


def _by_select(conn: Connection, hashes: list[str]) -> dict[str, Any] | None:
    session = conn.execute(select(t.sessions).where(t.sessions.c.resume_code.in_(hashes))).first()
    if session is None:
        return None
    sid, pid = session.id, session.passport_id

    def rows(table: Any, where: Any) -> list[dict[str, Any]]:
        return [dict(r._mapping) for r in conn.execute(select(table).where(where))]

    passports = rows(t.passports, t.passports.c.id == pid) if pid else []
    return {
        "session": dict(session._mapping),
        "answers": rows(t.answers, t.answers.c.session_id == sid),
        "proposals": rows(t.proposals, t.proposals.c.session_id == sid),
        "passport": passports[0] if passports else None,
        "consents": rows(t.consents, t.consents.c.passport_id == pid) if pid else [],
        "versions": rows(t.passport_versions, t.passport_versions.c.passport_id == pid) if pid else [],
    }
