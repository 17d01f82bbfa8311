"""What an interview needs from a store. `assistant.storage.Store` is one; the interview never imports it, so
storage may depend on the domain without the domain depending on storage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from assistant.dialogue.engine import Answer
from assistant.interview.records import Proposal, SessionRecord, SessionStatus, Verdict
from assistant.passport.model import Passport


class InterviewStore(Protocol):
    def create_session(
        self, dialogue: str, version: int, language: str, history: list[str]
    ) -> SessionRecord: ...

    def session(self, session_id: str) -> SessionRecord: ...

    def session_by_code(self, code: str) -> SessionRecord | None: ...

    def new_resume_code(self, session_id: str) -> str: ...

    def set_session_status(self, session_id: str, status: SessionStatus) -> None: ...

    def set_session_language(self, session_id: str, language: str) -> None: ...

    def answers(self, session_id: str) -> dict[str, Answer]: ...

    def proposals(self, session_id: str) -> list[Proposal]: ...

    def save_step(
        self,
        session_id: str,
        history: list[str],
        answer: Answer | None = None,
        proposals: Sequence[Proposal] = (),
        filled_in: Sequence[Answer] = (),
    ) -> None: ...

    def decide(self, session_id: str, skill_ref: str, verdict: Verdict) -> None: ...

    def finish(self, session_id: str, passport: Passport) -> None: ...
