"""The web kiosk's app factory and its page routes: forms that POST one step and redirect to `/`, which shows
the screen the person is on. Starlette (a small, well-kept ASGI toolkit) with Jinja2 templates.

Every step runs in a worker thread under the desk's lock, with the person's language set: the interview
logic and the store are synchronous, and the matcher may take seconds the first time; meanwhile the server
still answers the page's pictures and speech.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.i18n import N_
from assistant.interview.records import Verdict
from assistant.languages import web_languages
from assistant.web import pages
from assistant.web.assets import asset_routes
from assistant.web.desk_state import PersonalChoice, Step, WebDesk
from assistant.web.holder_routes import holder_pages
from assistant.web.pages import Page
from assistant.web.pictures import PictureSet
from assistant.web.rendering import Renderer, use_language
from assistant.web.screens import Typed, page_for
from assistant.web.speech import SpeechFiles

log = logging.getLogger(__name__)

COOKIE = "kiosk"
STATIC = Path(__file__).parent / "static"
STEPS: dict[str, Step] = {"terug": "terug", "weetniet": "weetniet", "overslaan": "overslaan"}
PERSONAL: dict[str, PersonalChoice] = {"keep": "keep", "remove": "remove"}
ERASED = N_("Alles is gewist.")


def _home() -> RedirectResponse:
    # 303: the browser follows a POST with a GET, so reloading the page never sends an answer twice.
    return RedirectResponse("/", status_code=303)


class WebKiosk:
    """The desk and what draws it; one per server."""

    def __init__(self, context: AppContext, speech: SpeechFiles | None, desk: WebDesk | None = None) -> None:
        self.context = context
        self.desk = desk or WebDesk(context)
        self.pictures = PictureSet(context.settings.pictures, context.pictures)
        self.speech = speech
        self.renderer = Renderer(context.settings, self.pictures, speech)
        self.languages = web_languages(context.settings.locales_dir)
        self.notice: str | None = None
        """A message for the welcome once, such as "Alles is gewist."."""
        self.ready = threading.Event()
        if speech is not None:
            self.desk.on_leave.append(speech.forget_personal)

    # Drawing --------------------------------------------------------------------------------------------

    def page(self, token: str | None, error: str | None = None, typed: Typed | None = None) -> Page:
        """The page this browser is on, with an error beside what was `typed` when a step was refused."""
        notice = None
        if self.desk.screen_for(token) == "pause" and self.desk.code_shown:
            self.desk.leave()
        if self.desk.screen_for(token) == "welcome":
            notice, self.notice = self.notice, None
            use_language(self.desk.welcome_language, self.context.settings)
        return page_for(self.desk, token, self.pictures, self.languages, error, typed, notice)

    def respond(self, page: Page, token: str | None) -> HTMLResponse:
        here = token is not None and token == self.desk.owner and self.desk.someone_here()
        return HTMLResponse(self.renderer.html(page, here))

    def _language_for(self, token: str | None) -> None:
        desk = self.desk
        use_language(
            desk.language if token is not None and token == desk.owner else desk.welcome_language,
            self.context.settings,
        )

    # Running a step -------------------------------------------------------------------------------------

    async def run(
        self, request: Request, work: Callable[[str | None, FormData], Response | None]
    ) -> Response:
        """Reads the form, then runs `work` in a thread under the desk's lock; no response means: show `/`."""
        form = await request.form() if request.method == "POST" else FormData()
        token = request.cookies.get(COOKIE)

        def locked() -> Response:
            with self.desk.lock:
                self._language_for(token)
                timed_out = self._timed_out(token)
                if timed_out is not None:
                    return timed_out
                response = work(token, form)
                return response if response is not None else _home()

        return await run_in_threadpool(locked)

    def _timed_out(self, token: str | None) -> Response | None:
        """After the warning's time the person is gone: the interview is paused and the welcome shown. While
        the warning is up, no tap counts but "Ja, ik ben er nog": it may be the next person's."""
        desk = self.desk
        if token is None or token != desk.owner:
            return None
        state = desk.idle()
        if state == "gone":
            desk.leave()
            return _home()
        if state == "warn":
            return RedirectResponse("/nog-daar", status_code=303)
        return None

    def owner(self, token: str | None) -> bool:
        return token is not None and token == self.desk.owner

    # Routes ---------------------------------------------------------------------------------------------

    async def show(self, request: Request) -> Response:
        def work(token: str | None, form: FormData) -> Response:
            return self.respond(self.page(token), token)

        return await self._show_or_warn(request, work)

    async def _show_or_warn(
        self, request: Request, work: Callable[[str | None, FormData], Response]
    ) -> Response:
        response = await self.run(request, work)
        if response.status_code == 303 and response.headers.get("location") == "/nog-daar":
            return await self.idle_page(request)
        return response

    async def idle_page(self, request: Request) -> Response:
        token = request.cookies.get(COOKIE)

        def locked() -> Response:
            with self.desk.lock:
                desk = self.desk
                if not self.owner(token) or desk.idle() == "here":
                    return _home()
                if desk.idle() == "gone":
                    desk.leave()
                    return _home()
                self._language_for(token)
                return self.respond(pages.idle(desk.seconds_left()), token)

        return await run_in_threadpool(locked)

    async def still_here(self, request: Request) -> Response:
        token = request.cookies.get(COOKIE)

        def locked() -> Response:
            with self.desk.lock:
                if self.owner(token) and self.desk.idle() != "gone":
                    self.desk.touch()
                elif self.owner(token):
                    self.desk.leave()
                return _home()

        return await run_in_threadpool(locked)

    async def busy(self, request: Request) -> Response:
        """The page says the person is typing or ticking (no page change yet): they are still here."""
        token = request.cookies.get(COOKIE)

        def locked() -> None:
            with self.desk.lock:
                if self.owner(token) and self.desk.idle() == "here":
                    self.desk.touch()

        await run_in_threadpool(locked)
        return Response(status_code=204)

    async def choose_language(self, request: Request) -> Response:
        def work(token: str | None, form: FormData) -> None:
            code = str(form.get("taal", ""))
            if code not in dict(self.languages):
                return
            if not self.owner(token):
                self.desk.welcome_language = code
                return
            # The person's own screen goes on in the new language; answers stay as they were given.
            self.desk.touch()
            self.desk.language = code
            if self.desk.session is not None:
                self.desk.session.set_language(code)

        return await self.run(request, work)

    async def language_page(self, request: Request) -> Response:
        def work(token: str | None, form: FormData) -> Response | None:
            if not self.owner(token):
                return None  # anyone else chooses on the welcome
            self.desk.touch()
            return self.respond(pages.language_choice(self.languages, self.desk.language), token)

        return await self.run(request, work)

    async def begin(self, request: Request) -> Response:
        def work(token: str | None, form: FormData) -> Response:
            try:
                new = self.desk.start()
            except AssistantError as exc:
                return self.respond(self.page(None, error=exc.person_message()), None)
            response = _home()
            _set_cookie(response, new)
            return response

        return await self.run(request, work)

    async def code_page(self, request: Request) -> Response:
        def work(token: str | None, form: FormData) -> Response:
            use_language(self.desk.welcome_language, self.context.settings)
            return self.respond(pages.code_entry(), None)

        return await self.run(request, work)

    async def enter_code(self, request: Request) -> Response:
        def work(token: str | None, form: FormData) -> Response:
            typed = str(form.get("code", ""))[:40]
            try:
                new = self.desk.resume(typed)
            except AssistantError as exc:
                use_language(self.desk.welcome_language, self.context.settings)
                return self.respond(pages.code_entry(typed, exc.person_message()), None)
            response = _home()
            _set_cookie(response, new)
            return response

        return await self.run(request, work)

    def _owned(self, act: Callable[[FormData], object]) -> Callable[[str | None, FormData], Response | None]:
        """A step only the person's own browser may take; a bad one shows its kind message on the page."""

        def work(token: str | None, form: FormData) -> Response | None:
            if not self.owner(token):
                return None
            self.desk.touch()
            try:
                act(form)
            except AssistantError as exc:
                return self.respond(self.page(token, error=exc.person_message()), token)
            return None

        return work

    async def answer(self, request: Request) -> Response:
        def work(token: str | None, form: FormData) -> Response | None:
            if not self.owner(token):
                return None
            self.desk.touch()
            values = [str(v) for v in form.getlist("keuze")]
            text = form.get("tekst")
            typed = str(text) if isinstance(text, str) else None
            try:
                self.desk.answer(str(form.get("vraag", "")), values, typed)
            except AssistantError as exc:
                return self.respond(self.page(token, exc.person_message(), (values, typed)), token)
            return None

        return await self.run(request, work)

    async def personal(self, request: Request) -> Response:
        def act(form: FormData) -> None:
            choice = PERSONAL.get(str(form.get("keuze", "")))
            if choice is not None:
                self.desk.decide_personal(choice)

        return await self.run(request, self._owned(act))

    async def step(self, request: Request) -> Response:
        def act(form: FormData) -> None:
            step = STEPS.get(str(form.get("stap", "")))
            if step is not None:
                self.desk.step(step, str(form.get("vraag", "")) or None)

        return await self.run(request, self._owned(act))

    async def verdict(self, request: Request) -> Response:
        def act(form: FormData) -> None:
            with contextlib.suppress(ValueError):
                self.desk.confirm(str(form.get("skill", "")), Verdict(str(form.get("oordeel", ""))))

        return await self.run(request, self._owned(act))

    async def later(self, request: Request) -> Response:
        return await self.run(request, self._owned(lambda form: self.desk.pause()))

    async def done(self, request: Request) -> Response:
        def work(token: str | None, form: FormData) -> Response:
            if self.owner(token):
                self.desk.leave()
            response = _home()
            response.delete_cookie(COOKIE)
            return response

        return await self.run(request, work)

    async def erase(self, request: Request) -> Response:
        return await self.run(request, self._owned(lambda form: self.desk.ask_erase()))

    async def erase_sure(self, request: Request) -> Response:
        def act(form: FormData) -> None:
            if self.desk.erase():
                self.notice = ERASED

        return await self.run(request, self._owned(act))

    async def keep(self, request: Request) -> Response:
        return await self.run(request, self._owned(lambda form: self.desk.keep()))

    async def health(self, request: Request) -> Response:
        return Response(
            "ok" if self.ready.is_set() else "bezig", status_code=200 if self.ready.is_set() else 503
        )

    # Keeping time ---------------------------------------------------------------------------------------

    async def watch_idle(self) -> None:
        """Pauses an interview whose person has gone, even when no browser asks for a page any more."""
        while True:
            await asyncio.sleep(1.0)
            await run_in_threadpool(self._leave_if_gone)

    def _leave_if_gone(self) -> None:
        with self.desk.lock:
            if self.desk.idle() == "gone":
                self.desk.leave()


def _set_cookie(response: Response, token: str) -> None:
    # Strict: only this kiosk's own pages send it; the page's script never needs it.
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")


def make_app(
    context: AppContext, speech: SpeechFiles | None = None, warm: bool = True, desk: WebDesk | None = None
) -> Starlette:
    """The web kiosk over `context`; `speech` None draws pages without audio (fast tests), `desk` one with
    its own clock (tests of the timeout)."""
    kiosk = WebKiosk(context, speech, desk)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if warm:
            # The Dutch language model takes seconds to load: do it while the person reads the welcome.
            threading.Thread(target=context.matcher.warm_and_settle, name="warm-up", daemon=True).start()
        kiosk.ready.set()
        watcher = asyncio.create_task(kiosk.watch_idle())
        try:
            yield
        finally:
            watcher.cancel()
            if speech is not None:
                speech.close()

    routes = [
        Route("/", kiosk.show, methods=["GET"]),
        Route("/taal", kiosk.choose_language, methods=["POST"]),
        Route("/taal", kiosk.language_page, methods=["GET"]),
        Route("/beginnen", kiosk.begin, methods=["POST"]),
        Route("/code", kiosk.code_page, methods=["GET"]),
        Route("/code", kiosk.enter_code, methods=["POST"]),
        Route("/antwoord", kiosk.answer, methods=["POST"]),
        Route("/persoonlijk", kiosk.personal, methods=["POST"]),
        Route("/stap", kiosk.step, methods=["POST"]),
        Route("/oordeel", kiosk.verdict, methods=["POST"]),
        Route("/later", kiosk.later, methods=["POST"]),
        Route("/klaar", kiosk.done, methods=["POST"]),
        Route("/wissen", kiosk.erase, methods=["POST"]),
        Route("/wissen/zeker", kiosk.erase_sure, methods=["POST"]),
        Route("/wissen/niet", kiosk.keep, methods=["POST"]),
        Route("/nog-daar", kiosk.idle_page, methods=["GET"]),
        Route("/nog-hier", kiosk.still_here, methods=["POST"]),
        Route("/bezig", kiosk.busy, methods=["POST"]),
        Route("/gezond", kiosk.health, methods=["GET"]),
        *holder_pages(kiosk),
        *asset_routes(kiosk.pictures, speech),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.kiosk = kiosk
    return app
