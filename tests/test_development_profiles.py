"""The directions for twenty authored example people (tests/data/development_profiles.yaml) on the real
catalogue: what fits comes near, what does not stays far, and what is missing is said in plain skills."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.config import Settings
from assistant.development.direction import Direction, SkillState, direction_for, directions
from assistant.development.learning_options import load_learning_options
from assistant.development.next_steps import steps_for_direction
from assistant.passport.model import Passport
from assistant.skills.catalogue import Catalogue
from assistant.skills.matcher import SkillMatcher
from assistant.skills.search import search_occupations
from tests.test_development import passport_with

PROFILES_FILE = Path(__file__).parent / "data" / "development_profiles.yaml"
#: Work with an essential gap never shows more than this many dots out of five.
MAX_NEAR_DOTS = 4


def load_profiles() -> list[dict[str, Any]]:
    profiles: list[dict[str, Any]] = yaml.safe_load(PROFILES_FILE.read_text(encoding="utf-8"))["profiles"]
    return profiles


PROFILES = load_profiles()


def _person(profile_id: str, catalogue: Catalogue) -> Passport:
    profile = next(p for p in PROFILES if p["id"] == profile_id)
    return passport_with(profile["skills"], catalogue)


def _ids(found: list[Direction]) -> list[str]:
    return [d.occupation_id for d in found]


def test_there_are_twenty_people_with_known_skills(catalogue: Catalogue) -> None:
    assert len(PROFILES) == 20
    assert len({p["id"] for p in PROFILES}) == 20
    for profile in PROFILES:
        unknown = [ref for ref in profile["skills"] if ref not in catalogue.skills]
        assert unknown == [], profile["id"]
        for occupation_id in [*profile["near"], *profile["far"]]:
            assert occupation_id in catalogue.occupations, (profile["id"], occupation_id)


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p["id"])
def test_what_fits_comes_near_and_what_does_not_stays_far(
    profile: dict[str, Any], catalogue: Catalogue
) -> None:
    listed = directions(passport_with(profile["skills"], catalogue), catalogue, limit=5)
    # The list never shows fewer dots above more.
    assert [d.dots for d in listed] == sorted((d.dots for d in listed), reverse=True)
    found = _ids(listed)
    for occupation_id in profile["near"]:
        assert occupation_id in found[:3], (occupation_id, found)
    for occupation_id in profile["far"]:
        assert occupation_id not in found, (occupation_id, found)


def test_warehouse_worker_with_forklift_skills_heftruckchauffeur_near_monteur_far(
    catalogue: Catalogue, matcher: SkillMatcher
) -> None:
    passport = _person("kasia_magazijn", catalogue)
    found = directions(passport, catalogue, limit=5)
    assert "logistiek.heftruckchauffeur" in _ids(found)[:3]
    heftruck = direction_for(passport, catalogue, "logistiek.heftruckchauffeur")
    # "Monteur", as a coach would type it: whichever fitter's job the search finds is far.
    typed = [o.id for o in search_occupations(matcher, "Monteur")]
    typed = [i for i in typed if "monteur" in catalogue.occupations[i].label.casefold()]
    assert typed, "a fitter's job is found for the typed word"
    for monteur_id in {*typed, "metaal_elektro.onderhoudsmonteur"}:
        assert monteur_id not in _ids(found)
        monteur = direction_for(passport, catalogue, monteur_id)
        assert len(monteur.missing) >= len(heftruck.missing) + 5, monteur_id
        assert monteur.dots <= 1 < 3 <= heftruck.dots, monteur_id
    # What the forklift driver still misses is said in plain words, and the certificate comes first.
    assert [n.label for n in heftruck.missing] == ["Lading goed vastzetten"]
    learning = load_learning_options(Settings().catalogue_dir, catalogue)
    assert steps_for_direction(heftruck, learning)[0].id == "leren.heftruckcertificaat"


def test_cleaner_gets_cleaning_work_with_what_is_missing(catalogue: Catalogue) -> None:
    passport = _person("fatima_schoonmaak", catalogue)
    found = directions(passport, catalogue, limit=5)
    assert {d.sector for d in found[:3]} <= {"schoonmaak", "horeca"}
    schoonmaker = direction_for(passport, catalogue, "schoonmaak.schoonmaker")
    assert not [n for n in schoonmaker.missing if n.essential]
    assert {n.ref for n in schoonmaker.missing} == {
        "schoonmaak.vloermachine",
        "schoonmaak.desinfecteren",
        "schoonmaak.ramen",
    }


def test_cook_is_near_kitchen_work_and_the_hygiene_course_is_a_step(catalogue: Catalogue) -> None:
    passport = _person("ahmed_kok", catalogue)
    assert set(_ids(directions(passport, catalogue, limit=2))) == {"horeca.kok", "horeca.keukenmedewerker"}
    kok = direction_for(passport, catalogue, "horeca.kok")
    assert kok.dots >= 4 and "leren.hygiene_horeca" in kok.licences


def test_carer_misses_the_medical_tasks_of_a_verzorgende_ig(catalogue: Catalogue) -> None:
    passport = _person("joke_zorg", catalogue)
    assert _ids(directions(passport, catalogue, limit=1)) == ["zorg.helpende"]
    vig = direction_for(passport, catalogue, "zorg.verzorgende_ig")
    missing = {n.ref for n in vig.missing if n.essential}
    assert {"zorg.medicijnen", "zorg.wondzorg", "zorg.meten"} <= missing
    assert vig.dots < MAX_NEAR_DOTS
    assert vig.licences == ["leren.mbo_verzorgende_ig"]


def test_a_broad_capability_does_not_make_the_core_of_other_work_bijna(catalogue: Catalogue) -> None:
    # A factory worker follows safety rules ("Procedures volgen"); cutting meat shares only that broad
    # capability with it, so it is missing, not "bijna".
    passport = _person("youssef_fabriek", catalogue)
    meat = direction_for(passport, catalogue, "productie.vleesverwerking")
    state = {n.ref: n.state for n in meat.needs}
    assert state["productie.vlees_vis"] is SkillState.MISSING
    # The packing they do themselves counts as they have it.
    assert state["productie.inpakken"] is SkillState.HAVE


def test_family_carer_sees_care_work_with_few_gaps(catalogue: Catalogue) -> None:
    passport = _person("rahaf_mantelzorg", catalogue)
    found = directions(passport, catalogue, limit=5)
    assert {d.sector for d in found} == {"zorg"}
    zorghulp = direction_for(passport, catalogue, "zorg.zorghulp")
    assert zorghulp.almost, "the care she gave at home is close to some of the work"
