"""The holder's own screen, opened at "Ik heb een code" with the lasting code (12 digits): see the passport,
add what is new or see what changed (as on the return screen, `ReturnVisits` does both), choose a direction
and next steps ("Wat wilt u hierna?", the end screen's `DirectionScreen`, whose Terug comes back here), say
again whether a coach (and which union's counsellor) may look, hide or show single skills, stop all sharing,
share anew, erase everything (with the one more question of `EraseScreen`). Also the lines of the end screen
that show the lasting code once, with what it is for.

The screen only asks; `assistant.ui.holder_handlers` does each step through `assistant.holder`, which checks
and logs it, and shows the screen again with the new choices.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Digits, Static

from assistant import holder_code, qr_code, resume_code
from assistant.holder_code import TakeAlong
from assistant.i18n import _
from assistant.passport.model import Passport
from assistant.speech.sentences import speech
from assistant.storage.holder_access import HolderChoices
from assistant.ui.direction_screens import DirectionRequested
from assistant.ui.messages import EraseRequested, GoHome, ShareRequested
from assistant.ui.return_screens import FollowUpRequested, HistoryRequested
from assistant.ui.spoken_screen import SpokenScreen, button_label, erase_corner, home_button

#: The union buttons: id, the union as the store keeps it (None: none), and the words (as in the intake).
UNION_BUTTONS = (("fnv", "FNV", "Ja, van de FNV"), ("cnv", "CNV", "Ja, van het CNV"), ("geen", None, "Nee"))


def lasting_code_lines(code: str | None) -> ComposeResult:
    """For the end screen: the lasting code, in groups of four, and what it is for."""
    if code:
        yield Static(_("Uw vaste code. Schrijf hem op:"), classes="lead code-lead")
        yield Digits(holder_code.shown(code), id="holder-code", classes="code")
        yield Static(
            _("Met deze code kunt u later uw paspoort zien. Ook kunt u delen stoppen of alles wissen.")
        )


def lasting_code_spoken(code: str | None) -> list[str]:
    if not code:
        return []
    return [
        _("Uw vaste code. Schrijf hem op:"),
        resume_code.spoken(code),
        _("Met deze code kunt u later uw paspoort zien. Ook kunt u delen stoppen of alles wissen."),
    ]


class CoachChoiceMade(Message):
    """The holder answered "Mag een coach meekijken?" again (and chose a union, or none)."""

    def __init__(self, allowed: bool, union: str | None) -> None:
        super().__init__()
        self.allowed = allowed
        self.union = union


class SkillVisibilityChanged(Message):
    """The holder hid one skill from what is shared, or showed it again."""

    def __init__(self, skill_ref: str, hidden: bool) -> None:
        super().__init__()
        self.skill_ref = skill_ref
        self.hidden = hidden


class HolderScreenBack(Message):
    """The holder's screen is on top again, after a screen over it (sharing, erasing, the code) closed."""


class SharingStopped(Message):
    """The holder chose "Stoppen met delen": every running consent ends now."""


class TakeAlongScreen(SpokenScreen[None]):
    """Right after sharing: the consent's take-along code and its QR code, for the receiver to fetch what
    is shared (on paper, a photo of the screen, or by scanning it)."""

    BINDINGS = [Binding("escape", "close", _("Terug"))]

    def __init__(self, along: TakeAlong, receiver: str) -> None:
        super().__init__()
        self.along = along
        self.receiver = receiver

    def _lead(self) -> str:
        return _("Geef deze code aan {receiver}. Zo kan die zien wat u deelt.").format(receiver=self.receiver)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(_("Uw deelcode"), classes="title")
            with Horizontal(classes="tools"):
                yield self.read_aloud_button()
            yield Static(Content(self._lead()), classes="lead")
            yield Static(self.along.shown, id="share-code", classes="question")
            yield Static("\n".join(qr_code.text_lines(self.along.url)), id="share-qr")
            yield Static(Content(self.along.url), id="share-url")
            yield Button(button_label("✔", _("Verder")), id="close", variant="primary", classes="big")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def spoken_text(self) -> str:
        return speech(_("Uw deelcode"), self._lead(), " ".join(self.along.code))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "close":
            self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)


def _mark(chosen: bool) -> str:
    return "✔" if chosen else "○"


class HolderScreen(SpokenScreen[None]):
    """The finished passport, for its holder: every choice they keep after the visit, on one screen."""

    BINDINGS = [Binding("escape", "home", _("Terug"))]

    def __init__(self, passport: Passport, choices: HolderChoices, sharing: int) -> None:
        super().__init__()
        self.passport = passport
        self.choices = choices
        self.sharing = sharing
        """How many consents are running now."""
        self.seen = False

    def show(self, choices: HolderChoices, sharing: int, passport: Passport | None = None) -> None:
        """Again with new choices (and the passport as it is now, when given: a direction just chosen)."""
        self.choices, self.sharing = choices, sharing
        self.passport = passport or self.passport
        self.refresh(recompose=True)

    def _direction(self) -> list[str]:
        """The direction saved before, in words, so the holder sees it again when they come back."""
        chosen = self.passport.direction
        return [_("Uw richting: {work}.").format(work=_(chosen.label))] if chosen else []

    def _title(self) -> str:
        name = self.passport.person.nickname
        return _("Het paspoort van {name}").format(name=name) if name else _("Uw paspoort")

    def compose(self) -> ComposeResult:
        choices = self.choices
        with VerticalScroll(id="body"):
            yield Static(Content(self._title()), classes="title")
            with Horizontal(classes="tools"):
                yield self.read_aloud_button()
                yield Button(button_label("🤝", _("Delen")), id="share", classes="read-aloud")
            # As on the return screen of a resume code: the same words, and the same handlers behind them.
            yield Button(button_label("➕", _("Iets nieuws toevoegen")), id="add-new", classes="big")
            yield Button(button_label("🕒", _("Wat is er veranderd")), id="history", classes="big")
            yield Button(button_label("🧭", _("Wat wilt u hierna?")), id="directions", classes="big")
            for line in self._direction():
                yield Static(Content(line), id="direction", classes="lead")
            yield Static(_("Mag een coach meekijken?"), classes="question")
            with Vertical(classes="options"):
                yield self._choice("coach-ja", choices.coach_may_look, _("Ja, een coach mag meekijken"))
                yield self._choice("coach-nee", not choices.coach_may_look, _("Nee, liever niet"))
            if choices.coach_may_look:
                yield Static(_("Bent u lid van een vakbond?"), classes="question")
                with Vertical(classes="options"):
                    for key, union, words in UNION_BUTTONS:
                        yield self._choice(f"union-{key}", choices.union == union, _(words))
            skills = self.passport.active_skills()
            if skills:
                yield Static(_("Dit kunt u:"), classes="question")
                yield Static(_("Tik op een skill om die niet meer te delen."), classes="lead")
                with Vertical(classes="options"):
                    for n, skill in enumerate(skills):
                        hidden = skill.ref in choices.hidden
                        words = _("{skill} (niet gedeeld)") if hidden else "{skill}"
                        label = button_label("✖" if hidden else "✔", words.format(skill=_(skill.label)))
                        yield Button(label, id=f"skill-{n}", classes="big choice")
            if self.sharing:
                yield Button(button_label("✋", _("Stoppen met delen")), id="stop-sharing", classes="big")
            yield Static("", id="error", classes="error")
            yield home_button()
        yield erase_corner()

    def _choice(self, button_id: str, chosen: bool, words: str) -> Button:
        return Button(
            button_label(_mark(chosen), words),
            id=button_id,
            classes="big choice selected" if chosen else "big choice",
        )

    def on_mount(self) -> None:
        self.query_one("#done", Button).focus()

    def on_screen_resume(self) -> None:
        if self.seen:  # the first time nothing over it can have changed anything
            self.post_message(HolderScreenBack())
        self.seen = True
        super().on_screen_resume()

    def spoken_text(self) -> str:
        choices = self.choices
        coach = _("Ja, een coach mag meekijken") if choices.coach_may_look else _("Nee, liever niet")
        skills = [_(s.label) for s in self.passport.active_skills() if s.ref not in choices.hidden]
        return speech(
            self._title(),
            _("Iets nieuws toevoegen"),
            _("Wat is er veranderd"),
            _("Wat wilt u hierna?"),
            *self._direction(),
            _("Mag een coach meekijken?"),
            coach,
            _("Dit kunt u:"),
            *skills,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        bid = event.button.id or ""
        skills = self.passport.active_skills()
        if bid in ("coach-ja", "coach-nee"):
            allowed = bid == "coach-ja"
            self.post_message(CoachChoiceMade(allowed, self.choices.union if allowed else None))
        elif bid.startswith("union-"):
            union = next((u for key, u, _w in UNION_BUTTONS if f"union-{key}" == bid), None)
            self.post_message(CoachChoiceMade(True, union))
        elif bid.startswith("skill-") and bid.removeprefix("skill-").isdigit():
            n = int(bid.removeprefix("skill-"))
            if n < len(skills):
                ref = skills[n].ref
                self.post_message(SkillVisibilityChanged(ref, ref not in self.choices.hidden))
        elif bid == "stop-sharing":
            self.post_message(SharingStopped())
        elif bid == "share":
            self.post_message(ShareRequested())
        elif bid == "add-new":
            self.post_message(FollowUpRequested())
        elif bid == "history":
            self.post_message(HistoryRequested())
        elif bid == "directions":
            self.post_message(DirectionRequested())
        elif bid == "erase":
            self.post_message(EraseRequested())
        elif bid == "done":
            self.action_home()

    def action_home(self) -> None:
        self.post_message(GoHome())
