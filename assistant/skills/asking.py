"""Which of the skills found in one answer the kiosk asks about, in which order, with what confidence.

Every "Klopt dit?" costs a person a screen read aloud, so this is precision first:
- each candidate gets a calibrated confidence (the chance a person says Ja or Een beetje), and below the
  abstain threshold nothing is asked;
- one stretch of words means one thing: of the skills found on the same words ("wassen": washing a person
  or doing the laundry), only the most likely is asked;
- skills the person said in words come first; a skill that only a recognised occupation implies comes
  after them, and at most one such (two when nothing was said in words); when only a job was named
  ("tegelzetter"), the skill that job is known for is asked even a little below the threshold;
- an occupation of another sector than the one the person chose brings no skills;
- with several ticked choices, each choice gets its turn before any gets a second question;
- at most `MAX_QUESTIONS` per answer, and never a skill already asked about for the same answer.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from assistant.skills.calibration import MEANING, SAID, SAID_WITH, Calibration, Candidate
from assistant.skills.matcher import MatchResult, SkillMatch

MAX_QUESTIONS = 4
MAX_IMPLIED_WITH_WORDS = 1
MAX_IMPLIED_ALONE = 2
#: When only a job was named, the skill it is known for is asked from this confidence on.
JOB_ALONE_FLOOR = 0.1
#: Labels this alike (rapidfuzz ratio of the sorted words) are one question.
NEAR_DUPLICATE = 90


@dataclass(frozen=True, slots=True)
class Question:
    """One skill to ask about: the match (evidence from the text it came from) and its calibrated confidence."""

    match: SkillMatch
    confidence: float
    text_index: int


def choose(
    results: Sequence[MatchResult],
    calibration: Calibration,
    candidates: Sequence[Sequence[Candidate]],
    context_sectors: set[str],
    exclude: Collection[str] = (),
    limit: int = MAX_QUESTIONS,
    implied: bool = True,
) -> list[Question]:
    """The questions to ask for one answer. `results[i]` and `candidates[i]` belong to the i-th text (the
    typed answer, or one ticked choice); `candidates` carry the features the calibration needs. With
    `implied` false (answers about care for family or hobbies, where no job was done) no occupation brings
    skills: cooking at home does not make a person a factory baker."""
    said: list[list[Question]] = []
    by_job: list[Question] = []
    typical: list[Question] = []
    for index, (result, found) in enumerate(zip(results, candidates, strict=True)):
        scored = sorted(
            (Question(c.match, calibration.confidence(c), index) for c in found),
            key=lambda q: (-q.confidence, q.match.skill.id),
        )
        kept: list[Question] = []
        for q in scored:
            if q.match.skill.id in exclude:
                continue
            if q.confidence < calibration.threshold:
                if _typical_of_job(q) and q.confidence >= JOB_ALONE_FLOOR:
                    typical.append(q)
                continue
            if q.match.via == "direct":
                if any(k.match.via == "direct" and _overlap(k.match, q.match) for k in kept):
                    continue  # the same words already asked about, in their likeliest sense
            elif q.match.via not in (MEANING, SAID_WITH) and not _implied_fits(
                q.match, result, context_sectors
            ):
                continue
            kept.append(q)
        said.append([q for q in kept if _said(q)])
        by_job.extend(q for q in kept if implied and not _said(q))

    chosen: list[Question] = []
    seen: set[str] = set()
    # Round robin over the texts: every ticked choice gets its first question before any gets a second.
    for rank in range(max((len(s) for s in said), default=0)):
        for questions in said:
            if rank < len(questions) and questions[rank].match.skill.id not in seen:
                chosen.append(questions[rank])
                seen.add(questions[rank].match.skill.id)
    room = MAX_IMPLIED_WITH_WORDS if chosen else MAX_IMPLIED_ALONE
    if not chosen and not by_job and implied:
        # Only a job was named ("tegelzetter"): ask what that job is known for, one question.
        by_job = sorted(typical, key=lambda q: (-q.confidence, q.match.skill.id))[:1]
    by_job.sort(key=lambda q: (-q.confidence, q.match.skill.id))
    for q in by_job:
        if room == 0:
            break
        if q.match.skill.id not in seen:
            chosen.append(q)
            seen.add(q.match.skill.id)
            room -= 1
    unique: list[Question] = []
    for q in chosen:
        if not any(_same_skill(q.match, u.match) for u in unique):
            unique.append(q)
    return unique[:limit]


def _typical_of_job(q: Question) -> bool:
    return q.match.via.startswith(("occupation:", "taxonomy:")) and q.match.rank == 0


def _said(q: Question) -> bool:
    """Said in words (or in meaning), as opposed to implied by a recognised occupation."""
    return q.match.via in SAID


def _overlap(a: SkillMatch, b: SkillMatch) -> bool:
    """Most of the shorter evidence lies inside the other: "wassen en aankleden" holds "aankleden", but
    "help mijn moeder" and "moeder met wassen" are two things said about one person."""
    shared = min(a.evidence.end, b.evidence.end) - max(a.evidence.start, b.evidence.start)
    shorter = min(a.evidence.end - a.evidence.start, b.evidence.end - b.evidence.start)
    return shared > 0 and shared * 2 >= shorter


def _implied_fits(match: SkillMatch, result: MatchResult, context_sectors: set[str]) -> bool:
    """An occupation's skill fits when its sector is one the person chose or named, or when no sector
    was chosen or named at all: "kantoren schoonmaken, ook de keuken" brings no kitchen job's skills."""
    sector = match.skill.sector
    allowed = context_sectors | set(result.sectors)
    return sector is None or not allowed or sector in allowed


def _same_skill(a: SkillMatch, b: SkillMatch) -> bool:
    """Near-duplicates asked once: "Heftruck rijden" and "Werken met een heftruck" are one question."""
    return fuzz.token_sort_ratio(a.skill.label.lower(), b.skill.label.lower()) >= NEAR_DUPLICATE
