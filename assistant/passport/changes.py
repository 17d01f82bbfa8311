"""What a coach changed in a passport, told to the holder in plain words.

Built only from the passport's own provenance (each skill's coach assessments) and its notes, so the holder
sees exactly what the record says, oldest change first. The sentences are for the person at the kiosk:
short (B1, at most 12 words a sentence) and translated as whole sentences.
"""

from __future__ import annotations

from datetime import datetime

from assistant.i18n import N_, _
from assistant.passport.model import Assessment, Passport, Skill
from assistant.skills.catalogue import Catalogue

# The skill is a sentence of its own ("U kunt muren metselen."): a catalogue sentence may have 12 words
# already, and the coach's words around it must not make it longer.
ACCEPTED = N_("{skill} Coach {coach} vond dit goed. Niveau: {level}.")
REJECTED = N_("{skill} Coach {coach} haalde dit weg.")
ADDED = N_("{skill} Coach {coach} voegde dit toe. Niveau: {level}.")
WORDING = N_("Coach {coach} schreef de woorden anders. Nu staat er: {skill}")
LEVEL = N_("{skill} Coach {coach} koos een ander niveau: {level}.")
ASSESSMENT_NOTE = N_("Coach {coach} schreef erbij: {note}")
NOTE = N_("Coach {coach} schreef een notitie: {note}")


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _skill_words(skill: Skill, catalogue: Catalogue | None) -> str:
    """The catalogue's sentence ("U kunt muren metselen.") when the wording is still the catalogue's,
    otherwise the name as it stands in the passport (a coach may have written it differently)."""
    concept = catalogue.skills.get(skill.ref) if catalogue is not None else None
    if concept is not None and concept.label == skill.label and concept.statement:
        return _as_sentence(_(concept.statement))
    return _as_sentence(skill.label)


def _sentence(
    skill: Skill, index: int, assessment: Assessment, words: str, last_wording: int | None
) -> str | None:
    coach = assessment.assessor or "-"
    if assessment.verdict == "accepted":
        return _(ACCEPTED).format(coach=coach, skill=words, level=assessment.level)
    if assessment.verdict == "rejected":
        return _(REJECTED).format(coach=coach, skill=words)
    if assessment.verdict == "added":
        return _(ADDED).format(coach=coach, skill=words, level=assessment.level)
    if assessment.verdict == "edited":
        # The model has one "edited" verdict for both kinds of edit; a level change is the one where the
        # level differs from the judgement before it.
        before = skill.provenance[index - 1].level if index else assessment.level
        if before != assessment.level:
            return _(LEVEL).format(coach=coach, level=assessment.level, skill=words)
        # The passport keeps only the current wording, so only the last rewording is told (with it).
        if index == last_wording:
            return _(WORDING).format(coach=coach, skill=_as_sentence(skill.label))
    return None


def _skill_changes(skill: Skill, catalogue: Catalogue | None) -> list[tuple[datetime, str]]:
    words = _skill_words(skill, catalogue)
    coach_indexes = [i for i, a in enumerate(skill.provenance) if a.assessed_by == "coach"]
    wordings = [
        i
        for i in coach_indexes
        if skill.provenance[i].verdict == "edited"
        and (not i or skill.provenance[i - 1].level == skill.provenance[i].level)
    ]
    last_wording = wordings[-1] if wordings else None
    out: list[tuple[datetime, str]] = []
    for i in coach_indexes:
        assessment = skill.provenance[i]
        sentence = _sentence(skill, i, assessment, words, last_wording)
        if sentence:
            out.append((assessment.date, sentence))
        if sentence and assessment.note:
            coach = assessment.assessor or "-"
            out.append((assessment.date, _(ASSESSMENT_NOTE).format(coach=coach, note=assessment.note)))
    return out


def coach_changes(passport: Passport, catalogue: Catalogue | None = None) -> list[str]:
    """Plain sentences for the holder, oldest first: each skill a coach accepted, took away, added,
    reworded or gave another level, and each note a coach wrote. Empty when no coach changed anything.
    With the catalogue, a skill is told in its plain sentence ("U kunt muren metselen.")."""
    changes: list[tuple[datetime, str]] = []
    for skill in passport.skills:
        changes.extend(_skill_changes(skill, catalogue))
    changes.extend((note.date, _(NOTE).format(coach=note.author, note=note.text)) for note in passport.notes)
    # sorted() is stable: changes made at the same moment keep the order of the passport.
    return [sentence for _date, sentence in sorted(changes, key=lambda change: change[0])]
