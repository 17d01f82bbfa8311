"""Roles on the central PostgreSQL, from the store's side: the coach session a transaction carries for the
server's row-level security, and the SQL an administrator runs to give a machine its own login role.

Migration 0006 makes the group roles (`assistent_kiosk`, `assistent_coach`, `assistent_admin`), their grants
and the row-level security policies; docs/roles.md says who may do what. The server checks a coach role's
every row against `assistent_coach_live()`, which reads the transaction-local setting
`assistent.coach_token`: this module sets it. On SQLite nothing here runs: a desk's file has one user.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

#: The group role a machine's login role joins, by what the machine is.
GROUPS = {"kiosk": "assistent_kiosk", "coach": "assistent_coach", "admin": "assistent_admin"}
COACH_TOKEN_SETTING = "assistent.coach_token"
_LOGIN_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def carry_coach_session(conn: Connection, token: str) -> None:
    """Makes this transaction carry a coach session, for the server's row-level security. Local to the
    transaction: a pooled connection never keeps it for whoever uses it next."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT set_config(:name, :token, true)"), {"name": COACH_TOKEN_SETTING, "token": token}
        )


def login_role_sql(login: str, kind: str, password_placeholder: str = ":'wachtwoord'") -> str:
    """The SQL that gives one machine its own login role in one group (for psql; the password is a psql
    variable, so it never lands in a file or the shell history)."""
    if kind not in GROUPS:
        raise ValueError(f"kind must be one of {', '.join(GROUPS)}")
    if not _LOGIN_NAME.fullmatch(login):
        raise ValueError("a login role is lower-case letters, digits and _, starting with a letter")
    return (
        f"CREATE ROLE {login} LOGIN PASSWORD {password_placeholder} IN ROLE {GROUPS[kind]};\n"
        f"ALTER ROLE {login} SET statement_timeout = '30s';\n"
    )
