"""Quality floors on our own development set of kiosk answers (tests/data/answers_dev.tsv): they fail when
the engine or the catalogue gets worse. The floors sit a little under what `make bench` measures."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.skills.matcher import SkillMatcher
from benchmarks.common import read_dev_set
from benchmarks.dev_answers import proposals

RECALL_FLOOR = 0.84
MAX_MEAN_PROPOSED = 8.0


def test_dev_quality_recall_and_number_of_questions(matcher: SkillMatcher) -> None:
    settings = Settings()
    rows = read_dev_set()
    assert len(rows) >= 80
    expected_total = hits = proposed = 0
    for row in rows:
        expected = {e for e in row["expected"].split("|") if e}
        got = proposals(matcher, row["answer"], row["context"], settings)
        proposed += len(got)
        hits += len(expected & set(got))
        expected_total += len(expected)
    assert hits / expected_total >= RECALL_FLOOR
    assert proposed / len(rows) <= MAX_MEAN_PROPOSED


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
