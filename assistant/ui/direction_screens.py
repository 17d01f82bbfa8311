""" "Wat wilt u hierna?": the kiosk screen after the passport is saved where the person (or the worker beside
them) chooses a direction. It shows the occupations that fit, each with filled dots for how close it is and,
in plain words, the skills the person has for it, almost has ("bijna") and still misses; and a field to type
any occupation name, misspellings and all. The work chosen before (`saved`) is ticked and named above the
list, so a holder who comes back sees it again.

The screen only asks; `assistant.ui.direction_handlers` computes the directions, searches typed names and
opens the next-step screen (`assistant.ui.step_screens`). What the person typed, found and ticked is kept
on this screen, so Terug from the next steps, or another language, loses nothing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Static

from assistant.development.direction import Direction
from assistant.development.learning_options import LearningCatalogue
from assistant.i18n import _
from assistant.speech.sentences import speech
from assistant.ui.direction_words import direction_spoken, need_lines
from assistant.ui.more_below import MoreBelow
from assistant.ui.spoken_screen import SpokenScreen, button_label


class DirectionRequested(Message):
    """The holder pressed "Wat wilt u hierna?" on the end screen or on their own screen."""


class OccupationSearched(Message):
    """The holder typed the name of an occupation and pressed Zoeken (or enter)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class DirectionPicked(Message):
    """The holder chose one occupation: show the next steps towards it."""

    def __init__(self, direction: Direction) -> None:
        super().__init__()
        self.direction = direction


def _title() -> str:
    return _("Wat wilt u hierna?")


def _lead(fits: list[Direction]) -> str:
    if fits:
        return _("Dit werk past bij wat u al kunt. Hoe meer bolletjes, hoe beter het past.")
    return _("We vinden nog geen werk dat past bij wat u kunt. Typ hieronder een beroep.")


def _ask() -> str:
    return _("Ander werk? Typ de naam van een beroep:")


def _found_lead() -> str:
    return _("Dit vonden we:")


class DirectionScreen(SpokenScreen[None]):
    """The occupations that fit, a field to type another one, and Terug."""

    BINDINGS = [Binding("escape", "back", _("Terug"))]

    def __init__(self, fits: list[Direction], learning: LearningCatalogue, saved: str | None = None) -> None:
        super().__init__()
        self.fits = fits
        self.learning = learning
        self.saved = saved
        """The occupation id of the direction saved in the passport before, if any."""
        self.typed = ""
        """What the person typed in the field, kept through a new language and Terug."""
        self.found: list[Direction] = []
        """The occupations found for what was typed."""
        self.ticks: dict[str, list[str]] = {}
        """Per occupation id, the steps ticked on its next-step screen before Terug."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(_title(), classes="title")
            with Horizontal(classes="tools"):
                yield self.read_aloud_button()
                yield self.language_button()
            yield Static(_lead(self.fits), classes="lead")
            for line in self._saved_line():
                yield Static(Content(line), id="saved-direction", classes="question")
            for n, direction in enumerate(self.fits):
                yield from self._block(f"fit-{n}", direction)
            yield Static(_ask(), classes="question")
            with Horizontal(id="occupation-row"):
                yield Input(
                    self.typed, placeholder=_("Bijvoorbeeld: kok"), id="occupation-search", max_length=80
                )
                yield Button(button_label("🔍", _("Zoeken")), id="search", classes="search")
            yield Static("", id="error", classes="error")
            with Vertical(id="found", classes="options"):
                if self.found:
                    yield Static(_found_lead(), classes="question")
                for n, direction in enumerate(self.found):
                    yield from self._block(f"found-{n}", direction)
        yield MoreBelow(_("▼ Er staat meer onder"), "body")
        with Horizontal(id="nav"):
            yield Button(button_label("◀", _("Terug")), id="back", classes="nav")

    def _block(self, button_id: str, direction: Direction) -> ComposeResult:
        mark = "✔ " if direction.occupation_id == self.saved else ""
        label = Content(f"{direction.dots_picture}  {mark}{_(direction.label)}")
        yield Button(label, id=button_id, classes="big choice direction")
        # One widget for all of an occupation's lines: every widget costs layout time, and the screen has to
        # appear within 200 ms of the tap.
        yield Static(Content("\n".join(need_lines(direction, self.learning))), classes="skill need")

    def on_mount(self) -> None:
        first = self.query("#fit-0")
        (first.first() if first else self.query_one("#occupation-search")).focus()

    def _saved_line(self) -> list[str]:
        saved = next((d for d in self.fits + self.found if d.occupation_id == self.saved), None)
        return [_("Uw richting: {work}.").format(work=_(saved.label))] if saved else []

    def typing_field(self) -> Input:
        return self.query_one("#occupation-search", Input)

    def back_to_typing(self) -> None:
        # Only after a tap on Zoeken or Lees voor while typing; a tap on an occupation keeps its focus.
        if self.typed:
            super().back_to_typing()

    def spoken_text(self) -> str:
        told = [part for d in self.fits for part in direction_spoken(d, self.learning)]
        return speech(_title(), _lead(self.fits), *self._saved_line(), *told, *self._found_spoken(), _ask())

    def _found_spoken(self) -> list[str]:
        if not self.found:
            return []
        return [_found_lead(), *(p for d in self.found for p in direction_spoken(d, self.learning))]

    def show_found(self, found: list[Direction]) -> None:
        """The occupations found for the typed name, under the field; said aloud when reading is on."""
        self.found = found
        self.refresh(recompose=True)
        self.call_after_refresh(self._focus_found)
        self._say(speech(*self._found_spoken()))

    def _focus_found(self) -> None:
        found = self.query("#found-0")
        if found:
            widget = found.first()
            widget.focus()
            self.query_one("#body", VerticalScroll).scroll_to_widget(widget, animate=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.typed = event.value
        super().on_input_changed(event)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.post_message(OccupationSearched(event.value))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        bid = event.button.id or ""
        if bid == "search":
            self.post_message(OccupationSearched(self.typed))
        elif bid == "back":
            self.action_back()
        else:
            picked = self._picked(bid)
            if picked is not None:
                self.post_message(DirectionPicked(picked))

    def _picked(self, bid: str) -> Direction | None:
        for prefix, shown in (("fit-", self.fits), ("found-", self.found)):
            number = bid.removeprefix(prefix)
            if bid.startswith(prefix) and number.isdigit() and int(number) < len(shown):
                return shown[int(number)]
        return None

    def action_back(self) -> None:
        self.dismiss(None)
