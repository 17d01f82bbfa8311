"""Consent: the holder decides which parts of the passport go to whom, for what, and until when.

Nothing leaves the store without a consent that names the parts, the receiver, the purpose and the end
date. `shared_copy()` is the one place that cuts a passport down to what a consent allows; every export
starts from it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Literal
from uuid import uuid4

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.errors import AssistantError
from assistant.passport.model import Passport

Part = Literal["experiences", "skills", "ambitions", "notes"]
PARTS: tuple[Part, ...] = ("experiences", "skills", "ambitions", "notes")
ReceiverKind = Literal["coach", "employer", "school", "other"]


class Consent(BaseModel):
    """One recorded decision of the holder: these parts, to this receiver, for this purpose, until then."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(default_factory=lambda: uuid4().hex)
    passport_id: str
    parts: list[Part] = Field(min_length=1)
    receiver_kind: ReceiverKind
    receiver: str = Field(min_length=1, max_length=200, description="Naam van de coach, werkgever of school.")
    purpose: str = Field(min_length=1, max_length=300, description="Waarvoor de ontvanger het mag gebruiken.")
    until: date = Field(description="Tot en met deze dag; daarna geldt de toestemming niet meer.")
    given_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    withdrawn_at: datetime | None = None

    @field_validator("parts")
    @classmethod
    def _no_repeats(cls, parts: list[Part]) -> list[Part]:
        return [p for p in PARTS if p in parts]

    @field_validator("receiver", "purpose")
    @classmethod
    def _plain_text(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value or any(ord(c) < 32 for c in value):
            raise ValueError("leeg of met stuurtekens")
        return value

    def is_valid(self, today: date | None = None) -> bool:
        today = today or datetime.now(UTC).date()
        return self.withdrawn_at is None and today <= self.until

    def require_valid(self, today: date | None = None) -> None:
        """Raises a plain error when the consent was withdrawn or has ended."""
        if self.withdrawn_at is not None:
            raise AssistantError("E502", id=self.id)
        if not self.is_valid(today):
            raise AssistantError("E503", id=self.id, until=self.until.isoformat())


def shared_copy(
    passport: Passport, consent: Consent, today: date | None = None, hidden: frozenset[str] = frozenset()
) -> Passport:
    """A copy holding only the consented parts. The nickname always travels: the receiver must know whose
    passport it is; languages, like courses and diplomas, are part of "experiences" (what the person did and can do).

    `hidden`: skill refs the holder hid from everything shared; they are left out here, so no export (JSON,
    PDF, OB3) and no fetched page made from this copy can hold them."""
    if consent.passport_id != passport.id:
        raise AssistantError("E501", id=consent.id)
    consent.require_valid(today)
    parts = set(consent.parts)
    copy = passport.model_copy(deep=True)
    if "experiences" not in parts:
        copy.experiences = []
        copy.education = []
        copy.credentials = []
        copy.person.languages = []
    if "skills" not in parts:
        copy.skills = []
    if "ambitions" not in parts:
        copy.ambitions = []
        # The work the person wants and their next steps are wishes too: an employer sees them only with
        # the holder's consent for what they want.
        copy.direction = None
        copy.development_wishes = []
    if "notes" not in parts:
        copy.notes = []
    if "experiences" not in parts:
        # The person's own words are evidence on each skill too; without consent for them, they stay home.
        for skill in copy.skills:
            for assessment in skill.provenance:
                assessment.evidence = []
    if "notes" not in parts:
        # A coach may also write a note on one skill's assessment: that is a note too.
        for skill in copy.skills:
            for assessment in skill.provenance:
                assessment.note = None
    copy.skills = [s for s in copy.skills if s.status != "rejected" and s.ref not in hidden]
    return copy
