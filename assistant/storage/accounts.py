"""Coach accounts and coach sessions: who may review passports, and the server-checked session a coach
works under after logging in.

Only a hash of a session token is kept. Every coach operation checks its session inside its own
transaction (`coach_behind`), so a removed account or an expired session stops working at once.

Named `accounts`, not `coaches`: the kiosk loads the whole store, and it must load no module named for
the coach app.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from assistant.errors import StorageError
from assistant.storage import schema as t
from assistant.storage.database import Database, utc_now
from assistant.storage.roles import carry_coach_session

COACH_SESSION_HOURS = 10


class CoachAccounts(Database):
    """Coach accounts and their sessions."""

    def add_coach_user(self, name: str, password_hash: str, role: str) -> None:
        try:
            with self._tx() as conn:
                conn.execute(
                    t.coach_users.insert().values(
                        name=name, password_hash=password_hash, role=role, created_at=utc_now()
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
        self.coach_token = token  # from now on every transaction carries it (`roles`)
        return token

    def close_coach_session(self, token: str) -> None:
        if self.coach_token == token:
            self.coach_token = None
        with self._tx() as conn:
            conn.execute(t.coach_sessions.delete().where(t.coach_sessions.c.token_hash == _token_hash(token)))

    def remove_coach_user(self, name: str) -> None:
        """Removes the account; its open sessions stop working at once."""
        with self._tx() as conn:
            conn.execute(t.coach_sessions.delete().where(t.coach_sessions.c.name == name))
            conn.execute(t.coach_users.delete().where(t.coach_users.c.name == name))

    def check_coach(self, token: str) -> tuple[str, str]:
        with self._read() as conn:
            return coach_behind(conn, token)


def coach_behind(conn: Connection, token: str) -> tuple[str, str]:
    """(name, role) behind a live coach session whose account still exists; E310 otherwise. Runs
    inside the transaction of the coach operation it guards, and makes that transaction carry the session
    to the server's row-level security."""
    carry_coach_session(conn, token)
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
