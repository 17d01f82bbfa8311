"""Diploma details as things: the intake asks the year, school and level of a diploma from another country
(skip and "Weet ik niet" allowed), they are stored on the `Credential`, and the JSON export (valid against
the generated schema) and the PDF show them. A year that is not a year stays as the person's words."""

from __future__ import annotations

import json

import jsonschema

from assistant.context import AppContext
from assistant.export.json_export import export_json, passport_schema
from assistant.export.pdf_export import passport_pdf
from tests.test_passport_credentials import Answers, interview
from tests.test_pdf_export import MADE_AT, pdf_text

DETAILS: Answers = {
    "naam": {"text": "Amal"},
    "cursus": {"values": ["ja"]},
    "cursus_welke": {"values": ["diploma_buitenland"]},
    "diploma_beroep": {"text": "elektricien"},
    "diploma_erkend": {"values": ["beetje"]},
    "diploma_jaar": {"text": "Ik was klaar in 2011."},
    "diploma_school": {"text": "Technisch instituut Damascus"},
    "diploma_niveau": {"values": ["vakopleiding"]},
}


def test_the_details_of_a_diploma_are_stored_and_exported(context: AppContext) -> None:
    passport = interview(context, DETAILS)
    diploma = next(c for c in context.store.passport(passport.id).credentials if c.kind == "diploma")
    assert (diploma.year, diploma.issuer, diploma.level, diploma.recognised, diploma.for_work) == (
        2011,
        "Technisch instituut Damascus",
        "Vakopleiding",
        "partly",
        "elektricien",
    )
    # Kept on the diploma, not repeated as loose words.
    assert not {"diploma_jaar", "diploma_school", "diploma_niveau"} & {
        e.question_id for e in passport.education
    }

    exported = json.loads(export_json(passport))
    jsonschema.validate(exported, passport_schema())
    thing = next(c for c in exported["credentials"] if c["kind"] == "diploma")
    assert (thing["year"], thing["issuer"], thing["level"]) == (
        2011,
        "Technisch instituut Damascus",
        "Vakopleiding",
    )

    _, text = pdf_text(passport_pdf(passport, [], made_at=MADE_AT))
    for shown in ("Gehaald in: 2011", "Gekregen van: Technisch instituut Damascus", "Niveau: Vakopleiding"):
        assert shown in text


def test_skipped_or_unknown_details_stay_empty_and_odd_words_are_kept(context: AppContext) -> None:
    answers: Answers = {**DETAILS, "diploma_jaar": {"text": "lang geleden 😅"}}
    del answers["diploma_school"], answers["diploma_niveau"]  # skipped
    passport = interview(context, answers)
    diploma = next(c for c in passport.credentials if c.kind == "diploma")
    assert (diploma.year, diploma.issuer, diploma.level) == (None, None, None)
    assert [e.own_words for e in passport.education if e.question_id == "diploma_jaar"] == ["lang geleden 😅"]
