"""The coach app: a list of drafts, and one draft with each skill, its evidence, and review actions."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.i18n import _
from assistant.passport.model import Passport, Skill
from assistant.passport.review import Review
from assistant.skills.search import search_skills

STATUS_WORDS = {"confirmed": "zelf bevestigd", "accepted": "akkoord coach", "rejected": "afgewezen"}


def _evidence(skill: Skill) -> str:
    texts = [e.text for a in skill.provenance for e in a.evidence]
    return texts[0] if texts else ""


class DraftListScreen(Screen[None]):
    BINDINGS = [Binding("q", "app.quit", _("Stoppen"))]

    def compose(self) -> ComposeResult:
        yield Static(_("Concept-paspoorten"), classes="title")
        yield DataTable(id="drafts", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        app = self.app
        assert isinstance(app, CoachApp)
        table = self.query_one("#drafts", DataTable)
        table.clear(columns=True)
        table.add_columns(_("Naam"), _("Status"), _("Laatst gewijzigd"), _("Id"))
        for pid, nickname, status, updated in app.context.store.passports():
            table.add_row(nickname or "-", status, updated[:16].replace("T", " "), pid, key=pid)
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.push_screen(DraftScreen(str(event.row_key.value)))


class DraftScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", _("Terug")),
        Binding("a", "accept", _("Akkoord")),
        Binding("r", "reject", _("Afwijzen")),
    ]

    def __init__(self, passport_id: str) -> None:
        super().__init__()
        self.passport_id = passport_id

    @property
    def review(self) -> Review:
        app = self.app
        assert isinstance(app, CoachApp)
        return app.review_for(self.passport_id)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static("", id="who", classes="title")
            yield Static("", id="other-language", classes="help")
            yield DataTable(id="skills", cursor_type="row")
            with Horizontal(classes="actions"):
                yield Button(_("Akkoord (a)"), id="accept", variant="success")
                yield Button(_("Afwijzen (r)"), id="reject", variant="error")
            yield Label(_("Vaardigheid toevoegen: typ een woord"))
            yield Input(placeholder=_("Bijvoorbeeld: metselen"), id="search")
            yield OptionList(id="results")
            yield Label(_("Notitie"))
            with Vertical(classes="note"):
                yield Input(placeholder=_("Schrijf een notitie"), id="note")
                yield Button(_("Notitie bewaren"), id="save-note")
            yield Static("", id="notes")
            yield Static("", id="message", classes="error")
        yield Footer()

    def on_mount(self) -> None:
        self.show(self.review.passport)

    def show(self, passport: Passport) -> None:
        self.query_one("#who", Static).update(
            Content(_("Paspoort van {name}").format(name=passport.person.nickname or "-"))
        )
        flagged = passport.other_language_answers()
        lines = (
            [
                _("Let op: {count} antwoorden zijn in een andere taal. Laat ze vertalen.").format(
                    count=len(flagged)
                )
            ]
            if flagged
            else []
        )
        lines += [f"• [{a.language}] {a.own_words}" for a in flagged]
        self.query_one("#other-language", Static).update(Content("\n".join(lines)))
        table = self.query_one("#skills", DataTable)
        table.clear(columns=True)
        table.add_columns(_("Vaardigheid"), _("Status"), _("Niveau"), _("Bewijs (eigen woorden)"))
        for skill in passport.skills:
            table.add_row(
                skill.label,
                STATUS_WORDS.get(skill.status, skill.status),
                skill.level,
                _evidence(skill),
                key=skill.id,
            )
        notes = "\n".join(f"• {n.author}: {n.text}" for n in passport.notes)
        self.query_one("#notes", Static).update(Content(notes))
        table.focus()

    def _selected_skill(self) -> str | None:
        table = self.query_one("#skills", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value) if key.value else None

    def _do(self, action: str, *args: object) -> None:
        try:
            passport = getattr(self.review, action)(*args)
        except AssistantError as exc:
            self.query_one("#message", Static).update(Content(exc.user_message()))
            self.query_one("#message", Static).add_class("visible")
            return
        self.show(passport)

    def action_accept(self) -> None:
        skill_id = self._selected_skill()
        if skill_id:
            self._do("accept", skill_id)

    def action_reject(self) -> None:
        skill_id = self._selected_skill()
        if skill_id:
            self._do("reject", skill_id)

    def action_close(self) -> None:
        self.app.pop_screen()
        screen = self.app.screen
        if isinstance(screen, DraftListScreen):
            screen.refresh_list()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "accept":
            self.action_accept()
        elif event.button.id == "reject":
            self.action_reject()
        elif event.button.id == "save-note":
            note = self.query_one("#note", Input)
            self._do("add_note", note.value)
            if not self.query_one("#message", Static).has_class("visible"):
                note.value = ""

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "search":
            return
        app = self.app
        assert isinstance(app, CoachApp)
        results = self.query_one("#results", OptionList)
        results.clear_options()
        for skill in search_skills(app.context.matcher, event.value):
            results.add_option(Option(Content(f"{skill.label} ({skill.source})"), id=skill.id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "note":
            self.on_button_pressed(Button.Pressed(self.query_one("#save-note", Button)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        app = self.app
        assert isinstance(app, CoachApp)
        if event.option.id:
            self._do("add_skill", app.context.catalogue, event.option.id, "")
            self.query_one("#search", Input).value = ""


class CoachApp(App[None]):
    CSS_PATH = "kiosk.tcss"

    def __init__(self, context: AppContext, coach: str) -> None:
        super().__init__()
        self.context = context
        self.coach = coach
        self._reviews: dict[str, Review] = {}

    def review_for(self, passport_id: str) -> Review:
        if passport_id not in self._reviews:
            self._reviews[passport_id] = Review(self.context.store, passport_id, self.coach)
        return self._reviews[passport_id]

    def on_mount(self) -> None:
        self.title = _("Skillspaspoort - coach")
        self.run_worker(self.context.matcher.warm, thread=True, name="warm-up", exit_on_error=False)
        self.push_screen(DraftListScreen())


def make_coach_app(context: AppContext, coach: str = "coach") -> CoachApp:
    return CoachApp(context, coach)
