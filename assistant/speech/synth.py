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


#: Python's wave module, which pyttsx3 writes with, puts a 44-byte header before the samples.
WAV_HEADER_BYTES = 44


def _complete_seconds(path: Path) -> float:
    """The length of the file's sound once all its samples are in the file, else 0.

    The header, with the number of samples, is written before the samples: a file read between the two
    has a length but no sound (a web page once got just the header of a long text)."""
    with wave.open(str(path), "rb") as wav:
        frames, width, channels = wav.getnframes(), wav.getsampwidth(), wav.getnchannels()
        seconds = frames / wav.getframerate()
    if frames == 0 or path.stat().st_size < WAV_HEADER_BYTES + frames * width * channels:
        return 0.0
    return seconds


def _wait_until_written(path: Path, timeout: float = 15.0) -> float:
    """pyttsx3's runAndWait returns as soon as synthesis has started; the file is written at its end, from
    espeak-ng's thread. A long text on a busy machine takes seconds, so the wait is long (the caller gives
    up after 20 s)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            seconds = _complete_seconds(path)
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
