"""Time from showing a kiosk question to the start of its speech, in the real app driven headless.

Each question screen calls the speaker when it appears; the speaker reports when the audio player started.
The player is the silent real-time sink, so the number is synthesis plus process start, as on a kiosk.
Run as `python -m benchmarks.speech_latency`; prints one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import tempfile
from pathlib import Path

from assistant.config import Settings
from assistant.context import load_context
from assistant.i18n import set_language
from assistant.languages import offered
from assistant.speech.speaker import Speaker
from assistant.ui.app import make_app
from assistant.ui.screens import ConfirmScreen, QuestionScreen

NULL_PLAYER = "python -m assistant.speech.null_player"
#: The languages the kiosk offers, from the one registry.
LANGUAGES = tuple(language.code for language in offered())
QUESTIONS_PER_LANGUAGE = 8


async def _measure(language: str, folder: Path) -> list[float]:
    settings = Settings(data_dir=folder, db_path=folder / f"{language}.sqlite3", language=language)
    context = load_context(settings)
    speaker = Speaker(player=NULL_PLAYER)
    app = make_app(context, speaker=speaker)
    latencies: list[float] = []
    try:
        async with app.run_test(size=(100, 36)) as pilot:
            await pilot.pause()
            speaker.events(timeout=15)  # the welcome, while the language model loads
            await pilot.click("#start")
            for _ in range(QUESTIONS_PER_LANGUAGE):
                await pilot.pause()
                started = speaker.events(timeout=15)
                if isinstance(app.screen, QuestionScreen):
                    latencies += [e.latency for e in started if e.ok]
                    await pilot.click("#skip")
                elif isinstance(app.screen, ConfirmScreen):
                    await pilot.click("#verdict-nee")
    finally:
        context.store.close()
        set_language("nl")
    return latencies


def run() -> dict[str, float]:
    latencies: list[float] = []
    with tempfile.TemporaryDirectory() as scratch:
        for language in LANGUAGES:
            latencies += asyncio.run(_measure(language, Path(scratch)))
    latencies.sort()
    return {
        "screens": len(latencies),
        "p50_seconds": statistics.median(latencies),
        "p95_seconds": latencies[int(0.95 * (len(latencies) - 1))],
        "max_seconds": latencies[-1],
    }


if __name__ == "__main__":
    print(json.dumps(run()))
