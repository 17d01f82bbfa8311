"""The store: one storage layer (SQLAlchemy Core) over the embedded SQLite file or a central PostgreSQL.

The URL chooses: `sqlite:///path` (the default, one file per desk) or `postgresql://…` (the region's central
store that coaches work on). Versioned migrations run on start. Each write is one short transaction; on
SQLite it is WAL with `synchronous=FULL`, so a committed answer survives a crash or a power cut.

Every write is expressed as a list of row operations (`ops`) and applied by one function. A kiosk's store
with an outbox also keeps those ops, in the same transaction, as one outbox event; the sync sends the
events to the central store, which applies them with the same function and records each event id, so an
event that arrives twice changes nothing the second time. A person's own words are sealed
(`field_cipher`) before they reach either database.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

from alembic import command
from alembic.config import Config
from pydantic import BaseModel
from sqlalchemy import Connection, Engine, bindparam, create_engine, event, func, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.pool import StaticPool

from assistant import resume_code
from assistant.dialogue.engine import Answer
from assistant.errors import StorageError
from assistant.interview.records import Proposal, SessionRecord, SessionStatus, Verdict
from assistant.passport.consent import Consent
from assistant.passport.model import Passport
from assistant.storage import schema as t
from assistant.storage.field_cipher import FieldCipher

Op = dict[str, Any]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: The newest migration; the store skips Alembic entirely when the database is already there.
HEAD = "0003"
COACH_SESSION_HOURS = 10
#: Alembic keeps its migration context in module globals: one migration at a time per process.
_MIGRATING = threading.Lock()


def _now() -> str:
    return datetime.now(UTC).isoformat()


def engine_url(url: str | Path) -> str:
    """`sqlite:///…` or `postgresql://…` (psycopg 3); a plain path is a SQLite file. Anything else: E314."""
    text = f"sqlite:///{url}" if isinstance(url, Path) else url
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if text.startswith(("sqlite:///", "postgresql+psycopg://")):
        return text
    raise StorageError("E314", url=text.split("@")[-1])  # never show a password


class AccessEntry(BaseModel):
    at: datetime
    actor: str
    action: str
    passport_id: str | None
    detail: dict[str, object]


class OutboxEvent(BaseModel):
    """One local transaction's row operations, waiting to be sent to the central store."""

    seq: int
    event_id: str
    ops: list[Op]


class Store:
    """One database. Safe to share between threads (one lock) and to open from several processes."""

    def __init__(self, url: str | Path, cipher: FieldCipher, *, outbox: bool = False) -> None:
        self.url = engine_url(url)
        self.cipher = cipher
        self.keeps_outbox = outbox
        self._lock = threading.RLock()
        self._writing = True
        self._compiled: dict[tuple[str, str, tuple[str, ...]], Any] = {}
        self.is_sqlite = self.url.startswith("sqlite")
        self._engine = self._make_engine()
        with self._tx() as conn:
            self._migrate(conn)
            self.origin = self._meta(conn, "origin") or self._set_meta(conn, "origin", uuid4().hex)

    # Connections ---------------------------------------------------------------------------------------

    def _make_engine(self) -> Engine:
        if not self.is_sqlite:
            return create_engine(
                self.url,
                pool_pre_ping=True,  # after a server restart, a dead pooled connection is replaced, not used
                pool_size=4,
                connect_args={"connect_timeout": 3},
            )
        path = Path(self.url.removeprefix("sqlite:///"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError("E303", what=exc.strerror or str(exc)) from exc
        # One connection, guarded by the store's lock: the same as one sqlite3 connection shared by threads.
        engine = create_engine(
            self.url, poolclass=StaticPool, connect_args={"check_same_thread": False, "timeout": 10}
        )

        @event.listens_for(engine, "connect")
        def _configure(dbapi_connection: Any, _record: object) -> None:
            dbapi_connection.isolation_level = None  # we say BEGIN ourselves (below)
            for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "secure_delete=ON"):
                # secure_delete: deleted rows are overwritten with zeros, so erased words do not linger.
                dbapi_connection.execute(f"PRAGMA {pragma}")

        @event.listens_for(engine, "begin")
        def _begin(connection: Connection) -> None:
            # A write takes the lock at the start (IMMEDIATE), so two processes never deadlock half-way;
            # a read does not, so a sender reading the outbox never makes an answer wait.
            connection.exec_driver_sql("BEGIN IMMEDIATE" if self._writing else "BEGIN")

        return engine

    def _read(self) -> AbstractContextManager[Connection]:
        return self._tx(write=False)

    @contextmanager
    def _tx(self, write: bool = True) -> Iterator[Connection]:
        """One transaction; database errors (a full disk, a read-only folder, an unreachable server) become
        a `StorageError` with a plain message, and nothing is half written."""
        with self._lock:
            self._writing = write
            try:
                with self._engine.connect() as conn, conn.begin():
                    yield conn
            except (OperationalError, InterfaceError) as exc:
                raise self._unavailable(exc) from exc
            except DBAPIError as exc:
                raise StorageError("E303", what=str(exc.orig)) from exc

    def _unavailable(self, exc: DBAPIError) -> StorageError:
        if self.is_sqlite:
            return StorageError("E303", what=str(exc.orig))
        return StorageError("E312")

    def close(self) -> None:
        self._engine.dispose()

    def sqlite_connection(self) -> Any:
        """The raw sqlite3 connection (tests use it to make the file unable to grow, as a full disk)."""
        with self._engine.connect() as conn:
            return conn.connection.driver_connection

    def _migrate(self, conn: Connection) -> None:
        if "alembic_version" in _tables(conn):
            current = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            if current == HEAD:
                return
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        config.attributes["cipher"] = self.cipher
        with _MIGRATING:
            command.upgrade(config, "head")

    def _meta(self, conn: Connection, key: str) -> str | None:
        return conn.execute(select(t.store_meta.c.value).where(t.store_meta.c.key == key)).scalar()

    def _set_meta(self, conn: Connection, key: str, value: str) -> str:
        conn.execute(self._insert(t.store_meta).values(key=key, value=value).on_conflict_do_nothing())
        return str(self._meta(conn, key))

    def _insert(self, table: Any) -> Any:
        return (sqlite.insert if self.is_sqlite else postgresql.insert)(table)

    # Row operations: the one way anything is written -------------------------------------------------

    def _write(self, conn: Connection, ops: Sequence[Op]) -> list[int]:
        """Applies the ops and, for a kiosk, keeps them in the outbox in the same transaction."""
        counts = [self._apply_op(conn, op) for op in ops]
        if self.keeps_outbox and ops:
            self._keep_in_outbox(conn, ops)
        return counts

    def _keep_in_outbox(self, conn: Connection, ops: Sequence[Op]) -> None:
        payload = json.dumps(list(ops), ensure_ascii=False)
        conn.execute(t.outbox.insert().values(event_id=uuid4().hex, created_at=_now(), payload=payload))

    def _apply_op(self, conn: Connection, op: Op) -> int:
        kind = op["op"]
        if kind == "erase":
            self._erase_rows(conn, op["session_id"], op["passport_id"], op["actor"], op["at"])
            return 1
        table = t.TABLES[op["table"]]
        keys = t.KEYS[op["table"]]
        if kind == "append":
            return conn.execute(table.insert().values(op["row"])).rowcount
        if kind == "update":
            where = [table.c[k] == op["key"][k] for k in keys]
            return conn.execute(table.update().where(*where).values(op["values"])).rowcount
        row = op["row"]
        return self._exec_compiled(conn, (kind, table.name, tuple(row)), row)

    def _exec_compiled(self, conn: Connection, key: tuple[str, str, tuple[str, ...]], row: Op) -> int:
        # SQLAlchemy does not cache ON CONFLICT statements; compiling one costs more than the write
        # itself, so each shape is compiled once per store (an answer's local save stays well under 5 ms).
        compiled = self._compiled.get(key)
        if compiled is None:
            kind, name, columns = key
            table, keys = t.TABLES[name], t.KEYS[name]
            statement = self._insert(table).values({c: bindparam(c) for c in columns})
            if kind == "insert":
                statement = statement.on_conflict_do_nothing()
            else:
                changes = {c: statement.excluded[c] for c in columns if c not in keys}
                # A passport sent again by a desk never replaces a newer version a coach made.
                guard = table.c.version < statement.excluded.version if table is t.passports else None
                statement = statement.on_conflict_do_update(
                    index_elements=list(keys), set_=changes, where=guard
                )
            compiled = self._compiled[key] = statement.compile(dialect=self._engine.dialect)
        params = compiled.construct_params(row)
        if compiled.positional:
            return conn.exec_driver_sql(
                compiled.string, tuple(params[n] for n in compiled.positiontup or ())
            ).rowcount
        return conn.exec_driver_sql(compiled.string, params).rowcount

    # Sync: the outbox (kiosk side) and applying events (central side) --------------------------------

    def outbox_batch(self, limit: int = 200) -> list[OutboxEvent]:
        with self._read() as conn:
            rows = conn.execute(select(t.outbox).order_by(t.outbox.c.seq).limit(limit)).all()
        return [OutboxEvent(seq=r.seq, event_id=r.event_id, ops=json.loads(r.payload)) for r in rows]

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
        with self._tx() as conn:
            for item in events:
                # RETURNING, not rowcount: psycopg counts a skipped ON CONFLICT row as written.
                recorded = conn.execute(
                    self._insert(t.applied_events)
                    .values(event_id=item.event_id, origin=origin, seq=item.seq, applied_at=_now())
                    .on_conflict_do_nothing()
                    .returning(t.applied_events.c.event_id)
                ).first()
                if recorded is not None:
                    for op in item.ops:
                        self._apply_op(conn, op)
                    new += 1
        return new

    def applied_events(self, origin: str | None = None) -> list[tuple[str, str, int]]:
        """(event id, origin, seq) of every applied event, in the order they were applied."""
        query = select(t.applied_events.c.event_id, t.applied_events.c.origin, t.applied_events.c.seq)
        if origin is not None:
            query = query.where(t.applied_events.c.origin == origin)
        with self._read() as conn:
            return [tuple(r) for r in conn.execute(query.order_by(t.applied_events.c.id))]  # type: ignore[misc]

    # Sessions -----------------------------------------------------------------------------------------

    def create_session(self, dialogue: str, version: int, language: str, history: list[str]) -> SessionRecord:
        now = _now()
        row = {
            "id": uuid4().hex,
            "dialogue": dialogue,
            "dialogue_version": version,
            "language": language,
            "status": "active",
            "history": json.dumps(history),
            "passport_id": None,
            "created_at": now,
            "updated_at": now,
            "resume_code": None,
        }
        with self._tx() as conn:
            self._write(conn, [{"op": "insert", "table": "sessions", "row": row}])
        return self.session(row["id"])

    def session(self, session_id: str) -> SessionRecord:
        with self._read() as conn:
            row = conn.execute(select(t.sessions).where(t.sessions.c.id == session_id)).first()
        if row is None:
            raise StorageError("E302", id=session_id)
        return _session(row._mapping)

    def new_resume_code(self, session_id: str) -> str:
        """Gives the session a fresh resume code (an earlier one stops working) and returns it."""
        for _attempt in range(20):
            code = resume_code.new_code()
            try:
                self._update_session(session_id, {"resume_code": resume_code.digest(code)}, touch=False)
            except StorageError as exc:
                if isinstance(exc.__cause__, IntegrityError):
                    continue  # another session has this code already: draw again
                raise
            return code
        raise StorageError("E303", what="geen vrije code")

    def session_by_code(self, code: str) -> SessionRecord | None:
        with self._read() as conn:
            row = conn.execute(
                select(t.sessions).where(t.sessions.c.resume_code == resume_code.digest(code))
            ).first()
        return None if row is None else _session(row._mapping)

    def sessions(self, statuses: tuple[SessionStatus, ...] = ("active",)) -> list[SessionRecord]:
        with self._read() as conn:
            rows = conn.execute(
                select(t.sessions)
                .where(t.sessions.c.status.in_(statuses))
                .order_by(t.sessions.c.updated_at.desc())
            ).all()
        return [_session(r._mapping) for r in rows]

    def _update_session(self, session_id: str, values: dict[str, object], touch: bool = True) -> None:
        if touch:
            values = {**values, "updated_at": _now()}
        op = {"op": "update", "table": "sessions", "key": {"id": session_id}, "values": values}
        with self._tx() as conn:
            if self._write(conn, [op]) != [1]:
                raise StorageError("E302", id=session_id)

    def save_step(
        self,
        session_id: str,
        history: list[str],
        answer: Answer | None = None,
        proposals: Sequence[Proposal] = (),
        filled_in: Sequence[Answer] = (),
    ) -> None:
        """Writes an answer (and any answers filled in from it), the new path and any new skill proposals
        in one transaction."""
        ops: list[Op] = [
            {"op": "upsert", "table": "answers", "row": self._answer_row(session_id, given)}
            for given in ([answer] if answer is not None else []) + list(filled_in)
        ]
        with self._tx() as conn:
            present = {
                r.skill_ref: r
                for r in conn.execute(
                    select(
                        t.proposals.c.skill_ref,
                        t.proposals.c.seq,
                        t.proposals.c.data,
                        t.proposals.c.verdict,
                        t.proposals.c.decided_at,
                    ).where(t.proposals.c.session_id == session_id)
                ).all()
            }
            seq = max((r.seq for r in present.values()), default=0)
            for proposal in proposals:
                old = present.get(proposal.skill_ref)
                if old is None:
                    seq += 1
                    row = {
                        "session_id": session_id,
                        "skill_ref": proposal.skill_ref,
                        "seq": seq,
                        "data": self.cipher.seal(proposal.model_dump_json()),
                        "verdict": None,
                        "decided_at": None,
                    }
                    ops.append({"op": "insert", "table": "proposals", "row": row})
                elif old.verdict == "nee":
                    # Asked again for another answer: the earlier "Nee" is kept with the proposal.
                    before = Proposal.model_validate_json(self.cipher.open(old.data) or "")
                    before = before.model_copy(update={"verdict": old.verdict})
                    if not before.may_ask_again(proposal.question_id):
                        continue
                    earlier = [
                        *before.earlier,
                        {
                            "question_id": before.question_id,
                            "verdict": "nee",
                            "decided_at": old.decided_at or "",
                        },
                    ]
                    again = proposal.model_copy(update={"earlier": earlier})
                    seq += 1
                    values = {
                        "seq": seq,
                        "data": self.cipher.seal(again.model_dump_json()),
                        "verdict": None,
                        "decided_at": None,
                    }
                    key = {"session_id": session_id, "skill_ref": proposal.skill_ref}
                    ops.append({"op": "update", "table": "proposals", "key": key, "values": values})
            values = {"history": json.dumps(history), "updated_at": _now()}
            ops.append({"op": "update", "table": "sessions", "key": {"id": session_id}, "values": values})
            if self._write(conn, ops)[-1] != 1:
                raise StorageError("E302", id=session_id)

    def _answer_row(self, session_id: str, given: Answer) -> dict[str, object]:
        return {
            "session_id": session_id,
            "question_id": given.question_id,
            "status": given.status,
            "answer_values": self.cipher.seal(json.dumps(given.values, ensure_ascii=False)),
            "text": self.cipher.seal(given.text),
            "answered_at": given.answered_at.isoformat(),
            "language": given.language,
            "inferred_from": given.inferred_from,
        }

    def answers(self, session_id: str) -> dict[str, Answer]:
        with self._read() as conn:
            rows = conn.execute(select(t.answers).where(t.answers.c.session_id == session_id)).all()
        return {
            r.question_id: Answer(
                question_id=r.question_id,
                status=r.status,
                values=json.loads(self.cipher.open(r.answer_values) or "[]"),
                text=self.cipher.open(r.text),
                answered_at=datetime.fromisoformat(r.answered_at),
                language=r.language,
                inferred_from=r.inferred_from,
            )
            for r in rows
        }

    def proposals(self, session_id: str) -> list[Proposal]:
        with self._read() as conn:
            rows = conn.execute(
                select(t.proposals).where(t.proposals.c.session_id == session_id).order_by(t.proposals.c.seq)
            ).all()
        return [
            Proposal.model_validate_json(self.cipher.open(r.data) or "").model_copy(
                update={
                    "verdict": r.verdict,
                    "decided_at": datetime.fromisoformat(r.decided_at) if r.decided_at else None,
                }
            )
            for r in rows
        ]

    def decide(self, session_id: str, skill_ref: str, verdict: Verdict) -> None:
        now = _now()
        with self._tx() as conn:
            self._write(
                conn,
                [
                    {
                        "op": "update",
                        "table": "proposals",
                        "key": {"session_id": session_id, "skill_ref": skill_ref},
                        "values": {"verdict": verdict, "decided_at": now},
                    },
                    {
                        "op": "update",
                        "table": "sessions",
                        "key": {"id": session_id},
                        "values": {"updated_at": now},
                    },
                ],
            )

    def set_session_language(self, session_id: str, language: str) -> None:
        self._update_session(session_id, {"language": language})

    def set_session_status(self, session_id: str, status: SessionStatus) -> None:
        self._update_session(session_id, {"status": status})

    # Passports ----------------------------------------------------------------------------------------

    def _passport_row(self, passport: Passport, version: int, created_at: str) -> dict[str, object]:
        return {
            "id": passport.id,
            "session_id": passport.session_id,
            "nickname": self.cipher.seal(passport.person.nickname),
            "status": passport.status,
            "version": version,
            "data": self.cipher.seal(passport.model_dump_json()),
            "created_at": created_at,
            "updated_at": _now(),
        }

    def finish(self, session_id: str, passport: Passport) -> None:
        """Saves the draft passport and closes the interview, together."""
        now = _now()
        with self._tx() as conn:
            if self._version(conn, passport.id) is not None:
                raise StorageError("E306")
            self._write(
                conn,
                [
                    {"op": "insert", "table": "passports", "row": self._passport_row(passport, 1, now)},
                    {
                        "op": "update",
                        "table": "sessions",
                        "key": {"id": session_id},
                        "values": {"status": "finished", "passport_id": passport.id, "updated_at": now},
                    },
                ],
            )

    def save_passport(self, passport: Passport, expected_version: int | None = None) -> int:
        """Saves a changed passport; with `expected_version`, a change by someone else since is E307."""
        with self._tx() as conn:
            return self._save_passport(conn, passport, expected_version)

    def _save_passport(self, conn: Connection, passport: Passport, expected_version: int | None) -> int:
        stored = conn.execute(
            select(t.passports.c.version, t.passports.c.created_at).where(t.passports.c.id == passport.id)
        ).first()
        if stored is None:
            self._write(
                conn, [{"op": "insert", "table": "passports", "row": self._passport_row(passport, 1, _now())}]
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
            coach, _role = self._check_coach(conn, coach_token)
            version = self._save_passport(conn, passport, expected_version)
            self._write(
                conn,
                [
                    _append_coach_event(self.cipher, passport.id, coach, action, detail),
                    _append_access(self.cipher, coach, "changed", passport.id, {"action": action, **detail}),
                ],
            )
        return version

    def _version(self, conn: Connection, passport_id: str) -> int | None:
        return conn.execute(select(t.passports.c.version).where(t.passports.c.id == passport_id)).scalar()

    def passport(self, passport_id: str, *, coach_token: str | None = None) -> Passport:
        with self._read() as conn:
            if coach_token is not None:
                self._check_coach(conn, coach_token)
            data = conn.execute(select(t.passports.c.data).where(t.passports.c.id == passport_id)).scalar()
        if data is None:
            raise StorageError("E301", id=passport_id)
        return Passport.model_validate_json(self.cipher.open(data) or "")

    def passport_version(self, passport_id: str) -> int:
        with self._read() as conn:
            version = self._version(conn, passport_id)
        if version is None:
            raise StorageError("E301", id=passport_id)
        return version

    def passports(self, *, coach_token: str | None = None) -> list[tuple[str, str | None, str, str]]:
        """(id, nickname, status, updated_at) of every passport, newest first."""
        query = select(
            t.passports.c.id, t.passports.c.nickname, t.passports.c.status, t.passports.c.updated_at
        )
        with self._read() as conn:
            if coach_token is not None:
                self._check_coach(conn, coach_token)
            rows = conn.execute(query.order_by(t.passports.c.updated_at.desc())).all()
        return [(r.id, self.cipher.open(r.nickname), r.status, r.updated_at) for r in rows]

    def coach_events(
        self, passport_id: str, *, coach_token: str | None = None
    ) -> list[tuple[str, str, dict[str, object], str]]:
        with self._read() as conn:
            if coach_token is not None:
                self._check_coach(conn, coach_token)
            rows = conn.execute(
                select(t.coach_events)
                .where(t.coach_events.c.passport_id == passport_id)
                .order_by(t.coach_events.c.id)
            ).all()
        return [(r.coach, r.action, json.loads(self.cipher.open(r.detail) or "{}"), r.at) for r in rows]

    # Consent ------------------------------------------------------------------------------------------

    def add_consent(self, consent: Consent) -> Consent:
        self.passport_version(consent.passport_id)  # raises E301 for an unknown passport
        row = {"id": consent.id, "passport_id": consent.passport_id, "data": self._seal_model(consent)}
        with self._tx() as conn:
            self._write(conn, [{"op": "insert", "table": "consents", "row": row}])
        return consent

    def _seal_model(self, model: BaseModel) -> str:
        return str(self.cipher.seal(model.model_dump_json()))

    def consent(self, consent_id: str) -> Consent:
        with self._read() as conn:
            data = conn.execute(select(t.consents.c.data).where(t.consents.c.id == consent_id)).scalar()
        if data is None:
            raise StorageError("E504", id=consent_id)
        return Consent.model_validate_json(self.cipher.open(data) or "")

    def consents(self, passport_id: str) -> list[Consent]:
        with self._read() as conn:
            rows = conn.execute(
                select(t.consents.c.data).where(t.consents.c.passport_id == passport_id)
            ).all()
        found = (Consent.model_validate_json(self.cipher.open(r.data) or "") for r in rows)
        return sorted(found, key=lambda c: c.given_at)

    def withdraw_consent(self, consent_id: str) -> Consent:
        consent = self.consent(consent_id)
        if consent.withdrawn_at is None:
            consent = consent.model_copy(update={"withdrawn_at": datetime.now(UTC)})
            op = {
                "op": "update",
                "table": "consents",
                "key": {"id": consent_id},
                "values": {"data": self._seal_model(consent)},
            }
            with self._tx() as conn:
                self._write(conn, [op])
        return consent

    # Access log ---------------------------------------------------------------------------------------

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
                self._check_coach(conn, coach_token)
            self._write(conn, [_append_access(self.cipher, actor, action, passport_id, detail)])

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
                detail=json.loads(self.cipher.open(r.detail) or "{}"),
            )
            for r in rows
        ]

    # Erasure ------------------------------------------------------------------------------------------

    def delete_passport(self, passport_id: str, actor: str) -> None:
        """Erases the passport, the interview and every answer behind it, its consents and its log lines.
        What remains is one anonymous line in the access log saying that a deletion happened."""
        with self._tx() as conn:
            session_id = conn.execute(
                select(t.passports.c.session_id).where(t.passports.c.id == passport_id)
            ).scalar()
        if session_id is None:
            raise StorageError("E301", id=passport_id)
        self._erase(session_id=session_id, passport_id=passport_id, actor=actor)

    def delete_session(self, session_id: str, actor: str) -> None:
        """The same for an interview that has no passport yet (stopped halfway)."""
        record = self.session(session_id)
        self._erase(session_id=session_id, passport_id=record.passport_id, actor=actor)

    def _erase(self, session_id: str, passport_id: str | None, actor: str) -> None:
        op = {
            "op": "erase",
            "session_id": session_id,
            "passport_id": passport_id,
            "actor": actor,
            "at": _now(),
        }
        with self._tx() as conn:
            if self.keeps_outbox:
                # Events not yet sent would carry the erased words to the central store: they go too.
                for needle in filter(None, (session_id, passport_id)):
                    conn.execute(t.outbox.delete().where(t.outbox.c.payload.contains(needle)))
            self._write(conn, [op])
        if self.is_sqlite:
            self._vacuum()

    def _erase_rows(
        self, conn: Connection, session_id: str, passport_id: str | None, actor: str, at: str
    ) -> None:
        conn.execute(t.answers.delete().where(t.answers.c.session_id == session_id))
        conn.execute(t.proposals.delete().where(t.proposals.c.session_id == session_id))
        conn.execute(t.sessions.delete().where(t.sessions.c.id == session_id))
        if passport_id is not None:
            conn.execute(t.passports.delete().where(t.passports.c.id == passport_id))
            conn.execute(t.consents.delete().where(t.consents.c.passport_id == passport_id))
            conn.execute(t.coach_events.delete().where(t.coach_events.c.passport_id == passport_id))
            conn.execute(t.access_log.delete().where(t.access_log.c.passport_id == passport_id))
        conn.execute(
            t.access_log.insert().values(
                at=at, actor=actor, action="deleted", passport_id=None, detail=self.cipher.seal("{}")
            )
        )

    def _vacuum(self) -> None:
        # Old page versions live on in the write-ahead log and in free pages until these run; VACUUM cannot
        # run inside a transaction, so it goes straight to the driver.
        with self._lock:
            raw = self.sqlite_connection()
            try:
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                raw.execute("VACUUM")
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except Exception as exc:  # sqlite3.Error: kept generic so this module needs no sqlite3 import
                raise StorageError("E303", what=str(exc)) from exc

    # Coach accounts and sessions ----------------------------------------------------------------------

    def add_coach_user(self, name: str, password_hash: str, role: str) -> None:
        try:
            with self._tx() as conn:
                conn.execute(
                    t.coach_users.insert().values(
                        name=name, password_hash=password_hash, role=role, created_at=_now()
                    )
                )
        except StorageError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                raise StorageError("E308", name=name) from exc
            raise

    def coach_user(self, name: str) -> tuple[str, str] | None:
        """(password hash, role) of a coach account, or None."""
        with self._read() as conn:
            row = conn.execute(
                select(t.coach_users.c.password_hash, t.coach_users.c.role).where(
                    t.coach_users.c.name == name
                )
            ).first()
        return None if row is None else (str(row[0]), str(row[1]))

    def set_coach_password_hash(self, name: str, password_hash: str) -> None:
        with self._tx() as conn:
            conn.execute(
                t.coach_users.update().where(t.coach_users.c.name == name).values(password_hash=password_hash)
            )

    def coach_users(self) -> list[tuple[str, str]]:
        with self._read() as conn:
            rows = conn.execute(
                select(t.coach_users.c.name, t.coach_users.c.role).order_by(t.coach_users.c.name)
            )
            return [(str(n), str(r)) for n, r in rows]

    def open_coach_session(self, name: str, hours: float = COACH_SESSION_HOURS) -> str:
        """After a good login: a fresh session token. Only its hash is kept; it ends after `hours`."""
        token = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        with self._tx() as conn:
            role = conn.execute(select(t.coach_users.c.role).where(t.coach_users.c.name == name)).scalar()
            if role is None:
                raise StorageError("E309")
            conn.execute(
                t.coach_sessions.insert().values(
                    token_hash=_token_hash(token),
                    name=name,
                    role=role,
                    created_at=now.isoformat(),
                    expires_at=(now + timedelta(hours=hours)).isoformat(),
                )
            )
        return token

    def close_coach_session(self, token: str) -> None:
        with self._tx() as conn:
            conn.execute(t.coach_sessions.delete().where(t.coach_sessions.c.token_hash == _token_hash(token)))

    def remove_coach_user(self, name: str) -> None:
        """Removes the account; its open sessions stop working at once."""
        with self._tx() as conn:
            conn.execute(t.coach_sessions.delete().where(t.coach_sessions.c.name == name))
            conn.execute(t.coach_users.delete().where(t.coach_users.c.name == name))

    def check_coach(self, token: str) -> tuple[str, str]:
        with self._read() as conn:
            return self._check_coach(conn, token)

    def _check_coach(self, conn: Connection, token: str) -> tuple[str, str]:
        """(name, role) behind a live coach session whose account still exists; E310 otherwise. Runs
        inside the transaction of the coach operation it guards."""
        row = conn.execute(
            select(t.coach_sessions.c.name, t.coach_sessions.c.role, t.coach_sessions.c.expires_at)
            .join(t.coach_users, t.coach_users.c.name == t.coach_sessions.c.name)
            .where(t.coach_sessions.c.token_hash == _token_hash(token))
        ).first()
        if row is None or datetime.fromisoformat(row.expires_at) <= datetime.now(UTC):
            raise StorageError("E310")
        return str(row.name), str(row.role)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _append_coach_event(
    cipher: FieldCipher, passport_id: str, coach: str, action: str, detail: dict[str, object]
) -> Op:
    row = {
        "passport_id": passport_id,
        "coach": coach,
        "action": action,
        "detail": cipher.seal(json.dumps(detail, ensure_ascii=False)),
        "at": _now(),
    }
    return {"op": "append", "table": "coach_events", "row": row}


def _append_access(
    cipher: FieldCipher, actor: str, action: str, passport_id: str | None, detail: dict[str, object]
) -> Op:
    row = {
        "at": _now(),
        "actor": actor,
        "action": action,
        "passport_id": passport_id,
        "detail": cipher.seal(json.dumps(detail, ensure_ascii=False)),
    }
    return {"op": "append", "table": "access_log", "row": row}


def _tables(conn: Connection) -> set[str]:
    return set(inspect(conn).get_table_names())


def _session(row: Mapping[str, Any]) -> SessionRecord:
    return SessionRecord(
        id=row["id"],
        dialogue=row["dialogue"],
        dialogue_version=int(row["dialogue_version"]),
        language=row["language"],
        status=row["status"],
        history=json.loads(row["history"]),
        passport_id=row["passport_id"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )
