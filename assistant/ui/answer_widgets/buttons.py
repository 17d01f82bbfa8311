"""Numbered buttons with pictures, the shape every button kind shares: choosing by touch or by number key,
and sending the chosen buttons in the order they are shown."""

from __future__ import annotations

from abc import abstractmethod

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button

from assistant.dialogue.engine import Answer
from assistant.dialogue.model import Question
from assistant.i18n import _
from assistant.ui.answer_widgets.base import AnswerWidgets
from assistant.ui.messages import Answered
from assistant.ui.spoken_screen import button_label
from assistant.ui.verdicts import VERDICT_PICTURES

#: How long "1" waits for a second digit on a question with 10 or more choices.
PICK_WAIT_SECONDS = 0.8


class ChoiceButtons(AnswerWidgets):
    """One big numbered button per option; the person's earlier choices show as selected."""

    def __init__(
        self, screen: Screen[None], question: Question, pictures: dict[str, str], previous: Answer | None
    ) -> None:
        super().__init__(screen, question, pictures, previous)
        self.selected: set[str] = set(self.previous.values) if self.previous else set()
        self._typed = 0
        self._pick_timer: Timer | None = None

    @abstractmethod
    def choose(self, choice_id: str) -> None:
        """The person touched (or typed the number of) one button."""

    def mark(self, chosen: bool) -> str:
        """Put before a button's picture: a chosen button shows a tick, so it is seen without colour too."""
        return "✔" if chosen else ""

    def compose_body(self) -> ComposeResult:
        with Vertical(id="choices"):
            for choice in self.question.options:
                button = Button("", id=f"choice-{choice.id}", classes="big choice")
                self._show(button, choice.id)
                yield button

    def _show(self, button: Button, choice_id: str) -> None:
        """The button's words, picture and mark, and its colour, as chosen or not."""
        n, choice = next((n, c) for n, c in enumerate(self.question.options, start=1) if c.id == choice_id)
        picture = self.pictures.get(choice.picture, VERDICT_PICTURES.get(choice.picture, ""))
        chosen = choice_id in self.selected
        button.label = button_label(f"{self.mark(chosen)} {picture}".strip(), f"{n}. {_(choice.text)}")
        button.set_class(chosen, "selected")

    def show_chosen(self, choice_id: str) -> None:
        self._show(self.screen.query_one(f"#choice-{choice_id}", Button), choice_id)

    def focus(self) -> None:
        self.screen.query(".choice").first(Button).focus()

    def submit(self) -> None:
        order = [c.id for c in self.question.options]
        self.screen.post_message(Answered(values=[c for c in order if c in self.selected]))

    def pressed(self, button_id: str) -> bool:
        if button_id.startswith("choice-"):
            self.choose(button_id.removeprefix("choice-"))
            return True
        return super().pressed(button_id)

    def pick(self, digit: int) -> None:
        """Number keys choose: with 10 or more choices, "1" waits a moment for a second digit (10, 11)."""
        count = len(self.question.options)
        if self._pick_timer is not None:
            self._pick_timer.stop()
            self._pick_timer = None
        number = self._typed * 10 + digit
        if number > count:
            number = digit
        self._typed = 0
        if not 1 <= number <= count:
            return
        if number * 10 <= count:
            self._typed = number
            self._pick_timer = self.screen.set_timer(PICK_WAIT_SECONDS, self._pick_typed)
            return
        self.choose(self.question.options[number - 1].id)

    def _pick_typed(self) -> None:
        number, self._typed, self._pick_timer = self._typed, 0, None
        if number:
            self.choose(self.question.options[number - 1].id)
