"""Turns a finished interview into a draft passport: experiences in the person's own words, and the skills
they confirmed, each with provenance (assessed by the person, standard, purpose, evidence, level)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from assistant.dialogue.answer_kinds import answer_kind
from assistant.dialogue.engine import Answer, Interview
from assistant.dialogue.model import Dialogue, Question
from assistant.interview.records import Proposal, Verdict
from assistant.passport.credentials import credentials_with_details
from assistant.passport.model import (
    Ambition,
    Assessment,
    Education,
    Evidence,
    Experience,
    ExperienceKind,
    Passport,
    Person,
    Skill,
    Standard,
)
from assistant.skills.catalogue import CATALOGUE_VERSION, COMPETENTNL_VERSION, Catalogue

SELF_PURPOSE = "Eigen skillspaspoort maken: zelf aangegeven, met begeleiding van de kiosk"
EXPERIENCE_KINDS: dict[str, ExperienceKind] = {
    "paid_work": "paid",
    "informal_work": "informal",
    "volunteering": "volunteering",
    "care": "care",
    "hobby": "hobby",
}


def chosen_texts(question: Question, answer: Answer, include_other: bool = True) -> list[str]:
    texts = {c.id: c.text for c in question.options if include_other or not c.other}
    return [texts[v] for v in answer.values if v in texts]


def own_words(question: Question, answer: Answer) -> str:
    """The answer as the person gave it: typed text, or the texts of the buttons they chose."""
    return answer.text or ", ".join(chosen_texts(question, answer))


ESCO_VERSION = "ESCO v1.1 (Nederlandse labels)"


EscoMatch = Literal["exact", "close", "broad"]
_ESCO_MATCHES: dict[str, EscoMatch] = {"exact": "exact", "close": "close", "broad": "broad"}


def _esco_match(value: str | None) -> EscoMatch | None:
    """How closely an ESCO skill fits, as stored with the proposal; anything else is left out, not guessed."""
    return _ESCO_MATCHES.get(value or "")


def standards_for(
    skill_ref: str,
    source: str,
    competentnl: Sequence[Mapping[str, str]],
    esco: Sequence[Mapping[str, str]] = (),
) -> list[Standard]:
    out: list[Standard] = []
    if source.startswith("sector:"):
        out.append(
            Standard(kind="sector_catalogue", catalogue_id=skill_ref, version=f"{source}@{CATALOGUE_VERSION}")
        )
    out.extend(
        Standard(kind="competentnl", uri=r["uri"], label=r["label"], version=COMPETENTNL_VERSION)
        for r in competentnl
    )
    out.extend(
        Standard(
            kind="esco",
            uri=r["uri"],
            label=r["label"],
            match=_esco_match(r.get("match")),
            version=ESCO_VERSION,
        )
        for r in esco
    )
    return out


def build_passport(
    dialogue: Dialogue,
    interview: Interview,
    proposals: list[Proposal],
    catalogue: Catalogue,
    session_id: str,
    language: str = "nl",
) -> Passport:
    passport = Passport(
        session_id=session_id, dialogue=f"{dialogue.id}@{dialogue.version}", language=language
    )
    person = Person()
    for answer in interview.path_answers():
        if not answer.counts:
            continue
        question = dialogue.question(answer.question_id)
        kind = answer_kind(question.kind)
        words = own_words(question, answer)
        # Buttons are stored by their Dutch text; only typed text can be in another language.
        typed_language = answer.language if answer.text else "nl"
        if question.section == "person":
            field = kind.person_field(question.stores_as)
            if field == "languages":
                person.languages.extend(
                    [answer.text] if answer.text else chosen_texts(question, answer, False)
                )
            elif field == "nickname" and person.nickname is None:
                person.nickname = words
        elif not kind.holds_content:
            continue
        elif question.section in EXPERIENCE_KINDS:
            sector = next((v for v in answer.values if v in catalogue.sectors), None)
            passport.experiences.append(
                Experience(
                    language=typed_language,
                    kind=EXPERIENCE_KINDS[question.section],
                    question_id=question.id,
                    question=question.text,
                    own_words=words,
                    sector=sector,
                    answered_at=answer.answered_at,
                )
            )
        elif question.section == "education":
            passport.education.append(
                Education(
                    language=typed_language,
                    question_id=question.id,
                    own_words=words,
                    answered_at=answer.answered_at,
                )
            )
        elif question.section == "ambition":
            passport.ambitions.append(
                Ambition(
                    language=typed_language,
                    question_id=question.id,
                    own_words=words,
                    answered_at=answer.answered_at,
                )
            )
    passport.person = person
    passport.credentials, kept_on_credentials = credentials_with_details(dialogue, interview.path_answers())
    # A detail kept on its credential (a year, a school) is not repeated as loose words; one that could not
    # be read as what was asked stays as the person's words.
    passport.education = [e for e in passport.education if e.question_id not in kept_on_credentials]

    for p in proposals:
        if p.verdict not in (Verdict.YES, Verdict.A_LITTLE):
            continue
        standards = standards_for(p.skill_ref, p.source, p.competentnl, p.esco)
        passport.skills.append(
            Skill(
                ref=p.skill_ref,
                label=p.label,
                source=p.source,
                competentnl=[s for s in standards if s.kind == "competentnl"],
                status="confirmed",
                self_rating=p.verdict,
                level="skillsverklaring",
                confidence=p.confidence,
                provenance=[
                    Assessment(
                        assessed_by="self",
                        verdict=p.verdict,
                        standard=standards,
                        purpose=SELF_PURPOSE,
                        level="skillsverklaring",
                        date=p.decided_at or passport.created_at,
                        evidence=[
                            Evidence(text=p.evidence, question_id=p.question_id, answer_text=p.answer_text)
                        ],
                    )
                ],
            )
        )
    return passport
