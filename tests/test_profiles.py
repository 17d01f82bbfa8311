"""Whole interviews of made-up people (tests/data/profiles.yaml) through the real session, store and matcher:
the profiles are valid paths, "Klopt dit?" stays short, and the welcome promises the measured duration."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Static

from assistant.context import AppContext
from assistant.dialogue.model import Dialogue
from assistant.i18n import current_language, set_language
from assistant.interview_length import WELCOME_MINUTES
from assistant.skills.catalogue import Catalogue
from assistant.skills.matcher import SkillMatcher
from assistant.ui.app import make_app
from assistant.ui.screens import WelcomeScreen
from benchmarks import profiles as bench

#: The people the profiles must include (the brief for the benchmark); each id names one of them.
REQUIRED = (
    "schoonmaak", "eigen_winkel", "beveiliger", "kapster", "kraanmachinist", "vuilnisman", "vertaalt",
    "sport", "magazijn", "nieuwkomer", "zorg", "hovenier",
)  # fmt: skip
#: At most this many "Klopt dit?" screens in an average interview.
MAX_CONFIRM_SCREENS = 12


@pytest.fixture(scope="module")
def measured(matcher: SkillMatcher) -> dict[str, Any]:
    return bench.run(matcher=matcher)


# (a) The profiles are valid -----------------------------------------------------------------------------


def test_profiles_name_real_questions_choices_and_skills(dialogue: Dialogue, catalogue: Catalogue) -> None:
    profiles = bench.load_profiles()
    ids = [p["id"] for p in profiles]
    assert len(profiles) >= 12 and len(set(ids)) == len(ids)
    for kind in REQUIRED:
        assert any(kind in i for i in ids), f"no profile for {kind}"
    problems = [problem for p in profiles for problem in bench.profile_problems(p, dialogue, catalogue)]
    assert problems == []


def test_profile_problems_are_found(dialogue: Dialogue, catalogue: Catalogue) -> None:
    broken = {
        "id": "kapot",
        "answers": {"bestaat_niet": "x", "werk_nu": "misschien", "taken_bouw": ["metselen", "vliegen"]},
        "true_skills": ["bouw.metselen", "bouw.vliegen"],
    }
    problems = "\n".join(bench.profile_problems(broken, dialogue, catalogue))
    for word in ("bestaat_niet", "misschien", "vliegen", "bouw.vliegen"):
        assert word in problems


def test_every_profile_is_a_whole_path(measured: dict[str, Any]) -> None:
    """Each profile answers every question on its own path, and nothing off it."""
    for result in measured["profiles"]:
        assert result["unanswered"] == [], result["id"]
        assert result["unused_answers"] == [], result["id"]
        assert result["question_screens"] >= 15, result["id"]


# (b) "Klopt dit?" stays short ----------------------------------------------------------------------------


def test_at_most_12_confirm_screens_on_average(measured: dict[str, Any]) -> None:
    assert measured["average"]["confirm_screens"] <= MAX_CONFIRM_SCREENS


# (c) The welcome promises what was measured --------------------------------------------------------------


def test_welcome_minutes_is_the_measured_duration_rounded_up(measured: dict[str, Any]) -> None:
    minutes = measured["average"]["minutes"]
    assert bench.welcome_minutes(minutes) == WELCOME_MINUTES, (
        f"measured {minutes:.1f} minutes on average: set WELCOME_MINUTES in assistant/interview_length.py "
        f"to {bench.welcome_minutes(minutes)}"
    )


def test_duration_model() -> None:
    # 150 words without a pause take a minute at the kiosk voice's rate; each sentence mark adds a pause.
    assert bench.speech_seconds(" ".join(["woord"] * 150)) == pytest.approx(60)
    assert bench.speech_seconds("Ja. Nee?") == pytest.approx(2 * 60 / 150 + 2 * bench.SENTENCE_PAUSE_SECONDS)
    screens = [
        bench.Shown("choice", ""),
        bench.Shown("multi", "", ticks=2),
        bench.Shown("text", "", typed="ik was kok"),
        bench.Shown("confirm", ""),
        bench.Shown("skip", ""),
    ]
    seconds = (
        bench.TAP_SECONDS
        + bench.MULTI_BASE_SECONDS
        + 2 * bench.TICK_SECONDS
        + bench.TEXT_THINK_SECONDS
        + 10 / bench.TYPING_CHARS_PER_SECOND
        + bench.CONFIRM_SECONDS
        + bench.SKIP_SECONDS
    )
    assert bench.estimated_minutes(screens) == pytest.approx(seconds / 60)
    assert [bench.welcome_minutes(m) for m in (14.2, 15.0, 20.3)] == [15, 15, 25]


def test_measured_numbers_are_complete(measured: dict[str, Any]) -> None:
    average = measured["average"]
    assert average["profiles"] == len(measured["profiles"]) >= 12
    for result in measured["profiles"]:
        assert result["right"] + result["wrong"] == result["confirm_screens"]
        assert 0 <= result["precision"] <= 1 and 0 <= result["recall"] <= 1
        assert result["minutes"] > 0
    assert average["welcome_minutes"] == bench.welcome_minutes(average["minutes"])


# (d) The welcome screen shows the number -----------------------------------------------------------------


async def test_welcome_screen_shows_welcome_minutes(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WelcomeScreen)
        sentence = f"Het duurt ongeveer {WELCOME_MINUTES} minuten."
        assert str(screen.query_one("#duration", Static).content) == sentence
        assert sentence in screen.spoken_text()


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "minutes"), ("tr", "dakika"), ("pl", "minut"), ("uk", "хвилин"), ("ar", "دقيقة")],
)
def test_welcome_duration_is_translated_with_the_number(language: str, words: str) -> None:
    before = current_language()
    set_language(language)
    try:
        spoken = WelcomeScreen().spoken_text()
    finally:
        set_language(before)
    assert f"{WELCOME_MINUTES} {words}" in spoken
