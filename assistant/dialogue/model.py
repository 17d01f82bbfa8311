"""The shape of a dialogue file: questions, answer kinds, choices with pictures, and branching rules."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, model_validator

from assistant.i18n import N_

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]

Section = Literal[
    "person", "paid_work", "informal_work", "volunteering", "care", "hobby", "education", "ambition"
]
AnswerKind = Literal["text", "choice", "multi", "yes_no"]
END = "end"

#: Sections whose answers are searched for skills unless a question says otherwise.
SKILL_SECTIONS: frozenset[str] = frozenset({"paid_work", "informal_work", "volunteering", "care", "hobby"})

YES, A_LITTLE, NO = "ja", "beetje", "nee"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    """One big button: its text (a gettext msgid) and a picture name from `pictures.yaml`."""

    id: Slug
    text: Text
    picture: Slug
    skills: list[str] = Field(default_factory=list)
    """Catalogue skill ids this choice stands for; empty means the choice text is matched like typed text."""
    other: bool = False
    """"Something else": a follow-up question asks what, so the button text itself is not kept as content."""


class Rule(_Strict):
    """Go to `goto` when every condition holds: `question_id: [accepted answer values]`."""

    when: dict[Slug, list[str]] = Field(default_factory=dict)
    goto: Slug


class Inference(_Strict):
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


class Question(_Strict):
    id: Slug
    section: Section
    text: Text
    help: Text | None = None
    placeholder: Text | None = None
    kind: AnswerKind
    choices: list[Choice] = Field(default_factory=list)
    next: Slug | list[Rule]
    map_skills: bool | None = None
    stores_as: Literal["nickname", "languages"] | None = None
    """Where a person-section answer goes in the passport."""
    infer: Inference | None = None
    """How an earlier answer can answer this question (see `known_answers`)."""

    @model_validator(mode="after")
    def _choices_fit_kind(self) -> Question:
        if self.kind in ("choice", "multi") and len(self.choices) < 2:
            raise ValueError("een keuzevraag heeft minstens 2 keuzes nodig")
        if self.kind in ("text", "yes_no") and self.choices:
            raise ValueError(f"een vraag van soort '{self.kind}' heeft geen keuzes")
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
        if self.kind == "yes_no":
            return YES_NO_CHOICES
        return list(self.choices)

    @property
    def looks_for_skills(self) -> bool:
        if self.map_skills is not None:
            return self.map_skills
        return self.section in SKILL_SECTIONS

    def option_ids(self) -> set[str]:
        return {c.id for c in self.options}


YES_NO_CHOICES: list[Choice] = [
    Choice(id=YES, text=N_("Ja"), picture="ja"),
    Choice(id=A_LITTLE, text=N_("Een beetje"), picture="beetje"),
    Choice(id=NO, text=N_("Nee"), picture="nee"),
]


class Dialogue(_Strict):
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
