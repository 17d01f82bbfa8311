"""The passport PDF shows the chosen work and the ontwikkelwensen (each with its date) when there are any,
says nothing of them when there are none, and leaves them home when the consent does not share wishes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from assistant.development.learning_options import LearningCatalogue
from assistant.export.pdf_export import passport_pdf
from assistant.passport.consent import Consent, shared_copy
from assistant.skills.catalogue import Catalogue
from tests.test_conversation_sheet import (
    MADE_AT,
    forklift_catalogue,
    pdf_text,
    warehouse_worker,
    with_direction_and_three_steps,
)


@pytest.fixture
def forklift(catalogue: Catalogue) -> tuple[Catalogue, LearningCatalogue]:
    return forklift_catalogue(catalogue)


def test_the_chosen_work_and_three_wishes_are_printed_with_their_dates(
    forklift: tuple[Catalogue, LearningCatalogue],
) -> None:
    catalogue, learning = forklift
    passport = with_direction_and_three_steps(catalogue, learning)
    _, text = pdf_text(passport_pdf(passport, [], made_at=MADE_AT))
    part = text.split("Welk werk wil ik", 1)[1]
    assert part.startswith(" Heftruckchauffeur Samen met de coach gekozen op 02-03-2026.")
    assert "Mijn volgende stappen" in part
    for wish in passport.development_wishes:
        assert wish.label in part
    assert part.count("Gekozen op 02-03-2026") == 3


def test_without_a_direction_the_passport_pdf_says_nothing_about_it(catalogue: Catalogue) -> None:
    _, text = pdf_text(passport_pdf(warehouse_worker(catalogue), [], made_at=MADE_AT))
    assert "Welk werk wil ik" not in text and "Mijn volgende stappen" not in text


def test_a_consent_without_wishes_leaves_the_direction_and_steps_home(
    forklift: tuple[Catalogue, LearningCatalogue],
) -> None:
    catalogue, learning = forklift
    passport = with_direction_and_three_steps(catalogue, learning)

    def shared(*parts: str) -> str:
        consent = Consent(
            passport_id=passport.id,
            parts=list(parts),  # type: ignore[arg-type]
            receiver_kind="employer",
            receiver="Transportbedrijf De Weg",
            purpose="Sollicitatie",
            until=date.today() + timedelta(days=30),
        )
        return pdf_text(passport_pdf(shared_copy(passport, consent), [], made_at=MADE_AT))[1]

    skills_only = shared("skills")
    assert "Heftruckchauffeur" not in skills_only and "Mijn volgende stappen" not in skills_only
    with_wishes = shared("skills", "ambitions")
    assert "Heftruckchauffeur" in with_wishes and "Mijn volgende stappen" in with_wishes
