"""Paths and small helpers shared by the benchmarks."""

from __future__ import annotations

from pathlib import Path

from assistant.config import REPO_ROOT

SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
MELO = SHARED_DATA / "benchmarks" / "melo_nld_q_nl_c_nl"
VDAB = SHARED_DATA / "benchmarks" / "vdab_competent38_to_esco103_skills_nl.csv"


def read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle if line.strip()]


def reciprocal_rank(ranked: list[str], relevant: set[str]) -> float:
    for position, item in enumerate(ranked, start=1):
        if item in relevant:
            return 1.0 / position
    return 0.0
