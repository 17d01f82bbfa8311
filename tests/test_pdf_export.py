"""The passport as PDF: A4, at most four pages, the plain headings in order, each skill with its CompetentNL
term, level and assessor; parts without consent left out; any typed text printed without crashing."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from assistant.context import AppContext
from assistant.development.direction import directions
from assistant.export.pdf_export import MAX_OWN_WORDS, MAX_PAGES, passport_pdf
from assistant.i18n import current_language
from assistant.interview.records import Verdict
from assistant.interview.session import InterviewSession
from assistant.passport.consent import Consent, shared_copy
from assistant.passport.model import Ambition, Experience, Passport, Person
from assistant.passport.review import Review
from assistant.skills.catalogue import Catalogue
from tests.conftest import coach_session
from tests.test_occupations import skill_from_catalogue

#: All confirmed skills first, then what the person did; wishes apart from practical matters.
HEADINGS = [
    "Wie ben ik",
    "Wat kan ik",
    "Wat heb ik gedaan",
    "Wat wil ik",
    "Praktisch",
    "Beroepen die bij u passen",
]
MADE_AT = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
TYPED_WORK = (
    "Ik heb muren gemetseld en gevoegd 🧱👷🏽‍♂️ in Zwolle.\x00\x1b\x07 Çok güzel iş, Łódź, Дуже добре!\u200d"
)
ANSWERS: dict[str, dict[str, list[str] | str]] = {
    "naam": {"text": "Piet 👷"},
    "werk_nu": {"values": ["ja"]},
    "werk_sector": {"values": ["bouw"]},
    "taken_bouw": {"values": ["metselen", "tegels"]},
    "werk_vertel": {"text": TYPED_WORK},
    "talen": {"values": ["nederlands", "turks"]},
    "ambitie": {"values": ["werk_vinden"]},
    "ambitie_werk": {"text": "Weer metselaar worden"},
    "vervoer": {"values": ["fiets", "ov"]},
}


def reviewed_passport(context: AppContext) -> Passport:
    """A finished interview about bricklaying: the first skill accepted by coach Anja at skillscertificaat
    (with the evidence and the employer who confirms it), the last rejected."""
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    while not session.finished:
        answer = ANSWERS.get(session.current.id)
        if answer is None:
            session.skip()
            continue
        for p in session.answer(**answer):  # type: ignore[arg-type]
            session.confirm(p.skill_ref, Verdict.YES)
    passport = session.finish()
    review = Review(context.store, passport.id, coach_session(context.store, "Anja"))
    review.accept(
        passport.skills[0].id,
        level="skillscertificaat",
        evidence="Werkbriefje van 2025",
        confirmed_by="Bouwbedrijf De Steen",
    )
    review.reject(passport.skills[-1].id, note="Niet zelf gedaan")
    return context.store.passport(passport.id)


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    # Lines wrap anywhere: compare with single spaces.
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return reader, text


def test_pdf_has_the_sections_in_order_and_each_skill_with_term_level_and_assessor(
    context: AppContext,
) -> None:
    passport = reviewed_passport(context)
    occupations = directions(passport, context.catalogue)
    reader, text = pdf_text(passport_pdf(passport, occupations, made_at=MADE_AT))

    assert 1 <= len(reader.pages) <= MAX_PAGES
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (595, 842), "A4"
    positions = [text.find(h) for h in HEADINGS]
    assert -1 not in positions, positions
    assert positions == sorted(positions)

    accepted, own, rejected = passport.skills[0], passport.skills[1], passport.skills[-1]
    assert rejected.status == "rejected" and own.status == "confirmed"
    assert accepted.label in text
    assert all(s.label in text for s in accepted.competentnl)
    assert "Niveau skillscertificaat Coach Anja schreef op: Bouwbedrijf De Steen bevestigt dit." in text
    assert f"{own.label} " in text and "Niveau skillsverklaring Door de persoon zelf verklaard." in text
    assert f"{rejected.label} In CompetentNL" not in text, "a rejected skill is not listed as a skill"
    assert "Weer metselaar worden" in text
    wishes = text.split("Wat wil ik", 1)[1].split("Praktisch", 1)[0]
    assert "Weer metselaar worden" in wishes and "fiets" not in wishes, "wishes only, no travel"
    assert "Praktisch Zo kan ik naar mijn werk: Met de fiets, Met de bus of trein" in text
    assert "Metselaar" in text and "Dit kunt u nog leren" in text

    pages = len(reader.pages)
    assert f"Pagina 1 van {pages}" in text and f"Pagina {pages} van {pages}" in text
    assert f"Paspoort {passport.id[:8]}, gemaakt op 04-03-2026" in text
    assert reader.metadata.title == "Skillspaspoort van Piet"
    assert reader.metadata.creation_date.date() == date(2026, 3, 4)


def test_typed_emoji_control_characters_and_other_scripts_do_not_break_the_pdf(context: AppContext) -> None:
    passport = reviewed_passport(context)
    # The kiosk's text input tidies typed text already; the PDF must also cope with raw text from elsewhere.
    passport.experiences[-1].own_words = TYPED_WORK
    passport.person.nickname = "Piet 👷\u200d♂️"
    passport.ambitions[-1].own_words = "x" * 2000
    _, text = pdf_text(passport_pdf(passport, [], made_at=MADE_AT))
    assert "Ik heb muren gemetseld en gevoegd in Zwolle. Çok güzel iş, Łódź, Дуже добре!" in text
    assert not any(c in text for c in "🧱👷♂\ufe0f\u200d\x00\x1b\x07")
    assert "Naam: Piet" in text
    # A 2000-letter word is cut to the longest answer printed, and broken over lines, not off the page.
    assert MAX_OWN_WORDS - 50 < text.count("x") <= MAX_OWN_WORDS + 10


def test_a_part_without_consent_is_left_out(context: AppContext) -> None:
    passport = reviewed_passport(context)
    occupations = directions(passport, context.catalogue)
    until = date.today() + timedelta(days=30)

    def consented(*parts: str) -> str:
        consent = Consent(
            passport_id=passport.id,
            parts=list(parts),  # type: ignore[arg-type]
            receiver_kind="employer",
            receiver="Bouwbedrijf De Steen",
            purpose="Sollicitatie",
            until=until,
        )
        shared = shared_copy(passport, consent)
        # Occupations worked out from the full passport must not slip the skills out either.
        return pdf_text(passport_pdf(shared, occupations, made_at=MADE_AT))[1]

    skills_only = consented("skills")
    assert "Wat kan ik" in skills_only and passport.skills[0].label in skills_only
    assert "Wat heb ik gedaan" not in skills_only and "gemetseld" not in skills_only
    assert "Wat wil ik" not in skills_only and "Talen:" not in skills_only
    assert "Wie ben ik" in skills_only and "Naam: Piet" in skills_only

    without_skills = consented("experiences", "ambitions")
    assert "Wat heb ik gedaan" in without_skills and "Wat wil ik" in without_skills
    assert "Wat kan ik" not in without_skills
    assert "Beroepen die bij u passen" not in without_skills
    assert passport.skills[0].label not in without_skills.split("Wat heb ik gedaan")[0]


def test_every_skill_is_printed_on_as_many_pages_as_it_takes_and_the_rest_is_shortened(
    catalogue: Catalogue,
) -> None:
    moment = datetime(2026, 3, 1, tzinfo=UTC)
    refs = [ref for ref, s in catalogue.skills.items() if s.source.startswith("sector:")]
    passport = Passport(
        session_id="s",
        dialogue="intake@1",
        person=Person(nickname="Sam", languages=["Nederlands"]),
        skills=[skill_from_catalogue(catalogue, ref) for ref in refs],
        experiences=[
            Experience(
                kind="paid",
                question_id="werk_vertel",
                question="Wat deed u op een gewone werkdag?",
                own_words=f"Antwoord {i}: " + "ik deed veel verschillend werk " * 12,
                answered_at=moment,
            )
            for i in range(25)
        ],
        ambitions=[
            Ambition(question_id="ambitie_werk", own_words=f"Wens {i}", answered_at=moment) for i in range(15)
        ],
    )
    assert len(refs) > 60, "the test needs far more skills than four pages hold"
    occupations = directions(passport, catalogue)
    reader, text = pdf_text(passport_pdf(passport, occupations, made_at=MADE_AT))

    assert len(reader.pages) > MAX_PAGES, "the skills alone take more than four pages"
    assert all(h in text for h in HEADINGS if h != "Praktisch"), "every part keeps a place"
    assert text.count("Niveau skillsverklaring") == len(refs), "every confirmed skill is printed"
    skills = text.split("Wat kan ik", 1)[1].split("Wat heb ik gedaan", 1)[0]
    assert not re.search(r"en nog \d+ meer", skills), "no skill is left out"
    more = [int(n) for n in re.findall(r"en nog (\d+) meer", text)]
    assert any(n > 0 for n in more), "the long answers were shortened"


def test_twelve_skills_are_all_printed_before_the_experience(
    context: AppContext, catalogue: Catalogue
) -> None:
    passport = reviewed_passport(context)
    refs = [ref for ref, s in catalogue.skills.items() if ref.startswith("bouw.")][:12]
    passport.skills = [skill_from_catalogue(catalogue, ref) for ref in refs]
    # A long story of work, as a talkative person gives it: more than four pages together with the skills.
    story = passport.experiences[-1]
    passport.experiences += [
        story.model_copy(update={"own_words": f"Werk {i}: " + "ik metselde muren en voegde ze " * 12})
        for i in range(10)
    ]
    reader, text = pdf_text(passport_pdf(passport, [], made_at=MADE_AT))
    assert len(reader.pages) <= MAX_PAGES
    skills = text.split("Wat kan ik", 1)[1].split("Wat heb ik gedaan", 1)[0]
    assert "en nog" not in skills and "en nog" in text, "the story is shortened, not the skills"
    labels = [s.label for s in passport.skills]
    assert all(f"{label} " in text for label in labels)
    assert max(text.find(f"{label} ") for label in labels) < text.find("Wat heb ik gedaan")


def test_the_pdf_follows_the_language_and_switches_back(context: AppContext) -> None:
    passport = reviewed_passport(context)
    assert current_language() == "nl"
    _, text = pdf_text(passport_pdf(passport, [], language="en", made_at=MADE_AT))
    assert "What did you do in construction?" in text
    assert current_language() == "nl"


def test_page_one_renders_to_a_real_png(context: AppContext, tmp_path: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.fail("pdftoppm is missing: install poppler-utils (apt-get install poppler-utils)")
    passport = reviewed_passport(context)
    pdf = tmp_path / "paspoort.pdf"
    pdf.write_bytes(passport_pdf(passport, directions(passport, context.catalogue)))
    subprocess.run(
        [pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    png = next(tmp_path.glob("page*.png"))
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 5_000
    image = Image.open(png).convert("L")
    width, height = image.size
    assert abs(width - 413) <= 1 and abs(height - 585) <= 1, "A4 at 50 dpi"
    dark = sum(image.histogram()[:128])
    assert dark > 0.01 * image.size[0] * image.size[1], "page 1 carries visible text"
