"""What a person types: empty, huge, emoji, other scripts, control characters and wrong types."""

from __future__ import annotations

import pytest

from assistant.errors import InputError
from assistant.text_input import clean_answer


def test_text_input_keeps_emoji_and_other_scripts() -> None:
    assert clean_answer("ik kook graag 🍲", 100) == "ik kook graag 🍲"
    assert clean_answer("أعمل في المطبخ", 100) == "أعمل في المطبخ"


def test_text_input_removes_control_characters() -> None:
    assert clean_answer("muren\x00 metselen\x1b[31m\u200b", 100) == "muren metselen [31m"


@pytest.mark.parametrize("raw", ["", "   ", "\x00\x01", None])
def test_text_input_empty_gets_a_kind_message(raw: object) -> None:
    with pytest.raises(InputError) as info:
        clean_answer(raw, 100)
    assert info.value.code == "E101"
    assert "Overslaan" in info.value.user_message()


def test_text_input_too_long_says_how_long_it_may_be() -> None:
    with pytest.raises(InputError) as info:
        clean_answer("a" * 101, 100)
    assert "100" in info.value.user_message()


@pytest.mark.parametrize("raw", [42, ["lijst"], b"\xff\xfe", {"a": 1}])
def test_text_input_wrong_types_are_refused(raw: object) -> None:
    with pytest.raises(InputError) as info:
        clean_answer(raw, 100)
    assert info.value.code == "E103"
