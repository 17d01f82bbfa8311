"""Simulated kiosks for the load and fault tests and the sync benchmark: each has its own SQLite file with
an outbox and its own background sender, and runs whole interviews through the real `InterviewSession`
(the same code the kiosk screens call) against one central PostgreSQL.

The typed answers are everyday sentences written for this simulation; they come from no benchmark.
"""

from __future__ import annotations

import random
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.dialogue.model import Dialogue
from assistant.errors import StorageError
from assistant.interview.session import InterviewSession
from assistant.skills.assembly import Matcher
from assistant.storage import Store
from assistant.storage.field_cipher import FieldCipher
from assistant.storage.sync import SyncWorker, send_outbox

SENTENCES = (
    "Ik heb acht jaar in een magazijn gewerkt en pakketten klaargezet.",
    "Ik kookte elke dag voor de kinderen van de buren.",
    "Bij de bakker stond ik achter de toonbank en hielp ik klanten.",
    "Ik heb de tuin van mijn vader onderhouden en heggen geknipt.",
    "In de zorg hielp ik ouderen met wassen en aankleden.",
    "Ik repareer fietsen voor vrienden en familie.",
    "Op de bouw heb ik stenen gesjouwd en muren gemetseld.",
    "Ik was vrijwilliger bij de voedselbank en sorteerde de spullen.",
    "Ik maakte de kantoren schoon in de avond.",
    "Ik reed met een bestelbus pakketjes rond in de stad.",
)


class TimedStore(Store):
    """A kiosk's store that remembers how long each answer took to save (one transaction each)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.save_seconds: list[float] = []

    def save_step(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        started = time.perf_counter()
        super().save_step(*args, **kwargs)  # type: ignore[arg-type]
        self.save_seconds.append(time.perf_counter() - started)


def run_interview(session: InterviewSession, rng: random.Random, max_steps: int = 80) -> int:
    """Answers every question as a person might (choices, typed sentences, "Klopt dit?" yes), to the end;
    returns how many questions were answered."""
    seen: set[str] = set()
    steps = 0
    while not session.finished and steps < max_steps:
        question = session.current
        assert question is not None
        steps += 1
        options = [c.id for c in question.choices] or ["ja", "nee"]
        if question.kind == "text":
            proposals = session.answer(text=rng.choice(SENTENCES), personal="keep")
        elif question.id in seen:
            # Asked again ("nog een baan?"): take the last option, which ends the loop.
            proposals = session.answer(values=[options[-1]])
        elif question.kind == "multi":
            proposals = session.answer(values=rng.sample(options, k=min(2, len(options))))
        else:
            proposals = session.answer(values=[rng.choice(options)])
        seen.add(question.id)
        for proposal in proposals:
            session.confirm(proposal.skill_ref, "ja")
    if session.finished:
        session.finish()
    return steps


@dataclass
class Kiosk:
    """One simulated desk: its file, its store and its background sender."""

    name: str
    folder: Path
    cipher: FieldCipher
    central_url: str
    store: TimedStore = field(init=False)
    worker: SyncWorker = field(init=False)
    answers: int = 0
    interviews: int = 0
    error: BaseException | None = None
    send_interval: float = 1.0

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.store = TimedStore(self.database, self.cipher, outbox=True)
        self.worker = SyncWorker(
            lambda: Store(self.database, self.cipher, outbox=True),
            lambda: Store(self.central_url, self.cipher),
            lock_path=self.folder / "sync-lock",
            interval=self.send_interval,
            max_wait=2.0,
        )

    @property
    def database(self) -> Path:
        return self.folder / "kiosk.sqlite3"

    def run(self, dialogue: Dialogue, matcher: Matcher, interviews: int, seed: int) -> None:
        rng = random.Random(seed)
        try:
            for _ in range(interviews):
                session = InterviewSession.start(self.store, dialogue, matcher)
                self.answers += run_interview(session, rng)
                self.interviews += 1
                self.worker.nudge()
        except BaseException as exc:  # reported by the caller, never swallowed
            self.error = exc


@dataclass
class LoadResult:
    kiosks: list[Kiosk]
    interview_seconds: float
    drain_seconds: float
    waiting_after: int

    @property
    def answers(self) -> int:
        return sum(k.answers for k in self.kiosks)

    @property
    def save_p95_ms(self) -> float:
        times = sorted(t for k in self.kiosks for t in k.store.save_seconds)
        return 1000 * statistics.quantiles(times, n=20)[-1] if len(times) > 1 else 0.0

    @property
    def answers_per_second(self) -> float:
        """Answers that reached the central store, per second, from the first answer until the last
        outbox was empty."""
        return self.answers / (self.interview_seconds + self.drain_seconds)


def run_kiosks(
    base: Path,
    central_url: str,
    cipher: FieldCipher,
    dialogue: Dialogue,
    matcher: Matcher,
    kiosks: int = 20,
    interviews: int = 2,
    during: object = None,
    drain_timeout: float = 120,
) -> LoadResult:
    """Runs `kiosks` desks at once, each doing `interviews` whole interviews with a background sender;
    `during(kiosks)` (if given) runs while they work, e.g. to stop and start the server. Then waits until every
    outbox is empty (or `drain_timeout`)."""
    desks = [Kiosk(f"kiosk-{i:02d}", base / f"kiosk-{i:02d}", cipher, central_url) for i in range(kiosks)]
    for desk in desks:
        desk.worker.start()
    threads = [
        threading.Thread(target=d.run, args=(dialogue, matcher, interviews, i), name=d.name)
        for i, d in enumerate(desks)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    if callable(during):
        during(desks)
    for thread in threads:
        thread.join()
    interview_seconds = time.perf_counter() - started
    for desk in desks:
        desk.worker.stop()
    drained = time.perf_counter()
    waiting = sum(drain(d.store, lambda: Store(central_url, cipher), drain_timeout) for d in desks)
    return LoadResult(desks, interview_seconds, time.perf_counter() - drained, waiting)


def drain(local: Store, central_factory: Callable[[], Store], timeout: float, pause: float = 0.5) -> int:
    """Keeps trying to send until the outbox is empty or `timeout` seconds have passed; returns how many
    events are still waiting (0 when everything arrived)."""
    deadline = time.monotonic() + timeout
    central: Store | None = None
    try:
        while True:
            try:
                central = central or central_factory()
                send_outbox(local, central)
            except StorageError:
                pass
            waiting = local.outbox_size()
            if waiting == 0 or time.monotonic() >= deadline:
                return waiting
            time.sleep(pause)
    finally:
        if central is not None:
            central.close()
