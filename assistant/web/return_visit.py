"""The return visit at the web kiosk: the holder typed the code of a finished passport and chooses, on three
big picture cards, to add what is new (the short follow-up interview), to see what changed (the passport's
history, newest first), or to look at the passport (the end page). The Textual kiosk's `ReturnScreen` and
`HistoryScreen`, with the same words; what each choice does is `interview.holder_return`, shared by both.

Routes: POST /terugkomst (a card, `keuze` = nieuw | geschiedenis | paspoort) and POST /terugkomst/terug
(from the history back to the choice). The holder's own page of the lasting code (`holder_page`) has the
first two cards too; the history goes back to the page it was opened from. Only the holder's own browser,
on one of these screens, can use them; any other tap shows the screen the browser is on.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from assistant.errors import AssistantError
from assistant.i18n import _
from assistant.interview.holder_return import HistoryLines, add_something_new, holder_history
from assistant.passport.history import history_lines
from assistant.passport.model import Passport
from assistant.speech.sentences import speech
from assistant.web.desk_state import View, WebDesk
from assistant.web.pages import Page, card
from assistant.web.pictures import PictureSet
from assistant.web.share import Kiosk

#: The three cards: (value sent, picture name, words); the words are the Textual kiosk's.
CHOICES: tuple[tuple[str, str, str], ...] = (
    ("nieuw", "iets-nieuws", "Iets nieuws toevoegen"),
    ("geschiedenis", "geschiedenis", "Wat is er veranderd"),
    ("paspoort", "paspoort", "Mijn paspoort bekijken"),
)


#: The pages whose cards post here: the return screen of a resume code, the history, and the holder's own
#: page of the lasting code (which has the first two cards).
OPEN_FROM = ("return", "history", "holder")


def _choices_page(desk: WebDesk) -> View:
    """Where the holder chose from, to go back to: their own page (lasting code) or the return screen."""
    return "holder" if desk.home == "holder" else "return"


def _welcome_back(passport: Passport) -> str:
    name = passport.person.nickname
    return _("Welkom terug, {name}!").format(name=name) if name else _("Welkom terug!")


def return_page(passport: Passport, pictures: PictureSet, told: str | None = None) -> Page:
    """ "Welkom terug": what would the holder like to do?"""
    title, ask = _welcome_back(passport), _("Wat wilt u doen?")
    words = {
        "nieuw": _("Iets nieuws toevoegen"),
        "geschiedenis": _("Wat is er veranderd"),
        "paspoort": _("Mijn paspoort bekijken"),
    }
    cards = [card(pictures, value, words[value], picture) for value, picture, _w in CHOICES]
    choices = [_("Keuze {number}: {text}.").format(number=n, text=c.text) for n, c in enumerate(cards, 1)]
    return Page(
        "return",
        title,
        speech(told or "", title, ask, *choices),
        {"told": told, "ask": ask, "cards": cards, "done": _("Klaar, terug naar het begin")},
        personal=bool(passport.person.nickname),
    )


def history_page(lines: HistoryLines) -> Page:
    """ "Wat is er veranderd": every version, newest first, with its date and who made it."""
    title, lead = _("Wat is er veranderd"), _("Hier ziet u wat er eerder in uw paspoort stond.")
    # The newest three aloud: a long history read out whole is more than anyone listens to.
    told = [part for head, sentences in lines[:3] for part in (head, *sentences)]
    return Page(
        "history",
        title,
        speech(title, lead, *told),
        {"lead": lead, "lines": lines, "back": _("Terug")},
        personal=True,  # the person's own words and their coach's name
    )


def page_for_return(desk: WebDesk, pictures: PictureSet) -> Page | None:
    """The return or history page of the desk's holder; None when neither is on screen. A history that
    cannot be read sends the holder back where they chose it: the return page says so itself, for the
    holder's page the `AssistantError` is raised for `screens` to show there."""
    passport = desk.passport
    if passport is None or desk.view not in ("return", "history"):
        return None
    if desk.view == "history":
        try:
            # Read again on every draw, so a change of language shows the history in the new one.
            return history_page(history_lines(desk.context.store.passport_history(passport.id)))
        except AssistantError as exc:
            desk.view = _choices_page(desk)
            if desk.view == "holder":
                raise  # the holder's page is drawn by `screens`, which shows the error there
            page = return_page(passport, pictures)
            page.error = exc.person_message()
            return page
    page = return_page(passport, pictures, desk.told)
    desk.told = None  # once: the desk's own copy, while the central store cannot be asked
    return page


def return_routes(kiosk: Kiosk) -> list[Route]:
    """/terugkomst (one of the three cards) and /terugkomst/terug (from the history to the cards)."""
    desk, context = kiosk.desk, kiosk.context

    def act(
        work: Callable[[str, str | None, FormData], Response | None],
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            def guarded(token: str | None, form: FormData) -> Response | None:
                if not kiosk.owner(token) or desk.view not in OPEN_FROM or desk.passport is None:
                    return None
                desk.touch()
                try:
                    return work(desk.passport.id, token, form)
                except AssistantError as exc:
                    desk.view = _choices_page(desk)
                    return kiosk.respond(kiosk.page(token, error=exc.person_message()), token)

            return await kiosk.run(request, guarded)

        return endpoint

    def choose(pid: str, token: str | None, form: FormData) -> None:
        choice = str(form.get("keuze", ""))
        if choice == "nieuw":
            desk.session = add_something_new(
                context.store,
                context.followup,
                context.matcher,
                pid,
                context.settings.recheck_years,
                desk.language,
                **context.session_options(),
            )
            # The follow-up's own questions from here; its end page shows its own code.
            desk.view, desk.passport, desk.code, desk.changes = None, None, None, []
            desk.home = "end"  # the follow-up ends on its end page, and Delen there comes back to it
        elif choice == "geschiedenis":
            holder_history(context.store, pid)  # logged once per look; the page reads it in its language
            desk.view = "history"
        elif choice == "paspoort" and desk.view == "return":
            desk.view = "end"

    def back(pid: str, token: str | None, form: FormData) -> None:
        if desk.view == "history":
            desk.view = _choices_page(desk)

    return [
        Route("/terugkomst", act(choose), methods=["POST"]),
        Route("/terugkomst/terug", act(back), methods=["POST"]),
    ]
