"""The kiosk's voice. Saying something new, or `stop()`, ends the current sound at once; the UI never waits.

A synthesis process is always started and waiting (see `synth.py`), so a text becomes sound in tens of
milliseconds; a player process plays the file and is simply ended to interrupt. A background thread does
the waiting, never the UI.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shlex
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from assistant.speech.spare import SpareProcess
from assistant.speech.synth import synthesize
from assistant.speech.voices import NORMAL_RATE

DEFAULT_PLAYER = "aplay -q"


@dataclass(frozen=True)
class Started:
    """The player started `latency` seconds after `say()` was called (or it failed, with `error`)."""

    text: str
    latency: float
    ok: bool
    error: str | None = None


class Speaker:
    """Reads texts aloud in the background. Every method returns at once."""

    def __init__(self, player: str | None = None, enabled: bool = True, rate: int = NORMAL_RATE) -> None:
        self.player = shlex.split(player or os.environ.get("ASSISTENT_AUDIO_PLAYER") or DEFAULT_PLAYER)
        self.enabled = enabled
        self.rate = rate
        self.last: tuple[str, str] | None = None
        self._lock = threading.Lock()
        self._generation = 0
        self._spare = SpareProcess()
        self._closed = False
        self._playing: subprocess.Popen[bytes] | None = None
        self._events: queue.Queue[Started] = queue.Queue()
        self._folder = Path(tempfile.mkdtemp(prefix="assistent-spraak-"))

    def warm(self) -> None:
        """Starts the waiting synthesis process, so the first text is as quick as the rest."""
        self._spare.refill()  # does nothing once the speaker is closed

    def say(self, text: str, language: str = "nl") -> None:
        """Speaks `text` in `language`, ending whatever was being said."""
        self.last = (text, language)
        if not self.enabled or not text.strip():
            return
        asked = time.perf_counter()
        with self._lock:
            if self._closed:
                return  # a screen that arrives while the kiosk closes: a new process would be left behind
            self._generation += 1
            generation = self._generation
            self._stop_playing()
            process = self._spare.take()
            self._spare.refill()
        threading.Thread(
            target=self._speak, args=(generation, process, text, language, asked), daemon=True, name="spraak"
        ).start()

    def _speak(
        self, generation: int, process: subprocess.Popen[str], text: str, language: str, asked: float
    ) -> None:
        wav = self._folder / f"zin-{generation}.wav"
        try:
            synthesize(text, language, wav, self.rate, process)
            with self._lock:
                if generation != self._generation:
                    return  # the person moved on while this text was being made
                self._playing = subprocess.Popen(
                    [*self.player, str(wav)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            self._forget_before(generation)  # before it is reported, so a report means the old ones are gone
            self._events.put(Started(text, time.perf_counter() - asked, True))
        except Exception as exc:  # a broken voice or player must never stop the kiosk
            self._events.put(Started(text, time.perf_counter() - asked, False, str(exc)))

    def _forget_before(self, generation: int) -> None:
        # A screen's text can hold the person's name or words: its sound is kept no longer than needed.
        for old in self._folder.glob("zin-*.wav"):
            number = old.stem.removeprefix("zin-")
            if number.isdigit() and int(number) < generation:
                old.unlink(missing_ok=True)

    def replay(self) -> None:
        """The big "Lees voor" button: says the last text again, even when auto-reading is off."""
        if self.last is not None:
            was, self.enabled = self.enabled, True
            try:
                self.say(*self.last)
            finally:
                self.enabled = was

    def _stop_playing(self) -> None:
        if self._playing is not None and self._playing.poll() is None:
            self._playing.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._playing.wait(timeout=1)
        self._playing = None

    def stop(self) -> None:
        with self._lock:
            self._generation += 1
            self._stop_playing()

    def is_busy(self) -> bool:
        with self._lock:
            return self._playing is not None and self._playing.poll() is None

    def events(self, timeout: float = 0.0) -> list[Started]:
        """Reports since the last call: waits up to `timeout` for the first, then takes what is there."""
        out: list[Started] = []
        with contextlib.suppress(queue.Empty):
            out.append(self._events.get(timeout=timeout) if timeout else self._events.get_nowait())
            while True:
                out.append(self._events.get_nowait())
        return out

    def close(self) -> None:
        self.stop()
        with self._lock:
            self._closed = True
            self._spare.close()
        shutil.rmtree(self._folder, ignore_errors=True)
