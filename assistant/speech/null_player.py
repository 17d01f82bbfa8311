"""A sound sink for machines without a sound card (CI, a kiosk with the speaker unplugged): it reads a WAV
file and consumes it at real-time speed, as a sound card would, so playing, replaying and interrupting
behave as they do on a real device. Used as `ASSISTENT_AUDIO_PLAYER="python -m assistant.speech.null_player"`."""

from __future__ import annotations

import sys
import time
import wave


def play(path: str) -> None:
    with wave.open(path, "rb") as wav:
        rate = wav.getframerate()
        chunk = rate // 20
        while True:
            frames = wav.readframes(chunk)
            if not frames:
                break
            time.sleep(len(frames) / (wav.getsampwidth() * wav.getnchannels()) / rate)


if __name__ == "__main__":
    play(sys.argv[1])
