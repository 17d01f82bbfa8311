"""The embedded SQLite store. Each answer is written in its own transaction the moment it is given.

WAL with `synchronous=FULL` so a committed answer survives a crash or a power cut. Interviews are kept as
sessions (the path walked) with one row per answer and one per proposed skill; finished interviews become
passport drafts, stored as validated JSON with a version number so a later change can detect conflicts.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from uuid import uuid4

from pydantic import BaseModel, Field

from assistant import resume_code
from assistant.dialogue.engine import Answer
from assistant.errors import StorageError
from assistant.passport.consent import Consent
from assistant.passport.model import Passport

SessionStatus = Literal["active", "paused", "finished"]
Verdict = Literal["ja", "beetje", "nee"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    dialogue TEXT NOT NULL,
    dialogue_version INTEGER NOT NULL,
    language TEXT NOT NULL,
    status TEXT NOT NULL,
    history TEXT NOT NULL,
    passport_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    resume_code TEXT
);
CREATE TABLE IF NOT EXISTS answers (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    status TEXT NOT NULL,
    answer_values TEXT NOT NULL,
    text TEXT,
    answered_at TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'nl',
    inferred_from TEXT,
    PRIMARY KEY (session_id, question_id)
);
CREATE TABLE IF NOT EXISTS proposals (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    skill_ref TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data TEXT NOT NULL,
    verdict TEXT,
    decided_at TEXT,
    PRIMARY KEY (session_id, skill_ref)
);
CREATE TABLE IF NOT EXISTS passports (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    nickname TEXT,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS consents (
    id TEXT PRIMARY KEY,
    passport_id TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS access_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    passport_id TEXT,
    detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS coach_users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS coach_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    passport_id TEXT NOT NULL,
    coach TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    at TEXT NOT NULL
);
"""


SESSION_COLUMNS = (
    "id, dialogue, dialogue_version, language, status, history, passport_id, created_at, updated_at"
)


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction on a connection opened with isolation_level=None; SQLite errors (a full disk,
    a read-only folder) become a `StorageError` with a plain message, and nothing is half written."""
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise StorageError("E303", what=str(exc)) from exc
    try:
        yield db
    except BaseException as exc:
        # SQLite has already rolled back by itself after some errors, such as a full disk.
        if db.in_transaction:
            db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise StorageError("E303", what=str(exc)) from exc
        raise
    else:
        try:
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise StorageError("E303", what=str(exc)) from exc


def _now() -> str:
    return datetime.now(UTC).isoformat()


class SessionRecord(BaseModel):
    id: str
    dialogue: str
    dialogue_version: int
    language: str
    status: SessionStatus
    history: list[str]
    passport_id: str | None
    created_at: datetime
    updated_at: datetime


class Proposal(BaseModel):
    """A skill the matcher found in an answer, waiting for (or holding) the person's "Klopt dit?"."""

    skill_ref: str
    label: str
    statement: str
    source: str
    competentnl: list[dict[str, str]] = Field(default_factory=list)
    esco: list[dict[str, str]] = Field(default_factory=list)
    confidence: float
    evidence: str
    question_id: str
    answer_text: str
    verdict: Verdict | None = None
    decided_at: datetime | None = None


class Store:
    """One SQLite file. Safe to open from several processes; each write is one short transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, timeout=10, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            # Deleted rows are overwritten with zeros, so an erased person's words do not linger in free pages.
            self._db.execute("PRAGMA secure_delete=ON")
            self._db.executescript(SCHEMA)
            self._add_missing_columns()
        except (OSError, sqlite3.Error) as exc:
            raise StorageError("E303", what=str(exc)) from exc

    def _add_missing_columns(self) -> None:
        # Files written before answers had a language get the column, with Dutch for what is there.
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(answers)")}
        if "language" not in columns:
            self._db.execute("ALTER TABLE answers ADD COLUMN language TEXT NOT NULL DEFAULT 'nl'")
        if "inferred_from" not in columns:
            self._db.execute("ALTER TABLE answers ADD COLUMN inferred_from TEXT")
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(sessions)")}
        if "resume_code" not in columns:
            self._db.execute("ALTER TABLE sessions ADD COLUMN resume_code TEXT")
        self._db.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS sessions_resume_code ON sessions(resume_code) "
            "WHERE resume_code IS NOT NULL"
        )

    def close(self) -> None:
        self._db.close()

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self._db)

    # Sessions -----------------------------------------------------------------------------------------

    def create_session(self, dialogue: str, version: int, language: str, history: list[str]) -> SessionRecord:
        sid = uuid4().hex
        now = _now()
        with self._tx() as db:
            db.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?, 'active', ?, NULL, ?, ?, NULL)",
                (sid, dialogue, version, language, json.dumps(history), now, now),
            )
        return self.session(sid)

    def session(self, session_id: str) -> SessionRecord:
        row = self._db.execute(
            f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            raise StorageError("E302", id=session_id)
        return _session(row)

    def new_resume_code(self, session_id: str) -> str:
        """Gives the session a fresh resume code (an earlier one stops working) and returns it."""
        for _attempt in range(20):
            code = resume_code.new_code()
            try:
                with self._tx() as db:
                    updated = db.execute(
                        "UPDATE sessions SET resume_code = ? WHERE id = ?",
                        (resume_code.digest(code), session_id),
                    )
                    if updated.rowcount != 1:
                        raise StorageError("E302", id=session_id)
            except StorageError as exc:
                if "UNIQUE" in str(exc.__cause__ or ""):
                    continue  # another session has this code already: draw again
                raise
            return code
        raise StorageError("E303", what="geen vrije code")

    def session_by_code(self, code: str) -> SessionRecord | None:
        row = self._db.execute(
            f"SELECT {SESSION_COLUMNS} FROM sessions WHERE resume_code = ?", (resume_code.digest(code),)
        ).fetchone()
        return None if row is None else _session(row)

    def sessions(self, statuses: tuple[SessionStatus, ...] = ("active",)) -> list[SessionRecord]:
        marks = ",".join("?" * len(statuses))
        rows = self._db.execute(
            f"SELECT {SESSION_COLUMNS} FROM sessions WHERE status IN ({marks}) ORDER BY updated_at DESC",
            statuses,
        ).fetchall()
        return [_session(r) for r in rows]

    def save_step(
        self,
        session_id: str,
        history: list[str],
        answer: Answer | None = None,
        proposals: list[Proposal] = (),  # type: ignore[assignment]
        filled_in: list[Answer] = (),  # type: ignore[assignment]
    ) -> None:
        """Writes an answer (and any answers filled in from it), the new path and any new skill proposals
        in one transaction."""
        with self._tx() as db:
            for given in ([answer] if answer is not None else []) + list(filled_in):
                db.execute(
                    "INSERT OR REPLACE INTO answers (session_id, question_id, status, answer_values, text, "
                    "answered_at, language, inferred_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        session_id,
                        given.question_id,
                        given.status,
                        json.dumps(given.values),
                        given.text,
                        given.answered_at.isoformat(),
                        given.language,
                        given.inferred_from,
                    ),
                )
            seq = db.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM proposals WHERE session_id = ?", (session_id,)
            ).fetchone()[0]
            for offset, proposal in enumerate(proposals, start=1):
                db.execute(
                    "INSERT OR IGNORE INTO proposals VALUES (?, ?, ?, ?, NULL, NULL)",
                    (session_id, proposal.skill_ref, seq + offset, proposal.model_dump_json()),
                )
            updated = db.execute(
                "UPDATE sessions SET history = ?, updated_at = ? WHERE id = ?",
                (json.dumps(history), _now(), session_id),
            )
            if updated.rowcount != 1:
                raise StorageError("E302", id=session_id)

    def answers(self, session_id: str) -> dict[str, Answer]:
        rows = self._db.execute(
            "SELECT question_id, status, answer_values, text, answered_at, language, inferred_from "
            "FROM answers WHERE session_id = ?",
            (session_id,),
        ).fetchall()
        return {
            qid: Answer(
                question_id=qid,
                status=status,
                values=json.loads(values),
                text=text,
                answered_at=datetime.fromisoformat(at),
                language=language,
                inferred_from=inferred_from,
            )
            for qid, status, values, text, at, language, inferred_from in rows
        }

    def proposals(self, session_id: str) -> list[Proposal]:
        rows = self._db.execute(
            "SELECT data, verdict, decided_at FROM proposals WHERE session_id = ? ORDER BY seq", (session_id,)
        ).fetchall()
        out = []
        for data, verdict, decided_at in rows:
            p = Proposal.model_validate_json(data)
            out.append(
                p.model_copy(
                    update={
                        "verdict": verdict,
                        "decided_at": datetime.fromisoformat(decided_at) if decided_at else None,
                    }
                )
            )
        return out

    def decide(self, session_id: str, skill_ref: str, verdict: Verdict) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE proposals SET verdict = ?, decided_at = ? WHERE session_id = ? AND skill_ref = ?",
                (verdict, _now(), session_id, skill_ref),
            )
            db.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", (_now(), session_id))

    def set_session_language(self, session_id: str, language: str) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE sessions SET language = ?, updated_at = ? WHERE id = ?",
                (language, _now(), session_id),
            )

    def set_session_status(self, session_id: str, status: SessionStatus) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE sessions SET status = ?, updated_at = ? WHERE id = ?", (status, _now(), session_id)
            )

    # Passports ----------------------------------------------------------------------------------------

    def finish(self, session_id: str, passport: Passport) -> None:
        """Saves the draft passport and closes the interview, together."""
        with self._tx() as db:
            self._write_passport(db, passport, expected_version=None)
            db.execute(
                "UPDATE sessions SET status = 'finished', passport_id = ?, updated_at = ? WHERE id = ?",
                (passport.id, _now(), session_id),
            )

    def save_passport(self, passport: Passport, expected_version: int | None = None) -> int:
        with self._tx() as db:
            return self._write_passport(db, passport, expected_version)

    def _write_passport(
        self, db: sqlite3.Connection, passport: Passport, expected_version: int | None
    ) -> int:
        row = db.execute("SELECT version FROM passports WHERE id = ?", (passport.id,)).fetchone()
        now = _now()
        data = passport.model_dump_json()
        if row is None:
            db.execute(
                "INSERT INTO passports VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
                (passport.id, passport.session_id, passport.person.nickname, passport.status, data, now, now),
            )
            return 1
        if expected_version is not None and row[0] != expected_version:
            raise StorageError("E307", id=passport.id)
        version = row[0] + 1
        db.execute(
            "UPDATE passports SET nickname = ?, status = ?, version = ?, data = ?, updated_at = ? WHERE id = ?",
            (passport.person.nickname, passport.status, version, data, now, passport.id),
        )
        return version

    def passport(self, passport_id: str) -> Passport:
        row = self._db.execute("SELECT data FROM passports WHERE id = ?", (passport_id,)).fetchone()
        if row is None:
            raise StorageError("E301", id=passport_id)
        return Passport.model_validate_json(row[0])

    def passport_version(self, passport_id: str) -> int:
        row = self._db.execute("SELECT version FROM passports WHERE id = ?", (passport_id,)).fetchone()
        if row is None:
            raise StorageError("E301", id=passport_id)
        return int(row[0])

    def passports(self) -> list[tuple[str, str | None, str, str]]:
        """(id, nickname, status, updated_at) of every passport, newest first."""
        return [
            tuple(r)  # type: ignore[misc]
            for r in self._db.execute(
                "SELECT id, nickname, status, updated_at FROM passports ORDER BY updated_at DESC"
            ).fetchall()
        ]

    def log_coach_event(self, passport_id: str, coach: str, action: str, detail: dict[str, object]) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO coach_events (passport_id, coach, action, detail, at) VALUES (?, ?, ?, ?, ?)",
                (passport_id, coach, action, json.dumps(detail, ensure_ascii=False), _now()),
            )

    def coach_events(self, passport_id: str) -> list[tuple[str, str, dict[str, object], str]]:
        rows = self._db.execute(
            "SELECT coach, action, detail, at FROM coach_events WHERE passport_id = ? ORDER BY id",
            (passport_id,),
        ).fetchall()
        return [(c, a, json.loads(d), at) for c, a, d, at in rows]

    # Consent ------------------------------------------------------------------------------------------

    def add_consent(self, consent: Consent) -> Consent:
        self.passport_version(consent.passport_id)  # raises E301 for an unknown passport
        with self._tx() as db:
            db.execute(
                "INSERT INTO consents VALUES (?, ?, ?)",
                (consent.id, consent.passport_id, consent.model_dump_json()),
            )
        return consent

    def consent(self, consent_id: str) -> Consent:
        row = self._db.execute("SELECT data FROM consents WHERE id = ?", (consent_id,)).fetchone()
        if row is None:
            raise StorageError("E504", id=consent_id)
        return Consent.model_validate_json(row[0])

    def consents(self, passport_id: str) -> list[Consent]:
        rows = self._db.execute("SELECT data FROM consents WHERE passport_id = ?", (passport_id,)).fetchall()
        return sorted((Consent.model_validate_json(r[0]) for r in rows), key=lambda c: c.given_at)

    def withdraw_consent(self, consent_id: str) -> Consent:
        consent = self.consent(consent_id)
        if consent.withdrawn_at is None:
            consent = consent.model_copy(update={"withdrawn_at": datetime.now(UTC)})
            with self._tx() as db:
                db.execute(
                    "UPDATE consents SET data = ? WHERE id = ?", (consent.model_dump_json(), consent_id)
                )
        return consent

    # Access log ---------------------------------------------------------------------------------------

    def log_access(self, actor: str, action: str, passport_id: str | None, detail: dict[str, object]) -> None:
        """Who viewed, changed, exported or deleted what, and when."""
        with self._tx() as db:
            db.execute(
                "INSERT INTO access_log (at, actor, action, passport_id, detail) VALUES (?, ?, ?, ?, ?)",
                (_now(), actor, action, passport_id, json.dumps(detail, ensure_ascii=False)),
            )

    def access_log(self, passport_id: str | None = None) -> list[AccessEntry]:
        sql = "SELECT at, actor, action, passport_id, detail FROM access_log"
        rows = (
            self._db.execute(sql + " WHERE passport_id = ? ORDER BY id", (passport_id,))
            if passport_id
            else self._db.execute(sql + " ORDER BY id")
        ).fetchall()
        return [
            AccessEntry(
                at=datetime.fromisoformat(at),
                actor=actor,
                action=action,
                passport_id=pid,
                detail=json.loads(d),
            )
            for at, actor, action, pid, d in rows
        ]

    # Erasure ------------------------------------------------------------------------------------------

    def delete_passport(self, passport_id: str, actor: str) -> None:
        """Erases the passport, the interview and every answer behind it, its consents and its log lines.
        What remains is one anonymous line in the access log saying that a deletion happened."""
        row = self._db.execute("SELECT session_id FROM passports WHERE id = ?", (passport_id,)).fetchone()
        if row is None:
            raise StorageError("E301", id=passport_id)
        self._erase(session_id=row[0], passport_id=passport_id, actor=actor)

    def delete_session(self, session_id: str, actor: str) -> None:
        """The same for an interview that has no passport yet (stopped halfway)."""
        record = self.session(session_id)
        self._erase(session_id=session_id, passport_id=record.passport_id, actor=actor)

    def _erase(self, session_id: str, passport_id: str | None, actor: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM answers WHERE session_id = ?", (session_id,))
            db.execute("DELETE FROM proposals WHERE session_id = ?", (session_id,))
            db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            if passport_id is not None:
                db.execute("DELETE FROM passports WHERE id = ?", (passport_id,))
                db.execute("DELETE FROM consents WHERE passport_id = ?", (passport_id,))
                db.execute("DELETE FROM coach_events WHERE passport_id = ?", (passport_id,))
                db.execute("DELETE FROM access_log WHERE passport_id = ?", (passport_id,))
            db.execute(
                "INSERT INTO access_log (at, actor, action, passport_id, detail) VALUES (?, ?, 'deleted', NULL, '{}')",
                (_now(), actor),
            )
        try:
            # Old page versions live on in the write-ahead log and in free pages until these run.
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            raise StorageError("E303", what=str(exc)) from exc

    # Coach accounts -----------------------------------------------------------------------------------

    def add_coach_user(self, name: str, password_hash: str, role: str) -> None:
        try:
            with self._tx() as db:
                db.execute("INSERT INTO coach_users VALUES (?, ?, ?, ?)", (name, password_hash, role, _now()))
        except StorageError as exc:
            if "UNIQUE" in str(exc.__cause__ or ""):
                raise StorageError("E308", name=name) from exc
            raise

    def coach_user(self, name: str) -> tuple[str, str] | None:
        """(password hash, role) of a coach account, or None."""
        row = self._db.execute(
            "SELECT password_hash, role FROM coach_users WHERE name = ?", (name,)
        ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def set_coach_password_hash(self, name: str, password_hash: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE coach_users SET password_hash = ? WHERE name = ?", (password_hash, name))

    def coach_users(self) -> list[tuple[str, str]]:
        return [
            (str(n), str(r)) for n, r in self._db.execute("SELECT name, role FROM coach_users ORDER BY name")
        ]


class AccessEntry(BaseModel):
    at: datetime
    actor: str
    action: str
    passport_id: str | None
    detail: dict[str, object]


def _session(row: tuple[object, ...]) -> SessionRecord:
    sid, dialogue, version, language, status, history, passport_id, created, updated = row
    return SessionRecord(
        id=str(sid),
        dialogue=str(dialogue),
        dialogue_version=int(str(version)),
        language=str(language),
        status=status,  # type: ignore[arg-type]
        history=json.loads(str(history)),
        passport_id=passport_id,  # type: ignore[arg-type]
        created_at=datetime.fromisoformat(str(created)),
        updated_at=datetime.fromisoformat(str(updated)),
    )
