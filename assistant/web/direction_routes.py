"""The web kiosk's routes from the end page to a chosen direction and at most three next steps, saved in the
passport as *ontwikkelwensen* (the Textual kiosk's direction screens, for the browser):

    GET  /richting                 "Wat wilt u hierna?": the occupations that fit (`directions`)
    POST /richting/zoek            a typed occupation name (`search_occupations`, spelling-tolerant); E641
                                   when nothing is found, the typed text kept in the field
    GET  /richting/stappen?beroep= the next steps for one occupation, licences first
    POST /richting/bewaar          the direction and the ticked steps (beroep=, stap=...) saved as one new
                                   version of the passport made by the holder; a fourth step is E640, with
                                   the ticks kept and nothing saved
    GET  /richting/bewaard         what was saved, read back from the store with its date
    POST /richting/terug           back to the end page (or the holder's own page)

Only the holder's own browser, on their end or holder page (each has a "Wat wilt u hierna?" button), can
open them; any other request shows the screen the browser is on. The desk stays on that page meanwhile, so
Terug, Klaar, the idle timeout and a reload of `/` work as they do there. A direction saved before is
ticked on `/richting` (and listed first when it is not among the best fits).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from assistant.development.direction import Direction, direction_for, directions
from assistant.development.learning_options import LearningCatalogue
from assistant.development.next_steps import steps_for_direction, wish_key
from assistant.development.wishes import choose_direction, choose_steps
from assistant.errors import AssistantError, InputError
from assistant.interview.access import HOLDER
from assistant.passport.model import Passport
from assistant.skills.search import search_occupations
from assistant.web.direction_pages import (
    chosen_page,
    direction_page,
    learning_or_empty,
    steps_page,
)
from assistant.web.share import Kiosk

#: The pages the way to a direction starts from.
OPEN_FROM = ("end", "holder")
#: How many occupations "Wat wilt u hierna?" shows, and how many a typed name may find.
SHOWN = 5
#: A typed occupation name is cut here: no name is longer, and the matcher needs no more.
MAX_TYPED = 100

#: A step on these pages: the holder's passport id, the form (or the address's query) in; a page out, or
#: None for the screen the browser is on.
Work = Callable[[str, str | None, dict[str, list[str]]], Response | None]


def _wish_keys(passport: Passport, occupation_id: str) -> set[str]:
    """The keys of the steps already chosen for this occupation, so they show ticked."""
    if passport.direction is None or passport.direction.occupation_id != occupation_id:
        return set()
    return {wish_key(w) for w in passport.development_wishes}


def direction_routes(kiosk: Kiosk) -> list[Route]:
    desk, context = kiosk.desk, kiosk.context

    def learning() -> LearningCatalogue:
        return learning_or_empty(context.learning)

    def passport() -> Passport:
        assert desk.passport is not None  # checked by `act` before any work
        return desk.passport

    def direction(occupation_id: str) -> Direction | None:
        if occupation_id not in context.catalogue.occupations:
            return None
        return direction_for(passport(), context.catalogue, occupation_id)

    def act(work: Work) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            query = {k: request.query_params.getlist(k) for k in request.query_params}

            def guarded(token: str | None, form: FormData) -> Response | None:
                if not kiosk.owner(token) or desk.view not in OPEN_FROM or desk.passport is None:
                    return None
                desk.touch()
                fields = {k: [str(v) for v in form.getlist(k)] for k in form} if form else query
                return work(desk.passport.id, token, fields)

            return await kiosk.run(request, guarded)

        return endpoint

    def first(fields: dict[str, list[str]], name: str) -> str:
        return (fields.get(name) or [""])[0]

    def show(pid: str, token: str | None, fields: dict[str, list[str]]) -> Response:
        found = directions(passport(), context.catalogue, limit=SHOWN)
        chosen = passport().direction
        saved = chosen.occupation_id if chosen is not None else None
        again = direction(saved) if saved is not None else None
        if again is not None and saved not in [d.occupation_id for d in found]:
            # The work chosen before comes first, also when it is not among the best fits (typed, say).
            found.insert(0, again)
        return kiosk.respond(direction_page(found, learning(), kiosk.pictures, saved=saved), token)

    def search(pid: str, token: str | None, fields: dict[str, list[str]]) -> Response:
        typed = first(fields, "beroep").strip()[:MAX_TYPED]
        found = search_occupations(context.matcher, typed, limit=SHOWN) if typed else []
        if not found:
            error = InputError("E641", name=typed) if typed else InputError("E649")
            fitting = directions(passport(), context.catalogue, limit=SHOWN)
            page = direction_page(fitting, learning(), kiosk.pictures, typed, error=error.person_message())
            return kiosk.respond(page, token)
        shown = [direction_for(passport(), context.catalogue, o.id) for o in found]
        return kiosk.respond(direction_page(shown, learning(), kiosk.pictures, typed, searched=True), token)

    def steps(pid: str, token: str | None, fields: dict[str, list[str]]) -> Response | None:
        chosen = direction(first(fields, "beroep"))
        if chosen is None:
            return RedirectResponse("/richting", status_code=303)
        offered = steps_for_direction(chosen, learning())
        return kiosk.respond(steps_page(chosen, offered, _wish_keys(passport(), chosen.occupation_id)), token)

    def save(pid: str, token: str | None, fields: dict[str, list[str]]) -> Response | None:
        occupation_id = first(fields, "beroep")
        if occupation_id not in context.catalogue.occupations:
            return RedirectResponse("/richting", status_code=303)
        ticked = list(dict.fromkeys(fields.get("stap", [])))
        store = context.store
        try:
            # The version first: a coach's change between this read and the save is E307, nothing lost.
            version = store.passport_version(pid)
            stored = store.passport(pid)
            chosen = direction_for(stored, context.catalogue, occupation_id)
            now = datetime.now(UTC).replace(microsecond=0)
            changed = choose_direction(stored, chosen, now, "holder")
            changed = choose_steps(changed, chosen, learning(), ticked, now, "holder")
            store.save_passport(
                changed,
                version,
                actor_kind="holder",
                actor=HOLDER,
                action="direction",
                detail={"occupation": occupation_id, "steps": len(ticked)},
            )
        except AssistantError as exc:
            # The same page again with every tick kept, and the kind message beside it.
            shown = direction_for(passport(), context.catalogue, occupation_id)
            offered = steps_for_direction(shown, learning())
            return kiosk.respond(steps_page(shown, offered, set(ticked), exc.person_message()), token)
        desk.passport = changed
        return RedirectResponse("/richting/bewaard", status_code=303)

    def saved(pid: str, token: str | None, fields: dict[str, list[str]]) -> Response:
        # Read back from the store: what the page says is what the passport now holds.
        stored = context.store.passport(pid)
        if stored.direction is None:
            return RedirectResponse("/richting", status_code=303)
        return kiosk.respond(chosen_page(stored), token)

    def back(pid: str, token: str | None, fields: dict[str, list[str]]) -> None:
        return None  # the end page (or the holder's own page): the desk never left it

    return [
        Route("/richting", act(show), methods=["GET"]),
        Route("/richting/zoek", act(search), methods=["POST"]),
        Route("/richting/stappen", act(steps), methods=["GET"]),
        Route("/richting/bewaar", act(save), methods=["POST"]),
        Route("/richting/bewaard", act(saved), methods=["GET"]),
        Route("/richting/terug", act(back), methods=["POST"]),
    ]
