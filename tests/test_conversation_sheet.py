"""The conversation sheet (`assistent gesprek ID`): one or two A4 pages for the development conversation,
with the same checks as the passport PDF (page count, fonts embedded, text extractable, plain language of
its fixed texts), a picture of its first page kept in build/gesprek/, and the command's refusals."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from assistant.cli import main
from assistant.coach_accounts import add_user
from assistant.config import REPO_ROOT
from assistant.context import AppContext
from assistant.development.direction import direction_for
from assistant.development.learning_options import LearningCatalogue, LearningOption
from assistant.development.next_steps import step_key, steps_for_direction
from assistant.development.wishes import choose_direction, choose_steps
from assistant.export.conversation_sheet import MAX_PAGES, conversation_sheet_pdf
from assistant.i18n import current_language
from assistant.interview.records import Verdict
from assistant.interview.session import InterviewSession
from assistant.passport.model import Passport
from assistant.skills.catalogue import Catalogue
from tests.test_occupations import passport_with, skill_from_catalogue

MADE_AT = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
CHOSEN_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PICTURE = REPO_ROOT / "build" / "gesprek" / "gespreksblad-1.png"
SHEET_SOURCE = "assistant/export/conversation_sheet_content.py"
PASSWORD = "een-lang-wachtwoord"
#: A licence the test's own catalogue gives the forklift driver: today's catalogue data is still being filled.
LICENCE = LearningOption(
    id="leren.heftruckcertificaat",
    label="Heftruckcertificaat halen",
    kind="certificate",
    length="1 dag",
    source="Een erkend opleidingsbedrijf",
    teaches=["logistiek.heftruck"],
)
COURSE = LearningOption(
    id="leren.lading_zekeren",
    label="Korte cursus lading zekeren",
    kind="course",
    length="2 dagdelen",
    source="Een erkend opleidingsbedrijf",
    teaches=["logistiek.lading_zekeren"],
)
WAREHOUSE = {"logistiek.orderpicken", "logistiek.scannen", "logistiek.tillen", "logistiek.pallettruck"}


@pytest.fixture
def forklift(catalogue: Catalogue) -> tuple[Catalogue, LearningCatalogue]:
    return forklift_catalogue(catalogue)


def forklift_catalogue(catalogue: Catalogue) -> tuple[Catalogue, LearningCatalogue]:
    """The real catalogue, with the forklift driver asking for a certificate, and two learning options."""
    occupation = catalogue.occupations["logistiek.heftruckchauffeur"]
    changed = occupation.model_copy(update={"licences": (LICENCE.id,)})
    own = catalogue.model_copy(update={"occupations": {**catalogue.occupations, occupation.id: changed}})
    return own, LearningCatalogue(options={LICENCE.id: LICENCE, COURSE.id: COURSE})


def warehouse_worker(catalogue: Catalogue) -> Passport:
    passport = passport_with(catalogue, dict.fromkeys(WAREHOUSE, "confirmed"))
    passport.person.nickname = "Fatma"
    return passport


def with_direction_and_three_steps(catalogue: Catalogue, learning: LearningCatalogue) -> Passport:
    passport = warehouse_worker(catalogue)
    direction = direction_for(passport, catalogue, "logistiek.heftruckchauffeur")
    passport = choose_direction(passport, direction, CHOSEN_AT, "coach")
    keys = [step_key(s) for s in steps_for_direction(direction, learning)][:3]
    return choose_steps(passport, direction, learning, keys, CHOSEN_AT, "coach")


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return reader, text


def fonts_without_embedding(reader: PdfReader) -> list[str]:
    """The fonts of every page that carry no font file: a printer or reader would swap them."""
    missing = []
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for name in fonts:
            font = fonts[name].get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(str(font["/BaseFont"]))
    return missing


def test_the_sheet_has_skills_direction_gaps_licence_steps_and_room_to_write(
    forklift: tuple[Catalogue, LearningCatalogue],
) -> None:
    catalogue, learning = forklift
    passport = with_direction_and_three_steps(catalogue, learning)
    passport.skills[0].level = "skillscertificaat"
    reader, text = pdf_text(conversation_sheet_pdf(passport, catalogue, learning, made_at=MADE_AT))

    assert 1 <= len(reader.pages) <= MAX_PAGES
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (595, 842), "A4"
    assert fonts_without_embedding(reader) == []
    assert reader.metadata.title == "Gesprek over werk en leren: Fatma"
    order = ["Wat kan ik", "Welk werk wil ik", "Wat mis ik nog", "Papieren voor dit werk"]
    order += ["Mijn volgende stappen", "Afspraken", "Volgend gesprek"]
    positions = [text.find(h) for h in order]
    assert -1 not in positions and positions == sorted(positions), positions

    for skill in passport.skills:
        assert skill.label in text
    assert "Niveau skillscertificaat" in text and "Niveau skillsverklaring" in text
    assert "Door de persoon zelf verklaard. Niemand anders heeft het nagekeken." in text

    direction = direction_for(passport, catalogue, "logistiek.heftruckchauffeur")
    work = text.split("Welk werk wil ik", 1)[1].split("Wat mis ik nog", 1)[0]
    assert "Heftruckchauffeur" in work
    assert f"({direction.dots} van 5)" in work and "●" in work and "%" not in text, "dots, not a percentage"
    assert "Samen met de coach gekozen op 02-03-2026." in work
    gaps = text.split("Wat mis ik nog", 1)[1].split("Papieren voor dit werk", 1)[0]
    assert direction.missing, "the forklift driver asks for something a warehouse worker lacks"
    # The essential gaps are always printed; optional ones may give way to "en nog N meer" on two pages.
    for need in direction.missing:
        assert f"Nog leren: {need.label}" in gaps or not need.essential
    for need in direction.almost:
        assert f"Bijna: {need.label}" in gaps or not need.essential
    shown = gaps.count("Nog leren:") + gaps.count("Bijna:")
    more = re.search(r"en nog (\d+) meer", gaps)
    assert shown + (int(more.group(1)) if more else 0) == len(direction.missing) + len(direction.almost)
    assert "Heftruckcertificaat halen Duur: 1 dag" in text

    steps = text.split("Mijn volgende stappen", 1)[1].split("Afspraken", 1)[0]
    assert len(passport.development_wishes) == 3
    for wish in passport.development_wishes:
        assert wish.label in steps
    assert steps.count("Gekozen op 02-03-2026") == 3
    assert "Datum van het volgende gesprek:" in text


def test_without_a_direction_the_best_fitting_work_is_shown_with_dots(catalogue: Catalogue) -> None:
    passport = warehouse_worker(catalogue)
    _, text = pdf_text(conversation_sheet_pdf(passport, catalogue, LearningCatalogue(options={})))
    work = text.split("Welk werk wil ik", 1)[1].split("Mijn volgende stappen", 1)[0]
    assert "U heeft nog geen werk gekozen." in work
    assert "Orderpicker" in work, "the work closest to an order picker's skills"
    assert 1 <= len(re.findall(r"Past: [●○]{5} \(\d van 5\)", work)) <= 3
    assert "Wat mis ik nog" not in text, "gaps belong to a chosen direction"
    assert "U heeft nog geen stappen gekozen." in text


def test_a_passport_with_very_many_skills_still_fits_on_two_pages(catalogue: Catalogue) -> None:
    refs = [ref for ref, s in catalogue.skills.items() if s.source.startswith("sector:")]
    passport = passport_with(catalogue, {})
    passport.skills = [skill_from_catalogue(catalogue, ref) for ref in refs]
    reader, text = pdf_text(conversation_sheet_pdf(passport, catalogue, LearningCatalogue(options={})))
    assert len(reader.pages) <= MAX_PAGES
    assert re.search(r"en nog \d+ meer", text), "the list of skills is shortened, and says so"
    assert "Afspraken" in text and "Datum van het volgende gesprek:" in text, "room to write stays"


def test_the_sheet_follows_its_language_and_leaves_the_process_language_alone(
    forklift: tuple[Catalogue, LearningCatalogue],
) -> None:
    catalogue, learning = forklift
    passport = with_direction_and_three_steps(catalogue, learning)
    assert current_language() == "nl"
    _, text = pdf_text(conversation_sheet_pdf(passport, catalogue, learning, language="en"))
    assert "Agreements" in text and "Afspraken" not in text
    assert current_language() == "nl"


def test_the_fixed_texts_of_the_sheet_are_plain_dutch() -> None:
    from assistant.i18n_build import extract
    from assistant.plain_language import Checker, flesch_douma

    texts = [
        str(m.id) for m in extract() if m.id and any(file == SHEET_SOURCE for file, _line in m.locations)
    ]
    assert len(texts) >= 20, "every fixed text of the sheet is found"
    checker = Checker()
    problems = [str(p) for text in texts for p in checker.check(SHEET_SOURCE, text)]
    assert problems == []
    sentences = [t for t in texts if t.rstrip().endswith((".", "?", "!", ":"))]
    assert flesch_douma(" ".join(sentences)) >= 80


def test_page_one_is_kept_as_a_picture(forklift: tuple[Catalogue, LearningCatalogue], tmp_path: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.fail("pdftoppm is missing: install poppler-utils (apt-get install poppler-utils)")
    catalogue, learning = forklift
    pdf = tmp_path / "gesprek.pdf"
    passport = with_direction_and_three_steps(catalogue, learning)
    pdf.write_bytes(conversation_sheet_pdf(passport, catalogue, learning, made_at=MADE_AT))
    subprocess.run(
        [pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    png = next(tmp_path.glob("page*.png"))
    image = Image.open(png).convert("L")
    width, height = image.size
    assert abs(width - 413) <= 1 and abs(height - 585) <= 1, "A4 at 50 dpi"
    dark = sum(image.histogram()[:128])
    assert dark > 0.01 * width * height, "page 1 carries visible text"
    PICTURE.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(png, PICTURE)


# The command ----------------------------------------------------------------------------------------------


def _interview(context: AppContext) -> str:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text="Joop")
    session.answer(values=["ja"])
    session.answer(values=["anders"])
    session.answer(text="ik metselde muren en voegde ze")
    for p in session.pending():
        session.confirm(p.skill_ref, Verdict.YES)
    while not session.finished:
        session.skip()
    return session.finish().id


def _run(
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setenv("ASSISTENT_DATA_DIR", str(context.settings.data_dir))
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["gesprek", *args, "--db", str(context.settings.database)])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_writes_the_sheet_and_logs_it(
    context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pid = _interview(context)
    out = tmp_path / "blad.pdf"
    code, printed, err = _run(context, monkeypatch, capsys, pid, "--uit", str(out))
    assert code == 0, err
    assert str(out) in printed
    reader, text = pdf_text(out.read_bytes())
    assert 1 <= len(reader.pages) <= MAX_PAGES
    assert "Gesprek over werk en leren: Joop" in text and "Muren metselen" in text
    assert [e.actor for e in context.store.access_log(pid) if e.action == "conversation-sheet"] == ["balie"]

    # Without --uit: the desk's export folder, only the desk's account may look in.
    code, printed, err = _run(context, monkeypatch, capsys, pid)
    assert code == 0, err
    written = context.settings.exports / f"gesprek-{pid[:8]}.pdf"
    assert written.exists() and str(written) in printed
    assert written.parent.stat().st_mode & 0o077 == 0


def test_a_missing_passport_or_a_coach_without_permission_gets_a_coded_error_and_no_file(
    context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "blad.pdf"
    code, _, err = _run(context, monkeypatch, capsys, "bestaat-niet", "--uit", str(out))
    assert code == 2 and "E301" in err
    assert not out.exists()

    pid = _interview(context)
    assert not context.store.holder_choices(pid).coach_may_look, "the holder did not say Ja"
    add_user(context.store, "Ilse", PASSWORD)
    login = f"Ilse\n{PASSWORD}\n"
    code, _, err = _run(context, monkeypatch, capsys, pid, "--uit", str(out), "--inloggen", stdin=login)
    assert code == 2 and "E515" in err and "niet met u gedeeld" in err
    assert not out.exists()
    assert not [e for e in context.store.access_log(pid) if e.action == "conversation-sheet"]

    context.store.allow_coach(pid, True, None)
    code, _, err = _run(context, monkeypatch, capsys, pid, "--uit", str(out), "--inloggen", stdin=login)
    assert code == 0, err
    assert out.exists()
    assert [e.actor for e in context.store.access_log(pid) if e.action == "conversation-sheet"] == ["Ilse"]
