"""The page of `assistent serve` where a receiver fetches what a holder shared with them: a form for the
take-along code (`/gedeeld`), and the QR code's address (`/gedeeld/<code>`). It shows exactly what the
consent shares (`take_along.Lookups.fetch`): every skill with who vouches for it, in the person's words
what they did, learned and want; after the consent's end or withdrawal a kind refusal, never the passport.

Plain HTML drawn on the server, escaped by Jinja2, with no script and nothing loaded from elsewhere; never
cached, never indexed. The store is opened from the `ASSISTENT_*` settings on first use.
"""

from __future__ import annotations

import asyncio
import threading

from aiohttp import web
from jinja2 import Environment

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.i18n import _
from assistant.passport.model import Passport, Skill
from assistant.passport.vouching import vouching
from assistant.storage import Store, open_store
from assistant.take_along import Lookups

PAGE = Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{{ title }}</title>
<style>body{font:20px/1.5 sans-serif;max-width:44em;margin:1em auto;padding:0 1em;color:#000;background:#fff}
input,button{font:inherit;padding:.4em}#fout{border:3px solid #a00;padding:.5em}li{margin:.4em 0}</style>
</head><body><main>
<h1>{{ title }}</h1>
{% if error %}<p id="fout" role="alert">{{ error }}</p>{% endif %}
{% if passport %}
<p id="gedeeld">{{ shared_with }}</p>
{% for heading, items in parts %}{% if items %}<h2>{{ heading }}</h2>
<ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul>{% endif %}{% endfor %}
{% else %}
<form method="post" action="/gedeeld">
<p><label for="code">{{ ask }}</label></p>
<p><input id="code" name="code" autocomplete="off" maxlength="20" value="{{ typed }}" autocapitalize="characters">
<button type="submit">{{ fetch }}</button></p>
</form>
{% endif %}
</main></body></html>"""
)


def _skill_line(skill: Skill) -> str:
    msgid, values = vouching(skill)
    return f"{_(skill.label)}: {_(msgid).format(**values)}"


def render(
    passport: Passport | None = None,
    shared_with: str = "",
    error: str | None = None,
    typed: str = "",
) -> str:
    parts = []
    if passport is not None:
        name = passport.person.nickname
        parts = [
            (
                _("Wat {name} kan").format(name=name or "-"),
                [_skill_line(s) for s in passport.active_skills()],
            ),
            (_("Wat {name} deed").format(name=name or "-"), [e.own_words for e in passport.experiences]),
            (_("Opleiding en cursussen"), [e.own_words for e in passport.education]),
            (_("Wat {name} wil").format(name=name or "-"), [a.own_words for a in passport.ambitions]),
        ]
    return PAGE.render(
        title=_("Wat is met u gedeeld?"),
        error=error,
        passport=passport,
        shared_with=shared_with,
        parts=parts,
        ask=_("Vul de deelcode in. Die staat op het paspoort."),
        fetch=_("Ophalen"),
        typed=typed,
    )


class SharedPages:
    """The routes, with one store and one set of guessing rules for the server."""

    def __init__(self, settings: Settings | None = None, lookups: Lookups | None = None) -> None:
        self.settings = settings
        self.lookups = lookups or Lookups()
        self._store: Store | None = None
        self._lock = threading.Lock()

    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = open_store(self.settings or Settings())
            return self._store

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/gedeeld", self.form),
            web.post("/gedeeld", self.typed),
            web.get("/gedeeld/{code}", self.scanned),
        ]

    async def form(self, request: web.Request) -> web.Response:
        return _page(render())

    async def typed(self, request: web.Request) -> web.Response:
        form = await request.post()
        typed = form.get("code", "")
        return await self._fetch(request, typed if isinstance(typed, str) else "")

    async def scanned(self, request: web.Request) -> web.Response:
        return await self._fetch(request, request.match_info["code"])

    async def _fetch(self, request: web.Request, typed: str) -> web.Response:
        store = await asyncio.to_thread(self.store)
        wait = await asyncio.to_thread(self.lookups.slow_down, store)
        if wait:
            await asyncio.sleep(wait)  # many wrong codes lately, from anywhere: slower, never refused
        address = client_address(request)
        try:
            passport, consent = await asyncio.to_thread(self.lookups.fetch, store, typed, address)
        except AssistantError as exc:
            status = 410 if exc.code == "E521" else 429 if exc.code == "E522" else 404
            return _page(render(error=exc.person_message(), typed=typed[:20]), status)
        shared_with = _("Gedeeld met {receiver}, tot en met {until}.").format(
            receiver=consent.receiver, until=consent.until.strftime("%d-%m-%Y")
        )
        return _page(render(passport, shared_with))

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


LOOPBACK = frozenset({"127.0.0.1", "::1"})


def client_address(request: web.Request) -> str:
    """Whom wrong codes are counted against. Behind a reverse proxy on the same machine every request comes
    from loopback: then the address the proxy puts last in X-Forwarded-For (its own peer) counts, or one
    guesser behind the proxy would make every receiver wait. From anywhere else the header is ignored: a
    guesser could write anything in it."""
    remote = request.remote or "-"
    forwarded = request.headers.get("X-Forwarded-For", "")
    if remote in LOOPBACK and forwarded:
        return forwarded.split(",")[-1].strip()[:64] or remote
    return remote


def _page(html: str, status: int = 200) -> web.Response:
    response = web.Response(text=html, content_type="text/html", status=status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
