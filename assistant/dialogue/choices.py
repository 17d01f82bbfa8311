"""One choice button of a dialogue question, and the id and text types the dialogue file is written in.

Kept apart from `model` so the answer kinds can build and check choices without importing the questions
that use them.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class Strict(BaseModel):
    """A part of a dialogue file: unknown keys are mistakes, and nothing changes once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(Strict):
    """One big button: its text (a gettext msgid) and a picture name from `pictures.yaml`."""

    id: Slug
    text: Text
    picture: Slug
    skills: list[str] = Field(default_factory=list)
    """Catalogue skill ids this choice stands for; empty means the choice text is matched like typed text."""
    other: bool = False
    """"Something else": a follow-up question asks what, so the button text itself is not kept as content."""
