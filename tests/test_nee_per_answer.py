"""A "Nee" belongs to the answer it was given for. A person who said "Nee" to cooking after telling about
a job may be asked again when a later answer (cooking at the mosque) supports it; the passport then holds
the skill with that later answer, and the earlier "Nee" stays on record. A "Ja" is never asked twice, and
answering the same question again (Terug, the same words) does not bring a rejected skill back.

Through the real InterviewSession on a real SQLite store, with the catalogue matcher."""

from __future__ import annotations

import pytest

from assistant.context import AppContext
from assistant.interview.records import Proposal, Verdict
from assistant.interview.session import InterviewSession

COOKING = "horeca.koken"
AT_WORK = "ik kookte elke dag in een restaurant"
AT_ODD_JOBS = "ik kook op feestjes voor de buren"
AT_MOSQUE = "bij de moskee kookte ik voor honderd mensen"


def _start(context: AppContext) -> InterviewSession:
    return InterviewSession.start(
        context.store,
        context.dialogue,
        context.matcher,
        max_proposals=context.settings.max_proposals_per_answer,
        min_confidence=context.settings.min_confidence,
    )


def _go_to(session: InterviewSession, target: str, yes: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    """Walks to `target`: a name, "ja" to the yes/no questions in `yes`, "nee" to others, the rest skipped."""
    for _ in range(40):
        question = session.current
        assert question is not None, f"the interview ended before {target}"
        if question.id == target:
            return
        if question.id == "naam":
            session.answer(text="Samira")
        elif question.kind == "yes_no":
            session.answer(values=["ja" if question.id in yes else "nee"])
        else:
            session.skip()
    raise AssertionError(f"{target} not reached")


def _stored(session: InterviewSession, skill_ref: str) -> Proposal:
    [proposal] = [p for p in session.store.proposals(session.id) if p.skill_ref == skill_ref]
    return proposal


def _say(session: InterviewSession, question_id: str, text: str, yes: set[str]) -> list[Proposal]:
    _go_to(session, question_id, yes)
    return session.answer(text=text)


def test_skill_rejected_for_one_answer_is_asked_again_for_another(context: AppContext) -> None:
    session = _start(context)
    first = _say(session, "werk_vertel", AT_WORK, {"werk_vroeger"})
    assert COOKING in [p.skill_ref for p in first]
    session.confirm(COOKING, "nee")
    assert _stored(session, COOKING).verdict == "nee"

    later = _say(session, "vrijwilliger_vertel", AT_MOSQUE, {"vrijwilliger"})
    assert COOKING in [p.skill_ref for p in later], "the mosque answer supports cooking: ask again"
    assert COOKING in [p.skill_ref for p in session.pending()]
    again = _stored(session, COOKING)
    assert again.verdict is None
    assert again.question_id == "vrijwilliger_vertel"
    assert "kookte" in again.evidence and again.answer_text == AT_MOSQUE
    assert [(e["question_id"], e["verdict"]) for e in again.earlier] == [("werk_vertel", "nee")]
    assert again.earlier[0]["decided_at"], "when the earlier Nee was given"

    session.confirm(COOKING, "ja")
    while not session.finished:
        session.skip()
    passport = session.finish()
    [skill] = [s for s in passport.skills if s.ref == COOKING]
    [evidence] = skill.provenance[0].evidence
    assert evidence.question_id == "vrijwilliger_vertel"
    assert evidence.answer_text == AT_MOSQUE and "kookte" in evidence.text
    # the earlier "Nee" is still recorded with the proposal after the interview
    assert [e["question_id"] for e in _stored(session, COOKING).earlier] == ["werk_vertel"]


def test_every_earlier_nee_is_kept(context: AppContext) -> None:
    session = _start(context)
    _say(session, "werk_vertel", AT_WORK, {"werk_vroeger"})
    session.confirm(COOKING, "nee")
    odd_jobs = _say(session, "klussen_vertel", AT_ODD_JOBS, {"klussen"})
    assert COOKING in [p.skill_ref for p in odd_jobs]
    session.confirm(COOKING, "nee")
    _say(session, "vrijwilliger_vertel", AT_MOSQUE, {"vrijwilliger"})
    stored = _stored(session, COOKING)
    assert stored.verdict is None
    assert [(e["question_id"], e["verdict"]) for e in stored.earlier] == [
        ("werk_vertel", "nee"),
        ("klussen_vertel", "nee"),
    ]


@pytest.mark.parametrize("verdict", ["ja", "beetje"])
def test_skill_said_yes_to_is_never_asked_again(context: AppContext, verdict: Verdict) -> None:
    session = _start(context)
    _say(session, "werk_vertel", AT_WORK, {"werk_vroeger"})
    session.confirm(COOKING, verdict)
    for question_id, text, yes in [
        ("klussen_vertel", AT_ODD_JOBS, {"klussen"}),
        ("vrijwilliger_vertel", AT_MOSQUE, {"vrijwilliger"}),
    ]:
        proposals = _say(session, question_id, text, yes)
        assert COOKING not in [p.skill_ref for p in proposals], question_id
    assert COOKING not in [p.skill_ref for p in session.pending()]
    stored = _stored(session, COOKING)
    assert (stored.verdict, stored.question_id, stored.earlier) == (verdict, "werk_vertel", [])


def test_same_question_answered_again_does_not_ask_a_rejected_skill(context: AppContext) -> None:
    session = _start(context)
    first = _say(session, "werk_vertel", AT_WORK, {"werk_vroeger"})
    assert COOKING in [p.skill_ref for p in first]
    for p in first:
        session.confirm(p.skill_ref, "nee")
    assert session.current is not None and session.current.id != "werk_vertel"
    assert session.back()
    assert session.current is not None and session.current.id == "werk_vertel"
    again = session.answer(text=AT_WORK)
    assert again == [], "nothing that was just answered Nee is asked again"
    assert session.pending() == []
    stored = _stored(session, COOKING)
    assert (stored.verdict, stored.question_id, stored.earlier) == ("nee", "werk_vertel", [])


def test_going_back_to_an_earlier_answer_does_not_ask_what_it_was_told_nee(context: AppContext) -> None:
    session = _start(context)
    _say(session, "werk_vertel", AT_WORK, {"werk_vroeger"})
    session.confirm(COOKING, "nee")
    assert COOKING in [p.skill_ref for p in _say(session, "klussen_vertel", AT_ODD_JOBS, {"klussen"})]
    session.confirm(COOKING, "nee")
    while session.current is not None and session.current.id != "werk_vertel":
        assert session.back()
    again = session.answer(text=AT_WORK)
    assert COOKING not in [p.skill_ref for p in again], "Nee was said to cooking for this very answer"


def test_care_for_family_is_care_even_after_choosing_cleaning_work(context: AppContext) -> None:
    """The work sector says what the work was; "Iemand helpen met wassen" for a mother is washing a
    person, not doing the laundry, also for someone who chose cleaning as her work."""
    session = _start(context)
    answers = {
        "naam": {"text": "Fatima"},
        "werk_nu": {"values": ["ja"]},
        "werk_sector": {"values": ["schoonmaak"]},
        "zorg_familie": {"values": ["ja"]},
        "zorg_voor": {"values": ["ouder"]},
    }
    for _ in range(40):
        question = session.current
        assert question is not None, "the interview ended before the care tasks"
        if question.id == "zorg_taken":
            break
        if question.id in answers:
            for p in session.answer(**answers[question.id]):  # type: ignore[arg-type]
                session.confirm(p.skill_ref, "ja")
        elif question.kind == "yes_no":
            session.answer(values=["nee"])
        else:
            session.skip()
    assert "schoonmaak" in session.context_sectors()
    asked = [p.skill_ref for p in session.answer(values=["wassen", "aankleden"])]
    assert "zorg.wassen" in asked and "zorg.aankleden" in asked
    assert "schoonmaak.was_strijken" not in asked
