"""The catalogue of learning options (`catalogue/learning.yaml`): ways to learn a skill or get a licence,
each with its kind, length, level and the source that describes it. Ids are local (`leren.<slug>`); no
official course code is invented: a recognised qualification is named as its source names it."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from assistant.errors import DataFileError
from assistant.skills.catalogue import Catalogue, LocalId, PlainText, SkillRef
from assistant.skills.catalogue_files import read_catalogue_file
from assistant.yaml_lines import load_with_lines

LEARNING_FILE = "learning.yaml"

LearningKind = Literal["on_the_job", "course", "part_qualification", "certificate", "licence"]
"""on_the_job: learn it at work (with a colleague, or with an mbo-praktijkverklaring); course: a short course;
part_qualification: a recognised MBO qualification, a whole diploma or a part of one (mbo-certificaat);
certificate: a branch certificate such as VCA; licence: a legal licence or registration such as rijbewijs C,
the taxi driver's card or the Personenregister Kinderopvang."""

Url = Annotated[str, StringConstraints(pattern=r"^https://[^\s]+$", max_length=300)]


class LearningOption(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: LocalId
    label: PlainText
    """Plain Dutch (B1), such as "Cursus heftruck rijden met certificaat"."""
    kind: LearningKind
    length: PlainText
    """How long it takes, in plain words: "1 dag", "ongeveer 6 maanden naast het werk"."""
    level: PlainText | None = None
    """"MBO 2" and the like, when the source gives a level."""
    source: PlainText
    """Who describes or offers it: the organisation's name, as it names itself."""
    source_url: Url | None = None
    teaches: list[SkillRef] = Field(min_length=1)
    """The sector skills or CompetentNL capabilities it teaches or proves."""


class LearningFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    options: list[LearningOption]


class LearningCatalogue(BaseModel):
    model_config = ConfigDict(frozen=True)

    options: dict[str, LearningOption]

    @cached_property
    def by_skill(self) -> dict[str, list[LearningOption]]:
        out: dict[str, list[LearningOption]] = {}
        for option in self.options.values():
            for ref in option.teaches:
                out.setdefault(ref, []).append(option)
        return out

    def for_skill(self, ref: str) -> list[LearningOption]:
        return self.by_skill.get(ref, [])


def load_learning_options(directory: Path, catalogue: Catalogue) -> LearningCatalogue:
    """Reads `learning.yaml` in the catalogue directory and checks every skill and licence it names.

    A missing file gives an empty catalogue: directions still work, they only offer fewer next steps.
    """
    path = directory / LEARNING_FILE
    if not path.exists():
        return LearningCatalogue(options={})
    data = read_catalogue_file(path, LearningFile)
    assert isinstance(data, LearningFile)
    options: dict[str, LearningOption] = {}
    for option in data.options:
        if option.id in options:
            raise DataFileError(
                "E211",
                file=path.name,
                line=_line(path, option.id, last=True),
                item=option.id,
                what="deze id komt twee keer voor",
            )
        for ref in option.teaches:
            if ref not in catalogue.skills:
                raise DataFileError(
                    "E211",
                    file=path.name,
                    line=_line(path, option.id),
                    item=option.id,
                    what=f"vaardigheid '{ref}' bestaat niet",
                )
        options[option.id] = option
    for occupation in catalogue.occupations.values():
        for licence in occupation.licences:
            if licence not in options:
                raise DataFileError(
                    "E211",
                    file=path.name,
                    line=1,
                    item=occupation.id,
                    what=f"bewijs '{licence}' staat niet in {LEARNING_FILE}",
                )
    return LearningCatalogue(options=options)


def _line(path: Path, option_id: str, last: bool = False) -> int:
    """The line where the option `option_id` starts (the last one of that id with `last`), for the error
    message; read again only when there is an error to report."""
    raw = load_with_lines(path)
    found = [
        int(item["__line__"])
        for item in (raw.get("options") or [] if isinstance(raw, dict) else [])
        if isinstance(item, dict) and item.get("id") == option_id
    ]
    if not found:
        return 1
    return found[-1] if last else found[0]
