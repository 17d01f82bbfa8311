"""The holder comes back with a finished passport: a screen to choose what to do (add what is new, see what
changed, look at the passport), and "Wat is er veranderd", the passport's history in plain sentences."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from assistant.i18n import _
from assistant.speech.sentences import speech
from assistant.ui.messages import GoHome
from assistant.ui.spoken_screen import SpokenScreen, button_label


class FollowUpRequested(Message):
    """The holder wants to add new work, a course or a certificate."""


class HistoryRequested(Message):
    """The holder wants to see what changed in the passport."""


class PassportRequested(Message):
    """The holder wants to see the passport as it is now."""


class ReturnScreen(SpokenScreen[None]):
    """Welcome back: three big choices."""

    BINDINGS = [Binding("escape", "home", _("Terug"))]

    def __init__(self, nickname: str | None) -> None:
        super().__init__()
        self.nickname = nickname

    def _title(self) -> str:
        if self.nickname:
            return _("Welkom terug, {name}!").format(name=self.nickname)
        return _("Welkom terug!")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(Content(self._title()), classes="title")
            with Horizontal(classes="tools"):
                yield self.read_aloud_button()
            yield Static(_("Wat wilt u doen?"), classes="question")
            yield Button(
                button_label("➕", _("Iets nieuws toevoegen")), id="add-new", variant="primary", classes="big"
            )
            yield Button(button_label("🕒", _("Wat is er veranderd")), id="history", classes="big")
            yield Button(button_label("📄", _("Mijn paspoort bekijken")), id="view", classes="big")
            yield Static("", id="error", classes="error")
        with Horizontal(id="nav"):
            yield Button(button_label("🏠", _("Klaar")), id="home", classes="nav")

    def on_mount(self) -> None:
        self.query_one("#add-new", Button).focus()

    def spoken_text(self) -> str:
        return speech(
            self._title(),
            _("Wat wilt u doen?"),
            _("Iets nieuws toevoegen"),
            _("Wat is er veranderd"),
            _("Mijn paspoort bekijken"),
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        messages = {
            "add-new": FollowUpRequested,
            "history": HistoryRequested,
            "view": PassportRequested,
            "home": GoHome,
        }
        message = messages.get(event.button.id or "")
        if message is not None:
            self.post_message(message())

    def action_home(self) -> None:
        self.post_message(GoHome())


class HistoryScreen(SpokenScreen[None]):
    """ "Wat is er veranderd": each version of the passport, newest first, with when and by whom."""

    BINDINGS = [Binding("escape", "close", _("Terug"))]

    def __init__(self, lines: list[tuple[str, list[str]]]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(_("Wat is er veranderd"), classes="title")
            with Horizontal(classes="tools"):
                yield self.read_aloud_button()
            yield Static(_("Hier ziet u wat er eerder in uw paspoort stond."), classes="lead")
            for head, sentences in self.lines:
                yield Static(Content(head), classes="question history-head")
                for sentence in sentences:
                    yield Static(Content(f"•  {sentence}"), classes="skill history-line")
        with Horizontal(id="nav"):
            yield Button(button_label("◀", _("Terug")), id="back", classes="nav")

    def on_mount(self) -> None:
        self.query_one("#back", Button).focus()

    def spoken_text(self) -> str:
        told = [part for head, sentences in self.lines[:3] for part in (head, *sentences)]
        return speech(_("Wat is er veranderd"), *told)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "back":
            self.action_close()

    def action_close(self) -> None:
        self.dismiss()
