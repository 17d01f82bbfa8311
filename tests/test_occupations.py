"""Occupations that fit a passport: ranked by the share of their skills the person has, with the skills that
match and the ones still missing, from confirmed or accepted skills only."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from assistant.context import AppContext
from assistant.interview.session import InterviewSession
from assistant.passport.build import standards_for
from assistant.passport.model import Assessment, Passport, Skill, SkillStatus
from assistant.passport.occupations import occupations_that_fit
from assistant.skills.catalogue import UWV_OCCUPATION_PREFIX, Catalogue
from assistant.taxonomy.knowledge_base import KnowledgeBase

METSELAAR_SKILLS = [
    "bouw.metselen",
    "bouw.voegen",
    "bouw.specie_mengen",
    "bouw.tekening_lezen",
    "bouw.meten_uitzetten",
    "bouw.steigers",
    "bouw.veilig_werken",
]


def skill_from_catalogue(catalogue: Catalogue, ref: str, status: SkillStatus = "confirmed") -> Skill:
    """A skill as the kiosk records it, straight from the catalogue."""
    concept = catalogue.skills[ref]
    standards = standards_for(ref, concept.source, [c.model_dump() for c in concept.competentnl])
    return Skill(
        ref=ref,
        label=concept.label,
        source=concept.source,
        competentnl=[s for s in standards if s.kind == "competentnl"],
        status=status,
        provenance=[
            Assessment(
                assessed_by="self",
                verdict="ja",
                standard=standards,
                purpose="test",
                level="skillsverklaring",
                date=datetime(2026, 3, 2, tzinfo=UTC),
            )
        ],
    )


def passport_with(catalogue: Catalogue, refs: dict[str, SkillStatus]) -> Passport:
    return Passport(
        session_id="s",
        dialogue="intake@1",
        skills=[skill_from_catalogue(catalogue, ref, status) for ref, status in refs.items()],
    )


def labels(catalogue: Catalogue, refs: list[str]) -> list[str]:
    return [catalogue.skills[r].label for r in refs]


def test_a_bricklayer_gets_metselaar_first_with_matching_and_missing_skills(catalogue: Catalogue) -> None:
    passport = passport_with(
        catalogue,
        {
            "bouw.metselen": "confirmed",
            "bouw.voegen": "accepted",
            "bouw.specie_mengen": "confirmed",
            "bouw.tegelen": "rejected",
        },
    )
    fits = occupations_that_fit(passport, catalogue)
    first = fits[0]
    assert first.id == "bouw.metselaar"
    assert first.uri.startswith(UWV_OCCUPATION_PREFIX)
    assert first.matching == labels(catalogue, METSELAAR_SKILLS[:3])
    assert first.missing == labels(catalogue, METSELAAR_SKILLS[3:])
    assert first.score == round(3 / 7, 4)
    # The rejected skill does not count: tiling is still to learn for a tegelzetter.
    tegelzetter = next(f for f in fits if f.id == "bouw.tegelzetter")
    assert catalogue.skills["bouw.tegelen"].label in tegelzetter.missing
    assert catalogue.skills["bouw.tegelen"].label not in tegelzetter.matching


def test_ranking_is_by_share_then_count_and_is_deterministic(catalogue: Catalogue) -> None:
    # Steigerbouwer needs 4 skills, of which this person has 2 (0.5); Metselaar 3 of 7 (0.43).
    passport = passport_with(
        catalogue,
        {"bouw.steigers": "confirmed", "bouw.veilig_werken": "confirmed", "bouw.metselen": "confirmed"},
    )
    fits = occupations_that_fit(passport, catalogue, limit=10)
    assert fits[0].id == "bouw.steigerbouwer" and fits[0].score == 0.5
    keys = [(-f.score, -len(f.matching)) for f in fits]
    assert keys == sorted(keys)
    assert all(f.matching for f in fits), "an occupation without any matching skill is not shown"
    assert occupations_that_fit(passport, catalogue, limit=10) == fits
    assert len(occupations_that_fit(passport, catalogue, limit=3)) == 3


def test_only_rejected_or_unlinked_skills_give_no_occupations(catalogue: Catalogue) -> None:
    capability = next(ref for ref, s in catalogue.skills.items() if s.source == "competentnl")
    passport = passport_with(catalogue, {"bouw.metselen": "rejected", capability: "confirmed"})
    assert occupations_that_fit(passport, catalogue) == []


def test_the_knowledge_base_adds_the_official_name(catalogue: Catalogue, taxonomy_dir: Path) -> None:
    passport = passport_with(catalogue, {"bouw.slopen": "confirmed", "bouw.materiaal_aangeven": "confirmed"})
    kb = KnowledgeBase(taxonomy_dir)
    try:
        fits = occupations_that_fit(passport, catalogue, knowledge_base=kb)
    finally:
        kb.close()
    opperman = next(f for f in fits if f.id == "bouw.opperman")
    assert opperman.label == "Opperman / hulp in de bouw"
    assert opperman.official_label == "Opperman / oppervrouw bouw"


def test_an_interview_about_bricklaying_leads_to_a_construction_occupation(context: AppContext) -> None:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text="Piet")
    session.answer(values=["ja"])
    session.answer(values=["bouw"])
    for p in session.answer(values=["metselen"]):
        session.confirm(p.skill_ref, "ja")
    while not session.finished:
        session.skip()
    passport = session.finish()
    fits = occupations_that_fit(passport, context.catalogue)
    assert fits, "confirmed construction skills give at least one occupation"
    assert fits[0].id == "bouw.metselaar"
    assert context.catalogue.occupations[fits[0].id].sector == "bouw"
    assert "Muren metselen" in fits[0].matching
    assert fits[0].missing, "a few answers do not cover every skill of the occupation"
