"""The holder keeps control after the visit: a lasting code that still opens the passport when the 30-day
resume window is over, and with it withdrawing consent and erasing without staff; a renewed code makes the
old one fail; a coach or union counsellor sees a passport only when its holder let them, and every look
(and every refused look) is in the access log."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime, timedelta

import pytest

from assistant import holder, holder_code, sharing
from assistant.context import AppContext
from assistant.errors import AssistantError, InputError
from assistant.interview import desk
from assistant.interview.session import InterviewSession
from assistant.passport.review import Review
from assistant.resume_code import Attempts
from assistant.storage import Store
from assistant.storage import schema as t
from tests.conftest import ASSISTENT, coach_session

NAME = "Kwikstaart4410"


def finished_passport(context: AppContext, name: str = NAME) -> tuple[str, str]:
    """(passport id, resume code) of a short whole interview, as the kiosk finishes it."""
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text=name)
    session.answer(values=["ja"])
    session.answer(values=["anders"])
    session.answer(text="ik metselde tien jaar muren")
    for p in session.pending():
        session.confirm(p.skill_ref, "ja")
    while not session.finished:
        session.skip()
    code = session.ensure_resume_code()
    return session.finish().id, code


def _age_everything(store: Store, days: int) -> None:
    """Time injected: the interview's last answer was `days` ago."""
    then = (datetime.now(UTC) - timedelta(days=days)).isoformat()
    with store._tx() as conn:
        conn.execute(t.sessions.update().values(updated_at=then))


def test_the_lasting_code_opens_the_passport_after_the_resume_window_and_lets_the_holder_act(
    context: AppContext,
) -> None:
    store = context.store
    pid, resume = finished_passport(context)
    code = holder.issue_code(store, pid)
    assert len(code) == 12 and code.isdigit() and code[:8] != resume
    consent = sharing.give_consent(
        store, pid, ["skills"], "employer", "Bouw BV", "Solliciteren", date.today() + timedelta(days=90), "x"
    )
    _age_everything(store, 40)

    with pytest.raises(InputError) as old:
        desk.find_by_code(store, Attempts(), resume, context.settings.resume_code_days)
    assert old.value.code == "E107", "the resume code has stopped after 30 days"
    assert holder.open_with_code(store, holder.HolderAttempts(), holder_code.shown(code)) == pid

    holder.withdraw(store, pid, consent.id)
    assert store.consent(consent.id).withdrawn_at is not None
    holder.erase(store, pid)
    with pytest.raises(AssistantError) as gone:
        store.passport(pid)
    assert gone.value.code == "E301"
    with pytest.raises(InputError) as after:
        holder.open_with_code(store, holder.HolderAttempts(), code)
    assert after.value.code == "E518", "an erased passport's code opens nothing"


def test_a_holder_cannot_withdraw_someone_elses_consent(context: AppContext) -> None:
    mine, _ = finished_passport(context)
    theirs, _ = finished_passport(context, "Merel2231")
    consent = sharing.give_consent(
        context.store, theirs, ["skills"], "school", "ROC", "Opleiding", date.today() + timedelta(days=9), "x"
    )
    with pytest.raises(AssistantError) as refused:
        holder.withdraw(context.store, mine, consent.id)
    assert refused.value.code == "E501"
    assert context.store.consent(consent.id).withdrawn_at is None


def test_renewing_at_a_desk_makes_the_old_code_fail_and_is_logged(context: AppContext) -> None:
    store = context.store
    pid, _ = finished_passport(context)
    old = holder.issue_code(store, pid)
    token = coach_session(store, "Anja", holders_said_yes=False)
    new = holder.renew_code(store, pid, token)
    assert new != old
    with pytest.raises(InputError) as refused:
        holder.open_with_code(store, holder.HolderAttempts(), old)
    assert refused.value.code == "E518"
    assert holder.open_with_code(store, holder.HolderAttempts(), new) == pid
    assert ("Anja", "holder-code-renewed") in [(e.actor, e.action) for e in store.access_log(pid)]


def test_renewing_from_the_command_line_needs_a_coach_login(context: AppContext) -> None:
    from assistant.coach_accounts import add_user

    pid, _ = finished_passport(context)
    old = holder.issue_code(context.store, pid)
    add_user(context.store, "Anja", "een-lang-wachtwoord")

    def run(stdin: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(ASSISTENT), "houder", "nieuwe-code", pid, "--db", str(context.settings.database)],
            input=stdin, capture_output=True, text=True, timeout=60, check=False,
            env={**os.environ, "ASSISTENT_DATA_DIR": str(context.settings.data_dir)},
        )  # fmt: skip

    wrong = run("Anja\nfout-wachtwoord-123\n")
    assert wrong.returncode == 2 and "E309" in wrong.stderr
    assert holder.open_with_code(context.store, holder.HolderAttempts(), old) == pid, "nothing changed"
    done = run("Anja\neen-lang-wachtwoord\n")
    assert done.returncode == 0, done.stderr
    new = "".join(c for c in done.stdout.splitlines()[0] if c.isdigit())
    assert len(new) == 12
    assert holder.open_with_code(context.store, holder.HolderAttempts(), new) == pid
    with pytest.raises(InputError):
        holder.open_with_code(context.store, holder.HolderAttempts(), old)


@pytest.mark.parametrize(
    "typed", ["", " ", "1" * 5000, "1234 5678 90🙂1", "1234\x00567890123", None, "12345678"]
)
def test_bad_lasting_codes_get_a_kind_coded_error_and_cost_no_try(context: AppContext, typed: object) -> None:
    attempts = holder.HolderAttempts()
    with pytest.raises(InputError) as refused:
        holder.open_with_code(context.store, attempts, typed)
    assert refused.value.code == "E517" and "12 cijfers" in refused.value.person_message()
    assert attempts.seconds_left(context.store, context.store.origin) == 0


def test_guessing_lasting_codes_is_slowed_down_at_the_desk(context: AppContext) -> None:
    now = [1000.0]
    attempts = holder.HolderAttempts(clock=lambda: now[0])
    pid, _ = finished_passport(context)
    code = holder.issue_code(context.store, pid)
    for guess in range(5):
        with pytest.raises(InputError):
            holder.open_with_code(context.store, attempts, f"{guess:012d}")
    with pytest.raises(InputError) as waiting:
        holder.open_with_code(context.store, attempts, code)
    assert waiting.value.code == "E522", "even the right code waits: guesses are not told apart"
    now[0] += 61
    assert holder.open_with_code(context.store, attempts, code) == pid


def test_a_coach_sees_a_passport_only_when_the_holder_said_yes(context: AppContext) -> None:
    store = context.store
    pid, _ = finished_passport(context)
    token = coach_session(store, "Sanne", holders_said_yes=False)
    assert store.passports(coach_token=token) == []
    with pytest.raises(AssistantError) as refused:
        Review(store, pid, token)
    assert refused.value.code == "E515"
    assert ("Sanne", "view-refused") in [(e.actor, e.action) for e in store.access_log()]

    holder.choose_coach(store, pid, True, None)
    assert [row[0] for row in store.passports(coach_token=token)] == [pid]
    Review(store, pid, token)
    looks = [(e.actor, e.action) for e in store.access_log(pid)]
    assert ("Sanne", "viewed") in looks and ("eigenaar", "coach-permission") in looks

    holder.choose_coach(store, pid, False, None)  # the holder changes their mind later
    assert store.passports(coach_token=token) == []
    with pytest.raises(AssistantError):
        store.passport(pid, coach_token=token)


def test_a_union_counsellor_sees_only_holders_who_chose_that_union(context: AppContext) -> None:
    store = context.store
    fnv_member, _ = finished_passport(context)
    cnv_member, _ = finished_passport(context, "Spreeuw8812")
    no_union, _ = finished_passport(context, "Mus5521")
    holder.choose_coach(store, fnv_member, True, "FNV")
    holder.choose_coach(store, cnv_member, True, "CNV")
    holder.choose_coach(store, no_union, True, None)
    fnv = coach_session(store, "Fenna", "vakbondsconsulent", holders_said_yes=False)
    store.set_counsellor_union("Fenna", "FNV")
    coach = coach_session(store, "Sanne", holders_said_yes=False)

    assert [row[0] for row in store.passports(coach_token=fnv)] == [fnv_member]
    for other in (cnv_member, no_union):
        with pytest.raises(AssistantError) as refused:
            store.passport(other, coach_token=fnv)
        assert refused.value.code == "E515"
    assert {row[0] for row in store.passports(coach_token=coach)} == {fnv_member, cnv_member, no_union}
    with pytest.raises(AssistantError) as unknown:
        holder.choose_coach(store, no_union, True, "Bond van Niemand")
    assert unknown.value.code == "E516"
