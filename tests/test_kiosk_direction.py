"""The terminal kiosk after the passport: "Wat wilt u hierna?" shows the work that fits (dots, what the person
has, almost has and still misses), finds typed occupations despite misspellings, and leads to at most three
next steps that are saved in the passport as a version made by the holder. Terug loses nothing; every
screen is read aloud; the words exist in every kiosk language.

The occupations' skills and the learning options are being filled in while this is written, so the tests
assert named behaviour (a gap shows as missing, a fourth step is refused), not today's dot counts; where a
licence must exist, the test builds it.
"""

from __future__ import annotations

import pytest
from textual.widgets import Button, Input, Static

from assistant.context import AppContext
from assistant.development.direction import MAX_DOTS, direction_for
from assistant.development.learning_options import LearningCatalogue, LearningOption
from assistant.development.next_steps import MAX_CHOSEN_STEPS
from assistant.errors import InputError
from assistant.i18n import _, set_language
from assistant.passport.history import day
from assistant.passport.model import Passport, SkillStatus
from assistant.speech.speaker import Speaker
from assistant.ui.app import KioskApp, make_app
from assistant.ui.direction_screens import DirectionScreen
from assistant.ui.screens import EndScreen, WelcomeScreen
from assistant.ui.step_screens import DirectionSavedScreen, StepsScreen
from tests.conftest import NULL_PLAYER
from tests.test_kiosk_app import SIZE, _skip_to_end, _spoken, start_with_name
from tests.test_occupations import passport_with

BRICKLAYER: dict[str, SkillStatus] = {
    "bouw.metselen": "confirmed",
    "bouw.voegen": "confirmed",
    "bouw.specie_mengen": "confirmed",
}
METSELAAR = "bouw.metselaar"


def _bricklayer(context: AppContext) -> Passport:
    passport = passport_with(context.catalogue, BRICKLAYER)
    context.store.save_passport(passport)
    return passport


def _shown(app: KioskApp) -> str:
    texts = [str(w.content) for w in app.screen.query(Static)]
    texts += [str(b.label) for b in app.screen.query(Button)]
    return "\n".join(texts)


async def _click(app: KioskApp, pilot, selector: str) -> None:
    """Scrolls a button into view, as a person would, and taps it."""
    await pilot.pause()
    widget = app.screen.query_one(selector)
    bodies = app.screen.query("#body")
    if bodies:
        bodies.first().scroll_to_widget(widget, animate=False, top=True)
        await pilot.pause()
    await pilot.click(selector)
    await pilot.pause()


async def _to_directions(app: KioskApp, pilot, passport: Passport) -> DirectionScreen:
    """The end screen of a saved passport, as the app shows it after an interview, then the new button."""
    await pilot.pause()
    app._show_end(passport, None)
    await pilot.pause()
    assert isinstance(app.screen, EndScreen)
    await _click(app, pilot, "#directions")
    assert isinstance(app.screen, DirectionScreen)
    return app.screen


async def _search(app: KioskApp, pilot, typed: str) -> None:
    field = app.screen.query_one("#occupation-search", Input)
    field.value = typed
    await pilot.pause()
    await _click(app, pilot, "#search")
    await pilot.pause()


def _fit_button(screen: DirectionScreen, occupation_id: str) -> str:
    ids = [d.occupation_id for d in screen.fits]
    assert occupation_id in ids, f"{occupation_id} should be among the work that fits: {ids}"
    return f"#fit-{ids.index(occupation_id)}"


async def test_the_work_that_fits_shows_dots_and_what_is_still_missing(context: AppContext) -> None:
    passport = _bricklayer(context)
    expected = direction_for(passport, context.catalogue, METSELAAR)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _to_directions(app, pilot, passport)
        button = screen.query_one(_fit_button(screen, METSELAAR), Button)
        picture = "●" * expected.dots + "○" * (MAX_DOTS - expected.dots)
        assert str(button.label).startswith(picture) and "Metselaar" in str(button.label)
        shown = _shown(app)
        assert "%" not in shown, "never a bare percentage"
        held = ", ".join(context.catalogue.skills[r].label for r in BRICKLAYER)
        assert f"Dit kunt u al: {held}." in shown
        assert expected.missing, "a bricklayer with three skills still misses some for Metselaar"
        missing = ", ".join(n.label for n in expected.missing)
        assert f"Nog leren: {missing}." in shown
        for near in expected.almost:
            assert f"Bijna: {near.label}. U kunt al: {near.close_to}." in shown


async def test_without_confirmed_skills_the_person_can_still_type_an_occupation(context: AppContext) -> None:
    passport = passport_with(context.catalogue, {"bouw.metselen": "rejected"})
    context.store.save_passport(passport)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _to_directions(app, pilot, passport)
        assert screen.fits == [] and not screen.query("#fit-0"), "a rejected skill fits no work"
        assert "We vinden nog geen werk dat past" in _shown(app)
        assert app.focused is screen.query_one("#occupation-search", Input), "ready to type"
        await _search(app, pilot, "kok")
        assert "horeca.kok" in [d.occupation_id for d in screen.found]
        kok = next(d for d in screen.found if d.occupation_id == "horeca.kok")
        assert kok.dots == 0 and str(screen.query_one("#found-0", Button).label).startswith("○○○○○")


async def test_a_misspelled_occupation_is_found_and_nonsense_gets_a_kind_message(context: AppContext) -> None:
    passport = _bricklayer(context)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _to_directions(app, pilot, passport)
        await _search(app, pilot, "heftruckchaufeur")
        assert "logistiek.heftruckchauffeur" in [d.occupation_id for d in screen.found]
        assert "Heftruckchauffeur" in _shown(app)
        assert "Nog leren:" in _shown(app), "a far-away occupation says what is missing"

        await _search(app, pilot, "qqxzvw")
        error = screen.query_one("#error", Static)
        assert error.has_class("visible")
        assert str(error.content) == InputError("E641", name="qqxzvw").person_message()
        assert screen.query_one("#occupation-search", Input).value == "qqxzvw", "what was typed stays"

        await _search(app, pilot, "heftruckchaufeur")
        found = screen.found[0]
        await _click(app, pilot, "#found-0")
        assert isinstance(app.screen, StepsScreen) and app.screen.direction == found


async def test_three_steps_are_saved_in_the_passport_and_a_fourth_is_refused(context: AppContext) -> None:
    passport = _bricklayer(context)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _to_directions(app, pilot, passport)
        await _click(app, pilot, _fit_button(screen, METSELAAR))
        steps = app.screen
        assert isinstance(steps, StepsScreen)
        assert len(steps.steps) > MAX_CHOSEN_STEPS, "metselaar has more gaps than steps to choose"
        for n in range(MAX_CHOSEN_STEPS):
            await _click(app, pilot, f"#step-{n}")
        chosen = list(steps.ticked)
        assert len(chosen) == MAX_CHOSEN_STEPS
        assert "Gekozen: 3 van de 3." in _shown(app)

        await _click(app, pilot, f"#step-{MAX_CHOSEN_STEPS}")
        error = steps.query_one("#error", Static)
        assert error.has_class("visible")
        assert str(error.content) == InputError("E640", limit=MAX_CHOSEN_STEPS).person_message()
        assert steps.ticked == chosen, "the fourth is refused, the three stay ticked"
        assert not steps.query_one(f"#step-{MAX_CHOSEN_STEPS}", Button).has_class("selected")
        assert context.store.passport(passport.id).direction is None, "nothing is saved before Opslaan"

        await _click(app, pilot, "#save")
        assert isinstance(app.screen, DirectionSavedScreen)
        shown = _shown(app)
        saved = context.store.passport(passport.id)  # read back from the store
        assert saved.direction is not None and saved.direction.occupation_id == METSELAAR
        assert saved.direction.chosen_by == "holder"
        assert [w.label for w in saved.development_wishes] == [
            s.label for s in steps.steps[:MAX_CHOSEN_STEPS]
        ]
        assert all(w.chosen_by == "holder" for w in saved.development_wishes)
        assert f"Opgeslagen op {day(saved.direction.chosen_at)}." in shown
        assert "Uw richting: Metselaar." in shown
        for wish in saved.development_wishes:
            assert wish.label in shown
            if wish.skill_label:
                assert f"{wish.label}, voor: {wish.skill_label}" in shown, "which gap the step is for"
        last = context.store.passport_history(passport.id)[-1]
        assert (last.actor_kind, last.action) == ("holder", "direction"), "a version made by the holder"


async def test_terug_keeps_what_was_typed_found_and_ticked(context: AppContext) -> None:
    passport = _bricklayer(context)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _to_directions(app, pilot, passport)
        await _search(app, pilot, "stukadoor")
        found = [d.occupation_id for d in screen.found]
        await _click(app, pilot, _fit_button(screen, METSELAAR))
        await _click(app, pilot, "#step-1")
        await _click(app, pilot, "#step-0")
        ticked = list(app.screen.ticked)
        await _click(app, pilot, "#back")
        assert app.screen is screen
        assert screen.query_one("#occupation-search", Input).value == "stukadoor"
        assert [d.occupation_id for d in screen.found] == found

        await _click(app, pilot, _fit_button(screen, METSELAAR))
        assert isinstance(app.screen, StepsScreen) and app.screen.ticked == ticked
        assert app.screen.query_one("#step-0", Button).has_class("selected")
        await pilot.press("escape")
        await pilot.pause()
        await _click(app, pilot, "#back")
        assert isinstance(app.screen, EndScreen), "Terug from the directions: the end screen again"
        assert context.store.passport(passport.id).direction is None, "nothing saved without Opslaan"


async def test_terug_from_the_confirmation_and_choosing_again_keeps_the_saved_steps(
    context: AppContext,
) -> None:
    passport = _bricklayer(context)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _to_directions(app, pilot, passport)
        await _click(app, pilot, _fit_button(screen, METSELAAR))
        await _click(app, pilot, "#step-0")
        await _click(app, pilot, "#save")
        await _click(app, pilot, "#back")
        assert isinstance(app.screen, StepsScreen)
        await _click(app, pilot, "#back")
        assert app.screen is screen
        saved_mark = str(screen.query_one(_fit_button(screen, METSELAAR), Button).label)
        assert "✔ Metselaar" in saved_mark, "the list underneath ticks the work just saved"
        await _click(app, pilot, "#back")
        await _click(app, pilot, "#directions")  # a new look at the directions, from the end screen
        fresh = app.screen
        assert isinstance(fresh, DirectionScreen) and fresh is not screen
        await _click(app, pilot, _fit_button(fresh, METSELAAR))
        assert isinstance(app.screen, StepsScreen) and len(app.screen.ticked) == 1, "the saved step is ticked"
        assert len(context.store.passport_history(passport.id)) == 2


async def test_licences_come_first_with_kind_length_and_level_in_plain_words(context: AppContext) -> None:
    licence = LearningOption(
        id="leren.vca_basis",
        label="VCA Basis: veilig werken",
        kind="certificate",
        length="1 dag",
        level="MBO 2",
        source="SSVV",
        teaches=["bouw.veilig_werken"],
    )
    catalogue = context.catalogue
    occupations = dict(catalogue.occupations)
    occupations[METSELAAR] = occupations[METSELAAR].model_copy(update={"licences": (licence.id,)})
    context.catalogue = catalogue.model_copy(update={"occupations": occupations})
    context.learning = LearningCatalogue(options={licence.id: licence})
    passport = _bricklayer(context)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _to_directions(app, pilot, passport)
        assert "Nodig voor dit werk: VCA Basis: veilig werken." in _shown(app)
        await _click(app, pilot, _fit_button(screen, METSELAAR))
        steps = app.screen
        assert isinstance(steps, StepsScreen)
        assert steps.steps[0].id == licence.id, "the licence is the first step"
        assert "VCA Basis: veilig werken" in str(steps.query_one("#step-0", Button).label)
        details = [str(s.content) for s in steps.query(".step-details").results(Static)]
        assert details[0] == "Certificaat · 1 dag · niveau MBO 2"
        assert "Leren op het werk" in details, "a gap without a course: learn it at work"


async def test_the_direction_screen_is_read_aloud_with_the_dots_in_words(context: AppContext) -> None:
    passport = _bricklayer(context)
    expected = direction_for(passport, context.catalogue, METSELAAR)
    speaker = Speaker(player=NULL_PLAYER)
    app = make_app(context, speaker=speaker)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _to_directions(app, pilot, passport)
        said = _spoken(speaker, "Wat wilt u hierna? Dit werk past").text
        assert f"Metselaar. {expected.dots} van de 5 bolletjes." in said
        assert "Nog leren:" in said and "●" not in said
        await _click(app, pilot, _fit_button(screen, METSELAAR))
        said = _spoken(speaker, "Op weg naar: Metselaar").text
        assert "Kies hoogstens 3 stappen." in said and "Leren op het werk" in said
        await _click(app, pilot, "#step-0")
        await _click(app, pilot, "#save")
        said = _spoken(speaker, "Opgeslagen.").text
        assert "Uw richting: Metselaar." in said and "Uw volgende stappen:" in said


@pytest.mark.parametrize("language", ["en", "tr", "pl", "uk", "ar"])
async def test_the_new_screens_speak_every_kiosk_language(context: AppContext, language: str) -> None:
    passport = _bricklayer(context)
    app = make_app(context)
    try:
        async with app.run_test(size=SIZE) as pilot:
            set_language(language, context.settings.locales_dir)
            screen = await _to_directions(app, pilot, passport)
            spoken = screen.spoken_text()
            for dutch in ("Wat wilt u hierna?", "bolletjes", "Dit kunt u al", "Nog leren", "Ander werk?"):
                assert dutch not in spoken, f"{dutch!r} is not translated into {language}"
            assert _("Wat wilt u hierna?") in spoken
            await _click(app, pilot, _fit_button(screen, METSELAAR))
            spoken = app.screen.spoken_text()
            for dutch in ("Op weg naar", "Kies hoogstens", "Leren op het werk", "Gekozen:"):
                assert dutch not in spoken, f"{dutch!r} is not translated into {language}"
    finally:
        set_language("nl", context.settings.locales_dir)


async def test_another_language_keeps_what_was_typed_and_found(context: AppContext) -> None:
    passport = _bricklayer(context)
    app = make_app(context)
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = await _to_directions(app, pilot, passport)
            await _search(app, pilot, "stukadoor")
            found = [d.occupation_id for d in screen.found]
            await _click(app, pilot, "#language")
            await _click(app, pilot, "#lang-en")
            assert app.screen is screen, "the same screen, in English"
            assert "What do you want to do next?" in _shown(app)
            assert screen.query_one("#occupation-search", Input).value == "stukadoor"
            assert [d.occupation_id for d in screen.found] == found and screen.query("#found-0")
    finally:
        set_language("nl", context.settings.locales_dir)


async def test_a_person_who_walks_away_from_the_directions_is_hidden(context: AppContext) -> None:
    passport = _bricklayer(context)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _to_directions(app, pilot, passport)
        await _click(app, pilot, _fit_button(screen, METSELAAR))
        context.settings.idle_seconds = 1  # from here on, as if the person walked away
        context.settings.idle_warning_seconds = 1
        await pilot.pause(3.5)
        assert isinstance(app.screen, WelcomeScreen), "the steps of the last person are not left on screen"
        assert "Metselaar" not in _shown(app)


@pytest.mark.slow
async def test_after_a_real_interview_the_end_screen_leads_to_the_directions(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start_with_name(app, pilot, "Yara")
        await pilot.click("#choice-ja")
        await pilot.pause()
        await pilot.click("#choice-bouw")
        await pilot.pause()
        await pilot.press("1", "2")
        await pilot.click("#submit")
        await pilot.pause()
        await _skip_to_end(app, pilot, "ja")
        assert isinstance(app.screen, EndScreen)
        pid = app.screen.passport.id
        await _click(app, pilot, "#directions")
        screen = app.screen
        assert isinstance(screen, DirectionScreen) and screen.fits, "building skills fit some building work"
        assert all(d.sector == "bouw" for d in screen.fits[:1])
        await _click(app, pilot, "#fit-0")
        await _click(app, pilot, "#step-0")
        await _click(app, pilot, "#save")
        assert isinstance(app.screen, DirectionSavedScreen)
        saved = context.store.passport(pid)
        assert saved.direction is not None and saved.direction.occupation_id == screen.fits[0].occupation_id
        assert len(saved.development_wishes) == 1
