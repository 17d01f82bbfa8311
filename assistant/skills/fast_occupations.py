"""Ranking occupations without running e5 on the query: words and the static encoder only, in batches.

The full occupation ranker (`occupation_fusion.py`) runs the e5 transformer on every job title, about
10 ms each on two cores. Here the query side is only the lexical engine and the static encoder of job
titles (a sparse product), while the index side keeps what e5 made once: the centre of each
occupation. Every feature is computed for a whole batch of titles with matrix products, so a desk that
links thousands of titles at once (a list of job titles from a CV import) is not held up.

Its own fusion is trained exactly as the full one (ESCO alternative labels held out of the index, their
occupation the answer); the same function makes the features for training and for ranking.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from scipy import sparse

from assistant.skills.logistic import Logistic
from assistant.skills.occupation_fusion import (
    CANDIDATES_PER_SIGNAL,
    OccupationIndex,
    best_rows,
    fit_on_held_out,
    reciprocal_rank_of_right,
)
from assistant.skills.static_encoder import StaticEncoder

FAST_FEATURES = (
    "lexical",
    "lexical_rank",
    "labels",
    "lexical_mean",
    "lexical_gap",
    "static",
    "static_rank",
    "static_gap",
    "static_names",
    "static_names_gap",
)
BATCH = 256


class FastFeatures:
    """The fast fusion's features of an index, for batches of titles."""

    def __init__(self, index: OccupationIndex, static: StaticEncoder) -> None:
        index.use_static(static)
        self.index = index
        self.static = static
        self._log_sizes = np.log1p(index.sizes).astype(np.float32)
        rows = len(index.owners)
        # names x occupations, 1 where the name belongs to the occupation: sums per occupation as a product
        self._owner_matrix = sparse.csr_matrix(
            (np.ones(rows, dtype=np.float32), (np.arange(rows), index.owner_of_row)),
            shape=(rows, len(index.concepts)),
        )

    def batch(
        self, texts: Sequence[str], held_out: Sequence[Sequence[int]] = ()
    ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Per title: the candidates' feature rows, the candidates, and each candidate's best name (row).
        `held_out[i]` are rows left out of the index for title i (training and held-back measures)."""
        index = self.index
        assert index.static_vectors is not None
        queries = self.static(texts)
        lexical_sparse = index.lexical.scores(texts)
        lexical = lexical_sparse.toarray()
        lex_sum = (lexical_sparse @ self._owner_matrix).toarray()
        near = queries @ index.centroids.T
        for i, left_out in enumerate(held_out):
            if left_out:
                gone = list(left_out)
                np.subtract.at(lex_sum[i], index.owner_of_row[gone], lexical[i, gone])
                lexical[i, gone] = 0.0
                touched, centres = index.centres_without(gone)
                near[i, touched] = centres @ queries[i]
        lex_max = np.maximum.reduceat(lexical, index.starts, axis=1)
        lex_mean = lex_sum / index.sizes
        k = min(CANDIDATES_PER_SIGNAL, lex_max.shape[1] - 1)
        top_lex = (
            np.argpartition(-lex_max, k, axis=1)[:, : k + 1] if k > 0 else np.zeros((len(texts), 1), int)
        )
        top_near = np.argpartition(-near, k, axis=1)[:, : k + 1] if k > 0 else top_lex
        sorted_lex = np.sort(lex_max, axis=1)
        sorted_near = np.sort(near, axis=1)
        out = []
        for i in range(len(texts)):
            candidates = np.union1d(top_lex[i], top_near[i])
            # the static vectors of the candidates' names only: a product with all 24,000 names would
            # take most of the time
            rows, firsts, sizes = index.segments(candidates)
            names = index.static_vectors[rows] @ queries[i]
            if held_out and held_out[i]:
                names[np.isin(rows, held_out[i])] = -1.0
            nm = np.maximum.reduceat(names, firsts)
            lm, nr = lex_max[i, candidates], near[i, candidates]
            x = np.stack(
                [
                    lm,
                    1 / (1 + _rank_among(sorted_lex[i], lm)),
                    self._log_sizes[candidates],
                    lex_mean[i, candidates],
                    np.maximum(lm - sorted_lex[i, -1], -1.0),
                    nr,
                    1 / (1 + _rank_among(sorted_near[i], nr)),
                    nr - sorted_near[i, -1],
                    nm,
                    nm - nm.max(),
                ],
                axis=1,
            )
            out.append((x, candidates, best_rows(rows, firsts, sizes, lexical[i, rows] + names)))
        return out


def _rank_among(ascending: np.ndarray, values: np.ndarray) -> np.ndarray:
    """0 for the highest value: how many values of the row are greater."""
    return (len(ascending) - np.searchsorted(ascending, values, side="right")).astype(np.float64)


class FastOccupationRanker:
    """Same answers as `OccupationRanker.rank_many`, without e5 on the query side."""

    def __init__(self, index: OccupationIndex, model: Logistic, static: StaticEncoder) -> None:
        self.features = FastFeatures(index, static)
        self.model = model

    def rank_many(self, queries: Sequence[str], k: int = 100) -> list[list[tuple[str, str, float]]]:
        batches = [list(queries[start : start + BATCH]) for start in range(0, len(queries), BATCH)]
        if len(batches) < 2:
            return [r for b in batches for r in self._rank_batch(b, k)]
        # numpy and scipy let go of the interpreter lock in their products: two batches at once use both cores
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            return [r for ranked in pool.map(lambda b: self._rank_batch(b, k), batches) for r in ranked]

    def _rank_batch(self, texts: list[str], k: int) -> list[list[tuple[str, str, float]]]:
        index = self.features.index
        out: list[list[tuple[str, str, float]]] = []
        for x, candidates, best in self.features.batch(texts):
            scores = self.model.probability(x)
            order = np.argsort(-scores, kind="stable")[:k]
            out.append(
                [
                    (index.concepts[int(candidates[i])], index.texts[int(best[i])], float(scores[i]))
                    for i in order
                ]
            )
        return out


def _held_out(features: FastFeatures, query_rows: Sequence[int]) -> list[tuple[np.ndarray, np.ndarray]]:
    index = features.index
    out: list[tuple[np.ndarray, np.ndarray]] = []
    for start in range(0, len(query_rows), BATCH):
        rows = query_rows[start : start + BATCH]
        texts = [index.texts[r] for r in rows]
        batch = features.batch(texts, [index.rows_by_text[t] for t in texts])
        for row, (x, candidates, _best) in zip(rows, batch, strict=True):
            out.append((x, (index.owner_of_row[row] == candidates).astype(np.float64)))
    return out


def fit_fast_fusion(
    index: OccupationIndex, query_rows: Sequence[int], static: StaticEncoder
) -> tuple[Logistic, int]:
    return fit_on_held_out(_held_out(FastFeatures(index, static), query_rows), FAST_FEATURES)


def fast_held_out_mrr(
    index: OccupationIndex, query_rows: Sequence[int], static: StaticEncoder, model: Logistic
) -> float:
    pairs = _held_out(FastFeatures(index, static), query_rows)
    total = sum(reciprocal_rank_of_right(model.probability(x), right) for x, right in pairs)
    return round(total / max(len(query_rows), 1), 4)
