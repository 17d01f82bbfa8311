"""Shared for the Open Badges tests: a real passport from a real interview, reviewed by a real coach, and a
consent to share it; the OB 3.0 JSON schema of 1EdTech (tests/data, source beside it)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft201909Validator

from assistant.context import AppContext
from assistant.interview.records import Verdict
from assistant.interview.session import InterviewSession
from assistant.passport.consent import Consent
from assistant.passport.model import Credential, Passport
from assistant.passport.review import Review
from tests.conftest import coach_session

SCHEMA = Path(__file__).parent / "data" / "ob_v3p0_achievementcredential_schema.json"


def interviewed_passport(context: AppContext) -> str:
    """A finished interview with confirmed building skills; the passport id."""
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text="Piet")
    session.answer(values=["ja"])
    session.answer(values=["bouw"])
    for p in session.answer(values=["metselen", "tegels"]):
        session.confirm(p.skill_ref, Verdict.YES)
    while not session.finished:
        session.skip()
    return session.finish().id


def reviewed_passport(context: AppContext, coach: str = "Coach Anja") -> Passport:
    """Coach `coach` accepts metselen at a higher level with evidence and a party, and adds timmeren; the
    holder also named a diploma."""
    pid = interviewed_passport(context)
    review = Review(context.store, pid, coach_session(context.store, coach))
    by_ref = {s.ref: s for s in review.passport.skills}
    review.accept(
        by_ref["bouw.metselen"].id,
        level="skillscertificaat",
        evidence="Werkbriefje van 2025",
        confirmed_by="Bouwbedrijf De Steen",
    )
    review.add_skill(context.catalogue, "bouw.timmeren", evidence="Zag het werk")
    passport = context.store.passport(pid)
    passport.credentials.append(
        Credential(
            kind="diploma",
            name="MBO Metselaar",
            year=2010,
            issuer="ROC Midden",
            question_id="diploma",
            answered_at=datetime.now(UTC),
        )
    )
    return passport


def consent_for(passport: Passport, parts: tuple[str, ...] = ("skills", "experiences")) -> Consent:
    return Consent(
        passport_id=passport.id,
        parts=list(parts),
        receiver_kind="employer",
        receiver="Bouwbedrijf De Hoek",
        purpose="Sollicitatie als metselaar",
        until=date.today() + timedelta(days=30),
    )


@cache
def _validator() -> Draft201909Validator:
    return Draft201909Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def schema_errors(credential: dict[str, Any]) -> list[str]:
    """Every place where `credential` breaks the 1EdTech OB 3.0 AchievementCredential schema."""
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in _validator().iter_errors(credential)
    ]
