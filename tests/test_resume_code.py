"""Resume codes: a person who stops (or finishes) gets a code, and with it goes on where they stopped."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.fernet import Fernet
from textual.widgets import Digits, Input, Static

from assistant import resume_code
from assistant.context import AppContext
from assistant.errors import InputError
from assistant.interview import desk
from assistant.interview.session import InterviewSession
from assistant.storage.field_cipher import FieldCipher
from assistant.ui.answer_widgets.text import AnswerBox
from assistant.ui.app import make_app
from assistant.ui.resume_screens import CodeScreen, PauseScreen
from assistant.ui.return_screens import ReturnScreen
from assistant.ui.screens import EndScreen, QuestionScreen, WelcomeScreen
from tests.conftest import coach_session
from tests.test_kiosk_app import SIZE, _question_id, _skip_to_end, start_with_name


def test_code_is_eight_digits_in_two_groups_and_typing_is_forgiving() -> None:
    code = resume_code.new_code()
    assert len(code) == 8 and code.isdigit()
    assert resume_code.shown("48210937") == "4821 0937"
    assert resume_code.spoken("48210937") == "4 8 2 1. 0 9 3 7"
    assert resume_code.normalise(" 4821-0937 ") == "48210937"
    assert resume_code.normalise("4821.0937") == "48210937"


@pytest.mark.parametrize(
    "typed", ["", "1234", "123456789", "abcd efgh", "١٢٣٤٥٦٧٨", "1234\x005678", None, 12345678]
)
def test_a_wrong_looking_code_gets_a_kind_message(typed: object) -> None:
    with pytest.raises(InputError) as caught:
        resume_code.normalise(typed)
    assert "8 cijfers" in caught.value.user_message()


def _stored_codes(context: AppContext) -> list[tuple[str, str | None]]:
    with sqlite3.connect(context.settings.database) as conn:
        return conn.execute("SELECT id, resume_code FROM sessions ORDER BY id").fetchall()


def test_only_a_keyed_hash_of_the_code_is_in_the_database_file(context: AppContext) -> None:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    code = session.resume_code
    assert code is not None
    [(_id, stored)] = _stored_codes(context)
    region_secret = FieldCipher(os.environ["ASSISTENT_STORE_KEY"]).derive_secret(resume_code.SECRET_PURPOSE)
    assert stored == resume_code.keyed_digest(code, region_secret)
    # Someone with only the file tries every code with the old unkeyed hash, or with a key of their own:
    # neither gives the stored value, so there is nothing to guess against.
    assert stored != resume_code.legacy_digest(code)
    other_secret = FieldCipher(Fernet.generate_key()).derive_secret(resume_code.SECRET_PURPOSE)
    assert stored != resume_code.keyed_digest(code, other_secret)
    assert code not in context.settings.database.read_bytes().decode("latin-1")


def _put_legacy_code(context: AppContext, session_id: str, code: str, updated_at: str | None = None) -> None:
    """As a store made before codes were keyed left it: the unkeyed SHA-256 of the code."""
    with sqlite3.connect(context.settings.database) as conn:
        conn.execute(
            "UPDATE sessions SET resume_code = ? WHERE id = ?", (resume_code.legacy_digest(code), session_id)
        )
        if updated_at is not None:
            conn.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", (updated_at, session_id))


def test_a_code_stored_by_an_older_version_still_works_once_and_is_then_keyed(context: AppContext) -> None:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text="Fatima")
    session.pause()
    _put_legacy_code(context, session.id, "48210937")

    record, found = InterviewSession.find_by_code(context.store, "4821 0937")
    assert (record.id, found) == (session.id, "48210937"), "the person's old code still works"
    [(_id, stored)] = _stored_codes(context)
    assert stored is not None and stored.startswith(resume_code.KEYED_PREFIX), "re-hashed at first use"
    assert stored != resume_code.legacy_digest("48210937")
    again, _code = InterviewSession.find_by_code(context.store, "48210937")
    assert again.id == session.id, "and it keeps working, now keyed"


def test_expired_old_hashes_are_cleared_when_the_kiosk_starts(context: AppContext) -> None:
    sessions = [InterviewSession.start(context.store, context.dialogue, context.matcher) for _ in range(3)]
    old = (datetime.now(UTC) - timedelta(days=40)).isoformat()
    _put_legacy_code(context, sessions[0].id, "11112222", updated_at=old)  # expired
    _put_legacy_code(context, sessions[1].id, "33334444")  # still valid
    keyed_old = sessions[2].resume_code
    with sqlite3.connect(context.settings.database) as conn:
        conn.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", (old, sessions[2].id))

    desk.open_desk(context.store, 30)
    stored = dict(_stored_codes(context))
    assert stored[sessions[0].id] is None, "an expired unkeyed hash is gone from the file"
    assert stored[sessions[1].id] == resume_code.legacy_digest("33334444"), "a valid one waits for its owner"
    assert stored[sessions[2].id] is not None, "keyed hashes are left alone"
    assert InterviewSession.find_by_code(context.store, "33334444")[0].id == sessions[1].id
    with pytest.raises(InputError, match="E107"):
        InterviewSession.find_by_code(context.store, "11112222")
    assert keyed_old is not None


def test_an_unknown_or_expired_code_is_refused(context: AppContext) -> None:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    code = session.resume_code
    assert code is not None
    other = f"{(int(code) + 1) % 10**8:08d}"
    with pytest.raises(InputError, match="E107"):
        InterviewSession.find_by_code(context.store, other)
    record, found = InterviewSession.find_by_code(context.store, resume_code.shown(code))
    assert (record.id, found) == (session.id, code)
    with pytest.raises(InputError, match="E107"):
        InterviewSession.find_by_code(context.store, code, max_age_days=-1)


def test_guessing_is_slowed_down_after_five_wrong_codes(context: AppContext) -> None:
    attempts = resume_code.Attempts()
    desk_id = context.store.origin
    for _ in range(5):
        attempts.check(context.store, desk_id)
        attempts.failed(context.store, desk_id)
    with pytest.raises(InputError, match="E332"):
        attempts.check(context.store, desk_id)


def _shown(app) -> str:
    return " ".join(str(w.content) for w in app.screen.query(Static))


async def _type_code_on_keypad(app, pilot, code: str) -> None:
    await pilot.click("#code")
    await pilot.pause()
    assert isinstance(app.screen, CodeScreen)
    for digit in code:
        await pilot.click(f"#digit-{digit}")
    await pilot.click("#submit")
    await pilot.pause()


async def test_stop_with_a_code_then_come_back_to_the_same_question(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start_with_name(app, pilot, "Zorro Kwast")
        await pilot.click("#choice-ja")
        await pilot.pause()
        assert _question_id(app) == "werk_sector"

        await pilot.click("#pause")
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        shown_code = app.screen.query_one("#resume-code", Digits).value
        assert len(shown_code) == 9 and shown_code[4] == " "
        await pilot.click("#done")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "Zorro Kwast" not in _shown(app)
        assert not app.screen.query("#resume"), "a stopped interview is only opened with its code"

        # A wrong code first: a kind message, and the person can try again.
        await _type_code_on_keypad(app, pilot, "00000000" if shown_code != "0000 0000" else "11111111")
        assert isinstance(app.screen, CodeScreen)
        assert "code kennen we niet" in str(app.screen.query_one("#error", Static).content)
        app.screen.query_one("#code-input", Input).value = ""
        for digit in shown_code.replace(" ", ""):
            await pilot.click(f"#digit-{digit}")
        await pilot.click("#submit")
        await pilot.pause()
        assert _question_id(app) == "werk_sector", "back at the question where the person stopped"
        await pilot.click("#back")
        await pilot.pause()
        await pilot.click("#back")
        await pilot.pause()
        assert app.screen.query_one("#answer", AnswerBox).text == "Zorro Kwast", (
            "earlier answers are all there"
        )


@pytest.mark.slow
async def test_the_end_screen_gives_a_code_that_shows_the_result_again(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start_with_name(app, pilot, "Ayla")
        await _skip_to_end(app, pilot, "ja")
        assert "Klaar, Ayla!" in _shown(app)
        code = app.screen.query_one("#resume-code", Digits).value.replace(" ", "")
        await pilot.click("#done")
        await pilot.pause()
        await _type_code_on_keypad(app, pilot, code)
        # A finished passport: the holder chooses to add, to see what changed, or to look at it.
        assert isinstance(app.screen, ReturnScreen) and "Welkom terug, Ayla!" in _shown(app)
        await pilot.click("#view")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert "Klaar, Ayla!" in _shown(app)
        assert not isinstance(app.screen, QuestionScreen)


@pytest.mark.slow
async def test_coming_back_shows_in_plain_words_what_the_coach_changed(context: AppContext) -> None:
    from assistant.passport.review import Review

    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start_with_name(app, pilot, "Ayla")
        await _skip_to_end(app, pilot, "ja")
        code = app.screen.query_one("#resume-code", Digits).value.replace(" ", "")
        passport_id = app.screen.passport.id
        await pilot.click("#done")
        await pilot.pause()

        Review(context.store, passport_id, coach_session(context.store, "Sanne")).add_note(
            "Goed bezig met de intake."
        )

        await _type_code_on_keypad(app, pilot, code)
        assert isinstance(app.screen, ReturnScreen)
        await pilot.click("#view")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        shown = _shown(app)
        assert "Wat de coach veranderde:" in shown
        assert "Sanne" in shown and "Goed bezig met de intake." in shown
    assert ("eigenaar", "viewed") in [(e.actor, e.action) for e in context.store.access_log(passport_id)]
