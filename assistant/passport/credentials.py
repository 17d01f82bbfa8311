"""Diplomas, certificates, licences and courses as things (`Credential`), made from the interview's answers.

The intake dialogue asks which course or diploma a person has (buttons), for what work a diploma from
another country is, whether it is recognised in the Netherlands, and which other course they did (typed).
This module turns those answers into credentials: a button is a thing of a known kind; a licence that jobs
require (heftruck, rijbewijs C, lassen, VCA) typed in the person's own words is found by its name; the
answer to "Is uw diploma erkend?" is kept on the diploma it is about.

Everything here is the holder's own statement: nobody at the kiosk saw the paper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from assistant.dialogue.engine import Answer
from assistant.dialogue.model import Dialogue
from assistant.interview.records import Verdict
from assistant.passport.model import Credential, CredentialKind, Recognition

#: The intake's question "Welke cursus of welk diploma heeft u?" and what each of its buttons is.
COURSE_QUESTION = "cursus_welke"
CHOICE_KINDS: dict[str, CredentialKind] = {
    "vca": "licence",
    "rijbewijs_b": "licence",
    "rijbewijs_c": "licence",
    "heftruck": "licence",
    "ehbo_bhv": "certificate",
    "taalcursus": "course",
    "diploma_buitenland": "diploma",
}
#: The button whose diploma the two follow-up questions are about.
FOREIGN_DIPLOMA = "diploma_buitenland"
FOR_WORK_QUESTION = "diploma_beroep"
RECOGNISED_QUESTION = "diploma_erkend"
RECOGNITION: dict[str, Recognition] = {Verdict.YES: "yes", Verdict.A_LITTLE: "partly", Verdict.NO: "no"}

#: Licences that jobs ask for, found by name in typed text: (pattern, name, the button that means the same).
TYPED_LICENCES: tuple[tuple[re.Pattern[str], str, str | None], ...] = (
    (re.compile(r"\blas(?:certificaat|diploma|papieren)\b"), "Lascertificaat", None),
    (re.compile(r"\bheftruck(?:certificaat|diploma|rijbewijs)?\b"), "Heftruckcertificaat", "heftruck"),
    (re.compile(r"\brijbewijs[ -]?c\b|\bc[ -]?rijbewijs\b"), "Rijbewijs C (vrachtwagen)", "rijbewijs_c"),
    (re.compile(r"\bvca\b"), "VCA (veilig werken)", "vca"),
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def credentials_from(dialogue: Dialogue, answers: Iterable[Answer]) -> list[Credential]:
    """The credentials the person named in the education questions, in the order they named them.

    A licence typed that was also chosen as a button is one credential, not two; a year typed beside a
    licence ("lascertificaat in 2019") is kept as its year when the text names one year only.
    """
    by_question = {a.question_id: a for a in answers if a.counts}
    out: list[Credential] = []
    chosen = by_question.get(COURSE_QUESTION)
    if chosen is not None and COURSE_QUESTION in dialogue:
        texts = {c.id: c.text for c in dialogue.question(COURSE_QUESTION).options}
        for value in chosen.values:
            kind = CHOICE_KINDS.get(value)
            if kind is None or value not in texts:
                continue
            out.append(
                Credential(
                    kind=kind,
                    name=texts[value],
                    question_id=COURSE_QUESTION,
                    choice_id=value,
                    answered_at=chosen.answered_at,
                )
            )
    _add_foreign_diploma_answers(out, by_question)
    for answer in by_question.values():
        if answer.text and dialogue.question(answer.question_id).section == "education":
            _add_typed_licences(out, answer.text, answer.question_id, answer.answered_at)
    return out


def _add_foreign_diploma_answers(out: list[Credential], by_question: dict[str, Answer]) -> None:
    diploma = next((c for c in out if c.choice_id == FOREIGN_DIPLOMA), None)
    if diploma is None:
        return
    for_work = by_question.get(FOR_WORK_QUESTION)
    if for_work is not None and for_work.text:
        diploma.for_work = for_work.text
    recognised = by_question.get(RECOGNISED_QUESTION)
    if recognised is not None and recognised.values:
        diploma.recognised = RECOGNITION.get(recognised.values[0], "unknown")


def _add_typed_licences(out: list[Credential], text: str, question_id: str, answered_at: datetime) -> None:
    words = text.casefold()
    years = {int(y) for y in _YEAR.findall(words)}
    # One year only, and not in the future: "2019 tot 2023" or a typo leaves the year unknown, not guessed.
    year = years.pop() if len(years) == 1 else None
    if year is not None and year > answered_at.year:
        year = None
    for pattern, name, same_button in TYPED_LICENCES:
        if not pattern.search(words):
            continue
        known = next((c for c in out if c.name == name or (same_button and c.choice_id == same_button)), None)
        if known is None:
            out.append(
                Credential(
                    kind="licence", name=name, year=year, question_id=question_id, answered_at=answered_at
                )
            )
        elif known.year is None:
            known.year = year
