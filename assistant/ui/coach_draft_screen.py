"""The coach app's draft screen: each skill with the person's own words and the question they answered, and
the review actions. Every change goes through `Review`; this screen only shows and asks."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from assistant.coach_accounts import CoachIdentity
from assistant.coach_keys import signer_for
from assistant.context import AppContext
from assistant.dialogue.model import Dialogue
from assistant.errors import AssistantError
from assistant.i18n import N_, _
from assistant.interview.records import Verdict
from assistant.passport.model import Assessment, Evidence, Passport, Skill
from assistant.passport.recheck import due_for_recheck
from assistant.passport.review import LEVELS, Review, Signer
from assistant.skills.search import search_skills

STATUS_WORDS = {
    "confirmed": N_("zelf bevestigd"),
    "accepted": N_("akkoord coach"),
    "rejected": N_("afgewezen"),
}
VERDICT_WORDS: dict[str, str] = {
    Verdict.YES: N_("ja"),
    Verdict.A_LITTLE: N_("een beetje"),
    "accepted": N_("akkoord"),
    "rejected": N_("afgewezen"),
    "added": N_("toegevoegd"),
    "edited": N_("aangepast"),
}
EVENT_WORDS = {
    "accept": N_("akkoord"),
    "reject": N_("afgewezen"),
    "edit": N_("andere woorden"),
    "level": N_("ander niveau"),
    "add": N_("toegevoegd"),
    "note": N_("notitie"),
    "undo": N_("teruggezet"),
    "finalise": N_("vastgesteld"),
    "direction": N_("werk gekozen"),
    "steps": N_("stappen gekozen"),
}


def evidence_of(skill: Skill) -> Evidence | None:
    """The person's own words the skill rests on (the first evidence with words)."""
    return next((e for a in skill.provenance for e in a.evidence if e.text), None)


def question_of(passport: Passport, dialogue: Dialogue, evidence: Evidence | None) -> str:
    """The question the person answered, as it was asked; from the passport first, since the dialogue
    may have changed since the interview."""
    if evidence is None or not evidence.question_id:
        return ""
    for experience in passport.experiences:
        if experience.question_id == evidence.question_id:
            return experience.question
    if evidence.question_id in dialogue:
        return dialogue.question(evidence.question_id).text
    return ""


def assessed_by(assessment: Assessment) -> str:
    if assessment.assessed_by == "self":
        return _("de persoon zelf")
    return assessment.assessor or assessment.assessed_by


class DraftScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", _("Terug")),
        Binding("a", "accept", _("Akkoord")),
        Binding("r", "reject", _("Afwijzen")),
        Binding("u", "undo", _("Terugzetten")),
    ]

    def __init__(self, context: AppContext, identity: CoachIdentity, passport_id: str) -> None:
        super().__init__()
        self.context = context
        self.identity = identity
        self.passport_id = passport_id
        self.review: Review | None = None
        self._prefilled = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static("", id="who", classes="title")
            yield Static("", id="other-language", classes="help")
            yield Static("", id="message", classes="error")
            yield DataTable(id="skills", cursor_type="row")
            yield Static("", id="detail", classes="evidence")
            with Horizontal(classes="actions"):
                yield Button(_("Akkoord (a)"), id="accept", variant="success")
                yield Button(_("Afwijzen (r)"), id="reject", variant="error")
            yield Label(_("Niveau. Voor een hoger niveau: het bewijs, en wie het bevestigt."))
            with Horizontal(classes="actions"):
                yield Input(placeholder=_("Bewijs, bijvoorbeeld: werkbriefje van 2025"), id="raise-evidence")
                yield Input(placeholder=_("Wie bevestigt het? Bijvoorbeeld: de werkgever"), id="raise-party")
            with Horizontal(classes="actions"):
                for level in LEVELS:
                    yield Button(level, id=f"level-{level}")
            yield Label(_("Andere woorden voor deze vaardigheid. De persoon ziet deze woorden."))
            with Horizontal(classes="actions"):
                yield Input(id="wording")
                yield Button(_("Woorden bewaren"), id="save-wording")
            yield Label(_("Vaardigheid toevoegen: typ een woord"))
            yield Input(placeholder=_("Bijvoorbeeld: metselen"), id="search")
            yield OptionList(id="results")
            yield Label(_("Notitie"))
            with Horizontal(classes="actions"):
                yield Input(placeholder=_("Schrijf een notitie"), id="note")
                yield Button(_("Notitie bewaren"), id="save-note")
            yield Static("", id="notes")
            with Horizontal(classes="actions"):
                yield Button(_("Terugzetten (u)"), id="undo")
                yield Button(_("Vaststellen"), id="finalise", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.review = Review(
                self.context.store, self.passport_id, self.identity.token, signer=self._signer()
            )
        except AssistantError as exc:
            self._message([exc.user_message()])
            return
        self.show(self.review.passport)
        self.query_one("#skills", DataTable).focus()

    # Showing -------------------------------------------------------------------------------------------

    def _signer(self) -> Signer | None:
        # An account made before coach keys has none and works unsigned; one whose key was revoked or
        # expired has one, and every change is then refused (E616, E617) until it gets a new key.
        if self.context.store.newest_coach_key(self.identity.name) is None:
            return None
        return signer_for(self.context.store, self.identity.name)

    def _message(self, lines: list[str]) -> None:
        message = self.query_one("#message", Static)
        message.update(Content("\n".join(lines)))
        message.set_class(bool(lines), "visible")

    def show(self, passport: Passport) -> None:
        state = (
            _("vastgesteld door {coach}").format(coach=passport.reviewed_by or "-")
            if passport.status == "reviewed"
            else _("concept")
        )
        self.query_one("#who", Static).update(
            Content(
                _("Paspoort van {name}: {state}").format(name=passport.person.nickname or "-", state=state)
            )
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
        years = self.context.settings.recheck_years
        old = {skill.id for skill in due_for_recheck(passport, years)}
        if old:
            lines.append(
                _(
                    "{count} vaardigheden zijn langer dan {years} jaar niet bekeken. Kijk ze opnieuw na."
                ).format(count=len(old), years=years)
            )
        self.query_one("#other-language", Static).update(Content("\n".join(lines)))
        table = self.query_one("#skills", DataTable)
        selected = self.selected_skill()
        table.clear(columns=True)
        table.add_columns(
            _("Vaardigheid"), _("Status"), _("Niveau"), _("Beoordeeld door"), _("Eigen woorden"), _("Vraag")
        )
        for skill in passport.skills:
            evidence = evidence_of(skill)
            table.add_row(
                Text(skill.label),
                _("{status}, opnieuw nakijken").format(status=_(STATUS_WORDS.get(skill.status, skill.status)))
                if skill.id in old
                else _(STATUS_WORDS.get(skill.status, skill.status)),
                skill.level,
                Text(assessed_by(skill.provenance[-1])),
                Text(evidence.text if evidence else ""),
                Text(question_of(passport, self.context.dialogue, evidence)),
                key=skill.id,
            )
        if selected is not None and passport.skill(selected) is not None:
            table.move_cursor(row=table.get_row_index(selected))
        notes = "\n".join(f"• {n.author}: {n.text}" for n in passport.notes)
        self.query_one("#notes", Static).update(Content(notes))
        self.show_detail()

    def show_detail(self) -> None:
        """The highlighted skill in full: the question, the whole answer, the standard, every judgement."""
        skill_id = self.selected_skill()
        passport = self.review.passport if self.review else None
        skill = passport.skill(skill_id) if passport and skill_id else None
        detail = self.query_one("#detail", Static)
        if passport is None or skill is None:
            detail.update("")
            return
        evidence = evidence_of(skill)
        lines = [
            _("Vraag: {question}").format(
                question=question_of(passport, self.context.dialogue, evidence) or "-"
            ),
            _("Eigen woorden: {words}").format(words=evidence.text if evidence else "-"),
        ]
        if evidence and evidence.answer_text and evidence.answer_text != evidence.text:
            lines.append(_("Hele antwoord: {answer}").format(answer=evidence.answer_text))
        standards = ", ".join(
            s.label or s.catalogue_id or s.uri or s.kind for s in skill.provenance[-1].standard
        )
        lines.append(_("Standaard: {standard}").format(standard=standards or "-"))
        for a in skill.provenance:
            lines.append(
                _("{date}: {who}, {verdict}, {level}").format(
                    date=a.date.strftime("%Y-%m-%d %H:%M"),
                    who=assessed_by(a),
                    verdict=_(VERDICT_WORDS.get(a.verdict, a.verdict)),
                    level=a.level,
                )
            )
        detail.update(Content("\n".join(lines)))
        for level in LEVELS:
            self.query_one(f"#level-{level}", Button).variant = (
                "primary" if level == skill.level else "default"
            )
        wording = self.query_one("#wording", Input)
        # Only replace what the coach has not started to change: typed words are never thrown away.
        if wording.value in ("", self._prefilled):
            wording.value = skill.label
            self._prefilled = skill.label

    def selected_skill(self) -> str | None:
        table = self.query_one("#skills", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value) if key.value else None

    # Changing ------------------------------------------------------------------------------------------

    def _do(self, change: Callable[[Review], Passport]) -> bool:
        """Runs one change; shows a conflict or another problem, and never loses what the coach typed."""
        if self.review is None:
            return False
        try:
            passport = change(self.review)
        except AssistantError as exc:
            lines = [exc.user_message()]
            if exc.code == "E307":
                lines += self._conflict()
            self._message(lines)
            return False
        self._message([])
        self.show(passport)
        return True

    def _conflict(self) -> list[str]:
        """Reads the newer draft and says what the other coach did; the change is not made."""
        assert self.review is not None
        others = self.review.events_since_read()
        self.show(self.review.reload())
        lines = [
            _("Het paspoort is opnieuw geladen. Uw wijziging is niet bewaard. Wat u typte, staat er nog.")
        ]
        for coach, action, detail, at in others:
            what = detail.get("label") or detail.get("to") or detail.get("text") or ""
            lines.append(
                _("Intussen: {coach}, {action}: {what} ({at})").format(
                    coach=coach,
                    action=_(EVENT_WORDS.get(action, action)),
                    what=what,
                    at=at[:16].replace("T", " "),
                )
            )
        return lines

    def action_accept(self) -> None:
        skill_id = self.selected_skill()
        if skill_id:
            self._do(lambda review: review.accept(skill_id))

    def action_reject(self) -> None:
        skill_id = self.selected_skill()
        if skill_id:
            self._do(lambda review: review.reject(skill_id))

    def change_level(self, level: str) -> None:
        skill_id = self.selected_skill()
        chosen = next((known for known in LEVELS if known == level), None)
        evidence = self.query_one("#raise-evidence", Input)
        party = self.query_one("#raise-party", Input)
        if skill_id and chosen is not None:
            # A raise without both is refused by the review (E507), shown here; what was typed stays.
            done = self._do(
                lambda review: review.change_level(
                    skill_id, chosen, evidence=evidence.value, confirmed_by=party.value
                )
            )
            if done:
                evidence.value = party.value = ""

    def action_undo(self) -> None:
        self._do(lambda review: review.undo())

    def finalise(self) -> None:
        self._do(lambda review: review.finalise())

    def save_wording(self) -> None:
        skill_id = self.selected_skill()
        wording = self.query_one("#wording", Input)
        if skill_id and self._do(lambda review: review.edit_wording(skill_id, wording.value)):
            self._prefilled = wording.value

    def save_note(self) -> None:
        note = self.query_one("#note", Input)
        if self._do(lambda review: review.add_note(note.value)):
            note.value = ""

    def action_close(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "accept":
            self.action_accept()
        elif button == "reject":
            self.action_reject()
        elif button.startswith("level-"):
            self.change_level(button.removeprefix("level-"))
        elif button == "save-wording":
            self.save_wording()
        elif button == "save-note":
            self.save_note()
        elif button == "undo":
            self.action_undo()
        elif button == "finalise":
            self.finalise()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "search":
            return
        results = self.query_one("#results", OptionList)
        results.clear_options()
        for skill in search_skills(self.context.matcher, event.value):
            results.add_option(Option(Content(f"{skill.label} ({skill.source})"), id=skill.id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "note":
            self.save_note()
        elif event.input.id == "wording":
            self.save_wording()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        ref = event.option.id
        if ref and self._do(lambda review: review.add_skill(self.context.catalogue, ref, "")):
            self.query_one("#search", Input).value = ""
