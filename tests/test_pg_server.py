"""The throwaway PostgreSQL server: it listens on loopback only and keeps its data across a stop and start."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from tests.pg_server import PostgresServer


def test_fresh_database_accepts_connections_on_loopback(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
        assert conn.execute("SHOW listen_addresses").fetchone() == ("127.0.0.1",)


def test_stop_and_start_keep_the_data(tmp_path: Path) -> None:
    with PostgresServer(tmp_path) as server:
        url = server.create_database("kept")
        with psycopg.connect(url) as conn:
            conn.execute("CREATE TABLE note (id integer PRIMARY KEY, text text NOT NULL)")
            conn.execute("INSERT INTO note VALUES (1, 'bewaard')")
        port = server.port

        server.stop()
        assert not server.running
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(url, connect_timeout=2)
        server.stop()  # idempotent

        server.start()
        assert server.running
        assert server.port == port
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT text FROM note WHERE id = 1").fetchone() == ("bewaard",)
    assert not server.running
