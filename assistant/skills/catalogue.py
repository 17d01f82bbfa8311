"""The bundled, project-authored catalogue: sector skills, occupations and plain phrases for CompetentNL capabilities.

Each sector file in `catalogue/sectors/` holds plain-Dutch skills, each linked to the CompetentNL human
capability it refines (real URI and label, cited from the CompetentNL extract), and the occupations that
carry those skills. `capabilities.yaml` gives CompetentNL capabilities with the everyday words people use
for them. All ids here are local (`<sector>.<slug>`); only `uri` fields are official identifiers.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from assistant.errors import DataFileError
from assistant.skills.catalogue_files import read_catalogue_file
from assistant.skills.other_languages import read_other_languages

CNL_CAPABILITY_PREFIX = "https://linkeddata.competentnl.nl/id/humancapability/"
UWV_OCCUPATION_PREFIX = "https://linkeddata.competentnl.nl/uwv/id/occupation/"
LOCAL_OCCUPATION_PREFIX = "urn:assistent:lokaal:beroep:"
#: The CompetentNL extract the cited URIs and labels come from (no official version number is published).
COMPETENTNL_VERSION = "CompetentNL SPARQL-synchronisatie 2025-12-26"
CATALOGUE_VERSION = "1"

LocalId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z0-9_]+$")]
Term = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=2, max_length=60)]
PlainText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
CapabilityUri = Annotated[
    str, StringConstraints(pattern=r"^https://linkeddata\.competentnl\.nl/id/humancapability/[0-9A-F]{10}$")
]
#: What an occupation may list as one of its skills: a sector skill or a CompetentNL capability.
SkillRef = LocalId | CapabilityUri


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ConceptRef(_Strict):
    """A concept in an official taxonomy, cited by its real URI and label."""

    uri: Annotated[
        str,
        StringConstraints(pattern=r"^https://linkeddata\.competentnl\.nl/id/humancapability/[0-9A-F]{10}$"),
    ]
    label: PlainText


class EscoRef(_Strict):
    """An ESCO skill with a Dutch label that the sector skill matches, cited by its real URI and label."""

    uri: Annotated[str, StringConstraints(pattern=r"^http://data\.europa\.eu/esco/skill/[0-9a-f-]{36}$")]
    label: PlainText
    match: Literal["exact", "close", "broad"]
    """How the sector skill relates to it (SKOS): the same, nearly the same, or a part of the wider ESCO skill."""


class SaidWith(_Strict):
    """What else must be said for this skill to be meant: a skill of `sector` (or one of `sector_words`)
    and one of `words`. Washing someone, said together with "mijn moeder", is caring for a family member;
    so is "mijn broer had kanker"."""

    sector: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    words: list[Term] = Field(min_length=1)
    sector_words: list[Term] = Field(default_factory=list)
    """Words that stand for the sector's work here: someone who is ill needs care."""


class SectorSkill(_Strict):
    id: LocalId
    label: PlainText
    statement: PlainText
    terms: list[Term] = Field(min_length=1)
    competentnl: list[ConceptRef] = Field(default_factory=list)
    esco: list[EscoRef] = Field(default_factory=list)
    said_with: SaidWith | None = None
    everywhere: bool = False
    """Done in every sector (shift work, lifting, packing): the sector a person chose says nothing about it."""


class Occupation(_Strict):
    id: LocalId
    label: PlainText
    uwv_uri: (
        Annotated[
            str,
            StringConstraints(
                pattern=r"^https://linkeddata\.competentnl\.nl/uwv/id/occupation/[0-9A-F]{10}$"
            ),
        ]
        | None
    ) = None
    terms: list[Term] = Field(min_length=1)
    skills: list[SkillRef] = Field(default_factory=list)
    """The essential skills: sector skill ids or CompetentNL capability URIs, most typical first."""
    optional: list[SkillRef] = Field(default_factory=list)
    """Skills that help in this work but are not always needed."""
    licences: list[LocalId] = Field(default_factory=list)
    """Learning options (`learning.yaml`) of kind licence or certificate that this work asks for by law or
    custom, such as a forklift certificate or VCA."""

    @property
    def uri(self) -> str:
        """The UWV occupation URI, or a clearly local one when no official occupation fits."""
        return self.uwv_uri or LOCAL_OCCUPATION_PREFIX + self.id


class SectorFile(_Strict):
    sector: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    label: PlainText
    terms: list[Term] = Field(default_factory=list)
    occupations: list[Occupation] = Field(default_factory=list)
    skills: list[SectorSkill] = Field(min_length=1)


class Capability(_Strict):
    uri: Annotated[
        str,
        StringConstraints(pattern=r"^https://linkeddata\.competentnl\.nl/id/humancapability/[0-9A-F]{10}$"),
    ]
    label: PlainText
    plain: PlainText
    statement: PlainText
    terms: list[Term] = Field(min_length=1)


class CapabilitiesFile(_Strict):
    capabilities: list[Capability]


class SkillConcept(_Strict):
    """Anything the matcher can propose: a sector skill or a CompetentNL capability, in one shape."""

    id: str
    label: str
    statement: str
    source: str
    """"competentnl" or "sector:<name>"."""
    sector: str | None
    terms: tuple[str, ...]
    competentnl: tuple[ConceptRef, ...]
    esco: tuple[EscoRef, ...] = ()
    said_with: SaidWith | None = None
    everywhere: bool = False
    other_language_terms: tuple[str, ...] = ()
    """What people type for it in the kiosk's other languages (`other_languages/*.yaml`)."""


class OccupationConcept(_Strict):
    id: str
    uri: str
    label: str
    sector: str
    terms: tuple[str, ...]
    skills: tuple[str, ...]
    """Essential skills, most typical first."""
    optional: tuple[str, ...] = ()
    licences: tuple[str, ...] = ()


class Catalogue(BaseModel):
    """Everything the matcher knows, indexed by id."""

    model_config = ConfigDict(frozen=True)

    skills: dict[str, SkillConcept]
    occupations: dict[str, OccupationConcept]
    sectors: dict[str, str]
    """Sector id to its plain label."""
    sector_terms: dict[str, tuple[str, ...]]

    @cached_property
    def skills_by_sector(self) -> dict[str, list[SkillConcept]]:
        out: dict[str, list[SkillConcept]] = {}
        for skill in self.skills.values():
            out.setdefault(skill.sector or "", []).append(skill)
        return out

    @cached_property
    def said_with_skills(self) -> list[SkillConcept]:
        """The skills with a `said_with` rule, looked at for every answer."""
        return [skill for skill in self.skills.values() if skill.said_with is not None]

    def skill(self, skill_id: str) -> SkillConcept:
        return self.skills[skill_id]


def load_catalogue(directory: Path) -> Catalogue:
    """Reads and cross-checks every sector file and `capabilities.yaml` in `directory`."""
    skills: dict[str, SkillConcept] = {}
    occupations: dict[str, OccupationConcept] = {}
    sectors: dict[str, str] = {}
    sector_terms: dict[str, tuple[str, ...]] = {}
    pending_refs: list[tuple[str, Occupation]] = []
    pending_sectors: list[tuple[str, str, str]] = []

    for path in sorted((directory / "sectors").glob("*.yaml")):
        data = read_catalogue_file(path, SectorFile)
        assert isinstance(data, SectorFile)
        if data.sector in sectors:
            raise DataFileError(
                "E211", file=path.name, line=1, item=data.sector, what="deze sector bestaat al"
            )
        sectors[data.sector] = data.label
        sector_terms[data.sector] = tuple(data.terms)
        for s in data.skills:
            if s.id in skills:
                raise DataFileError(
                    "E211", file=path.name, line=1, item=s.id, what="deze id komt twee keer voor"
                )
            skills[s.id] = SkillConcept(
                id=s.id,
                label=s.label,
                statement=s.statement,
                source=f"sector:{data.sector}",
                sector=data.sector,
                terms=tuple(s.terms),
                competentnl=tuple(s.competentnl),
                esco=tuple(s.esco),
                said_with=s.said_with,
                everywhere=s.everywhere,
            )
            if s.said_with is not None:
                pending_sectors.append((path.name, s.id, s.said_with.sector))
        for o in data.occupations:
            if o.id in occupations:
                raise DataFileError(
                    "E211", file=path.name, line=1, item=o.id, what="deze id komt twee keer voor"
                )
            occupations[o.id] = OccupationConcept(
                id=o.id,
                uri=o.uri,
                label=o.label,
                sector=data.sector,
                terms=tuple(o.terms),
                skills=tuple(o.skills),
                optional=tuple(o.optional),
                licences=tuple(o.licences),
            )
            pending_refs.append((path.name, o))

    cap_path = directory / "capabilities.yaml"
    if cap_path.exists():
        caps = read_catalogue_file(cap_path, CapabilitiesFile)
        assert isinstance(caps, CapabilitiesFile)
        for c in caps.capabilities:
            concept = ConceptRef(uri=c.uri, label=c.label)
            skills[c.uri] = SkillConcept(
                id=c.uri,
                label=c.plain,
                statement=c.statement,
                source="competentnl",
                sector=None,
                terms=tuple(c.terms),
                competentnl=(concept,),
            )
    # Checked after the capabilities are read: an occupation may list a CompetentNL capability as a skill.
    for file_name, occ in pending_refs:
        for ref in [*occ.skills, *occ.optional]:
            if ref not in skills:
                raise DataFileError(
                    "E211", file=file_name, line=1, item=occ.id, what=f"vaardigheid '{ref}' bestaat niet"
                )
    for file_name, skill_id, sector in pending_sectors:
        if sector not in sectors:
            raise DataFileError(
                "E211", file=file_name, line=1, item=skill_id, what=f"sector '{sector}' bestaat niet"
            )
    for skill_id, words in read_other_languages(directory / "other_languages", set(skills)).items():
        skills[skill_id] = skills[skill_id].model_copy(update={"other_language_terms": words})
    return Catalogue(skills=skills, occupations=occupations, sectors=sectors, sector_terms=sector_terms)
