"""Personal numbers in free text are found (with their checks), and ordinary numbers are left alone."""

from __future__ import annotations

import pytest

from assistant.personal_data import find, remove


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("mijn bsn is 111222333", "bsn"),
        ("bel me op 06-12345678", "phone"),
        ("of op +31 6 1234 5678", "phone"),
        ("thuis 020 123 4567", "phone"),
        ("rekening NL91 ABNA 0417 1643 00", "iban"),
        ("mail: ali.k@voorbeeld.nl", "email"),
    ],
)
def test_personal_data_is_found(text: str, kind: str) -> None:
    assert [f.kind for f in find(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "ik heb 10 jaar gewerkt",
        "2 kinderen en 3 kleinkinderen",
        "123456789",
        "NL12 ABNA 9999 9999 99",
        "om 0830 begon ik",
    ],
)
def test_personal_data_ordinary_numbers_are_left_alone(text: str) -> None:
    assert find(text) == []


def test_personal_data_remove_keeps_the_rest_of_the_answer() -> None:
    text = "ik werkte bij de bakker, bel 06-12345678 voor info"
    assert remove(text, find(text)) == "ik werkte bij de bakker, bel … voor info"
