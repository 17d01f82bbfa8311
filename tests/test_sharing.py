"""The holder owns the passport: nothing leaves without a recorded consent, consent can be withdrawn or run
out, erasing leaves no trace of the person, and every access is logged. Faults get plain messages."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from assistant import sharing
from assistant.coach_accounts import add_user
from assistant.context import AppContext
from assistant.errors import AssistantError, StorageError
from assistant.interview.records import Verdict
from assistant.interview.session import InterviewSession
from assistant.passport.review import Review
from assistant.storage.field_cipher import TOKEN_PREFIX
from assistant.storage.person_keys import PersonKeys
from tests.conftest import ASSISTENT, coach_session, open_store_at

PASSWORD = "een-lang-wachtwoord"
#: A sealed field as it lies in the file's bytes: p1:<owner>:<key tag>:<Fernet token> (see person_keys).
SEALED = re.compile(
    rb"p1:[^:\"\s]+:[0-9a-f]{16}:" + re.escape(TOKEN_PREFIX.encode()) + rb"[A-Za-z0-9_\-]+={0,2}"
)

MARK = "Zwaluwstaart7731"  # a word nobody else types: if it is in the file, the person is still there


def _passport(context: AppContext, name: str = MARK) -> str:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text=name)
    session.answer(values=["ja"])
    session.answer(values=["anders"])
    session.answer(text=f"ik metselde muren bij {name} bouw")
    for p in session.pending():
        session.confirm(p.skill_ref, Verdict.YES)
    while not session.finished:
        session.skip()
    passport = session.finish()
    Review(context.store, passport.id, coach_session(context.store, "Sanne")).add_note(
        f"Sterk in metselwerk, {name}."
    )
    return passport.id


def _run(context: AppContext, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ASSISTENT), *args, "--db", str(context.settings.database)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "ASSISTENT_DATA_DIR": str(context.settings.data_dir)},
    )


def _give(context: AppContext, pid: str, parts: list[str], until: date | None = None) -> str:
    return sharing.give_consent(
        context.store, pid, parts, "employer", "Bouwbedrijf De Hoek", "Sollicitatie als metselaar",
        until or date.today() + timedelta(days=30), "balie",
    ).id  # fmt: skip


def test_nothing_is_exported_without_consent(context: AppContext, tmp_path: Path) -> None:
    pid = _passport(context)
    out = tmp_path / "p.json"
    proc = _run(context, "export", pid, "--format", "json", "--out", str(out))
    assert proc.returncode == 2 and "E505" in proc.stderr and "toestemming" in proc.stderr
    assert not out.exists()


def test_only_the_consented_parts_go_out_and_the_export_is_logged(
    context: AppContext, tmp_path: Path
) -> None:
    pid = _passport(context)
    consent = _give(context, pid, ["skills"])
    out = tmp_path / "p.json"
    proc = _run(context, "export", pid, "--format", "json", "--toestemming", consent, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["skills"], "the skills were consented"
    assert data["experiences"] == [] and data["notes"] == [] and data["ambitions"] == []
    assert "metselde" not in out.read_text(encoding="utf-8"), "own words are evidence: not consented"
    [entry] = [e for e in context.store.access_log(pid) if e.action == "exported"]
    assert entry.detail["receiver"] == "Bouwbedrijf De Hoek" and entry.detail["consent"] == consent


def test_withdrawn_expired_or_foreign_consent_shares_nothing(context: AppContext) -> None:
    pid = _passport(context)
    withdrawn = _give(context, pid, ["skills"])
    assert _run(context, "toestemming", "intrekken", withdrawn).returncode == 0
    proc = _run(context, "export", pid, "--toestemming", withdrawn)
    assert proc.returncode == 2 and "ingetrokken" in proc.stderr and proc.stdout == ""

    expired = _give(context, pid, ["skills"], until=date.today() - timedelta(days=1))
    proc = _run(context, "export", pid, "--toestemming", expired)
    assert proc.returncode == 2 and "E503" in proc.stderr and proc.stdout == ""

    other = _passport(context, name="Iemand")
    proc = _run(context, "export", other, "--toestemming", _give(context, pid, ["skills"]))
    assert proc.returncode == 2 and "E501" in proc.stderr
    proc = _run(context, "export", pid, "--toestemming", "bestaatniet")
    assert proc.returncode == 2 and "E504" in proc.stderr


@pytest.mark.parametrize(
    ("parts", "receiver", "purpose"),
    [([], "X", "Y"), (["skills"], "", "Y"), (["skills"], "X", "\x07"), (["geheimen"], "X", "Y")],
)
def test_an_incomplete_consent_is_refused_plainly(
    context: AppContext, parts: list[str], receiver: str, purpose: str
) -> None:
    pid = _passport(context)
    with pytest.raises(AssistantError) as caught:
        sharing.give_consent(context.store, pid, parts, "school", receiver, purpose, date.today(), "balie")  # type: ignore[arg-type]
    assert caught.value.code == "E506"
    assert context.store.consents(pid) == []


def _file_bytes(database: Path) -> bytes:
    parts = [database, database.with_name(database.name + "-wal")]
    return b"".join(p.read_bytes() for p in parts if p.exists())


def _unsealed(data: bytes, keys: PersonKeys) -> list[str]:
    """Every sealed text found anywhere in the raw bytes (live rows, free pages, the WAL), opened with the
    region key and the persons' data keys: what someone holding the file and every key could read."""
    texts = []
    for token in SEALED.findall(data):
        try:
            texts.append(keys.open(token.decode()) or "")
        except AssistantError:
            continue  # a token cut off by a page boundary, or overwritten
    return texts


def test_delete_erases_every_trace_and_leaves_one_anonymous_log_line(context: AppContext) -> None:
    pid = _passport(context)
    keep = _passport(context, name="Blijft")
    _give(context, pid, ["skills", "experiences"])
    context.store.log_access("Sanne", "viewed", pid, {})
    before = _file_bytes(context.settings.database)
    assert pid.encode() in before and MARK.encode() not in before, "the words are sealed from the start"
    # The check below can fail: before the erasure the person's name can be read from the file's bytes.
    assert any(MARK in text for text in _unsealed(before, context.store.keys))

    proc = _run(context, "delete", pid)
    assert proc.returncode == 1 and "--zeker" in proc.stdout, "asks first"
    assert context.store.passport(pid).id == pid

    add_user(context.store, "Ilse", PASSWORD)
    proc = _run(context, "delete", pid, "--zeker", "--inloggen", stdin=f"Ilse\n{PASSWORD}\n")
    assert proc.returncode == 0, proc.stderr
    with pytest.raises(StorageError):
        context.store.passport(pid)
    assert context.store.passport(keep).person.nickname == "Blijft", "other people are untouched"
    context.store.close()
    data = _file_bytes(context.settings.database)
    assert MARK.encode() not in data and MARK.encode("utf-16-le") not in data
    assert not [text for text in _unsealed(data, context.store.keys) if MARK in text], "nothing sealed left"
    assert pid.encode() not in data, "not even the id remains"
    with sqlite3.connect(context.settings.database) as db:
        deletions = db.execute(
            "SELECT actor, passport_id, detail FROM access_log WHERE action = 'deleted'"
        ).fetchall()
    assert [(actor, passport, context.store.keys.open(d)) for actor, passport, d in deletions] == [
        ("Ilse", None, "{}")
    ]


def test_every_access_is_in_the_log(context: AppContext) -> None:
    pid = _passport(context)
    consent = _give(context, pid, ["skills"])
    add_user(context.store, "Ilse", PASSWORD)
    login = f"Ilse\n{PASSWORD}\n"
    assert _run(context, "export", pid, "--toestemming", consent, "--inloggen", stdin=login).returncode == 0
    sharing.withdraw_consent(context.store, consent, "balie")
    actions = [(e.actor, e.action) for e in context.store.access_log(pid)]
    assert ("balie", "consent-given") in actions
    assert ("Ilse", "exported") in actions
    assert ("balie", "consent-withdrawn") in actions
    proc = _run(context, "log", pid)
    assert "exported" in proc.stdout and "Ilse" in proc.stdout


def test_writing_an_export_where_it_cannot_go_loses_nothing(context: AppContext, tmp_path: Path) -> None:
    pid = _passport(context)
    consent = _give(context, pid, ["skills"])
    not_a_folder = tmp_path / "bestand"
    not_a_folder.write_text("x", encoding="utf-8")
    proc = _run(context, "export", pid, "--toestemming", consent, "--out", str(not_a_folder / "p.json"))
    assert proc.returncode == 2 and "E311" in proc.stderr and "niets verloren" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert context.store.passport(pid).id == pid


def test_a_full_disk_gives_a_plain_message_and_keeps_earlier_answers(context: AppContext) -> None:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text="Noor")
    pages = context.store.sqlite_connection().execute("PRAGMA page_count").fetchone()[0]
    context.store.sqlite_connection().execute(
        f"PRAGMA max_page_count = {pages}"
    )  # the file may not grow: as a full disk
    with pytest.raises(StorageError) as caught:
        for _ in range(200):
            context.store.log_access("Sanne", "viewed", None, {"pad": "x" * 4000})
    assert caught.value.code == "E303" and "niets verloren" in caught.value.user_message()
    assert "full" in str(caught.value), "SQLite's own reason is kept for the person who fixes it"
    assert context.store.answers(session.id)["naam"].text == "Noor"


def test_a_read_only_data_folder_gives_a_plain_message(context: AppContext, tmp_path: Path) -> None:
    pid = _passport(context)
    context.store.close()
    # Outside pytest's own folder (mode 0700), so the kiosk user can reach the files and only writing fails.
    base = Path(tempfile.mkdtemp(prefix="alleen-lezen-"))
    os.chmod(base, 0o755)
    folder = base / "data"
    folder.mkdir()
    database = folder / "kiosk.sqlite3"
    shutil.copy(context.settings.database, database)
    # The persons' data keys live beside the store, in their own file (assistant/storage/person_keys.py).
    shutil.copy(f"{context.settings.database}-sleutels", f"{database}-sleutels")
    for path in (folder, database):
        os.chmod(path, 0o555 if path.is_dir() else 0o444)
    # Root may write anywhere a mode forbids. Marked immutable, the files refuse root too, and the command
    # runs from wherever the checkout lives (even a private folder that "nobody" cannot enter). Where the
    # file system has no immutable flag, the command runs as "nobody" instead.
    immutable = os.geteuid() == 0 and _chattr("+i", database, folder)
    drop = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    if os.geteuid() != 0 or immutable:
        drop = []
    elif shutil.which("setpriv") is None:
        pytest.skip("no immutable flag here, and setpriv (util-linux) is needed to drop root")
    try:
        proc = subprocess.run(
            [*drop, str(ASSISTENT), "delete", pid, "--zeker", "--db", str(database)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, "ASSISTENT_DATA_DIR": str(folder), "HOME": str(folder)},
        )
    finally:
        if immutable:
            _chattr("-i", database, folder)
    assert proc.returncode == 2, proc.stderr
    assert "E303" in proc.stderr and "niets verloren" in proc.stderr and "Traceback" not in proc.stderr
    os.chmod(folder, 0o755)
    try:
        assert open_store_at(database).passport(pid).id == pid, "nothing was lost"
    finally:
        shutil.rmtree(base)


def _chattr(flag: str, *paths: Path) -> bool:
    """Sets or clears the immutable flag; False where the file system or the tool cannot."""
    if shutil.which("chattr") is None:
        return False
    done = subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True, check=False)
    return done.returncode == 0
