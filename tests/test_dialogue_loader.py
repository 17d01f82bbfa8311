"""The dialogue files: the shipped intake is valid and branches; a broken file names file, line, question and cause."""

from __future__ import annotations

import pytest

from assistant.dialogue.loader import load_dialogue
from assistant.dialogue.model import Dialogue
from assistant.errors import DataFileError
from tests.conftest import TEST_DATA


def test_dialogue_intake_is_big_enough_and_covers_every_topic(dialogue: Dialogue) -> None:
    assert len(dialogue.questions) >= 25
    sections = {q.section for q in dialogue.questions}
    assert {
        "person",
        "paid_work",
        "informal_work",
        "volunteering",
        "care",
        "hobby",
        "education",
        "ambition",
    } <= sections


def test_dialogue_intake_has_sector_follow_ups(dialogue: Dialogue) -> None:
    rules = dialogue.question("werk_sector").next
    assert isinstance(rules, list)
    goto_for = {tuple(r.when.get("werk_sector", [])): r.goto for r in rules}
    assert goto_for[("bouw",)] != goto_for[("zorg",)]
    assert dialogue.question(goto_for[("bouw",)]).kind == "multi"


@pytest.mark.parametrize(
    ("name", "line", "question", "words"),
    [
        ("unknown_goto.yaml", 11, "werk", "bestaat_niet"),
        ("bad_kind.yaml", 11, "hobby", "kind"),
        ("loop.yaml", 5, "een", "kring"),
        ("unknown_value.yaml", 5, "werk", "misschien"),
        ("no_fallback.yaml", 5, "werk", "laatste regel"),
        ("infer_later.yaml", 5, "duur", "eerdere open vraag"),
        ("infer_unknown_choice.yaml", 11, "duur", "heel_lang"),
    ],
)
def test_dialogue_broken_file_names_file_line_question_and_cause(
    name: str, line: int, question: str, words: str
) -> None:
    with pytest.raises(DataFileError) as info:
        load_dialogue(TEST_DATA / "broken" / name, pictures={})
    message = info.value.user_message()
    assert name in message
    assert f"regel {line}" in message
    assert f"vraag {question}" in message
    assert words in message
    assert "E201" in message


def test_dialogue_yaml_syntax_error_names_line() -> None:
    with pytest.raises(DataFileError) as info:
        load_dialogue(TEST_DATA / "broken" / "syntax.yaml", pictures={})
    assert info.value.code == "E202"
    assert "syntax.yaml" in info.value.user_message()
    assert "regel" in info.value.user_message()


def test_dialogue_missing_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(DataFileError) as info:
        load_dialogue(tmp_path / "weg.yaml", pictures={})
    assert info.value.code == "E203"


def test_dialogue_unknown_picture_is_reported(tmp_path) -> None:
    path = tmp_path / "plaatje.yaml"
    path.write_text(
        "id: p\nversion: 1\nstart: a\nquestions:\n"
        "  - id: a\n    section: hobby\n    text: Wat doet u?\n    kind: choice\n"
        "    choices:\n      - {id: x, text: X, picture: onbekend}\n      - {id: y, text: Y, picture: bal}\n"
        "    next: end\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as info:
        load_dialogue(path, pictures={"bal": "⚽"})
    assert "onbekend" in info.value.user_message()
    assert "regel 5" in info.value.user_message()
