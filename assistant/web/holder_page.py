"""The holder's own page at the web kiosk, opened with the lasting code (12 digits) on the keypad: add what is
new or see what changed (the return visit's cards, handled by `return_visit`), choose a direction and
next steps ("Wat wilt u hierna?", the end page's `direction_routes`, whose Terug comes back here), say again
whether a coach (and which union's counsellor) may look, hide or show single skills, stop all sharing; Delen
and Alles wissen (with its one more question) are the routes of the end page. As the Textual HolderScreen.

Every step goes through `assistant.holder`, which checks and logs it; only this browser's holder page can
take one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from markupsafe import Markup
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from assistant import holder, qr_code
from assistant.holder_code import TakeAlong
from assistant.i18n import _
from assistant.passport.model import Passport
from assistant.speech.sentences import speech
from assistant.storage.holder_access import HolderChoices
from assistant.web.pages import Page, card
from assistant.web.pictures import PictureSet
from assistant.web.share import Kiosk

#: The union cards: form value, the union as the store keeps it (None: none), words and picture (as in the
#: intake's "Bent u lid van een vakbond?").
UNIONS = (
    ("fnv", "FNV", "Ja, van de FNV", "vakbond_fnv"),
    ("cnv", "CNV", "Ja, van het CNV", "vakbond_cnv"),
    ("geen", None, "Nee", "geen_vakbond"),
)


def take_along_data(along: TakeAlong) -> dict[str, object]:
    """The take-along code of the consent just given, for the end and holder pages (`_take_along.html`)."""
    return {
        "lead": _("Uw deelcode"),
        "code": along.shown,
        "url": along.url,
        "qr": Markup(qr_code.svg(along.url, scale=5)),  # made here from the address: no outside text in it
        "alt": _("QR-code met de deelcode"),
    }


def holder_page(
    passport: Passport, choices: HolderChoices, sharing: int, pictures: PictureSet, told: str | None
) -> Page:
    name = passport.person.nickname
    title = _("Het paspoort van {name}").format(name=name) if name else _("Uw paspoort")
    skills = [(str(n), _(s.label), s.ref in choices.hidden) for n, s in enumerate(passport.active_skills())]
    coach = _("Ja, een coach mag meekijken") if choices.coach_may_look else _("Nee, liever niet")
    shown_skills = [text for _n, text, hidden in skills if not hidden]
    chosen = passport.direction  # saved before: said again when the holder comes back
    direction = _("Uw richting: {job}").format(job=_(chosen.label)) if chosen else None
    return Page(
        "holder",
        title,
        speech(
            told or "",
            title,
            _("Iets nieuws toevoegen"),
            _("Wat is er veranderd"),
            _("Wat wilt u hierna?"),
            direction or "",
            _("Mag een coach meekijken?"),
            coach,
            _("Dit kunt u:"),
            *shown_skills,
        ),
        {
            "told": told,
            "coach_question": _("Mag een coach meekijken?"),
            "coach": [
                card(pictures, "ja", _("Ja, een coach mag meekijken"), "ja", choices.coach_may_look),
                card(pictures, "nee", _("Nee, liever niet"), "nee", not choices.coach_may_look),
            ],
            "union_question": _("Bent u lid van een vakbond?") if choices.coach_may_look else None,
            "unions": [card(pictures, v, _(w), p, choices.union == u) for v, u, w, p in UNIONS],
            "skills_lead": _("Dit kunt u:"),
            "skills_help": _("Tik op een skill om die niet meer te delen."),
            "skills": [
                (n, _("{skill} (niet gedeeld)").format(skill=text) if hidden else text, hidden)
                for n, text, hidden in skills
            ],
            # The return visit's own cards (its words and pictures), sent to its route `/terugkomst`.
            "return_cards": [
                card(pictures, "nieuw", _("Iets nieuws toevoegen"), "iets-nieuws"),
                card(pictures, "geschiedenis", _("Wat is er veranderd"), "geschiedenis"),
            ],
            "next": _("Wat wilt u hierna?"),
            "direction": direction,
            "stop": _("Stoppen met delen") if sharing else None,
            "share": _("Delen"),
            "done": _("Klaar, terug naar het begin"),
            "erase": _("Alles wissen"),
        },
        personal=True,
    )


def holder_routes(kiosk: Kiosk) -> list[Route]:
    """/houder/coach (coach=ja|nee, vakbond=fnv|cnv|geen), /houder/skill (skill=number), /houder/stop."""
    desk = kiosk.desk

    def act(work: Callable[[str, FormData], None]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            def guarded(token: str | None, form: FormData) -> Response | None:
                if kiosk.owner(token) and desk.view == "holder" and desk.passport is not None:
                    desk.touch()
                    work(desk.passport.id, form)
                return None  # the holder's page again, with what changed

            return await kiosk.run(request, guarded)

        return endpoint

    def coach(pid: str, form: FormData) -> None:
        store = kiosk.context.store
        allowed = form.get("coach", "ja" if store.holder_choices(pid).coach_may_look else "nee") == "ja"
        wanted = str(form.get("vakbond", ""))
        known = {v: u for v, u, _w, _p in UNIONS}
        union = known[wanted] if wanted in known else store.holder_choices(pid).union
        holder.choose_coach(store, pid, allowed, union if allowed else None)
        desk.told = _("Bewaard.") if allowed else _("Bewaard. Geen coach kijkt mee.")

    def skill(pid: str, form: FormData) -> None:
        number = str(form.get("skill", ""))
        skills = desk.passport.active_skills() if desk.passport is not None else []
        if number.isdigit() and int(number) < len(skills):
            ref = skills[int(number)].ref
            hidden = ref not in kiosk.context.store.holder_choices(pid).hidden
            holder.set_skill_hidden(kiosk.context.store, pid, ref, hidden)

    def stop(pid: str, form: FormData) -> None:
        holder.stop_sharing(kiosk.context.store, pid)
        desk.told = _("Gestopt. Dit wordt niet meer gedeeld.")

    return [
        Route("/houder/coach", act(coach), methods=["POST"]),
        Route("/houder/skill", act(skill), methods=["POST"]),
        Route("/houder/stop", act(stop), methods=["POST"]),
    ]
