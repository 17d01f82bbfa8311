"""Ranking occupations by a learned fusion of word, character and meaning scores, field by field.

An occupation has several surface forms (preferred and alternative labels) and often a description. For a
job title, each occupation gets: its best lexical score over its labels (the ranking engine of
`ranking.py`), its best and mean meaning score (e5 cosine) over its labels, the cosine with its description,
the cosine with its centroid (all its labels and its description together), the ranks of those, and how many
labels it has. A logistic regression, trained here on the taxonomy alone, weighs them: each training query
is an alternative label of an ESCO occupation, held out from the index, and the right answer is the
occupation it belongs to ("altLabel -> concept" as free supervision). No benchmark query or answer is used.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.skills.logistic import Logistic, fit
from assistant.skills.ranking import LexicalRanker

FEATURES = (
    "lexical",
    "meaning",
    "description",
    "centroid",
    "lexical_rank",
    "meaning_rank",
    "centroid_rank",
    "labels",
    "lexical_mean",
    "lexical_x_centroid",
    "meaning_x_centroid",
    "lexical_x_meaning",
    "lexical_gap",
    "centroid_gap",
)
CANDIDATES_PER_SIGNAL = 30
TRAINING_QUERIES = 3000


@dataclass
class OccupationIndex:
    """Surface forms grouped by occupation (rows sorted by owner), with their vectors."""

    owners: list[str]
    texts: list[str]
    vectors: np.ndarray
    """(rows x dim) unit vectors of the surface forms."""
    descriptions: dict[str, np.ndarray]

    def __post_init__(self) -> None:
        order = sorted(range(len(self.owners)), key=lambda i: (self.owners[i], i))
        self.owners = [self.owners[i] for i in order]
        self.texts = [self.texts[i] for i in order]
        self.vectors = np.asarray(self.vectors, dtype=np.float32)[order]
        self.rows = order
        """For each sorted row, its position in the lists given."""
        starts = [0, *(i for i in range(1, len(self.owners)) if self.owners[i] != self.owners[i - 1])]
        self.starts = np.asarray(starts, dtype=np.int64)
        self.concepts = [self.owners[s] for s in starts]
        self.sizes = np.diff(np.append(self.starts, len(self.owners)))
        self.owner_of_row = np.repeat(np.arange(len(self.concepts)), self.sizes)
        self.lexical = LexicalRanker(self.owners, self.texts)
        dim = self.vectors.shape[1]
        self.description_matrix = np.zeros((len(self.concepts), dim), dtype=np.float32)
        self.has_description = np.zeros(len(self.concepts), dtype=bool)
        for k, concept in enumerate(self.concepts):
            if concept in self.descriptions:
                self.description_matrix[k] = self.descriptions[concept]
                self.has_description[k] = True
        self.centroid_sums = np.add.reduceat(self.vectors, self.starts, axis=0) + self.description_matrix

    def features(
        self, lexical: np.ndarray, meaning: np.ndarray, query: np.ndarray, held_out: Sequence[int] = ()
    ) -> tuple[np.ndarray, np.ndarray]:
        """Feature rows of the candidate occupations for one query, and the candidates' indexes.

        `lexical` and `meaning` hold one score per surface form; `held_out` rows are left out (training)."""
        lexical = lexical.astype(np.float64, copy=True)
        meaning = meaning.astype(np.float64, copy=True)
        sums = self.centroid_sums
        if held_out:
            lexical[list(held_out)] = 0.0
            meaning[list(held_out)] = -1.0
            sums = sums.copy()
            for row in held_out:
                sums[self.owner_of_row[row]] -= self.vectors[row]
        centroids = sums / (np.linalg.norm(sums, axis=1, keepdims=True) + 1e-9)
        lex_max = np.maximum.reduceat(lexical, self.starts)
        lex_mean = np.add.reduceat(lexical, self.starts) / self.sizes
        mean_max = np.maximum.reduceat(meaning, self.starts)
        description = np.where(self.has_description, self.description_matrix @ query, 0.0)
        centroid = centroids @ query
        lex_rank, mean_rank, cen_rank = (_ranks(v) for v in (lex_max, mean_max, centroid))
        x = np.stack(
            [
                lex_max,
                mean_max,
                description,
                centroid,
                1 / (1 + lex_rank),
                1 / (1 + mean_rank),
                1 / (1 + cen_rank),
                np.log1p(self.sizes),
                lex_mean,
                lex_max * centroid,
                mean_max * centroid,
                lex_max * mean_max,
                np.maximum(lex_max - lex_max.max(), -1.0),
                centroid - centroid.max(),
            ],
            axis=1,
        )
        candidates = np.union1d(
            np.union1d(
                np.argsort(-lex_max)[:CANDIDATES_PER_SIGNAL], np.argsort(-mean_max)[:CANDIDATES_PER_SIGNAL]
            ),
            np.argsort(-centroid)[:CANDIDATES_PER_SIGNAL],
        )
        return x[candidates], candidates


def _ranks(values: np.ndarray) -> np.ndarray:
    ranks = np.empty(len(values))
    ranks[np.argsort(-values)] = np.arange(len(values))
    return ranks


class OccupationRanker:
    """Ranks occupations for job titles with the learned fusion."""

    def __init__(
        self, index: OccupationIndex, model: Logistic, encode: Callable[[list[str]], np.ndarray]
    ) -> None:
        self.index = index
        self.model = model
        self.encode = encode

    def rank_many(self, queries: Sequence[str], k: int = 100) -> list[list[tuple[str, str, float]]]:
        """For each query the best `k` occupations: (occupation, its best-matching surface form, score)."""
        out: list[list[tuple[str, str, float]]] = []
        for start in range(0, len(queries), 128):
            batch = list(queries[start : start + 128])
            vectors = self.encode(batch)
            lexical = self.index.lexical.scores(batch).toarray()
            meaning = vectors @ self.index.vectors.T
            for row, vector in enumerate(vectors):
                x, candidates = self.index.features(lexical[row], meaning[row], vector)
                scores = self.model.probability(x)
                order = np.argsort(-scores)[:k]
                ranked = []
                for i in order:
                    concept = int(candidates[i])
                    a = int(self.index.starts[concept])
                    b = a + int(self.index.sizes[concept])
                    best = a + int(np.argmax(meaning[row][a:b] + lexical[row][a:b]))
                    ranked.append((self.index.concepts[concept], self.index.texts[best], float(scores[i])))
                out.append(ranked)
        return out


def training_queries(
    index: OccupationIndex, alternative: Sequence[bool], count: int, seed: int = 7
) -> list[int]:
    """Rows to hold out as queries: up to two alternative labels per occupation, shuffled, `count` at most."""
    rng = random.Random(seed)
    chosen: list[int] = []
    for concept in range(len(index.concepts)):
        a = int(index.starts[concept])
        rows = [r for r in range(a, a + int(index.sizes[concept])) if alternative[r]]
        if len(rows) + 1 < 2:
            continue
        rng.shuffle(rows)
        chosen.extend(rows[:2])
    rng.shuffle(chosen)
    return chosen[:count]


def validation_queries(
    index: OccupationIndex,
    alternative: Sequence[bool],
    training: Sequence[int],
    count: int = 500,
    seed: int = 11,
) -> list[int]:
    """Held-back rows for reporting only: per occupation one more alternative label that no training
    query used, so the fusion is measured on labels it never saw (no benchmark involved)."""
    rng = random.Random(seed)
    used = set(training)
    chosen: list[int] = []
    for concept in range(len(index.concepts)):
        a = int(index.starts[concept])
        rows = [r for r in range(a, a + int(index.sizes[concept])) if alternative[r] and r not in used]
        if rows:
            chosen.append(rng.choice(rows))
    rng.shuffle(chosen)
    return chosen[:count]


def held_out_mrr(
    index: OccupationIndex,
    query_rows: Sequence[int],
    encode: Callable[[list[str]], np.ndarray],
    model: Logistic,
) -> dict[str, float]:
    """Mean reciprocal rank of the right occupation for held-out labels: the fusion, words alone
    (best lexical score) and meaning alone (best e5 score)."""
    texts = [index.texts[r] for r in query_rows]
    vectors = encode(texts)
    rows_of: dict[str, list[int]] = {}
    for r, text in enumerate(index.texts):
        rows_of.setdefault(text, []).append(r)
    totals = {"fusion": 0.0, "lexical": 0.0, "meaning": 0.0}
    for start in range(0, len(texts), 256):
        lexical = index.lexical.scores(texts[start : start + 256]).toarray()
        meaning = vectors[start : start + 256] @ index.vectors.T
        for offset in range(lexical.shape[0]):
            row = query_rows[start + offset]
            gold = int(index.owner_of_row[row])
            x, candidates = index.features(
                lexical[offset], meaning[offset], vectors[start + offset], rows_of[index.texts[row]]
            )
            for name, scores in (
                ("fusion", model.probability(x)),
                ("lexical", x[:, FEATURES.index("lexical")]),
                ("meaning", x[:, FEATURES.index("meaning")]),
            ):
                hits = np.nonzero(candidates == gold)[0]
                if len(hits):
                    totals[name] += 1.0 / (1 + int((scores > scores[hits[0]]).sum()))
    return {name: round(total / max(len(query_rows), 1), 4) for name, total in totals.items()}


def fit_fusion(
    index: OccupationIndex, query_rows: Sequence[int], encode: Callable[[list[str]], np.ndarray]
) -> tuple[Logistic, int]:
    """Fits the fusion on held-out labels; returns the model and the number of queries used."""
    texts = [index.texts[r] for r in query_rows]
    vectors = encode(texts)
    rows_of: dict[str, list[int]] = {}
    for r, text in enumerate(index.texts):
        rows_of.setdefault(text, []).append(r)
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    for start in range(0, len(texts), 256):
        lexical = index.lexical.scores(texts[start : start + 256]).toarray()
        meaning = vectors[start : start + 256] @ index.vectors.T
        for offset in range(lexical.shape[0]):
            row = query_rows[start + offset]
            same = rows_of[index.texts[row]]
            x, candidates = index.features(lexical[offset], meaning[offset], vectors[start + offset], same)
            y = (index.owner_of_row[row] == candidates).astype(np.float64)
            if y.any():
                xs.append(x)
                ys.append(y)
    return fit(np.concatenate(xs), np.concatenate(ys), FEATURES, penalty=0.01), len(xs)
