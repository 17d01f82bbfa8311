"""Maps a free-text answer to skills and occupations from the catalogue, with evidence and a confidence.

How a word in the answer meets a word of a catalogue term, strongest first: the same form or lemma; the
same stem or root with a Dutch ending ("metselde" ~ "metselen"); part of a compound ("vrachtwagenchauffeur"
holds "chauffeur"); a misspelling within a small edit distance (rapidfuzz). A term of several words needs
all of them close together. A term preceded or followed in its clause by "niet", "nooit" or "geen" does
not count. Occupations found in the answer propose the skills that belong to them, with less confidence
than skills named directly.
"""

from __future__ import annotations

import logging
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from rapidfuzz import fuzz, process

from assistant.skills.catalogue import Catalogue, OccupationConcept, SkillConcept
from assistant.skills.nlp import (
    NEGATIONS,
    PARTICLES,
    STOPWORDS,
    Token,
    analyse,
    is_common_word,
    is_word_part,
    misspelled_common_word,
    same_word,
    similar_length,
    stem,
)
from assistant.skills.other_languages import plain
from assistant.skills.term_places import Hit, best_hit, crosses_clause, is_negated, separable_verbs

EXACT, SAME_ROOT, COMPOUND_HEAD, COMPOUND_PART = 1.0, 0.95, 0.85, 0.8
FUZZY_WEIGHT = 0.9
OCCUPATION_SKILL_FACTOR = 0.7
CAPABILITY_FACTOR = 0.9
MAX_RESULTS = 10
_WORD = re.compile(r"\w+")
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SkillMatch:
    skill: SkillConcept
    confidence: float
    evidence: Evidence
    via: str = "direct"
    """"direct", or "occupation:<id>" when proposed because the occupation was recognised."""
    rank: int = 0
    """For a skill an occupation implies: its place in that occupation's list (0 = the most typical)."""


@dataclass(frozen=True, slots=True)
class OccupationMatch:
    uri: str
    label: str
    confidence: float
    evidence: Evidence
    occupation: OccupationConcept | None = None
    """The catalogue occupation, when the match came from the catalogue (its skills can be proposed)."""


@dataclass(slots=True)
class MatchResult:
    text: str
    skills: list[SkillMatch] = field(default_factory=list)
    occupations: list[OccupationMatch] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Pattern:
    kind: str  # "skill", "occupation" or "sector"
    owner: str
    words: tuple[str, ...]
    dutch: bool = True
    """False for a skill's words in another language (`other_language_terms`)."""


class SkillMatcher:
    """Built once from a catalogue; `match()` is then cheap enough to run on every answer."""

    def __init__(self, catalogue: Catalogue, extra_terms: dict[str, list[str]] | None = None) -> None:
        """`extra_terms` adds words for catalogue skills, such as official labels from an imported taxonomy."""
        self.catalogue = catalogue
        self._patterns: list[_Pattern] = []
        for skill in catalogue.skills.values():
            self._add_terms("skill", skill.id, skill.terms)
            self._add_terms("skill", skill.id, skill.other_language_terms, dutch=False)
        for skill_id, extra in (extra_terms or {}).items():
            if skill_id in catalogue.skills:
                self._add_terms("skill", skill_id, [t.lower() for t in extra])
        for occ in catalogue.occupations.values():
            self._add_terms("occupation", occ.id, occ.terms)
        for sector, terms in catalogue.sector_terms.items():
            self._add_terms("sector", sector, terms)
        # One pattern per owner and words: "sprzątanie" and "sprzatanie" are one pattern once unmarked.
        unique: dict[tuple[str, str, tuple[str, ...]], _Pattern] = {}
        for pattern in self._patterns:
            unique.setdefault((pattern.kind, pattern.owner, pattern.words), pattern)
        self._patterns = list(unique.values())
        by_word: dict[str, list[_Pattern]] = defaultdict(list)
        for pattern in self._patterns:
            for word in set(pattern.words):
                by_word[word].append(pattern)
        # Tuples, not lists and sets: tens of thousands of them, and a kiosk has a memory budget.
        self._by_word = {word: tuple(patterns) for word, patterns in by_word.items()}
        self._vocabulary = self._by_word.keys()  # a view: membership without a second set of words
        # Dutch roots and verb forms mean nothing for a Polish or Arabic word: it matches as written, or
        # as a slip of it. This also keeps the kiosk's memory within bounds.
        dutch = frozenset(w for p in self._patterns if p.dutch for w in p.words)
        by_stem: dict[str, set[str]] = defaultdict(set)
        by_prefix: dict[str, set[str]] = defaultdict(set)
        for word in dutch:
            by_stem[stem(word)].add(word)
            if len(word) >= 5:
                by_prefix[word[:5]].add(word)
        self._by_stem = {key: tuple(sorted(words)) for key, words in by_stem.items()}
        self._by_prefix = {key: tuple(sorted(words)) for key, words in by_prefix.items()}
        # Misspellings are compared with the words and with their regular verb forms, so "gemetsled"
        # is near "gemetseld" (a form of "metselen") even though it is far from "metselen" itself.
        forms: dict[str, str] = {}
        for word in sorted(self._vocabulary):
            if len(word) >= 5:
                forms.setdefault(word, word)
                for form in _verb_forms(word) if word in dutch else ():
                    forms.setdefault(form, word)
        self._fuzzy_forms = list(forms)
        self._fuzzy_base = [forms[f] for f in self._fuzzy_forms]
        self._word_scores = lru_cache(maxsize=32768)(self._compute_word_scores)

    def _add_terms(self, kind: str, owner: str, terms: Iterable[str], dutch: bool = True) -> None:
        for term in terms:
            if dutch:
                words = tuple(t.lower for t in analyse(term) if t.is_word and t.lower not in STOPWORDS)
            else:
                # Split as the tokenizer splits an answer, without Dutch lemmas: 13,000 words of other
                # languages through spaCy would grow its string store by 11 MB and take two seconds.
                # Kept as typed on a Dutch keyboard; `_compute_word_scores` reads answers the same way.
                words = tuple(plain(w) for w in _WORD.findall(term.lower()) if w not in STOPWORDS)
            if words:
                # One string per distinct word, shared by every pattern and index that holds it.
                words = tuple(sys.intern(w) for w in words)
                self._patterns.append(_Pattern(kind, owner, words, dutch))

    # Word level ---------------------------------------------------------------------------------------

    def _compute_word_scores(self, lower: str, lemma: str) -> dict[str, float]:
        scores: dict[str, float] = {}

        def put(word: str, score: float) -> None:
            if score > scores.get(word, 0.0):
                scores[word] = score

        if lower not in self._vocabulary:
            slip = misspelled_common_word(lower)
            if slip is not None:
                lower = lemma = slip

        unmarked = plain(lower)
        if unmarked != lower and unmarked in self._vocabulary:
            put(unmarked, EXACT)  # "sprzątam" typed with its marks, or "kaynakçı"
        for form in {lower, lemma}:
            if form in self._vocabulary:
                put(form, EXACT)
            for word in self._by_stem.get(stem(form), ()):
                if similar_length(form, word):
                    put(word, SAME_ROOT)
            for key in {form[:5], form[2:7] if form.startswith("ge") else ""}:
                for word in self._by_prefix.get(key, ()):
                    if same_word(form, word):
                        put(word, SAME_ROOT)
        # Dutch writes compounds as one word: try every split into a known first and last part. A part
        # counts only when the rest is a word too: "prullebakken" holds "bakken", but "prulle" is no word.
        # A plural noun is split as its singular: "vuilnisbakken" ends in bins, not in baking.
        whole = lemma if _is_plural_of(lower, lemma) else lower
        for i in range(3, len(whole) - 2):
            head, modifier = whole[i:], whole[:i]
            if _splits_a_prefixed_word(modifier, head):
                continue
            if len(head) >= 4 and (modifier in self._vocabulary or is_word_part(modifier)):
                for word in self._by_stem.get(stem(head), ()):
                    if len(word) >= 4 and similar_length(head, word):
                        put(word, COMPOUND_HEAD)
                if head in self._vocabulary:
                    put(head, COMPOUND_HEAD)
            if not (head in self._vocabulary or is_word_part(head)):
                continue
            for part in (modifier, modifier[:-1] if modifier.endswith("s") else ""):
                if len(part) >= 4 and part in self._vocabulary:
                    put(part, COMPOUND_PART)
        if len(lower) >= 5 and lower not in self._vocabulary and not is_common_word(lower):
            cutoff = 86 if len(lower) <= 6 else 84
            for _form, score, index in process.extract(
                lower, self._fuzzy_forms, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5
            ):
                put(self._fuzzy_base[index], FUZZY_WEIGHT * score / 100)
        return scores

    # Answer level -------------------------------------------------------------------------------------

    def match(self, text: str, context_sectors: Iterable[str] = ()) -> MatchResult:
        """Skills and occupations in `text`, best first; `context_sectors` are sectors the person chose earlier."""
        tokens = analyse(text)
        positions: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, tok in enumerate(tokens):
            if not tok.is_word or tok.lower in STOPWORDS or tok.lower in NEGATIONS:
                continue
            for word, score in self._word_scores(tok.lower, tok.lemma).items():
                positions[word].append((i, score))
        for i, particle in separable_verbs(tokens):
            tok = tokens[i]
            for word, score in self._word_scores(particle + tok.lower, particle + tok.lemma).items():
                positions[word].append((i, score))

        hits: dict[tuple[str, str], list[Hit]] = defaultdict(list)
        negated: set[str] = set()
        seen: set[_Pattern] = set()
        for word in positions:
            for pattern in self._by_word.get(word, ()):
                if pattern in seen:
                    continue
                seen.add(pattern)
                hit = best_hit(pattern.words, positions)
                if hit is None or crosses_clause(tokens, hit):
                    continue
                if is_negated(tokens, hit):
                    negated.add(pattern.owner)
                else:
                    hits[(pattern.kind, pattern.owner)].append(hit)

        result = MatchResult(text=text)
        found_sectors = {owner for kind, owner in hits if kind == "sector"}
        chosen = set(context_sectors)
        result.sectors = sorted(found_sectors)

        for (kind, owner), owner_hits in hits.items():
            if kind != "occupation":
                continue
            best = max(owner_hits, key=lambda h: h.score)
            occ = self.catalogue.occupations[owner]
            conf = min(1.0, best.score * 0.95 + 0.05 * (len(owner_hits) - 1))
            result.occupations.append(
                OccupationMatch(occ.uri, occ.label, round(conf, 3), _evidence(text, tokens, best), occ)
            )
        result.occupations.sort(key=lambda m: (-m.confidence, m.uri))

        skills: dict[str, SkillMatch] = {}
        for (kind, owner), owner_hits in hits.items():
            if kind != "skill":
                continue
            skill = self.catalogue.skills[owner]
            best = max(owner_hits, key=lambda h: h.score)
            conf = best.score + 0.05 * (len(owner_hits) - 1)
            if skill.source == "competentnl":
                conf *= CAPABILITY_FACTOR
            conf += _sector_adjustment(skill, chosen, found_sectors)
            skills[owner] = SkillMatch(skill, round(min(conf, 1.0), 3), _evidence(text, tokens, best))

        for occ_match in result.occupations:
            if occ_match.occupation is None:
                continue
            for rank, skill_id in enumerate(occ_match.occupation.skills):
                if skill_id in negated and ("skill", skill_id) not in hits:
                    continue  # "geen koken, wel afwassen": the kitchen job must not bring cooking back
                skill = self.catalogue.skills[skill_id]
                # The catalogue lists an occupation's most typical skills first.
                conf = (
                    occ_match.confidence * OCCUPATION_SKILL_FACTOR
                    - 0.01 * rank
                    + _sector_adjustment(skill, chosen, found_sectors)
                )
                known = skills.get(skill_id)
                if known is None:
                    via = f"occupation:{occ_match.occupation.id}"
                    skills[skill_id] = SkillMatch(
                        skill, round(min(conf, 1.0), 3), occ_match.evidence, via, rank
                    )
                elif known.via == "direct":
                    # Named directly and typical of the recognised job: more certain than either alone.
                    skills[skill_id] = SkillMatch(
                        skill, round(min(known.confidence + 0.05, 1.0), 3), known.evidence
                    )

        # A general capability adds nothing when a sector skill that refines it was found on the same
        # words; said in words of its own ("kinderfeestjes organiseren") it is a second thing said.
        refined: dict[str, list[Evidence]] = defaultdict(list)
        for m in skills.values():
            if m.skill.source != "competentnl":
                for ref in m.skill.competentnl:
                    refined[ref.uri].append(m.evidence)
        ranked = [
            m
            for m in skills.values()
            if not (
                m.skill.source == "competentnl"
                and any(overlaps(m.evidence, e) for e in refined.get(m.skill.id, ()))
            )
        ]
        ranked.sort(key=lambda m: (-m.confidence, m.skill.id))
        result.skills = ranked[:MAX_RESULTS]
        return result


def _is_plural_of(lower: str, lemma: str) -> bool:
    """`lemma` is the singular of the noun `lower`: shorter, with the same start up to a vowel written once
    ("zonnepanelen" -> "zonnepaneel"). Verb forms have longer lemmas ("plukte" -> "plukken")."""
    return len(lemma) < len(lower) and lower.startswith(lemma[: max(len(lemma) - 2, 4)])


#: Prefixes that make a new word of the word after them ("ver" + "storen" is "verstoren").
_PREFIXES = frozenset({"ver", "be", "ont", "her"})
_PARTICLES_AND_PREFIXES = PARTICLES | _PREFIXES


def _splits_a_prefixed_word(modifier: str, head: str) -> bool:
    """A split in the wrong place of a verb with a particle or a prefix: "instappen" is "in" + "stappen", so
    its "tappen" (beer) is no part of it, nor is the "tappen" of "uitstappen". So too "verstoren" is
    "ver" + "storen" and "verstand" "ver" + "stand": neither holds "vers" (fresh) nor "tand" (a tooth)."""
    if modifier in _PREFIXES:
        return True
    for particle in _PARTICLES_AND_PREFIXES:
        rest = modifier[len(particle) :]
        if modifier.startswith(particle) and rest and is_common_word(rest + head):
            return True
    return False


def _verb_forms(word: str) -> tuple[str, ...]:
    """Regular past forms of a Dutch verb in -en: "metselen" -> "gemetseld", "metselde", ..."""
    if not word.endswith("en") or len(word) < 6:
        return ()
    root = word[:-2]
    return (f"ge{root}d", f"ge{root}t", f"{root}de", f"{root}te")


def overlaps(a: Evidence, b: Evidence) -> bool:
    """The two pieces of evidence share at least one character of the answer."""
    return a.start < b.end and b.start < a.end


def _evidence(text: str, tokens: list[Token], hit: Hit) -> Evidence:
    start, end = tokens[hit.first].start, tokens[hit.last].end
    return Evidence(text=text[start:end], start=start, end=end)


#: What a skill's confidence gains or loses for each `sector_fit`.
SECTOR_ADJUSTMENT = {1: 0.05, 0: 0.0, -1: -0.1}


def sector_fit(skill: SkillConcept, chosen: set[str], found: set[str]) -> int:
    """1: the skill's sector was chosen or named; -1: the person chose another sector (not for a skill done
    everywhere, such as shift work); 0: no sector involved."""
    if skill.sector is None:
        return 0
    if skill.sector in chosen or skill.sector in found:
        return 1
    return -1 if chosen and not skill.everywhere else 0


def _sector_adjustment(skill: SkillConcept, chosen: set[str], found: set[str]) -> float:
    """Skills of the sector the person chose (or named) gain a little; only a chosen sector costs others."""
    return SECTOR_ADJUSTMENT[sector_fit(skill, chosen, found)]


class Engine(Protocol):
    """A lexical engine: this matcher, or the taxonomy linker built around it."""

    @property
    def catalogue(self) -> Catalogue: ...

    def match(self, text: str, context_sectors: Iterable[str] = ()) -> MatchResult: ...
