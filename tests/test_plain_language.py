"""The plain-language check: shipped texts pass, and each kind of violation is reported."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from assistant import cli, plain_language
from assistant.plain_language import (
    MAX_WORDS_PER_SENTENCE,
    Checker,
    Problem,
    Report,
    ReviewedWordsError,
    Text,
    flesch_douma,
    load_reviewed,
)
from tests.conftest import ASSISTENT


@pytest.fixture(scope="module")
def checker() -> Checker:
    """Common Dutch only, without the reviewed list, so the tests do not depend on its contents."""
    return Checker(reviewed={})


def _whats(problems: list[Problem]) -> list[str]:
    return [p.what for p in problems]


def test_check_language_command_passes_on_the_shipped_texts() -> None:
    result = subprocess.run(
        [str(ASSISTENT), "check-language"], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "alles in orde" in result.stdout
    # A score per group: every sector file is scored on its own.
    assert "assistant/catalogue/sectors/metaal_elektro.yaml" in result.stdout
    assert "dialogues/intake.yaml" in result.stdout


def test_a_sentence_over_the_limit_is_reported_and_one_at_the_limit_is_not(checker: Checker) -> None:
    at_limit = " ".join(["werk"] * MAX_WORDS_PER_SENTENCE) + "."
    over = " ".join(["werk"] * (MAX_WORDS_PER_SENTENCE + 1)) + "."
    assert checker.check("a.yaml: q1/text", at_limit) == []
    problems = checker.check("a.yaml: q1/text", f"Dat is kort. {over}")
    assert _whats(problems) == [f"zin van 13 woorden (max {MAX_WORDS_PER_SENTENCE})"]
    assert problems[0].text == over


def test_an_unknown_word_is_reported(checker: Checker) -> None:
    problems = checker.check("a.yaml: q1/help", "U kunt frobnicaties en metselen.")
    assert _whats(problems) == ["moeilijke woorden: frobnicaties, metselen"]


def test_a_reviewed_word_and_its_forms_are_familiar() -> None:
    reviewed = Checker(reviewed={"metselen": "the everyday word on building sites"})
    assert reviewed.check("x", "Ik heb muren gemetseld. U kunt metselen.") == []


@pytest.mark.parametrize(
    "word", ["getypt", "laadde", "repareert", "dweilde", "palletwagens", "schoonmaakster"]
)
def test_forms_and_compounds_of_common_words_are_familiar(checker: Checker, word: str) -> None:
    assert checker.familiar(word)


@pytest.mark.parametrize("word", ["houdbaarheid", "metselde", "frobnicaties"])
def test_stems_that_cut_off_most_of_a_word_do_not_make_it_familiar(checker: Checker, word: str) -> None:
    # "houdbaarheid" stems to "houd", "metselde" to "met": neither is a form of a common word.
    assert not checker.familiar(word)


def test_two_questions_on_one_screen_are_reported(checker: Checker) -> None:
    two = "Wat doet u graag? En waar doet u dat?"
    assert "meer dan een vraag op een scherm" in _whats(
        checker.check("a.yaml: q1/text", two, is_question=True)
    )
    assert checker.check("a.yaml: q1/text", "Wat doet u graag?", is_question=True) == []
    # The question and its help text are one screen.
    assert checker.one_question("a.yaml: q1", "Wat doet u graag? Wat vindt u leuk?")


def test_flesch_douma_separates_easy_from_hard_text() -> None:
    assert flesch_douma("U kunt goed koken. U werkt graag met mensen.") >= 80
    hard = "De gemeentelijke administratie registreert uitkeringsgerechtigden systematisch."
    assert flesch_douma(hard) < 80


def test_a_hard_group_is_reported_with_its_score(checker: Checker, monkeypatch: pytest.MonkeyPatch) -> None:
    hard = "De gemeentelijke administratie registreert uitkeringsgerechtigden systematisch."
    texts = [
        Text("makkelijk.yaml", "makkelijk.yaml: a/statement", "U kunt goed koken."),
        Text("moeilijk.yaml", "moeilijk.yaml: b/statement", hard),
    ]
    monkeypatch.setattr(plain_language, "collect_texts", lambda: texts)
    monkeypatch.setattr(plain_language, "collect_screens", lambda: [])
    report = plain_language.run(checker)
    flesch = [p for p in report.problems if p.what.startswith("Flesch-Douma")]
    assert [p.where for p in flesch] == ["moeilijk.yaml"]
    assert report.scores["makkelijk.yaml"] >= 80 > report.scores["moeilijk.yaml"]


def test_the_command_prints_each_problem_with_file_and_id_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    problem = Problem(
        "dialogues/intake.yaml: naam/help", "Een moeilijk woord.", "moeilijke woorden: moeilijk"
    )
    monkeypatch.setattr(plain_language, "run", lambda: Report([problem], {"dialogues/intake.yaml": 90.0}, 1))
    assert cli.main(["check-language"]) == 1
    out = capsys.readouterr().out
    assert "dialogues/intake.yaml: naam/help: moeilijke woorden: moeilijk: 'Een moeilijk woord.'" in out
    assert "1 teksten gecontroleerd: 1 problemen." in out


def test_a_reviewed_word_without_a_reason_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "reviewed_words.yaml"
    path.write_text("words:\n  heftruck: Iedereen in het magazijn zegt het.\n  shovel:\n", encoding="utf-8")
    with pytest.raises(ReviewedWordsError, match="shovel"):
        load_reviewed(path)
    path.write_text("words:\n  Heftruck: Iedereen in het magazijn zegt het.\n", encoding="utf-8")
    assert load_reviewed(path) == {"heftruck": "Iedereen in het magazijn zegt het."}


def test_the_shipped_reviewed_list_is_short_and_every_word_in_it_is_needed(checker: Checker) -> None:
    reviewed = load_reviewed()
    assert 0 < len(reviewed) < 80
    used = {w.lower() for item in plain_language.collect_texts() for w in plain_language.words(item.text)}
    for word in reviewed:
        assert not checker.familiar(word), f"{word}: already common Dutch, not needed in the list"
        assert any(word in u for u in used), f"{word}: no text uses it any more"


def test_cited_competentnl_labels_are_left_out_and_our_plain_names_are_checked() -> None:
    texts = {item.text for item in plain_language.collect_texts()}
    assert "Dienstbaarheid tonen" not in texts  # the CompetentNL name, quoted as published
    assert "Graag anderen helpen" in texts  # our plain name for it, shown at the kiosk
