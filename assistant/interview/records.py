"""What an interview is made of, as the rest of the assistant sees it: the session, each skill proposed
for an answer, and the person's verdict on it. Storage keeps these; it does not define them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

SessionStatus = Literal["active", "paused", "finished"]


class Verdict(StrEnum):
    """The person's answer to "Klopt dit?". The values are what is stored and exported."""

    YES = "ja"
    A_LITTLE = "beetje"
    NO = "nee"


class SessionRecord(BaseModel):
    id: str
    dialogue: str
    dialogue_version: int
    language: str
    status: SessionStatus
    history: list[str]
    passport_id: str | None
    created_at: datetime
    updated_at: datetime


class Proposal(BaseModel):
    """A skill the matcher found in an answer, waiting for (or holding) the person's "Klopt dit?"."""

    skill_ref: str
    label: str
    statement: str
    source: str
    competentnl: list[dict[str, str]] = Field(default_factory=list)
    esco: list[dict[str, str]] = Field(default_factory=list)
    confidence: float
    evidence: str
    question_id: str
    answer_text: str
    verdict: Verdict | None = None
    decided_at: datetime | None = None
    via: str = "direct"
    """"direct" (said in words), "meaning" (said in other words), "said_with"
    (meant by what was said together: care for "mijn moeder"), "occupation" (implied by a job), "choice"."""
    earlier: list[dict[str, str]] = Field(default_factory=list)
    """Earlier "Nee" answers for this skill on other questions: a "Nee" belongs to the answer it was given
    for, so the skill may be asked again when another answer supports it."""

    def may_ask_again(self, question_id: str) -> bool:
        """Rejected for other answers only: it may be asked for the answer to `question_id`."""
        if self.verdict != Verdict.NO:
            return False
        return question_id != self.question_id and all(
            e.get("question_id") != question_id for e in self.earlier
        )
