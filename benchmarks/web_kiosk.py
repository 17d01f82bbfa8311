"""The touch web kiosk as a person feels it: time from a tap to the next screen, and from a screen's arrival
to the start of its reading aloud, in Debian's Chromium driving `assistent web` on loopback.

Three whole interviews (two in Dutch on a 1080p touch screen, one in Arabic on a tablet). A tap's time runs
from the touch until the next page has loaded (the answer saved, the next step worked out, the page drawn);
the speech time from the start of the page's navigation to the audio element's `playing` event (synthesis
by espeak-ng included, as the sound is made on demand). With a taxonomy folder the kiosk runs on that
knowledge base and model, as a desk does after `make run`.

Run as `python -m benchmarks.web_kiosk [TAXONOMY_DIR]`; prints one JSON line.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import ViewportSize, sync_playwright

from benchmarks.served import free_port, running
from benchmarks.web_walk import SPEECH_TIMING, TOUCH_TIMING, launch_chromium, start, walk_interview

RUNS: tuple[tuple[str, ViewportSize], ...] = (
    ("nl", {"width": 1920, "height": 1080}),
    ("nl", {"width": 1920, "height": 1080}),
    ("ar", {"width": 820, "height": 1180}),
)
EXTRA = os.environ.get("WEB_BENCH_EXTRA", "").split()
NULL_PLAYER = f"{sys.executable} -m assistant.speech.null_player"


def _percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def run(taxonomy_dir: Path | None = None) -> dict[str, Any]:
    taps: list[float] = []
    speech: list[float] = []
    screens = 0
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        data = folder / "data"
        data.mkdir()
        if taxonomy_dir is not None:
            (data / "taxonomy").symlink_to(taxonomy_dir.resolve())
        port = free_port()
        env = {
            **os.environ,
            "ASSISTENT_DATA_DIR": str(data),
            "ASSISTENT_DB_PATH": str(folder / "kiosk.sqlite3"),
            "ASSISTENT_AUDIO_PLAYER": NULL_PLAYER,
        }
        url = f"http://127.0.0.1:{port}/"
        command = [str(Path(sys.executable).parent / "assistent"), "web", "--port", str(port), *EXTRA]
        with running(command, env, folder, url + "gezond"), sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                for n, (language, viewport) in enumerate(RUNS):
                    context = browser.new_context(viewport=viewport, has_touch=True)
                    page = context.new_page()
                    page.set_default_timeout(30_000)
                    page.add_init_script(SPEECH_TIMING + TOUCH_TIMING)

                    def heard(page_now: Any, _kind: str) -> None:
                        started = page_now.evaluate(
                            """() => new Promise(done => {
                                 const t0 = Date.now();
                                 (function wait() {
                                   if (window.__speechStarted !== null || Date.now() - t0 > 10000) {
                                     done(window.__speechStarted);
                                   } else { setTimeout(wait, 10); }
                                 })();
                               })"""
                        )
                        if started is not None:
                            speech.append(float(started) / 1000)

                    start(page, url, language)
                    walk = walk_interview(page, language, random.Random(n), heard)
                    # The first tap of each run waits for the language model; the kiosk warms it while
                    # the welcome is on screen, which a benchmark that taps at once does not allow for.
                    taps.extend(step.seconds for step in walk.steps[1:])
                    screens += len(walk.screens)
                    context.close()
            finally:
                browser.close()
    return {
        "interviews": len(RUNS),
        "screens": screens,
        "taps": len(taps),
        "tap_p50_ms": _percentile(taps, 50) * 1000,
        "tap_p95_ms": _percentile(taps, 95) * 1000,
        "tap_max_ms": max(taps) * 1000,
        "speech_screens": len(speech),
        "speech_start_p50_ms": _percentile(speech, 50) * 1000,
        "speech_start_p95_ms": _percentile(speech, 95) * 1000,
    }


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]) if len(sys.argv) > 1 else None)))
