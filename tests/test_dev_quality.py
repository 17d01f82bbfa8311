"""Quality floors on our own development set of kiosk answers (tests/data/answers_dev.tsv): they fail when
the engine or the catalogue gets worse. The floors sit a little under what `make bench` measures."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.skills.matcher import SkillMatcher
from benchmarks.dev_answers import measure, proposals

RECALL_FLOOR = 0.84
MAX_MEAN_PROPOSED = 8.0


def test_dev_quality_recall_and_number_of_questions(matcher: SkillMatcher) -> None:
    result = measure(matcher, Settings())
    assert result["answers"] >= 80
    assert result["recall"] >= RECALL_FLOOR
    assert result["mean_proposed"] <= MAX_MEAN_PROPOSED


@pytest.mark.parametrize(
    ("answer", "negated"),
    [
        ("ik heb nooit gemetseld, alleen tegels gezet en gevoegd", "bouw.metselen"),
        ("geen koken, ik heb alleen afgewassen in de keuken", "horeca.koken"),
        ("ik heb de machine niet ingesteld, dat deed de monteur", "productie.machine_instellen"),
        ("ik heb nooit gelast maar wel geslepen en gaten geboord", "metaal_elektro.lassen"),
    ],
)
def test_dev_quality_negated_skill_is_never_proposed(
    matcher: SkillMatcher, answer: str, negated: str
) -> None:
    assert negated in matcher.catalogue.skills
    assert negated not in proposals(matcher, answer, "", Settings())
