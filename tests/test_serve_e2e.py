"""End to end in a real browser: `assistent serve` runs, headless Chromium opens the kiosk page, the first three
questions are answered by clicking the on-screen buttons, a screenshot is saved, and the store holds the answers."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, ViewportSize, sync_playwright

from assistant.config import REPO_ROOT, Settings
from assistant.dialogue.loader import load_dialogue
from assistant.serve import DEFAULT_FONT_SIZE, kiosk_command
from tests.browser_support import (
    Served,
    assistent_served,
    launch_chromium,
    only_this_server,
)
from tests.conftest import ASSISTENT, open_store_at

SCREENSHOT = REPO_ROOT / "build" / "e2e" / "kiosk.png"
# A Full HD touch screen, as at a leerwerkloket.
VIEWPORT: ViewportSize = {"width": 1920, "height": 1080}
STEP_TIMEOUT = 20.0
"""Seconds to wait for one screen; the first one includes starting a kiosk process."""

# textual-serve keeps its xterm.js Terminal in a closure, and xterm draws the text on a canvas, so neither
# the page's globals nor its DOM hold the text on screen. textual.js makes it once, as
# `this.terminal = new Terminal(…)`: this setter, installed before the page's scripts run, catches that one
# assignment, keeps the object as `window.__kioskTerminal` and removes itself. The screen is then read through
# xterm's public buffer API.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer) {
      window.__kioskTerminal = value;
      delete Object.prototype.terminal;
    }
  },
});
"""

# Each visible row as [characters, column] pairs. A wide character (an emoji picture) takes two columns and
# its second half has width 0, so text offsets and columns differ after it: the column is kept per cell.
READ_SCREEN = """() => {
  const t = window.__kioskTerminal;
  if (!t || !t.element) return null;
  const buffer = t.buffer.active, rows = [];
  for (let y = 0; y < t.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y), cells = [];
    for (let x = 0; line && x < t.cols; x++) {
      const cell = line.getCell(x);
      if (cell && cell.getWidth() > 0) cells.push([cell.getChars() || " ", x]);
    }
    rows.push(cells);
  }
  const box = t.element.querySelector(".xterm-screen").getBoundingClientRect();
  return {cols: t.cols, rows: t.rows, left: box.left, top: box.top, width: box.width, height: box.height,
          cells: rows};
}"""


@dataclass
class Screen:
    """What the terminal in the page shows, with where each character is on the page."""

    lines: list[str]
    columns: list[list[int]]
    """For each line, the terminal column of each character of it."""
    left: float
    top: float
    cell_width: float
    cell_height: float

    @classmethod
    def from_page(cls, raw: dict[str, Any]) -> Screen:
        lines, columns = [], []
        for row in raw["cells"]:
            text, cols = "", []
            for chars, x in row:
                text += chars
                cols += [x] * len(chars)
            lines.append(text)
            columns.append(cols)
        return cls(
            lines,
            columns,
            raw["left"],
            raw["top"],
            raw["width"] / raw["cols"],
            raw["height"] / raw["rows"],
        )

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.lines)

    def find(self, label: str) -> list[tuple[float, float]]:
        """Page coordinates of the middle of every place where `label` stands as whole words."""
        pattern = re.compile(rf"(?<!\w){re.escape(label)}(?!\w)")
        spots = []
        for y, line in enumerate(self.lines):
            for match in pattern.finditer(line):
                first, last = self.columns[y][match.start()], self.columns[y][match.end() - 1]
                spots.append(
                    (
                        self.left + (first + last + 1) / 2 * self.cell_width,
                        self.top + (y + 0.5) * self.cell_height,
                    )
                )
        return spots


class Kiosk:
    """The kiosk page in the browser, driven like a person at a touch screen: find a label, touch it."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def screen(self) -> Screen | None:
        raw = self.page.evaluate(READ_SCREEN)
        return Screen.from_page(raw) if raw else None

    def wait_for(self, text: str, timeout: float = STEP_TIMEOUT) -> Screen:
        deadline = time.monotonic() + timeout
        screen = None
        while time.monotonic() < deadline:
            screen = self.screen()
            if screen is not None and screen.find(text):
                return screen
            self.page.wait_for_timeout(100)
        if screen is None:
            pytest.fail(
                "the xterm.js terminal was not found in the page (did textual-serve's textual.js change?)"
            )
        pytest.fail(f"{text!r} did not appear within {timeout} s; the screen shows:\n{screen.text()}")

    def click(self, label: str) -> None:
        screen = self.wait_for(label)
        spots = screen.find(label)
        assert len(spots) == 1, f"{label!r} is on screen {len(spots)} times:\n{screen.text()}"
        self.page.mouse.click(*spots[0])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with assistent_served("serve", tmp_path) as served:
        yield served


@pytest.mark.slow
def test_kiosk_in_chromium_answers_three_questions_by_clicking(served: Served, tmp_path: Path) -> None:
    dialogue = load_dialogue(Settings().dialogue_file())
    naam, werk_nu, werk_sector = (dialogue.question(q) for q in ("naam", "werk_nu", "werk_sector"))
    fourth = dialogue.question("taken_bouw")

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.set_default_timeout(15_000)
            page.add_init_script(CATCH_TERMINAL)
            elsewhere: list[str] = []
            page.route("**/*", only_this_server(served.url.rstrip("/"), elsewhere))
            page.goto(served.url)
            assert f"fontsize={DEFAULT_FONT_SIZE}" in page.url, (
                "the bare address should lead to the large kiosk text"
            )
            kiosk = Kiosk(page)

            kiosk.click("Beginnen")
            kiosk.wait_for(naam.text)
            page.keyboard.type("Fatima")
            kiosk.wait_for("Fatima")
            kiosk.click("Verder")

            kiosk.wait_for(werk_nu.text)
            kiosk.click("Ja")

            kiosk.wait_for(werk_sector.text)
            kiosk.click("Bouw")

            kiosk.wait_for(fourth.text)
            page.screenshot(path=str(tmp_path / "kiosk.png"))
            assert elsewhere == [], "the page loads nothing from other servers"
        finally:
            browser.close()

    png = (tmp_path / "kiosk.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (VIEWPORT["width"], VIEWPORT["height"])
    assert len(png) > 10_000, "a blank page compresses to almost nothing; the kiosk screen does not"
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tmp_path / "kiosk.png", SCREENSHOT)

    store = open_store_at(served.db)
    try:
        sessions = store.sessions(("active",))
        assert len(sessions) == 1
        answers = store.answers(sessions[0].id)
    finally:
        store.close()
    assert answers[naam.id].text == "Fatima"
    assert answers[werk_nu.id].values == ["ja"]
    assert answers[werk_sector.id].values == ["bouw"]


def test_each_browser_connection_runs_the_kiosk_with_the_given_store_and_language(tmp_path: Path) -> None:
    db = tmp_path / "map met spatie" / "kiosk.sqlite3"
    assert shlex.split(kiosk_command(db, "en")) == [
        sys.executable,
        "-m",
        "assistant",
        "kiosk",
        "--db",
        str(db.resolve()),
        "--lang",
        "en",
    ]
    assert shlex.split(kiosk_command()) == [sys.executable, "-m", "assistant", "kiosk"]


def test_a_busy_port_gets_a_plain_message(tmp_path: Path) -> None:

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [str(ASSISTENT), "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "ASSISTENT_DATA_DIR": str(tmp_path)},
        )
    assert done.returncode == 2
    assert "al in gebruik" in done.stderr and "Traceback" not in done.stderr
