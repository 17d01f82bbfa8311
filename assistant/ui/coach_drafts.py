"""The coach app's list of passports, with a search by nickname, skill words or id; a holder's resume code
typed in the search (Enter) opens their passport directly."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from assistant import resume_code
from assistant.coach_accounts import CoachIdentity
from assistant.context import AppContext
from assistant.errors import AssistantError, InputError, StorageError
from assistant.i18n import N_, _
from assistant.interview.session import InterviewSession
from assistant.interview.store_port import InterviewStore
from assistant.text_input import normalise
from assistant.ui.coach_draft_screen import DraftScreen

PASSPORT_STATUS = {"draft": N_("concept"), "reviewed": N_("bekeken")}


@dataclass(frozen=True)
class DraftEntry:
    """One row of the list, with the words a search looks in."""

    passport_id: str
    nickname: str
    status: str
    updated: str
    skills: int
    words: str


def load_entries(context: AppContext, identity: CoachIdentity) -> list[DraftEntry]:
    """Every draft; E310 when the coach session is no longer valid (checked by the store)."""
    store = context.store
    entries = []
    for pid, nickname, status, updated in store.passports(coach_token=identity.token):
        labels: list[str] = []
        try:
            passport = store.passport(pid, coach_token=identity.token)
            labels = [f"{s.label} {s.ref}" for s in passport.skills if s.status != "rejected"]
        except (AssistantError, ValueError):
            pass  # a record that cannot be read is still listed, and found by name and id
        words = " ".join([nickname or "", pid, *labels]).casefold()
        entries.append(DraftEntry(pid, nickname or "-", status, updated, len(labels), words))
    return entries


def passport_by_code(store: InterviewStore, typed: str, max_age_days: float) -> str | None:
    """The passport of the holder whose resume code this is; None when `typed` is not a code at all. The
    code's keyed hash is looked up in the store under the coach's session, as on a desk, and it stops
    working at the same time (after `max_age_days`). E107 for a code no one has, E334 for an interview that
    is not finished yet."""
    try:
        code = resume_code.normalise(typed)
    except InputError:
        return None
    record, _code = InterviewSession.find_by_code(store, code, max_age_days)
    if record.passport_id is None:
        raise StorageError("E334")
    return record.passport_id


def matches(entry: DraftEntry, query: str) -> bool:
    """Every word of the query appears somewhere in the nickname, the id or a skill's name."""
    return all(word in entry.words for word in normalise(query).casefold().split())


class DraftListScreen(Screen[None]):
    BINDINGS = [Binding("ctrl+q", "app.quit", _("Stoppen"))]

    def __init__(self, context: AppContext, identity: CoachIdentity) -> None:
        super().__init__()
        self.context = context
        self.identity = identity
        self.entries: list[DraftEntry] = []

    def compose(self) -> ComposeResult:
        yield Static(_("Paspoorten"), classes="title")
        yield Static(_("Ingelogd als {name}").format(name=self.identity.name), id="who")
        yield Input(placeholder=_("Zoek op naam, vaardigheid, nummer of code"), id="filter")
        yield DataTable(id="drafts", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_list()
        self.query_one("#filter", Input).focus()

    def refresh_list(self) -> None:
        try:
            self.entries = load_entries(self.context, self.identity)
        except AssistantError as exc:
            self.entries = []
            self.notify(exc.user_message(), severity="error", timeout=30)
        self.show(self.query_one("#filter", Input).value)

    def show(self, query: str) -> None:
        table = self.query_one("#drafts", DataTable)
        table.clear(columns=True)
        table.add_columns(_("Naam"), _("Status"), _("Vaardigheden"), _("Laatst gewijzigd"), _("Id"))
        for entry in self.entries:
            if matches(entry, query):
                table.add_row(
                    Text(entry.nickname),
                    _(PASSPORT_STATUS.get(entry.status, entry.status)),
                    str(entry.skills),
                    entry.updated[:16].replace("T", " "),
                    entry.passport_id,
                    key=entry.passport_id,
                )

    def open(self, passport_id: str) -> None:
        self.app.push_screen(
            DraftScreen(self.context, self.identity, passport_id),
            callback=lambda _result: self.refresh_list(),
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter in the search opens the first draft found, so a coach can type a name and go.
        table = self.query_one("#drafts", DataTable)
        if event.input.id != "filter":
            return
        try:
            days = self.context.settings.resume_code_days
            by_code = passport_by_code(self.context.store, event.value, days)
        except AssistantError as exc:
            self.notify(exc.user_message(), severity="error", timeout=30)
            return
        if by_code is not None:
            self.open(by_code)
        elif table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            if key.value:
                self.open(str(key.value))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.open(str(event.row_key.value))
