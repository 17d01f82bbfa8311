"""What every `assistent` command shares: the settings (from the environment and the --db and --lang
options), and for the commands that reach people's data (`drafts`, `export`, `delete`, `log`,
`toestemming`) the person behind them.

On the central store those commands need a coach or admin login: name and password, read without echo at
a terminal or as two lines on stdin (for scripts), never from an argument. The access log then names the
account that logged in, and every use of the command is logged. On a desk's own SQLite file a login is
asked only with `--inloggen`: whoever holds that file and its key can read it anyway, so there the actor is
the desk itself ("balie") unless someone logs in. A script may give a signed one-time admin token in
`ASSISTENT_BEHEER_TOKEN` instead (`assistant.admin_tokens`). `--door` is still accepted, and ignored.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.i18n import _

if TYPE_CHECKING:
    from assistant.storage import Store

#: The actor in the access log for a command run at a desk without a login.
DESK = "balie"
#: Where a script gives a signed one-time admin token (`assistent beheer token`), instead of a login.
TOKEN_VARIABLE = "ASSISTENT_BEHEER_TOKEN"


def settings_from(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "db", None):
        overrides["db_path"] = Path(args.db)
    if getattr(args, "lang", None):
        overrides["language"] = args.lang
    return Settings(**overrides)


@contextmanager
def store_for_person(args: argparse.Namespace, command: str) -> Iterator[tuple[Store, str]]:
    """The store and the name the access log gives for this command: the account that logged in (on the
    central store a login is required: E320 without one, E309 with a wrong one, and then nothing is done).
    The use of the command is logged; the coach session the login opened is closed afterwards."""
    from assistant.storage import open_store

    if getattr(args, "door", None):
        print(_("Let op: --door doet niets meer. Het logboek noemt wie inlogt."), file=sys.stderr)
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    store = open_store(settings_from(args))
    try:
        detail: dict[str, object] = {"command": command}
        if token:
            actor, detail["token"] = _spend_token(store, token, command)
        elif not store.is_sqlite or getattr(args, "inloggen", False):
            actor = _log_in(store)
        else:
            actor = DESK
        try:
            store.log_access(actor, "command", None, detail)
            yield store, actor
        finally:
            if store.coach_token is not None:
                store.close_coach_session(store.coach_token)
    finally:
        store.close()


def _spend_token(store: Store, token: str, command: str) -> tuple[str, str]:
    """(account that made it, token id) of a good admin token for this command, spent now; E322-E324."""
    from assistant.admin_tokens import check_token, key_id_of

    checked = check_token(token, store.admin_token_key(key_id_of(token)), command)
    if not store.spend_admin_token(checked.token_id):
        raise AssistantError("E324")
    return checked.by, checked.token_id


def _log_in(store: Store) -> str:
    from assistant.coach_accounts import login

    name, password = read_login()
    return login(store, name, password).name


def read_login() -> tuple[str, str]:
    """Name and password: asked at a terminal (the password without echo), else the first two lines of
    stdin. Prompts go to stderr, so an export on stdout stays clean. E320 when either is missing."""
    import getpass

    if sys.stdin.isatty():
        sys.stderr.write(_("Naam: "))
        sys.stderr.flush()
        name = sys.stdin.readline().strip()
        password = getpass.getpass(_("Wachtwoord: ")) if name else ""
    else:
        name = sys.stdin.readline().strip()
        password = sys.stdin.readline().rstrip("\r\n")
    if not name or not password:
        raise AssistantError("E320")
    return name, password
