"""Skills meant by what is said together, not by one word: washing someone, said of "mijn moeder", is also
caring for a family member.

A catalogue skill with `said_with` (a sector and some words) is found when a skill of that sector was said
in words in the same answer (or one of the rule's `sector_words`: "kanker" stands for care) and one of
those words is said too. The evidence is the word about who is cared for, so the question quotes the
person. Such an answer is about someone close, not about a job: skills of that sector then no longer count
as "another sector than the one chosen" (a cleaner who washes her mother after work is not guessed wrong
for choosing the cleaning sector).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.skills.calibration import SAID, SAID_WITH
from assistant.skills.catalogue import Catalogue
from assistant.skills.matcher import SECTOR_ADJUSTMENT, Evidence, SkillMatch
from assistant.skills.nlp import INFORMAL

_WORD = re.compile(r"[\w']+")
#: A rule met counts as one of the skill's own words said plainly; the calibration weighs it from there.
STRENGTH = 0.9


def _spans(text: str) -> list[tuple[str, int, int]]:
    return [(INFORMAL.get(w := m.group().lower(), w), m.start(), m.end()) for m in _WORD.finditer(text)]


def _find(words: Sequence[tuple[str, int, int]], phrase: str) -> tuple[int, int] | None:
    """Where the phrase's words stand one after another in the text, as a character span."""
    wanted = phrase.split()
    for i in range(len(words) - len(wanted) + 1):
        if all(words[i + k][0] == w for k, w in enumerate(wanted)):
            return words[i][1], words[i + len(wanted) - 1][2]
    return None


def _first(words: Sequence[tuple[str, int, int]], phrases: Sequence[str]) -> tuple[int, int] | None:
    """The span of the first of `phrases` said in the text."""
    return next((span for phrase in phrases if (span := _find(words, phrase)) is not None), None)


def said_with_matches(catalogue: Catalogue, text: str, found: Sequence[SkillMatch]) -> list[SkillMatch]:
    """The `said_with` skills this answer means, beyond those already found in words; one found only by
    meaning or through an occupation is found again here, with its words."""
    # Said in words: a sector skill that only meaning found ("turks en koerdisch" is near measuring blood
    # sugar) is too weak to carry a rule.
    said = [m for m in found if m.via == "direct"]
    known = {m.skill.id for m in said}
    words: list[tuple[str, int, int]] | None = None
    out: list[SkillMatch] = []
    for skill in catalogue.said_with_skills:
        rule = skill.said_with
        if rule is None or skill.id in known:
            continue
        sector_said = any(m.skill.sector == rule.sector for m in said)
        if not (sector_said or rule.sector_words):
            continue
        words = _spans(text) if words is None else words
        if not sector_said and _first(words, rule.sector_words) is None:
            continue
        span = _first(words, rule.words)
        if span is not None:
            out.append(SkillMatch(skill, STRENGTH, Evidence(text[span[0] : span[1]], *span), SAID_WITH))
    return out


def about_someone_close(
    found: Sequence[SkillMatch], fits: Sequence[int]
) -> tuple[list[SkillMatch], list[int]]:
    """With a `said_with` skill said (by its rule or by its own words: "mantelzorg"), skills of its sector
    said in words lose the penalty for lying outside the chosen sector: their sector fit becomes neutral,
    and their strength loses the penalty it held."""
    sectors = {
        m.skill.said_with.sector
        for m in found
        if m.skill.said_with is not None and m.via in ("direct", SAID_WITH)
    }
    if not sectors:
        return list(found), list(fits)
    matches: list[SkillMatch] = []
    out_fits: list[int] = []
    for m, fit in zip(found, fits, strict=True):
        if fit == -1 and m.skill.sector in sectors and m.via in SAID:
            m = replace(m, confidence=m.confidence - SECTOR_ADJUSTMENT[-1] + SECTOR_ADJUSTMENT[0])
            fit = 0
        matches.append(m)
        out_fits.append(fit)
    return matches, out_fits
