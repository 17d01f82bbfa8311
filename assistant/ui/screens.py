"""The kiosk screens: welcome, one question, one skill to confirm, the end, and two small questions over them
(is the person still there, keep a personal number?). The language, settings and resume-code screens have
modules of their own, and so do the widgets of each answer kind (`answer_widgets`)."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Digits, Label, ProgressBar, Static

from assistant import resume_code
from assistant.dialogue.engine import Answer
from assistant.dialogue.model import Question
from assistant.i18n import _
from assistant.interview.records import Proposal, Verdict
from assistant.interview_length import WELCOME_MINUTES
from assistant.passport.consent_words import saved_words
from assistant.passport.model import Passport
from assistant.personal_data import NAMES as PERSONAL_NAMES
from assistant.speech.sentences import speech
from assistant.ui.answer_widgets import answer_widgets_for
from assistant.ui.answer_widgets.text import AnswerBox
from assistant.ui.direction_screens import DirectionRequested
from assistant.ui.holder_access_screens import lasting_code_lines, lasting_code_spoken
from assistant.ui.messages import (
    CodeRequested,
    Confirmed,
    DontKnow,
    EraseRequested,
    GoHome,
    ShareRequested,
    Skipped,
    StartRequested,
    WentBack,
)
from assistant.ui.more_below import MoreBelow
from assistant.ui.spoken_screen import SpokenScreen, button_label, erase_corner, home_button
from assistant.ui.verdicts import VERDICT_BUTTONS


def _duration() -> str:
    """How long the interview takes, as measured on whole interviews (see `assistant.interview_length`)."""
    return _("Het duurt ongeveer {minutes} minuten.").format(minutes=WELCOME_MINUTES)


class WelcomeScreen(SpokenScreen[None]):
    """Shows nothing of any earlier person, not even that an interview was left unfinished: whoever left it
    goes on with "Ik heb een code", and nobody else can."""

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
            yield Static(
                _("Wij bewaren uw antwoorden. Aan het eind kiest u of een coach mag meekijken."),
                classes="lead",
            )
            yield Button(button_label("▶", _("Beginnen")), id="start", variant="primary", classes="big")
            yield Button(button_label("🔑", _("Ik heb een code")), id="code", classes="big")

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()

    def spoken_text(self) -> str:
        return speech(
            _("Welkom!"),
            _("Samen maken we uw skillspaspoort."),
            _("Ik stel korte vragen over uw werk en wat u graag doet."),
            _("U kunt altijd terug, overslaan of zeggen: weet ik niet."),
            _duration(),
            _("Wij bewaren uw antwoorden. Aan het eind kiest u of een coach mag meekijken."),
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.post_message(StartRequested())
        elif event.button.id == "code":
            self.post_message(CodeRequested())


class QuestionScreen(SpokenScreen[None]):
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
        self.answer = answer_widgets_for(self, question, pictures, previous)
        """The widgets of the question's answer kind: buttons, or a text field."""

    def compose(self) -> ComposeResult:
        q = self.question
        current, total = self.progress
        # "Later verder" stops the interview: in the bar at the top, away from the answers, where a tap
        # meant for an answer cannot reach it.
        with Horizontal(id="top"):
            with Vertical(id="progress-box"):
                yield Label(
                    _("Vraag {current} van {total}").format(current=current, total=total), id="progress-text"
                )
                bar = ProgressBar(total=total, show_eta=False, show_percentage=False, id="progress")
                bar.progress = current - 1
                yield bar
            yield self.pause_button()
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
            yield from self.answer.compose_body()
            yield Static("", id="error", classes="error")
        yield MoreBelow(_("▼ Meer keuzes onder") if q.options else _("▼ Er staat meer onder"), "body")
        with Horizontal(id="nav"):
            yield Button(button_label("◀", _("Terug")), id="back", classes="nav")
            yield Button(button_label("🤷", _("Weet ik niet")), id="dont-know", classes="nav")
            yield Button(button_label("⏭", _("Overslaan")), id="skip", classes="nav")
            yield from self.answer.compose_nav()

    def on_mount(self) -> None:
        self.answer.focus()

    def on_resize(self, event: events.Resize) -> None:
        # A smaller screen can hide choices that fitted before.
        self.query_one(MoreBelow).update_shown()

    def typing_field(self) -> Widget | None:
        return self.answer.typing_field()

    def spoken_text(self) -> str:
        q = self.question
        choices = [
            _("Keuze {number}: {text}.").format(number=n, text=_(c.text))
            for n, c in enumerate(q.options, start=1)
        ]
        return speech(*self.known, _(q.text), _(q.help) if q.help else "", *choices)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        bid = event.button.id or ""
        if self.answer.pressed(bid):
            return
        if bid == "back":
            self.post_message(WentBack())
        elif bid == "skip":
            self.post_message(Skipped())
        elif bid == "dont-know":
            self.post_message(DontKnow())

    def on_answer_box_submitted(self, event: AnswerBox.Submitted) -> None:
        self.answer.submit()

    def action_back(self) -> None:
        self.post_message(WentBack())

    def action_pick(self, digit: int) -> None:
        self.answer.pick(digit)


class ConfirmScreen(SpokenScreen[None]):
    """Asks about one proposed skill: "Klopt dit? Ja / Een beetje / Nee"."""

    BINDINGS = [
        Binding(str(n), f"verdict('{button.verdict}')", show=False)
        for n, button in enumerate(VERDICT_BUTTONS, start=1)
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
                for n, button in enumerate(VERDICT_BUTTONS, start=1):
                    yield Button(
                        button_label(button.picture, f"{n}. {_(button.text)}"),
                        id=f"verdict-{button.verdict}",
                        classes="big choice",
                    )
        yield MoreBelow(_("▼ Meer keuzes onder"), "body")

    def on_mount(self) -> None:
        self.query_one(f"#verdict-{Verdict.YES}", Button).focus()

    def spoken_text(self) -> str:
        return speech(
            _("Dit hoorde ik in uw antwoord:"),
            f"{self.proposal.evidence}.",
            _(self.proposal.statement),
            _("Klopt dit?"),
            *(
                _("Keuze {number}: {text}.").format(number=n, text=_(button.text))
                for n, button in enumerate(VERDICT_BUTTONS, start=1)
            ),
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if (event.button.id or "").startswith("verdict-"):
            self.action_verdict((event.button.id or "").removeprefix("verdict-"))

    def action_verdict(self, word: str) -> None:
        try:
            verdict = Verdict(word)
        except ValueError:
            return
        self.post_message(Confirmed(self.proposal.skill_ref, verdict))


class EndScreen(SpokenScreen[None]):
    """The interview is done and saved; shows what the draft holds in plain words, and the code to come back."""

    def __init__(
        self,
        passport: Passport,
        code: str | None = None,
        changes: list[str] | None = None,
        holder_code: str | None = None,
        coach_looks: bool = True,
    ) -> None:
        super().__init__()
        self.passport = passport
        self.code = code
        self.saved = saved_words(coach_looks)
        self.holder_code = holder_code
        """The lasting code, only on the end screen of the interview that made it."""
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
                yield Button(button_label("🤝", _("Delen")), id="share", classes="read-aloud")
            yield Static(self.saved, classes="lead")
            yield Button(button_label("🧭", _("Wat wilt u hierna?")), id="directions", classes="big")
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
            yield from lasting_code_lines(self.holder_code)
            yield home_button()
        yield erase_corner()

    def spoken_text(self) -> str:
        skills = [_(s.label) for s in self.passport.active_skills()]
        intro = [_("Dit kunt u:")] if skills else []
        code = (
            [_("Wilt u later nog iets zien? Schrijf deze code op:"), resume_code.spoken(self.code)]
            if self.code
            else []
        )
        changes = [_("Wat de coach veranderde:"), *self.changes] if self.changes else []
        return speech(
            self._thanks(),
            self.saved,
            _("Wat wilt u hierna?"),
            *intro,
            *skills,
            *changes,
            *code,
            *lasting_code_spoken(self.holder_code),
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "done":
            self.post_message(GoHome())
        elif event.button.id == "share":
            self.post_message(ShareRequested())
        elif event.button.id == "erase":
            self.post_message(EraseRequested())
        elif event.button.id == "directions":
            self.post_message(DirectionRequested())


class IdleWarningScreen(SpokenScreen[None]):
    """Asked after a while without input, seen and heard: is the person still there? With a countdown."""

    def __init__(self, seconds: int) -> None:
        super().__init__()
        self.remaining = seconds

    def compose(self) -> ComposeResult:
        with Vertical(id="body"):
            yield Static(_("Bent u er nog?"), classes="title")
            yield Static(self._countdown(), id="countdown", classes="lead")
            yield Button(
                button_label("✋", _("Ik ben er nog")), id="still-here", variant="primary", classes="big"
            )

    def _countdown(self) -> str:
        return _("Over {seconds} seconden gaat het scherm terug naar het begin.").format(
            seconds=self.remaining
        )

    def on_mount(self) -> None:
        self.query_one("#still-here", Button).focus()

    def spoken_text(self) -> str:
        return speech(_("Bent u er nog?"), self._countdown())

    def tick(self) -> None:
        self.remaining = max(0, self.remaining - 1)
        self.query_one("#countdown", Static).update(self._countdown())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "still-here":
            self.dismiss(None)


class PersonalDataScreen(SpokenScreen[str]):
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
                yield Button(button_label("🗑", _("Nee, weghalen")), id="remove", classes="big choice")
                yield Button(button_label("💾", _("Ja, bewaren")), id="keep", classes="big choice")

    def on_mount(self) -> None:
        self.query_one("#remove", Button).focus()

    def spoken_text(self) -> str:
        return speech(self._what(), _("Dat is niet nodig voor uw paspoort."), _("Wilt u dat bewaren?"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("keep", "remove"):
            self.dismiss(event.button.id)
