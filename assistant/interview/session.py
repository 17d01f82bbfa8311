"""One person's interview at the kiosk: the dialogue state, the store and the skill matcher together.

The UI calls only this: give an answer, skip, say "weet ik niet", go back, confirm a skill, finish. Every
step is saved before it returns, so a crash loses nothing and `resume()` continues where it stopped.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Literal, TypedDict, Unpack

from assistant import resume_code
from assistant.dialogue.engine import Answer, Interview
from assistant.dialogue.model import Dialogue, Question
from assistant.errors import InputError, StorageError
from assistant.interview.records import Proposal, SessionRecord, Verdict
from assistant.interview.store_port import InterviewStore
from assistant.passport.build import build_passport
from assistant.passport.model import Passport
from assistant.personal_data import Finding
from assistant.personal_data import find as find_personal_data
from assistant.personal_data import remove as remove_personal_data
from assistant.skills.asking import MAX_QUESTIONS
from assistant.skills.assembly import Matcher, as_proposer
from assistant.skills.catalogue import Catalogue, SkillConcept

#: Answers about these tell what a person did, not a job they had: no occupation brings skills here.
NO_JOB_SECTIONS = frozenset({"care", "hobby"})


class PersonalDataQuestion(Exception):
    """The typed answer holds a personal number: the person must first say whether to keep it."""

    def __init__(self, text: str, findings: list[Finding]) -> None:
        super().__init__(", ".join(f.kind for f in findings))
        self.text = text
        self.findings = findings

    @property
    def kinds(self) -> list[str]:
        return list(dict.fromkeys(f.kind for f in self.findings))


class SessionOptions(TypedDict, total=False):
    """What a desk may set for every interview (see `Settings`)."""

    max_proposals: int
    min_confidence: float
    max_chars: int


class InterviewSession:
    def __init__(
        self,
        store: InterviewStore,
        dialogue: Dialogue,
        matcher: Matcher,
        record: SessionRecord,
        interview: Interview,
        max_proposals: int = MAX_QUESTIONS,
        min_confidence: float = 0.0,
        max_chars: int = 2000,
    ) -> None:
        self.store = store
        self.dialogue = dialogue
        self.matcher = matcher
        self.proposer = as_proposer(matcher)
        self.record = record
        self.interview = interview
        self.max_proposals = max_proposals
        self.min_confidence = min_confidence
        self.interview.max_chars = max_chars
        self.resume_code: str | None = None
        """The code shown to the person to come back later; only its hash is stored."""

    @classmethod
    def start(
        cls,
        store: InterviewStore,
        dialogue: Dialogue,
        matcher: Matcher,
        language: str = "nl",
        **options: Unpack[SessionOptions],
    ) -> InterviewSession:
        record = store.create_session(dialogue.id, dialogue.version, language, [dialogue.start])
        session = cls(
            store, dialogue, matcher, record, Interview(dialogue, history=record.history), **options
        )
        session.resume_code = store.new_resume_code(record.id)
        return session

    @classmethod
    def resume(
        cls,
        store: InterviewStore,
        dialogue: Dialogue,
        matcher: Matcher,
        session_id: str,
        **options: Unpack[SessionOptions],
    ) -> InterviewSession:
        record = store.session(session_id)
        if record.status == "finished":
            raise StorageError("E306")
        if record.status != "active":
            store.set_session_status(session_id, "active")
        interview = Interview(dialogue, answers=store.answers(session_id), history=record.history)
        return cls(store, dialogue, matcher, record, interview, **options)

    @staticmethod
    def find_by_code(
        store: InterviewStore, typed: object, max_age_days: float = 30
    ) -> tuple[SessionRecord, str]:
        """The interview a typed resume code belongs to, and the code. Raises `InputError` kindly."""
        code = resume_code.normalise(typed)
        record = store.session_by_code(code)
        if record is None or datetime.now(UTC) - record.updated_at > timedelta(days=max_age_days):
            raise InputError("E107")
        return record, code

    def ensure_resume_code(self) -> str:
        """The code to show; an interview continued after a crash gets a new one (old codes are not kept)."""
        if self.resume_code is None:
            self.resume_code = self.store.new_resume_code(self.id)
        return self.resume_code

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def catalogue(self) -> Catalogue:
        return self.matcher.catalogue

    @property
    def current(self) -> Question | None:
        return self.interview.current

    # Steps --------------------------------------------------------------------------------------------

    def answer(
        self,
        values: Iterable[str] | None = None,
        text: str | None = None,
        personal: Literal["ask", "keep", "remove"] = "ask",
    ) -> list[Proposal]:
        """Saves an answer to the question on screen and moves on; returns skills to confirm now.

        Raises `InputError` (nothing saved, nothing lost) when the answer cannot be taken, and
        `PersonalDataQuestion` (nothing saved) when typed text holds a BSN, phone number, IBAN or e-mail
        address: call again with `personal="keep"` or `"remove"` once the person has said.
        """
        question = self._current()
        answer = self.interview.build_answer(list(values or []), text)
        if answer.text and personal != "keep":
            findings = find_personal_data(answer.text)
            if findings and personal == "ask":
                raise PersonalDataQuestion(answer.text, findings)
            if findings:
                answer = answer.model_copy(update={"text": remove_personal_data(answer.text, findings)})
        proposals = self._propose(question, answer)
        self.interview.record(answer)
        self.store.save_step(self.id, self.interview.history, answer, proposals, self.interview.inferred)
        return [p for p in self.pending() if p.skill_ref in {n.skill_ref for n in proposals}]

    def skip(self) -> None:
        answer = self.interview.skip()
        self.store.save_step(self.id, self.interview.history, answer, filled_in=self.interview.inferred)

    def dont_know(self) -> None:
        answer = self.interview.dont_know()
        self.store.save_step(self.id, self.interview.history, answer, filled_in=self.interview.inferred)

    def back(self) -> bool:
        moved = self.interview.back()
        if moved:
            self.store.save_step(self.id, self.interview.history)
        return moved

    def confirm(self, skill_ref: str, verdict: Verdict) -> None:
        self.store.decide(self.id, skill_ref, verdict)

    def pending(self) -> list[Proposal]:
        """Proposed skills the person has not answered "Klopt dit?" for yet."""
        return [p for p in self.store.proposals(self.id) if p.verdict is None]

    def previous_answer(self) -> Answer | None:
        """The answer to show as chosen: the person's own earlier one, or what earlier answers suggest."""
        question = self.current
        if question is None:
            return None
        return self.interview.answers.get(question.id) or self.interview.known_answer(question)

    def just_filled_in(self) -> list[tuple[Question, Answer]]:
        """Questions the last step answered from earlier answers, so the screen can say so."""
        return [(self.dialogue.question(a.question_id), a) for a in self.interview.inferred]

    def progress(self) -> tuple[int, int]:
        return self.interview.progress()

    @property
    def finished(self) -> bool:
        return self.interview.finished

    def finish(self) -> Passport:
        """Builds the draft passport from everything on the path and closes the interview."""
        passport = build_passport(
            self.dialogue,
            self.interview,
            self.store.proposals(self.id),
            self.catalogue,
            self.id,
            self.record.language,
        )
        self.store.finish(self.id, passport)
        return passport

    def set_language(self, language: str) -> None:
        """The person switched language: later answers are marked with it; earlier ones stay as they were."""
        self.store.set_session_language(self.id, language)
        self.record = self.record.model_copy(update={"language": language})

    def pause(self) -> None:
        self.store.set_session_status(self.id, "paused")

    # Skill proposals ----------------------------------------------------------------------------------

    def _current(self) -> Question:
        question = self.interview.current
        if question is None:
            raise StorageError("E306")
        return question

    def context_sectors(self) -> set[str]:
        """Sectors the person picked on earlier choice questions (choice ids that are sector names)."""
        sectors = set(self.catalogue.sectors)
        return {v for a in self.interview.path_answers() for v in a.values if v in sectors}

    def _propose(self, question: Question, answer: Answer) -> list[Proposal]:
        if not question.looks_for_skills or not answer.counts:
            return []
        # A "Nee" belongs to the answer it was given for: such a skill may be asked again for another one.
        asked = {p.skill_ref for p in self.store.proposals(self.id) if not p.may_ask_again(question.id)}
        ticked = [c for c in question.options if c.id in answer.values]
        texts = [c.text for c in ticked if not c.skills]
        if answer.text:
            texts.insert(0, answer.text)
        # The skills a ticked choice stands for count against the same limit as found ones: every ticked
        # choice gets its first skill before any gets a second.
        found: dict[str, Proposal] = {}
        for rank in range(max((len(c.skills) for c in ticked), default=0)):
            for choice in ticked:
                if len(found) >= self.max_proposals or rank >= len(choice.skills):
                    continue
                ref = choice.skills[rank]
                skill = self.catalogue.skills.get(ref)
                if skill is not None and ref not in asked and ref not in found:
                    found[ref] = _proposal(skill, 1.0, choice.text, question.id, choice.text, "choice")
        left = self.max_proposals - len(found)
        if left <= 0:
            return list(found.values())
        whole = answer.text or ", ".join(c.text for c in question.options if c.id in answer.values)
        # The work sector the person chose says what their work was, not what they do for family or as a
        # hobby: "Iemand helpen met wassen" for a mother is care, even after choosing cleaning work.
        about_work = question.section not in NO_JOB_SECTIONS
        questions = self.proposer.propose(
            texts,
            self.context_sectors() if about_work else (),
            asked | set(found),
            left,
            implied=about_work,
        )
        for q in questions:
            if q.confidence < self.min_confidence:
                continue
            via = q.match.via.split(":")[0].replace("taxonomy", "occupation")
            found[q.match.skill.id] = _proposal(
                q.match.skill, q.confidence, q.match.evidence.text, question.id, whole, via
            )
        return list(found.values())


def _proposal(
    skill: SkillConcept, confidence: float, evidence: str, question_id: str, answer_text: str, via: str
) -> Proposal:
    return Proposal(
        skill_ref=skill.id,
        label=skill.label,
        statement=skill.statement,
        source=skill.source,
        competentnl=[r.model_dump() for r in skill.competentnl],
        esco=[r.model_dump() for r in skill.esco],
        confidence=confidence,
        evidence=evidence,
        question_id=question_id,
        answer_text=answer_text,
        via=via,
    )
