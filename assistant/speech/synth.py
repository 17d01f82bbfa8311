"""Text to a WAV file with pyttsx3 and espeak-ng, one text per process.

pyttsx3's espeak driver is reliable only for the first `runAndWait()` of a process (a second call may
hang, or ignore a new voice or rate), so the speaker keeps one of these processes started and waiting,
hands it a single text, and starts a fresh one for the next. Run as `python -m assistant.speech.synth`:
it reads one JSON request on stdin and answers one JSON line on stdout.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
import time
import wave
from pathlib import Path

from assistant.speech.voices import NORMAL_RATE, voice_for


def duration(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def _wait_until_written(path: Path, timeout: float = 3.0) -> float:
    """espeak-ng may finish the file just after runAndWait returns."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            seconds = duration(path)
            if seconds > 0:
                return seconds
        except (OSError, EOFError, wave.Error):
            pass
        if time.monotonic() > deadline:
            return 0.0
        time.sleep(0.01)


def _serve_one() -> None:
    import pyttsx3

    engine = pyttsx3.init("espeak")
    request = json.loads(sys.stdin.readline())
    path = Path(request["path"])
    path.unlink(missing_ok=True)
    # pyttsx3 prints "Audio saved to ..." on stdout, which is our answer channel.
    with contextlib.redirect_stdout(io.StringIO()):
        engine.setProperty("voice", voice_for(request["language"]))
        engine.setProperty("rate", int(request["rate"]))
        engine.save_to_file(request["text"], str(path))
        engine.runAndWait()
    print(json.dumps({"seconds": _wait_until_written(path)}), flush=True)


def start_synth_process() -> subprocess.Popen[str]:
    """A process that has loaded pyttsx3 and waits for one text."""
    return subprocess.Popen(
        [sys.executable, "-m", "assistant.speech.synth"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def synthesize(
    text: str,
    language: str,
    path: Path,
    rate: int = NORMAL_RATE,
    process: subprocess.Popen[str] | None = None,
) -> Path:
    """Writes `text` spoken in `language` to `path` (16-bit mono WAV) and returns it."""
    proc = process or start_synth_process()
    request = {"text": text, "language": language, "rate": rate, "path": str(path)}
    answer, _ = proc.communicate(json.dumps(request) + "\n", timeout=20)
    if not answer.strip() or json.loads(answer.strip().splitlines()[-1]).get("seconds", 0) <= 0:
        raise RuntimeError(f"espeak-ng gaf geen geluid voor {language}")
    return path


if __name__ == "__main__":
    _serve_one()
