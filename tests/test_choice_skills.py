"""The skills a ticked choice stands for: every id is a real catalogue skill, and the kiosk asks exactly those.

A choice in `dialogues/intake.yaml` may say which catalogue skills ticking it shows (`skills:`). The session
skips an id it cannot find without a word, so a typo there would quietly bring back the text matcher's guess
(a mother's "Eten koken" asked as "Koken voor veel mensen"); these tests make such a mistake fail loudly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.config import Settings
from assistant.context import AppContext
from assistant.dialogue.loader import load_dialogue
from assistant.dialogue.model import Dialogue, Question
from assistant.interview.records import Proposal
from assistant.interview.session import InterviewSession
from assistant.skills.catalogue import Catalogue

CNL = "https://linkeddata.competentnl.nl/id/humancapability/"
CARE_FOR_OTHERS = CNL + "DB59A57C01"  # "Voor anderen zorgen"
#: Questions whose choices name their skills but are not asked about yet (see the comment in intake.yaml).
NOT_ASKED_YET = {"cursus_welke"}


def unknown_skill_refs(dialogue: Dialogue, catalogue: Catalogue) -> list[str]:
    """`question/choice: id` for every choice skill id the catalogue does not have."""
    return [
        f"{q.id}/{c.id}: {ref}"
        for q in dialogue.questions
        for c in q.options
        for ref in c.skills
        if ref not in catalogue.skills
    ]


def test_every_choice_skill_is_in_the_catalogue(dialogue: Dialogue, catalogue: Catalogue) -> None:
    assert unknown_skill_refs(dialogue, catalogue) == []
    # The dialogue really uses the field: an empty check would pass on a file that lost every `skills:`.
    assert sum(len(c.skills) for q in dialogue.questions for c in q.options) >= 100


def test_a_misspelt_choice_skill_is_reported(dialogue: Dialogue, catalogue: Catalogue) -> None:
    question = dialogue.question("cursus_welke")
    forklift = next(c for c in question.options if c.id == "heftruck")
    typo = forklift.model_copy(update={"skills": ["logistiek.heftruk"]})
    options = [typo if c.id == "heftruck" else c for c in question.options]
    broken_question = question.model_copy(update={"choices": options})
    broken = dialogue.model_copy(
        update={"questions": [broken_question if q.id == question.id else q for q in dialogue.questions]}
    )
    assert unknown_skill_refs(broken, catalogue) == ["cursus_welke/heftruck: logistiek.heftruk"]


def test_choice_skills_stay_few_and_are_only_on_questions_that_look_for_skills(dialogue: Dialogue) -> None:
    for q in dialogue.questions:
        for c in q.options:
            # One or two skills say what ticking a choice shows; more would be guessing, and more screens.
            assert len(c.skills) <= 2, f"{q.id}/{c.id}"
            assert not c.skills or q.looks_for_skills or q.id in NOT_ASKED_YET, (
                f"{q.id}/{c.id} is never asked"
            )
            assert not (c.skills and c.other), f"{q.id}/{c.id}: 'Iets anders' says nothing yet"


# A person at the kiosk, through the real session ---------------------------------------------------------

#: Answers (typed text, or the ids of the chosen buttons) that lead straight to the care questions: no work,
#: no odd jobs, no volunteering.
TO_CARE: dict[str, str | list[str]] = {
    "naam": "Amina",
    "werk_nu": ["nee"],
    "werk_vroeger": ["nee"],
    "klussen": ["nee"],
    "vrijwilliger": ["nee"],
    "zorg_familie": ["ja"],
    "zorg_voor": ["ouder"],
}
#: And on past care and hobbies to the courses.
TO_COURSES: dict[str, str | list[str]] = {
    **TO_CARE,
    "zorg_familie": ["nee"],
    "hobby": ["vissen"],
    "cursus": ["ja"],
}


def _walk_to(session: InterviewSession, target: str, answers: dict[str, str | list[str]]) -> Question:
    while (question := session.current) is not None and question.id != target:
        assert question.id in answers, f"the path to {target} unexpectedly asks {question.id}"
        given = answers[question.id]
        proposals = session.answer(text=given) if isinstance(given, str) else session.answer(values=given)
        for p in proposals:
            session.confirm(p.skill_ref, "nee")
    assert question is not None
    return question


def _tick(session: InterviewSession, question: Question, *texts: str) -> list[Proposal]:
    by_text = {c.text: c.id for c in question.options}
    return session.answer(values=[by_text[t] for t in texts])


def test_cooking_for_a_mother_is_asked_as_care_not_as_restaurant_cooking(context: AppContext) -> None:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    question = _walk_to(session, "zorg_taken", TO_CARE)
    proposals = _tick(session, question, "Eten koken", "Boodschappen doen")
    asked = {p.skill_ref: p for p in proposals}
    assert CARE_FOR_OTHERS in asked
    assert asked[CARE_FOR_OTHERS].via == "choice"
    assert asked[CARE_FOR_OTHERS].statement == "U kunt goed voor anderen zorgen."
    # Not "Koken voor veel mensen", and shopping is not housework or shop work.
    assert "horeca.koken" not in asked
    assert not [p.skill_ref for p in proposals if p.source.startswith("sector:")]


def test_cooking_in_a_restaurant_kitchen_is_still_restaurant_cooking(context: AppContext) -> None:
    # The same words mean the job skill where the person ticked them about paid kitchen work.
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    answers: dict[str, str | list[str]] = {**TO_CARE, "werk_nu": ["ja"], "werk_sector": ["horeca"]}
    question = _walk_to(session, "taken_horeca", answers)
    proposals = _tick(session, question, "Eten koken")
    assert [p.skill_ref for p in proposals] == ["horeca.koken"]


@pytest.fixture
def courses_asked(tmp_path: Path) -> Dialogue:
    """The real dialogue with the course question asked about (`map_skills: true`), read by the real loader."""
    raw = yaml.safe_load(Settings().dialogue_file().read_text(encoding="utf-8"))
    [course_question] = [q for q in raw["questions"] if q["id"] == "cursus_welke"]
    assert "map_skills" not in course_question, "asked about now: use the real dialogue here"
    course_question["map_skills"] = True
    path = tmp_path / "intake.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return load_dialogue(path)


@pytest.mark.parametrize(
    ("course", "skill", "statement"),
    [
        ("Heftruckcertificaat", "logistiek.heftruck", "U kunt veilig op een heftruck rijden."),
        ("Rijbewijs C (vrachtwagen)", "logistiek.vrachtwagen_rijden", "U kunt vrachtwagen rijden."),
        ("EHBO of BHV", CNL + "3DA7BAB0C4", "U kunt eerste hulp geven bij een ongeluk."),
    ],
)
def test_a_ticked_course_asks_what_it_shows_the_person_can_do(
    context: AppContext, courses_asked: Dialogue, course: str, skill: str, statement: str
) -> None:
    session = InterviewSession.start(context.store, courses_asked, context.matcher)
    question = _walk_to(session, "cursus_welke", TO_COURSES)
    proposals = _tick(session, question, course)
    assert [(p.skill_ref, p.statement, p.via) for p in proposals] == [(skill, statement, "choice")]
    # Saved as a question to answer, so a crash after this screen still asks it.
    assert [p.skill_ref for p in session.pending()] == [skill]


def test_ticking_every_task_asks_at_most_four_questions_one_per_task_first(context: AppContext) -> None:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    answers: dict[str, str | list[str]] = {**TO_CARE, "werk_nu": ["ja"], "werk_sector": ["metaal_elektro"]}
    question = _walk_to(session, "taken_techniek", answers)
    ticked = [c for c in question.options if c.skills]
    proposals = session.answer(values=[c.id for c in question.options])
    assert len(proposals) == session.max_proposals == 4
    # The first four ticked tasks each get their first skill, before any task gets a second one.
    assert [p.skill_ref for p in proposals] == [c.skills[0] for c in ticked[:4]]
    assert {p.via for p in proposals} == {"choice"}
