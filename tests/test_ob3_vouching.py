"""Honest words about who vouches: a level a coach set alone never reads "De werkgever heeft het bevestigd";
a skill only the person confirmed says "door de persoon zelf verklaard" in the credential, the PDF and
`assistent verify`; `verify` says the desk signed what was written down, and lists every credential's
result, not only the first failure."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.context import AppContext
from assistant.export.ob3_export import ob3_json, passport_credentials
from assistant.export.ob3_verify import verify_file
from assistant.export.pdf_export import passport_pdf
from assistant.interview.records import Verdict
from assistant.interview.session import InterviewSession
from assistant.passport.consent import Consent
from assistant.passport.model import Assessment, Passport
from assistant.passport.review import Review
from tests.conftest import ASSISTENT, coach_session
from tests.test_pdf_export import MADE_AT, pdf_text

DESK = "Leerwerkloket Zwolle"
ISSUED = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
SELF_WORDS = "Door de persoon zelf verklaard. Niemand anders heeft het nagekeken."


@pytest.fixture
def passport(context: AppContext) -> Passport:
    """Two building skills the person confirmed; coach Anja accepts one, and (as a review before this
    change let her) set the other to skillscertificaat without anyone else confirming it."""
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text="Piet")
    session.answer(values=["ja"])
    session.answer(values=["bouw"])
    for p in session.answer(values=["metselen", "tegels"]):
        session.confirm(p.skill_ref, Verdict.YES)
    while not session.finished:
        session.skip()
    pid = session.finish().id
    review = Review(context.store, pid, coach_session(context.store, "Anja"))
    by_ref = {s.ref: s for s in review.passport.skills}
    review.accept(by_ref["bouw.metselen"].id)
    passport = context.store.passport(pid)
    alone = next(s for s in passport.skills if s.ref == "bouw.tegelen")
    last = alone.provenance[-1]
    alone.level = "skillscertificaat"
    alone.provenance.append(
        Assessment(
            assessed_by="coach",
            assessor="Anja",
            verdict="edited",
            standard=last.standard,
            purpose="Beoordeling",
            level="skillscertificaat",
        )
    )
    return passport


def _credentials(passport: Passport, key: Ed25519PrivateKey) -> list[dict]:
    consent = Consent(
        passport_id=passport.id,
        parts=["skills", "experiences"],
        receiver_kind="employer",
        receiver="Bouwbedrijf De Hoek",
        purpose="Sollicitatie",
        until=date.today() + timedelta(days=30),
    )
    return passport_credentials(passport, consent, key, DESK, issued=ISSUED)


def _by_ref(passport: Passport, credentials: list[dict], ref: str) -> dict:
    label = next(s.label for s in passport.skills if s.ref == ref)
    return next(c for c in credentials if c["name"] == label)


def _achieved_level_text(credential: dict) -> str:
    subject = credential["credentialSubject"]
    achieved = subject["result"][0]["achievedLevel"]
    levels = subject["achievement"]["resultDescription"][0]["rubricCriterionLevel"]
    return next(level["description"] for level in levels if level["id"] == achieved)


def test_a_level_a_coach_set_alone_does_not_say_an_employer_confirmed_it(passport: Passport) -> None:
    credentials = _credentials(passport, Ed25519PrivateKey.generate())
    alone = _by_ref(passport, credentials, "bouw.tegelen")
    assert "De werkgever heeft het bevestigd" not in json.dumps(credentials, ensure_ascii=False)
    said = "Coach Anja koos dit niveau. Niemand anders heeft het bevestigd."
    assert alone["description"] == said
    assert _achieved_level_text(alone) == said, "the badge's level text says who actually vouches"

    checked = _by_ref(passport, credentials, "bouw.metselen")
    assert checked["description"] == "Door de persoon zelf verklaard. Coach Anja heeft het nagekeken."
    assert checked["credentialSubject"]["result"][0]["achievedLevel"].endswith(":skillsverklaring")


def test_a_self_confirmed_skill_says_so_in_the_credential_and_the_pdf(
    passport: Passport, context: AppContext
) -> None:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text="Sam")
    session.answer(values=["ja"])
    session.answer(values=["bouw"])
    for p in session.answer(values=["metselen"]):
        session.confirm(p.skill_ref, Verdict.YES)
    while not session.finished:
        session.skip()
    own = session.finish()
    (credential,) = _credentials(own, Ed25519PrivateKey.generate())
    assert credential["description"] == SELF_WORDS
    assert _achieved_level_text(credential) == SELF_WORDS

    _, text = pdf_text(passport_pdf(own, [], made_at=MADE_AT))
    assert f"{own.skills[0].label} " in text and "Niveau skillsverklaring " + SELF_WORDS in text
    _, reviewed = pdf_text(passport_pdf(passport, [], made_at=MADE_AT))
    assert "Niveau skillscertificaat Coach Anja koos dit niveau. Niemand anders heeft het bevestigd." in (
        reviewed
    )


def test_verify_says_the_desk_signed_and_who_vouches_and_lists_every_result(
    passport: Passport, tmp_path: Path
) -> None:
    key = Ed25519PrivateKey.generate()
    credentials = _credentials(passport, key) * 2  # four credentials: two of each skill
    credentials[1] = json.loads(json.dumps(credentials[1]))
    credentials[1]["name"] += "!"
    credentials[3] = json.loads(json.dumps(credentials[3]))
    credentials[3]["credentialSubject"]["result"][0]["achievedLevel"] = (
        "urn:assistent:lokaal:skillsapk:skillsbewijs"
    )
    path = tmp_path / "verklaringen.json"
    path.write_text(ob3_json(credentials), encoding="utf-8")
    before = path.read_bytes()

    result = verify_file(path)
    assert not result.ok and [f.number for f in result.failures] == [2, 4]
    lines = result.lines
    first = _by_ref(passport, credentials, "bouw.metselen")["name"]
    assert lines[0] == (
        f"Verklaring 1: {first}. De handtekening van {DESK} klopt, gezet op 2 maart 2026. "
        "Door de persoon zelf verklaard. Coach Anja heeft het nagekeken."
    )
    assert lines[1].startswith("Verklaring 2: Deze verklaring is veranderd") and "(E601)" in lines[1]
    assert lines[2] == lines[0].replace("Verklaring 1:", "Verklaring 3:")
    assert lines[3].startswith("Verklaring 4: Deze verklaring is veranderd")
    assert lines[4] == "2 van de 4 verklaringen zijn in orde."
    assert not any("echt" in line for line in lines), "a signature is not a check of the skill"
    assert path.read_bytes() == before

    # The command prints the same report and fails when any credential does not hold up.
    run = subprocess.run(
        [str(ASSISTENT), "verify", str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 2, run.stderr
    assert run.stdout.splitlines()[:3] == [lines[0], lines[2], lines[4]]
    assert run.stderr.splitlines() == [lines[1], lines[3]], "each refusal is said, not only the first"
    good = tmp_path / "goed.json"
    good.write_text(ob3_json(credentials[:1]), encoding="utf-8")
    run = subprocess.run(
        [str(ASSISTENT), "verify", str(good)], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0 and "Door de persoon zelf verklaard." in run.stdout
    assert "1 van de 1 verklaringen zijn in orde." in run.stdout
