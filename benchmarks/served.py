"""A server of ours as a real process on a free loopback port, for the browser tests and the web kiosk
benchmark: started in its own process group, waited for until it answers, stopped with its whole group."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_http(url: str, server: subprocess.Popen[bytes], log: Path, timeout: float = 30.0) -> None:
    """Waits until `url` answers 200; raises with the server's output when it stops or never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped with code {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server did not answer on {url} within {timeout} s:\n{log.read_text()}")


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
