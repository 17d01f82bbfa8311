"""A kiosk whose terminal goes away stops, instead of spinning on the dead terminal with both cores.

The unit test closes a pseudo-terminal under the watch; the end-to-end test starts the real kiosk in one,
with the hangup signal ignored (as it was when `make run` ran in a tmux session that was killed), closes the
terminal and expects the process to end."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from assistant.ui.terminal_watch import TerminalWatch


def test_a_closed_terminal_is_seen_as_gone_and_a_pipe_never_is() -> None:
    main, side = pty.openpty()
    watch = TerminalWatch(side)
    assert not watch.gone()
    os.close(main)
    assert watch.gone()
    os.close(side)
    read, write = os.pipe()
    try:
        assert not TerminalWatch(read).gone(), "no terminal to lose (textual-serve, tests)"
    finally:
        os.close(read)
        os.close(write)


def _read_until(fd: int, marker: bytes, seconds: float) -> bytes:
    seen = b""
    end = time.monotonic() + seconds
    while marker not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def test_the_kiosk_stops_when_its_terminal_is_gone(tmp_path: Path) -> None:
    _stops_after_hangup(tmp_path, "kiosk", b"Welkom")


def _stops_after_hangup(tmp_path: Path, command: str, first_screen: bytes) -> None:
    main, side = pty.openpty()
    env = {**os.environ, "ASSISTENT_DATA_DIR": str(tmp_path), "TERM": "xterm-256color"}
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "assistant", command],
        stdin=side,
        stdout=side,
        stderr=side,
        env=env,
        start_new_session=True,
        # No hangup arrives: only the kiosk's own watch can notice the terminal is gone.
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),
    )
    os.close(side)
    try:
        shown = _read_until(main, first_screen, 60)
        assert first_screen in shown, shown[-500:]
        os.close(main)
        kiosk.wait(timeout=20)
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
            raise AssertionError(f"{command} kept running after its terminal was gone")


def test_the_coach_app_stops_when_its_terminal_is_gone(tmp_path: Path) -> None:
    env = {**os.environ, "ASSISTENT_DATA_DIR": str(tmp_path)}
    made = subprocess.run(
        [sys.executable, "-m", "assistant", "coach", "add-user", "Sanne"],
        input="een-lang-wachtwoord\n",
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    _stops_after_hangup(tmp_path, "coach", b"Inloggen")
