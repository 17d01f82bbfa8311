"""Quality floors on the `report` part of our own development set of kiosk answers
(tests/data/answers_dev.tsv): rows never used to fit or tune anything. They fail when the engine, the
calibration or the catalogue gets worse. The floors sit a little under what `make bench` measures."""

from __future__ import annotations

import pytest

from assistant.skills import dev_set
from assistant.skills.assembly import as_proposer
from assistant.skills.matcher import SkillMatcher

PRECISION_FLOOR = 0.72
RECALL_FLOOR = 0.70
MAX_QUESTIONS_PER_ANSWER = 2.0


def test_dev_set_is_large_and_split_for_honest_reporting() -> None:
    rows = dev_set.read()
    assert len(rows) >= 300
    report = [r for r in rows if r.split == "report"]
    assert len(report) >= 100
    assert {r.split for r in rows} == {"tune", "report"}
    assert sum(1 for r in rows if r.must_not) >= 100
    for row in rows:
        assert not (row.expected & row.must_not), row.answer


def test_dev_quality_on_the_report_part(matcher: SkillMatcher) -> None:
    report = [r for r in dev_set.read() if r.split == "report"]
    result = dev_set.measure(as_proposer(matcher), report)
    assert result["precision"] >= PRECISION_FLOOR
    assert result["recall"] >= RECALL_FLOOR
    assert result["questions_per_answer"] <= MAX_QUESTIONS_PER_ANSWER


def _asked(matcher: SkillMatcher, answer: str, context: tuple[str, ...] = ()) -> list[str]:
    return [q.match.skill.id for q in as_proposer(matcher).propose([answer], context)]


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
    assert negated not in _asked(matcher, answer)
