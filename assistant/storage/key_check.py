"""The check, each time a store opens, that it is opened with the key ring its data was sealed with.

The store records the id of the region key (`field_cipher.key_id_of`, never the key) in `store_meta` when it
is created, or the first time an older store opens. Every later open compares: a ring that does not hold
that key is refused (E315) before anything is written, so one store is never sealed with two keys. An older
store without a recorded id is tried on one of its sealed values. `stored_key_id` answers the same question
without a key, so a missing key file is never replaced by a new key for a store that has data (E316).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.exc import DBAPIError

from assistant.errors import StorageError
from assistant.storage.field_cipher import TOKEN_PREFIX, FieldCipher

#: Said when an older store has data but no recorded key id: some key other than this one.
UNKNOWN = "?"
#: One sealed column of each table that holds personal text (the same list as migration 0003).
SEALED_COLUMNS = (
    ("answers", "answer_values"),
    ("proposals", "data"),
    ("passports", "data"),
    ("consents", "data"),
    ("coach_events", "detail"),
    ("access_log", "detail"),
)


def recorded_key_id(conn: Connection, tables: set[str]) -> str | None:
    if "store_meta" not in tables:
        return None
    row = conn.execute(text("SELECT value FROM store_meta WHERE key = 'key_id'")).first()
    return None if row is None else str(row[0])


def legacy_sample(conn: Connection, tables: set[str]) -> str | None:
    """A value an older store sealed directly with the region key, if it has one."""
    for table, column in SEALED_COLUMNS:
        if table in tables:
            found = conn.execute(
                text(f"SELECT {column} FROM {table} WHERE {column} LIKE :p LIMIT 1"),
                {"p": TOKEN_PREFIX + "%"},
            ).scalar()
            if found is not None:
                return str(found)
    return None


def has_data(conn: Connection, tables: set[str]) -> bool:
    return any(
        conn.execute(text(f"SELECT 1 FROM {table} LIMIT 1")).first() is not None
        for table, _column in SEALED_COLUMNS
        if table in tables
    )


def check_key(conn: Connection, tables: set[str], cipher: FieldCipher) -> None:
    """Refuses (E315) a ring that cannot be the one this store's data is sealed with."""
    recorded = recorded_key_id(conn, tables)
    if recorded is not None:
        if recorded not in cipher.key_ids:
            raise StorageError("E315", found=cipher.key_id, expected=recorded)
        return
    sample = legacy_sample(conn, tables)
    if sample is not None and not cipher.opens(sample):
        raise StorageError("E315", found=cipher.key_id, expected=UNKNOWN)


def stored_key_id(url: str) -> str | None:
    """The key id the store at `url` (an engine url) expects, read without writing anything: None for a
    store that does not exist yet or holds no personal data, UNKNOWN for an older store with data."""
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists() or path.stat().st_size == 0:
            return None
    engine = create_engine(url, connect_args={} if url.startswith("sqlite") else {"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            recorded = recorded_key_id(conn, tables)
            if recorded is not None:
                return recorded
            return UNKNOWN if has_data(conn, tables) else None
    except DBAPIError as exc:
        if url.startswith("sqlite"):
            raise StorageError("E303", what=str(exc.orig)) from exc
        raise StorageError("E312") from exc
    finally:
        engine.dispose()
