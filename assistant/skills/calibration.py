"""Calibrated confidence for a proposed skill: the chance that the person says Ja or Een beetje.

A candidate is described by a few numbers (how well the words matched, whether the person said it or an
occupation implies it, whether it fits the sector they chose, how many skills compete for the same words,
and with the semantic model how close the meaning of the sentence is to the skill). A logistic regression
turns them into a probability. It is fitted on the `tune` part of our own development set of kiosk answers
(tests/data/answers_dev.tsv), never on a benchmark; the `report` part is only measured. The abstain
threshold is chosen on the same tune part: the lowest confidence at which what is asked is right at least
`TARGET_PRECISION` of the time.

The lexical calibration ships with the package (`calibration_lexical.json`, made by
`python -m assistant.skills.calibration`); the semantic one is made with the model
(`assistent taxonomy build-model`) and stored beside it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.skills.logistic import Logistic, fit
from assistant.skills.matcher import SECTOR_ADJUSTMENT, SkillMatch

LEXICAL_FEATURES = (
    "lexical",
    "job",
    "general",
    "same_sector",
    "other_sector",
    "evidence_words",
    "competitors",
    "typical_of_job",
)
SEMANTIC_FEATURES = (
    *LEXICAL_FEATURES,
    "meaning",
    "meaning_rank",
    "meaning_only",
    "phrase",
    "phrase_rank",
    "said_with",
)
LEXICAL_FILE = Path(__file__).with_name("calibration_lexical.json")
TARGET_PRECISION = 0.75
FOLDS = 5
#: `SkillMatch.via` of a skill found by meaning alone, with no matching words.
MEANING = "meaning"
#: `SkillMatch.via` of a skill meant by what was said together (`said_with.py`): care said of "mijn moeder".
SAID_WITH = "said_with"
#: The `via`s of skills the person said (in words, in other words, or together), not implied by a job.
SAID = ("direct", MEANING, SAID_WITH)
#: Never ask below this, whatever the tune set says; a floor against a calibration gone wrong.
MIN_THRESHOLD = 0.2


@dataclass(frozen=True, slots=True)
class Candidate:
    """A skill found in one text, with what the calibration looks at."""

    match: SkillMatch
    sector_fit: int
    """1: the skill's sector was chosen or named; -1: another sector was chosen; 0: no sector involved."""
    competitors: int
    """Other skills found on the same words (a word with several senses)."""
    meaning: float | None = None
    """Cosine between the sentence holding the evidence and the skill, when the semantic model is loaded."""
    meaning_rank: int | None = None
    """Rank of this skill among all catalogue skills by that cosine (0 = closest)."""
    phrase: float | None = None
    """Cosine between that sentence and the closest of the skill's own words ("helpen met wassen"), each
    embedded on its own: one fitting phrase counts even when the skill has many others."""
    phrase_rank: int | None = None

    def values(self, semantic: bool) -> list[float]:
        m = self.match
        # The matcher's confidence already holds a small sector bonus or penalty; the calibration sees
        # the sector as a feature of its own, so it gets the strength of the words alone.
        strength = m.confidence - SECTOR_ADJUSTMENT[self.sector_fit]
        by_job = m.via.startswith(("occupation:", "taxonomy:"))
        row = [
            0.0 if by_job else strength,
            # How surely the job was named: the matcher gives a job's skills 0.7 of that, less by rank.
            (strength + 0.01 * m.rank) / 0.7 if by_job else 0.0,
            1.0 if m.skill.source == "competentnl" else 0.0,
            # Two flags, not one scale: "no sector chosen" is not halfway between right and wrong sector.
            1.0 if self.sector_fit == 1 else 0.0,
            1.0 if self.sector_fit == -1 else 0.0,
            float(min(len(m.evidence.text.split()), 4)),
            float(min(self.competitors, 3)),
            # A job named alone ("tegelzetter") says most about the skill that job is known for.
            1.0 if by_job and m.rank == 0 else 0.0,
        ]
        if semantic:
            rank = self.meaning_rank if self.meaning_rank is not None else 99
            phrase_rank = self.phrase_rank if self.phrase_rank is not None else 99
            row += [
                self.meaning or 0.0,
                1.0 / (1.0 + rank),
                1.0 if m.via == MEANING else 0.0,
                self.phrase or 0.0,
                1.0 / (1.0 + phrase_rank),
                1.0 if m.via == SAID_WITH else 0.0,
            ]
        return row


@dataclass(frozen=True)
class Calibration:
    model: Logistic
    threshold: float
    semantic: bool
    info: dict[str, Any]

    @classmethod
    def unfitted(cls, semantic: bool) -> Calibration:
        """A stand-in while fitting: candidates are made before any calibration exists."""
        features = SEMANTIC_FEATURES if semantic else LEXICAL_FEATURES
        n = len(features)
        return cls(Logistic(features, np.zeros(n), np.ones(n), np.zeros(n + 1)), 0.0, semantic, {})

    def confidence(self, candidate: Candidate) -> float:
        return round(float(self.model.probability(np.asarray(candidate.values(self.semantic)))[0]), 3)

    def to_json(self) -> dict[str, Any]:
        return {
            "model": self.model.to_json(),
            "threshold": self.threshold,
            "semantic": self.semantic,
            **self.info,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Calibration:
        """Raises ValueError for a calibration made for other features or with a threshold out of range."""
        if not isinstance(data, dict):
            raise ValueError("a calibration is a JSON object")
        semantic = bool(data.get("semantic"))
        model = Logistic.from_json(data["model"], SEMANTIC_FEATURES if semantic else LEXICAL_FEATURES)
        threshold = float(data["threshold"])
        if not MIN_THRESHOLD <= threshold < 1.0:
            raise ValueError(f"threshold {threshold} is not between {MIN_THRESHOLD} and 1")
        info = {k: v for k, v in data.items() if k not in {"model", "threshold", "semantic"}}
        return cls(model, threshold, semantic, info)


def load_lexical() -> Calibration:
    return Calibration.from_json(json.loads(LEXICAL_FILE.read_text(encoding="utf-8")))


def fit_calibration(
    examples: Iterable[tuple[Candidate, bool]], semantic: bool, groups: Sequence[int] | None = None
) -> Calibration:
    """Fits the confidence on (candidate, was it right) pairs and picks the abstain threshold.

    With `groups` (the answer each pair came from) the threshold is picked on confidences the model made
    without seeing that answer (five folds), as it will meet new answers: on its own training answers a
    model looks surer than it is, and a threshold picked there asks too much."""
    pairs = list(examples)
    x = np.asarray([c.values(semantic) for c, _ in pairs], dtype=np.float64)
    y = np.asarray([1.0 if right else 0.0 for _, right in pairs])
    features = SEMANTIC_FEATURES if semantic else LEXICAL_FEATURES
    model = fit(x, y, features)
    probabilities = model.probability(x)
    if groups is not None:
        fold = np.asarray(groups, dtype=np.int64) % FOLDS
        for k in range(FOLDS):
            held = fold == k
            if held.any() and (~held).any():
                probabilities[held] = fit(x[~held], y[~held], features).probability(x[held])
    threshold = choose_threshold(probabilities, y)
    info: dict[str, Any] = {
        "examples": len(pairs),
        "right": int(y.sum()),
        "target_precision": TARGET_PRECISION,
    }
    if groups is not None:
        info["threshold_from"] = f"{FOLDS} folds of answers"
    return Calibration(model, threshold, semantic, info)


def choose_threshold(
    probabilities: Sequence[float] | np.ndarray, right: Sequence[float] | np.ndarray
) -> float:
    """The lowest threshold at which everything kept is right at least TARGET_PRECISION of the time.

    Confidences are compared as shown (three decimals), and a threshold keeps every candidate tied with
    it, so precision is counted over whole groups of equal confidence."""
    p = np.round(np.asarray(probabilities, dtype=np.float64), 3)
    y = np.asarray(right, dtype=np.float64)
    best: float | None = None
    for value in np.unique(p)[::-1]:
        kept = p >= value
        if y[kept].sum() / kept.sum() >= TARGET_PRECISION:
            best = float(value)
    if best is None:
        return 0.5
    return max(MIN_THRESHOLD, best)
