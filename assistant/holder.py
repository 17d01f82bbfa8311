"""The holder after the visit: a lasting code to see, share, withdraw and erase without staff, at any desk;
renewing it with a coach who checked who they are; and whether a coach (or which union's counsellor) may
look. Both kiosks and the command line come here, so each path is checked and logged the same way.

The lasting code is separate from the resume code: that one only brings back an unfinished interview, and
stops 30 days after the last answer; this one opens the finished passport for as long as it exists, until
it is renewed (which makes the old one stop working).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from assistant import holder_code, sharing
from assistant.errors import AssistantError, InputError
from assistant.interview.access import HOLDER
from assistant.interview.followup import FollowUpSession
from assistant.interview.session import InterviewSession
from assistant.passport.consent import Consent
from assistant.passport.model import Passport
from assistant.storage import Store
from assistant.storage.holder_access import HolderChoices
from assistant.throttling import Throttle, ThrottlePolicy

#: Wrong lasting codes at one desk: as for resume codes (after 5 a minute's wait, doubling up to an hour),
#: counted apart from them, and a right code does not wipe the count.
#: The intake's last questions (dialogues/intake.yaml): may a coach look, and which union's counsellor.
COACH_QUESTION = "coach_meekijken"
UNION_QUESTION = "coach_vakbond"
UNION_CHOICES = {"fnv": "FNV", "cnv": "CNV"}

HOLDER_CODE_POLICY = ThrottlePolicy(
    kind="holder-code", per="desk", first_wait=60, max_wait=3600, forget_after=1800, clear_on_success=False
)


class HolderAttempts(Throttle):
    """Slows down guessing of lasting codes at one desk, counted in the store (kept across restarts)."""

    def __init__(
        self, policy: ThrottlePolicy = HOLDER_CODE_POLICY, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(policy, clock)


def _hashes(store: Store, code: str) -> list[str]:
    return [holder_code.digest(code, s) for s in store.cipher.derive_secrets(holder_code.HOLDER_PURPOSE)]


def issue_code(store: Store, passport_id: str, actor: str = HOLDER) -> str:
    """A new lasting code for the passport; any code it had stops working. Shown once, never kept."""
    code = holder_code.new_holder_code()
    store.set_holder_code(passport_id, _hashes(store, code)[0])
    store.log_access(actor, "holder-code-made", passport_id, {})
    return code


def renew_code(store: Store, passport_id: str, coach_token: str) -> str:
    """At a desk, after a coach checked who the holder is: a new lasting code, the old one stops working.
    Needs no permission to look at the passport (a holder who said Nee must still get back in)."""
    coach, _role = store.check_coach(coach_token)
    store.passport_version(passport_id)  # E301 for an unknown id, before anything changes
    code = holder_code.new_holder_code()
    store.set_holder_code(passport_id, _hashes(store, code)[0])
    store.log_access(coach, "holder-code-renewed", passport_id, {}, coach_token=coach_token)
    return code


def open_with_code(store: Store, attempts: HolderAttempts, typed: object) -> str:
    """The passport a typed lasting code opens, logged as the holder's look. A malformed code is E517 and
    costs no try; a wrong one is E518 and counts; while the desk must wait, every code is E522."""
    code = holder_code.normalise_holder(typed)
    left = attempts.seconds_left(store, store.origin)
    if left:
        raise InputError("E522", seconds=left)
    passport_id = store.passport_by_holder_code(_hashes(store, code))
    if passport_id is None:
        attempts.failed(store, store.origin)
        raise InputError("E518")
    attempts.succeeded(store, store.origin)
    store.log_access(HOLDER, "viewed", passport_id, {"with": "holder-code"})
    return passport_id


def withdraw(store: Store, passport_id: str, consent_id: str) -> Consent:
    """The holder stops one consent of their own passport (E501 for another passport's)."""
    if store.consent(consent_id).passport_id != passport_id:
        raise AssistantError("E501", id=consent_id)
    return sharing.withdraw_consent(store, consent_id, HOLDER)


def erase(store: Store, passport_id: str) -> None:
    sharing.erase(store, passport_id, HOLDER)


def choose_coach(store: Store, passport_id: str, allowed: bool, union: str | None) -> HolderChoices:
    """The answer to "Mag een coach meekijken?" and the union chosen (None: no counsellor); logged."""
    choices = store.allow_coach(passport_id, allowed, union if allowed else None)
    store.log_access(
        HOLDER, "coach-permission", passport_id, {"coach": allowed, "union": choices.union or "-"}
    )
    return choices


def finish_interview(store: Store, session: InterviewSession) -> tuple[Passport, str | None]:
    """The kiosk's last step: the passport is made and saved, the holder's answer to "Mag een coach
    meekijken?" (and the union) becomes their standing choice, and a lasting code is made, to show once.
    Both kiosks end here, so they cannot differ. No clear Ja (skipped, "Weet ik niet", Nee) keeps the
    passport from every coach.

    A return visit's follow-up asks neither question: the holder's choices and lasting code stay as they
    were (no code to show), so the code they came back with keeps working and no coach loses their look."""
    passport = session.finish()
    if isinstance(session, FollowUpSession):
        return passport, None
    answers = {a.question_id: a for a in session.interview.path_answers() if a.counts}
    said = answers.get(COACH_QUESTION)
    allowed = said is not None and "ja" in said.values
    union_values = answers[UNION_QUESTION].values if UNION_QUESTION in answers else []
    union = next((UNION_CHOICES[v] for v in union_values if v in UNION_CHOICES), None)
    choose_coach(store, passport.id, allowed, union)
    return passport, issue_code(store, passport.id)


def stop_sharing(store: Store, passport_id: str) -> int:
    """ "Stoppen met delen": every consent of the passport still running is withdrawn; how many."""
    running = [c for c in store.consents(passport_id) if c.is_valid()]
    for consent in running:
        sharing.withdraw_consent(store, consent.id, HOLDER)
    return len(running)


def set_skill_hidden(store: Store, passport_id: str, skill_ref: str, hidden: bool) -> HolderChoices:
    """Hides one skill from everything shared from now on (or shows it again); logged, the ref not named
    (the log says that the holder chose, not what)."""
    refs = set(store.holder_choices(passport_id).hidden)
    refs = refs | {skill_ref} if hidden else refs - {skill_ref}
    choices = store.hide_skills(passport_id, frozenset(refs))
    store.log_access(HOLDER, "skill-hidden" if hidden else "skill-shown", passport_id, {})
    return choices
