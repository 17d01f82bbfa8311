"""What the holder is told about a coach's changes: plain sentences from the provenance, oldest first."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.passport import changes
from assistant.passport.changes import coach_changes
from assistant.passport.model import Assessment, Passport, Skill
from assistant.passport.review import Review
from assistant.plain_language import MAX_WORDS_PER_SENTENCE, Checker, sentences, words
from assistant.skills.catalogue import Catalogue
from tests.conftest import coach_session, open_store_at


def _self_confirmed(ref: str, label: str) -> Skill:
    return Skill(
        ref=ref,
        label=label,
        source="sector:bouw",
        status="confirmed",
        provenance=[
            Assessment(
                assessed_by="self", verdict="ja", standard=[], purpose="zelf", level="skillsverklaring"
            )
        ],
    )


@pytest.fixture
def review(tmp_path: Path) -> Review:
    store = open_store_at(tmp_path / "changes.sqlite3")
    passport = Passport(
        session_id="s1",
        dialogue="intake@1",
        skills=[
            _self_confirmed("bouw.metselen", "Muren metselen"),
            _self_confirmed("bouw.voegen", "Voegen van muren"),
        ],
    )
    store.save_passport(passport)
    return Review(store, passport.id, coach_session(store, "Sanne"))


def test_a_draft_no_coach_touched_has_no_changes(review: Review, catalogue: Catalogue) -> None:
    assert coach_changes(review.passport, catalogue) == []


#: What a raise of the level needs: the evidence and who confirms it.
RAISE = {"evidence": "Werkbriefje van 2025", "confirmed_by": "Bouwbedrijf De Steen"}


def test_every_kind_of_change_is_told_in_order(review: Review, catalogue: Catalogue) -> None:
    metselen, voegen = (s.id for s in review.passport.skills)
    review.accept(metselen)
    review.reject(voegen, note="Dit deed uw collega.")
    review.change_level(metselen, "skillscertificaat", **RAISE)
    review.add_skill(catalogue, "bouw.tegelen", evidence="")
    review.add_note("Neem uw diploma mee.")

    assert coach_changes(review.passport, catalogue) == [
        "U kunt muren metselen. Coach Sanne vond dit goed. Niveau: skillsverklaring.",
        "U kunt muren en tegels voegen. Coach Sanne haalde dit weg.",
        "Coach Sanne schreef erbij: Dit deed uw collega.",
        "U kunt muren metselen. Coach Sanne koos een ander niveau: skillscertificaat.",
        "U kunt tegels zetten op muur en vloer. Coach Sanne voegde dit toe. Niveau: skillsverklaring.",
        "Coach Sanne schreef een notitie: Neem uw diploma mee.",
    ]


def test_new_wording_is_told_once_with_the_words_that_stand_now(review: Review, catalogue: Catalogue) -> None:
    metselen = review.passport.skills[0].id
    review.edit_wording(metselen, "Muren bouwen")
    review.edit_wording(metselen, "Muren bouwen met stenen")
    review.accept(metselen)

    assert coach_changes(review.passport, catalogue) == [
        "Coach Sanne schreef de woorden anders. Nu staat er: Muren bouwen met stenen.",
        "Muren bouwen met stenen. Coach Sanne vond dit goed. Niveau: skillsverklaring.",
    ]


def test_without_the_catalogue_the_skill_is_named_by_its_label(review: Review) -> None:
    review.reject(review.passport.skills[1].id)
    assert coach_changes(review.passport) == ["Voegen van muren. Coach Sanne haalde dit weg."]


def test_the_sentences_are_plain_and_short(review: Review, catalogue: Catalogue) -> None:
    metselen, voegen = (s.id for s in review.passport.skills)
    review.accept(metselen, level="skillsbewijs", **RAISE)
    review.change_level(voegen, "skillscertificaat", **RAISE)
    review.edit_wording(voegen, "Muren voegen")
    review.reject(voegen)
    review.add_skill(catalogue, "bouw.tegelen", evidence="")
    told = coach_changes(review.passport, catalogue)
    assert len(told) == 5
    checker = Checker()
    for text in told:
        assert all(len(words(s)) <= MAX_WORDS_PER_SENTENCE for s in sentences(text)), text
        assert checker.check("changes", text) == [], text


def test_the_sentences_are_whole_texts_for_translation() -> None:
    from assistant.i18n_build import extract

    extracted = {m.id for m in extract()}
    templates = [
        changes.ACCEPTED,
        changes.REJECTED,
        changes.ADDED,
        changes.WORDING,
        changes.LEVEL,
        changes.NOTE,
    ]
    assert all(t in extracted for t in templates)
