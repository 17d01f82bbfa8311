"""The return visit: a short follow-up interview for the holder of a finished passport.

It asks only what is new since the last visit (`dialogues/followup.yaml`): its first question names the
date of that visit, written by Babel in the person's language. Nothing from earlier interviews is asked
again. New answers are matched to skills as in the intake, and the person says "Klopt dit?" for each. At
the end the additions go into the same passport as a new version made by the holder
(`passport.return_visit`); the old version stays in the history, and skills nobody judged for
`recheck_years` are marked for the coach to look at again, never deleted.

The follow-up is an interview of its own, linked to the passport, with its own resume code: a coach can
start one (`assistent vervolg ID`) and give the holder that code, or the holder starts one at the kiosk.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol, Unpack

from assistant.dialogue.engine import Interview
from assistant.dialogue.model import Dialogue
from assistant.errors import StorageError
from assistant.i18n import _
from assistant.interview.desk import DeskStore, pause_others, take_up
from assistant.interview.records import SessionRecord
from assistant.interview.session import InterviewSession, SessionOptions
from assistant.interview.store_port import InterviewStore
from assistant.passport.build import build_passport
from assistant.passport.history import PassportVersion, day
from assistant.passport.model import Passport
from assistant.passport.return_visit import SINCE_QUESTION, add_return_visit
from assistant.skills.assembly import Matcher

FOLLOWUP_DIALOGUE = "followup"


class FollowUpStore(InterviewStore, Protocol):
    def passport(self, passport_id: str) -> Passport: ...

    def passport_version(self, passport_id: str) -> int: ...

    def passport_history(self, passport_id: str) -> list[PassportVersion]: ...

    def link_session(self, session_id: str, passport_id: str) -> None: ...

    def finish_followup(
        self, session_id: str, passport: Passport, expected_version: int, detail: dict[str, object]
    ) -> int: ...


def last_visit(versions: list[PassportVersion]) -> datetime:
    """When the holder last added to the passport: the newest version they made (else the first one)."""
    own = [v.at for v in versions if v.actor_kind == "holder"]
    return max(own) if own else versions[0].at


def personalised(dialogue: Dialogue, since: datetime, language: str) -> Dialogue:
    """The follow-up with the date of the last visit in its first question, in the person's language."""
    data = dialogue.model_dump()
    for question in data["questions"]:
        if question["id"] == SINCE_QUESTION:
            question["text"] = _(question["text"]).format(datum=day(since, language))
    return Dialogue.model_validate(data)


def _open(
    store: FollowUpStore, dialogue: Dialogue, passport_id: str, language: str
) -> tuple[SessionRecord, datetime]:
    if dialogue.id != FOLLOWUP_DIALOGUE:
        raise ValueError(f"not the follow-up dialogue: {dialogue.id}")
    since = last_visit(store.passport_history(passport_id))  # E301 for a passport that is not there
    record = store.create_session(dialogue.id, dialogue.version, language, [dialogue.start])
    store.link_session(record.id, passport_id)
    return record, since


def prepare_for_holder(store: FollowUpStore, dialogue: Dialogue, passport_id: str, language: str) -> str:
    """A coach starts a follow-up for the holder: it waits, paused, for the code this returns, which the
    holder types at any kiosk ("Ik heb een code")."""
    record, _since = _open(store, dialogue, passport_id, language)
    store.set_session_status(record.id, "paused")
    return store.new_resume_code(record.id)


class FollowUpSession(InterviewSession):
    """An interview that adds to an existing passport instead of making a new one."""

    passport_id: str
    since: datetime
    recheck_years: int
    passports: FollowUpStore
    """The same store as `store`, seen with what a follow-up needs of it."""

    @classmethod
    def begin(
        cls,
        store: FollowUpStore,
        dialogue: Dialogue,
        matcher: Matcher,
        passport_id: str,
        recheck_years: int,
        language: str = "nl",
        **options: Unpack[SessionOptions],
    ) -> FollowUpSession:
        """A new follow-up for the passport, with its own resume code."""
        record, since = _open(store, dialogue, passport_id, language)
        session = cls._made(store, dialogue, matcher, record, passport_id, since, recheck_years, options)
        session.resume_code = store.new_resume_code(record.id)
        return session

    @classmethod
    def take_up(
        cls,
        store: FollowUpStore,
        dialogue: Dialogue,
        matcher: Matcher,
        record: SessionRecord,
        recheck_years: int,
        **options: Unpack[SessionOptions],
    ) -> FollowUpSession:
        """A follow-up brought back by its code; a finished one cannot go on (E306)."""
        if record.status == "finished" or record.passport_id is None:
            raise StorageError("E306")
        if record.status != "active":
            store.set_session_status(record.id, "active")
        versions = store.passport_history(record.passport_id)
        # The date of the visit before this one: this follow-up has not added a version yet.
        since = last_visit(versions)
        return cls._made(store, dialogue, matcher, record, record.passport_id, since, recheck_years, options)

    @classmethod
    def _made(
        cls,
        store: FollowUpStore,
        dialogue: Dialogue,
        matcher: Matcher,
        record: SessionRecord,
        passport_id: str,
        since: datetime,
        recheck_years: int,
        options: SessionOptions,
    ) -> FollowUpSession:
        shown = personalised(dialogue, since, record.language)
        interview = Interview(shown, answers=store.answers(record.id), history=record.history)
        session = cls(store, shown, matcher, record, interview, **options)
        session.passport_id, session.since, session.recheck_years = passport_id, since, recheck_years
        session.passports = store
        return session

    def finish(self) -> Passport:
        """Adds what is new to the passport as a new version, and closes the follow-up."""
        store = self.passports
        addition = build_passport(
            self.dialogue,
            self.interview,
            self.store.proposals(self.id),
            self.catalogue,
            self.id,
            self.record.language,
        )
        version = store.passport_version(self.passport_id)
        passport = store.passport(self.passport_id)
        now = datetime.now(UTC)
        merged, due = add_return_visit(passport, addition, now, self.recheck_years)
        detail: dict[str, object] = {"session": self.id, "recheck": [s.id for s in due]}
        store.finish_followup(self.id, merged, version, detail)
        return merged


class ReturnDeskStore(DeskStore, FollowUpStore, Protocol):
    """A desk's store, as a return visit uses it."""


def start_at_desk(
    store: ReturnDeskStore,
    dialogue: Dialogue,
    matcher: Matcher,
    passport_id: str,
    recheck_years: int,
    language: str,
    **options: Unpack[SessionOptions],
) -> FollowUpSession:
    """A follow-up started at the kiosk, the only open interview at the desk (see `desk`)."""
    pause_others(store)
    return FollowUpSession.begin(store, dialogue, matcher, passport_id, recheck_years, language, **options)


def take_up_at_desk(
    store: ReturnDeskStore,
    intake: Dialogue,
    followup: Dialogue | None,
    matcher: Matcher,
    record: SessionRecord,
    recheck_years: int,
    **options: Unpack[SessionOptions],
) -> InterviewSession:
    """An interview brought back by its code, intake or follow-up, each with its own dialogue."""
    if record.dialogue != FOLLOWUP_DIALOGUE:
        return take_up(store, intake, matcher, record.id, **options)
    if followup is None:
        raise StorageError("E306")
    pause_others(store, keep=record.id)
    return FollowUpSession.take_up(store, followup, matcher, record, recheck_years, **options)
