"""The web kiosk's routes for what a holder does besides answering: sharing (`share`), coming back with a
finished passport (`return_visit`), the holder's own page opened with the lasting code (`holder_page`) and
the way from the end page to a direction and next steps (`direction_routes`).
One list, so the app factory names them once."""

from __future__ import annotations

from starlette.routing import Route

from assistant.web.direction_routes import direction_routes
from assistant.web.holder_page import holder_routes
from assistant.web.return_visit import return_routes
from assistant.web.share import Kiosk, share_routes


def holder_pages(kiosk: Kiosk) -> list[Route]:
    """Every route of the sharing, return-visit and holder pages."""
    return [*share_routes(kiosk), *return_routes(kiosk), *holder_routes(kiosk), *direction_routes(kiosk)]
