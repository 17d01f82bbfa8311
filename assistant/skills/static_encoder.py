"""A static encoder for job titles, trained here: word stems and character n-grams to a vector.

Each surface form of an occupation in the knowledge base is a free example: its words should land on the
meaning of the occupation it names, the centre of the e5 vectors of all that occupation's names and its
description. A ridge regression from sparse TF-IDF features (Dutch word stems and character 3-5-grams
inside words) to that centre learns which words and word parts point to which kind of job; misspellings
and unseen compounds still share n-grams with the names it learned from. No benchmark query or answer is
ever a training example.

Encoding is a sparse product, a few microseconds per title, with no transformer; the occupation ranker
uses it beside e5 as one more signal. The weights are stored as plain arrays (`to_files`), never pickled.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse

from assistant.skills.nlp import fold, stem
from assistant.skills.ranking import char_ngrams, tfidf_rows

_WORD = re.compile(r"[a-z0-9]+")
#: Ridge penalty and conjugate-gradient steps: chosen on ESCO names held back from training (0.1 of 0.03,
#: 0.1, 0.3); 60 steps leave the fit still but take under a minute on 2 cores.
PENALTY = 0.1
STEPS = 60


def features(text: str) -> list[str]:
    words = _WORD.findall(fold(text))
    return [*("w:" + stem(w) for w in words), *("c:" + g for g in char_ngrams(" ".join(words)))]


class StaticEncoder:
    """Unit vectors for short texts from a learned linear map of their sparse features."""

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray, weights: np.ndarray) -> None:
        if len(vocabulary) != len(idf) or weights.shape[0] != len(idf) or weights.ndim != 2:
            raise ValueError("vocabulary, idf and weights do not fit together")
        self.vocabulary = list(vocabulary)
        self._column = {term: i for i, term in enumerate(self.vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float32)
        self.weights = np.asarray(weights, dtype=np.float32)

    @classmethod
    def fit(
        cls, texts: Sequence[str], targets: np.ndarray, penalty: float = PENALTY, steps: int = STEPS
    ) -> StaticEncoder:
        counts = [Counter(features(t)) for t in texts]
        df = Counter(term for c in counts for term in c)
        vocabulary = sorted(df)
        idf = np.asarray([np.log((1 + len(texts)) / (1 + df[t])) + 1 for t in vocabulary], dtype=np.float32)
        encoder = cls(vocabulary, idf, np.zeros((len(vocabulary), targets.shape[1]), dtype=np.float32))
        x = encoder._matrix(counts)
        encoder.weights = _ridge(x, np.asarray(targets, dtype=np.float32), penalty, steps)
        return encoder

    def _matrix(self, counts: Sequence[Counter[str]]) -> sparse.csr_matrix:
        columns = [
            {j: tf for term, tf in c.items() if (j := self._column.get(term)) is not None} for c in counts
        ]
        return tfidf_rows(columns, self.idf)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text (zero for a text with no known feature)."""
        v = self._matrix([Counter(features(t)) for t in texts]) @ self.weights
        return (v / (np.linalg.norm(v, axis=1, keepdims=True) + 1e-9)).astype(np.float32)

    def to_files(self) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        """Arrays and a JSON document for the model folder."""
        arrays: dict[str, np.ndarray] = {
            "static_idf": self.idf,
            "static_weights": self.weights.astype(np.float16),
        }
        return arrays, {"vocabulary": self.vocabulary}

    @classmethod
    def from_files(cls, arrays: dict[str, np.ndarray], document: dict[str, Any]) -> StaticEncoder:
        vocabulary = document["vocabulary"]
        if not isinstance(vocabulary, list) or not all(isinstance(t, str) for t in vocabulary):
            raise ValueError("the static encoder's vocabulary is not a list of words")
        return cls(vocabulary, arrays["static_idf"], arrays["static_weights"])


def _ridge(x: sparse.csr_matrix, y: np.ndarray, penalty: float, steps: int) -> np.ndarray:
    """min |xW - y|^2 + penalty |W|^2 for all columns of y at once, by conjugate gradients on the normal
    equations (x is sparse and wide; its Gram matrix is never formed)."""
    xt = sparse.csr_matrix(x.T)

    def gram(p: np.ndarray) -> np.ndarray:
        return np.asarray(xt @ (x @ p)) + penalty * p

    b = np.asarray(xt @ y)
    w = np.zeros_like(b)
    r = b.copy()
    p = r.copy()
    rs = (r * r).sum(axis=0)
    for _ in range(steps):
        gp = gram(p)
        alpha = rs / ((p * gp).sum(axis=0) + 1e-12)
        w += p * alpha
        r -= gp * alpha
        rs_next = (r * r).sum(axis=0)
        p = r + p * (rs_next / (rs + 1e-12))
        rs = rs_next
    return w


def fit_for_occupations(
    uris: Sequence[str],
    texts: Sequence[str],
    vectors: np.ndarray,
    descriptions: dict[str, np.ndarray],
    leave_out: set[str],
) -> StaticEncoder:
    """Trained on every occupation name whose text is not in `leave_out` (the names the fusion learns
    from and the names it is measured on), each aimed at the centre of its occupation: the e5 vectors of
    the occupation's other trained names and its description."""
    keep = [i for i, t in enumerate(texts) if t not in leave_out]
    sums: dict[str, np.ndarray] = {}
    for i in keep:
        sums[uris[i]] = sums.get(uris[i], np.zeros(vectors.shape[1], dtype=np.float32)) + vectors[i]
    for uri, d in descriptions.items():
        if uri in sums:
            sums[uri] = sums[uri] + d
    centres = {uri: v / (np.linalg.norm(v) + 1e-9) for uri, v in sums.items()}
    return StaticEncoder.fit([texts[i] for i in keep], np.stack([centres[uris[i]] for i in keep]))
