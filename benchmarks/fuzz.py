"""Seeded fuzzing of every input a person or a file can give: answers through `map`, dialogue files, resume
codes, exported credentials, imported taxonomy files and settings.

A run passes when every input either works or is refused with one of the documented coded errors of its
kind (no other exception: a crash), and none takes longer than the per-input time bound (a hang; a hard
alarm stops an input that runs far past it). `tests/test_fuzz.py` runs a few thousand inputs in `make test`;
`python -m benchmarks.fuzz N` runs N (>= 100,000 in `make bench`) and prints the figures as JSON.

Generated from a seeded `random.Random`, so a failure is reproduced by its seed and index.
"""

from __future__ import annotations

import json
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from assistant.errors import AssistantError

#: Each input must finish well within this much CPU time; the kiosk and `map` answer in a few milliseconds.
#: CPU time, not the clock: on a machine busy with other work an input may wait for a core without hanging.
BOUND_SECONDS = 2.0
#: An input still running after this long by the clock (working or waiting) is stopped: a hang.
HARD_STOP_SECONDS = 10.0

WORDS = [
    "ik",
    "heb",
    "in",
    "de",
    "zorg",
    "gewerkt",
    "brood",
    "gebakken",
    "heftruck",
    "gereden",
    "klanten",
    "geholpen",
    "muren",
    "gemetseld",
    "kassa",
    "schoonmaken",
    "lassen",
    "timmeren",
    "koken",
    "tuin",
    "vrachtwagen",
    "chauffeur",
    "magazijn",
    "ouderen",
    "wassen",
]
ODD = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x1c\x1e\x7f\x85\x9f\u00a0\u200b\u200d\u200e\u202e\u2028\u2029\u2060\ufeff"
    "\ufffd\U0001f600\U0001f469\u200d\U0001f373\u0627\u0644\u05d0\u0301\u0308\t\r\n ~`'\"\\{}[]<>&*!|%#@:,-"
)
YAML_BITS = (
    "- ",
    ": ",
    "&a ",
    "*a",
    "!!python/object/apply:os.system ['touch x']",
    "!!binary AAAA",
    "{",
    "}",
    "[",
    "]",
    "? ",
    "| ",
    "> ",
    "---",
    "...",
    "%YAML 1.1",
    "\t",
    "'",
    '"',
    "#",
    "<<: *a",
    "~",
    "null",
    "1e999",
    "0x1f",
)


def random_text(rng: random.Random, longest: int = 2600) -> str:
    """Mostly Dutch words, with odd characters, other scripts and sometimes a very long run."""
    size = rng.choice((0, 1, 5, 20, 80, 300, longest)) if rng.random() < 0.3 else rng.randint(0, 60)
    parts: list[str] = []
    total = 0
    while total < size:
        roll = rng.random()
        piece = (
            rng.choice(WORDS)
            if roll < 0.6
            else rng.choice(ODD)
            if roll < 0.85
            else chr(rng.randint(0x20, 0x2FFF))
            if roll < 0.95
            else rng.choice(WORDS) * rng.randint(2, 40)
        )
        parts.append(piece)
        total += len(piece) + 1
    return (" " if rng.random() < 0.7 else "").join(parts)


def mutate(rng: random.Random, data: bytes, rounds: int = 3) -> bytes:
    """A few random edits: flipped bytes, lines dropped, doubled or swapped, bits of syntax inserted, cut."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, rounds)):
        op = rng.randrange(7)
        if not buf:
            buf.extend(rng.choice(YAML_BITS).encode())
            continue
        at = rng.randrange(len(buf))
        if op == 0:
            buf[at] = rng.randrange(256)
        elif op == 1:
            del buf[at : at + rng.randint(1, 200)]
        elif op == 2:
            buf[at:at] = rng.choice(YAML_BITS).encode()
        elif op == 3:
            buf[at:at] = random_text(rng, 80).encode("utf-8", "surrogatepass")
        elif op == 4:
            lines = bytes(buf).split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            buf = bytearray(b"\n".join(lines))
        elif op == 5:
            lines = bytes(buf).split(b"\n")
            i = rng.randrange(len(lines))
            lines[i:i] = [lines[i]] * rng.randint(1, 5)
            buf = bytearray(b"\n".join(lines))
        else:
            del buf[at:]
    return bytes(buf)


def csv_attack(rng: random.Random, header: bytes) -> bytes:
    """CSV made to trip the reader: a field past the csv module's limit, NUL bytes, a quote never closed."""
    kind = rng.randrange(3)
    if kind == 0:
        return header + b"\n" + b"a," * 3 + b"x" * rng.randint(131_073, 300_000) + b"\n"
    if kind == 1:
        return header + b"\n" + bytes(rng.choice((0, 0x22, 0x2C, 0x61)) for _ in range(rng.randint(1, 500)))
    return header + b'\n"' + b"nooit dicht," * rng.randint(1, 20_000)


def yaml_attack(rng: random.Random) -> bytes:
    """Documents made to be expensive: alias bombs, deep nesting, many aliases, long scalars."""
    kind = rng.randrange(4)
    if kind == 0:
        fan, depth = rng.randint(2, 12), rng.randint(2, 12)
        lines = [f"l0: &l0 [{','.join(['x'] * fan)}]"]
        lines += [f"l{i}: &l{i} [{','.join([f'*l{i - 1}'] * fan)}]" for i in range(1, depth)]
        return ("\n".join(lines) + f"\nquestions: *l{depth - 1}\n").encode()
    if kind == 1:
        n = rng.randint(10, 3000)
        return ("questions: " + "[" * n + "]" * n + "\n").encode()
    if kind == 2:
        n = rng.randint(10, 400)
        return ("a: &a x\nb: [" + ",".join(["*a"] * n) + "]\n").encode()
    return ("questions:\n  - id: " + "x" * rng.randint(10, 200_000) + "\n").encode()


@dataclass
class Target:
    name: str
    allowed: frozenset[str]
    """The coded errors this input may be refused with (the documented ones)."""
    make: Callable[[random.Random], Any]
    check: Callable[[Any], None]


@dataclass
class Figures:
    inputs: int = 0
    crashes: list[dict[str, str]] = field(default_factory=list)
    hangs: list[dict[str, Any]] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")
    """Most CPU seconds one input took, and its kind."""
    slowest_wall: float = 0.0
    refused: Counter[str] = field(default_factory=Counter)
    accepted: Counter[str] = field(default_factory=Counter)
    per_target: Counter[str] = field(default_factory=Counter)
    target_seconds: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "crashes": len(self.crashes),
            "hangs": len(self.hangs),
            "slowest_seconds": round(self.slowest[0], 4),
            "slowest_target": self.slowest[1],
            "slowest_wall_seconds": round(self.slowest_wall, 4),
            "per_target": dict(self.per_target),
            "per_target_ms": {
                name: round(1000 * self.target_seconds[name] / count, 2)
                for name, count in self.per_target.items()
            },
            "accepted": dict(self.accepted),
            "refused_by_code": dict(sorted(self.refused.items())),
            "seconds": round(self.seconds, 1),
            "first_crashes": self.crashes[:5],
            "first_hangs": self.hangs[:5],
        }


class _HardStop(BaseException):
    """Raised by the alarm in an input that runs far past the bound (not an Exception: not caught inside)."""


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise _HardStop

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(targets: list[Target], inputs: int, seed: int = 13, bound: float = BOUND_SECONDS) -> Figures:
    """`inputs` generated inputs, spread over the targets in turn."""
    figures = Figures()
    started = time.perf_counter()
    for index in range(inputs):
        target = targets[index % len(targets)]
        rng = random.Random(f"{seed}:{index}")
        value = target.make(rng)
        begin, begin_cpu = time.perf_counter(), time.process_time()
        try:
            with _alarm(HARD_STOP_SECONDS):
                target.check(value)
            figures.accepted[target.name] += 1
        except _HardStop:
            figures.hangs.append({"target": target.name, "index": index, "seed": seed})
        except AssistantError as exc:
            if exc.code in target.allowed:
                figures.refused[exc.code] += 1
            else:
                figures.crashes.append(_crash(target, index, seed, exc))
        except Exception as exc:
            figures.crashes.append(_crash(target, index, seed, exc))
        spent, cpu = time.perf_counter() - begin, time.process_time() - begin_cpu
        if cpu > bound and not (figures.hangs and figures.hangs[-1]["index"] == index):
            figures.hangs.append({"target": target.name, "index": index, "seed": seed, "cpu_seconds": cpu})
        if cpu > figures.slowest[0]:
            figures.slowest = (cpu, target.name)
        figures.slowest_wall = max(figures.slowest_wall, spent)
        figures.inputs += 1
        figures.per_target[target.name] += 1
        figures.target_seconds[target.name] += spent
    figures.seconds = time.perf_counter() - started
    return figures


def _crash(target: Target, index: int, seed: int, exc: BaseException) -> dict[str, str]:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    return {
        "target": target.name,
        "index": str(index),
        "seed": str(seed),
        "error": f"{type(exc).__name__}: {str(exc)[:200]}",
        "where": f"{where.filename}:{where.lineno}" if where else "?",
    }


def main(argv: list[str]) -> int:
    from benchmarks.fuzz_targets import all_targets

    inputs = int(argv[0]) if argv else 100_000
    with tempfile.TemporaryDirectory() as scratch:
        figures = run(all_targets(Path(scratch)), inputs)
    print(json.dumps(figures.summary(), ensure_ascii=False))
    return 0 if not figures.crashes and not figures.hangs else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
