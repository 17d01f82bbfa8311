"""Answer kinds: every kind a dialogue file uses has its checks and its kiosk widgets, a file naming an
unknown kind is refused with file, line and the kinds there are, and each kind answers as a person expects."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.app import App

from assistant.config import Settings
from assistant.dialogue.answer_kinds import ANSWER_KINDS
from assistant.dialogue.engine import Interview
from assistant.dialogue.loader import load_dialogue
from assistant.dialogue.model import Dialogue, Question
from assistant.errors import DataFileError, InputError
from assistant.interview.records import Verdict
from assistant.passport.build import build_passport
from assistant.skills.catalogue import Catalogue
from assistant.ui.answer_widgets import ANSWER_WIDGETS
from assistant.ui.answer_widgets.text import AnswerBox
from assistant.ui.messages import Answered
from assistant.ui.screens import QuestionScreen

HEADER = "id: p\nversion: 1\nstart: a\nquestions:\n"


def _one_question(tmp_path: Path, body: str, name: str = "vraag.yaml") -> Path:
    path = tmp_path / name
    path.write_text(
        HEADER + "  - id: a\n    section: hobby\n    text: Wat doet u?\n" + body, encoding="utf-8"
    )
    return path


def _kinds_in_dialogue_files() -> set[str]:
    kinds: set[str] = set()
    for path in sorted(Settings().dialogues_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kinds |= {q["kind"] for q in data.get("questions", [])} if isinstance(data, dict) else set()
    return kinds


def test_every_kind_in_the_dialogue_files_has_its_checks_and_its_kiosk_widgets() -> None:
    used = _kinds_in_dialogue_files()
    assert used, "the shipped dialogues name their answer kinds"
    assert used <= set(ANSWER_KINDS)
    assert set(ANSWER_WIDGETS) == set(ANSWER_KINDS)
    for name, kind in ANSWER_KINDS.items():
        assert kind.name == name


def test_an_unknown_kind_is_refused_with_file_line_question_and_the_kinds_there_are(tmp_path: Path) -> None:
    path = _one_question(tmp_path, "    kind: tekening\n    next: end\n", "tekening.yaml")
    with pytest.raises(DataFileError) as info:
        load_dialogue(path, pictures={})
    assert info.value.user_message() == (
        "Fout in gespreksbestand tekening.yaml, regel 5, vraag a: "
        "kind: Input should be 'text', 'choice', 'multi' or 'yes_no' (E201)"
    )


@pytest.mark.parametrize(
    ("kind", "choices", "cause"),
    [
        ("choice", "    choices:\n      - {id: x, text: X, picture: bal}\n", "minstens 2 keuzes"),
        ("multi", "", "minstens 2 keuzes"),
        ("text", "    choices:\n      - {id: x, text: X, picture: bal}\n", "soort 'text' heeft geen keuzes"),
        (
            "yes_no",
            "    choices:\n      - {id: x, text: X, picture: bal}\n",
            "soort 'yes_no' heeft geen keuzes",
        ),
    ],
)
def test_choices_that_do_not_fit_the_kind_are_refused(
    tmp_path: Path, kind: str, choices: str, cause: str
) -> None:
    path = _one_question(tmp_path, f"    kind: {kind}\n{choices}    next: end\n")
    with pytest.raises(DataFileError) as info:
        load_dialogue(path, pictures={"bal": "⚽"})
    message = info.value.user_message()
    assert "vraag.yaml" in message and "regel 5" in message and cause in message


def test_a_choice_may_use_the_yes_no_pictures_without_pictures_yaml_naming_them(tmp_path: Path) -> None:
    body = "    kind: choice\n    choices:\n      - {id: x, text: X, picture: ja}\n      - {id: y, text: Y, picture: nee}\n"
    dialogue = load_dialogue(_one_question(tmp_path, body + "    next: end\n"), pictures={"bal": "⚽"})
    assert [c.picture for c in dialogue.question("a").options] == ["ja", "nee"]


def _first(dialogue: Dialogue, kind: str) -> Question:
    return next(q for q in dialogue.questions if q.kind == kind)


def _at(dialogue: Dialogue, question: Question) -> Interview:
    return Interview(dialogue, history=[question.id])


def test_a_yes_no_question_offers_the_three_verdict_words(dialogue: Dialogue) -> None:
    question = _first(dialogue, "yes_no")
    assert [c.id for c in question.options] == [Verdict.YES, Verdict.A_LITTLE, Verdict.NO]
    assert [c.text for c in question.options] == ["Ja", "Een beetje", "Nee"]


def test_one_choice_takes_one_button_and_multi_takes_several(dialogue: Dialogue) -> None:
    one, many = _first(dialogue, "choice"), _first(dialogue, "multi")
    a, b = (c.id for c in one.options[:2])
    with pytest.raises(InputError, match="E105"):
        _at(dialogue, one).build_answer([a, b])
    assert _at(dialogue, one).build_answer([a]).values == [a]
    x, y = (c.id for c in many.options[:2])
    assert _at(dialogue, many).build_answer([x, y, x]).values == [x, y]
    with pytest.raises(InputError, match="E105"):
        _at(dialogue, many).build_answer(["bestaat_niet"])
    with pytest.raises(InputError, match="E104"):
        _at(dialogue, many).build_answer([])


def test_a_text_answer_is_kept_as_typed_without_its_outer_spaces(dialogue: Dialogue) -> None:
    question = _first(dialogue, "text")
    answer = _at(dialogue, question).build_answer(["ja"], "  Ik bak brood  ")
    assert (answer.text, answer.values) == ("Ik bak brood", [])


PASSPORT_DIALOGUE = """id: p
version: 1
start: naam
questions:
  - {id: naam, section: person, text: "Hoe heet u?", kind: text, next: talen}
  - id: talen
    section: person
    text: Welke talen spreekt u?
    kind: multi
    choices:
      - {id: nl, text: Nederlands, picture: bal}
      - {id: ar, text: Arabisch, picture: bal}
    next: hobby
  - {id: hobby, section: hobby, text: "Heeft u een hobby?", kind: yes_no, next: welke}
  - {id: welke, section: hobby, text: "Wat doet u graag?", kind: text, next: end}
"""


def test_each_kind_puts_its_answer_in_its_own_place_in_the_passport(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "paspoort.yaml"
    path.write_text(PASSPORT_DIALOGUE, encoding="utf-8")
    dialogue = load_dialogue(path, pictures={"bal": "⚽"})
    interview = Interview(dialogue)
    given: list[tuple[list[str], str | None]] = [
        ([], "Fatima"),
        (["nl", "ar"], None),
        ([Verdict.YES], None),
        ([], "Ik bak brood"),
    ]
    for values, text in given:
        interview.record(interview.build_answer(values, text))
    passport = build_passport(dialogue, interview, [], catalogue, "sessie")
    assert passport.person.nickname == "Fatima"
    assert passport.person.languages == ["Nederlands", "Arabisch"]
    # The "Ja" on its own says nothing: only the typed hobby is kept, in the person's own words.
    assert [(e.kind, e.own_words) for e in passport.experiences] == [("hobby", "Ik bak brood")]


class _Holder(App[None]):
    """Shows one question screen and keeps what it sends."""

    def __init__(self, screen: QuestionScreen) -> None:
        super().__init__()
        self.question_screen = screen
        self.sent: list[Answered] = []

    def on_mount(self) -> None:
        self.push_screen(self.question_screen)

    def on_answered(self, message: Answered) -> None:
        self.sent.append(message)


async def _answer_on_screen(question: Question, *actions: str) -> list[Answered]:
    """Shows `question` and does `actions` (a key, or "#id" to click); returns what the screen sent."""
    app = _Holder(QuestionScreen(question, (1, 5), {}))
    async with app.run_test(size=(100, 40)) as pilot:
        for action in actions:
            if action.startswith("#"):
                await pilot.click(action)
            else:
                await pilot.press(action)
            await pilot.pause()
    return app.sent


async def test_a_text_question_sends_what_was_typed_on_enter(dialogue: Dialogue) -> None:
    question = _first(dialogue, "text")
    app = _Holder(QuestionScreen(question, (1, 5), {}))
    async with app.run_test(size=(100, 40)) as pilot:
        assert isinstance(app.screen.focused, AnswerBox) and not app.screen.query(".choice")
        await pilot.press(*"Mo", "enter")
        await pilot.pause()
    assert [(m.text, m.values) for m in app.sent] == [("Mo", [])]


async def test_one_choice_answers_at_once_and_two_digits_reach_the_eleventh(dialogue: Dialogue) -> None:
    question = _first(dialogue, "choice")
    assert len(question.options) == 11
    sent = await _answer_on_screen(question, "1", "1")
    assert [m.values for m in sent] == [[question.options[10].id]]


async def test_a_yes_no_question_answers_with_the_verdict_word(dialogue: Dialogue) -> None:
    sent = await _answer_on_screen(_first(dialogue, "yes_no"), "2")
    assert [m.values for m in sent] == [[Verdict.A_LITTLE]]


async def test_multi_choice_buttons_switch_on_and_off_and_verder_sends_the_ones_on(
    dialogue: Dialogue,
) -> None:
    question = _first(dialogue, "multi")
    first, second = (f"#choice-{c.id}" for c in question.options[:2])
    sent = await _answer_on_screen(question, second, first, second, "#submit")
    assert [m.values for m in sent] == [[question.options[0].id]]
