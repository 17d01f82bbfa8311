"""Throwaway PostgreSQL servers for the tests and benchmarks.

This module owns the whole life of a real PostgreSQL server: finding the installed binaries, `initdb` in a
temporary directory, listening on a free loopback port only, starting, stopping (the fault tests stop and
start it mid-run and expect the data to survive) and removing the directory again. Root cannot run
postgres, so under root every server command runs as the `postgres` system user (or `nobody`) via setpriv.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

import psycopg
from psycopg import sql

PG_ROOT = Path("/usr/lib/postgresql")
SUPERUSER = "assistent_test"
START_TIMEOUT = 30.0
#: A Unix socket path may be at most 107 bytes; the socket file adds "/.s.PGSQL.NNNNN".
MAX_SOCKET_DIR = 107 - len("/.s.PGSQL.65535")

#: Servers that are still running, stopped immediately if the interpreter exits without stopping them.
_RUNNING: set[PostgresServer] = set()


def find_bin_dir() -> Path:
    """The bin directory of the highest installed PostgreSQL version."""
    versions: list[tuple[tuple[int, ...], Path]] = []
    if PG_ROOT.is_dir():
        for child in PG_ROOT.iterdir():
            bin_dir = child / "bin"
            if not all((bin_dir / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
                continue
            try:
                key = tuple(int(part) for part in child.name.split("."))
            except ValueError:
                continue
            versions.append((key, bin_dir))
    if not versions:
        raise RuntimeError(
            f"PostgreSQL is not installed: no {PG_ROOT}/<version>/bin with initdb, pg_ctl and postgres. "
            "Run `make test` (scripts/setup.sh installs postgresql)."
        )
    return max(versions)[1]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged account to run postgres as when we are root, else None (run as ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError(
        "running as root, but there is neither a `postgres` nor a `nobody` user to run postgres as"
    )


def _conf_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class PostgresServer:
    """A PostgreSQL server of our own in a temporary directory, on a loopback port, run as an unprivileged user."""

    def __init__(self, base_dir: Path) -> None:
        self._base_dir = Path(base_dir)
        self._bin_dir = find_bin_dir()
        self._user = _server_user()
        self._password = secrets.token_urlsafe(24)
        self._port = free_port()
        self._dir: Path | None = None

    # -- public API -------------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return self._port

    @property
    def directory(self) -> Path:
        """The server's own temporary directory (data, socket and log); only after the first start()."""
        if self._dir is None:
            raise RuntimeError("the server has not been started yet")
        return self._dir

    @property
    def log_file(self) -> Path:
        return self.directory / "server.log"

    @property
    def running(self) -> bool:
        if self._dir is None or not self._data_dir.is_dir():
            return False
        return self._pg_ctl("status", check=False).returncode == 0

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}:{self._password}@127.0.0.1:{self._port}/{database}"

    def start(self) -> None:
        """Initialise the cluster on the first call, then start the server and wait until it takes connections."""
        if self._dir is None:
            self._init_cluster()
        if self.running:
            return
        result = self._pg_ctl(
            "start", "-w", "-t", str(int(START_TIMEOUT)), "-l", str(self.log_file), check=False
        )
        if result.returncode != 0:
            self._pg_ctl("stop", "-m", "immediate", "-w", check=False)
            raise RuntimeError(
                f"PostgreSQL did not start (pg_ctl exit {result.returncode}).\n{self._output(result)}"
            )
        _RUNNING.add(self)
        self._wait_for_connections()

    def stop(self) -> None:
        """Stop the server (fast shutdown) and wait for it; nothing happens when it is not running."""
        self._shutdown("fast")

    def kill(self) -> None:
        """Stop the server at once, as a crash would (immediate shutdown: recovery runs at the next start)."""
        self._shutdown("immediate")

    def create_database(self, name: str) -> str:
        """Create a database owned by our superuser and return its url."""
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(name), sql.Identifier(SUPERUSER))
            )
        return self.url(name)

    def cleanup(self) -> None:
        """Stop the server and remove its directory."""
        self.stop()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def __enter__(self) -> PostgresServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.cleanup()

    # -- internals --------------------------------------------------------------------------------------

    @property
    def _data_dir(self) -> Path:
        return self.directory / "data"

    def _init_cluster(self) -> None:
        directory = Path(tempfile.mkdtemp(prefix="assistent-pg-", dir=self._parent_dir()))
        self._dir = directory
        directory.chmod(0o700)
        pwfile = directory / "pwfile"
        pwfile.write_text(self._password + "\n", encoding="utf-8")
        if self._user is not None:
            os.chown(directory, self._user.pw_uid, self._user.pw_gid)
            os.chown(pwfile, self._user.pw_uid, self._user.pw_gid)
        common = [
            "-D",
            str(self._data_dir),
            "-U",
            SUPERUSER,
            f"--pwfile={pwfile}",
            "-A",
            "scram-sha-256",
            "-E",
            "UTF8",
        ]
        result = self._run([self._bin("initdb"), *common, "--locale=C.UTF-8"], check=False)
        if result.returncode != 0:
            shutil.rmtree(self._data_dir, ignore_errors=True)
            result = self._run([self._bin("initdb"), *common, "--no-locale"], check=False)
        pwfile.unlink()
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed (exit {result.returncode}).\n{self._output(result)}")
        settings = {
            "listen_addresses": _conf_string("127.0.0.1"),
            "port": str(self._port),
            "unix_socket_directories": _conf_string(str(directory)),
            "max_connections": "200",
            "shared_buffers": _conf_string("64MB"),
        }
        with (self._data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# tests/pg_server.py\n")
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
        (self._data_dir / "pg_hba.conf").write_text(
            "# tests/pg_server.py: only the local socket and loopback, always with a password\n"
            "local all all scram-sha-256\n"
            "host all all 127.0.0.1/32 scram-sha-256\n",
            encoding="utf-8",
        )

    def _parent_dir(self) -> Path | None:
        """base_dir when the server user can reach it and the socket path fits, else the system temp dir."""
        self._base_dir.mkdir(parents=True, exist_ok=True)
        # mkdtemp adds "assistent-pg-" and 8 random characters.
        if len(str(self._base_dir.resolve())) + len("/assistent-pg-xxxxxxxx") > MAX_SOCKET_DIR:
            return None
        if self._user is not None:
            # pytest's /tmp/pytest-of-root is 0700: check that every parent can be traversed as that user.
            probe = self._run(["test", "-x", str(self._base_dir.resolve())], check=False)
            if probe.returncode != 0:
                return None
        return self._base_dir

    def _wait_for_connections(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with psycopg.connect(self.url(), connect_timeout=5) as conn:
                    conn.execute("SELECT 1")
                return
            except psycopg.OperationalError as error:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"PostgreSQL on port {self._port} does not accept connections: {error}\n{self._log_tail()}"
                    ) from error
                time.sleep(0.1)

    def _shutdown(self, mode: str) -> None:
        if self._dir is None or not self._data_dir.is_dir():
            return
        if self.running:
            result = self._pg_ctl("stop", "-m", mode, "-w", "-t", "60", check=False)
            if result.returncode != 0 and self.running:
                raise RuntimeError(
                    f"PostgreSQL did not stop (pg_ctl exit {result.returncode}).\n{self._output(result)}"
                )
        _RUNNING.discard(self)

    def _bin(self, name: str) -> str:
        return str(self._bin_dir / name)

    def _pg_ctl(self, *args: str, check: bool) -> subprocess.CompletedProcess[str]:
        return self._run([self._bin("pg_ctl"), "-D", str(self._data_dir), *args], check=check)

    def _run(self, command: list[str], *, check: bool) -> subprocess.CompletedProcess[str]:
        """Run a command as the server user: directly, or under root via setpriv."""
        if self._user is not None:
            uid, gid = self._user.pw_uid, self._user.pw_gid
            command = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--init-groups", *command]
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        cwd = self._dir if self._dir is not None and self._dir.is_dir() else "/"
        return subprocess.run(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=check,
        )

    def _log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_file.read_text(encoding="utf-8", errors="replace")
        except (OSError, RuntimeError):
            return "(no server log)"
        return "server log (tail):\n" + "\n".join(text.splitlines()[-lines:])

    def _output(self, result: subprocess.CompletedProcess[str]) -> str:
        return f"{result.stdout}{result.stderr}\n{self._log_tail()}"


@atexit.register
def _stop_leftovers() -> None:
    """A crashed or interrupted run must not leave postgres processes behind."""
    for server in list(_RUNNING):
        with contextlib.suppress(OSError, RuntimeError):
            server.kill()
