"""Kiosks as real processes for the load and fault tests: each desk is its own interpreter (forked, so the
built matcher is shared copy-on-write instead of loading spaCy twenty times) with its own SQLite file, its
own background sender and its own GIL. Each one records what it typed and confirmed and sends that back,
so the test can compare the central store with the typed answers, not with the kiosk's own store.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from assistant.dialogue.model import Dialogue
from assistant.interview.records import Proposal
from assistant.interview.session import InterviewSession
from assistant.skills.assembly import Matcher
from assistant.storage import Store
from assistant.storage.field_cipher import FieldCipher
from benchmarks.kiosk_load import Kiosk, drain, run_interview

FORK = multiprocessing.get_context("fork")


@dataclass(frozen=True)
class Typed:
    """One answer as the kiosk process gave it to the session."""

    session_id: str
    question_id: str
    values: tuple[str, ...]
    text: str | None


@dataclass
class Report:
    """What one kiosk process did, sent back to the test when it ends."""

    name: str
    pid: int
    typed: list[Typed] = field(default_factory=list)
    confirmed: list[tuple[str, str]] = field(default_factory=list)
    interviews: int = 0
    save_seconds: list[float] = field(default_factory=list)
    error: str | None = None


_REPORT: Report | None = None  # one per kiosk process
_ANSWERS: Any = None  # the shared counter of this process's answers
_THINK = 0.0  # seconds this process's "person" takes before each answer


class RecordingSession(InterviewSession):
    """The real interview session; each answer and confirmation is also noted in the process's report."""

    def answer(
        self,
        values: Iterable[str] | None = None,
        text: str | None = None,
        personal: Literal["ask", "keep", "remove"] = "ask",
    ) -> list[Proposal]:
        values = list(values or [])
        question = self.current
        if _THINK:
            time.sleep(_THINK)
        proposals = super().answer(values=values, text=text, personal=personal)
        assert _REPORT is not None and question is not None
        _REPORT.typed.append(Typed(self.id, question.id, tuple(values), text))
        with _ANSWERS.get_lock():
            _ANSWERS.value += 1
        return proposals

    def confirm(self, skill_ref: str, verdict: Any) -> None:
        super().confirm(skill_ref, verdict)
        assert _REPORT is not None
        _REPORT.confirmed.append((self.id, skill_ref))


def _kiosk_process(
    name: str,
    folder: Path,
    key: bytes,
    central_url: str,
    dialogue: Dialogue,
    matcher: Matcher,
    interviews: int,
    seed: int,
    answers: Any,
    out: Any,
    think: float,
) -> None:
    global _REPORT, _ANSWERS, _THINK
    _REPORT, _ANSWERS, _THINK = Report(name, os.getpid()), answers, think
    kiosk = Kiosk(name, folder, FieldCipher(key), central_url)
    kiosk.worker.start()
    rng = random.Random(seed)
    try:
        for _ in range(interviews):
            session = RecordingSession.start(kiosk.store, dialogue, matcher)
            run_interview(session, rng)
            _REPORT.interviews += 1
            kiosk.worker.nudge()
    except BaseException as exc:  # reported to the test, never swallowed
        _REPORT.error = repr(exc)
    finally:
        kiosk.worker.stop()
        _REPORT.save_seconds = kiosk.store.save_seconds
        kiosk.store.close()
        out.put(_REPORT)


@dataclass
class Desk:
    """The test's view of one kiosk process: its live answer count, and its SQLite file opened here."""

    name: str
    folder: Path
    counter: Any
    store: Store | None = None
    report: Report | None = None

    @property
    def answers(self) -> int:
        return int(self.counter.value)


@dataclass
class ProcessLoadResult:
    desks: list[Desk]
    interview_seconds: float
    drain_seconds: float
    waiting_after: int

    @property
    def answers(self) -> int:
        return sum(d.answers for d in self.desks)


def run_kiosk_processes(
    base: Path,
    central_url: str,
    key: bytes,
    dialogue: Dialogue,
    matcher: Matcher,
    kiosks: int = 20,
    interviews: int = 2,
    during: Callable[[list[Desk]], None] | None = None,
    drain_timeout: float = 120,
    think: float = 0.0,
) -> ProcessLoadResult:
    """Starts `kiosks` kiosk processes at once, runs `during(desks)` while they work, waits for them, then
    sends what is still waiting in their outboxes (or gives up after `drain_timeout`). Each process waits
    `think` seconds before each answer, as a person would, so a test can be sure they are still at work."""
    out = FORK.Queue()
    desks = [Desk(f"kiosk-{i:02d}", base / f"kiosk-{i:02d}", FORK.Value("i", 0)) for i in range(kiosks)]
    processes = [
        FORK.Process(
            target=_kiosk_process,
            args=(
                d.name,
                d.folder,
                key,
                central_url,
                dialogue,
                matcher,
                interviews,
                i,
                d.counter,
                out,
                think,
            ),
            name=d.name,
        )
        for i, d in enumerate(desks)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    cipher = FieldCipher(key)
    # Opened only after the fork: a SQLite connection must never be carried into a child process.
    for desk in desks:
        appear_by = time.monotonic() + 60
        while not (desk.folder / "kiosk.sqlite3").exists() and time.monotonic() < appear_by:
            time.sleep(0.05)
        desk.store = Store(desk.folder / "kiosk.sqlite3", cipher, outbox=True)
    if during is not None:
        during(desks)
    reports: dict[str, Report] = {}
    deadline = time.monotonic() + 600
    while len(reports) < kiosks and time.monotonic() < deadline:
        try:
            report = out.get(timeout=5)
        except queue.Empty:
            if not any(p.is_alive() for p in processes) and out.empty():
                break
            continue
        reports[report.name] = report
    for process in processes:
        process.join(timeout=30)
    interview_seconds = time.perf_counter() - started
    for desk in desks:
        desk.report = reports.get(desk.name)
    drained = time.perf_counter()
    waiting = sum(
        drain(d.store, lambda: Store(central_url, cipher), drain_timeout)
        for d in desks
        if d.store is not None
    )
    return ProcessLoadResult(desks, interview_seconds, time.perf_counter() - drained, waiting)
