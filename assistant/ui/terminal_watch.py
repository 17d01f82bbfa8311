"""Whether the terminal a kiosk was started in is still there.

When the terminal goes (its window closed, an SSH or tmux session ended) the kiosk is normally sent a
hangup and stops. Started through `make run` in tmux it was not, and Textual's input thread then read
"nothing" from the dead terminal in a loop, at full speed, for as long as the machine ran: the desk's two
cores went to a kiosk nobody could see. Every answer is saved when it is given, so a kiosk whose terminal
is gone can simply stop.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from textual.app import App

#: How often a running app looks at its terminal, in seconds.
CHECK_SECONDS = 2.0


def _is_terminal(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False


class TerminalWatch:
    """Watches one file descriptor that was a terminal; anything else (a pipe under textual-serve, a test
    without a terminal) is never reported gone."""

    def __init__(self, fd: int | None) -> None:
        self.fd = fd if fd is not None and _is_terminal(fd) else None

    @classmethod
    def of_stdin(cls) -> TerminalWatch:
        stream = sys.__stdin__
        try:
            return cls(stream.fileno() if stream is not None else None)
        except (OSError, ValueError):
            return cls(None)

    def gone(self) -> bool:
        """True once the terminal it watched has hung up."""
        return self.fd is not None and not _is_terminal(self.fd)


def stop_when_terminal_goes(app: App[Any]) -> None:
    """Lets a mounted app end itself once the terminal it was started in is gone. An interview left open is
    paused when the desk starts again (`desk.open_desk`), as after a crash."""
    watch = TerminalWatch.of_stdin()
    if watch.fd is None:
        return

    def check() -> None:
        if watch.gone():
            app.exit(return_code=1)

    app.set_interval(CHECK_SECONDS, check, name="terminal")
