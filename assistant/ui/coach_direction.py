"""The coach app's "Richting en volgende stappen" page, for a coach sitting with the person: the work that
fits (dots, never a percentage), an occupation typed by name (misspellings tolerated, the interview's
engine), what is still missing for the chosen work, at most three next steps, and the button that makes
the conversation sheet.

Choosing goes through `assistant.development.wishes` (by the coach) and is saved through the draft's
`Review` as a version with the coach as actor, like every coach change: a conflict with another coach is
E307 and nothing is lost. The sheet is made by `export.conversation_sheet_file`, the same function as
`assistent gesprek`, and written to the desk's export folder.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from assistant.coach_accounts import CoachIdentity
from assistant.context import AppContext
from assistant.development.direction import Direction, direction_for, directions
from assistant.development.learning_options import LearningCatalogue
from assistant.development.next_steps import MAX_CHOSEN_STEPS, step_key, steps_for_direction, wish_key
from assistant.development.wishes import choose_direction, choose_steps
from assistant.errors import AssistantError
from assistant.export.conversation_sheet_file import make_sheet, sheet_file_name, write_sheet
from assistant.i18n import _, current_language
from assistant.passport.model import Passport
from assistant.passport.review import Review
from assistant.skills.search import search_occupations
from assistant.ui.coach_direction_words import direction_lines, direction_option, step_line

#: How many fitting occupations the page lists: enough to talk about, few enough to read out.
FITTING = 5


class DirectionScreen(Screen[None]):
    BINDINGS = [Binding("escape", "close", _("Terug"))]

    def __init__(self, context: AppContext, identity: CoachIdentity, review: Review) -> None:
        super().__init__()
        self.context = context
        self.identity = identity
        self.review = review
        self.learning = context.learning or LearningCatalogue(options={})
        self.direction: Direction | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static("", id="title", classes="title")
            yield Static(_("Kijk samen welk werk past. Kies dan hoogstens drie stappen."), classes="help")
            yield Static("", id="message", classes="error")
            yield Label(_("Werk dat past"))
            yield OptionList(id="fitting")
            yield Label(_("Ander werk: typ de naam"))
            yield Input(placeholder=_("Bijvoorbeeld: heftruckchauffeur"), id="occupation-search")
            yield OptionList(id="found")
            yield Static("", id="chosen")
            yield Label(_("Volgende stappen (hoogstens drie)"))
            yield SelectionList[str](id="steps")
            with Horizontal(classes="actions"):
                yield Button(_("Stappen bewaren"), id="save-steps", variant="primary")
                yield Button(_("Gespreksblad maken"), id="make-sheet")
            yield Static("", id="written")
        yield Footer()

    def on_mount(self) -> None:
        self.show(self.review.passport)
        self.query_one("#fitting", OptionList).focus()

    # Showing -------------------------------------------------------------------------------------------

    @property
    def passport(self) -> Passport:
        return self.review.passport

    def _message(self, text: str) -> None:
        message = self.query_one("#message", Static)
        message.update(Content(text))
        message.set_class(bool(text), "visible")

    def show(self, passport: Passport) -> None:
        name = passport.person.nickname or "-"
        self.query_one("#title", Static).update(
            Content(_("Richting en volgende stappen: {name}").format(name=name))
        )
        chosen_id = passport.direction.occupation_id if passport.direction else None
        self.direction = None
        if chosen_id is not None and chosen_id in self.context.catalogue.occupations:
            self.direction = direction_for(passport, self.context.catalogue, chosen_id)
        fitting = self.query_one("#fitting", OptionList)
        fitting.clear_options()
        shown = directions(passport, self.context.catalogue, limit=FITTING)
        if self.direction is not None and all(d.occupation_id != chosen_id for d in shown):
            shown.insert(0, self.direction)  # chosen by name: it stays in sight
        for direction in shown:
            chosen = direction.occupation_id == chosen_id
            fitting.add_option(
                Option(Content(direction_option(direction, chosen)), id=direction.occupation_id)
            )
        if not shown:
            fitting.add_option(
                Option(Content(_("Nog geen werk dat past. Typ hieronder een beroep.")), disabled=True)
            )
        self._show_chosen()

    def _show_chosen(self) -> None:
        chosen = self.query_one("#chosen", Static)
        steps = self.query_one("#steps", SelectionList)
        steps.clear_options()
        if self.direction is None:
            chosen.update(Content(_("Er is nog geen werk gekozen.")))
            return
        chosen.update(Content("\n".join(direction_lines(self.direction, self.learning))))
        picked = {wish_key(w) for w in self.passport.development_wishes}
        for step in steps_for_direction(self.direction, self.learning):
            steps.add_option((Content(step_line(step)), step_key(step), step_key(step) in picked))

    # Choosing ------------------------------------------------------------------------------------------

    def _save(self, action: str, changed: Passport, detail: dict[str, object]) -> bool:
        try:
            passport = self.review.save_worked_out(action, changed, detail)
        except AssistantError as exc:
            lines = [exc.user_message()]
            if exc.code == "E307":
                # Another coach changed the passport: read it again; what was ticked is shown afresh.
                self.review.reload()
                lines.append(_("Het paspoort is opnieuw geladen. Uw keuze is niet bewaard."))
            self._message("\n".join(lines))
            self.show(self.review.passport)
            return False
        self._message("")
        self.show(passport)
        return True

    def choose(self, occupation_id: str) -> None:
        if occupation_id not in self.context.catalogue.occupations:
            return
        direction = direction_for(self.passport, self.context.catalogue, occupation_id)
        changed = choose_direction(self.passport, direction, datetime.now(UTC), "coach")
        if self._save("direction", changed, {"occupation": occupation_id, "label": direction.label}):
            self.query_one("#occupation-search", Input).value = ""

    def save_steps(self) -> None:
        if self.direction is None:
            self._message(AssistantError("E643").user_message())
            return
        keys = list(self.query_one("#steps", SelectionList).selected)
        try:
            changed = choose_steps(
                self.passport, self.direction, self.learning, keys, datetime.now(UTC), "coach"
            )
        except AssistantError as exc:
            # E640 for a fourth step: nothing saved, the ticks stay so the coach can take one away.
            self._message(exc.user_message())
            return
        self._save("steps", changed, {"steps": keys, "limit": MAX_CHOSEN_STEPS})

    # The sheet -----------------------------------------------------------------------------------------

    def make_sheet(self) -> None:
        """Writes the sheet in a worker thread: working out the directions takes a moment."""
        context, identity = self.context, self.identity
        path = context.settings.exports / sheet_file_name(self.review.passport_id)
        # The coach's own language: the coach prints it and talks it through at the table.
        language = current_language()

        def write() -> Path:
            data = make_sheet(
                context.store,
                self.review.passport_id,
                identity.name,
                context.catalogue,
                context.learning,
                coach_token=identity.token,
                language=language,
                locales_dir=context.settings.locales_dir,
            )
            return write_sheet(path, data, private_folder=True)

        self._message("")
        self.query_one("#written", Static).update("")
        self.run_worker(write, thread=True, group="sheet", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "sheet":
            return
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, Path):
            written = _("Gespreksblad bewaard: {path}").format(path=str(worker.result))
            self.query_one("#written", Static).update(Content(written))
        elif event.state == WorkerState.ERROR:
            error = worker.error
            self._message(error.user_message() if isinstance(error, AssistantError) else str(error))

    # Events --------------------------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "occupation-search":
            return
        found = self.query_one("#found", OptionList)
        found.clear_options()
        for occupation in search_occupations(self.context.matcher, event.value):
            found.add_option(Option(Content(_(occupation.label)), id=occupation.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.choose(event.option.id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save-steps":
            self.save_steps()
        elif event.button.id == "make-sheet":
            self.make_sheet()

    def action_close(self) -> None:
        self.dismiss(None)
