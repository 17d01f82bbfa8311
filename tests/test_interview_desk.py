"""The desk's rule with the real store: one interview is open at a time, one left open is paused and never
lost, a resume code takes it up again, wrong codes make the desk wait, and the holder's look is logged."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant import resume_code
from assistant.context import AppContext
from assistant.errors import InputError
from assistant.interview import desk
from assistant.interview.access import HOLDER, holder_views
from assistant.interview.session import InterviewSession


def _start(context: AppContext) -> InterviewSession:
    return desk.start_interview(context.store, context.dialogue, context.matcher, "nl")


def _status(context: AppContext, session: InterviewSession) -> str:
    return context.store.session(session.id).status


def test_an_interview_left_open_is_paused_when_the_kiosk_starts(context: AppContext) -> None:
    session = _start(context)
    session.answer(text="Fatima")
    desk.open_desk(context.store, 30)
    assert _status(context, session) == "paused"
    assert context.store.answers(session.id)["naam"].text == "Fatima", "paused, never lost"


def test_a_new_interview_pauses_the_one_left_open(context: AppContext) -> None:
    left = _start(context)
    left.answer(text="Fatima")
    new = _start(context)
    assert (_status(context, left), _status(context, new)) == ("paused", "active")
    assert context.store.answers(left.id)["naam"].text == "Fatima", "paused, never lost"


def test_pause_others_keeps_the_one_named(context: AppContext) -> None:
    sessions = [
        InterviewSession.start(context.store, context.dialogue, context.matcher) for _ in range(3)
    ]  # as after a crash: three left open
    desk.pause_others(context.store, keep=sessions[1].id)
    assert [_status(context, s) for s in sessions] == ["paused", "active", "paused"]


def test_a_code_takes_up_its_interview_and_pauses_the_open_one(context: AppContext) -> None:
    earlier = _start(context)
    code = earlier.ensure_resume_code()
    earlier.answer(text="Fatima")
    earlier.pause()
    now_open = _start(context)

    hit = desk.find_by_code(context.store, resume_code.Attempts(), resume_code.shown(code), 30)
    record, found = hit.record, hit.code
    again = desk.take_up(context.store, context.dialogue, context.matcher, record.id)
    assert (found, again.id) == (code, earlier.id)
    assert again.current is not None and again.current.id != "naam", "it goes on where it stopped"
    assert (_status(context, earlier), _status(context, now_open)) == ("active", "paused")


def test_wrong_codes_make_the_desk_wait_even_for_the_right_one(context: AppContext) -> None:
    session = _start(context)
    code = session.ensure_resume_code()
    attempts = resume_code.Attempts(replace(resume_code.CODE_POLICY, allowed=2))
    wrong = "1" * 8 if code != "1" * 8 else "2" * 8
    for _ in range(2):
        with pytest.raises(InputError, match="E107"):
            desk.find_by_code(context.store, attempts, wrong, 30)
    with pytest.raises(InputError, match="E332"):
        desk.find_by_code(context.store, attempts, code, 30)


def test_a_right_code_does_not_wipe_the_desks_count(context: AppContext) -> None:
    """Someone holding a code of their own must not be able to type it between every few guesses to start
    the count again (the count used to be wiped by any right code)."""
    session = _start(context)
    code = session.ensure_resume_code()
    attempts = resume_code.Attempts(replace(resume_code.CODE_POLICY, allowed=2))
    wrong = "1" * 8 if code != "1" * 8 else "2" * 8
    with pytest.raises(InputError, match="E107"):
        desk.find_by_code(context.store, attempts, wrong, 30)
    desk.find_by_code(context.store, attempts, code, 30)  # their own code, right
    with pytest.raises(InputError, match="E107"):
        desk.find_by_code(context.store, attempts, wrong, 30)
    with pytest.raises(InputError, match="E332"):
        desk.find_by_code(context.store, attempts, code, 30)


def test_a_code_typed_in_the_wrong_form_is_not_counted_as_a_guess(context: AppContext) -> None:
    session = _start(context)
    code = session.ensure_resume_code()
    attempts = resume_code.Attempts(replace(resume_code.CODE_POLICY, allowed=2))
    for typed in ("1234", "abcd efgh", "123456789"):
        with pytest.raises(InputError, match="E106"):
            desk.find_by_code(context.store, attempts, typed, 30)
    assert desk.find_by_code(context.store, attempts, code, 30).record.id == session.id


def test_the_holder_looking_at_their_passport_is_in_the_access_log(context: AppContext) -> None:
    session = _start(context)
    session.answer(text="Fatima")
    passport = session.finish()
    shown = holder_views(context.store, passport.id)
    assert shown.person.nickname == "Fatima"
    assert [(e.actor, e.action) for e in context.store.access_log(passport.id)][-1:] == [(HOLDER, "viewed")]
    assert HOLDER == "eigenaar"
