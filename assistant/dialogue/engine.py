"""The interview as a state machine: where the person is, what they answered, and what comes next.

Pure logic without storage or UI: the path walked so far (`history`, its last item is the question on
screen) and the answers. Going back keeps the old answer so it can be shown again; answers on questions
that are no longer on the path do not count.
"""

from __future__ import annotations

from assistant.dialogue.answer import Answer, AnswerStatus
from assistant.dialogue.answer_kinds import answer_kind
from assistant.dialogue.known_answers import choice_for_years, years_mentioned
from assistant.dialogue.model import END, Dialogue, Question
from assistant.errors import InputError
from assistant.i18n import current_language


class Interview:
    """One person's walk through a dialogue."""

    def __init__(
        self,
        dialogue: Dialogue,
        answers: dict[str, Answer] | None = None,
        history: list[str] | None = None,
        max_chars: int = 2000,
    ) -> None:
        self.dialogue = dialogue
        self.answers: dict[str, Answer] = dict(answers or {})
        self.history: list[str] = [q for q in (history or []) if q == END or q in dialogue] or [
            dialogue.start
        ]
        self.max_chars = max_chars
        self.inferred: list[Answer] = []
        """Answers filled in from earlier ones during the last step, so they can be saved and shown."""

    @property
    def finished(self) -> bool:
        return self.history[-1] == END

    @property
    def current(self) -> Question | None:
        return None if self.finished else self.dialogue.question(self.history[-1])

    def path_answers(self) -> list[Answer]:
        """Answers on the path walked, in order; the question on screen is not included."""
        return [self.answers[q] for q in self.history[:-1] if q in self.answers]

    def _require_current(self) -> Question:
        question = self.current
        if question is None:
            raise InputError("E104")
        return question

    def build_answer(self, values: list[str] | None = None, text: str | None = None) -> Answer:
        """Checks an answer to the current question without recording it; raises `InputError` kindly."""
        question = self._require_current()
        kind = answer_kind(question.kind)
        return kind.answer(question.id, question.options, values or [], text, self.max_chars)

    def record(self, answer: Answer) -> str:
        """Stores `answer` for the current question and moves on; returns the id of the next step."""
        question = self._require_current()
        if answer.question_id != question.id:
            raise InputError("E105")
        self.answers[question.id] = answer
        nxt = self.next_after(question)
        self.history.append(nxt)
        self.inferred = []
        return self._answer_what_is_known(nxt)

    def _answer_what_is_known(self, nxt: str) -> str:
        """Moves past questions that earlier answers already answer (never asked twice)."""
        while nxt != END:
            question = self.dialogue.question(nxt)
            known = self.known_answer(question)
            if known is None or known.inferred_from is None:
                break
            self.answers[question.id] = known
            self.inferred.append(known)
            nxt = self.next_after(question)
            self.history.append(nxt)
        return nxt

    def known_answer(self, question: Question) -> Answer | None:
        """What earlier answers say about `question`: a full answer (`inferred_from` set) for a rule that
        answers, a suggestion (not recorded, shown as chosen) for one that suggests, else None."""
        rule = question.infer
        own = self.answers.get(question.id)
        if rule is None or (own is not None and own.inferred_from is None):
            return None  # the person answered this question themselves: that answer stands
        on_path = [self.answers[q] for q in self.history[:-1] if q in self.answers]
        if rule.rule == "years":
            for source in rule.source:
                texts = [a.text for a in on_path if a.question_id == source and a.counts and a.text]
                years = years_mentioned(texts)
                choice = choice_for_years(years, rule.years) if years is not None else None
                if choice is not None:
                    return Answer(
                        question_id=question.id, status="answered", values=[choice], inferred_from=source
                    )
            return None
        used = {current_language(), *(a.language for a in on_path)}
        chosen = [cid for cid, lang in rule.languages.items() if lang in used]
        return Answer(question_id=question.id, status="answered", values=chosen) if chosen else None

    def skip(self) -> Answer:
        return self._mark("skipped")

    def dont_know(self) -> Answer:
        return self._mark("unknown")

    def _mark(self, status: AnswerStatus) -> Answer:
        question = self._require_current()
        answer = Answer(question_id=question.id, status=status)
        self.record(answer)
        return answer

    def back(self) -> bool:
        """Returns to the previous question; False when already at the first."""
        self.inferred = []
        if len(self.history) <= 1:
            return False
        self.history.pop()
        return True

    def next_after(self, question: Question, answers: dict[str, Answer] | None = None) -> str:
        """The next step after `question`; only answers on the path walked so far count."""
        if answers is None:
            on_path = set(self.history)
            answers = {qid: a for qid, a in self.answers.items() if qid in on_path}
        if isinstance(question.next, str):
            return question.next
        for rule in question.next:
            if all(self._holds(answers.get(qid), accepted) for qid, accepted in rule.when.items()):
                return rule.goto
        return END  # unreachable: the loader demands a fallback rule

    @staticmethod
    def _holds(answer: Answer | None, accepted: list[str]) -> bool:
        return answer is not None and answer.counts and any(v in accepted for v in answer.values)

    def progress(self) -> tuple[int, int]:
        """(number of the question on screen, expected total) along the most likely remaining path."""
        done = len(self.history) - 1
        if self.finished:
            return done, done
        remaining = 0
        qid = self.history[-1]
        seen: set[str] = set()
        # Earlier answers to questions ahead (after going back) are the best guess of the way forward.
        while qid != END and qid not in seen:
            seen.add(qid)
            remaining += 1
            qid = self.next_after(self.dialogue.question(qid), self.answers)
        return done + 1, done + remaining
