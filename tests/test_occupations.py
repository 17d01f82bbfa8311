"""Occupations that fit a passport, as the passport PDF lists them ("Beroepen die bij u passen"): the same
directions the kiosks show, from confirmed or accepted skills only, with what matches and what is missing.
The helpers here build passports for the other direction tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from assistant.context import AppContext
from assistant.development.direction import directions
from assistant.interview.session import InterviewSession
from assistant.passport.build import standards_for
from assistant.passport.model import Assessment, Passport, Skill, SkillStatus
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
    fits = directions(passport, catalogue)
    first = fits[0]
    assert first.occupation_id == "bouw.metselaar"
    assert first.uri.startswith(UWV_OCCUPATION_PREFIX)
    assert [n.ref for n in first.have] == METSELAAR_SKILLS[:3]
    assert {n.ref for n in first.almost + first.missing} >= set(METSELAAR_SKILLS[3:])
    assert 0 < first.dots < 5, "essential skills are missing, so never all dots"
    # The rejected skill does not count: tiling is still to learn for a tegelzetter.
    tegelzetter = next(f for f in fits if f.occupation_id == "bouw.tegelzetter")
    assert "bouw.tegelen" not in {n.ref for n in tegelzetter.have}


def test_the_order_follows_the_dots_and_is_the_same_every_time(catalogue: Catalogue) -> None:
    passport = passport_with(
        catalogue,
        {"bouw.steigers": "confirmed", "bouw.veilig_werken": "confirmed", "bouw.metselen": "confirmed"},
    )
    fits = directions(passport, catalogue, limit=10)
    assert [f.dots for f in fits] == sorted((f.dots for f in fits), reverse=True), (
        "fewer dots never above more"
    )
    assert all(f.have for f in fits), "an occupation without any matching skill is not shown"
    assert directions(passport, catalogue, limit=10) == fits
    assert len(directions(passport, catalogue, limit=3)) == 3


def test_only_rejected_skills_give_no_occupations(catalogue: Catalogue) -> None:
    passport = passport_with(catalogue, {"bouw.metselen": "rejected", "bouw.voegen": "rejected"})
    assert directions(passport, catalogue) == []


def test_the_knowledge_base_adds_the_official_name(catalogue: Catalogue, taxonomy_dir: Path) -> None:
    passport = passport_with(catalogue, {"bouw.slopen": "confirmed", "bouw.materiaal_aangeven": "confirmed"})
    kb = KnowledgeBase(taxonomy_dir)
    try:
        fits = directions(passport, catalogue, knowledge_base=kb, limit=20)
    finally:
        kb.close()
    opperman = next(f for f in fits if f.occupation_id == "bouw.opperman")
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
    fits = directions(passport, context.catalogue)
    assert fits, "confirmed construction skills give at least one occupation"
    assert fits[0].occupation_id == "bouw.metselaar"
    assert context.catalogue.occupations[fits[0].occupation_id].sector == "bouw"
    assert "Muren metselen" in [n.label for n in fits[0].have]
    assert fits[0].missing or fits[0].almost, "a few answers do not cover every skill of the occupation"
