"""A real kiosk process in a terminal is killed with SIGKILL mid-interview; a new kiosk keeps every answer
given before the kill and, with the interview's code (never without it), goes on where it stopped.

The kill comes the moment the screen shows the next question, without looking in the database first: the
kiosk moves on only after an answer is committed, so what the person saw accepted must survive the kill.
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.context import load_context
from assistant.skills.assembly import as_proposer
from assistant.skills.matcher import SkillMatcher
from assistant.storage.backup import is_intact, list_backups
from assistant.ui.answer_widgets.text import AnswerBox
from assistant.ui.app import make_app
from assistant.ui.screens import QuestionScreen, WelcomeScreen
from tests.conftest import ASSISTENT

#: Terminal control sequences, removed so the words on the screen can be searched.
CONTROL = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


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
        self.screen = b""
        """Everything the kiosk wrote since the last `send`, without control sequences."""

    def drain(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self._read(0.05)

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], wait)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:
            return False
        self.screen = (self.screen + CONTROL.sub(b"", chunk))[-200_000:]
        return bool(chunk)

    def wait_for(self, words: str, timeout: float) -> bool:
        """Reads the screen until `words` appear on it (True), or `timeout` seconds pass (False)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if words.encode() in self.screen:
                return True
            if not self._read(0.05):
                return False
        return words.encode() in self.screen

    def send(self, keys: str) -> None:
        self.screen = b""
        os.write(self.master, keys.encode())

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        os.close(self.master)


@pytest.mark.slow
async def test_resume_after_kill_minus_nine(tmp_path: Path, matcher: SkillMatcher) -> None:
    db = tmp_path / "kiosk.sqlite3"
    term = Terminal(db)
    try:
        assert term.wait_for("Beginnen", 90), "the welcome screen is up"
        term.drain(1)
        term.send("\r")  # Beginnen
        assert term.wait_for("noemen", 30), "Hoe mogen we u noemen?"
        term.drain(0.5)
        term.send("Kees\r")
        assert term.wait_for("betaald", 30), "Heeft u nu betaald werk?"
        term.drain(0.5)
        term.send("1")  # werk_nu: Ja
        # The next question on the screen means the answer was accepted: kill now, without a look in the
        # database, so a commit that had not really reached the file would show up as a lost answer.
        assert term.wait_for("soort werk", 30), "Wat voor soort werk doet of deed u?"
        assert term.proc.poll() is None, "the kiosk is still running when it is killed"
    finally:
        term.kill()
    assert term.proc.returncode == -signal.SIGKILL
    backups = list_backups(db)
    assert backups and is_intact(backups[0].path), "the kiosk made a backup of its store at its start"

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
        assert app.screen.query_one("#answer", AnswerBox).text == "Kees"
    context.store.close()
