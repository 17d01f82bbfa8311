"""A region for the every-desk tests: one real central PostgreSQL (migrated by its owner) and a kiosk login
the desks reach it with, made with the SQL docs/roles.md shows; and a clock the tests move by hand."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

import psycopg
from cryptography.fernet import Fernet
from psycopg import sql

from assistant.storage import Store
from assistant.storage.field_cipher import FieldCipher
from assistant.storage.roles import login_role_sql
from tests.pg_server import PostgresServer

BROKEN_URL = "postgresql://kiosk:fout@127.0.0.1:1/nergens"


@dataclass
class Region:
    """The central database (run by its owner) and a kiosk login the desks use."""

    owner_url: str
    kiosk_url: str
    cipher: FieldCipher
    key: str = ""


class Clock:
    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


def make_region(pg_server: PostgresServer, pg_url: str) -> Region:
    key = Fernet.generate_key()
    cipher = FieldCipher(key)
    Store(pg_url, cipher).close()  # the owner runs the migrations, which make the group roles
    login, password = f"kiosk_{uuid.uuid4().hex[:8]}", secrets.token_urlsafe(16)
    with psycopg.connect(pg_url, autocommit=True) as db:
        quoted = sql.Literal(password).as_string(db)
        for statement in login_role_sql(login, "kiosk", quoted).strip().splitlines():
            db.execute(statement.encode())
    database = pg_url.rsplit("/", 1)[1]
    kiosk_url = f"postgresql://{login}:{password}@127.0.0.1:{pg_server.port}/{database}"
    return Region(pg_url, kiosk_url, cipher, key.decode())
