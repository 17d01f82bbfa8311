"""Text to a WAV file with pyttsx3 and espeak-ng, one text per process.

pyttsx3's espeak driver is reliable only for the first `runAndWait()` of a process (a second call may
hang, or ignore a new voice or rate), so the speaker keeps one of these processes started and waiting,
hands it a single text, and starts a fresh one for the next. Run as `python -m assistant.speech.synth`:
it reads one JSON request on stdin and answers one JSON line on stdout.
"""

from __future__ import annotations

import ctypes
import json
import os
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


def _set_voice_and_rate(voice: str, rate: int) -> None:
    """Sets both on espeak-ng itself, and only once its own command thread is idle.

    The espeak driver queues its defaults (rate 200) on that thread when it starts, while a voice is
    set at once from this one. Set through pyttsx3, a slower rate was once lost that way in CI and the
    text was read at 200. So the queue is drained first, and the rate is read back before any text goes.
    """
    from pyttsx3.drivers import _espeak

    # pyttsx3's own GetParameter binding leaves out the "current value" argument.
    current = _espeak.dll.espeak_GetParameter
    current.argtypes, current.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    _espeak.Synchronize()
    if _espeak.SetVoiceByName(voice.encode("utf-8")) != 0:
        raise RuntimeError(f"espeak-ng has no voice {voice}")
    _espeak.SetParameter(_espeak.RATE, rate, 0)
    _espeak.Synchronize()
    if current(_espeak.RATE, 1) != rate:
        raise RuntimeError(f"espeak-ng did not take the rate {rate}")


def _serve_one() -> None:
    import pyttsx3

    # pyttsx3 prints "Audio saved to ..." on stdout, even after runAndWait returns, so the answer goes
    # over a copy of stdout taken first and everything else printed goes nowhere.
    answer = os.fdopen(os.dup(1), "w")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - for the life of this one-shot process
    engine = pyttsx3.init("espeak")
    request = json.loads(sys.stdin.readline())
    path = Path(request["path"])
    path.unlink(missing_ok=True)
    _set_voice_and_rate(voice_for(request["language"]), int(request["rate"]))
    engine.save_to_file(request["text"], str(path))
    engine.runAndWait()
    answer.write(json.dumps({"seconds": _wait_until_written(path)}) + "\n")
    answer.flush()


def start_synth_process(nice: int = 0) -> subprocess.Popen[str]:
    """A process that has loaded pyttsx3 and waits for one text; `nice` lowers its claim on the CPU."""
    return subprocess.Popen(
        [sys.executable, "-m", "assistant.speech.synth", *(["--nice", str(nice)] if nice else [])],
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
    try:
        answer, _ = proc.communicate(json.dumps(request) + "\n", timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()  # a voice that hangs is ended with its pipes, never left behind
        proc.communicate()
        raise RuntimeError(f"espeak-ng gaf geen geluid voor {language}") from None
    lines = [line for line in answer.splitlines() if line.startswith("{")]
    if not lines or json.loads(lines[-1]).get("seconds", 0) <= 0:
        raise RuntimeError(f"espeak-ng gaf geen geluid voor {language}")
    return path


if __name__ == "__main__":
    if sys.argv[1:2] == ["--nice"]:
        os.nice(int(sys.argv[2]))
    _serve_one()
