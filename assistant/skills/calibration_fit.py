"""Fits the calibrated confidence on the tune part of our development set of kiosk answers.

`python -m assistant.skills.calibration_fit` writes the lexical calibration that ships with the package;
`assistent taxonomy build-model` calls `fit_on_dev_set` for the semantic one. Only `tune` rows are used.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence

from assistant.skills import dev_set
from assistant.skills.calibration import LEXICAL_FILE, Calibration, Candidate, fit_calibration
from assistant.skills.proposer import Proposer


def examples(proposer: Proposer, rows: Sequence[dev_set.DevAnswer]) -> Iterator[tuple[Candidate, bool, int]]:
    """(candidate, was it right, which answer) for every candidate of every tune row."""
    for index, row in enumerate(rows):
        if row.split != "tune":
            continue
        _result, found = proposer.candidates(row.answer, row.context)
        for candidate in found:
            yield candidate, candidate.match.skill.id in row.expected, index


def fit_on_dev_set(proposer: Proposer, rows: Sequence[dev_set.DevAnswer] | None = None) -> Calibration:
    rows = dev_set.read() if rows is None else rows
    semantic = proposer.meaning is not None
    found = list(examples(proposer, rows))
    calibration = fit_calibration(((c, right) for c, right, _ in found), semantic, [g for *_, g in found])
    return Calibration(
        calibration.model,
        calibration.threshold,
        semantic,
        {**calibration.info, "fitted_on": "tests/data/answers_dev.tsv (split=tune)"},
    )


def main() -> int:
    from assistant.config import Settings
    from assistant.skills.catalogue import load_catalogue
    from assistant.skills.matcher import SkillMatcher

    catalogue = load_catalogue(Settings().catalogue_dir)
    calibration = fit_on_dev_set(Proposer(SkillMatcher(catalogue), Calibration.unfitted(semantic=False)))
    LEXICAL_FILE.write_text(json.dumps(calibration.to_json(), indent=2) + "\n", encoding="utf-8")
    print(f"{LEXICAL_FILE.name}: threshold {calibration.threshold}, {calibration.info['examples']} examples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
