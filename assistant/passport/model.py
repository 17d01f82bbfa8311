"""The passport record. Every skill carries provenance as the SER asks: who assessed it, with what standard,
for what purpose, when, on what evidence, and at which SkillsAPK level."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, Final, Literal
from uuid import uuid4

from pydantic import BaseModel, ConfigDict, Field

from assistant.interview.records import Verdict

SCHEMA_VERSION: Final = "1"

ExperienceKind = Literal["paid", "informal", "volunteering", "care", "hobby"]
AssessedBy = Literal["self", "coach", "employer", "external"]
Level = Literal["skillsverklaring", "skillscertificaat", "skillsbewijs"]
SelfRating = Literal[Verdict.YES, Verdict.A_LITTLE]
"""A "Nee" leaves the skill out of the passport, so a self rating is one of the other two verdicts."""
SkillStatus = Literal["confirmed", "accepted", "rejected"]
CredentialKind = Literal["diploma", "certificate", "licence", "course"]
Recognition = Literal["yes", "partly", "no", "unknown"]


def _now() -> datetime:
    return datetime.now(UTC)


def _id() -> str:
    return uuid4().hex


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Person(_Model):
    """Only what is needed: a first name or nickname is enough."""

    nickname: str | None = Field(default=None, description="Voornaam of bijnaam die de persoon zelf koos.")
    languages: list[str] = Field(
        default_factory=list, description="Talen die de persoon spreekt, in eigen woorden."
    )


class Experience(_Model):
    id: str = Field(default_factory=_id)
    kind: ExperienceKind
    question_id: str = Field(description="De vraag in het gesprek waar dit antwoord bij hoort.")
    question: str = Field(description="De vraag zoals die gesteld is (Nederlands).")
    own_words: str = Field(description="Het antwoord in de woorden van de persoon, of de gekozen knoppen.")
    sector: str | None = None
    answered_at: datetime
    language: str = Field(
        default="nl", description="Taal van het antwoord; niet 'nl' betekent: de coach laat het vertalen."
    )


class Education(_Model):
    id: str = Field(default_factory=_id)
    question_id: str
    own_words: str
    answered_at: datetime
    language: str = "nl"


class Credential(_Model):
    """A diploma, certificate, licence or course as a thing: what it is, from whom, when, until when, and
    whether it counts in the Netherlands. Only what is known is filled in; it stays the holder's own
    statement (`declared_by` "self") until someone who saw the paper says otherwise."""

    id: str = Field(default_factory=_id)
    kind: CredentialKind = Field(
        description="diploma, certificaat, bevoegdheid die werk vraagt (licence: heftruck, rijbewijs C, "
        "lassen, VCA) of cursus."
    )
    name: str = Field(description="De naam, zoals de persoon die koos of typte (Nederlands).")
    year: int | None = Field(default=None, description="Het jaar waarin het gehaald is, als dat bekend is.")
    issuer: str | None = Field(default=None, description="Wie het gaf: een school, een examenbureau.")
    level: str | None = Field(default=None, description="Het niveau, zoals MBO 2, als dat bekend is.")
    expires: date | None = Field(default=None, description="Geldig tot deze dag, als dat bekend is.")
    recognised: Recognition = Field(
        default="unknown",
        description="Erkend in Nederland: ja, een deel (een beetje), nee, of onbekend (niet gevraagd of "
        "niet beantwoord).",
    )
    for_work: str | None = Field(
        default=None, description="Voor welk werk het diploma is, in de woorden van de persoon."
    )
    declared_by: AssessedBy = Field(default="self", description="Wie zegt dat de persoon dit heeft.")
    question_id: str = Field(description="De vraag in het gesprek waar dit uit komt.")
    choice_id: str | None = Field(default=None, description="De gekozen knop, als het een knop was.")
    answered_at: datetime


class Ambition(_Model):
    id: str = Field(default_factory=_id)
    question_id: str
    own_words: str
    answered_at: datetime
    language: str = "nl"


ChosenBy = Literal["holder", "coach"]


class ChosenDirection(_Model):
    """The work the person wants to go towards, chosen at the kiosk or with a coach."""

    occupation_id: str = Field(description="Catalogus-id van het beroep.")
    label: str = Field(description="De naam van het beroep (Nederlands).")
    uri: str = Field(description="UWV-beroep-URI, of een lokale urn:assistent:lokaal:beroep: id.")
    chosen_at: datetime
    chosen_by: ChosenBy = "holder"


class DevelopmentWish(_Model):
    """An *ontwikkelwens*: one next step the person chose for their direction (at most three)."""

    id: str = Field(default_factory=_id)
    step_id: str = Field(description="Id van de stap: een leeroptie uit de catalogus of een vaste stap.")
    kind: str = Field(
        description="on_the_job, course, part_qualification, certificate, licence of employer_confirmation."
    )
    label: str = Field(description="Wat de persoon gaat doen (Nederlands).")
    skill_ref: str | None = Field(
        default=None, description="De vaardigheid die nog mist, als de stap daarvoor is."
    )
    skill_label: str | None = None
    occupation_id: str = Field(description="Het beroep waar deze stap bij hoort.")
    chosen_at: datetime
    chosen_by: ChosenBy = "holder"


class Standard(_Model):
    """The reference the skill is named in."""

    kind: Literal["competentnl", "sector_catalogue", "esco"]
    uri: str | None = Field(default=None, description="CompetentNL- of ESCO-URI.")
    match: Literal["exact", "close", "broad"] | None = Field(
        default=None,
        description="Bij ESCO: gelijk, bijna gelijk, of een deel van de bredere ESCO-vaardigheid.",
    )
    label: str | None = None
    catalogue_id: str | None = Field(
        default=None, description="Lokale id in de sectorcatalogus, zoals bouw.metselen."
    )
    version: str


class Evidence(_Model):
    text: str = Field(description="De woorden van de persoon waarop deze vaardigheid rust.")
    question_id: str | None = None
    answer_text: str | None = Field(default=None, description="Het hele antwoord waar het bewijs uit komt.")


class Assessment(_Model):
    """One judgement about a skill: by the person, a coach, an employer or an external assessor."""

    assessed_by: AssessedBy
    assessor: str | None = Field(
        default=None, description="Naam van de coach of organisatie; leeg bij de persoon zelf."
    )
    verdict: Literal[Verdict.YES, Verdict.A_LITTLE, "accepted", "rejected", "added", "edited"]
    standard: list[Standard]
    purpose: str
    level: Level
    date: datetime = Field(default_factory=_now)
    evidence: list[Evidence] = Field(default_factory=list)
    note: str | None = None
    confirmed_by: str | None = Field(
        default=None,
        description="Wie het hogere niveau bevestigde (werkgever, beoordelaar), zoals de coach het opschreef; "
        "die partij ondertekende zelf niets.",
    )
    signed_by: str | None = Field(
        default=None,
        description="De did:key van de coach die dit oordeel ondertekende; leeg: niet ondertekend.",
    )
    signature: str | None = Field(
        default=None,
        description="Ed25519-handtekening (base58btc, 'z...') over het oordeel, het paspoort en de vaardigheid.",
    )
    organisation: str | None = Field(
        default=None, description="De organisatie van een werkgever of beoordelaar die zelf tekende."
    )
    role: str | None = Field(default=None, description="De functie van de werkgever die zelf tekende.")
    standard_name: str | None = Field(
        default=None,
        description="Waarmee een beoordelaar toetste: een kwalificatiedossier of de naam van een certificaat.",
    )
    result: str | None = Field(default=None, description="De uitslag die de beoordelaar opschreef.")
    endorsement: dict[str, Any] | None = Field(
        default=None,
        description="De Open Badges 3.0 EndorsementCredential die de werkgever zelf tekende.",
    )
    credential: dict[str, Any] | None = Field(
        default=None,
        description="De Open Badges 3.0 OpenBadgeCredential die een beoordelaar van buiten zelf uitgaf en tekende.",
    )


class Skill(_Model):
    id: str = Field(default_factory=_id)
    ref: str = Field(description="Catalogus-id (sector) of CompetentNL URI.")
    label: str
    source: str = Field(description="'competentnl' of 'sector:<naam>'.")
    competentnl: list[Standard] = Field(default_factory=list)
    status: SkillStatus
    self_rating: SelfRating | None = None
    level: Level = "skillsverklaring"
    confidence: float | None = Field(
        default=None, description="Zekerheid van de automatische herkenning (0-1)."
    )
    provenance: list[Assessment] = Field(min_length=1)


class Note(_Model):
    author: str
    text: str
    date: datetime = Field(default_factory=_now)


class Passport(_Model):
    """A skills passport. The holder owns it; a coach reviews the draft."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    id: str = Field(default_factory=_id)
    session_id: str
    dialogue: str
    language: str = "nl"
    status: Literal["draft", "reviewed"] = Field(
        default="draft",
        description="'reviewed' nadat een coach het vaststelde; elke latere wijziging maakt het weer een concept.",
    )
    reviewed_by: str | None = Field(default=None, description="De coach die het paspoort vaststelde.")
    reviewed_at: datetime | None = Field(default=None, description="Wanneer de coach het vaststelde.")
    created_at: datetime = Field(default_factory=_now)
    updated_at: datetime = Field(default_factory=_now)
    person: Person = Field(default_factory=Person)
    experiences: list[Experience] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    credentials: list[Credential] = Field(
        default_factory=list, description="Diploma's, certificaten, bevoegdheden en cursussen als dingen."
    )
    ambitions: list[Ambition] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    direction: ChosenDirection | None = Field(default=None, description="De gekozen richting, als die er is.")
    development_wishes: list[DevelopmentWish] = Field(
        default_factory=list, description="Ontwikkelwensen: hoogstens drie gekozen volgende stappen."
    )

    def other_language_answers(self) -> list[Experience | Education | Ambition]:
        """Answers typed in another language than Dutch: kept as typed, for the coach to have translated."""
        answers: list[Experience | Education | Ambition] = [
            *self.experiences,
            *self.education,
            *self.ambitions,
        ]
        return [a for a in answers if a.language != "nl"]

    def active_skills(self) -> list[Skill]:
        return [s for s in self.skills if s.status != "rejected"]

    def skill(self, skill_id: str) -> Skill | None:
        return next((s for s in self.skills if s.id == skill_id), None)
