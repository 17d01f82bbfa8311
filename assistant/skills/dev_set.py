"""Our own development set of kiosk answers (tests/data/answers_dev.tsv): reading it and measuring on it.

Each row is an answer as people type it, the skills that are right for it, the skills that must not be
asked, the sector chosen before, and `split`: `tune` rows may fit the calibration and its threshold;
`report` rows are only ever measured. The set is written by us; nothing in it comes from a benchmark.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from assistant.config import REPO_ROOT
from assistant.skills.asking import Question

DEV_SET = REPO_ROOT / "tests" / "data" / "answers_dev.tsv"


@dataclass(frozen=True)
class DevAnswer:
    answer: str
    expected: frozenset[str]
    must_not: frozenset[str]
    context: tuple[str, ...]
    split: str


def read(path: Path = DEV_SET) -> list[DevAnswer]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        DevAnswer(
            answer=row["answer"],
            expected=frozenset(e for e in row["expected"].split("|") if e),
            must_not=frozenset(e for e in (row.get("must_not") or "").split("|") if e),
            context=(row["context"],) if row.get("context") else (),
            split=row.get("split") or "tune",
        )
        for row in rows
    ]


class Proposes(Protocol):
    def propose(self, texts: Sequence[str], context_sectors: Iterable[str] = ()) -> Sequence[Question]: ...


def measure(proposer: Proposes, rows: Sequence[DevAnswer]) -> dict[str, float]:
    """What a person would meet: recall of the right skills among the questions asked, precision of the
    questions, questions per answer, and how often a must-not skill was asked."""
    expected_total = hits = asked = wrong_must_not = 0
    for row in rows:
        questions = proposer.propose([row.answer], row.context)
        got = {q.match.skill.id for q in questions}
        asked += len(got)
        hits += len(row.expected & got)
        expected_total += len(row.expected)
        wrong_must_not += len(row.must_not & got)
    return {
        "answers": len(rows),
        "recall": hits / expected_total if expected_total else 0.0,
        "precision": hits / asked if asked else 0.0,
        "questions_per_answer": asked / len(rows) if rows else 0.0,
        "must_not_asked": wrong_must_not,
    }
