"""What a screen reads aloud is made of parts translated one by one: each part ends a sentence, so the
voice pauses after a title, and no screen glues a "." to a translated string."""

from __future__ import annotations

import ast
from pathlib import Path

from assistant.speech.sentences import speech

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"


def test_each_part_ends_a_sentence_once() -> None:
    assert speech("Instellingen", "Lees langzamer voor") == "Instellingen. Lees langzamer voor."
    assert (
        speech("Schrijf deze code op:", "1 2 3 4", "Klopt dit?")
        == "Schrijf deze code op: 1 2 3 4. Klopt dit?"
    )
    assert (
        speech("Uw antwoorden zijn bewaard.", "", "  ", "Tot ziens!")
        == "Uw antwoorden zijn bewaard. Tot ziens!"
    )
    assert speech("هل هذا صحيح؟") == "هل هذا صحيح؟"
    assert speech() == ""


def test_no_screen_glues_a_full_stop_to_a_text() -> None:
    """`x + "."` on a spoken text is what `speech` is for; the screens and pages leave it to it."""
    glued = []
    for folder in ("ui", "web"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.BinOp)
                    and isinstance(node.op, ast.Add)
                    and isinstance(node.right, ast.Constant)
                    and node.right.value == "."
                ):
                    glued.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert glued == []
