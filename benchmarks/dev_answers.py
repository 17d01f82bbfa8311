"""Kiosk answers (our own development set): what a person would be asked, measured as the kiosk asks it.

Recall of the right skills among the questions asked, precision of those questions, questions per answer,
and how often a skill that must not be asked was asked. Reported per part of the set: `tune` rows fitted
the calibration, `report` rows were never used for anything but this report.
"""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.skills import dev_set
from assistant.skills.assembly import build_matcher
from assistant.skills.catalogue import load_catalogue


def run(taxonomy_dir: Path | None, semantic: bool = True) -> dict[str, dict[str, float]]:
    settings = Settings()
    proposer = build_matcher(load_catalogue(settings.catalogue_dir), taxonomy_dir, semantic=semantic)
    rows = dev_set.read()
    out = {
        split: dev_set.measure(proposer, [r for r in rows if r.split == split])
        for split in ("tune", "report")
    }
    out["all"] = dev_set.measure(proposer, rows)
    out["semantic"] = {"loaded": float(proposer.meaning is not None)}
    return out
