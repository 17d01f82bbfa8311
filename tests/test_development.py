"""The development core on a small catalogue built in the test: which skills of an occupation a person has,
almost has or misses, the dots, the ranking, the next steps and choosing at most three of them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import pytest

from assistant.development.direction import SkillState, direction_for, directions
from assistant.development.learning_options import LearningCatalogue, LearningOption
from assistant.development.next_steps import (
    EMPLOYER_STEP_ID,
    MAX_CHOSEN_STEPS,
    ON_THE_JOB_STEP_ID,
    step_key,
    steps_for_direction,
)
from assistant.development.wishes import choose_direction, choose_steps
from assistant.errors import InputError
from assistant.interview.records import Verdict
from assistant.passport.model import Assessment, Passport, Skill, SkillStatus, Standard
from assistant.skills.catalogue import Catalogue, ConceptRef, OccupationConcept, SkillConcept

CNL = "https://linkeddata.competentnl.nl/id/humancapability/"
VERVOEREN = ConceptRef(uri=CNL + "57F37BF52D", label="Vervoeren")
VERPLAATSEN = ConceptRef(uri=CNL + "D16A30C42A", label="Verplaatsen")
INSTALLEREN = ConceptRef(uri=CNL + "AAAAAAAAAA", label="Installeren")
WHEN = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _skill(
    skill_id: str, label: str, *concepts: ConceptRef, sector: str | None = "logistiek"
) -> SkillConcept:
    return SkillConcept(
        id=skill_id,
        label=label,
        statement=label,
        source=f"sector:{sector}" if sector else "competentnl",
        sector=sector,
        terms=(label.lower(),),
        competentnl=concepts,
    )


def small_catalogue() -> Catalogue:
    skills = [
        _skill("logistiek.heftruck", "Heftruck rijden", VERVOEREN),
        _skill("logistiek.vrachtwagen", "Vrachtwagen rijden", VERVOEREN),
        _skill("logistiek.laden", "Laden en lossen", VERPLAATSEN),
        _skill("logistiek.scannen", "Scannen"),
        _skill("logistiek.zekeren", "Lading vastzetten"),
        _skill("metaal.monteren", "Monteren", INSTALLEREN, sector="metaal"),
        _skill("metaal.repareren", "Repareren", sector="metaal"),
        _skill(VERVOEREN.uri, "Autorijden", VERVOEREN, sector=None),
    ]
    occupations = [
        OccupationConcept(
            id="logistiek.heftruckchauffeur",
            uri="urn:assistent:lokaal:beroep:logistiek.heftruckchauffeur",
            label="Heftruckchauffeur",
            sector="logistiek",
            terms=("heftruckchauffeur",),
            skills=("logistiek.heftruck", "logistiek.laden", "logistiek.scannen"),
            optional=("logistiek.zekeren",),
            licences=("leren.heftruckcertificaat",),
        ),
        OccupationConcept(
            id="logistiek.chauffeur",
            uri="urn:assistent:lokaal:beroep:logistiek.chauffeur",
            label="Chauffeur",
            sector="logistiek",
            terms=("chauffeur",),
            skills=("logistiek.vrachtwagen", "logistiek.laden", "logistiek.zekeren"),
            optional=(VERVOEREN.uri,),
            licences=("leren.rijbewijs_c",),
        ),
        OccupationConcept(
            id="metaal.monteur",
            uri="urn:assistent:lokaal:beroep:metaal.monteur",
            label="Monteur",
            sector="metaal",
            terms=("monteur",),
            skills=("metaal.monteren", "metaal.repareren"),
            optional=("logistiek.scannen",),
        ),
    ]
    return Catalogue(
        skills={s.id: s for s in skills},
        occupations={o.id: o for o in occupations},
        sectors={"logistiek": "Logistiek", "metaal": "Metaal"},
        sector_terms={},
    )


def small_learning() -> LearningCatalogue:
    options = [
        LearningOption(
            id="leren.heftruckcertificaat",
            label="Cursus heftruck rijden met certificaat",
            kind="certificate",
            length="1 of 2 dagen",
            source="Arboportaal (Rijksoverheid)",
            source_url="https://www.arboportaal.nl",
            teaches=["logistiek.heftruck"],
        ),
        LearningOption(
            id="leren.rijbewijs_c",
            label="Rijbewijs C (vrachtwagen)",
            kind="licence",
            length="een paar maanden les, dan examen",
            source="CBR",
            source_url="https://www.cbr.nl",
            teaches=["logistiek.vrachtwagen"],
        ),
        LearningOption(
            id="leren.mbo_logistiek",
            label="Mbo-opleiding Logistiek medewerker, werken en leren",
            kind="part_qualification",
            length="ongeveer 1 jaar naast het werk",
            level="MBO 2",
            source="SBB",
            source_url="https://www.s-bb.nl",
            teaches=["logistiek.laden", "logistiek.scannen", "logistiek.zekeren"],
        ),
    ]
    return LearningCatalogue(options={o.id: o for o in options})


def passport_with(refs: Iterable[str], catalogue: Catalogue, status: SkillStatus = "confirmed") -> Passport:
    """A passport holding `refs` as skills the person confirmed (or another status)."""
    skills = [
        Skill(
            ref=ref,
            label=catalogue.skills[ref].label,
            source=catalogue.skills[ref].source,
            status=status,
            provenance=[
                Assessment(
                    assessed_by="self",
                    verdict=Verdict.YES,
                    standard=[Standard(kind="sector_catalogue", catalogue_id=ref, version="1")],
                    purpose="test",
                    level="skillsverklaring",
                )
            ],
        )
        for ref in refs
    ]
    return Passport(session_id="s", dialogue="intake", skills=skills)


def test_direction_says_per_skill_have_almost_or_missing() -> None:
    catalogue = small_catalogue()
    # Drives a forklift and scans; has never driven a truck, but driving a forklift is the same capability
    # (Vervoeren) in the same sector, so the truck is "bijna".
    passport = passport_with(["logistiek.heftruck", "logistiek.scannen"], catalogue)
    chauffeur = direction_for(passport, catalogue, "logistiek.chauffeur")
    states = {n.ref: n.state for n in chauffeur.needs}
    assert states["logistiek.vrachtwagen"] is SkillState.ALMOST
    assert chauffeur.almost[0].close_to == "Heftruck rijden"
    assert states["logistiek.laden"] is SkillState.MISSING
    assert states[VERVOEREN.uri] is SkillState.ALMOST  # a capability is close to any skill refining it
    heftruck = direction_for(passport, catalogue, "logistiek.heftruckchauffeur")
    assert [n.ref for n in heftruck.have] == ["logistiek.heftruck", "logistiek.scannen"]
    assert [n.ref for n in heftruck.missing] == ["logistiek.laden", "logistiek.zekeren"]
    assert all(n.source == "catalogue" for n in heftruck.needs)


def test_a_rejected_skill_does_not_count() -> None:
    catalogue = small_catalogue()
    passport = passport_with(["logistiek.heftruck"], catalogue, status="rejected")
    assert directions(passport, catalogue) == []
    assert direction_for(passport, catalogue, "logistiek.heftruckchauffeur").have == []


def test_dots_never_five_while_an_essential_skill_is_missing() -> None:
    catalogue = small_catalogue()
    optional = tuple(f"logistiek.extra_{i}" for i in range(20))
    skills = dict(catalogue.skills)
    for ref in optional:
        skills[ref] = _skill(ref, ref)
    core = OccupationConcept(
        id="logistiek.veel",
        uri="urn:assistent:lokaal:beroep:logistiek.veel",
        label="Veel",
        sector="logistiek",
        terms=("veel",),
        skills=("metaal.monteren",),
        optional=optional,
    )
    wide = catalogue.model_copy(update={"skills": skills, "occupations": {core.id: core}})
    direction = direction_for(passport_with(optional, wide), wide, core.id)
    assert direction.score >= 0.8  # a bare rounding would show all five dots
    assert direction.dots == 4
    assert [n.ref for n in direction.missing] == ["metaal.monteren"]
    complete = direction_for(passport_with([*optional, "metaal.monteren"], wide), wide, core.id)
    assert complete.dots == 5


def test_dots_are_never_zero_for_work_the_person_has_something_for() -> None:
    catalogue = small_catalogue()
    direction = direction_for(passport_with(["logistiek.scannen"], catalogue), catalogue, "metaal.monteur")
    assert 0 < direction.score < 0.2
    assert direction.dots == 1
    nothing = direction_for(passport_with([], catalogue), catalogue, "metaal.monteur")
    assert nothing.dots == 0


def test_directions_rank_closest_first_and_the_same_every_time() -> None:
    catalogue = small_catalogue()
    passport = passport_with(["logistiek.heftruck", "logistiek.laden", "logistiek.scannen"], catalogue)
    ranked = directions(passport, catalogue)
    assert [d.occupation_id for d in ranked] == [
        "logistiek.heftruckchauffeur",
        "logistiek.chauffeur",
        "metaal.monteur",
    ]
    # The same passport with its skills in another order: the same list.
    shuffled = passport.model_copy(update={"skills": list(reversed(passport.skills))})
    assert [d.occupation_id for d in directions(shuffled, catalogue)] == [d.occupation_id for d in ranked]
    assert [d.occupation_id for d in directions(passport, catalogue, limit=1)] == [
        "logistiek.heftruckchauffeur"
    ]


def test_next_steps_put_the_licence_first() -> None:
    catalogue, learning = small_catalogue(), small_learning()
    passport = passport_with(["logistiek.scannen"], catalogue)
    steps = steps_for_direction(direction_for(passport, catalogue, "logistiek.heftruckchauffeur"), learning)
    assert steps[0].id == "leren.heftruckcertificaat"
    assert steps[0].skill_ref is None  # the licence is for the work as a whole
    assert len([s for s in steps if s.id == "leren.heftruckcertificaat"]) == 1


def test_employer_confirmation_only_when_almost_and_on_the_job_always() -> None:
    catalogue, learning = small_catalogue(), small_learning()
    passport = passport_with(["logistiek.heftruck"], catalogue)
    steps = steps_for_direction(direction_for(passport, catalogue, "logistiek.chauffeur"), learning)
    employer = {s.skill_ref for s in steps if s.id == EMPLOYER_STEP_ID}
    assert employer == {"logistiek.vrachtwagen", VERVOEREN.uri}  # the "bijna" skills only
    on_the_job = {s.skill_ref for s in steps if s.id == ON_THE_JOB_STEP_ID}
    assert on_the_job == {"logistiek.vrachtwagen", "logistiek.laden", "logistiek.zekeren", VERVOEREN.uri}
    # A skill the person has gets no step at all.
    heftruck = steps_for_direction(
        direction_for(passport, catalogue, "logistiek.heftruckchauffeur"), learning
    )
    assert all(s.skill_ref != "logistiek.heftruck" for s in heftruck)


def test_choosing_a_fourth_step_is_refused_and_nothing_changes() -> None:
    catalogue, learning = small_catalogue(), small_learning()
    passport = passport_with(["logistiek.heftruck"], catalogue)
    direction = direction_for(passport, catalogue, "logistiek.chauffeur")
    passport = choose_direction(passport, direction, WHEN, "holder")
    keys = [step_key(s) for s in steps_for_direction(direction, learning)]
    assert len(keys) > MAX_CHOSEN_STEPS
    passport = choose_steps(passport, direction, learning, keys[:2], WHEN, "holder")
    before = passport.model_dump()
    with pytest.raises(InputError) as refused:
        choose_steps(passport, direction, learning, keys[:4], WHEN, "holder")
    assert refused.value.code == "E640"
    assert "3" in refused.value.person_message()
    assert passport.model_dump() == before
    assert len(passport.development_wishes) == 2


def test_a_step_of_another_occupation_is_refused() -> None:
    catalogue, learning = small_catalogue(), small_learning()
    passport = passport_with(["logistiek.heftruck"], catalogue)
    chauffeur = direction_for(passport, catalogue, "logistiek.chauffeur")
    heftruck = direction_for(passport, catalogue, "logistiek.heftruckchauffeur")
    passport = choose_direction(passport, chauffeur, WHEN, "holder")
    with pytest.raises(InputError) as refused:
        choose_steps(passport, chauffeur, learning, ["leren.heftruckcertificaat"], WHEN, "holder")
    assert refused.value.code == "E642"
    # Steps for a direction other than the chosen one: no direction for them.
    with pytest.raises(InputError) as other:
        choose_steps(passport, heftruck, learning, ["leren.heftruckcertificaat"], WHEN, "holder")
    assert other.value.code == "E643"
    assert passport.development_wishes == []


def test_steps_without_a_chosen_direction_are_refused() -> None:
    catalogue, learning = small_catalogue(), small_learning()
    passport = passport_with(["logistiek.heftruck"], catalogue)
    direction = direction_for(passport, catalogue, "logistiek.chauffeur")
    with pytest.raises(InputError) as refused:
        choose_steps(passport, direction, learning, ["leren.rijbewijs_c"], WHEN, "holder")
    assert refused.value.code == "E643"
    assert passport.direction is None and passport.development_wishes == []


def test_a_step_chosen_again_keeps_its_first_date() -> None:
    catalogue, learning = small_catalogue(), small_learning()
    passport = passport_with(["logistiek.heftruck"], catalogue)
    direction = direction_for(passport, catalogue, "logistiek.chauffeur")
    passport = choose_direction(passport, direction, WHEN, "holder")
    first = choose_steps(passport, direction, learning, ["leren.rijbewijs_c"], WHEN, "holder")
    later = WHEN + timedelta(days=30)
    second = choose_steps(
        first, direction, learning, ["leren.rijbewijs_c", "leren.mbo_logistiek"], later, "coach"
    )
    dates = {w.step_id: (w.chosen_at, w.chosen_by) for w in second.development_wishes}
    assert dates["leren.rijbewijs_c"] == (WHEN, "holder")
    assert dates["leren.mbo_logistiek"] == (later, "coach")
    # Choosing the same direction again keeps the steps; another direction drops them.
    assert (
        choose_direction(second, direction, later, "holder").development_wishes == second.development_wishes
    )
    other = direction_for(second, catalogue, "logistiek.heftruckchauffeur")
    assert choose_direction(second, other, later, "holder").development_wishes == []
