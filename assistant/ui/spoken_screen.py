"""The base of every kiosk screen: read aloud when it appears, with the shared tool buttons (Lees voor, Taal,
Instellingen, Later verder) and an error line that is shown and said. Also the two small helpers the
screens build their buttons and their spoken text with."""

from __future__ import annotations

from typing import TypeVar

from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Static, TextArea

from assistant.i18n import _
from assistant.ui.messages import LanguageRequested, PauseRequested, ReadAloud, SettingsRequested


def button_label(picture: str, text: str) -> Content:
    """A button text with its picture in front (each is already translated)."""
    return Content(f"{picture}  {text}" if picture else text)


def home_button() -> Button:
    """The big "Klaar" button that ends a screen and goes back to the welcome (`#done`)."""
    return Button(
        button_label("🏠", _("Klaar, terug naar het begin")), id="done", variant="primary", classes="big"
    )


def erase_corner() -> Horizontal:
    """ "Alles wissen" alone in the bottom corner (`#erase`), away from Klaar and Delen. The question that
    follows has "Nee, bewaren" in this very place, so a tap twice on the same spot never erases."""
    return Horizontal(
        Static("", classes="spacer"),
        Button(button_label("🗑", _("Alles wissen")), id="erase", classes="nav erase-all"),
        id="nav",
    )


Result = TypeVar("Result")


class SpokenScreen(Screen[Result]):
    """A screen that is read aloud when it appears, and has a "Lees voor" button to hear it again. Most give
    no result (`SpokenScreen[None]`); a question over another screen gives the person's choice."""

    def spoken_text(self) -> str:
        raise NotImplementedError

    def read_aloud_button(self) -> Button:
        return Button(button_label("🔊", _("Lees voor")), id="read-aloud", classes="read-aloud")

    def language_button(self) -> Button:
        return Button(button_label("🌐", _("Taal")), id="language", classes="read-aloud")

    def settings_button(self) -> Button:
        return Button(button_label("⚙", _("Instellingen")), id="settings", classes="read-aloud")

    def pause_button(self) -> Button:
        return Button(button_label("⏸", _("Later verder")), id="pause", classes="read-aloud")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        # Textual also calls this base handler after a screen's own one, for the shared buttons.
        shared = {
            "read-aloud": ReadAloud,
            "language": LanguageRequested,
            "settings": SettingsRequested,
            "pause": PauseRequested,
        }
        message = shared.get(event.button.id or "")
        if message is not None:
            self.post_message(message())
        self.back_to_typing()

    def typing_field(self) -> Widget | None:
        """The field the person types into on this screen, if it has one."""
        return None

    def back_to_typing(self) -> None:
        """Gives the focus back to the typing field: a tap on a button (Verder, a number key on screen, Lees
        voor) would otherwise keep it, and what the person types next would land nowhere."""
        field = self.typing_field()
        if field is not None and self.is_current:
            field.focus()

    def on_screen_resume(self) -> None:
        self._say(self.spoken_text())

    def _say(self, text: str) -> None:
        speak = getattr(self.app, "speak_screen", None)
        if speak is not None:
            speak(text)

    def can_show_errors(self) -> bool:
        return bool(self.query("#error"))

    def show_error(self, message: str) -> None:
        """Shows and says a kind message on the screen's own error line (screens that have one)."""
        error = self.query_one("#error", Static)
        error.update(Content(message))
        error.add_class("visible")
        self._say(message)
        self.back_to_typing()

    def clear_error(self) -> None:
        """Hides the error line: the person is putting it right, and an old message would say they still err."""
        for error in self.query("#error").results(Static):
            error.update("")
            error.remove_class("visible")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.clear_error()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.clear_error()
