"""The coach app's export screen: the passport a coach is reviewing, the consents its holder gave, and one
button per export format.

Nothing is written without a consent: every export goes through `sharing.export` (the consent checked and
cut to, the coach's session checked, the export logged) with a renderer from `assistant.export.registry`,
and lands through `sharing.write_file` in the desk's export folder (`Settings.exports`), from where the
coach hands it to the receiver the person chose.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from assistant import sharing
from assistant.coach_accounts import CoachIdentity
from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.export.registry import FORMATS, ExportFormat, renderer_for
from assistant.i18n import _, current_language
from assistant.passport.consent import Consent
from assistant.passport.consent_words import parts_in_words
from assistant.take_along import take_along


def export_file_name(passport_id: str, consent: Consent, fmt: ExportFormat) -> str:
    """One file per passport, consent and format: exporting again for the same receiver replaces it."""
    return f"paspoort-{passport_id[:8]}-{consent.id[:8]}-{fmt.name}{fmt.suffix}"


class ExportScreen(Screen[None]):
    BINDINGS = [Binding("escape", "close", _("Terug"))]

    def __init__(
        self, context: AppContext, identity: CoachIdentity, passport_id: str, nickname: str | None
    ) -> None:
        super().__init__()
        self.context = context
        self.identity = identity
        self.passport_id = passport_id
        self.nickname = nickname
        self.consents: list[Consent] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            title = _("Exporteren: paspoort van {name}").format(name=self.nickname or "-")
            yield Static(Content(title), classes="title")
            yield Static(
                _("Kies een toestemming van de persoon. Kies dan een soort bestand."), classes="help"
            )
            yield OptionList(id="consents")
            with Vertical(id="formats"):
                for fmt in FORMATS.values():
                    yield Button(f"{fmt.name}: {_(fmt.description)}", id=f"format-{fmt.name}")
            yield Static("", id="message", classes="error")
            yield Static("", id="written")
        yield Footer()

    def on_mount(self) -> None:
        try:
            consents = self.context.store.consents(self.passport_id)
        except AssistantError as exc:
            self._message(exc.user_message())
            consents = []
        self.consents = [c for c in consents if c.is_valid()]
        options = self.query_one("#consents", OptionList)
        for consent in self.consents:
            options.add_option(Option(Content(self._summary(consent)), id=consent.id))
        if self.consents:
            options.highlighted = 0
        else:
            self._message(_("Er is geen geldige toestemming. Zonder toestemming gaat er niets naar buiten."))
        for button in self.query("#formats Button").results(Button):
            button.disabled = not self.consents
        options.focus()

    @staticmethod
    def _summary(consent: Consent) -> str:
        return _("{receiver} ({purpose}), tot {until}: {parts}").format(
            receiver=consent.receiver,
            purpose=consent.purpose,
            until=consent.until.strftime("%d-%m-%Y"),
            parts=parts_in_words(consent),
        )

    def _message(self, text: str) -> None:
        message = self.query_one("#message", Static)
        message.update(Content(text))
        message.set_class(bool(text), "visible")

    def chosen_consent(self) -> Consent | None:
        index = self.query_one("#consents", OptionList).highlighted
        return self.consents[index] if index is not None and index < len(self.consents) else None

    def export(self, fmt: ExportFormat) -> None:
        """Makes the file in a worker thread: a PDF with its occupations takes a moment, the screen stays."""
        consent = self.chosen_consent()
        if consent is None:
            return
        # The coach's own language: a PDF is for the coach to hand over and talk through.
        from assistant.coach_keys import key_lookup

        settings, store = self.context.settings, self.context.store
        # A skill a coach signed for is issued with that coach's own key (`export.ob3_issuers`).
        renderer = renderer_for(
            fmt.name,
            settings,
            current_language(),
            key_lookup(store),
            take_along=lambda c: take_along(store, c, settings.share_base_url),
        )
        folder = self.context.settings.exports
        path = folder / export_file_name(self.passport_id, consent, fmt)

        def write() -> Path:
            data = sharing.export(
                self.context.store,
                self.passport_id,
                consent.id,
                renderer,
                fmt.name,
                self.identity.name,
                coach_token=self.identity.token,
            )
            try:
                # Only the desk's own account may look in: every file there is someone's passport.
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            except OSError as exc:
                raise AssistantError("E311", path=str(path), what=exc.strerror or str(exc)) from exc
            sharing.write_file(path, data)
            return path

        self._message("")
        self.query_one("#written", Static).update("")
        self.run_worker(write, thread=True, group="export", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "export":
            return
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, Path):
            self.query_one("#written", Static).update(
                Content(_("Bewaard: {path}").format(path=str(worker.result)))
            )
        elif event.state == WorkerState.ERROR:
            error = worker.error
            self._message(error.user_message() if isinstance(error, AssistantError) else str(error))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        name = (event.button.id or "").removeprefix("format-")
        if name in FORMATS:
            self.export(FORMATS[name])

    def action_close(self) -> None:
        self.dismiss(None)
