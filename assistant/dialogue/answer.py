"""What a person did with one question: answered (choice ids and/or typed text), skipped, or "weet ik niet"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

from assistant.i18n import current_language

AnswerStatus = Literal["answered", "skipped", "unknown"]


class Answer(BaseModel):
    """What a person did with one question: answered (choice ids and/or text), skipped, or "weet ik niet"."""

    question_id: str
    status: AnswerStatus
    values: list[str] = Field(default_factory=list)
    text: str | None = None
    answered_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    language: str = Field(default_factory=current_language)
    """The kiosk language when the person answered; typed text is kept exactly as typed."""
    inferred_from: str | None = None
    """Set when the person was not asked: the question whose answer already said this."""

    @property
    def counts(self) -> bool:
        return self.status == "answered"
