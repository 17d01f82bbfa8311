"""One person, every desk: two (or three) desks, each with its own SQLite file, and one real central
PostgreSQL that the desks reach with a kiosk login (the server's least privilege, migration 0007). A resume
code given at desk A works at desk B with the coach's changes; desk B's answers reach the central store;
offline a desk shows its own copy and says from when; guessing is slowed down once for the whole region,
also across kiosk processes started anew from their settings."""

from __future__ import annotations

import multiprocessing
import secrets
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from assistant import resume_code
from assistant.config import Settings
from assistant.context import AppContext, load_context
from assistant.errors import AssistantError, InputError, StorageError
from assistant.interview import desk
from assistant.interview.access import holder_views
from assistant.interview.session import InterviewSession
from assistant.passport.changes import coach_changes
from assistant.passport.review import Review
from assistant.resume_code import Attempts
from assistant.storage import Store
from assistant.storage.central_link import CentralLink
from assistant.storage.roles import login_role_sql
from assistant.storage.sync import send_outbox
from assistant.ui.coach_drafts import passport_by_code
from tests.central_region import BROKEN_URL, Clock, Region, make_region
from tests.conftest import coach_session, let_coaches_look
from tests.pg_server import PostgresServer

MARK = "Grutto4417"


@pytest.fixture
def region(pg_server: PostgresServer, pg_url: str) -> Iterator[Region]:
    yield make_region(pg_server, pg_url)


_OPEN: list[Store | CentralLink] = []


@pytest.fixture
def opened() -> Iterator[Callable[[Store], Store]]:
    def keep(store: Store) -> Store:
        _OPEN.append(store)
        return store

    yield keep
    while _OPEN:
        _OPEN.pop().close()


def _desk(region: Region, folder: Path, name: str, url: str | None = None) -> tuple[Store, CentralLink]:
    """A desk as a kiosk process opens it: its own file with an outbox, and its link to the central store
    (both closed after the test, with the `opened` fixture)."""
    local = Store(folder / f"{name}.sqlite3", region.cipher, outbox=True)
    link = CentralLink(local, lambda: Store(url or region.kiosk_url, region.cipher))
    _OPEN.extend([local, link])
    return local, link


def _send(local: Store, region: Region) -> int:
    sender = Store(region.kiosk_url, region.cipher)  # the desk's sync sender, under the kiosk login
    try:
        return send_outbox(local, sender)
    finally:
        sender.close()


def _start(store: Store, context: AppContext) -> InterviewSession:
    session = InterviewSession.start(store, context.dialogue, context.matcher)
    session.answer(text=MARK)
    session.answer(values=["ja"])
    return session


def _finish(session: InterviewSession) -> str:
    session.answer(values=["anders"])
    session.answer(text=f"Ik heb bij {MARK} muren gemetseld en tegels gezet en gevoegd", personal="keep")
    for proposal in session.pending():
        session.confirm(proposal.skill_ref, "ja")
    while not session.finished:
        session.skip()
    return session.finish().id


def test_a_passport_reviewed_centrally_opens_at_another_desk_with_the_coachs_changes(
    context: AppContext, region: Region, tmp_path: Path, opened: Callable[[Store], Store]
) -> None:
    desk_a, _link_a = _desk(region, tmp_path, "a")
    session = _start(desk_a, context)
    code = session.ensure_resume_code()
    pid = _finish(session)
    assert _send(desk_a, region) > 0

    # The coach reviews on the central store, with the review module.
    central = opened(Store(region.owner_url, region.cipher))
    review = Review(central, pid, coach_session(central, "Coach Anja"))
    skills = review.passport.skills
    assert len(skills) >= 2, "the interview found skills to review"
    review.accept(skills[0].id)
    review.reject(skills[1].id, note="Niet zelf gedaan")
    review.edit_wording(skills[0].id, "Muren metselen met kalkmortel")

    desk_b, link_b = _desk(region, tmp_path, "b")
    with pytest.raises(StorageError):  # desk B has never seen this passport
        desk_b.passport(pid)
    found = desk.find_by_code(desk_b, Attempts(), code, 30, link_b)
    assert found.record.status == "finished" and found.own_copy_from is None
    passport = holder_views(desk_b, pid)
    assert passport.skill(skills[0].id).label == "Muren metselen met kalkmortel"
    assert passport.skill(skills[1].id).status == "rejected"
    told = " ".join(coach_changes(passport, context.catalogue))
    assert "Coach Anja vond dit goed" in told and "Coach Anja haalde dit weg" in told
    assert "Muren metselen met kalkmortel" in told
    # The history came along: desk B shows what was there before the coach's changes, and who made them.
    history = desk_b.passport_history(pid)
    assert history[0].actor_kind == "holder" and history[-1].actor == "Coach Anja"
    assert history[0].passport.skill(skills[0].id).label != "Muren metselen met kalkmortel"

    # Desk B's view is logged at the central store too, and the code is stored nowhere as typed.
    assert _send(desk_b, region) > 0
    assert any(e.actor == "eigenaar" and e.passport_id == pid for e in central.access_log(pid))
    with psycopg.connect(region.owner_url) as db:
        stored = db.execute("SELECT resume_code FROM sessions").fetchall()
    assert stored and all(code not in str(row) for row in stored)
    assert code.encode() not in (tmp_path / "b.sqlite3").read_bytes()


def test_an_interview_begun_at_desk_a_goes_on_at_desk_b_and_both_reach_the_central_store(
    context: AppContext, region: Region, tmp_path: Path, opened: Callable[[Store], Store]
) -> None:
    desk_a, _link = _desk(region, tmp_path, "a")
    at_a = _start(desk_a, context)
    code = at_a.ensure_resume_code()
    where_a_stopped = at_a.current
    at_a.pause()
    _send(desk_a, region)

    desk_b, link_b = _desk(region, tmp_path, "b")
    found = desk.find_by_code(desk_b, Attempts(), code, 30, link_b)
    at_b = desk.take_up(desk_b, context.dialogue, context.matcher, found.record.id)
    assert at_b.current == where_a_stopped, "the person goes on with the question they stopped at"
    assert at_b.interview.answers["naam"].text == MARK
    pid = _finish(at_b)
    assert _send(desk_b, region) > 0

    central = opened(Store(region.owner_url, region.cipher))
    answers = central.answers(found.record.id)
    assert answers["naam"].text == MARK, "desk A's answer"
    assert "gemetseld" in (answers["werk_anders"].text if "werk_anders" in answers else str(answers))
    assert central.session(found.record.id).status == "finished"
    assert central.passport(pid).person.nickname == MARK
    origins = {origin for _event, origin, _seq in central.applied_events()}
    assert origins == {desk_a.origin, desk_b.origin}, "each desk's events, each once"

    # Back at desk A later: it fetches what happened at desk B instead of showing its older copy.
    again = desk.find_by_code(desk_a, Attempts(), code, 30, _link)
    assert again.record.status == "finished" and desk_a.passport(pid).person.nickname == MARK


def test_offline_a_desk_shows_its_own_copy_and_says_from_when(
    context: AppContext, region: Region, tmp_path: Path, opened: Callable[[Store], Store]
) -> None:
    desk_a, _link = _desk(region, tmp_path, "a")
    session = _start(desk_a, context)
    code = session.ensure_resume_code()
    session.pause()
    _send(desk_a, region)
    desk_b, link_b = _desk(region, tmp_path, "b")
    desk.find_by_code(desk_b, Attempts(), code, 30, link_b)  # desk B now has its own copy
    link_b.close()

    # The central store cannot be reached (a broken URL): desk B goes on with its copy and says so.
    offline = CentralLink(desk_b, lambda: Store(BROKEN_URL, region.cipher))
    _OPEN.append(offline)
    found = desk.find_by_code(desk_b, Attempts(), code, 30, offline)
    assert found.record.id == session.id and found.own_copy_from is not None
    note = desk.own_copy_note(found)
    assert note is not None and note.startswith("Dit is wat dit loket weet van ")
    assert found.own_copy_from.astimezone().strftime("%d-%m-%Y") in note

    # A desk that never saw the code cannot check it now: a kind message, and nothing is lost.
    desk_c, back_online = _desk(region, tmp_path, "c")
    with pytest.raises(InputError) as caught:
        desk.find_by_code(
            desk_c, Attempts(), code, 30, CentralLink(desk_c, lambda: Store(BROKEN_URL, region.cipher))
        )
    assert caught.value.code == "E331" and "later" in caught.value.person_message()
    found_later = desk.find_by_code(desk_c, Attempts(), code, 30, back_online)
    assert found_later.record.id == session.id, "once the central store answers, the same code works"

    # Offline, guessing is still slowed down, in the desk's own file.
    attempts = Attempts(clock=Clock())
    for _ in range(5):
        with pytest.raises(InputError) as wrong:
            desk.find_by_code(desk_b, attempts, "0000 0000", 30, offline)
        assert wrong.value.code in ("E107", "E331")
    with pytest.raises(InputError) as waiting:
        desk.find_by_code(desk_b, attempts, code, 30, offline)
    assert waiting.value.code == "E332"


def _try(store: Store, link: CentralLink, attempts: Attempts, typed: str) -> str:
    try:
        desk.find_by_code(store, attempts, typed, 30, link)
    except InputError as exc:
        return exc.code
    return "ok"


def test_fifty_wrong_codes_over_three_restarted_kiosks_are_slowed_down_as_one(
    context: AppContext, region: Region, tmp_path: Path, opened: Callable[[Store], Store]
) -> None:
    desk_a, _link = _desk(region, tmp_path, "a")
    session = _start(desk_a, context)
    code = session.ensure_resume_code()
    session.pause()
    _send(desk_a, region)
    wrong = f"{(int(code) + 1) % 10**8:08d}"
    clock = Clock()
    names = ["a", "b", "c"]

    def restart() -> list[tuple[Store, CentralLink, Attempts]]:
        # Each kiosk process starts anew: a new store object, a new link, a new Attempts (nothing in memory).
        kiosks = []
        for name in names:
            local, link = _desk(region, tmp_path, name)
            kiosks.append((local, link, Attempts(clock=clock)))
        return kiosks

    kiosks = restart()
    spread = [0, 1, 2, 0, 1]  # five wrong codes, no desk more than two
    for i in spread:
        assert _try(*kiosks[i], wrong) == "E107"
    kiosks = restart()
    for store, link, attempts in kiosks:
        refused = _try(store, link, attempts, code)
        assert refused == "E332", "after the limit, the right code is refused at every desk"
    with pytest.raises(InputError) as told:
        desk.find_by_code(*kiosks[2][:1], kiosks[2][2], code, 30, kiosks[2][1])
    assert "Wacht 1 minuut" in told.value.person_message()

    waited, guesses = 0.0, len(spread)
    while guesses < 50:
        store, link, attempts = kiosks[guesses % 3]
        result = _try(store, link, attempts, wrong)
        if result == "E332":
            left = attempts.seconds_left(link.counts(), desk.REGION)
            clock.now += left
            waited += left
            continue
        assert result == "E107"
        guesses += 1
        if guesses % 10 == 0:
            kiosks = restart()
    # One count for the region: 60 + 120 + … + 1920 s, then an hour for each further wrong code.
    assert waited >= 60 + 120 + 240 + 480 + 960 + 1920 + 3600 * 39
    store, link, attempts = kiosks[0]
    assert _try(store, link, attempts, code) == "E332"
    clock.now += attempts.seconds_left(link.counts(), desk.REGION)
    assert _try(store, link, attempts, code) == "ok", "after the wait the right code works again"


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("", "E333"),
        ("   ", "E333"),
        ("1" * 100_000, "E106"),
        ("🙂🙂🙂🙂 🙂🙂🙂🙂", "E106"),
        ("1234\x005678", "E106"),
        ("1234\u202e5678", "E106"),
        ("١٢٣٤٥٦٧٨", "E106"),
    ],
)
def test_a_code_in_the_wrong_form_gets_a_kind_coded_message_and_counts_as_no_guess(
    region: Region, tmp_path: Path, opened: Callable[[Store], Store], typed: str, error: str
) -> None:
    local, link = _desk(region, tmp_path, "a")
    attempts = Attempts(clock=Clock())
    for _ in range(8):
        with pytest.raises(InputError) as caught:
            desk.find_by_code(local, attempts, typed, 30, link)
        assert caught.value.code == error and caught.value.person_message()
    assert attempts.seconds_left(link.counts(), desk.REGION) == 0, "a typo is not a guess"


def test_a_desk_that_was_offline_sends_its_older_steps_late_without_undoing_the_newer_ones(
    context: AppContext, region: Region, tmp_path: Path, opened: Callable[[Store], Store]
) -> None:
    desk_a, _link = _desk(region, tmp_path, "a")
    at_a = _start(desk_a, context)
    code = at_a.ensure_resume_code()
    _send(desk_a, region)  # the first two answers reach the central store; then desk A goes offline
    at_a.answer(values=["anders"])
    typed_question = at_a.current
    assert typed_question is not None
    at_a.answer(text="Aan desk A: schoonmaken", personal="keep")
    at_a.pause()

    desk_b, link_b = _desk(region, tmp_path, "b")
    found = desk.find_by_code(desk_b, Attempts(), code, 30, link_b)
    at_b = desk.take_up(desk_b, context.dialogue, context.matcher, found.record.id)
    at_b.answer(values=["anders"])
    assert at_b.current == typed_question
    at_b.answer(text=f"Aan desk B: bij {MARK} muren gemetseld", personal="keep")
    history_b = at_b.interview.history
    assert _send(desk_b, region) > 0
    assert _send(desk_a, region) > 0, "desk A is back and sends what waited"

    central = opened(Store(region.owner_url, region.cipher))
    answers = central.answers(found.record.id)
    assert answers[typed_question.id].text == f"Aan desk B: bij {MARK} muren gemetseld"
    assert central.session(found.record.id).history == history_b, "the person's latest path stays"
    assert {origin for _e, origin, _s in central.applied_events()} == {desk_a.origin, desk_b.origin}


def test_a_coach_machine_opens_a_passport_by_the_holders_code_under_its_own_login(
    context: AppContext,
    region: Region,
    pg_server: PostgresServer,
    tmp_path: Path,
    opened: Callable[[Store], Store],
) -> None:
    desk_a, _link = _desk(region, tmp_path, "a")
    session = _start(desk_a, context)
    code = session.ensure_resume_code()
    pid = _finish(session)
    waiting = _start(desk_a, context)
    open_code = waiting.ensure_resume_code()
    waiting.pause()
    _send(desk_a, region)

    login, password = f"coach_{uuid.uuid4().hex[:8]}", secrets.token_urlsafe(16)
    with psycopg.connect(region.owner_url, autocommit=True) as db:
        quoted = sql.Literal(password).as_string(db)
        for statement in login_role_sql(login, "coach", quoted).strip().splitlines():
            db.execute(statement.encode())
    opened(Store(region.owner_url, region.cipher)).add_coach_user("Anja", "not-a-real-hash", "coach")
    database = region.owner_url.rsplit("/", 1)[1]
    coach = opened(
        Store(f"postgresql://{login}:{password}@127.0.0.1:{pg_server.port}/{database}", region.cipher)
    )
    with pytest.raises(InputError) as unseen:
        passport_by_code(coach, code, 30)
    assert unseen.value.code == "E107", "without a coach session the server shows the coach login nothing"
    coach.open_coach_session("Anja")
    with pytest.raises(AssistantError) as hidden:
        passport_by_code(coach, resume_code.shown(code), 30)
    assert hidden.value.code in ("E107", "E515"), "the holder has not yet let a coach look"
    let_coaches_look(opened(Store(region.owner_url, region.cipher)))  # the holder says Ja
    assert passport_by_code(coach, resume_code.shown(code), 30) == pid
    assert passport_by_code(coach, "Piet", 30) is None, "a name is a search, not a code"
    # An interview still going on has no holder's Ja yet (it is asked at the end): the coach sees nothing.
    with pytest.raises(InputError) as unfinished:
        passport_by_code(coach, open_code, 30)
    assert unfinished.value.code == "E107"


# Kiosk processes ---------------------------------------------------------------------------------------

FORK = multiprocessing.get_context("fork")
#: What one kiosk run reports: the answer to each code it was given (a code, or "ok"), and seconds waited.
Run = tuple[list[str], float]


def _kiosk_run(settings: Settings, now: float, codes: list[str], wait: bool, out: Any) -> None:
    """One kiosk process: starts from its settings, is given codes at its desk, and stops. With `wait`,
    a refusal to wait is sat out (the clock moved on) and the same code is typed again."""
    context = load_context(settings)
    clock = [now]
    attempts = Attempts(clock=lambda: clock[0])
    answers, waited = [], 0.0
    assert context.region is not None, "a desk with ASSISTENT_CENTRAL_URL has its link to the region"
    for typed in codes:
        while True:
            try:
                desk.find_by_code(context.store, attempts, typed, 30, context.region)
                answers.append("ok")
            except InputError as exc:
                if exc.code == "E332" and wait:
                    left = attempts.seconds_left(context.region.counts(), desk.REGION)
                    clock[0] += left
                    waited += left
                    continue
                answers.append(exc.code if exc.code != "E332" else f"E332 {exc.person_message()}")
            break
    context.region.close()
    context.store.close()
    out.put((answers, waited))


def _run(settings: Settings, now: float, codes: list[str], wait: bool = False) -> Run:
    out = FORK.Queue()
    process = FORK.Process(target=_kiosk_run, args=(settings, now, codes, wait, out))
    process.start()
    result: Run = out.get(timeout=120)
    process.join(30)
    assert process.exitcode == 0
    return result


@pytest.mark.slow
def test_fifty_wrong_codes_over_three_kiosk_processes_restarted_in_between_are_slowed_as_one(
    context: AppContext, region: Region, tmp_path: Path, opened: Callable[[Store], Store]
) -> None:
    desk_a, _link = _desk(region, tmp_path, "a")
    session = _start(desk_a, context)
    code = session.ensure_resume_code()
    session.pause()
    _send(desk_a, region)
    desk_a.close()
    wrong = f"{(int(code) + 1) % 10**8:08d}"
    desks = [
        Settings(
            data_dir=tmp_path / name,
            db_path=tmp_path / f"{name}.sqlite3",
            central_url=region.kiosk_url,
            store_key=region.key,
        )
        for name in ("a", "b", "c")
    ]
    now = 1_900_000_000.0

    for index, count in ((0, 2), (1, 2), (2, 1)):  # five wrong codes, no desk more than two
        assert _run(desks[index], now, [wrong] * count) == (["E107"] * count, 0.0)
    for settings in desks:  # every desk, started anew: the right code waits too, and says how long
        answers, _waited = _run(settings, now, [code])
        assert answers[0].startswith("E332") and "Wacht 1 minuut" in answers[0]

    guesses, waited = 5, 0.0
    while guesses < 50:
        settings = desks[guesses % 3]
        answers, run_waited = _run(settings, now + waited, [wrong] * 5, wait=True)
        assert answers == ["E107"] * 5
        guesses, waited = guesses + 5, waited + run_waited
    # One count for the whole region: 60 + 120 + … + 1920 s, then an hour for each further wrong code.
    assert waited >= 60 + 120 + 240 + 480 + 960 + 1920 + 3600 * 39
    answers, _waited = _run(desks[1], now + waited, [code])
    assert answers[0].startswith("E332"), "the last wrong code's hour holds for the right code too"
    assert _run(desks[1], now + waited + 3600, [code]) == (["ok"], 0.0), "after the wait it works"


def test_a_central_store_that_refuses_the_desk_is_treated_as_out_of_reach(
    context: AppContext, region: Region, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    desk_a, link_a = _desk(region, tmp_path, "a")
    session = _start(desk_a, context)
    code = session.ensure_resume_code()
    session.pause()
    # As a central store not yet migrated to 0007 would: the kiosk login may not look up codes or count.
    with psycopg.connect(region.owner_url, autocommit=True) as db:
        db.execute("REVOKE ALL ON throttles FROM assistent_kiosk")
        db.execute("REVOKE EXECUTE ON FUNCTION assistent_interview_by_code(text[]) FROM assistent_kiosk")
    found = desk.find_by_code(desk_a, Attempts(), code, 30, link_a)
    assert found.record.id == session.id and desk.own_copy_note(found), "the person goes on, told so"
    assert "E321" in caplog.text, "whoever runs the region finds why in the log"
    attempts = Attempts(clock=Clock())
    for _ in range(5):
        with pytest.raises(InputError):
            desk.find_by_code(desk_a, attempts, f"{(int(code) + 1) % 10**8:08d}", 30, link_a)
    with pytest.raises(InputError) as waiting:
        desk.find_by_code(desk_a, attempts, code, 30, link_a)
    assert waiting.value.code == "E332", "still slowed down, in the desk's own file"
