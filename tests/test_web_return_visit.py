"""The web kiosk goes on with a return visit brought back by its code: the follow-up's own questions, with
the date of the last visit, and its end adds to the same passport as a new version."""

from __future__ import annotations

import html

from assistant.context import AppContext
from assistant.interview.followup import FollowUpSession
from tests.test_coach_review import _draft
from tests.test_web_kiosk import TestClient, attribute, client, clock, screen, settings

__all__ = ["client", "clock", "settings"]  # fixtures of the web kiosk's tests, used here as they are


def test_a_follow_up_goes_on_in_the_web_kiosk(client: TestClient, context: AppContext) -> None:
    pid = _draft(context)
    assert context.followup is not None
    started = FollowUpSession.begin(context.store, context.followup, context.matcher, pid, 5, "nl")
    started.pause()

    page = client.post("/code", data={"code": started.resume_code}).text
    assert attribute(page, "data-question") == "veranderd"
    assert "Wat is er veranderd sinds " in html.unescape(page) and "{datum}" not in page
    page = client.post("/antwoord", data={"vraag": "veranderd", "keuze": ["nieuwe_cursus"]}).text
    assert attribute(page, "data-question") == "nieuwe_cursus_naam"
    page = client.post("/antwoord", data={"vraag": "nieuwe_cursus_naam", "tekst": "Cursus Excel"}).text
    for question in ("nieuwe_cursus_jaar", "nieuwe_cursus_school", "nieuwe_cursus_niveau"):
        assert attribute(page, "data-question") == question
        page = client.post("/stap", data={"stap": "overslaan", "vraag": question}).text
    assert screen(page) == "end"

    passport = context.store.passport(pid)
    assert passport.credentials[-1].name == "Cursus Excel"
    assert [v.action for v in context.store.passport_history(pid)] == ["made", "followup"]
