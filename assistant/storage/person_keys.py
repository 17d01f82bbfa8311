"""A data key per person (envelope encryption): every personal field is sealed with its owner's own Fernet
key, and only those data keys are sealed with the region key (`field_cipher`).

Owns the key store: the data keys live in their own small database, never in the store's database, so that
erasing a person (destroying their keys) also makes their words unreadable in every copy of the store's
database made earlier. Beside a desk's SQLite store it is a SQLite file (mode 0600, rollback journal, no
write-ahead log, `secure_delete`, so a destroyed key is overwritten with zeros in the file); for a central
PostgreSQL store it is a database of its own (by default `<name>_sleutels` on the same server), which a
`pg_dump` of the store's database does not contain.

A sealed field reads `p1:<owner>:<tag>:<Fernet token>`: the owner is the interview (session id) for answers,
proposals and passports, the passport id for consents, coach notes and access-log lines, and "-" for lines
about nobody. The owner and tag name the data key, so a row is opened without knowing whose it is, and a
desk's sender can carry exactly the keys its rows need. A value without the prefix was sealed with the
region key itself by an older version (before migration 0004) and is opened with the ring.

What erasure covers and what it does not:
- covered: the live store and its write-ahead log (the rows go, SQLite is vacuumed); every copy of the
  store's database made earlier (SQLite backup or file copy, `pg_dump`, a PostgreSQL base backup of the
  store's database): its sealed text needs a data key that no longer exists anywhere we keep keys;
- covered: the SQLite key file itself (the key's row is zeroed by `secure_delete`, and there is no WAL);
- not covered: a copy of the key store made before the erasure, together with the region key. Keep key
  store backups apart from the store's backups and no longer than erasure may wait (or not at all);
- not covered: on PostgreSQL, the key database's own WAL segments and dead tuples until they are recycled
  and vacuumed (the store vacuums the key table after each erasure), so run the key database on a server
  whose data directory is not copied with the store's; and a deleted rollback journal's disk blocks, SSD
  wear levelling and swap, which no file-level overwrite reaches.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from uuid import uuid4

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.pool import StaticPool

from assistant.errors import StorageError
from assistant.storage.field_cipher import FieldCipher

PREFIX = "p1:"
#: The owner of lines about nobody (the anonymous "deleted" line): its key is never destroyed.
NOBODY = "-"
#: Finds the data keys a payload's sealed values need: (owner, tag).
KEY_REFS = re.compile(r"p1:([^:\"\s]+):([0-9a-f]{16}):")

_CREATE = """CREATE TABLE IF NOT EXISTS person_keys (
    owner TEXT NOT NULL, tag TEXT NOT NULL, region_key_id TEXT NOT NULL, sealed_key TEXT NOT NULL,
    PRIMARY KEY (owner, tag))"""
_CREATE_META = "CREATE TABLE IF NOT EXISTS key_store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


#: The machine roles of migration 0006 reach the key database too: desks and coaches read data keys and add
#: new ones; an admin, and a desk's sender applying that desk's erasure, destroy them. Run by the table's
#: owner once the roles exist; for anyone else it does nothing.
#: The advisory lock that lets one opening at a time make the key tables or their grants.
_SETUP_LOCK = 4242002
_GRANT_ROLES = """DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'assistent_admin')
     AND pg_has_role(current_user, (SELECT tableowner FROM pg_tables WHERE tablename = 'person_keys'), 'USAGE')
     AND NOT has_table_privilege('assistent_admin', 'key_store_meta', 'DELETE')
  THEN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO assistent_kiosk, assistent_coach, assistent_admin',
                   current_database());
    GRANT SELECT, INSERT ON person_keys, key_store_meta TO assistent_coach;
    GRANT SELECT, INSERT, DELETE ON person_keys, key_store_meta TO assistent_kiosk, assistent_admin;
  END IF;
END $$"""


def default_keys_url(store_url: str) -> str:
    """Where a store keeps its data keys when nothing else is said: beside the SQLite file, or a database
    `<name>_sleutels` on the same PostgreSQL server."""
    if store_url.startswith("sqlite:///"):
        return store_url + "-sleutels"
    base, _slash, name = store_url.rpartition("/")
    name, _q, query = name.partition("?")
    return f"{base}/{name}_sleutels" + (f"?{query}" if query else "")


def private_sqlite_file(path: Path) -> None:
    """Makes the file empty with mode 0600 when it is not there yet, so SQLite never creates it (or its
    journal and WAL, which take the file's mode) readable for others; a file an older version made readable
    for others (0644) is closed to them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        for existing in (path, *(Path(f"{path}{end}") for end in ("-wal", "-shm", "-journal"))):
            # Not ours to change (another user's file, a read-only folder): SQLite then says what is wrong.
            with contextlib.suppress(OSError):
                if existing.stat().st_mode & 0o077:
                    os.chmod(existing, 0o600)


class PersonKeys:
    """Seals and opens personal fields with their owner's data key; makes, hands over, re-seals and
    destroys data keys. Safe to share between threads."""

    def __init__(self, url: str, region: FieldCipher, *, must_exist: bool = False) -> None:
        """`must_exist`: the store already has data sealed with keys from here, so a missing key store is
        refused (E319) rather than made anew and empty."""
        self.url = url
        self.must_exist = must_exist
        #: A random id the store's database records, so it is never opened with another key store.
        self.store_id = ""
        self.region = region
        self.is_sqlite = url.startswith("sqlite")
        self._lock = threading.RLock()
        self._keys: dict[tuple[str, str], Fernet] = {}
        self._sealing_tag: dict[str, str] = {}
        self._engine = self._make_engine()
        try:
            self._prepare(region)
        except StorageError:
            self.close()  # a half-opened key store keeps no connection behind
            raise

    def _prepare(self, region: FieldCipher) -> None:
        with self._tx() as conn:
            if not self.is_sqlite:  # CREATE TABLE IF NOT EXISTS is not safe when twenty kiosks start at once
                conn.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": _SETUP_LOCK})
            # A machine role may not create tables: only the first opening (the owner's) makes them.
            made = not self.is_sqlite and conn.execute(text("SELECT to_regclass('key_store_meta')")).scalar()
            if not made:
                conn.execute(text(_CREATE))
                conn.execute(text(_CREATE_META))
            conn.execute(
                text(
                    "INSERT INTO key_store_meta SELECT 'id', :v WHERE NOT EXISTS (SELECT 1 FROM key_store_meta)"
                ),
                {"v": uuid4().hex},
            )
            self.store_id = str(
                conn.execute(text("SELECT value FROM key_store_meta WHERE key = 'id'")).scalar()
            )
            ids = {str(r[0]) for r in conn.execute(text("SELECT DISTINCT region_key_id FROM person_keys"))}
        unknown = sorted(ids - set(region.key_ids))
        if unknown:
            raise StorageError("E315", found=region.key_id, expected=unknown[0])

    # The key database ------------------------------------------------------------------------------------

    def _make_engine(self) -> Engine:
        if not self.is_sqlite:
            self._create_database()
            return create_engine(self.url, pool_pre_ping=True, connect_args={"connect_timeout": 3})
        path = Path(self.url.removeprefix("sqlite:///"))
        if self.must_exist and not path.exists():
            raise StorageError("E319", where=str(path), what="het bestand ontbreekt")
        private_sqlite_file(path)
        engine = create_engine(
            self.url, poolclass=StaticPool, connect_args={"check_same_thread": False, "timeout": 10}
        )

        @event.listens_for(engine, "connect")
        def _configure(dbapi_connection: Any, _record: object) -> None:
            dbapi_connection.isolation_level = None
            # No WAL: a destroyed key must not live on in a log file; secure_delete zeroes its row.
            for pragma in ("journal_mode=DELETE", "synchronous=FULL", "secure_delete=ON"):
                dbapi_connection.execute(f"PRAGMA {pragma}")

        @event.listens_for(engine, "begin")
        def _begin(connection: Connection) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine

    def _create_database(self) -> None:
        """The key database on the same server, made when it is missing (needs CREATEDB; else E319)."""
        base, _slash, rest = self.url.rpartition("/")
        name = rest.partition("?")[0]
        admin = create_engine(
            f"{base}/postgres", isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
        )
        try:
            with admin.connect() as conn:
                exists = text("SELECT 1 FROM pg_database WHERE datname = :n")
                for _attempt in range(50):
                    if conn.execute(exists, {"n": name}).first() is not None:
                        return
                    if self.must_exist:
                        raise StorageError("E319", where=name, what="de database ontbreekt")
                    try:
                        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
                        return
                    except DBAPIError:  # another process is making it at this moment: look again
                        time.sleep(0.1)
                raise StorageError("E319", where=name, what="CREATE DATABASE")
        except (OperationalError, InterfaceError) as exc:
            raise StorageError("E312") from exc
        except DBAPIError as exc:
            raise StorageError("E319", where=name, what=str(exc.orig).splitlines()[0]) from exc
        finally:
            admin.dispose()

    @contextlib.contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self._lock:
            try:
                with self._engine.connect() as conn, conn.begin():
                    yield conn
            except (OperationalError, InterfaceError) as exc:
                if not self.is_sqlite:  # the server is away: the same as the store's own connection
                    raise StorageError("E312") from exc
                raise StorageError("E303", what=str(exc.orig)) from exc
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) == "42501":  # this machine's role may not do this
                    raise StorageError("E321") from exc
                where = self.url.split("@")[-1]  # never show a password
                raise StorageError("E319", where=where, what=str(exc.orig).splitlines()[0]) from exc

    def grant_roles(self) -> None:
        """Lets the machine roles reach the data keys (PostgreSQL, once the store's migration made the roles);
        does nothing for anyone but the key table's owner, and nothing on SQLite."""
        if not self.is_sqlite:
            with self._tx() as conn:
                # Stores opening at once would change the same grants together, which PostgreSQL refuses
                # ("tuple concurrently updated"): one at a time, and only until the grants are there.
                conn.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": _SETUP_LOCK})
                conn.execute(text(_GRANT_ROLES))

    def close(self) -> None:
        self._engine.dispose()

    # Sealing and opening --------------------------------------------------------------------------------

    def seal(self, owner: str, value: str | None) -> str | None:
        if value is None:
            return None
        tag = self._tag_for(owner)
        token = self._keys[(owner, tag)].encrypt(value.encode("utf-8")).decode("ascii")
        return f"{PREFIX}{owner}:{tag}:{token}"

    def open(self, sealed: str | None) -> str | None:
        if sealed is None:
            return None
        if not sealed.startswith(PREFIX):
            return self.region.open(sealed)  # sealed before migration 0004, with the region key itself
        owner, tag, token = sealed[len(PREFIX) :].rsplit(":", 2)
        key = self._key(owner, tag)
        if key is None:
            raise StorageError("E313")  # the key was destroyed: this person was erased
        try:
            return key.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError) as exc:
            raise StorageError("E313") from exc

    def _tag_for(self, owner: str) -> str:
        with self._lock:
            tag = self._sealing_tag.get(owner)
            if tag is not None:
                return tag
            with self._tx() as conn:
                row = conn.execute(
                    text("SELECT tag FROM person_keys WHERE owner = :o ORDER BY tag LIMIT 1"), {"o": owner}
                ).first()
                if row is None:
                    tag = uuid4().hex[:16]
                    key = Fernet.generate_key()
                    conn.execute(
                        text("INSERT INTO person_keys VALUES (:o, :t, :r, :k)"),
                        {"o": owner, "t": tag, "r": self.region.key_id, "k": self.region.seal(key.decode())},
                    )
                    self._keys[(owner, tag)] = Fernet(key)
                else:
                    tag = str(row[0])
            if self._key(owner, tag) is None:
                raise StorageError("E313")
            self._sealing_tag[owner] = tag
            return tag

    def _key(self, owner: str, tag: str) -> Fernet | None:
        with self._lock:
            key = self._keys.get((owner, tag))
            if key is not None:
                return key
            with self._tx() as conn:
                sealed = conn.execute(
                    text("SELECT sealed_key FROM person_keys WHERE owner = :o AND tag = :t"),
                    {"o": owner, "t": tag},
                ).scalar()
            if sealed is None:
                return None
            key = self._keys[(owner, tag)] = Fernet(str(self.region.open(str(sealed))))
            return key

    # Handing over, destroying, rotating --------------------------------------------------------------

    def sealed_keys(self, payload: str) -> list[dict[str, str]]:
        """The data keys (still sealed by the region key) that the sealed values in `payload` need."""
        refs = sorted(set(KEY_REFS.findall(payload)))
        if not refs:
            return []
        found: list[dict[str, str]] = []
        with self._tx() as conn:
            for owner, tag in refs:
                row = conn.execute(
                    text("SELECT region_key_id, sealed_key FROM person_keys WHERE owner = :o AND tag = :t"),
                    {"o": owner, "t": tag},
                ).first()
                if row is not None:
                    found.append({"owner": owner, "tag": tag, "region_key_id": row[0], "sealed_key": row[1]})
        return found

    def adopt(self, keys: Sequence[dict[str, str]]) -> None:
        """Keeps data keys a desk sent with its rows (the same region key opens them here)."""
        if not keys:
            return
        with self._tx() as conn:
            for key in keys:
                exists = conn.execute(
                    text("SELECT 1 FROM person_keys WHERE owner = :o AND tag = :t"),
                    {"o": key["owner"], "t": key["tag"]},
                ).first()
                if exists is None:
                    conn.execute(
                        text("INSERT INTO person_keys VALUES (:o, :t, :r, :k)"),
                        {
                            "o": key["owner"],
                            "t": key["tag"],
                            "r": key["region_key_id"],
                            "k": key["sealed_key"],
                        },
                    )

    def destroy(self, owners: Iterable[str | None]) -> None:
        """Destroys every data key of these owners: what they sealed can never be opened again."""
        gone = [o for o in owners if o and o != NOBODY]
        if not gone:
            return
        with self._lock:
            with self._tx() as conn:
                for owner in gone:
                    conn.execute(text("DELETE FROM person_keys WHERE owner = :o"), {"o": owner})
            for owner in gone:
                self._sealing_tag.pop(owner, None)
                for ref in [r for r in self._keys if r[0] == owner]:
                    del self._keys[ref]
            self._scrub()

    def _scrub(self) -> None:
        # SQLite: secure_delete has zeroed the row; VACUUM also drops the freed page. PostgreSQL: VACUUM
        # makes the dead tuple's space reusable now rather than whenever autovacuum comes by.
        with self._lock:
            if self.is_sqlite:
                with self._engine.connect() as conn:
                    raw: Any = conn.connection.driver_connection  # VACUUM cannot run in a transaction
                    raw.execute("VACUUM")
                return
            with self._engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM person_keys")

    def reseal(self, ring: FieldCipher) -> int:
        """Re-seals every data key with the ring's current key (a rotation); returns how many."""
        with self._tx() as conn:
            rows = conn.execute(text("SELECT owner, tag, sealed_key FROM person_keys")).all()
            for owner, tag, sealed in rows:
                conn.execute(
                    text(
                        "UPDATE person_keys SET sealed_key = :k, region_key_id = :r WHERE owner = :o AND tag = :t"
                    ),
                    {"k": ring.seal(ring.open(str(sealed))), "r": ring.key_id, "o": owner, "t": tag},
                )
        self.region = ring
        return len(rows)

    def region_key_ids(self) -> set[str]:
        """The region keys that seal a data key in this store (a key still listed here cannot be retired)."""
        with self._tx() as conn:
            return {str(r[0]) for r in conn.execute(text("SELECT DISTINCT region_key_id FROM person_keys"))}
