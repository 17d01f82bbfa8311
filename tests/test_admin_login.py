"""Admin commands need a person: `drafts`, `export`, `delete`, `log` and `toestemming` on the central store run
only after a coach or admin login, and the access log names that account, never what `--door` claims.

Every command runs as the real `assistent` program in its own process, against a real PostgreSQL server,
with the name and password on stdin as a script would give them."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from assistant import sharing
from assistant.coach_accounts import add_user
from assistant.context import AppContext
from assistant.interview.session import InterviewSession
from assistant.storage import Store
from assistant.storage.field_cipher import FieldCipher
from tests.conftest import ASSISTENT, let_coaches_look

PASSWORD = "een-lang-wachtwoord"
MARK = "Merel4410"


@pytest.fixture
def central(pg_url: str) -> Iterator[Store]:
    """The region's central store, with the run's region key and one coach account, Sanne."""
    store = Store(pg_url, FieldCipher(os.environ["ASSISTENT_STORE_KEY"]))
    add_user(store, "Sanne", PASSWORD)
    yield store
    store.close()


def _passport(store: Store, context: AppContext) -> str:
    session = InterviewSession.start(store, context.dialogue, context.matcher)
    session.answer(text=MARK)
    while not session.finished:
        session.skip()
    pid = session.finish().id
    let_coaches_look(store)  # the holder said Ja to a coach looking
    return pid


def _run(pg_url: str, tmp_path: Path, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ASSISTENT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "ASSISTENT_DATABASE_URL": pg_url, "ASSISTENT_DATA_DIR": str(tmp_path)},
    )


def _log(store: Store) -> list[tuple[str, str]]:
    return [(e.actor, e.action) for e in store.access_log()]


def _commands(pid: str, consent: str) -> list[list[str]]:
    return [
        ["drafts"],
        ["log", pid],
        ["export", pid, "--toestemming", consent],
        [
            "toestemming",
            "geef",
            pid,
            "--ontvanger",
            "Bouw BV",
            "--doel",
            "werk",
            "--tot",
            (date.today() + timedelta(30)).isoformat(),
        ],
        ["toestemming", "toon", pid],
        ["toestemming", "intrekken", consent],
        ["delete", pid, "--zeker"],
    ]


def test_without_a_login_every_command_refuses_and_does_nothing(
    context: AppContext, central: Store, pg_url: str, tmp_path: Path
) -> None:
    pid = _passport(central, context)
    consent = sharing.give_consent(
        central,
        pid,
        ["skills"],
        "employer",
        "Bouwbedrijf",
        "sollicitatie",
        date.today() + timedelta(1),
        "balie",
    ).id
    before = _log(central)
    for command in _commands(pid, consent):
        for stdin in ("", "Sanne\n", "\n\n"):
            proc = _run(pg_url, tmp_path, stdin, *command)
            assert proc.returncode == 2, (command, proc.stderr)
            assert "E320" in proc.stderr and "inloggen" in proc.stderr, command
            assert "Traceback" not in proc.stderr and proc.stdout == "", command
    assert _log(central) == before, "no line added, nothing exported, given, withdrawn or erased"
    assert central.passport(pid).person.nickname == MARK
    assert [c.withdrawn_at for c in central.consents(pid)] == [None]


def test_a_wrong_password_refuses_and_only_the_failed_login_is_logged(
    context: AppContext, central: Store, pg_url: str, tmp_path: Path
) -> None:
    pid = _passport(central, context)
    before = _log(central)
    for stranger in ("Sanne\nfout-wachtwoord-123\n", "Niemand\neen-lang-wachtwoord\n"):
        proc = _run(pg_url, tmp_path, stranger, "delete", pid, "--zeker")
        assert proc.returncode == 2 and "E309" in proc.stderr and "Traceback" not in proc.stderr
    assert central.passport(pid).person.nickname == MARK, "nothing was erased"
    assert _log(central) == [*before, ("Sanne", "login-failed"), ("Niemand", "login-failed")]


def test_with_a_login_the_log_names_the_account_whatever_door_says(
    context: AppContext, central: Store, pg_url: str, tmp_path: Path
) -> None:
    pid = _passport(central, context)
    login = f"Sanne\n{PASSWORD}\n"
    given = _run(
        pg_url,
        tmp_path,
        login,
        "toestemming",
        "geef",
        pid,
        "--tot",
        "2099-01-01",
        "--ontvanger",
        "Bouw BV",
        "--doel",
        "werk",
        "--door",
        "Mallory",
    )
    assert given.returncode == 0, given.stderr
    assert "--door doet niets meer" in given.stderr
    consent = given.stdout.strip()
    exported = _run(pg_url, tmp_path, login, "export", pid, "--toestemming", consent, "--door", "Mallory")
    assert exported.returncode == 0 and MARK in exported.stdout, exported.stderr
    listed = _run(pg_url, tmp_path, login, "drafts")
    assert listed.returncode == 0 and pid in listed.stdout and MARK in listed.stdout
    shown = _run(pg_url, tmp_path, login, "log", pid)
    assert "Sanne\texported" in shown.stdout and "Mallory" not in shown.stdout

    log = _log(central)
    assert ("Sanne", "consent-given") in log and ("Sanne", "exported") in log
    assert not [entry for entry in log if entry[0] == "Mallory"]
    uses = [e.detail["command"] for e in central.access_log() if e.action == "command"]
    assert uses == ["toestemming geef", "export", "drafts", "log"], "every use is in the log"
    assert log.count(("Sanne", "login")) == 4

    erased = _run(pg_url, tmp_path, login, "delete", pid, "--zeker", "--door", "Mallory")
    assert erased.returncode == 0, erased.stderr
    deletions = [e.actor for e in central.access_log() if e.action == "deleted"]
    assert deletions == ["Sanne"]


def test_the_login_session_ends_with_the_command(
    context: AppContext, central: Store, pg_url: str, tmp_path: Path
) -> None:
    _passport(central, context)
    assert _run(pg_url, tmp_path, f"Sanne\n{PASSWORD}\n", "drafts").returncode == 0
    with central._read() as conn:  # the sessions table has no reader of its own
        open_sessions = conn.exec_driver_sql("SELECT count(*) FROM coach_sessions").scalar()
    assert open_sessions == 0, "a script's login leaves no session that someone could reuse"


def test_at_a_desk_without_a_login_the_desk_is_the_actor_and_door_is_ignored(
    context: AppContext, tmp_path: Path
) -> None:
    pid = _passport(context.store, context)
    env = {**os.environ, "ASSISTENT_DATA_DIR": str(context.settings.data_dir)}
    proc = subprocess.run(
        [
            str(ASSISTENT),
            "delete",
            pid,
            "--zeker",
            "--door",
            "Mallory",
            "--db",
            str(context.settings.database),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
        input="",
    )
    assert proc.returncode == 0, proc.stderr
    assert [e.actor for e in context.store.access_log() if e.action == "deleted"] == ["balie"]


def _token(pg_url: str, tmp_path: Path, command: str, *extra: str) -> str:
    made = _run(pg_url, tmp_path, f"Sanne\n{PASSWORD}\n", "beheer", "token", command, *extra)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip()


def _with_token(pg_url: str, tmp_path: Path, token: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ASSISTENT), *args],
        input="",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={
            **os.environ,
            "ASSISTENT_DATABASE_URL": pg_url,
            "ASSISTENT_DATA_DIR": str(tmp_path),
            "ASSISTENT_BEHEER_TOKEN": token,
        },
    )


def test_a_signed_admin_token_runs_one_command_once_in_the_name_of_its_maker(
    context: AppContext, central: Store, pg_url: str, tmp_path: Path
) -> None:
    pid = _passport(central, context)
    keep = _passport(central, context)
    token = _token(pg_url, tmp_path, "delete")
    assert "Sanne" not in token and PASSWORD not in token

    other_command = _with_token(pg_url, tmp_path, token, "drafts")
    assert other_command.returncode == 2 and "E322" in other_command.stderr and other_command.stdout == ""
    erased = _with_token(pg_url, tmp_path, token, "delete", pid, "--zeker")
    assert erased.returncode == 0, erased.stderr
    again = _with_token(pg_url, tmp_path, token, "delete", keep, "--zeker")
    assert again.returncode == 2 and "E324" in again.stderr, "a token works once"
    assert central.passport(keep).id == keep
    assert [e.actor for e in central.access_log() if e.action == "deleted"] == ["Sanne"]
    used = [e.detail for e in central.access_log() if e.action == "command" and "token" in e.detail]
    assert [d["command"] for d in used] == ["delete"]


def test_a_changed_forged_or_expired_token_is_refused(
    context: AppContext, central: Store, pg_url: str, tmp_path: Path
) -> None:
    import time

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from assistant.admin_tokens import make_token

    pid = _passport(central, context)
    token = _token(pg_url, tmp_path, "delete")
    head, body, signature = token.split(".")
    claims = body[:-4] + ("AAAA" if body[-4:] != "AAAA" else "BBBB")
    forged = make_token(Ed25519PrivateKey.generate(), "delete", "Sanne", 10)  # a key the store never got
    for bad in (f"{head}.{claims}.{signature}", forged, "v1.niets.niets", "zomaar-iets"):
        proc = _with_token(pg_url, tmp_path, bad, "delete", pid, "--zeker")
        assert proc.returncode == 2 and "E322" in proc.stderr and "Traceback" not in proc.stderr, bad
    # Made an hour ago with the admin machine's own key, for 15 minutes: signed well, but over.
    own_key = Ed25519PrivateKey.from_private_bytes((tmp_path / "keys" / "admin-token.key").read_bytes())
    expired = make_token(own_key, "delete", "Sanne", 15, now=time.time() - 3600)
    proc = _with_token(pg_url, tmp_path, expired, "delete", pid, "--zeker")
    assert proc.returncode == 2 and "E323" in proc.stderr and "Traceback" not in proc.stderr
    assert central.passport(pid).person.nickname == MARK, "nothing was erased"
