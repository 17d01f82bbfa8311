"""The shape of a dialogue file: questions, answer kinds, choices with pictures, and branching rules."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, GetPydanticSchema, PrivateAttr, model_validator
from pydantic_core import core_schema

from assistant.dialogue.answer_kinds import ANSWER_KINDS, answer_kind
from assistant.dialogue.answer_kinds.base import PersonField
from assistant.dialogue.choices import Choice, Slug, Strict, Text

Section = Literal[
    "person", "paid_work", "informal_work", "volunteering", "care", "hobby", "education", "ambition"
]
KindName = Annotated[
    str, GetPydanticSchema(lambda _type, _handler: core_schema.literal_schema(list(ANSWER_KINDS)))
]
"""A name in `ANSWER_KINDS`, checked (and reported when unknown) like a `Literal` of those names."""
END = "end"

#: Sections whose answers are searched for skills unless a question says otherwise.
SKILL_SECTIONS: frozenset[str] = frozenset({"paid_work", "informal_work", "volunteering", "care", "hobby"})


class Rule(Strict):
    """Go to `goto` when every condition holds: `question_id: [accepted answer values]`."""

    when: dict[Slug, list[str]] = Field(default_factory=dict)
    goto: Slug


class Inference(Strict):
    """How a question can be answered from what the person said before, so it is not asked again."""

    rule: Literal["years", "languages"]
    source: list[Slug] = Field(default_factory=list)
    """`years`: the questions whose typed text is read."""
    years: dict[Slug, tuple[float, float]] = Field(default_factory=dict)
    """`years`: choice id -> [from, below) in years."""
    languages: dict[Slug, str] = Field(default_factory=dict)
    """`languages`: choice id -> kiosk language code; those used at the kiosk are chosen already."""

    @model_validator(mode="after")
    def _rule_has_its_data(self) -> Inference:
        if self.rule == "years" and not (self.source and self.years):
            raise ValueError("regel 'years' heeft 'source' en 'years' nodig")
        if self.rule == "languages" and not self.languages:
            raise ValueError("regel 'languages' heeft 'languages' nodig")
        return self


class Question(Strict):
    id: Slug
    section: Section
    text: Text
    help: Text | None = None
    placeholder: Text | None = None
    kind: KindName
    choices: list[Choice] = Field(default_factory=list)
    next: Slug | list[Rule]
    map_skills: bool | None = None
    stores_as: PersonField | None = None
    """Where a person-section answer goes in the passport."""
    infer: Inference | None = None
    """How an earlier answer can answer this question (see `known_answers`)."""

    @model_validator(mode="after")
    def _choices_fit_kind(self) -> Question:
        answer_kind(self.kind).check_definition(self.choices)
        ids = [c.id for c in self.choices]
        if len(ids) != len(set(ids)):
            raise ValueError("twee keuzes hebben dezelfde id")
        if self.infer is not None:
            unknown = (set(self.infer.years) | set(self.infer.languages)) - set(ids)
            if unknown:
                raise ValueError(f"infer noemt keuzes die niet bestaan: {', '.join(sorted(unknown))}")
        if isinstance(self.next, list):
            if not self.next:
                raise ValueError("next is een lege lijst")
            if self.next[-1].when:
                raise ValueError("de laatste regel van next moet zonder 'when' zijn (de standaard)")
        return self

    @property
    def options(self) -> list[Choice]:
        """The buttons to show; a yes/no question gets Ja / Een beetje / Nee."""
        return answer_kind(self.kind).options(self.choices)

    @property
    def looks_for_skills(self) -> bool:
        if self.map_skills is not None:
            return self.map_skills
        return self.section in SKILL_SECTIONS

    def option_ids(self) -> set[str]:
        return {c.id for c in self.options}


class Dialogue(Strict):
    id: Slug
    version: int = Field(ge=1)
    start: Slug
    questions: list[Question] = Field(min_length=1)

    _index: dict[str, Question] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object, /) -> None:
        self._index = {q.id: q for q in self.questions}

    def question(self, question_id: str) -> Question:
        return self._index[question_id]

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._index
