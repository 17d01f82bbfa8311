"""The files a kiosk page loads besides itself: pictograms (`/beeld/<name>.svg`), spoken text
(`/spraak/<key>.wav`) and the font that joins Arabic letters (`/lettertype/<file>`).

Each route serves only what it knows by name (a picture name of the set, a key a page was given, one of two
font files): nothing in an address ever becomes a path of its own, so `../` leads nowhere.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from assistant.web.pictures import PictureSet
from assistant.web.speech import SpeechFiles

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
#: DejaVu Sans has the Latin, Cyrillic and Arabic letters (with their joined forms) of every kiosk language.
FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
#: Long enough that a kiosk browser fetches a picture or the font once a day, not on every page.
CACHE_A_DAY = {"Cache-Control": "public, max-age=86400"}


def asset_routes(pictures: PictureSet, speech: SpeechFiles | None) -> list[Route]:
    async def picture(request: Request) -> Response:
        path = pictures.file(str(request.path_params["name"]))
        if path is None:
            return Response(status_code=404)
        return FileResponse(path, media_type="image/svg+xml", headers=CACHE_A_DAY)

    async def spoken(request: Request) -> Response:
        key = str(request.path_params["key"])
        if speech is None:
            return Response(status_code=404)
        made = speech.pending(key)
        if made is None:
            return Response(status_code=404)
        path = await asyncio.wrap_future(made)
        if path is None:
            return Response(status_code=404)
        # A person's own words are never kept by the browser either.
        return FileResponse(path, media_type="audio/wav", headers={"Cache-Control": "no-store"})

    async def font(request: Request) -> Response:
        name = str(request.path_params["file"])
        if name not in FONTS or not (FONT_DIR / name).is_file():
            return Response(status_code=404)
        return FileResponse(FONT_DIR / name, media_type="font/ttf", headers=CACHE_A_DAY)

    return [
        Route("/beeld/{name}.svg", picture, methods=["GET"]),
        Route("/spraak/{key}.wav", spoken, methods=["GET"]),
        Route("/lettertype/{file}", font, methods=["GET"]),
    ]
