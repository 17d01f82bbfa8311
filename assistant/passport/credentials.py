"""Diplomas, certificates, licences and courses as things (`Credential`), made from the interview's answers.

The intake dialogue asks which course or diploma a person has (buttons), for what work a diploma from
another country is, whether it is recognised in the Netherlands, its year, school and level, and which other
course they did (typed). The return visit (followup.yaml) asks the name, year, school and level of a new
course or diploma, and which certificate with its expiry date. This module turns those answers into
credentials: a button is a thing of a known kind; a licence that jobs require (heftruck, rijbewijs C,
lassen, VCA) typed in the person's own words is found by its name; the answer to "Is uw diploma erkend?"
and each detail (`DETAILS`) is kept on the credential it is about. A detail that cannot be read as what it
asks (a year, a date) stays in the passport as the person's own words (`detail_questions_used`), never lost.

Everything here is the holder's own statement: nobody at the kiosk saw the paper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Literal

from assistant.dialogue.engine import Answer
from assistant.dialogue.model import Dialogue
from assistant.interview.records import Verdict
from assistant.passport.model import Credential, CredentialKind, Recognition

#: The intake's question "Welke cursus of welk diploma heeft u?" and what each of its buttons is.
COURSE_QUESTION = "cursus_welke"
#: Questions whose buttons are credentials: the intake's, and the return visit's "Welk certificaat?".
CHOICE_QUESTIONS = (COURSE_QUESTION, "nieuw_certificaat_welke")
#: The return visit's typed name of a new course or diploma.
NAME_QUESTION = "nieuwe_cursus_naam"
CHOICE_KINDS: dict[str, CredentialKind] = {
    "lascertificaat": "licence",
    "ander_certificaat": "certificate",
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
_DAY = re.compile(r"\b(\d{1,2})[-/. ](\d{1,2})[-/. ]((?:19|20)\d\d)\b")

Detail = Literal["year", "issuer", "level", "expires"]
#: Detail questions: question id -> (the credential it is about, by its button or its question; the field).
DETAILS: dict[str, tuple[str, Detail]] = {
    "diploma_jaar": (FOREIGN_DIPLOMA, "year"),
    "diploma_school": (FOREIGN_DIPLOMA, "issuer"),
    "diploma_niveau": (FOREIGN_DIPLOMA, "level"),
    "nieuwe_cursus_jaar": (NAME_QUESTION, "year"),
    "nieuwe_cursus_school": (NAME_QUESTION, "issuer"),
    "nieuwe_cursus_niveau": (NAME_QUESTION, "level"),
    "nieuw_certificaat_geldig": ("nieuw_certificaat_welke", "expires"),
}
#: Level buttons that say there is no level: nothing is recorded.
NO_LEVEL = frozenset({"geen_niveau"})


def credentials_from(dialogue: Dialogue, answers: Iterable[Answer]) -> list[Credential]:
    """The credentials the person named in the education questions, in the order they named them.

    A licence typed that was also chosen as a button is one credential, not two; a year typed beside a
    licence ("lascertificaat in 2019") is kept as its year when the text names one year only.
    """
    return credentials_with_details(dialogue, answers)[0]


def credentials_with_details(
    dialogue: Dialogue, answers: Iterable[Answer]
) -> tuple[list[Credential], set[str]]:
    """The credentials (see `credentials_from`) and the detail questions whose answer is kept on one of
    them (`DETAILS`): those need not be kept again as loose words."""
    by_question = {a.question_id: a for a in answers if a.counts}
    out: list[Credential] = []
    for question_id in CHOICE_QUESTIONS:
        chosen = by_question.get(question_id)
        if chosen is None or question_id not in dialogue:
            continue
        texts = {c.id: c.text for c in dialogue.question(question_id).options}
        for value in chosen.values:
            kind = CHOICE_KINDS.get(value)
            if kind is None or value not in texts:
                continue
            out.append(
                Credential(
                    kind=kind,
                    name=texts[value],
                    question_id=question_id,
                    choice_id=value,
                    answered_at=chosen.answered_at,
                )
            )
    named = by_question.get(NAME_QUESTION)
    if named is not None and named.text:
        out.append(
            Credential(
                kind="course", name=named.text, question_id=NAME_QUESTION, answered_at=named.answered_at
            )
        )
    _add_foreign_diploma_answers(out, by_question)
    used = _add_details(dialogue, out, by_question)
    loose = [
        a for a in by_question.values() if a.question_id not in DETAILS and a.question_id != NAME_QUESTION
    ]
    for answer in loose:
        if answer.text and dialogue.question(answer.question_id).section == "education":
            _add_typed_licences(out, answer.text, answer.question_id, answer.answered_at)
    return out, used


def _add_details(dialogue: Dialogue, out: list[Credential], by_question: dict[str, Answer]) -> set[str]:
    used: set[str] = set()
    for question_id, (about, field) in DETAILS.items():
        answer = by_question.get(question_id)
        credential = next((c for c in out if about in (c.choice_id, c.question_id)), None)
        if answer is not None and credential is not None and _set_detail(dialogue, credential, field, answer):
            used.add(question_id)
    return used


def _set_detail(dialogue: Dialogue, credential: Credential, field: Detail, answer: Answer) -> bool:
    """Puts one detail on the credential; False when the answer cannot be read as what was asked."""
    text = answer.text or ""
    if field == "level":
        texts = {c.id: c.text for c in dialogue.question(answer.question_id).options}
        chosen = [texts[v] for v in answer.values if v in texts and v not in NO_LEVEL]
        credential.level = chosen[0] if chosen else text or None
        if chosen and credential.kind == "course":
            credential.kind = "diploma"  # a course with a school level is a diploma
        return True
    if field == "issuer":
        credential.issuer = text or None
        return bool(text)
    if field == "year":
        year = _one_year(text, answer.answered_at)
        if year is not None:
            credential.year = year
        return year is not None
    credential.expires = _a_date(text)
    return credential.expires is not None


def _one_year(text: str, answered_at: datetime) -> int | None:
    """The one year a text names, not in the future; None for none, several, or a later one."""
    years = {int(y) for y in _YEAR.findall(text)}
    year = years.pop() if len(years) == 1 else None
    return year if year is not None and year <= answered_at.year else None


def _a_date(text: str) -> date | None:
    """A day written as 1-3-2030, 01/03/2030 or 1.3.2030 (day first, as in the Netherlands)."""
    found = _DAY.search(text)
    if found is None:
        return None
    day, month, year = (int(g) for g in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


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
    # One year only, and not in the future: "2019 tot 2023" or a typo leaves the year unknown, not guessed.
    year = _one_year(words, answered_at)
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
