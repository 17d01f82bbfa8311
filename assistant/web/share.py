"""Delen at the web kiosk: the holder of a finished passport chooses what to share, with whom, for what and
how long, as the Textual ShareScreen asks it, in one page of big cards; and stops an earlier consent.

Every consent goes through `assistant.sharing` (checked, and written to the access log), so the kiosk shares
nothing the command line would not. A consent is recorded only when every question is answered; until then
the page keeps what was chosen and says kindly what is missing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from assistant import sharing
from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.i18n import _
from assistant.interview.access import HOLDER
from assistant.passport.consent import Consent, Part, ReceiverKind
from assistant.passport.consent_words import (
    PART_WORDS,
    PARTS_BY_NAME,
    PERIODS,
    PURPOSES,
    RECEIVER_WORDS,
    RECEIVERS_BY_NAME,
    summary,
)
from assistant.take_along import take_along
from assistant.web.desk_state import WebDesk
from assistant.web.pages import Page, card
from assistant.web.pictures import PictureSet

#: A step on the page: the form in, a page out (or None: show the person's screen).
Work = Callable[[str | None, FormData], Response | None]


class Kiosk(Protocol):
    """What these routes use of the web kiosk (`assistant.web.app.WebKiosk`)."""

    desk: WebDesk
    context: AppContext
    pictures: PictureSet

    def owner(self, token: str | None) -> bool: ...

    def page(self, token: str | None, error: str | None = None) -> Page: ...

    def respond(self, page: Page, token: str | None) -> Response: ...

    def run(self, request: Request, work: Work) -> Awaitable[Response]: ...


@dataclass
class Choices:
    """What the holder chose on the page so far."""

    parts: list[Part] = field(default_factory=lambda: ["skills"])
    receiver_kind: ReceiverKind | None = None
    receiver: str = ""
    purpose: str | None = None
    period: str | None = None

    @classmethod
    def from_form(cls, form: FormData) -> Choices:
        parts = [PARTS_BY_NAME[p] for p in form.getlist("deel") if isinstance(p, str) and p in PARTS_BY_NAME]
        purpose, period = str(form.get("doel", "")), str(form.get("duur", ""))
        return cls(
            parts=parts,
            receiver_kind=RECEIVERS_BY_NAME.get(str(form.get("wie", ""))),
            receiver=str(form.get("naam", "")).strip()[:200],
            purpose=purpose if purpose in PURPOSES else None,
            period=period if period in PERIODS else None,
        )

    def missing(self) -> str | None:
        """The first question without an answer, as a kind sentence; None when all are answered."""
        checks = [
            (not self.parts, _("Kies wat u wilt delen.")),
            (self.receiver_kind is None, _("Kies met wie u deelt.")),
            (not self.receiver, _("Vul de naam in.")),
            (self.purpose is None, _("Kies waarvoor.")),
            (self.period is None, _("Kies hoe lang.")),
        ]
        return next((text for is_missing, text in checks if is_missing), None)


def share_page(
    consents: list[Consent], chosen: Choices, pictures: PictureSet, error: str | None = None
) -> Page:
    current = [(c.id, summary(c)) for c in consents if c.is_valid()]
    questions = [_("1. Wat wilt u delen?"), _("2. Met wie?"), _("3. Wat is de naam?")]
    questions += [_("4. Waarvoor?"), _("5. Hoe lang?")]
    spoken = " ".join(
        [error or "", _("Wie mag wat zien?"), _("U kiest zelf. U kunt het later weer stoppen.")]
        + [text for _id, text in current]
        + questions
    ).strip()
    return Page(
        "share",
        _("Wie mag wat zien?"),
        spoken,
        {
            "lead": _("U kiest zelf. U kunt het later weer stoppen."),
            "now": _("Dit deelt u nu:") if current else None,
            "current": current,
            "stop": _("Stoppen met delen"),
            "questions": questions,
            "parts": [card(pictures, p, _(w), "", p in chosen.parts) for p, w in PART_WORDS.items()],
            "receivers": [
                card(pictures, k, _(w), "", k == chosen.receiver_kind) for k, w in RECEIVER_WORDS.items()
            ],
            "receiver": chosen.receiver,
            "example": _("Bijvoorbeeld: Bouwbedrijf De Vries"),
            "purposes": [card(pictures, k, _(w), "", k == chosen.purpose) for k, w in PURPOSES.items()],
            "periods": [card(pictures, k, _(w), "", k == chosen.period) for k, (w, _d) in PERIODS.items()],
            "share": _("Ja, zo delen"),
            "back": _("Terug"),
        },
        personal=bool(current),
        error=error,
    )


def share_routes(kiosk: Kiosk) -> list[Route]:
    """/delen (the page), /delen/ja (record a consent), /delen/stop (withdraw one), /delen/terug."""
    desk = kiosk.desk

    def holder(token: str | None) -> str | None:
        """The passport on this browser's end page, or None."""
        if not kiosk.owner(token) or desk.view not in ("end", "share", "holder") or desk.passport is None:
            return None
        return desk.passport.id

    def page(pid: str, token: str | None, chosen: Choices, error: str | None = None) -> Response:
        consents = kiosk.context.store.consents(pid)
        return kiosk.respond(share_page(consents, chosen, kiosk.pictures, error), token)

    def act(
        work: Callable[[str, str | None, FormData], Response | None],
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            def guarded(token: str | None, form: FormData) -> Response | None:
                pid = holder(token)
                if pid is None:
                    return None
                desk.touch()
                return work(pid, token, form)

            return await kiosk.run(request, guarded)

        return endpoint

    def show(pid: str, token: str | None, form: FormData) -> Response:
        desk.view = "share"
        return page(pid, token, Choices())

    def give(pid: str, token: str | None, form: FormData) -> Response | None:
        chosen = Choices.from_form(form)
        problem = chosen.missing()
        if problem is not None or chosen.receiver_kind is None or chosen.purpose is None:
            return page(pid, token, chosen, problem)
        days = PERIODS[chosen.period or "maand"][1]
        try:
            consent = sharing.give_consent(
                kiosk.context.store, pid, chosen.parts, chosen.receiver_kind, chosen.receiver,
                _(PURPOSES[chosen.purpose]), date.today() + timedelta(days=days), HOLDER,
            )  # fmt: skip
        except AssistantError as exc:
            return page(pid, token, chosen, exc.person_message())
        desk.view = desk.home
        desk.told = _("Bewaard. {receiver} mag dit zien tot {until}.").format(
            receiver=consent.receiver, until=consent.until.strftime("%d-%m-%Y")
        )
        desk.take_along = take_along(kiosk.context.store, consent, kiosk.context.settings.share_base_url)
        return None

    def stop(pid: str, token: str | None, form: FormData) -> Response | None:
        wanted = str(form.get("toestemming", ""))
        # Only a consent of this passport: an id from anywhere else is not this holder's to stop.
        if wanted in {c.id for c in kiosk.context.store.consents(pid)}:
            sharing.withdraw_consent(kiosk.context.store, wanted, HOLDER)
        return page(pid, token, Choices())

    def back(pid: str, token: str | None, form: FormData) -> None:
        desk.view = desk.home

    return [
        Route("/delen", act(show), methods=["POST"]),
        Route("/delen/ja", act(give), methods=["POST"]),
        Route("/delen/stop", act(stop), methods=["POST"]),
        Route("/delen/terug", act(back), methods=["POST"]),
    ]
