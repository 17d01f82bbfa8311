"""The next steps towards a chosen occupation, at the kiosk: the steps (licences first), each with its kind,
length and level in plain words; the person ticks at most three (a fourth is refused kindly, E640, and the
three stay ticked) and presses Opslaan. Then a screen reads back what was saved, with its date.

The screens only ask; `assistant.ui.direction_handlers` saves the choice in the passport.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from assistant.development.direction import Direction
from assistant.development.next_steps import MAX_CHOSEN_STEPS, NextStep, step_key
from assistant.errors import InputError
from assistant.i18n import _
from assistant.passport.history import day
from assistant.passport.model import Passport
from assistant.speech.sentences import speech
from assistant.ui.direction_words import dots_spoken, step_details, step_purpose, step_spoken
from assistant.ui.messages import GoHome
from assistant.ui.more_below import MoreBelow
from assistant.ui.spoken_screen import SpokenScreen, button_label, home_button


class StepsChosen(Message):
    """The holder pressed Opslaan: save the direction and the ticked steps in the passport."""

    def __init__(self, direction: Direction, step_keys: list[str]) -> None:
        super().__init__()
        self.direction = direction
        self.step_keys = step_keys


def _lead() -> str:
    return _("Wat wilt u gaan doen? Kies hoogstens {limit} stappen.").format(limit=MAX_CHOSEN_STEPS)


def _no_steps() -> str:
    return _("Voor dit werk mist u niets. U kunt het zo opslaan.")


def _mark(ticked: bool) -> str:
    return "✔" if ticked else "☐"


class StepsScreen(SpokenScreen[list[str]]):
    """The steps towards one occupation, to tick; gives the ticked step keys back on Terug."""

    BINDINGS = [Binding("escape", "back", _("Terug"))]

    def __init__(self, direction: Direction, steps: list[NextStep], ticked: list[str]) -> None:
        super().__init__()
        self.direction = direction
        self.steps = steps
        offered = {step_key(s) for s in steps}
        self.ticked = [key for key in ticked if key in offered][:MAX_CHOSEN_STEPS]

    def _title(self) -> str:
        return _("Op weg naar: {work}").format(work=_(self.direction.label))

    def _count(self) -> str:
        return _("Gekozen: {count} van de {limit}.").format(count=len(self.ticked), limit=MAX_CHOSEN_STEPS)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(Content(self._title()), classes="title")
            with Horizontal(classes="tools"):
                yield self.read_aloud_button()
                yield self.language_button()
            yield Static(Content(self.direction.dots_picture), classes="lead dots")
            yield Static(_lead() if self.steps else _no_steps(), classes="lead")
            for n, step in enumerate(self.steps):
                yield Button(self._label(step), id=f"step-{n}", classes=self._button_classes(step))
                yield Static(Content(step_details(step)), classes="skill step-details")
                yield Static(Content(step_purpose(step)), classes="skill step-purpose")
            yield Static(self._count(), id="chosen-count", classes="question")
            yield Static("", id="error", classes="error")
        yield MoreBelow(_("▼ Er staat meer onder"), "body")
        with Horizontal(id="nav"):
            yield Button(button_label("◀", _("Terug")), id="back", classes="nav")
            yield Button(button_label("💾", _("Opslaan")), id="save", variant="primary", classes="nav")

    def _label(self, step: NextStep) -> Content:
        return button_label(_mark(step_key(step) in self.ticked), _(step.label))

    def _button_classes(self, step: NextStep) -> str:
        return "big choice selected" if step_key(step) in self.ticked else "big choice"

    def on_mount(self) -> None:
        first = self.query("#step-0")
        (first.first() if first else self.query_one("#save")).focus()

    def spoken_text(self) -> str:
        steps = [step_spoken(s) for s in self.steps]
        return speech(
            self._title(),
            dots_spoken(self.direction),
            _lead() if self.steps else _no_steps(),
            *steps,
            self._count(),
        )

    def toggle(self, n: int) -> None:
        """Ticks or unticks step `n`; a tick beyond the limit is refused with a kind message, nothing lost."""
        step = self.steps[n]
        key = step_key(step)
        if key in self.ticked:
            self.ticked.remove(key)
        elif len(self.ticked) >= MAX_CHOSEN_STEPS:
            self.show_error(InputError("E640", limit=MAX_CHOSEN_STEPS).person_message())
            return
        else:
            self.ticked.append(key)
        self.clear_error()
        button = self.query_one(f"#step-{n}", Button)
        button.label = self._label(step)
        button.set_class(key in self.ticked, "selected")
        self.query_one("#chosen-count", Static).update(self._count())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        bid = event.button.id or ""
        number = bid.removeprefix("step-")
        if bid.startswith("step-") and number.isdigit() and int(number) < len(self.steps):
            self.toggle(int(number))
        elif bid == "save":
            self.post_message(StepsChosen(self.direction, list(self.ticked)))
        elif bid == "back":
            self.action_back()

    def action_back(self) -> None:
        self.dismiss(list(self.ticked))


class DirectionSavedScreen(SpokenScreen[None]):
    """What is now in the passport: the direction and the chosen steps, with the date they were saved."""

    BINDINGS = [Binding("escape", "back", _("Terug"))]

    def __init__(self, passport: Passport) -> None:
        super().__init__()
        self.passport = passport

    def _when(self) -> str:
        chosen = self.passport.direction
        moment = chosen.chosen_at if chosen is not None else self.passport.updated_at
        return _("Dit staat nu in uw paspoort. Opgeslagen op {date}.").format(date=day(moment))

    def _work(self) -> str:
        chosen = self.passport.direction
        return _("Uw richting: {work}.").format(work=_(chosen.label) if chosen else "-")

    def _steps(self) -> list[str]:
        return [
            _("{step}, voor: {skill}").format(step=_(w.label), skill=_(w.skill_label))
            if w.skill_label
            else _(w.label)
            for w in self.passport.development_wishes
        ]

    def _steps_lead(self) -> str:
        return (
            _("Uw volgende stappen:") if self.passport.development_wishes else _("U koos nog geen stappen.")
        )

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(_("Opgeslagen"), classes="title")
            with Horizontal(classes="tools"):
                yield self.read_aloud_button()
            yield Static(Content(self._when()), classes="lead")
            yield Static(Content(self._work()), classes="question")
            yield Static(self._steps_lead(), classes="question")
            for line in self._steps():
                yield Static(Content(f"✔  {line}"), classes="skill wish")
            yield home_button()
        with Horizontal(id="nav"):
            yield Button(button_label("◀", _("Terug")), id="back", classes="nav")

    def on_mount(self) -> None:
        self.query_one("#done", Button).focus()

    def spoken_text(self) -> str:
        return speech(_("Opgeslagen"), self._when(), self._work(), self._steps_lead(), *self._steps())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "done":
            self.post_message(GoHome())
        elif event.button.id == "back":
            self.action_back()

    def action_back(self) -> None:
        self.dismiss(None)
