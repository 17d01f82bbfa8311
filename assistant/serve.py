"""`assistent serve`: the kiosk in a browser. Owns the textual-serve web server that starts one `assistent
kiosk` process per browser connection, on loopback unless another host is chosen, with large text."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

from assistant.shared_page import SharedPages

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_FONT_SIZE = 24
"""Pixels per terminal line in the browser; textual-serve's own 16 is too small to read on a touch screen."""

TITLE = "Skillspaspoort"
PAGE_TEMPLATES = Path(__file__).parent / "web_page"
"""Our copy of textual-serve's page: the same, minus a font loaded from Google on every visit."""


def kiosk_command(db: Path | None = None, language: str | None = None) -> str:
    """The shell command textual-serve runs for each browser connection.

    `sys.executable -m assistant` rather than `assistent`, so the kiosk runs in the same environment as the
    server even when the venv is not on PATH. Every other setting reaches the kiosk through the
    `ASSISTENT_*` environment variables, which textual-serve passes on to the process it starts."""
    args = [sys.executable, "-m", "assistant", "kiosk"]
    if db is not None:
        args += ["--db", str(db.resolve())]
    if language:
        args += ["--lang", language]
    return shlex.join(args)


class KioskServer(Server):
    """textual-serve's server with a default font size for the page, and the page where a receiver fetches
    what a holder shared with them (`/gedeeld`, see `shared_page`)."""

    def __init__(self, command: str, *, host: str, port: int, font_size: int) -> None:
        super().__init__(command, host=host, port=port, title=TITLE, templates_path=PAGE_TEMPLATES)
        self.font_size = font_size
        self.shared = SharedPages()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.add_routes(self.shared.routes())
        return app

    async def handle_index(self, request: web.Request) -> Any:
        # textual-serve reads the terminal's font size only from `?fontsize=` (default 16): send a browser
        # that asks for the bare page there, so a kiosk browser can just open http://host:port/.
        if "fontsize" not in request.query:
            raise web.HTTPFound(request.rel_url.update_query(fontsize=self.font_size))
        return await super().handle_index(request)


def make_server(
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    font_size: int = DEFAULT_FONT_SIZE,
    db: Path | None = None,
    language: str | None = None,
) -> KioskServer:
    """The server for `assistent serve`; `.serve()` runs it until Ctrl+C or SIGTERM."""
    return KioskServer(kiosk_command(db, language), host=host, port=port, font_size=font_size)


def port_is_free(host: str, port: int) -> bool:
    """Whether the server can listen there; checked first so a busy port gets a plain message."""
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True
