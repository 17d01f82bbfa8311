"""What the browser tests share: a server of ours started as a real process on a free loopback port (and
stopped with its whole process group), Debian's Chromium launched by Playwright, and a route guard that
lets the page load nothing from any other server."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, Route

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # Without these Chromium keeps dialling Google's hosts, which this machine's closed network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # A kiosk reads each screen aloud on arrival, before any tap; a kiosk browser is set up the same way.
    "--autoplay-policy=no-user-gesture-required",
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_http(url: str, server: subprocess.Popen[bytes], log: Path, timeout: float = 30.0) -> None:
    """Waits until `url` answers 200; fails the test with the server's output when it stops or never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server stopped with code {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    pytest.fail(f"the server did not answer on {url} within {timeout} s:\n{log.read_text()}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM lets the server close what it runs; whatever is left of its group is killed after that."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    except ProcessLookupError:
        return
    # Kiosk and speech processes are in the server's process group.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=10)


@contextlib.contextmanager
def running(command: list[str], env: dict[str, str], folder: Path, ready_url: str) -> Iterator[Path]:
    """Runs `command` in its own process group until the block ends; yields the file with its output."""
    log = folder / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=folder,
            start_new_session=True,
        )
        try:
            wait_for_http(ready_url, server, log)
            yield log
        finally:
            stop_server(server)


def launch_chromium(playwright: Playwright) -> Browser:
    assert CHROMIUM.exists(), "Debian's chromium is missing: `make test` (scripts/setup.sh test) installs it"
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS, timeout=30_000
    )


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
