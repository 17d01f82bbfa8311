"""Answers linked to the imported taxonomy as well as the catalogue: occupation first.

The catalogue matcher finds sector skills and the occupations it knows. With an imported knowledge base,
the linker also recognises any of the 6,000 CompetentNL and ESCO occupations named in the answer (by
ranking the answer's short phrases against their labels), and proposes the skills that belong to such an
occupation through the catalogue occupation it corresponds to. CompetentNL's own labels for the general
capabilities become extra words for the matcher.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from assistant.skills.catalogue import Catalogue
from assistant.skills.matcher import (
    MAX_RESULTS,
    Evidence,
    MatchResult,
    OccupationMatch,
    SkillMatch,
    SkillMatcher,
)
from assistant.skills.nlp import CLAUSE_BREAKS, NEGATIONS, STOPWORDS, analyse, fold, stem
from assistant.taxonomy.knowledge_base import KnowledgeBase

#: A phrase must be this close to an occupation label to count as naming it.
OCCUPATION_THRESHOLD = 0.8
OCCUPATION_SKILL_FACTOR = 0.7
MAX_PHRASE_WORDS = 3
MAX_OCCUPATIONS = 5


class Linker:
    """Same interface as `SkillMatcher.match`, with the knowledge base behind it."""

    def __init__(self, catalogue: Catalogue, kb: KnowledgeBase) -> None:
        self.catalogue = catalogue
        self.kb = kb
        self.matcher = SkillMatcher(catalogue, extra_terms=kb.capability_labels())
        self._catalogue_occupation = {o.uri: o for o in catalogue.occupations.values()}

    def match(self, text: str, context_sectors: Iterable[str] = ()) -> MatchResult:
        context = list(context_sectors)
        result = self.matcher.match(text, context)
        known = {o.uri: o for o in result.occupations}
        for occ in self._taxonomy_occupations(text):
            if occ.uri not in known or known[occ.uri].confidence < occ.confidence:
                known[occ.uri] = occ
        ranked = sorted(
            known.values(), key=lambda o: (-o.confidence, not o.uri.startswith("https://"), o.uri)
        )
        # ESCO and CompetentNL often hold the same job title: show it once, under the first URI.
        occupations = list({o.label.casefold(): o for o in reversed(ranked)}.values())
        occupations = sorted(occupations, key=ranked.index)[:MAX_OCCUPATIONS]
        skills = {m.skill.id: m for m in result.skills}
        for occ in occupations:
            if occ in result.occupations:
                continue  # found by the catalogue matcher, which proposed its skills already
            for m in self._skills_of(occ, context):
                if m.skill.id not in skills:
                    skills[m.skill.id] = m
        result.occupations = occupations
        result.skills = sorted(skills.values(), key=lambda m: (-m.confidence, m.skill.id))[:MAX_RESULTS]
        return result

    def _taxonomy_occupations(self, text: str) -> list[OccupationMatch]:
        ranker = self.kb.ranker("occupations")
        if ranker is None:
            return []
        phrases = _phrases(text)
        if not phrases:
            return []
        best: dict[str, OccupationMatch] = {}
        for (start, end), ranked in zip(
            phrases,
            ranker.rank_reaching([text[s:e] for s, e in phrases], OCCUPATION_THRESHOLD, k=3),
            strict=True,
        ):
            for uri, score in ranked:
                if score < OCCUPATION_THRESHOLD:
                    break
                if not any(names_occupation(text[start:end], label) for label in self.kb.labels_of(uri)):
                    continue  # "magazijn" does not make a person a warehouse manager
                conf = round(min(score, 1.0) * 0.95, 3)
                if uri not in best or best[uri].confidence < conf:
                    label = self.kb.pref_label(uri) or text[start:end]
                    best[uri] = OccupationMatch(
                        uri,
                        label,
                        conf,
                        Evidence(text[start:end], start, end),
                        self._catalogue_occupation.get(uri),
                    )
        return list(best.values())

    def _skills_of(self, occ: OccupationMatch, context: list[str]) -> list[SkillMatch]:
        """Skills of a taxonomy occupation: those of the catalogue occupation with the same URI, or else of
        the catalogue occupation its name points to ("Vrachtwagenchauffeur binnenland" -> chauffeur)."""
        via = f"taxonomy:{occ.uri}"
        if occ.occupation is not None:
            return [
                SkillMatch(
                    self.catalogue.skills[ref],
                    round(occ.confidence * OCCUPATION_SKILL_FACTOR - 0.01 * rank, 3),
                    occ.evidence,
                    via,
                    rank,
                )
                for rank, ref in enumerate(occ.occupation.skills)
            ]
        inner = [m for m in self.matcher.match(occ.label, context).skills if m.via.startswith("occupation:")]
        return [
            SkillMatch(
                m.skill,
                round(occ.confidence * OCCUPATION_SKILL_FACTOR - 0.01 * rank, 3),
                occ.evidence,
                via,
                rank,
            )
            for rank, m in enumerate(inner)
        ]


def _phrases(text: str) -> list[tuple[int, int]]:
    """Character spans of 1-3 neighbouring content words, not crossing a clause or a negation."""
    tokens = analyse(text)
    spans: list[tuple[int, int]] = []
    for i, tok in enumerate(tokens):
        if not tok.is_word or tok.lower in STOPWORDS or tok.lower in NEGATIONS or len(tok.lower) < 3:
            continue
        if any(t.lower in NEGATIONS for t in tokens[max(0, i - 3) : i]):
            continue
        for j in range(i, min(i + MAX_PHRASE_WORDS, len(tokens))):
            last = tokens[j]
            if last.lower in CLAUSE_BREAKS or not last.is_word:
                break
            if last.lower not in STOPWORDS:
                spans.append((tok.start, last.end))
    return spans


#: Endings of the word in a Dutch job title that names the person: "monteur", "schoonmaakster", "helpende".
_PERSON_ENDINGS = (
    "er",
    "ster",
    "eur",
    "euse",
    "ist",
    "man",
    "vrouw",
    "kundige",
    "ende",
    "hulp",
    "kok",
    "arts",
    "ier",
    "iere",
    "ice",
    "aar",
    "oog",
    "tolk",
    "or",
    "ant",
    "ent",
    "chef",
    "coach",
    "leider",
    "leidster",
)


def _words(text: str) -> list[str]:
    return [w for w in fold(text).replace("/", " ").replace("-", " ").split() if w.isalpha()]


def _same_or_head(said: str, named: str, person: bool = False) -> bool:
    """`said` is `named`, a form of it, or a compound with it as its head ("vrachtwagenchauffeur"). For
    the word naming a person the form must name a person too: "helpen" is not "helpende"."""
    if said == named or (len(named) >= 4 and said.endswith(named)):
        return True
    if person:
        said = said.removesuffix("s")
        return said.endswith(_PERSON_ENDINGS) and stem(said) == stem(named.removesuffix("s"))
    return stem(said) == stem(named)


def names_occupation(phrase: str, label: str) -> bool:
    """True when `phrase` names the job in `label`, not only its object or place.

    The word for the person ("monteur" in "Monteur heftrucks", "beheerder" in "magazijnbeheerder") must be
    said; a label without such a word must be said whole. "heftruck", "magazijn" or "helpen" name no job.
    """
    said = _words(phrase)
    named = _words(label)
    if not said or not named:
        return False
    persons = [w for w in named if w.endswith(_PERSON_ENDINGS)]
    if persons:
        return any(_same_or_head(s, p, person=True) for s in said for p in persons)
    return all(any(_same_or_head(s, n) for s in said) for n in named)


def build_engine(catalogue: Catalogue, taxonomy_dir: Path | None) -> SkillMatcher | Linker:
    """The linker when a knowledge base was imported into `taxonomy_dir`, else the catalogue matcher."""
    kb = KnowledgeBase.existing(taxonomy_dir) if taxonomy_dir is not None else None
    return Linker(catalogue, kb) if kb is not None else SkillMatcher(catalogue)
