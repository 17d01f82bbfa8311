"""`python -m benchmarks.direction_screen [TAXONOMY_DIR]`: how long a person waits for "Wat wilt u hierna?"
in the real terminal kiosk, driven headless, with the full taxonomy and the semantic model loaded: from the
tap on the end screen's button until the direction screen is laid out, twice for each of the 20 authored
example people (tests/data/development_profiles.yaml), so pauses of the garbage collector show; and how long finding a typed
occupation name takes with the interview's matcher. Target: the screen in <= 200 ms. It reports; it does
not assert. The last line is the numbers as JSON.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from textual.widgets import Button

from assistant.config import Settings
from assistant.context import load_context
from assistant.skills.search import search_occupations
from assistant.speech.speaker import Speaker
from assistant.ui.app import make_app
from assistant.ui.direction_screens import DirectionScreen
from assistant.ui.screens import EndScreen
from benchmarks.directions import PROFILES_FILE, TARGET_MS, _passport

#: Names a person might type, misspellings included; not from any benchmark.
TYPED = ["heftruckchaufeur", "schoonmaker", "kok", "verzorgende", "metselaar", "kapper", "buschauffeur"]


def _laid_out(screen: DirectionScreen) -> bool:
    """The screen is on the terminal once its last widget has a place: the layout has run."""
    return screen.is_mounted and screen.query_one("#back", Button).region.area > 0


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[int(0.95 * (len(values) - 1))]


async def _measure(taxonomy_dir: Path, folder: Path) -> dict[str, float]:
    settings = Settings(data_dir=folder, db_path=folder / "kiosk.sqlite3", taxonomy_dir=taxonomy_dir)
    context = load_context(settings)
    context.matcher.warm()
    profiles = yaml.safe_load(PROFILES_FILE.read_text(encoding="utf-8"))["profiles"]
    app = make_app(context, speaker=Speaker(player="python -m assistant.speech.null_player"))
    screen_ms: list[float] = []
    async with app.run_test(size=(100, 36)) as pilot:
        for profile in profiles + profiles:
            passport = _passport(profile["skills"], context.catalogue)
            context.store.save_passport(passport)
            await pilot.pause()
            app._show_end(passport, None)
            await pilot.pause()
            assert isinstance(app.screen, EndScreen)
            # The tap as the button takes it; `pilot.click` would also wait for the whole app to be idle.
            start = time.perf_counter()
            app.screen.query_one("#directions", Button).press()
            while not isinstance(app.screen, DirectionScreen) or not _laid_out(app.screen):
                await asyncio.sleep(0.001)
            screen_ms.append((time.perf_counter() - start) * 1000)
            await pilot.pause()
            app.pop_screen()  # back to the end screen, which the next person's end screen replaces
    search_ms: list[float] = []
    for _ in range(5):
        for typed in TYPED:
            start = time.perf_counter()
            search_occupations(context.matcher, typed)
            search_ms.append((time.perf_counter() - start) * 1000)
    context.store.close()
    return {
        "screen_p50_ms": round(statistics.median(screen_ms), 1),
        "screen_p95_ms": round(_p95(screen_ms), 1),
        "search_p50_ms": round(statistics.median(search_ms), 1),
        "search_p95_ms": round(_p95(search_ms), 1),
    }


def main(taxonomy_dir: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as scratch:
        result = asyncio.run(_measure(taxonomy_dir, Path(scratch)))
    print(
        f"'Wat wilt u hierna?' in the terminal kiosk: p50 {result['screen_p50_ms']} ms, p95 "
        f"{result['screen_p95_ms']} ms from the tap to the screen (target <= {TARGET_MS} ms); a typed "
        f"occupation found in p50 {result['search_p50_ms']} ms, p95 {result['search_p95_ms']} ms"
    )
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Settings().taxonomy_dir)
