"""A seeded fuzz of every input a person or a file can give (benchmarks/fuzz.py, the same generators as
`make bench`, on fewer inputs): no crash (only the documented coded errors of each kind) and no hang."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from assistant.errors import AssistantError
from benchmarks.fuzz import Target, run
from benchmarks.fuzz_targets import all_targets

INPUTS = 3000


def test_fuzz_every_input_is_taken_or_refused_with_its_code(tmp_path: Path) -> None:
    targets = all_targets(tmp_path)
    figures = run(targets, INPUTS, seed=2026)
    summary = figures.summary()
    assert summary["crashes"] == 0, summary["first_crashes"]
    assert summary["hangs"] == 0, summary["first_hangs"]
    assert figures.inputs == INPUTS
    for target in targets:
        # Each kind of input reached the real code: some were taken, and (but for map, which answers every
        # line with a record) some were refused with a documented code.
        assert figures.accepted[target.name] > 0, target.name
    assert {"E106", "E107", "E202", "E201", "E215", "E216", "E601", "E607", "E211", "E212", "E612"} <= set(
        figures.refused
    )
    print(f"\nfuzz: {summary}")


def _target(name: str, check: object, allowed: frozenset[str] = frozenset({"E101"})) -> Target:
    assert callable(check)
    return Target(name, allowed, lambda rng: rng.random(), check)


def test_the_fuzz_harness_counts_crashes_wrong_codes_and_hangs() -> None:
    def crash(_value: float) -> None:
        raise KeyError("boom")

    def wrong_code(_value: float) -> None:
        raise AssistantError("E303", what="x")

    def slow(_value: float) -> None:
        end = time.process_time() + 0.05
        while time.process_time() < end:  # busy: CPU time, as a hang spends it
            pass

    figures = run(
        [_target("crash", crash), _target("wrong code", wrong_code), _target("slow", slow)], 6, bound=0.01
    )
    assert [c["target"] for c in figures.crashes] == ["crash", "wrong code", "crash", "wrong code"]
    assert [h["target"] for h in figures.hangs] == ["slow", "slow"]


def test_the_fuzz_harness_stops_a_real_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    import benchmarks.fuzz as fuzz

    monkeypatch.setattr(fuzz, "HARD_STOP_SECONDS", 0.2)

    def forever(_value: float) -> None:
        while True:
            pass

    start = time.perf_counter()
    figures = run([_target("forever", forever)], 2)
    assert time.perf_counter() - start < 5
    assert len(figures.hangs) == 2 and not figures.crashes


def test_an_export_pyld_cannot_read_is_refused_not_a_crash(tmp_path: Path) -> None:
    """Found by `make bench` (seed 13, input 84201): a changed export whose type pyld cannot resolve made it
    raise a bare ValueError; `verify` now says the signature cannot be read (E604)."""
    targets = all_targets(tmp_path)
    index = 84201  # the input's number: its value comes from the seed and this number alone
    target = next(t for t in targets if t.name == "export file")
    value = target.make(random.Random(f"13:{index}"))
    with pytest.raises(AssistantError) as info:
        target.check(value)
    assert info.value.code == "E604"
