"""The database under the store: the engine (the embedded SQLite file or a central PostgreSQL), its
migrations, its transactions and lock, and the one function every write goes through.

The URL chooses: `sqlite:///path` (the default, one file per desk) or `postgresql://…` (the region's central
store that coaches work on). Versioned migrations run on start. Each write is one short transaction; on
SQLite it is WAL with `synchronous=FULL`, so a committed answer survives a crash or a power cut.

Every write is expressed as a list of row operations (`ops`) and applied by one function. A kiosk's store
with an outbox also keeps those ops, in the same transaction, as one outbox event; the central store
applies received events with the same function. `Database` is the base every part of the `Store` builds on.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast
from uuid import uuid4

from sqlalchemy import Connection, Engine, Table, bindparam, create_engine, event, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.compiler import SQLCompiler

from assistant.errors import StorageError
from assistant.storage import schema as t
from assistant.storage.field_cipher import FieldCipher
from assistant.storage.key_check import check_key
from assistant.storage.person_keys import NOBODY, PersonKeys, default_keys_url, private_sqlite_file
from assistant.storage.roles import carry_coach_session

#: One row operation: {"op": "insert" | "upsert" | "append" | "update" | "erase", "table": …, …}.
Op = dict[str, Any]
#: (operation, table name, columns): the shape of an insert or upsert, compiled once per store.
_Shape = tuple[str, str, tuple[str, ...]]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: The newest migration; the store skips Alembic entirely when the database is already there.
HEAD = "0010"
#: PostgreSQL's "insufficient privilege": the login role of this machine may not do this.
_NOT_ALLOWED = "42501"
#: Alembic keeps its migration context in module globals: one migration at a time per process.
_MIGRATING = threading.Lock()


def utc_now() -> str:
    return datetime.now(UTC).isoformat()


def engine_url(url: str | Path) -> str:
    """`sqlite:///…` or `postgresql://…` (psycopg 3); a plain path is a SQLite file. Anything else: E314."""
    text = f"sqlite:///{url}" if isinstance(url, Path) else url
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if text.startswith(("sqlite:///", "postgresql+psycopg://")):
        return text
    raise StorageError("E314", url=text.split("@")[-1])  # never show a password


class Database:
    """One database. Safe to share between threads (one lock) and to open from several processes."""

    def __init__(
        self, url: str | Path, cipher: FieldCipher, *, outbox: bool = False, keys_url: str | None = None
    ) -> None:
        self.url = engine_url(url)
        self.cipher = cipher
        self.keeps_outbox = outbox
        self._lock = threading.RLock()
        self._writing = True
        self._compiled: dict[_Shape, SQLCompiler] = {}
        #: The coach session this store works under after a login; every transaction carries it to the
        #: server's row-level security (`roles`). None for a kiosk, the sender and the owner.
        self.coach_token: str | None = None
        self.is_sqlite = self.url.startswith("sqlite")
        self._engine = self._make_engine()
        try:
            self._open(cipher, keys_url)
        except BaseException:
            self._engine.dispose()  # a store that could not open keeps no connection behind
            raise

    def _open(self, cipher: FieldCipher, keys_url: str | None) -> None:
        with self._read() as conn:
            tables = set(inspect(conn).get_table_names())
            # Before anything is written (a migration seals text): a store is only ever sealed with one ring.
            check_key(conn, tables, cipher)
            keys_id = self._meta(conn, "keys_id") if "store_meta" in tables else None
        #: The persons' data keys, kept out of this database (see `person_keys` for why).
        where = engine_url(keys_url) if keys_url else default_keys_url(self.url)
        self.keys = PersonKeys(where, cipher, must_exist=keys_id is not None)
        if keys_id is not None and keys_id != self.keys.store_id:
            self.keys.close()  # another store's keys (or a new, empty one): it would open nothing of this one
            raise StorageError("E319", where=where.split("@")[-1], what="ze horen bij een andere opslag")
        try:
            with self._tx() as conn:
                self._migrate(conn, tables)
                self.origin = self._meta(conn, "origin") or self._set_meta(conn, "origin", uuid4().hex)
                # Written only when missing: a connection whose role may not write store_meta still opens.
                for name, value in (("key_id", cipher.key_id), ("keys_id", self.keys.store_id)):
                    if self._meta(conn, name) is None:
                        self._set_meta(conn, name, value)
            self.keys.grant_roles()
        except BaseException:
            self.keys.close()
            raise

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
            private_sqlite_file(path)  # 0600 from the start; SQLite gives its -wal and -shm the same mode
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
                    if self.coach_token is not None:
                        carry_coach_session(conn, self.coach_token)
                    yield conn
            except (OperationalError, InterfaceError) as exc:
                raise self._unavailable(exc) from exc
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) == _NOT_ALLOWED:
                    # The server's roles (migration 0005) refuse this machine's login role.
                    raise StorageError("E321") from exc
                raise StorageError("E303", what=str(exc.orig)) from exc

    def _unavailable(self, exc: DBAPIError) -> StorageError:
        if self.is_sqlite:
            return StorageError("E303", what=str(exc.orig))
        return StorageError("E312")

    def close(self) -> None:
        self._engine.dispose()
        self.keys.close()

    def sqlite_connection(self) -> Any:
        """The raw sqlite3 connection (tests use it to make the file unable to grow, as a full disk)."""
        with self._engine.connect() as conn:
            return conn.connection.driver_connection

    def _migrate(self, conn: Connection, tables: set[str]) -> None:
        if "alembic_version" in tables:
            current = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            if current == HEAD:
                return
        # Alembic takes about 0.1 s to import; a store already at HEAD (every start but the first) skips it.
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        config.attributes["cipher"] = self.cipher
        config.attributes["keys"] = self.keys
        with _MIGRATING:
            command.upgrade(config, "head")

    def record_key_id(self, ring: FieldCipher) -> None:
        """After a rotation: the store now expects the ring's current key (see `key_check`)."""
        self.cipher = ring
        with self._tx() as conn:
            conn.execute(
                t.store_meta.update().where(t.store_meta.c.key == "key_id").values(value=ring.key_id)
            )

    def _meta(self, conn: Connection, key: str) -> str | None:
        return conn.execute(select(t.store_meta.c.value).where(t.store_meta.c.key == key)).scalar()

    def _set_meta(self, conn: Connection, key: str, value: str) -> str:
        conn.execute(self._insert(t.store_meta).values(key=key, value=value).on_conflict_do_nothing())
        return str(self._meta(conn, key))

    def _insert(self, table: Table) -> sqlite.Insert | postgresql.Insert:
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
        conn.execute(t.outbox.insert().values(event_id=uuid4().hex, created_at=utc_now(), payload=payload))

    def _apply_op(self, conn: Connection, op: Op, received: bool = False) -> int:
        """Applies one row operation. `received`: it comes from a desk's outbox (`apply_events`); then a
        change older than what the store has is skipped (see `_stale_guard`)."""
        kind = op["op"]
        if kind == "erase":
            self._erase_rows(conn, op["session_id"], op["passport_id"], op["actor"], op["at"])
            return 1
        table = t.TABLES[op["table"]]
        keys = t.KEYS[op["table"]]
        if kind == "append":
            # inline(): no RETURNING of the new id, which a coach login without a session may not read.
            return conn.execute(table.insert().values(op["row"]).inline()).rowcount
        if kind == "update":
            where = [table.c[k] == op["key"][k] for k in keys]
            if received:
                where += _stale_guard(table, op["values"])
            return conn.execute(table.update().where(*where).values(op["values"])).rowcount
        row = op["row"]
        if kind == "upsert" and received and _stale_guard(table, row):
            # An answer sent late by a desk that was offline must not replace a newer one given since at
            # another desk: update only when not older; insert only when there is none.
            where = [table.c[k] == row[k] for k in keys] + _stale_guard(table, row)
            changes = {c: v for c, v in row.items() if c not in keys}
            if conn.execute(table.update().where(*where).values(changes)).rowcount:
                return 1
            return self._exec_compiled(conn, ("insert", table.name, tuple(row)), row)
        if kind == "upsert" and not self.is_sqlite:
            return self._upsert_without_reading(conn, table, keys, row)
        return self._exec_compiled(conn, (kind, table.name, tuple(row)), row)

    def _upsert_without_reading(self, conn: Connection, table: Table, keys: Sequence[str], row: Op) -> int:
        """An upsert on PostgreSQL as an UPDATE, then an INSERT when there was nothing to update. ON CONFLICT
        DO UPDATE would need the right to read every column it sets (`excluded.*`), and the desk's sync
        sender (role `assistent_kiosk`, migration 0005) may read no one's words. One desk's events reach
        the store one at a time, in order, so no other writer races this for the same row."""
        where = [table.c[k] == row[k] for k in keys]
        if table is t.passports:
            where.append(table.c.version < row["version"])  # never replace a newer version a coach made
        changes = {c: v for c, v in row.items() if c not in keys}
        updated = conn.execute(table.update().where(*where).values(changes)).rowcount
        if updated:
            return int(updated)
        return self._exec_compiled(conn, ("insert", table.name, tuple(row)), row)

    def _exec_compiled(self, conn: Connection, key: _Shape, row: Op) -> int:
        # SQLAlchemy does not cache ON CONFLICT statements; compiling one costs more than the write
        # itself, so each shape is compiled once per store (an answer's local save stays well under 5 ms).
        compiled = self._compiled.get(key)
        if compiled is None:
            kind, name, columns = key
            table, keys = t.TABLES[name], t.KEYS[name]
            insert = self._insert(table).values({c: bindparam(c) for c in columns})
            if kind == "insert":
                statement = insert.on_conflict_do_nothing()
            else:
                changes = {c: insert.excluded[c] for c in columns if c not in keys}
                # A passport sent again by a desk never replaces a newer version a coach made.
                guard = table.c.version < insert.excluded.version if table is t.passports else None
                statement = insert.on_conflict_do_update(index_elements=list(keys), set_=changes, where=guard)
            # compile() is typed as any Compiled; an INSERT's is an SQLCompiler, with its parameter order.
            compiled = self._compiled[key] = cast(
                SQLCompiler, statement.compile(dialect=self._engine.dialect)
            )
        params = compiled.construct_params(row)
        if compiled.positional:
            return conn.exec_driver_sql(
                compiled.string, tuple(params[n] for n in compiled.positiontup or ())
            ).rowcount
        return conn.exec_driver_sql(compiled.string, params).rowcount

    def _erase_rows(
        self, conn: Connection, session_id: str, passport_id: str | None, actor: str, at: str
    ) -> None:
        """The "erase" op: every row of one person's interview and passport, and one anonymous log line
        saying that a deletion happened (see `Erasure`). The data keys go first, in their own store: from
        then on the person's words cannot be opened from any copy, even if this transaction fails."""
        # Return visits are interviews of their own, linked to the passport: they go with it.
        later = (
            conn.execute(select(t.sessions.c.id).where(t.sessions.c.passport_id == passport_id))
            .scalars()
            .all()
            if passport_id is not None
            else []
        )
        sessions = list(dict.fromkeys([session_id, *later]))
        self.keys.destroy([*sessions, passport_id])
        conn.execute(t.answers.delete().where(t.answers.c.session_id.in_(sessions)))
        conn.execute(t.proposals.delete().where(t.proposals.c.session_id.in_(sessions)))
        conn.execute(t.sessions.delete().where(t.sessions.c.id.in_(sessions)))
        if passport_id is not None:
            conn.execute(t.passports.delete().where(t.passports.c.id == passport_id))
            conn.execute(t.passport_versions.delete().where(t.passport_versions.c.passport_id == passport_id))
            conn.execute(t.consents.delete().where(t.consents.c.passport_id == passport_id))
            conn.execute(
                t.confirmation_requests.delete().where(t.confirmation_requests.c.passport_id == passport_id)
            )
            conn.execute(t.share_codes.delete().where(t.share_codes.c.passport_id == passport_id))
            conn.execute(t.holder_access.delete().where(t.holder_access.c.passport_id == passport_id))
            conn.execute(t.coach_events.delete().where(t.coach_events.c.passport_id == passport_id))
            conn.execute(t.access_log.delete().where(t.access_log.c.passport_id == passport_id))
        conn.execute(
            t.access_log.insert().values(
                at=at, actor=actor, action="deleted", passport_id=None, detail=self.keys.seal(NOBODY, "{}")
            )
        )


def _stale_guard(table: Table, values: Op) -> list[Any]:
    """One person, every desk: a person moves on to another desk while the first one's outbox still waits
    (it was offline). Its events arrive later than the second desk's newer ones; a session or an answer that
    carries its time is then only changed by a change that is not older (the person is at one desk at a
    time, so the newest time is the person's latest step)."""
    if table is t.sessions and "updated_at" in values:
        return [t.sessions.c.updated_at <= values["updated_at"]]
    if table is t.answers and "answered_at" in values:
        return [t.answers.c.answered_at <= values["answered_at"]]
    return []
