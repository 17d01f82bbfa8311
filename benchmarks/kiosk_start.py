"""Kiosk start: from a fresh process to the welcome question on screen, and to the matcher (with the
semantic model) ready in the background. The real app, driven headless. Run as
`python -m benchmarks.kiosk_start TAXONOMY_DIR`; prints one JSON line."""

from __future__ import annotations

import time

START = time.perf_counter()

import asyncio  # noqa: E402  (the clock starts before anything is imported)
import json  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402


async def _measure(taxonomy_dir: Path, folder: Path) -> dict[str, float]:
    from assistant.config import Settings
    from assistant.context import load_context
    from assistant.speech.speaker import Speaker
    from assistant.ui.app import make_app
    from assistant.ui.screens import WelcomeScreen

    settings = Settings(data_dir=folder, db_path=folder / "kiosk.sqlite3")
    context = load_context(settings)
    context.matcher.taxonomy_dir = taxonomy_dir
    app = make_app(context, speaker=Speaker(player="python -m assistant.speech.null_player"))
    async with app.run_test(size=(100, 36)) as pilot:
        # Not `pilot.pause()`: it waits for the whole process to be idle, which includes the model loading
        # in the background. The welcome is on screen once it is the active screen and has handled its events.
        while not isinstance(app.screen, WelcomeScreen):
            await asyncio.sleep(0.001)
        await pilot.pause(0)
        shown = time.perf_counter() - START
        while context.matcher._matcher is None:
            await asyncio.sleep(0.02)
        ready = time.perf_counter() - START
        semantic = getattr(context.matcher._matcher, "meaning", None) is not None
    context.store.close()
    return {"first_screen_seconds": shown, "model_ready_seconds": ready, "semantic": float(semantic)}


def main(taxonomy_dir: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        print(json.dumps(asyncio.run(_measure(Path(taxonomy_dir), Path(scratch)))))


if __name__ == "__main__":
    main(sys.argv[1])
