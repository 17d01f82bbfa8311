"""What the browser tests share: a route guard that lets the page load nothing from any other server, and
(from benchmarks/) Debian's Chromium launched by Playwright and a server of ours run as a real process on a
free loopback port."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Route

from benchmarks.served import free_port, running, stop_server, wait_for_http
from benchmarks.web_walk import CHROMIUM, launch_chromium
from tests.conftest import ASSISTENT, NULL_PLAYER

__all__ = [
    "CHROMIUM",
    "Served",
    "assistent_served",
    "free_port",
    "launch_chromium",
    "only_this_server",
    "running",
    "stop_server",
    "wait_for_http",
]


def only_this_server(origin: str, elsewhere: list[str]) -> Callable[[Route], None]:
    """A route handler: requests to `origin` go through, any other is refused and noted in `elsewhere`."""

    def handle(route: Route) -> None:
        # A kiosk page must work offline and tell no third party that someone opened it.
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    return handle


@dataclass
class Served:
    url: str
    db: Path


@contextlib.contextmanager
def assistent_served(subcommand: str, folder: Path, ready_path: str = "") -> Iterator[Served]:
    """`assistent <subcommand>` (serve or web) on a free loopback port, with its own data folder and
    SQLite file in `folder` and the silent audio sink, until the block ends."""
    port = free_port()
    db = folder / "kiosk.sqlite3"
    env = {
        **os.environ,
        "ASSISTENT_DATA_DIR": str(folder / "data"),
        "ASSISTENT_DB_PATH": str(db),
        "ASSISTENT_AUDIO_PLAYER": NULL_PLAYER,
    }
    url = f"http://127.0.0.1:{port}/"
    command = [str(ASSISTENT), subcommand, "--host", "127.0.0.1", "--port", str(port)]
    with running(command, env, folder, url + ready_path):
        yield Served(url, db)
