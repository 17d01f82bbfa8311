"""A holder comes back 400 days later (the clock moved with freezegun): a short follow-up asks only what is
new, the new skill joins the passport as a new version made by the holder, the old skills stay and are
marked for the coach to look at again, and the history shows both versions with who and when."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from assistant.context import AppContext
from assistant.errors import InputError, StorageError
from assistant.interview.followup import FollowUpSession
from assistant.interview.session import InterviewSession
from assistant.passport.history import history_lines
from assistant.passport.recheck import due_for_recheck
from assistant.sharing import erase
from assistant.storage import schema as t
from tests.conftest import ASSISTENT, coach_session
from tests.test_coach_review import _draft

FIRST_VISIT = datetime(2026, 1, 10, 10, 0, tzinfo=UTC)
RETURN = FIRST_VISIT + timedelta(days=400)


def _begin(context: AppContext, pid: str, years: int = 1) -> FollowUpSession:
    assert context.followup is not None
    return FollowUpSession.begin(
        context.store, context.followup, context.matcher, pid, recheck_years=years, language="nl"
    )


def test_a_return_visit_400_days_later_adds_only_what_is_new(context: AppContext) -> None:
    with freeze_time(FIRST_VISIT):
        pid = _draft(context)
    first = context.store.passport(pid)
    old_refs = {s.ref for s in first.skills}
    assert len(old_refs) == 2

    with freeze_time(RETURN):
        # A coach opens the passport and starts a follow-up; the holder types its code at the desk.
        coach_session(context.store, "Sanne")
        code = _begin(context, pid).resume_code
        record, _code = InterviewSession.find_by_code(context.store, code)
        assert context.followup is not None
        session = FollowUpSession.take_up(
            context.store, context.followup, context.matcher, record, recheck_years=1
        )
        assert session.current is not None
        assert session.current.text == "Wat is er veranderd sinds 10 januari 2026?"
        session.answer(values=["nieuw_werk", "nieuw_certificaat"])
        session.answer(values=["logistiek"])
        for proposal in session.answer(text="Ik laad en los vrachtwagens en tel de voorraad."):
            session.confirm(proposal.skill_ref, "ja")
        for proposal in session.answer(values=["heftruck"]):  # "Klopt dit?" for the licence's skill
            session.confirm(proposal.skill_ref, "ja")
        session.answer(text="geldig tot 1-3-2030")
        assert session.finished and not session.pending()
        passport = session.finish()

    intake_ids = {q.id for q in context.dialogue.questions}
    assert not intake_ids & set(session.interview.history), "no intake question is asked again"
    assert session.interview.history == [
        "veranderd",
        "nieuw_werk_sector",
        "nieuw_werk_vertel",
        "nieuw_certificaat_welke",
        "nieuw_certificaat_geldig",
        "end",
    ]

    stored = context.store.passport(pid)
    assert stored == passport and stored.id == first.id, "the same passport, not a new one"
    refs = {s.ref for s in stored.skills}
    assert old_refs < refs and "logistiek.heftruck" in refs, "old skills kept, the new one added"
    assert first.experiences == stored.experiences[: len(first.experiences)]
    assert any("vrachtwagens" in e.own_words for e in stored.experiences[len(first.experiences) :])
    licence = next(c for c in stored.credentials if c.choice_id == "heftruck")
    assert (
        licence.kind == "licence"
        and licence.expires is not None
        and licence.expires.isoformat() == "2030-03-01"
    )
    assert stored.status == "draft"

    # Old skills (last judged 400 days ago, with re-check after 1 year) are marked, not deleted.
    due = {s.ref for s in due_for_recheck(stored, 1, RETURN)}
    assert due == old_refs

    versions = context.store.passport_history(pid)
    assert [(v.version, v.actor_kind, v.action) for v in versions] == [
        (1, "holder", "made"),
        (2, "holder", "followup"),
    ]
    assert [v.at for v in versions] == [versions[0].passport.updated_at, RETURN]
    assert versions[0].passport == first, "what was there before is kept"
    assert versions[1].detail["recheck"] == [s.id for s in stored.skills if s.ref in old_refs]
    newest, oldest = history_lines(versions)
    assert newest[0] == "14 februari 2027, door uzelf:" and oldest[0] == "10 januari 2026, door uzelf:"
    heftruck = context.catalogue.skills["logistiek.heftruck"].label
    assert f"Erbij gekomen: {heftruck}." in newest[1]
    assert "Nieuw diploma of papier: Heftruckcertificaat." in newest[1]
    assert "Oude vaardigheden kijkt de coach opnieuw na: 2." in newest[1]


@pytest.mark.parametrize(
    ("typed", "code"),
    [("", "E101"), ("   ", "E101"), ("x" * 5000, "E102")],
)
def test_bad_input_in_the_new_questions_is_refused_kindly_and_nothing_is_lost(
    context: AppContext, typed: str, code: str
) -> None:
    pid = _draft(context)
    session = _begin(context, pid)
    session.answer(values=["nieuwe_cursus"])
    assert session.current is not None and session.current.id == "nieuwe_cursus_naam"
    with pytest.raises(InputError) as refused:
        session.answer(text=typed)
    assert refused.value.code == code and refused.value.user_message()
    assert session.current.id == "nieuwe_cursus_naam", "still on the same question"
    assert context.store.answers(session.id)["veranderd"].values == ["nieuwe_cursus"], "earlier answer kept"


def test_emoji_and_control_characters_in_a_new_course_are_kept_as_words(context: AppContext) -> None:
    pid = _draft(context)
    session = _begin(context, pid)
    session.answer(values=["nieuwe_cursus"])
    session.answer(text="Cursus 🍰 bakken\x00\x1b[31m")
    session.answer(text="ik weet het niet meer 🤷")  # no year in it: kept as the person's words
    session.dont_know()  # "Weet ik niet" for the school
    session.answer(values=["mbo_2"])
    assert session.finished
    passport = session.finish()
    course = passport.credentials[-1]
    assert (
        course.name.startswith("Cursus 🍰 bakken") and "\x00" not in course.name and "\x1b" not in course.name
    )
    assert (
        course.kind == "diploma" and course.level == "MBO 2" and course.year is None and course.issuer is None
    )
    assert any(e.own_words == "ik weet het niet meer 🤷" for e in passport.education), "nothing lost"


def test_a_coach_starts_a_follow_up_with_a_command_and_the_holder_types_its_code(
    context: AppContext,
) -> None:
    pid = _draft(context)
    result = subprocess.run(
        [str(ASSISTENT), "vervolg", pid],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "ASSISTENT_DATA_DIR": str(context.settings.data_dir),
            "ASSISTENT_DB_PATH": str(context.settings.db_path),
        },
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip().rsplit(":", 1)[1]
    record, _code = InterviewSession.find_by_code(context.store, code)
    assert (record.dialogue, record.status, record.passport_id) == ("followup", "paused", pid)

    missing = subprocess.run(
        [str(ASSISTENT), "vervolg", "bestaat-niet"],
        capture_output=True,
        text=True,
        env={**os.environ, "ASSISTENT_DB_PATH": str(context.settings.db_path)},
        timeout=120,
        check=False,
    )
    assert missing.returncode != 0 and "E301" in missing.stderr + missing.stdout


def test_erasing_the_passport_erases_its_return_visits_and_their_words(context: AppContext) -> None:
    pid = _draft(context)
    session = _begin(context, pid)
    session.answer(values=["nieuwe_cursus"])
    session.answer(text="Cursus lassen bij Bouwbedrijf Jansen")
    follow_up = session.id
    code = session.resume_code
    erase(context.store, pid, "eigenaar")

    assert not context.store.sessions(("active", "paused", "finished"))
    with pytest.raises(StorageError):
        context.store.session(follow_up)
    with pytest.raises(InputError):
        InterviewSession.find_by_code(context.store, code)
    with context.store._read() as conn:
        left = conn.execute(select(func.count()).select_from(t.answers)).scalar()
    assert left == 0, "the follow-up's answers went too"
