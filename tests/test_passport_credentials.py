"""Diplomas, certificates and licences as things: a real interview with the real dialogue gives each chosen or
typed one a kind, a name and, for a diploma from another country, its work and whether it is recognised
(the answer to "Is uw diploma erkend?" is kept); they travel in the JSON export only with "experiences"."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.context import AppContext
from assistant.export.json_export import export_json
from assistant.export.ob3_export import passport_credentials
from assistant.export.ob3_verify import verify_credential
from assistant.export.pdf_export import passport_pdf
from assistant.interview.records import Verdict
from assistant.interview.session import InterviewSession
from assistant.passport.consent import Consent, shared_copy
from assistant.passport.model import Passport
from tests.test_pdf_export import MADE_AT, pdf_text

Answers = dict[str, dict[str, list[str] | str]]


def interview(context: AppContext, answers: Answers) -> Passport:
    """The real intake, answered as given and every other question skipped; every skill proposed is a Ja."""
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    asked = []
    while not session.finished:
        question = session.current.id
        asked.append(question)
        answer = answers.get(question)
        if answer is None:
            session.skip()
            continue
        for p in session.answer(**answer):  # type: ignore[arg-type]
            session.confirm(p.skill_ref, Verdict.YES)
    assert set(answers) <= set(asked), f"not asked: {set(answers) - set(asked)}"
    return session.finish()


DIPLOMAS: Answers = {
    "naam": {"text": "Amal"},
    "cursus": {"values": ["ja"]},
    "cursus_welke": {"values": ["heftruck", "rijbewijs_c", "diploma_buitenland", "ehbo_bhv"]},
    "diploma_beroep": {"text": "elektricien"},
    "diploma_erkend": {"values": ["nee"]},
    "cursus_vertel": {"text": "Mijn lascertificaat haalde ik in 2019, en ook VCA."},
}


def test_the_diplomas_of_a_real_interview_are_things_and_recognition_is_kept(context: AppContext) -> None:
    passport = interview(context, DIPLOMAS)
    stored = context.store.passport(passport.id)
    things = {c.name: c for c in stored.credentials}
    assert list(things) == [
        "Heftruckcertificaat",
        "Rijbewijs C (vrachtwagen)",
        "Diploma uit een ander land",
        "EHBO of BHV",
        "Lascertificaat",
        "VCA (veilig werken)",
    ]
    diploma = things["Diploma uit een ander land"]
    assert (diploma.kind, diploma.for_work, diploma.recognised) == ("diploma", "elektricien", "no")
    licences = [c.name for c in stored.credentials if c.kind == "licence"]
    assert licences == [
        "Heftruckcertificaat",
        "Rijbewijs C (vrachtwagen)",
        "Lascertificaat",
        "VCA (veilig werken)",
    ]
    assert things["EHBO of BHV"].kind == "certificate"
    assert things["Lascertificaat"].year == 2019 and things["Heftruckcertificaat"].year is None
    assert all(c.declared_by == "self" for c in stored.credentials), "nobody at the kiosk saw the paper"
    # The typed answer is still kept in the person's own words too.
    assert any("lascertificaat" in e.own_words for e in stored.education)


@pytest.mark.parametrize(("said", "recognised"), [("ja", "yes"), ("beetje", "partly"), (None, "unknown")])
def test_each_answer_to_is_it_recognised_is_kept(
    context: AppContext, said: str | None, recognised: str
) -> None:
    answers = {k: v for k, v in DIPLOMAS.items() if k != "diploma_erkend"}
    answers["cursus_welke"] = {"values": ["diploma_buitenland"]}
    if said is not None:
        answers["diploma_erkend"] = {"values": [said]}
    (diploma,) = interview(context, answers).credentials[:1]
    assert diploma.recognised == recognised


def test_a_licence_typed_twice_or_also_chosen_is_one_thing(context: AppContext) -> None:
    answers: Answers = {
        "cursus": {"values": ["ja"]},
        "cursus_welke": {"values": ["vca", "anders"]},
        "cursus_vertel": {"text": "VCA in 2021 en 2022 opnieuw, heftruck"},
    }
    things = interview(context, answers).credentials
    assert [(c.name, c.year) for c in things] == [
        ("VCA (veilig werken)", None),
        ("Heftruckcertificaat", None),
    ]


def test_the_json_export_holds_the_diplomas_only_with_consent_for_experiences(context: AppContext) -> None:
    passport = interview(context, DIPLOMAS)
    data = json.loads(export_json(passport))
    diploma = next(c for c in data["credentials"] if c["kind"] == "diploma")
    assert diploma["recognised"] == "no" and diploma["for_work"] == "elektricien"

    def consent(*parts: str) -> Consent:
        until = date.today() + timedelta(days=7)
        return Consent(
            passport_id=passport.id,
            parts=list(parts),
            receiver_kind="employer",  # type: ignore[arg-type]
            receiver="Bouwbedrijf",
            purpose="Sollicitatie",
            until=until,
        )

    assert shared_copy(passport, consent("skills")).credentials == []
    assert len(shared_copy(passport, consent("experiences")).credentials) == len(passport.credentials)


def test_the_pdf_shows_each_diploma_with_what_is_known_and_who_says_so(context: AppContext) -> None:
    passport = interview(context, DIPLOMAS)
    _, text = pdf_text(passport_pdf(passport, [], made_at=MADE_AT))
    part = text.split("Diploma's en papieren", 1)[1]
    assert "Diploma uit een ander land Diploma Voor werk als: elektricien Erkend in Nederland: nee" in part
    assert "Lascertificaat Papier dat u nodig heeft voor werk Gehaald in: 2019" in part
    assert part.count("Door de persoon zelf verklaard") >= len(passport.credentials)


def test_open_badges_carry_a_diploma_only_as_the_holders_own_statement(context: AppContext) -> None:
    passport = interview(context, DIPLOMAS)
    key = Ed25519PrivateKey.generate()
    until = date.today() + timedelta(days=7)

    def issued(*parts: str) -> list[dict]:
        consent = Consent(
            passport_id=passport.id,
            parts=list(parts),
            receiver_kind="employer",  # type: ignore[arg-type]
            receiver="Transport BV",
            purpose="Sollicitatie",
            until=until,
        )
        return passport_credentials(passport, consent, key, "Loket Zwolle")

    by_name = {c["name"]: c for c in issued("skills", "experiences")}
    licence = by_name["Eigen verklaring: Rijbewijs C (vrachtwagen)"]
    achievement = licence["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "Achievement", "not filed among real licences"
    assert "eigen verklaring" in achievement["tag"] and "license" in achievement["tag"]
    assert licence["description"].startswith("Door de persoon zelf verklaard.")
    assert "source" not in licence["credentialSubject"] and "result" not in licence["credentialSubject"]
    diploma = by_name["Eigen verklaring: Diploma uit een ander land"]
    assert "Niet erkend in Nederland, zegt de persoon." in diploma["evidence"][0]["narrative"]
    assert "Gehaald in 2019." in by_name["Eigen verklaring: Lascertificaat"]["evidence"][0]["narrative"]
    for credential in by_name.values():
        verify_credential(credential)
    assert not any(c["name"].startswith("Eigen verklaring") for c in issued("skills"))
