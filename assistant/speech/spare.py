"""One synthesis process started ahead and waiting for its text.

A synthesis process spends most of its CPU on starting Python and loading pyttsx3 and espeak-ng, before it
has a text. Started ahead, in the quiet after a screen is drawn and read, that work is done before the
next screen comes: the next text is spoken sooner, and the process does not take the CPU from the screen
being drawn. Used by the terminal kiosk's speaker and the web kiosk's speech files.
"""

from __future__ import annotations

import subprocess
import threading

from assistant.speech.synth import start_synth_process


class SpareProcess:
    """Hands out synthesis processes (`take`) and keeps one started and waiting (`refill`)."""

    def __init__(self, nice: int = 0) -> None:
        self.nice = nice
        self._waiting: subprocess.Popen[str] | None = None
        self._closed = False
        self._lock = threading.Lock()

    def refill(self) -> None:
        """Starts the waiting process, unless one waits already or this is closed."""
        with self._lock:
            if self._waiting is None and not self._closed:
                self._waiting = start_synth_process(self.nice)

    def take(self) -> subprocess.Popen[str]:
        """The waiting process, or a new one if none waits (a process serves one text)."""
        with self._lock:
            process, self._waiting = self._waiting, None
        if process is not None:
            if process.poll() is None:
                return process
            process.communicate()  # one that died while it waited: its pipes are closed, a new one starts
        return start_synth_process(self.nice)

    def close(self) -> None:
        """Ends the waiting process; nothing is started after this."""
        with self._lock:
            self._closed = True
            process, self._waiting = self._waiting, None
        if process is not None:
            process.kill()
            process.communicate()
