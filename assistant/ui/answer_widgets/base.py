"""The part of the question screen that belongs to the question's answer kind: its widgets, what number keys
do, and what it sends when the person answers. The screen keeps the question, the tools and Terug,
Weet ik niet and Overslaan."""

from __future__ import annotations

from abc import ABC, abstractmethod

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget

from assistant.dialogue.engine import Answer
from assistant.dialogue.model import Question


class AnswerWidgets(ABC):
    """The widgets one answer kind shows on `screen`, with the person's earlier answer filled in."""

    def __init__(
        self, screen: Screen[None], question: Question, pictures: dict[str, str], previous: Answer | None
    ) -> None:
        self.screen = screen
        self.question = question
        self.pictures = pictures
        self.previous = previous if previous is not None and previous.counts else None

    @abstractmethod
    def compose_body(self) -> ComposeResult:
        """The widgets under the question, in the part of the screen that scrolls."""

    def compose_nav(self) -> ComposeResult:
        """Widgets for the bar at the bottom that is always in view, after the three that are always there."""
        return ()

    @abstractmethod
    def focus(self) -> None:
        """Puts the focus where the person starts answering."""

    def typing_field(self) -> Widget | None:
        """The field the person types the answer into; None for kinds that are answered with buttons."""
        return None

    @abstractmethod
    def submit(self) -> None:
        """Sends the answer as it stands now (Verder, or Enter in a text field)."""

    def pressed(self, button_id: str) -> bool:
        """Handles a press on one of its own buttons; False when the button is not one of them."""
        if button_id == "submit":
            self.submit()
            return True
        return False

    @abstractmethod
    def pick(self, digit: int) -> None:
        """A number key was pressed (on a kind with numbered buttons, it chooses one)."""
