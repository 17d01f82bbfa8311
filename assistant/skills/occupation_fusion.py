"""Ranking occupations by a learned fusion of word, character and meaning scores, field by field.

An occupation has several surface forms (preferred and alternative labels) and often a description. For a
job title, each occupation gets: its best lexical score over its labels (the ranking engine of
`ranking.py`), its best and mean meaning score (e5 cosine) over its labels, the cosine with its description,
the cosine with its centroid (all its labels and its description together), the ranks of those, and how many
labels it has. A logistic regression, trained here on the taxonomy alone, weighs them: each training query
is an alternative label of an ESCO occupation, held out from the index, and the right answer is the
occupation it belongs to ("altLabel -> concept" as free supervision). No benchmark query or answer is used.

With a static encoder trained on the names (`static_encoder.py`), five more features say how close the
query's static vector is to each occupation's centre and to the static vectors of its names, and the 30
occupations whose centres are closest join the candidates.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from assistant.skills.logistic import Logistic, fit
from assistant.skills.ranking import LexicalRanker
from assistant.skills.static_encoder import StaticEncoder

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
STATIC_FEATURES = (*FEATURES, "static", "static_rank", "static_gap", "static_names", "static_names_gap")
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
        self.centroids = _unit_rows(self.centroid_sums)
        self.static_vectors: np.ndarray | None = None
        """(rows x dim) static vectors of the surface forms, once `use_static` has made them."""

    def use_static(self, encoder: StaticEncoder) -> None:
        if self.static_vectors is None:
            self.static_vectors = encoder(self.texts)

    @cached_property
    def rows_by_text(self) -> dict[str, list[int]]:
        """The rows holding each text: a held-out label is held out under every occupation that has it."""
        rows: dict[str, list[int]] = {}
        for r, text in enumerate(self.texts):
            rows.setdefault(text, []).append(r)
        return rows

    def centres_without(self, rows: Sequence[int]) -> tuple[list[int], np.ndarray]:
        """The occupations of `rows`, and their unit centres without those rows' vectors."""
        touched = sorted({int(self.owner_of_row[r]) for r in rows})
        sums = self.centroid_sums[touched].copy()
        for r in rows:
            sums[touched.index(int(self.owner_of_row[r]))] -= self.vectors[r]
        return touched, _unit_rows(sums)

    def segments(self, concepts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The rows of the names of the given occupations, one after the other; where each one's rows
        start in that list, and how many there are."""
        sizes = self.sizes[concepts]
        ends = np.cumsum(sizes)
        firsts = ends - sizes
        rows = np.repeat(self.starts[concepts] - firsts, sizes) + np.arange(int(ends[-1]))
        return rows, firsts, sizes

    def features(
        self,
        lexical: np.ndarray,
        meaning: np.ndarray,
        query: np.ndarray,
        held_out: Sequence[int] = (),
        static: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Feature rows of the candidate occupations for one query, and the candidates' indexes.

        `lexical` and `meaning` hold one score per surface form; `held_out` rows are left out (training);
        `static` is the query's static vector, for `STATIC_FEATURES`."""
        lexical = lexical.astype(np.float64, copy=True)
        meaning = meaning.astype(np.float64, copy=True)
        centroids = self.centroids
        if held_out:
            lexical[list(held_out)] = 0.0
            meaning[list(held_out)] = -1.0
            touched, centres = self.centres_without(held_out)
            centroids = centroids.copy()
            centroids[touched] = centres
        lex_max = np.maximum.reduceat(lexical, self.starts)
        lex_mean = np.add.reduceat(lexical, self.starts) / self.sizes
        mean_max = np.maximum.reduceat(meaning, self.starts)
        description = np.where(self.has_description, self.description_matrix @ query, 0.0)
        centroid = centroids @ query
        lex_rank, mean_rank, cen_rank = (_ranks(v) for v in (lex_max, mean_max, centroid))
        columns = [
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
        ]
        signals = [lex_max, mean_max, centroid]
        if static is not None:
            if self.static_vectors is None:
                raise ValueError("use_static() first: the names have no static vectors")
            near = centroids @ static
            names = self.static_vectors @ static
            if held_out:
                names[list(held_out)] = -1.0
            names_max = np.maximum.reduceat(names, self.starts)
            columns += [
                near,
                1 / (1 + _ranks(near)),
                near - near.max(),
                names_max,
                names_max - names_max.max(),
            ]
            signals.append(near)
        x = np.stack(columns, axis=1)
        candidates = np.unique(np.concatenate([np.argsort(-v)[:CANDIDATES_PER_SIGNAL] for v in signals]))
        return x[candidates], candidates


def _unit_rows(m: np.ndarray) -> np.ndarray:
    return m / (np.linalg.norm(m, axis=1, keepdims=True) + 1e-9)


def best_rows(rows: np.ndarray, firsts: np.ndarray, sizes: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per occupation of `OccupationIndex.segments`, the row of its best-scoring name (the first on a tie);
    `values` holds one score per row of the segments."""
    best = np.maximum.reduceat(values, firsts)
    position = np.where(values >= np.repeat(best, sizes), np.arange(len(values)), len(values))
    return rows[np.minimum.reduceat(position, firsts)]


def _ranks(values: np.ndarray) -> np.ndarray:
    ranks = np.empty(len(values))
    ranks[np.argsort(-values)] = np.arange(len(values))
    return ranks


class OccupationRanker:
    """Ranks occupations for job titles with the learned fusion."""

    def __init__(
        self,
        index: OccupationIndex,
        model: Logistic,
        encode: Callable[[list[str]], np.ndarray],
        static: StaticEncoder | None = None,
    ) -> None:
        self.index = index
        self.model = model
        self.encode = encode
        self.static = static
        if static is not None:
            index.use_static(static)

    def rank_many(self, queries: Sequence[str], k: int = 100) -> list[list[tuple[str, str, float]]]:
        """For each query the best `k` occupations: (occupation, its best-matching surface form, score)."""
        out: list[list[tuple[str, str, float]]] = []
        for start in range(0, len(queries), 128):
            batch = list(queries[start : start + 128])
            vectors = self.encode(batch)
            statics = self.static(batch) if self.static is not None else None
            lexical = self.index.lexical.scores(batch).toarray()
            meaning = vectors @ self.index.vectors.T
            for row, vector in enumerate(vectors):
                static = statics[row] if statics is not None else None
                x, candidates = self.index.features(lexical[row], meaning[row], vector, static=static)
                scores = self.model.probability(x)
                order = np.argsort(-scores)[:k]
                rows, firsts, sizes = self.index.segments(candidates[order])
                best = best_rows(rows, firsts, sizes, meaning[row][rows] + lexical[row][rows])
                out.append(
                    [
                        (self.index.concepts[int(candidates[i])], self.index.texts[int(b)], float(scores[i]))
                        for i, b in zip(order, best, strict=True)
                    ]
                )
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


def _held_out_features(
    index: OccupationIndex,
    query_rows: Sequence[int],
    encode: Callable[[list[str]], np.ndarray],
    static: StaticEncoder | None,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each held-out label: the candidates' feature rows, and which candidates are right (every
    row with the same text is held out of the index too)."""
    texts = [index.texts[r] for r in query_rows]
    vectors = encode(texts)
    statics = None
    if static is not None:
        index.use_static(static)
        statics = static(texts)
    out: list[tuple[np.ndarray, np.ndarray]] = []
    for start in range(0, len(texts), 256):
        lexical = index.lexical.scores(texts[start : start + 256]).toarray()
        meaning = vectors[start : start + 256] @ index.vectors.T
        for offset in range(lexical.shape[0]):
            i = start + offset
            row = query_rows[i]
            x, candidates = index.features(
                lexical[offset],
                meaning[offset],
                vectors[i],
                index.rows_by_text[index.texts[row]],
                statics[i] if statics is not None else None,
            )
            out.append((x, (index.owner_of_row[row] == candidates).astype(np.float64)))
    return out


def held_out_mrr(
    index: OccupationIndex,
    query_rows: Sequence[int],
    encode: Callable[[list[str]], np.ndarray],
    model: Logistic,
    static: StaticEncoder | None = None,
) -> dict[str, float]:
    """Mean reciprocal rank of the right occupation for held-out labels: the fusion, words alone
    (best lexical score), meaning alone (best e5 score) and, with a static encoder, its score alone."""
    names = {"fusion": None, "lexical": "lexical", "meaning": "meaning"}
    if static is not None:
        names["static"] = "static"
    totals = dict.fromkeys(names, 0.0)
    for x, right in _held_out_features(index, query_rows, encode, static):
        for name, column in names.items():
            scores = model.probability(x) if column is None else x[:, STATIC_FEATURES.index(column)]
            totals[name] += reciprocal_rank_of_right(scores, right)
    return {name: round(total / max(len(query_rows), 1), 4) for name, total in totals.items()}


def fit_fusion(
    index: OccupationIndex,
    query_rows: Sequence[int],
    encode: Callable[[list[str]], np.ndarray],
    static: StaticEncoder | None = None,
) -> tuple[Logistic, int]:
    """Fits the fusion on held-out labels; returns the model and the number of queries used."""
    pairs = _held_out_features(index, query_rows, encode, static)
    return fit_on_held_out(pairs, STATIC_FEATURES if static is not None else FEATURES)


def fit_on_held_out(
    pairs: Sequence[tuple[np.ndarray, np.ndarray]], features: tuple[str, ...]
) -> tuple[Logistic, int]:
    """A fusion fitted on (feature rows, which are right) of held-out labels whose occupation is among
    the candidates; also how many those were."""
    found = [(x, y) for x, y in pairs if y.any()]
    xs = np.concatenate([x for x, _ in found])
    ys = np.concatenate([y for _, y in found])
    return fit(xs, ys, features, penalty=0.01), len(found)


def reciprocal_rank_of_right(scores: np.ndarray, right: np.ndarray) -> float:
    """1 / the rank of the first right candidate by `scores`; 0 when no candidate is right."""
    hits = np.nonzero(right)[0]
    if not len(hits):
        return 0.0
    return 1.0 / (1 + int((scores > scores[hits[0]]).sum()))
