"""Throttles that survive restarts: wrong resume codes per desk and failed coach logins per account are counted
in the store (SQLite and the central PostgreSQL), the wait grows, a right code or login after the wait works,
a burst is a warning line in the log without any name or code, and nothing typed is kept in plain text."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from assistant.coach_accounts import AccountError, LoginThrottle, add_user, login
from assistant.context import AppContext, load_context
from assistant.errors import AssistantError, InputError
from assistant.interview import desk
from assistant.interview.session import InterviewSession
from assistant.resume_code import Attempts
from assistant.storage import Store
from assistant.storage.field_cipher import FieldCipher
from assistant.ui.app import make_app
from assistant.ui.resume_screens import CodeScreen
from tests.conftest import open_store_at
from tests.test_kiosk_app import SIZE

PASSWORD = "paarse-olifant-42"


class Clock:
    """Wall-clock seconds the test moves forward; the store keeps them, so every store opened shares it."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def _wrong_for(code: str) -> str:
    return "12345678" if code != "12345678" else "87654321"


def _code_refused(store: Store, attempts: Attempts, code: str) -> str:
    with pytest.raises(InputError) as refused:
        desk.find_by_code(store, attempts, code, 30)
    return refused.value.code


def test_wrong_codes_are_counted_across_a_restart_and_the_wait_doubles(context: AppContext) -> None:
    db = context.settings.database
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    code = session.ensure_resume_code()
    session.pause()
    context.store.close()
    clock = Clock()

    store = open_store_at(db)
    for _ in range(3):
        assert _code_refused(store, Attempts(clock=clock), _wrong_for(code)) == "E107"
    store.close()

    store = open_store_at(db)  # the kiosk restarted: a new process, a new Attempts, the same count
    attempts = Attempts(clock=clock)
    for _ in range(2):
        assert _code_refused(store, attempts, _wrong_for(code)) == "E107"
    assert attempts.seconds_left(store, store.origin) == 60, "the fifth wrong code: a minute"
    assert _code_refused(store, attempts, code) == "E332", "even the right code waits, and is told how long"

    clock.now += 60
    assert _code_refused(store, attempts, _wrong_for(code)) == "E107"
    assert attempts.seconds_left(store, store.origin) == 120, "each wrong code after the wait doubles it"
    clock.now += 120
    assert _code_refused(store, attempts, _wrong_for(code)) == "E107"
    assert attempts.seconds_left(store, store.origin) == 240
    for _ in range(10):
        clock.now += attempts.seconds_left(store, store.origin)
        _code_refused(store, attempts, _wrong_for(code))
    assert attempts.seconds_left(store, store.origin) == 3600, "never more than an hour"

    clock.now += 3600
    hit = desk.find_by_code(store, attempts, code, 30)
    assert (hit.record.id, hit.code) == (session.id, code), "after the wait the right code works"
    store.close()


def test_failed_logins_are_counted_across_a_restart_and_a_good_login_after_the_wait_works(
    tmp_path: Path,
) -> None:
    db = tmp_path / "coach.sqlite3"
    clock = Clock()
    store = open_store_at(db)
    add_user(store, "Sanne", PASSWORD)
    for _ in range(3):
        with pytest.raises(AssistantError, match="E309"):
            login(store, "Sanne", "nog-steeds-fout", LoginThrottle(clock=clock))
    store.close()

    store = open_store_at(db)  # the coach app restarted
    throttle = LoginThrottle(clock=clock)
    for _ in range(2):
        with pytest.raises(AssistantError, match="E309"):
            login(store, "Sanne", "nog-steeds-fout", throttle)
    with pytest.raises(AccountError) as blocked:
        login(store, "Sanne", PASSWORD, throttle)
    assert blocked.value.user_message() == "Te vaak fout. Wacht nog 30 seconden."
    assert throttle.seconds_left_for(store, "Ander") == 0, "counted per account: another is not held up"

    clock.now += 30
    with pytest.raises(AssistantError, match="E309"):
        login(store, "Sanne", "weer-fout-na-het-wachten", throttle)
    assert throttle.seconds_left_for(store, "Sanne") == 60, "one more wrong after the wait: twice as long"
    clock.now += 60
    assert login(store, "Sanne", PASSWORD, throttle).name == "Sanne", "after the wait the right one works"
    with pytest.raises(AssistantError, match="E309"):
        login(store, "Sanne", "nog-steeds-fout", throttle)
    assert throttle.seconds_left_for(store, "Sanne") == 0, "a good login starts the count again"
    store.close()


def test_a_burst_is_a_warning_in_the_log_without_the_name_or_what_was_typed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = open_store_at(tmp_path / "coach.sqlite3")
    add_user(store, "Sanne", PASSWORD)
    throttle = LoginThrottle(clock=Clock())
    caplog.set_level(logging.WARNING, logger="assistant.throttle")
    for attempt in range(5):
        assert not caplog.records, "a few mistakes are not an alert"
        with pytest.raises(AssistantError):
            login(store, "Sanne", f"geraden-wachtwoord-{attempt}", throttle)
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    message = record.getMessage()
    assert "coach-login" in message and "5 failures" in message and "one account" in message
    assert "30 s" in message
    assert "Sanne" not in message and "geraden" not in message
    store.close()


def test_the_store_keeps_no_name_or_code_as_typed(tmp_path: Path) -> None:
    db = tmp_path / "coach.sqlite3"
    store = open_store_at(db)
    typed_name = "wachtwoord-in-het-naamveld"
    with pytest.raises(AssistantError):
        login(store, typed_name, "wat-dan-ook-123", LoginThrottle(clock=Clock()))
    with sqlite3.connect(db) as conn:
        keys = [k for (k,) in conn.execute("SELECT key FROM throttles")]
    store.close()
    assert len(keys) == 1 and keys[0].startswith("coach-login:"), "the count is there"
    assert typed_name not in keys[0], "under a keyed hash, not the name as typed"
    assert keys[0] != "coach-login:" + typed_name


async def test_the_kiosk_restarted_still_makes_the_desk_wait(context: AppContext) -> None:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    code = session.ensure_resume_code()
    session.pause()

    async def type_code(app, pilot, typed: str) -> str:
        app.screen.query_one("#code-input", Input).value = typed
        await pilot.click("#submit")
        await pilot.pause()
        assert isinstance(app.screen, CodeScreen)
        return str(app.screen.query_one("#error", Static).content)

    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#code")
        await pilot.pause()
        for _ in range(5):
            assert "code kennen we niet" in await type_code(app, pilot, _wrong_for(code))
    context.store.close()

    restarted = load_context(context.settings)
    restarted.matcher._matcher = context.matcher._matcher
    app = make_app(restarted)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.click("#code")
            await pilot.pause()
            assert "Te vaak een verkeerde code" in await type_code(app, pilot, code), "the wait survived"
            assert app.session is None
    finally:
        restarted.store.close()


def test_two_coach_machines_on_the_central_store_share_the_count(pg_url: str) -> None:
    cipher = FieldCipher(os.environ["ASSISTENT_STORE_KEY"])
    first, second = Store(pg_url, cipher), Store(pg_url, cipher)
    try:
        add_user(first, "Sanne", PASSWORD)
        clock = Clock()
        for store in (first, second, first, second, first):
            with pytest.raises(AssistantError, match="E309"):
                login(store, "Sanne", "fout-op-twee-machines", LoginThrottle(clock=clock))
        with pytest.raises(AccountError):
            login(second, "Sanne", PASSWORD, LoginThrottle(clock=clock))
        clock.now += 30
        assert login(second, "Sanne", PASSWORD, LoginThrottle(clock=clock)).name == "Sanne"
    finally:
        first.close()
        second.close()
