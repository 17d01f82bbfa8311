"""What the browser tests share: a route guard that lets the page load nothing from any other server, and
(from benchmarks/) Debian's Chromium launched by Playwright and a server of ours run as a real process on a
free loopback port."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Route

from benchmarks.served import free_port, running, stop_server, wait_for_http
from benchmarks.web_walk import CHROMIUM, launch_chromium

__all__ = [
    "CHROMIUM",
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
