"""The ranking engine shared by occupations and skills: given labelled surface forms, rank them for a query.

Two views of Dutch text, fused with equal weight: character n-grams (3-5, within words) catch misspellings
and shared word parts; Dutch word stems plus the parts of compound words ("vrachtwagenchauffeur" ->
"vrachtwagen", "chauffeur", split against the words the corpus itself uses) catch word order and
inflection. Both are TF-IDF weighted, so informative words count more than common ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from assistant.skills.nlp import stem

_WORD = re.compile(r"[a-z0-9]+")
CHAR_WEIGHT = 0.5
_LINKS = ("s", "e", "en")


def fold(text: str) -> str:
    """Lower case without accents: "Inspiciënt" -> "inspicient"."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


class CompoundSplitter:
    """Splits a Dutch compound into parts that occur as words on their own, head last."""

    def __init__(self, words: Counter[str]) -> None:
        self.words = {w for w in words if len(w) >= 3}
        self.stems = {stem(w) for w in self.words}
        self._cache: dict[str, tuple[str, ...]] = {}

    def split(self, word: str, depth: int = 0) -> tuple[str, ...]:
        if word in self._cache:
            return self._cache[word]
        best: tuple[str, ...] | None = None
        if len(word) >= 7 and depth < 2:
            for i in range(3, len(word) - 2):
                left, right = word[:i], word[i:]
                if not (right in self.words or stem(right) in self.stems):
                    continue
                for part in (left, *(left[: -len(x)] for x in _LINKS if left.endswith(x))):
                    if len(part) >= 3 and part in self.words:
                        candidate = (part, *self.split(right, depth + 1))
                        # Prefer the longest head: "schoon|maak|ster" is worse than "schoonmaak|ster".
                        if best is None or len(candidate[-1]) > len(best[-1]):
                            best = candidate
                        break
        result = best or (word,)
        self._cache[word] = result
        return result

    def __getstate__(self) -> dict[str, object]:
        return {"words": self.words, "stems": self.stems, "_cache": {}}


@dataclass
class _WordAnalyzer:
    """Stems of the words and of their compound parts; a picklable callable for scikit-learn."""

    splitter: CompoundSplitter

    def __call__(self, text: str) -> list[str]:
        out: list[str] = []
        for word in _WORD.findall(fold(text)):
            out.append(stem(word))
            parts = self.splitter.split(word)
            if len(parts) > 1:
                out.extend(stem(p) for p in parts)
        return out


class LexicalRanker:
    """Ranks a fixed list of (id, surface form) for any query."""

    def __init__(self, ids: Sequence[str], texts: Sequence[str]) -> None:
        if len(ids) != len(texts):
            raise ValueError("ids and texts differ in length")
        self.ids = list(ids)
        self.texts = list(texts)
        folded = [fold(t) for t in texts]
        vocabulary = Counter(w for t in folded for w in _WORD.findall(t))
        self.splitter = CompoundSplitter(vocabulary)
        self._chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32
        )
        self._words = TfidfVectorizer(
            analyzer=_WordAnalyzer(self.splitter), sublinear_tf=True, dtype=np.float32
        )
        self._char_matrix = self._chars.fit_transform(folded).T.tocsr()
        self._word_matrix = self._words.fit_transform(texts).T.tocsr()

    def __len__(self) -> int:
        return len(self.ids)

    def scores(self, queries: Sequence[str]) -> np.ndarray:
        """A (queries x items) matrix of similarities between 0 and 1."""
        chars = self._chars.transform([fold(q) for q in queries]) @ self._char_matrix
        words = self._words.transform(list(queries)) @ self._word_matrix
        return np.asarray((CHAR_WEIGHT * chars + (1 - CHAR_WEIGHT) * words).todense())

    def rank_many(
        self, queries: Sequence[str], k: int = 100, batch: int = 128
    ) -> list[list[tuple[str, float]]]:
        out: list[list[tuple[str, float]]] = []
        for start in range(0, len(queries), batch):
            out.extend(self._rank_batch(queries[start : start + batch], k))
        return out

    def _rank_batch(self, queries: Sequence[str], k: int) -> list[list[tuple[str, float]]]:
        out = []
        for row in self.scores(queries):
            k_eff = min(k, len(row))
            if k_eff == 0:
                out.append([])
                continue
            top = np.argpartition(-row, k_eff - 1)[:k_eff]
            top = top[np.lexsort((top, -row[top]))]
            out.append([(self.ids[i], float(row[i])) for i in top if row[i] > 0])
        return out

    def rank(self, query: str, k: int = 100) -> list[tuple[str, float]]:
        return self.rank_many([query], k)[0]
