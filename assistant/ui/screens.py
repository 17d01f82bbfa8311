"""The kiosk screens: welcome, one question, one skill to confirm, the end, and the small screens around
them (language, settings, resume code, idle warning, personal data)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Digits, Input, Label, ProgressBar, Static

from assistant import resume_code
from assistant.dialogue.engine import Answer
from assistant.dialogue.model import Question
from assistant.i18n import _
from assistant.interview.records import Proposal
from assistant.interview_length import WELCOME_MINUTES
from assistant.passport.model import Passport
from assistant.personal_data import NAMES as PERSONAL_NAMES
from assistant.ui.messages import (
    Answered,
    CodeRequested,
    Confirmed,
    DontKnow,
    EraseRequested,
    GoHome,
    LanguageChosen,
    LanguageRequested,
    PauseRequested,
    ReadAloud,
    SettingsRequested,
    ShareRequested,
    Skipped,
    StartRequested,
    WentBack,
)


def _label(picture: str, text: str) -> Content:
    return Content(f"{picture}  {text}" if picture else text)


def _duration() -> str:
    """How long the interview takes, as measured on whole interviews (see `assistant.interview_length`)."""
    return _("Het duurt ongeveer {minutes} minuten.").format(minutes=WELCOME_MINUTES)


def _spoken(*parts: str) -> str:
    """Sentences to read aloud one after the other (each is already translated)."""
    return " ".join(p.strip() for p in parts if p and p.strip())


class SpokenScreen(Screen[None]):
    """A screen that is read aloud when it appears, and has a "Lees voor" button to hear it again."""

    def spoken_text(self) -> str:
        raise NotImplementedError

    def read_aloud_button(self) -> Button:
        return Button(_label("🔊", _("Lees voor")), id="read-aloud", classes="read-aloud")

    def language_button(self) -> Button:
        return Button(_label("🌐", _("Taal")), id="language", classes="read-aloud")

    def settings_button(self) -> Button:
        return Button(_label("⚙", _("Instellingen")), id="settings", classes="read-aloud")

    def pause_button(self) -> Button:
        return Button(_label("⏸", _("Later verder")), id="pause", classes="read-aloud")

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


class WelcomeScreen(SpokenScreen):
    """Shows nothing of any earlier person; offers to go on when an interview was left unfinished."""

    def __init__(self, unfinished_session: str | None = None) -> None:
        super().__init__()
        self.unfinished_session = unfinished_session

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):
            yield Static(_("Welkom!"), id="title", classes="title")
            with Horizontal(classes="tools"):
                yield self.read_aloud_button()
                yield self.language_button()
                yield self.settings_button()
            yield Static(_("Samen maken we uw skillspaspoort."), classes="lead")
            yield Static(_("Ik stel korte vragen over uw werk en wat u graag doet."), classes="lead")
            yield Static(_("U kunt altijd terug, overslaan of zeggen: weet ik niet."), classes="lead")
            yield Static(_duration(), id="duration", classes="lead")
            yield Static(_("Wij bewaren uw antwoorden. Een coach kijkt ernaar."), classes="lead")
            if self.unfinished_session:
                yield Static(_("Er is een gesprek dat nog niet klaar is."), classes="lead")
                yield Button(
                    _label("▶", _("Verder met dat gesprek")), id="resume", variant="primary", classes="big"
                )
                yield Button(_label("✚", _("Nieuw beginnen")), id="start", classes="big")
            else:
                yield Button(_label("▶", _("Beginnen")), id="start", variant="primary", classes="big")
            yield Button(_label("🔑", _("Ik heb een code")), id="code", classes="big")

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()

    def spoken_text(self) -> str:
        lines = [
            _("Welkom!"),
            _("Samen maken we uw skillspaspoort."),
            _("Ik stel korte vragen over uw werk en wat u graag doet."),
            _("U kunt altijd terug, overslaan of zeggen: weet ik niet."),
            _duration(),
            _("Wij bewaren uw antwoorden. Een coach kijkt ernaar."),
        ]
        if self.unfinished_session:
            lines.append(_("Er is een gesprek dat nog niet klaar is."))
        return _spoken(*lines)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "resume":
            self.post_message(StartRequested(self.unfinished_session))
        elif event.button.id == "start":
            self.post_message(StartRequested())
        elif event.button.id == "code":
            self.post_message(CodeRequested())


class QuestionScreen(SpokenScreen):
    """One question: big buttons with pictures, or a text field; Terug, Overslaan and Weet ik niet always."""

    BINDINGS = [
        Binding("escape", "back", _("Terug")),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(10)],
    ]

    def __init__(
        self,
        question: Question,
        progress: tuple[int, int],
        pictures: dict[str, str],
        previous: Answer | None = None,
        known: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.known = [_("Dit had u al verteld: {answer}.").format(answer=k) for k in known or [] if k]
        """Answers filled in from what the person said before: said once, so they know why it was skipped."""
        self.progress = progress
        self.pictures = pictures
        self.selected: set[str] = set(previous.values) if previous and previous.counts else set()
        self.previous_text = previous.text if previous and previous.counts else None
        self._typed = 0
        self._pick_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        q = self.question
        current, total = self.progress
        with Vertical(id="top"):
            yield Label(
                _("Vraag {current} van {total}").format(current=current, total=total), id="progress-text"
            )
            bar = ProgressBar(total=total, show_eta=False, show_percentage=False, id="progress")
            bar.progress = current - 1
            yield bar
        with VerticalScroll(id="body"):
            for line in self.known:
                yield Static(Content(line), classes="help known")
            yield Static(_(q.text), id="question", classes="question")
            if q.help:
                yield Static(_(q.help), classes="help")
            with Horizontal(classes="tools"):
                yield self.read_aloud_button()
                yield self.language_button()
                yield self.settings_button()
                yield self.pause_button()
            if q.kind == "text":
                yield Input(
                    value=self.previous_text or "",
                    placeholder=_(q.placeholder) if q.placeholder else _("Typ hier uw antwoord"),
                    id="answer",
                )
                yield Button(_label("✔", _("Verder")), id="submit", variant="primary", classes="big")
            else:
                with Vertical(id="choices"):
                    for n, choice in enumerate(q.options, start=1):
                        picture = self.pictures.get(choice.picture, _YES_NO_PICTURES.get(choice.picture, ""))
                        button = Button(
                            _label(picture, f"{n}. {_(choice.text)}"),
                            id=f"choice-{choice.id}",
                            classes="big choice",
                        )
                        if choice.id in self.selected:
                            button.add_class("selected")
                        yield button
            yield Static("", id="error", classes="error")
        with Horizontal(id="nav"):
            yield Button(_label("◀", _("Terug")), id="back", classes="nav")
            yield Button(_label("🤷", _("Weet ik niet")), id="dont-know", classes="nav")
            yield Button(_label("⏭", _("Overslaan")), id="skip", classes="nav")
            if q.kind == "multi":
                # In the bar that is always in view, however many choices there are.
                yield Button(_label("✔", _("Verder")), id="submit", variant="primary", classes="nav")

    def on_mount(self) -> None:
        if self.question.kind == "text":
            self.query_one("#answer", Input).focus()
        else:
            self.query(".choice").first(Button).focus()

    def spoken_text(self) -> str:
        q = self.question
        choices = [
            _("Keuze {number}: {text}.").format(number=n, text=_(c.text))
            for n, c in enumerate(q.options, start=1)
        ]
        return _spoken(*self.known, _(q.text), _(q.help) if q.help else "", *choices)

    def _choose(self, choice_id: str) -> None:
        if self.question.kind == "multi":
            button = self.query_one(f"#choice-{choice_id}", Button)
            if choice_id in self.selected:
                self.selected.discard(choice_id)
                button.remove_class("selected")
            else:
                self.selected.add(choice_id)
                button.add_class("selected")
        else:
            self.post_message(Answered(values=[choice_id]))

    def _submit(self) -> None:
        if self.question.kind == "text":
            self.post_message(Answered(text=self.query_one("#answer", Input).value))
        else:
            order = [c.id for c in self.question.options]
            self.post_message(Answered(values=[c for c in order if c in self.selected]))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        bid = event.button.id or ""
        if bid.startswith("choice-"):
            self._choose(bid.removeprefix("choice-"))
        elif bid == "submit":
            self._submit()
        elif bid == "back":
            self.post_message(WentBack())
        elif bid == "skip":
            self.post_message(Skipped())
        elif bid == "dont-know":
            self.post_message(DontKnow())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._submit()

    def action_back(self) -> None:
        self.post_message(WentBack())

    def action_pick(self, digit: int) -> None:
        """Number keys choose: with 10 or more choices, "1" waits a moment for a second digit (10, 11)."""
        if self.question.kind == "text":
            return
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
            self._pick_timer = self.set_timer(PICK_WAIT_SECONDS, self._pick_typed)
            return
        self._choose(self.question.options[number - 1].id)

    def _pick_typed(self) -> None:
        number, self._typed, self._pick_timer = self._typed, 0, None
        if number:
            self._choose(self.question.options[number - 1].id)


#: How long "1" waits for a second digit on a question with 10 or more choices.
PICK_WAIT_SECONDS = 0.8

_YES_NO_PICTURES = {"ja": "👍", "beetje": "🤏", "nee": "👎"}


class ConfirmScreen(SpokenScreen):
    """Asks about one proposed skill: "Klopt dit? Ja / Een beetje / Nee"."""

    BINDINGS = [
        Binding("1", "verdict('ja')", show=False),
        Binding("2", "verdict('beetje')", show=False),
        Binding("3", "verdict('nee')", show=False),
    ]

    def __init__(self, proposal: Proposal, remaining: int) -> None:
        super().__init__()
        self.proposal = proposal
        self.remaining = remaining

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(_("Dit hoorde ik in uw antwoord:"), classes="help")
            yield Static(Content(f"“{self.proposal.evidence}”"), id="evidence", classes="evidence")
            yield Static(_(self.proposal.statement), id="statement", classes="question")
            yield Static(_("Klopt dit?"), classes="question")
            yield self.read_aloud_button()
            with Vertical(id="choices"):
                yield Button(_label("👍", "1. " + _("Ja")), id="verdict-ja", classes="big choice")
                yield Button(_label("🤏", "2. " + _("Een beetje")), id="verdict-beetje", classes="big choice")
                yield Button(_label("👎", "3. " + _("Nee")), id="verdict-nee", classes="big choice")

    def on_mount(self) -> None:
        self.query_one("#verdict-ja", Button).focus()

    def spoken_text(self) -> str:
        return _spoken(
            _("Dit hoorde ik in uw antwoord:"),
            f"{self.proposal.evidence}.",
            _(self.proposal.statement),
            _("Klopt dit?"),
            _("Keuze {number}: {text}.").format(number=1, text=_("Ja")),
            _("Keuze {number}: {text}.").format(number=2, text=_("Een beetje")),
            _("Keuze {number}: {text}.").format(number=3, text=_("Nee")),
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if (event.button.id or "").startswith("verdict-"):
            self.action_verdict((event.button.id or "").removeprefix("verdict-"))

    def action_verdict(self, verdict: str) -> None:
        if verdict in ("ja", "beetje", "nee"):
            self.post_message(Confirmed(self.proposal.skill_ref, verdict))  # type: ignore[arg-type]


class EndScreen(SpokenScreen):
    """The interview is done and saved; shows what the draft holds in plain words, and the code to come back."""

    def __init__(self, passport: Passport, code: str | None = None, changes: list[str] | None = None) -> None:
        super().__init__()
        self.passport = passport
        self.code = code
        self.changes = changes or []
        """What a coach changed since, in plain sentences: shown when the holder comes back with the code."""

    def _thanks(self) -> str:
        name = self.passport.person.nickname
        return _("Klaar, {name}! Dank u wel.").format(name=name) if name else _("Klaar! Dank u wel.")

    def compose(self) -> ComposeResult:
        skills = self.passport.active_skills()
        with VerticalScroll(id="body"):
            yield Static(Content(self._thanks()), classes="title")
            with Horizontal(classes="tools"):
                yield self.read_aloud_button()
                yield self.settings_button()
            yield Static(_("Uw antwoorden zijn bewaard. Een coach kijkt ernaar."), classes="lead")
            if skills:
                yield Static(_("Dit kunt u:"), classes="question")
                for skill in skills:
                    yield Static(Content(f"✔  {_(skill.label)}"), classes="skill")
            if self.changes:
                yield Static(_("Wat de coach veranderde:"), classes="question code-lead")
                for change in self.changes:
                    yield Static(Content(f"•  {change}"), classes="skill")
            if self.code:
                yield Static(_("Wilt u later nog iets zien? Schrijf deze code op:"), classes="lead code-lead")
                yield Digits(resume_code.shown(self.code), id="resume-code", classes="code")
            with Horizontal(classes="tools"):
                yield Button(_label("🤝", _("Delen")), id="share", classes="read-aloud")
                yield Button(_label("🗑", _("Alles wissen")), id="erase", classes="read-aloud")
            yield Button(
                _label("🏠", _("Klaar, terug naar het begin")), id="done", variant="primary", classes="big"
            )

    def spoken_text(self) -> str:
        skills = [_(s.label) + "." for s in self.passport.active_skills()]
        intro = [_("Dit kunt u:")] if skills else []
        code = (
            [_("Wilt u later nog iets zien? Schrijf deze code op:"), resume_code.spoken(self.code) + "."]
            if self.code
            else []
        )
        changes = [_("Wat de coach veranderde:"), *self.changes] if self.changes else []
        return _spoken(
            self._thanks(),
            _("Uw antwoorden zijn bewaard. Een coach kijkt ernaar."),
            *intro,
            *skills,
            *changes,
            *code,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "done":
            self.post_message(GoHome())
        elif event.button.id == "share":
            self.post_message(ShareRequested())
        elif event.button.id == "erase":
            self.post_message(EraseRequested())


class LanguageScreen(SpokenScreen):
    """Choose a language; each is named in its own language. Nothing typed or chosen is lost."""

    BINDINGS = [Binding("escape", "close", _("Terug"))]

    def __init__(self, languages: list[tuple[str, str]]) -> None:
        super().__init__()
        self.languages = languages

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(_("Kies uw taal"), classes="question")
            with Vertical(id="choices"):
                for code, name in self.languages:
                    yield Button(Content(name), id=f"lang-{code}", classes="big choice")

    def on_mount(self) -> None:
        self.query(".choice").first(Button).focus()

    def spoken_text(self) -> str:
        return _("Kies uw taal")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        code = (event.button.id or "").removeprefix("lang-")
        if code:
            self.post_message(LanguageChosen(code))

    def action_close(self) -> None:
        self.app.pop_screen()


class IdleWarningScreen(SpokenScreen):
    """Asked after a while without input, seen and heard: is the person still there? With a countdown."""

    def __init__(self, seconds: int) -> None:
        super().__init__()
        self.remaining = seconds

    def compose(self) -> ComposeResult:
        with Vertical(id="body"):
            yield Static(_("Bent u er nog?"), classes="title")
            yield Static(self._countdown(), id="countdown", classes="lead")
            yield Button(_label("✋", _("Ik ben er nog")), id="still-here", variant="primary", classes="big")

    def _countdown(self) -> str:
        return _("Over {seconds} seconden gaat het scherm terug naar het begin.").format(
            seconds=self.remaining
        )

    def on_mount(self) -> None:
        self.query_one("#still-here", Button).focus()

    def spoken_text(self) -> str:
        return _spoken(_("Bent u er nog?"), self._countdown())

    def tick(self) -> None:
        self.remaining = max(0, self.remaining - 1)
        self.query_one("#countdown", Static).update(self._countdown())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "still-here":
            self.dismiss(None)


class PersonalDataScreen(SpokenScreen):
    """The answer holds a personal number: keep it, or take it out? Nothing of it is stored before this."""

    def __init__(self, kinds: list[str]) -> None:
        super().__init__()
        self.kinds = kinds

    def _what(self) -> str:
        return _("Uw antwoord bevat {what}.").format(what=", ".join(_(PERSONAL_NAMES[k]) for k in self.kinds))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(self._what(), classes="question")
            yield Static(_("Dat is niet nodig voor uw paspoort."), classes="lead")
            yield Static(_("Wilt u dat bewaren?"), classes="question")
            with Vertical(id="choices"):
                yield Button(_label("🗑", _("Nee, weghalen")), id="remove", classes="big choice")
                yield Button(_label("💾", _("Ja, bewaren")), id="keep", classes="big choice")

    def on_mount(self) -> None:
        self.query_one("#remove", Button).focus()

    def spoken_text(self) -> str:
        return _spoken(self._what(), _("Dat is niet nodig voor uw paspoort."), _("Wilt u dat bewaren?"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("keep", "remove"):
            self.dismiss(event.button.id)
