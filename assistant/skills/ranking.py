"""The ranking engine shared by occupations and skills: given labelled surface forms, rank them for a query.

Two views of Dutch text, fused with equal weight: character n-grams (3-5, within words) catch misspellings
and shared word parts; Dutch word stems plus the parts of compound words ("vrachtwagenchauffeur" ->
"vrachtwagen", "chauffeur", split against the words the corpus itself uses) catch word order and
inflection. Both are TF-IDF weighted, so informative words count more than common ones.

A built ranker can be written as plain numeric arrays (`to_arrays`) and rebuilt from them (`from_arrays`),
so it is stored in a format that cannot run code (numpy's `.npz` read with `allow_pickle=False`), never as a
pickle.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from assistant.skills.nlp import fold, stem

_WORD = re.compile(r"[a-z0-9]+")
CHAR_WEIGHT = 0.5
_LINKS = ("s", "e", "en")


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


def char_ngrams(text: str, low: int = 3, high: int = 5) -> list[str]:
    """Character n-grams inside each word, the word padded with spaces ("char_wb" in scikit-learn terms)."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) < n:
                break
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


HASH_BITS = 20


def _feature(term: str) -> int:
    return zlib.crc32(term.encode("utf-8")) & ((1 << HASH_BITS) - 1)


def tfidf_rows(
    rows: Sequence[Mapping[int, int]], idf: np.ndarray, features: np.ndarray | None = None
) -> sparse.csr_matrix:
    """Unit-length rows of sublinear TF-IDF, one per {feature: count}; `idf` gives the width. With
    `features` (sorted), a feature is a hashed term and its column is its place in `features`; terms
    outside it have no column and, like those of IDF 0, count for nothing."""
    lengths = np.fromiter((len(c) for c in rows), dtype=np.int64, count=len(rows))
    cols = np.fromiter((col for c in rows for col in c), dtype=np.int32, count=int(lengths.sum()))
    tfs = np.fromiter((tf for c in rows for tf in c.values()), dtype=np.float32, count=len(cols))
    if features is not None:
        place = np.minimum(np.searchsorted(features, cols), max(len(features) - 1, 0))
        listed = features[place] == cols if len(features) else np.zeros(len(cols), dtype=bool)
        cols = place.astype(np.int32)
        tfs[~listed] = 0  # log(0) below gives -inf; such terms are dropped with the unknown ones
    with np.errstate(divide="ignore"):
        data = (1 + np.log(tfs)) * idf[cols] if len(idf) else np.zeros(len(cols), dtype=np.float32)
    owner = np.repeat(np.arange(len(rows)), lengths)
    known = data > 0
    cols, data, owner = cols[known], data[known], owner[known]
    norms = np.sqrt(np.bincount(owner, weights=data * data, minlength=len(rows)))
    norms[norms == 0] = 1
    data = (data / norms[owner]).astype(np.float32)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(owner, minlength=len(rows)))])
    return sparse.csr_matrix((data, cols, indptr), shape=(len(rows), len(idf)))


class TfidfIndex:
    """Sublinear TF-IDF vectors with smoothed IDF and unit length, as scikit-learn's TfidfVectorizer makes
    them; written here because importing scikit-learn alone costs 65 MB of the 250 MB memory budget.
    Terms are hashed to a fixed number of features (a stable CRC32), so no vocabulary is kept in memory;
    only the features some document has get a row (`features`, sorted), so a kiosk does not hold a
    million-row table for 60,000 of them."""

    def __init__(self, analyzer: Callable[[str], list[str]], documents: Sequence[str]) -> None:
        self.analyzer = analyzer
        rows = [self._counts(doc) for doc in documents]
        df = np.zeros(1 << HASH_BITS, dtype=np.float32)
        for counts in rows:
            df[list(counts)] += 1
        self.features = np.flatnonzero(df).astype(np.int32)
        self.idf = (np.log((1 + len(rows)) / (1 + df[self.features])) + 1).astype(np.float32)
        self.matrix = self._vectors(rows).T.tocsr()
        """features x documents, so a query vector times it gives one score per document."""

    def _counts(self, text: str) -> Counter[int]:
        return Counter(_feature(term) for term in self.analyzer(text))

    def _vectors(self, rows: list[Counter[int]]) -> sparse.csr_matrix:
        return tfidf_rows(rows, self.idf, self.features)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return self._vectors([self._counts(t) for t in texts])

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The features with their IDF and the matrix, as numeric arrays named `prefix.*`."""
        return {
            f"{prefix}.idf_features": self.features,
            f"{prefix}.idf_values": self.idf,
            f"{prefix}.data": self.matrix.data,
            f"{prefix}.indices": self.matrix.indices,
            f"{prefix}.indptr": self.matrix.indptr,
            f"{prefix}.documents": np.array([self.matrix.shape[1]], dtype=np.int64),
        }

    @classmethod
    def from_arrays(
        cls, analyzer: Callable[[str], list[str]], arrays: Mapping[str, np.ndarray], prefix: str
    ) -> TfidfIndex:
        """The index `to_arrays` wrote; a ValueError when the arrays do not fit together."""
        index = cls.__new__(cls)
        index.analyzer = analyzer
        features = _numbers(arrays[f"{prefix}.idf_features"], np.int32)
        values = _numbers(arrays[f"{prefix}.idf_values"], np.float32)
        if len(features) != len(values) or (
            len(features)
            and not (features[0] >= 0 and features[-1] < 1 << HASH_BITS and (np.diff(features) > 0).all())
        ):
            raise ValueError(f"{prefix}: features out of range or order")
        index.features = features
        index.idf = values
        documents = int(_numbers(arrays[f"{prefix}.documents"], np.int64)[0])
        matrix = sparse.csr_matrix(
            (
                _numbers(arrays[f"{prefix}.data"], np.float32),
                _numbers(arrays[f"{prefix}.indices"], np.int32),
                _numbers(arrays[f"{prefix}.indptr"], _index_dtype(arrays[f"{prefix}.indptr"])),
            ),
            shape=(len(features), documents),
        )
        matrix.check_format(full_check=True)  # every index inside the shape, indptr in order
        index.matrix = matrix
        return index


def _numbers(array: np.ndarray, dtype: np.dtype | type) -> np.ndarray:
    """`array` when it holds numbers of the kind expected; a ValueError for strings or other kinds."""
    if array.dtype.kind not in "iuf" or array.dtype != np.dtype(dtype) or array.ndim != 1:
        raise ValueError(f"unexpected array {array.dtype}{array.shape}")
    return array


def _index_dtype(array: np.ndarray) -> type:
    """scipy writes a matrix's row starts as int32 or int64, depending on its size."""
    return np.int64 if array.dtype == np.int64 else np.int32


def strings_to_arrays(name: str, strings: Sequence[str]) -> dict[str, np.ndarray]:
    """A list of strings as one UTF-8 byte array and the end offset of each string (no object arrays)."""
    encoded = [s.encode("utf-8") for s in strings]
    ends = np.cumsum([len(b) for b in encoded], dtype=np.int64)
    return {f"{name}.utf8": np.frombuffer(b"".join(encoded), dtype=np.uint8), f"{name}.ends": ends}


def strings_from_arrays(arrays: Mapping[str, np.ndarray], name: str) -> list[str]:
    blob = _numbers(arrays[f"{name}.utf8"], np.uint8).tobytes()
    ends = _numbers(arrays[f"{name}.ends"], np.int64)
    if len(ends) and (ends[-1] != len(blob) or (np.diff(ends) < 0).any() or ends[0] < 0):
        raise ValueError(f"{name}: offsets do not fit")
    starts = [0, *ends[:-1].tolist()]
    return [blob[a:b].decode("utf-8") for a, b in zip(starts, ends.tolist(), strict=True)]


@dataclass
class _WordAnalyzer:
    """Stems of the words and of their compound parts."""

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
        folded = [fold(t) for t in texts]
        vocabulary = Counter(w for t in folded for w in _WORD.findall(t))
        self.splitter = CompoundSplitter(vocabulary)
        self._chars = TfidfIndex(char_ngrams, folded)
        self._words = TfidfIndex(_WordAnalyzer(self.splitter), texts)

    def __len__(self) -> int:
        return len(self.ids)

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Everything the ranker needs, as numeric arrays only: no object that runs code when read."""
        return {
            **strings_to_arrays("ids", self.ids),
            **strings_to_arrays("words", sorted(self.splitter.words)),
            **strings_to_arrays("stems", sorted(self.splitter.stems)),
            **self._chars.to_arrays("chars"),
            **self._words.to_arrays("words_index"),
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> LexicalRanker:
        """The ranker `to_arrays` wrote, ranking exactly as before; a ValueError or KeyError when the arrays
        are not such a ranker."""
        ranker = cls.__new__(cls)
        ranker.ids = strings_from_arrays(arrays, "ids")
        splitter = CompoundSplitter(Counter())
        splitter.words = set(strings_from_arrays(arrays, "words"))
        splitter.stems = set(strings_from_arrays(arrays, "stems"))
        ranker.splitter = splitter
        ranker._chars = TfidfIndex.from_arrays(char_ngrams, arrays, "chars")
        ranker._words = TfidfIndex.from_arrays(_WordAnalyzer(splitter), arrays, "words_index")
        for index in (ranker._chars, ranker._words):
            if index.matrix.shape[1] != len(ranker.ids):
                raise ValueError("ids and index differ in length")
        return ranker

    def scores(self, queries: Sequence[str]) -> sparse.csr_matrix:
        """A sparse (queries x items) matrix of similarities between 0 and 1."""
        return self._fused(queries, self._word_scores(queries))

    def _word_scores(self, queries: Sequence[str]) -> sparse.csr_matrix:
        return self._words.transform(list(queries)) @ self._words.matrix

    def _fused(self, queries: Sequence[str], words: sparse.csr_matrix) -> sparse.csr_matrix:
        """The scores of `queries`, given their word scores: the letter groups' added."""
        chars = self._chars.transform([fold(q) for q in queries]) @ self._chars.matrix
        return (CHAR_WEIGHT * chars + (1 - CHAR_WEIGHT) * words).tocsr()

    def rank_many(
        self, queries: Sequence[str], k: int = 100, batch: int = 128
    ) -> list[list[tuple[str, float]]]:
        out: list[list[tuple[str, float]]] = []
        for start in range(0, len(queries), batch):
            out.extend(self._top(self.scores(queries[start : start + batch]), k))
        return out

    def _top(self, matrix: sparse.csr_matrix, k: int) -> list[list[tuple[str, float]]]:
        """The `k` best items of each row of a score matrix, best first (ties by item)."""
        out = []
        for row in range(matrix.shape[0]):
            lo, hi = matrix.indptr[row], matrix.indptr[row + 1]
            items, values = matrix.indices[lo:hi], matrix.data[lo:hi]
            if len(values) > k:
                keep = np.argpartition(-values, k - 1)[:k]
                items, values = items[keep], values[keep]
            order = np.lexsort((items, -values))
            out.append([(self.ids[items[i]], float(values[i])) for i in order if values[i] > 0])
        return out

    def rank(self, query: str, k: int = 100) -> list[tuple[str, float]]:
        return self.rank_many([query], k)[0]

    def rank_reaching(self, queries: Sequence[str], floor: float, k: int) -> list[list[tuple[str, float]]]:
        """`rank_many` of the queries whose best score can reach `floor`, and nothing for the others.

        The letter score is at most 1, so a query whose best word score w leaves
        `CHAR_WEIGHT + (1 - CHAR_WEIGHT) * w` below the floor reaches it nowhere; its letter groups, the
        costly part (each is shared by thousands of job titles), are never compared. For the phrases of
        a kiosk answer ("machines schoonspuiten"), most are such."""
        if not queries:
            return []
        words = self._word_scores(queries)
        best = np.asarray(words.max(axis=1).todense()).ravel()
        # A hair of slack for float32 sums: a query at the floor is ranked, never dropped by rounding.
        hopeful = [i for i, w in enumerate(best) if CHAR_WEIGHT + (1 - CHAR_WEIGHT) * w >= floor - 1e-6]
        out: list[list[tuple[str, float]]] = [[] for _ in queries]
        if hopeful:
            fused = self._fused([queries[i] for i in hopeful], words[hopeful])
            for i, ranked in zip(hopeful, self._top(fused, k), strict=True):
                out[i] = ranked
        return out
