"""Messages the kiosk screens send to the app, which turns them into interview steps."""

from __future__ import annotations

from textual.message import Message

from assistant.display_preferences import Preference
from assistant.interview.records import Verdict
from assistant.passport.consent import Part, ReceiverKind


class Answered(Message):
    """The person gave an answer: chosen button ids, or typed text."""

    def __init__(self, values: list[str] | None = None, text: str | None = None) -> None:
        super().__init__()
        self.values = values or []
        self.text = text


class Skipped(Message):
    """The person chose Overslaan."""


class DontKnow(Message):
    """The person chose Weet ik niet."""


class WentBack(Message):
    """The person chose Terug."""


class Confirmed(Message):
    """The person answered "Klopt dit?" for one proposed skill."""

    def __init__(self, skill_ref: str, verdict: Verdict) -> None:
        super().__init__()
        self.skill_ref = skill_ref
        self.verdict = verdict


class StartRequested(Message):
    """Begin a new interview. An unfinished one is never taken up from here: only with its code."""


class GoHome(Message):
    """Back to the welcome screen, showing nothing of the person."""


class ReadAloud(Message):
    """The person pressed "Lees voor": say the screen again."""


class LanguageRequested(Message):
    """The person wants to choose another language."""


class LanguageChosen(Message):
    """The person chose a language; everything is shown (and read) in it from now on."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language


class SettingsRequested(Message):
    """The person wants to change how the kiosk looks or sounds."""


class PreferenceToggled(Message):
    """One setting switched on or off: reading aloud, slow speech, large text or strong contrast."""

    def __init__(self, name: Preference) -> None:
        super().__init__()
        self.name = name


class PauseRequested(Message):
    """The person wants to stop now and go on later with a code."""


class CodeRequested(Message):
    """The person has a resume code and wants to type it in."""


class CodeEntered(Message):
    """The person typed a resume code."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


class ShareRequested(Message):
    """The holder wants to choose who may see which parts of the passport."""


class ConsentChosen(Message):
    """The holder chose what to share with whom, for what and how long."""

    def __init__(
        self, parts: list[Part], receiver_kind: ReceiverKind, receiver: str, purpose: str, days: int
    ) -> None:
        super().__init__()
        self.parts = parts
        self.receiver_kind = receiver_kind
        self.receiver = receiver
        self.purpose = purpose
        self.days = days


class ConsentWithdrawn(Message):
    """The holder takes back an earlier consent."""

    def __init__(self, consent_id: str) -> None:
        super().__init__()
        self.consent_id = consent_id


class EraseRequested(Message):
    """The holder wants the passport and every answer erased."""


class EraseConfirmed(Message):
    """The holder said yes: erase everything now."""
