"""Load and faults, on loopback with real processes: twenty kiosk processes at once (each its own
interpreter, SQLite file and background sender; see tests/kiosk_processes.py) against one PostgreSQL, the
server stopped and started while they work, and a sending kiosk process killed with SIGKILL.

Afterwards every answer of every kiosk is in the central store exactly once: each desk's events were
applied once each, in the order they were made (sequence numbers 1..N without a gap or a repeat), and the
central store holds exactly what each kiosk process typed and confirmed (recorded as it typed it, not read
back from the kiosk's own store), and the central rows equal the kiosk's own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections import defaultdict
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from assistant.context import AppContext
from assistant.storage import Store
from assistant.storage.field_cipher import FieldCipher
from tests.conftest import ASSISTENT
from tests.kiosk_processes import Desk, ProcessLoadResult, Report, run_kiosk_processes
from tests.pg_server import PostgresServer

# Real PostgreSQL servers, twenty kiosks at once, a server stopped, a sender SIGKILLed: 8-15 s per test.
pytestmark = pytest.mark.slow


def _events_made(store: Store) -> int:
    # The outbox's sequence (AUTOINCREMENT) counts every event this desk ever made.
    row = (
        store.sqlite_connection().execute("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").fetchone()
    )
    return int(row[0]) if row else 0


def _assert_as_typed(report: Report, central: Store) -> None:
    """The central store holds what the kiosk process typed: per interview, the same questions answered
    (besides those filled in from earlier answers), each with the values and text last typed for it, and
    "ja" on exactly the skills it confirmed."""
    typed: dict[str, dict[str, tuple[tuple[str, ...], str | None]]] = defaultdict(dict)
    for t in report.typed:
        typed[t.session_id][t.question_id] = (t.values, t.text)  # a question asked again: the last one counts
    confirmed: dict[str, set[str]] = defaultdict(set)
    for session_id, skill_ref in report.confirmed:
        confirmed[session_id].add(skill_ref)
    assert len(typed) == report.interviews > 0
    for session_id, answers in typed.items():
        stored = {q: a for q, a in central.answers(session_id).items() if a.inferred_from is None}
        assert set(stored) == set(answers), f"{report.name}: the questions it answered"
        for question_id, (values, text) in answers.items():
            assert (tuple(stored[question_id].values), stored[question_id].text) == (values, text), (
                f"{report.name} {question_id}: as typed"
            )
        said_yes = {p.skill_ref for p in central.proposals(session_id) if p.verdict == "ja"}
        assert said_yes == confirmed[session_id], f"{report.name}: the skills it confirmed"


def _assert_all_there_once(result: ProcessLoadResult, central: Store) -> None:
    assert result.waiting_after == 0, "every outbox is empty"
    assert len({d.report.pid for d in result.desks if d.report}) == len(result.desks), "one process each"
    for kiosk in result.desks:
        assert kiosk.report is not None and kiosk.store is not None, f"{kiosk.name} reported back"
        assert kiosk.report.error is None, f"{kiosk.name}: {kiosk.report.error}"
        assert kiosk.report.pid != os.getpid()
        _assert_as_typed(kiosk.report, central)
        made = _events_made(kiosk.store)
        seqs = [seq for _event, _origin, seq in central.applied_events(kiosk.store.origin)]
        assert seqs == list(range(1, made + 1)), f"{kiosk.name}: each event once, in order"
        sessions = kiosk.store.sessions(("active", "paused", "finished"))
        assert len(sessions) == kiosk.report.interviews
        for session in sessions:
            assert central.session(session.id) == session
            assert central.answers(session.id) == kiosk.store.answers(session.id)
            assert central.proposals(session.id) == kiosk.store.proposals(session.id)
            if session.passport_id:
                assert central.passport(session.passport_id) == kiosk.store.passport(session.passport_id)


def test_twenty_kiosks_at_once_deliver_every_answer_exactly_once(
    context: AppContext, tmp_path: Path, pg_url: str
) -> None:
    key = Fernet.generate_key()
    cipher = FieldCipher(key)
    result = run_kiosk_processes(
        tmp_path, pg_url, key, context.dialogue, context.matcher, kiosks=20, interviews=2
    )
    central = Store(pg_url, cipher)
    try:
        _assert_all_there_once(result, central)
        assert sum(d.report.interviews for d in result.desks if d.report) == 40
    finally:
        central.close()
        _close(result)
    print(
        f"\n20 kiosk processes: {result.answers} answers in {result.interview_seconds:.1f} s, "
        f"outboxes empty {result.drain_seconds:.1f} s later"
    )


def _close(result: ProcessLoadResult) -> None:
    for desk in result.desks:
        if desk.store is not None:
            desk.store.close()


def test_the_server_stopped_in_the_middle_loses_and_repeats_nothing(
    context: AppContext, tmp_path: Path
) -> None:
    key = Fernet.generate_key()
    cipher = FieldCipher(key)
    with PostgresServer(tmp_path / "pg") as server:
        url = server.create_database("regio")
        Store(url, cipher).close()  # migrated before the kiosks start
        outage: dict[str, float] = {}

        def stop_and_start(desks: list[Desk]) -> None:
            # Stopped once the kiosks are at work, not after a fixed time: without a person's think time
            # twenty processes finished their interviews before a slow `pg_ctl stop` returned (CI).
            at_work_by = time.monotonic() + 60
            while sum(d.answers for d in desks) < 20 and time.monotonic() < at_work_by:
                time.sleep(0.01)
            server.stop()
            outage["stopped"] = time.monotonic()
            answers_before = sum(d.answers for d in desks)
            time.sleep(4)
            outage["answers while down"] = sum(d.answers for d in desks) - answers_before
            outage["waiting"] = sum(d.store.outbox_size() for d in desks if d.store is not None)
            server.start()
            outage["seconds"] = time.monotonic() - outage["stopped"]

        result = run_kiosk_processes(
            tmp_path / "desks",
            url,
            key,
            context.dialogue,
            context.matcher,
            kiosks=20,
            interviews=2,
            during=stop_and_start,
            think=0.2,
        )
        central = Store(url, cipher)
        try:
            assert outage["seconds"] >= 4
            assert outage["answers while down"] > 0 and outage["waiting"] > 0, (
                "they went on while it was down"
            )
            _assert_all_there_once(result, central)
            assert sum(d.report.interviews for d in result.desks if d.report) == 40, (
                "every interview went on while it was down"
            )
        finally:
            central.close()
            _close(result)
        print(
            f"\nserver down {outage['seconds']:.1f} s mid-interview: {outage['answers while down']:.0f} answers "
            f"saved meanwhile, {outage['waiting']:.0f} events waiting; all {result.answers} answers arrived once"
        )


def _fill_outbox(store: Store, sessions: int, answers: int) -> dict[str, dict[str, str]]:
    """Saves `answers` typed answers in each of `sessions` interviews; returns them as typed."""
    from assistant.dialogue.engine import Answer

    typed: dict[str, dict[str, str]] = {}
    for n in range(sessions):
        record = store.create_session("intake", 1, "nl", ["naam"])
        history = ["naam"]
        for q in range(answers):
            history.append(f"vraag{q}")
            answer = Answer(question_id=f"vraag{q}", status="answered", text=f"antwoord {n}-{q}")
            store.save_step(record.id, history, answer)
            typed.setdefault(record.id, {})[f"vraag{q}"] = f"antwoord {n}-{q}"
    return typed


def test_a_kiosk_killed_in_the_middle_of_sending_finishes_after_restart_without_doubles(
    tmp_path: Path, pg_url: str
) -> None:
    key = Fernet.generate_key()
    cipher = FieldCipher(key)
    desk = tmp_path / "loket"
    local = Store(desk / "kiosk.sqlite3", cipher, outbox=True)
    typed = _fill_outbox(local, sessions=40, answers=25)
    made = _events_made(local)
    assert local.outbox_size() == made == 40 * 26
    central = Store(pg_url, cipher)
    env = {
        **os.environ,
        "ASSISTENT_DATA_DIR": str(desk),
        "ASSISTENT_DB_PATH": str(desk / "kiosk.sqlite3"),
        "ASSISTENT_CENTRAL_URL": pg_url,
        "ASSISTENT_STORE_KEY": key.decode(),
    }
    try:
        sender = subprocess.Popen(
            [str(ASSISTENT), "sync", "--batch", "3"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while len(central.applied_events()) < 100 and time.monotonic() < deadline and sender.poll() is None:
            time.sleep(0.02)
        sender.send_signal(signal.SIGKILL)
        sender.wait(10)
        assert sender.stderr is not None
        sender.stderr.close()
        arrived = len(central.applied_events())
        assert 100 <= arrived < made, "killed in the middle of sending"

        again = subprocess.run(
            [str(ASSISTENT), "sync"], env=env, capture_output=True, text=True, timeout=120, check=False
        )
        assert again.returncode == 0, again.stderr
        assert local.outbox_size() == 0
        seqs = [seq for _event, _origin, seq in central.applied_events(local.origin)]
        assert seqs == list(range(1, made + 1)), "each event once, in order"
        assert len(typed) == 40
        for session_id, answers in typed.items():
            assert {q: a.text for q, a in central.answers(session_id).items()} == answers, "as typed"
        for session in local.sessions():
            assert central.answers(session.id) == local.answers(session.id)
    finally:
        central.close()
        local.close()


def test_a_sender_thread_keeps_trying_while_the_server_is_away(tmp_path: Path) -> None:
    from assistant.storage.sync import SyncWorker

    cipher = FieldCipher(Fernet.generate_key())
    with PostgresServer(tmp_path / "pg") as server:
        url = server.create_database("regio")
        server.stop()
        local = Store(tmp_path / "kiosk.sqlite3", cipher, outbox=True)
        _fill_outbox(local, sessions=2, answers=3)
        worker = SyncWorker(
            lambda: Store(tmp_path / "kiosk.sqlite3", cipher, outbox=True),
            lambda: Store(url, cipher),
            lock_path=tmp_path / "lock",
            interval=0.1,
            max_wait=0.5,
        )
        worker.start()
        try:
            time.sleep(1)
            assert worker.status.reachable is False and worker.status.last_error == "E312"
            assert local.outbox_size() == 8
            server.start()
            deadline = time.monotonic() + 20
            while local.outbox_size() and time.monotonic() < deadline:
                threading.Event().wait(0.1)
            assert local.outbox_size() == 0 and worker.status.reachable is True
        finally:
            worker.stop()
            local.close()
