"""A real kiosk process in a terminal is killed with SIGKILL mid-interview; a new kiosk keeps every answer
given before the kill and, with the interview's code (never without it), goes on where it stopped."""

from __future__ import annotations

import os
import pty
import select
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.context import load_context
from assistant.skills.assembly import as_proposer
from assistant.skills.matcher import SkillMatcher
from assistant.ui.app import make_app
from assistant.ui.screens import QuestionScreen, WelcomeScreen
from tests.conftest import ASSISTENT


class Terminal:
    """The kiosk running in a pseudo-terminal, as on a real screen; keys go in, the screen is drained."""

    def __init__(self, db: Path) -> None:
        self.master, slave = pty.openpty()
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": "100",
            "LINES": "40",
            "ASSISTENT_DB_PATH": str(db),
        }
        self.proc = subprocess.Popen(
            [str(ASSISTENT), "kiosk"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)

    def drain(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    os.read(self.master, 65536)
                except OSError:
                    return

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())
        self.drain(0.3)

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        os.close(self.master)


def _wait_for(db: Path, sql: str, want: int, timeout: float, term: Terminal) -> int:
    end = time.monotonic() + timeout
    count = 0
    while time.monotonic() < end:
        term.drain(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db) as conn:
                    count = conn.execute(sql).fetchone()[0]
            except sqlite3.OperationalError:
                count = 0
            if count >= want:
                return count
    return count


@pytest.mark.slow
async def test_resume_after_kill_minus_nine(tmp_path: Path, matcher: SkillMatcher) -> None:
    db = tmp_path / "kiosk.sqlite3"
    term = Terminal(db)
    try:
        assert _wait_for(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sessions'", 1, 60, term) == 1
        term.drain(3)  # the welcome screen is up
        term.send("\r")  # Beginnen
        assert _wait_for(db, "SELECT COUNT(*) FROM sessions", 1, 30, term) == 1
        term.drain(1)
        term.send("Kees\r")
        assert _wait_for(db, "SELECT COUNT(*) FROM answers", 1, 30, term) == 1
        term.drain(1)
        term.send("1")  # werk_nu: Ja
        assert _wait_for(db, "SELECT COUNT(*) FROM answers", 2, 30, term) == 2
        assert term.proc.poll() is None, "the kiosk is still running when it is killed"
    finally:
        term.kill()
    assert term.proc.returncode == -signal.SIGKILL

    context = load_context(Settings(data_dir=tmp_path, db_path=db))
    context.matcher._matcher = as_proposer(matcher)
    app = make_app(context)
    async with app.run_test(size=(100, 40)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.screen.query("#resume"), "the next person is not offered the unfinished interview"
        (left,) = context.store.sessions(("paused",))
        assert context.store.answers(left.id)["naam"].text == "Kees", "paused at start, nothing lost"
        # Only its code opens it. The killed kiosk never showed one, so the store draws a fresh one here,
        # as the pause screen would have.
        code = context.store.new_resume_code(left.id)
        await pilot.click("#code")
        await pilot.pause()
        app.screen.query_one("#code-input").value = code
        await pilot.click("#submit")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question.id == "werk_sector"
        assert "Vraag 3 van" in str(app.screen.query_one("#progress-text").content)
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.question.id == "naam"
        assert app.screen.query_one("#answer").value == "Kees"
    context.store.close()
