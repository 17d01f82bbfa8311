"""Which page a browser sees, from the desk's state: the person's own screen, or the welcome for anyone else.
The routing `assistant.ui.app.KioskApp.show_next` does for the Textual kiosk."""

from __future__ import annotations

from assistant.errors import AssistantError
from assistant.i18n import _
from assistant.web import pages
from assistant.web.desk_state import WebDesk
from assistant.web.holder_page import holder_page, take_along_data
from assistant.web.pages import Page
from assistant.web.pictures import PictureSet
from assistant.web.return_visit import page_for_return
from assistant.web.share import Choices, share_page

#: What the person sent when a step was refused: ticked choice ids and typed text, shown again as they were.
Typed = tuple[list[str], str | None]


def page_for(
    desk: WebDesk,
    token: str | None,
    pictures: PictureSet,
    languages: list[tuple[str, str]],
    error: str | None = None,
    typed: Typed | None = None,
    notice: str | None = None,
) -> Page:
    screen = desk.screen_for(token)
    session = desk.session
    page: Page | None = None
    if screen == "question" and session is not None and session.current is not None:
        known = [
            ", ".join(_(c.text) for c in q.options if c.id in a.values) for q, a in session.just_filled_in()
        ]
        previous = session.previous_answer()
        page = pages.question(session.current, session.progress(), pictures, previous, known, typed, error)
        if desk.told:  # once: the desk's own copy, while the central store cannot be asked
            page.data["told"], page.spoken = desk.told, f"{desk.told} {page.spoken}"
            desk.told = None
        return page
    if screen == "confirm" and session is not None:
        page = pages.confirm(session.pending()[0], pictures)
    elif screen == "personal" and desk.waiting is not None:
        page = pages.personal(desk.waiting.kinds, pictures)
    elif screen == "pause" and desk.code is not None:
        page = pages.pause(desk.code)
        desk.code_shown = True
    elif screen == "end" and desk.passport is not None:
        looks = desk.context.store.holder_choices(desk.passport.id).coach_may_look
        page = pages.end(desk.passport, desk.code, desk.changes, desk.told, desk.holder_code, looks)
        desk.told = None
    elif screen == "holder":
        page = _holder(desk, pictures)
    elif screen in ("return", "history"):
        try:
            page = page_for_return(desk, pictures)
        except AssistantError as exc:  # the history, opened from the holder's page, could not be read
            page, error = _holder(desk, pictures), exc.person_message()
    elif screen == "erase":
        page = pages.erase()
    elif screen == "share" and desk.passport is not None:
        page = share_page(desk.context.store.consents(desk.passport.id), Choices(), pictures)
    if page is None:
        notice_text = _(notice) if notice else None
        page = pages.welcome(languages, desk.welcome_language, notice_text, pictures.credit())
    if screen in ("end", "holder") and desk.take_along is not None:
        page.data["along"] = take_along_data(desk.take_along)
    page.error = error or page.error
    return page


def _holder(desk: WebDesk, pictures: PictureSet) -> Page | None:
    """The holder's own page (opened with the lasting code), with what they may share now."""
    if desk.passport is None:
        return None
    store, pid = desk.context.store, desk.passport.id
    sharing = sum(1 for c in store.consents(pid) if c.is_valid())
    page = holder_page(desk.passport, store.holder_choices(pid), sharing, pictures, desk.told)
    desk.told = None
    return page
