"""Screens for the holder of a finished passport: share parts of it (consent) and erase it all.

Sharing is one screen with big buttons: what, with whom, for what, how long; then a name. Every choice is
shown in words and with a mark, and read aloud. Erasing asks once more, with "Nee, bewaren" chosen first and
in the place where "Alles wissen" was tapped.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Static

from assistant.i18n import _
from assistant.passport.consent import Consent, Part, ReceiverKind
from assistant.passport.consent_words import (
    PART_WORDS,
    PARTS_BY_NAME,
    PERIODS,
    PURPOSES,
    RECEIVER_WORDS,
    RECEIVERS_BY_NAME,
    summary,
)
from assistant.speech.sentences import speech
from assistant.ui.messages import ConsentChosen, ConsentWithdrawn, EraseConfirmed
from assistant.ui.spoken_screen import SpokenScreen, button_label


def _mark(chosen: bool) -> str:
    return "✔" if chosen else "○"


class ShareScreen(SpokenScreen):
    """Who may see what: the holder's consent, recorded only when complete."""

    BINDINGS = [Binding("escape", "close", _("Terug"))]

    def __init__(self, consents: list[Consent]) -> None:
        super().__init__()
        self.consents = [c for c in consents if c.is_valid()]
        self.parts: set[Part] = {"skills"}
        self.receiver_kind: ReceiverKind | None = None
        self.purpose: str | None = None
        self.period: str | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(_("Wie mag wat zien?"), classes="title")
            with Horizontal(classes="tools"):
                yield self.read_aloud_button()
            yield Static(_("U kiest zelf. U kunt het later weer stoppen."), classes="lead")
            if self.consents:
                yield Static(_("Dit deelt u nu:"), classes="question")
                for consent in self.consents:
                    yield Static(Content(summary(consent)), classes="lead")
                    yield Button(
                        button_label("✋", _("Stoppen met delen")), id=f"withdraw-{consent.id}", classes="big"
                    )
            yield from self._options(_("1. Wat wilt u delen?"), "part", PART_WORDS)
            yield from self._options(_("2. Met wie?"), "receiver", RECEIVER_WORDS)
            yield Static(_("3. Wat is de naam?"), classes="question")
            yield Input(
                placeholder=_("Bijvoorbeeld: Bouwbedrijf De Vries"), max_length=200, id="receiver-name"
            )
            yield from self._options(_("4. Waarvoor?"), "purpose", PURPOSES)
            yield from self._options(_("5. Hoe lang?"), "period", PERIODS)
            yield Static("", id="error", classes="error")
            yield Button(button_label("🤝", _("Ja, zo delen")), id="share", variant="primary", classes="big")
        with Horizontal(id="nav"):
            yield Button(button_label("◀", _("Terug")), id="back", classes="nav")

    def _options(self, question: str, kind: str, keys: Iterable[str]) -> ComposeResult:
        """A numbered question with one big button per option; labels and marks are set by `_show_choices`."""
        yield Static(question, classes="question")
        with Vertical(classes="options"):
            for key in keys:
                yield Button("", id=f"{kind}-{key}", classes="big choice")

    def on_mount(self) -> None:
        self._show_choices()
        self.query(".choice").first(Button).focus()

    def _show_choices(self) -> None:
        for part, words in PART_WORDS.items():
            self._set(f"part-{part}", part in self.parts, _(words))
        for kind, words in RECEIVER_WORDS.items():
            self._set(f"receiver-{kind}", kind == self.receiver_kind, _(words))
        for key, words in PURPOSES.items():
            self._set(f"purpose-{key}", key == self.purpose, _(words))
        for key, (words, _days) in PERIODS.items():
            self._set(f"period-{key}", key == self.period, _(words))

    def _set(self, button_id: str, chosen: bool, words: str) -> None:
        button = self.query_one(f"#{button_id}", Button)
        button.label = button_label(_mark(chosen), words)
        button.set_class(chosen, "selected")

    def spoken_text(self) -> str:
        return speech(
            _("Wie mag wat zien?"),
            _("U kiest zelf. U kunt het later weer stoppen."),
            *[summary(c) for c in self.consents],
            _("1. Wat wilt u delen?"),
            *[_(w) for w in PART_WORDS.values()],
            _("2. Met wie?"),
            _("3. Wat is de naam?"),
            _("4. Waarvoor?"),
            _("5. Hoe lang?"),
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        bid = event.button.id or ""
        kind, _dash, value = bid.partition("-")
        if kind == "part" and value in PARTS_BY_NAME:
            self.parts ^= {PARTS_BY_NAME[value]}
        elif kind == "receiver" and value in RECEIVERS_BY_NAME:
            self.receiver_kind = RECEIVERS_BY_NAME[value]
        elif kind == "purpose":
            self.purpose = value
        elif kind == "period":
            self.period = value
        elif kind == "withdraw":
            self.post_message(ConsentWithdrawn(value))
            return
        elif bid == "share":
            self._share()
            return
        elif bid == "back":
            self.action_close()
            return
        else:
            return
        self._show_choices()

    def _share(self) -> None:
        name = self.query_one("#receiver-name", Input).value.strip()
        missing = [
            (not self.parts, _("Kies wat u wilt delen.")),
            (self.receiver_kind is None, _("Kies met wie u deelt.")),
            (not name, _("Vul de naam in.")),
            (self.purpose is None, _("Kies waarvoor.")),
            (self.period is None, _("Kies hoe lang.")),
        ]
        problems = [text for is_missing, text in missing if is_missing]
        if problems:
            self.show_error(problems[0])
            return
        assert self.receiver_kind is not None and self.purpose is not None and self.period is not None
        parts = [p for p in PART_WORDS if p in self.parts]
        self.post_message(
            ConsentChosen(parts, self.receiver_kind, name, PURPOSES[self.purpose], PERIODS[self.period][1])
        )

    def action_close(self) -> None:
        self.dismiss(None)


class EraseScreen(SpokenScreen):
    """One more question before everything is erased; "Nee, bewaren" has the focus."""

    BINDINGS = [Binding("escape", "close", _("Terug"))]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(_("Alles wissen?"), classes="title")
            with Horizontal(classes="tools"):
                yield self.read_aloud_button()
            yield Static(_("Uw paspoort en al uw antwoorden worden gewist."), classes="lead")
            yield Static(_("Dit kan niet terug."), classes="question")
            yield Button(button_label("🗑", _("Ja, alles wissen")), id="erase", variant="error", classes="big")
        # "Nee, bewaren" where "Alles wissen" was on the screen before: a second tap there keeps everything.
        with Horizontal(id="nav"):
            yield Button(button_label("💾", _("Nee, bewaren")), id="keep", variant="primary", classes="nav")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def spoken_text(self) -> str:
        return speech(
            _("Alles wissen?"), _("Uw paspoort en al uw antwoorden worden gewist."), _("Dit kan niet terug.")
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "erase":
            self.post_message(EraseConfirmed())
        elif event.button.id == "keep":
            self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)
