"""Kiosk answers (our own development set): recall of the expected skills among those the kiosk would ask
about (same confidence floor and per-answer limit as the kiosk), and how many it asks about per answer."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.skills.catalogue import load_catalogue
from assistant.skills.matcher import build_matcher
from benchmarks.common import read_dev_set


def proposals(matcher: object, text: str, context: str, settings: Settings) -> list[str]:
    result = matcher.match(text, [context] if context else [])  # type: ignore[attr-defined]
    found = [m.skill.id for m in result.skills if m.confidence >= settings.min_confidence]
    return found[: settings.max_proposals_per_answer]


def measure(matcher: object, settings: Settings) -> dict[str, float]:
    """Recall, proposals per answer and precision of `matcher` on the dev set, as the kiosk would ask."""
    rows = read_dev_set()
    expected_total = hits = proposed = 0
    false_on_empty = 0
    for row in rows:
        expected = {e for e in row["expected"].split("|") if e}
        got = proposals(matcher, row["answer"], row["context"], settings)
        proposed += len(got)
        hits += len(expected & set(got))
        expected_total += len(expected)
        if not expected and got:
            false_on_empty += 1
    return {
        "answers": len(rows),
        "recall": hits / expected_total,
        "mean_proposed": proposed / len(rows),
        "precision": hits / proposed if proposed else 0.0,
        "answers_without_skill_given_some": false_on_empty,
    }


def run(taxonomy_dir: Path | None) -> dict[str, float]:
    settings = Settings()
    return measure(build_matcher(load_catalogue(settings.catalogue_dir), taxonomy_dir), settings)
