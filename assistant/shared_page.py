"""The page of `assistent serve` where a receiver fetches what a holder shared with them: a form for the
take-along code (`/gedeeld`), and the QR code's address (`/gedeeld/<code>`). It shows exactly what the
consent shares (`take_along.Lookups.fetch`): every skill with who vouches for it, in the person's words
what they did, learned and want; after the consent's end or withdrawal a kind refusal, never the passport.
When the consent shares skills, the receiver may compare that one passport with a job (`/gedeeld/vergelijk`,
see `shared_comparison`): every comparison fetches the passport again through the same code, the same
guessing rules and the same validity check, so it works only while the share runs.

Plain HTML drawn on the server, escaped by Jinja2, with no script and nothing loaded from elsewhere; never
cached, never indexed. The store is opened from the `ASSISTENT_*` settings on first use.
"""

from __future__ import annotations

import asyncio
import threading

from aiohttp import web
from jinja2 import Environment
from markupsafe import Markup

from assistant import holder_code
from assistant.config import Settings
from assistant.development.job_match import JobMatch, compare, read_request
from assistant.errors import AssistantError
from assistant.i18n import _, current_language
from assistant.languages import find
from assistant.passport.consent import Consent
from assistant.passport.model import Passport, Skill
from assistant.passport.vouching import vouching
from assistant.shared_comparison import section, shares_skills
from assistant.skills.assembly import LazyMatcher, Matcher
from assistant.skills.catalogue import load_catalogue
from assistant.storage import Store, open_store
from assistant.take_along import Lookups

PAGE = Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="{{ lang }}" dir="{{ direction }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{{ title }}</title>
<style>body{font:20px/1.5 sans-serif;max-width:44em;margin:1em auto;padding:0 1em;color:#000;background:#fff}
input,button,textarea{font:inherit;padding:.4em}#fout,#vergelijk-fout{border:3px solid #a00;padding:.5em}
li{margin:.4em 0}#vergelijk{border-top:3px solid #000;margin-top:2em}</style>
</head><body><main>
<h1>{{ title }}</h1>
{% if error %}<p id="fout" role="alert">{{ error }}</p>{% endif %}
{% if passport %}
<p id="gedeeld">{{ shared_with }}</p>
{% for heading, items in parts %}{% if items %}<h2>{{ heading }}</h2>
<ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul>{% endif %}{% endfor %}
{{ comparison }}
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
    comparison: Markup | None = None,
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
        comparison=comparison or "",
        lang=current_language(),
        direction=language.direction if (language := find(current_language())) else "ltr",
    )


class SharedPages:
    """The routes, with one store and one set of guessing rules for the server."""

    def __init__(
        self, settings: Settings | None = None, lookups: Lookups | None = None, matcher: Matcher | None = None
    ) -> None:
        self.settings = settings
        self.lookups = lookups or Lookups()
        self._store: Store | None = None
        self._matcher = matcher
        self._lock = threading.Lock()
        # Its own lock: building the matcher takes seconds, and fetches must not wait for it meanwhile.
        self._matcher_lock = threading.Lock()

    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = open_store(self.settings or Settings())
            return self._store

    def matcher(self) -> Matcher:
        """The interview's matcher, built on the first comparison (it loads the Dutch language model)."""
        with self._matcher_lock:
            if self._matcher is None:
                settings = self.settings or Settings()
                lazy = LazyMatcher(load_catalogue(settings.catalogue_dir), settings.taxonomy_dir)
                lazy.warm()
                self._matcher = lazy
            return self._matcher

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/gedeeld", self.form),
            web.post("/gedeeld", self.typed),
            web.post("/gedeeld/vergelijk", self.compared),
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

    async def compared(self, request: web.Request) -> web.Response:
        """The passport again, with the employer's job compared to it. The code is fetched exactly as by
        the form above (guessing rules, validity, the one access-log line a fetch writes); what the
        employer typed goes nowhere but into this answer."""
        form = await request.post()
        typed, occupation, skills = (_field(form.get(name)) for name in ("code", "beroep", "vaardigheden"))
        found = await self._lookup(request, typed)
        if isinstance(found, web.Response):
            return found
        passport, consent = found
        code = holder_code.normalise_share(typed)
        try:
            if not shares_skills(consent):
                raise AssistantError("E656")
            job = read_request(occupation, skills)
            matcher = await asyncio.to_thread(self.matcher)
            match: JobMatch = await asyncio.to_thread(compare, passport, consent, job, matcher)
        except AssistantError as exc:
            shown = section(
                code, error=exc.person_message(), occupation=occupation[:100], skills=skills[:2000]
            )
            return _page(render(passport, _shared_with(consent), comparison=shown), 400)
        shown = section(code, match, occupation=occupation[:100], skills=skills[:2000])
        return _page(render(passport, _shared_with(consent), comparison=shown))

    async def _fetch(self, request: web.Request, typed: str) -> web.Response:
        found = await self._lookup(request, typed)
        if isinstance(found, web.Response):
            return found
        passport, consent = found
        comparison = section(holder_code.normalise_share(typed)) if shares_skills(consent) else None
        return _page(render(passport, _shared_with(consent), comparison=comparison))

    async def _lookup(self, request: web.Request, typed: str) -> tuple[Passport, Consent] | web.Response:
        """What the code shares, or the page with the kind refusal."""
        store = await asyncio.to_thread(self.store)
        wait = await asyncio.to_thread(self.lookups.slow_down, store)
        if wait:
            await asyncio.sleep(wait)  # many wrong codes lately, from anywhere: slower, never refused
        address = client_address(request)
        try:
            return await asyncio.to_thread(self.lookups.fetch, store, typed, address)
        except AssistantError as exc:
            status = 410 if exc.code == "E521" else 429 if exc.code == "E522" else 404
            return _page(render(error=exc.person_message(), typed=typed[:20]), status)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def _shared_with(consent: Consent) -> str:
    return _("Gedeeld met {receiver}, tot en met {until}.").format(
        receiver=consent.receiver, until=consent.until.strftime("%d-%m-%Y")
    )


def _field(value: object) -> str:
    """A form field as text; a file upload or a missing field is empty."""
    return value if isinstance(value, str) else ""


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
