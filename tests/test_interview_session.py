"""An interview with the real store: every answer is in the SQLite file the moment it is given."""

from __future__ import annotations

import sqlite3

import pytest

from assistant.context import AppContext
from assistant.errors import InputError
from assistant.interview.session import InterviewSession


def _start(context: AppContext) -> InterviewSession:
    return InterviewSession.start(context.store, context.dialogue, context.matcher)


def _rows(context: AppContext, sql: str) -> list[tuple[object, ...]]:
    # A second connection, as another process would see the file.
    with sqlite3.connect(context.settings.database) as db:
        return db.execute(sql).fetchall()


def test_session_answer_is_in_the_file_at_once(context: AppContext) -> None:
    session = _start(context)
    session.answer(text="Fatima")
    [(question, sealed)] = _rows(context, "SELECT question_id, text FROM answers")
    # Committed, and sealed: another process reads it only with the store key.
    assert question == "naam" and "Fatima" not in str(sealed)
    assert context.store.keys.open(str(sealed)) == "Fatima"


def test_session_bad_answer_saves_nothing_and_stays_on_the_question(context: AppContext) -> None:
    session = _start(context)
    with pytest.raises(InputError):
        session.answer(text="\x00\x00")
    assert session.current is not None and session.current.id == "naam"
    assert _rows(context, "SELECT * FROM answers") == []


def test_session_free_text_proposes_skills_with_the_persons_words(context: AppContext) -> None:
    session = _start(context)
    session.answer(text="Jan")
    session.answer(values=["ja"])
    session.answer(values=["bouw"])
    proposals = session.answer(
        values=["metselen"] if "metselen" in session.current.option_ids() else [session.current.options[0].id]
    )
    assert proposals, "a construction task should propose a skill"
    assert all(p.source.startswith(("sector:", "competentnl")) for p in proposals)
    assert len(proposals) <= context.settings.max_proposals_per_answer
    stored = _rows(context, "SELECT skill_ref, verdict FROM proposals")
    assert {r[0] for r in stored} == {p.skill_ref for p in proposals}
    assert all(r[1] is None for r in stored)


def test_session_resume_continues_where_it_stopped(context: AppContext) -> None:
    session = _start(context)
    session.answer(text="Jan")
    session.answer(values=["ja"])
    again = InterviewSession.resume(context.store, context.dialogue, context.matcher, session.id)
    assert again.current is not None and again.current.id == "werk_sector"
    assert again.interview.answers["naam"].text == "Jan"


def test_session_finish_builds_a_draft_with_confirmed_skills_and_provenance(context: AppContext) -> None:
    session = _start(context)
    session.answer(text="Jan")
    session.answer(values=["ja"])
    session.answer(values=["bouw"])
    first_task = session.current.options[0].id
    proposals = session.answer(values=[first_task])
    session.confirm(proposals[0].skill_ref, "ja")
    for p in proposals[1:]:
        session.confirm(p.skill_ref, "nee")
    while not session.finished:
        session.skip()
    passport = session.finish()
    assert passport.person.nickname == "Jan"
    assert [s.ref for s in passport.skills] == [proposals[0].skill_ref]
    skill = passport.skills[0]
    prov = skill.provenance[0]
    assert prov.assessed_by == "self"
    assert prov.level == "skillsverklaring"
    assert any(s.kind == "competentnl" and s.uri for s in prov.standard)
    assert prov.evidence[0].text
    assert any(e.kind == "paid" and e.sector == "bouw" for e in passport.experiences)
    assert context.store.passport(passport.id).skills[0].ref == skill.ref
    assert context.store.session(session.id).status == "finished"
