"""Speech for the web kiosk: each screen's spoken text as a WAV file the page plays on arrival.

A page names its audio by a key; the text stays on the server. Texts anyone may hear (questions, choices,
the welcome) are kept in a cache folder, keyed by a hash of language, rate and text, so the next person gets
them at once. Texts that hold something of the person (their words on a "Klopt dit?" screen, their name,
their resume code) get a random key instead, since a hash of a text with an 8-digit code in it could be
guessed back, and their files are deleted when the person leaves (`forget_personal`). Synthesis starts in
the background as soon as a page is drawn, so the audio is usually ready when the browser asks for it.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from assistant.speech.spare import SpareProcess
from assistant.speech.synth import synthesize

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Spoken:
    text: str
    language: str
    rate: int
    path: Path


class SpeechFiles:
    """Keys for spoken texts, and the WAV files behind them, made once each."""

    def __init__(self, cache_dir: Path, workers: int = 1) -> None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        cache_dir.chmod(0o700)
        self.cache_dir = cache_dir
        self.personal_dir = Path(tempfile.mkdtemp(prefix="assistent-spraak-"))
        self._texts: dict[str, Spoken] = {}
        self._made: dict[str, Future[Path | None]] = {}
        self._personal: set[str] = set()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="spraak")
        # Below the browser in the queue for the CPU: the screen is drawn first, its sound just after.
        self._spare = SpareProcess(nice=10)
        self._spare.refill()

    def key_for(self, text: str, language: str, rate: int, personal: bool = False) -> str:
        """The key a page puts in its audio address; synthesis starts now, in the background."""
        if personal:
            key = secrets.token_hex(16)
            path = self.personal_dir / f"{key}.wav"
        else:
            key = hashlib.sha256(f"{language}\n{rate}\n{text}".encode()).hexdigest()[:32]
            path = self.cache_dir / f"{key}.wav"
        with self._lock:
            self._texts[key] = Spoken(text, language, rate, path)
            if personal:
                self._personal.add(key)
            if key not in self._made:
                self._made[key] = self._pool.submit(self._make, key)
        return key

    def pending(self, key: str) -> Future[Path | None] | None:
        """The WAV file being made for a key a page was given (None when made without sound); None for a key
        no page was given."""
        with self._lock:
            return self._made.get(key)

    def _make(self, key: str) -> Path | None:
        with self._lock:
            spoken = self._texts.get(key)
        if spoken is None:
            return None
        if spoken.path.is_file() and spoken.path.stat().st_size > 44:
            return spoken.path
        partial = spoken.path.with_suffix(".part.wav")
        try:
            synthesize(spoken.text, spoken.language, partial, spoken.rate, self._spare.take())
            # The next one loads while this screen is drawn and heard, not when the next screen is drawn.
            self._spare.refill()
            partial.replace(spoken.path)
            with self._lock:
                forgotten = key not in self._texts
            if forgotten:  # the person left while it was being made
                spoken.path.unlink(missing_ok=True)
                return None
        except (OSError, RuntimeError, ValueError) as exc:
            # No sound card needed, but espeak-ng may be missing: the page still works, without speech.
            log.warning("Geen spraak voor een scherm (%s): %s", spoken.language, exc)
            partial.unlink(missing_ok=True)
            return None
        return spoken.path

    def forget_personal(self) -> None:
        """The person left: their spoken words and code are deleted and their keys no longer work."""
        with self._lock:
            keys, self._personal = self._personal, set()
            for key in keys:
                self._texts.pop(key, None)
                self._made.pop(key, None)
        for key in keys:
            (self.personal_dir / f"{key}.wav").unlink(missing_ok=True)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._spare.close()
        shutil.rmtree(self.personal_dir, ignore_errors=True)
