"""From an answer to the "Klopt dit?" questions: matching, meaning, calibrated confidence and the choice.

The lexical engine (catalogue matcher, or the linker with the knowledge base) finds candidate skills with
their evidence. With the semantic model loaded, each sentence of the answer is also embedded once and
compared with every catalogue skill, so a candidate carries how close the meaning is ("iemand helpen met
wassen" is near "Iemand wassen", far from "De was doen"). The calibration turns that into a confidence and
`asking.choose` picks what to ask. Without the model the same happens on the lexical numbers alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.skills.asking import MAX_QUESTIONS, Question, choose
from assistant.skills.calibration import MEANING, SAID, Calibration, Candidate
from assistant.skills.catalogue import Catalogue, SkillConcept
from assistant.skills.matcher import Engine, Evidence, MatchResult, SkillMatch, overlaps, sector_fit
from assistant.skills.said_with import about_someone_close, said_with_matches
from assistant.skills.semantic_model import Encoder

#: Where one thing said ends and the next begins, for the sentence a piece of evidence belongs to.
_CLAUSE_SPLIT = re.compile(r"[.;:!?\n]+|,|\s(?:maar|want|toen|daarna|later)\s", re.IGNORECASE)
MAX_CLAUSES = 4
#: The encoder's time grows faster than what it reads (a 400-token clause takes 1.3 s, a 60-token one 0.08 s),
#: so each clause is read up to this many characters (about fifty words: more than one thing said). The
#: longest answer in our dev set is 281 characters; the words beyond still count for the lexical matcher.
MAX_CLAUSE_CHARS = 300
#: Skills found by meaning alone: the closest few per sentence, and only when close enough to matter.
MEANING_TOP = 3
MEANING_FLOOR = 0.8


def skill_passage(skill: SkillConcept) -> str:
    """The text a skill is embedded as: its label, its statement and its first words."""
    return f"{skill.label}. {skill.statement} {', '.join(skill.terms[:10])}"


def skill_phrases(skill: SkillConcept) -> list[str]:
    """The short texts a skill is also embedded as, one by one: its label and each of its words."""
    return list(dict.fromkeys([skill.label, *skill.terms]))


@dataclass
class SentenceMeaning:
    """How close each sentence of an answer is to each skill: as a whole passage, and by its closest
    phrase (None when the model holds no phrases)."""

    spans: list[tuple[int, int]]
    passage: np.ndarray
    """(sentences x skills) cosines with the skill passages."""
    phrase: np.ndarray | None
    """(sentences x skills) best cosine with any of the skill's phrases."""


def _head(clause: str) -> str:
    """The clause up to `MAX_CLAUSE_CHARS`, cut at a space when there is one in the second half."""
    if len(clause) <= MAX_CLAUSE_CHARS:
        return clause
    cut = clause[:MAX_CLAUSE_CHARS]
    space = cut.rfind(" ")
    return cut[:space] if space > MAX_CLAUSE_CHARS // 2 else cut


@dataclass
class SkillMeaning:
    """Every catalogue skill as a vector, and the encoder for answers."""

    encoder: Encoder
    skill_ids: list[str]
    vectors: np.ndarray
    phrase_vectors: np.ndarray | None = None
    """(phrases x dim) unit vectors of every skill's phrases, grouped by skill in `skill_ids` order."""
    phrase_counts: np.ndarray | None = None
    """How many phrases each skill has (at least one each)."""

    def __post_init__(self) -> None:
        self._row = {sid: i for i, sid in enumerate(self.skill_ids)}
        self._phrase_starts: np.ndarray | None = None
        if self.phrase_vectors is not None and self.phrase_counts is not None:
            counts = np.asarray(self.phrase_counts, dtype=np.int64)
            if len(counts) != len(self.skill_ids) or (counts < 1).any():
                raise ValueError("every skill needs at least one phrase")
            if int(counts.sum()) != len(self.phrase_vectors):
                raise ValueError("phrase counts do not add up to the phrase vectors")
            self._phrase_starts = np.concatenate([[0], np.cumsum(counts)[:-1]])

    def clauses(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        start = 0
        for m in _CLAUSE_SPLIT.finditer(text):
            if text[start : m.start()].strip():
                spans.append((start, m.start()))
            start = m.end()
        if text[start:].strip():
            spans.append((start, len(text)))
        if len(spans) > MAX_CLAUSES:
            spans = [*spans[: MAX_CLAUSES - 1], (spans[MAX_CLAUSES - 1][0], spans[-1][1])]
        return spans

    def similarities(self, text: str, positions: Sequence[int] | None = None) -> SentenceMeaning:
        """Clause spans of `text` and their cosines with every skill; with `positions`, only the clauses
        holding one of those character positions (where something was found in words)."""
        spans = self.clauses(text)
        if positions is not None:
            spans = [(s, e) for s, e in spans if any(s <= p < e for p in positions)]
        if not spans:
            empty = np.zeros((0, len(self.skill_ids)), dtype=np.float32)
            return SentenceMeaning([], empty, None if self._phrase_starts is None else empty)
        vectors = self.encoder.queries([_head(text[s:e].strip()) for s, e in spans])
        phrase = None
        if self.phrase_vectors is not None and self._phrase_starts is not None:
            phrase = np.maximum.reduceat(vectors @ self.phrase_vectors.T, self._phrase_starts, axis=1)
        return SentenceMeaning(spans, vectors @ self.vectors.T, phrase)

    def row(self, skill_id: str) -> int | None:
        return self._row.get(skill_id)


class Proposer:
    """Same `match` as the engine it wraps, plus `propose`: what the kiosk asks about, in order."""

    def __init__(self, engine: Engine, calibration: Calibration, meaning: SkillMeaning | None = None) -> None:
        self.engine = engine
        self.calibration = calibration
        self.meaning = meaning if calibration.semantic else None

    @property
    def catalogue(self) -> Catalogue:
        return self.engine.catalogue

    def match(self, text: str, context_sectors: Iterable[str] = ()) -> MatchResult:
        return self.engine.match(text, context_sectors)

    def candidates(
        self, text: str, context_sectors: Iterable[str] = ()
    ) -> tuple[MatchResult, list[Candidate]]:
        chosen = set(context_sectors)
        result = self.match(text, chosen)
        sentences: SentenceMeaning | None = None
        if self.meaning is not None and result.skills:
            # Only the clauses where words found something: the encoder is most of the time an answer
            # takes, and a clause with no word found brought a right question twice in 380 answers.
            sentences = self.meaning.similarities(text, [m.evidence.start for m in result.skills])
        found = [*result.skills]
        if sentences is not None and sentences.spans:
            found += self._by_meaning(text, sentences, {m.skill.id for m in found})
        extra = said_with_matches(self.catalogue, text, found)
        again = {m.skill.id for m in extra}
        found = [*(m for m in found if m.skill.id not in again), *extra]
        fits = [sector_fit(m.skill, chosen, set(result.sectors)) for m in found]
        found, fits = about_someone_close(found, fits)
        out = []
        for m, fit in zip(found, fits, strict=True):
            meaning, rank = self._closeness(m, sentences, sentences.passage if sentences else None)
            phrase, phrase_rank = self._closeness(m, sentences, sentences.phrase if sentences else None)
            out.append(
                Candidate(
                    match=m,
                    sector_fit=fit,
                    competitors=sum(
                        1
                        for other in found
                        if other is not m and other.via == "direct" and overlaps(m.evidence, other.evidence)
                    )
                    if m.via == "direct"
                    else 0,
                    meaning=meaning,
                    meaning_rank=rank,
                    phrase=phrase,
                    phrase_rank=phrase_rank,
                )
            )
        return result, out

    def _by_meaning(self, text: str, sentences: SentenceMeaning, known: set[str]) -> list[SkillMatch]:
        """Skills close in meaning to a sentence that no word matched: "ik help mijn man douchen"."""
        assert self.meaning is not None
        out: dict[str, SkillMatch] = {}
        for (start, end), row in zip(sentences.spans, sentences.passage, strict=True):
            for column in np.argsort(-row)[:MEANING_TOP]:
                skill_id = self.meaning.skill_ids[int(column)]
                skill = self.catalogue.skills.get(skill_id)
                if skill is None or skill_id in known or skill_id in out or row[column] < MEANING_FLOOR:
                    continue
                evidence = Evidence(text[start:end].strip(), start, end)
                out[skill_id] = SkillMatch(skill, 0.0, evidence, MEANING)
        return list(out.values())

    def _closeness(
        self, m: SkillMatch, sentences: SentenceMeaning | None, sims: np.ndarray | None
    ) -> tuple[float | None, int | None]:
        """The skill's cosine in `sims` (one of the sentences' matrices) and its rank among all skills."""
        if self.meaning is None or sentences is None or not sentences.spans or sims is None:
            return None, None
        column = self.meaning.row(m.skill.id)
        if column is None:
            return None, None
        # The clause the evidence starts in; an occupation's skill is judged against the whole answer.
        spans = sentences.spans
        rows = [i for i, (s, e) in enumerate(spans) if s <= m.evidence.start < e] if m.via in SAID else []
        row_scores = sims[rows] if rows else sims
        best = int(np.argmax(row_scores[:, column]))
        scores = row_scores[best]
        value = float(scores[column])
        return round(value, 4), int((scores > value).sum())

    def propose(
        self,
        texts: Sequence[str],
        context_sectors: Iterable[str] = (),
        exclude: Iterable[str] = (),
        limit: int = MAX_QUESTIONS,
        implied: bool = True,
    ) -> list[Question]:
        """The skills to ask about for one answer (a typed text, or the texts of the ticked choices);
        `implied` false: no skills from recognised occupations (answers about family care or hobbies)."""
        return self.propose_with_results(texts, context_sectors, exclude, limit, implied)[0]

    def propose_with_results(
        self,
        texts: Sequence[str],
        context_sectors: Iterable[str] = (),
        exclude: Iterable[str] = (),
        limit: int = MAX_QUESTIONS,
        implied: bool = True,
    ) -> tuple[list[Question], list[MatchResult]]:
        """`propose`, plus the match of each text (its occupations, for `map`)."""
        chosen = set(context_sectors)
        results: list[MatchResult] = []
        candidates: list[list[Candidate]] = []
        for text in texts:
            result, found = self.candidates(text, chosen)
            results.append(result)
            candidates.append(found)
        return choose(results, self.calibration, candidates, chosen, set(exclude), limit, implied), results
