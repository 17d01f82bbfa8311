"""How the occupation ranker learns from the taxonomy alone: alternative labels held out of the index are the
questions and their own occupation is the answer. A held-out label must really be out of the index (else
the ranker learns to find a text it was shown), the choice is reproducible, and on a tiny hand-made index
the learned fusion puts the right job first. The fitted model travels as JSON and is refused for other
features."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pytest

from assistant.skills.logistic import Logistic, fit
from assistant.skills.occupation_fusion import (
    FEATURES,
    OccupationIndex,
    fit_fusion,
    held_out_mrr,
    training_queries,
    validation_queries,
)

DIM = 8

#: Occupation -> (preferred label, alternative labels). Given out of order on purpose: the index sorts.
JOBS: dict[str, tuple[str, list[str]]] = {
    "occ:metselaar": ("metselaar", ["muurmetselaar", "metselaar renovatie", "voegmetselaar"]),
    "occ:chauffeur": ("vrachtwagenchauffeur", ["chauffeur vrachtauto", "trucker", "bestuurder vrachtwagen"]),
    "occ:kok": ("kok", ["keukenkok", "chef-kok", "kok restaurant"]),
    "occ:schoonmaker": ("schoonmaker", ["schoonmaakster", "interieurverzorger", "glazenwasser"]),
    "occ:lasser": ("lasser", ["metaallasser", "constructielasser"]),
    "occ:kapper": ("kapper", []),
}


def _vectors() -> dict[str, np.ndarray]:
    """Made-up meaning: each job its own direction, each label that direction plus a little noise."""
    rng = np.random.default_rng(11)
    out: dict[str, np.ndarray] = {}
    for k, (pref, alts) in enumerate(JOBS.values()):
        for text in [pref, *alts]:
            v = np.zeros(DIM, dtype=np.float32)
            v[k] = 1.0
            v += rng.normal(0, 0.15, DIM).astype(np.float32)
            out[text] = v / np.linalg.norm(v)
    return out


VECTORS = _vectors()


def encode(texts: list[str]) -> np.ndarray:
    return np.stack([VECTORS[t] for t in texts]).astype(np.float32)


def _index() -> tuple[OccupationIndex, list[bool]]:
    """The index (given in reverse order, as a knowledge base may list it) and, per sorted row, whether
    the label is an alternative one."""
    given = [(owner, text, text != pref) for owner, (pref, alts) in JOBS.items() for text in [pref, *alts]]
    given.reverse()
    owners = [o for o, _t, _a in given]
    texts = [t for _o, t, _a in given]
    index = OccupationIndex(owners, texts, encode(texts), {})
    alternative = [given[r][2] for r in index.rows]
    return index, alternative


@pytest.fixture(scope="module")
def tiny() -> tuple[OccupationIndex, list[bool]]:
    return _index()


def test_training_queries_are_only_alternative_labels(tiny: tuple[OccupationIndex, list[bool]]) -> None:
    index, alternative = tiny
    chosen = training_queries(index, alternative, count=100)
    assert chosen
    prefs = {pref for pref, _alts in JOBS.values()}
    for row in chosen:
        assert alternative[row], index.texts[row]
        assert index.texts[row] not in prefs, f"a preferred label was held out: {index.texts[row]}"


def test_training_queries_at_most_two_per_occupation_and_none_without_alternatives(
    tiny: tuple[OccupationIndex, list[bool]],
) -> None:
    index, alternative = tiny
    chosen = training_queries(index, alternative, count=100)
    per_job = Counter(index.owners[r] for r in chosen)
    assert max(per_job.values()) <= 2
    assert "occ:kapper" not in per_job, "a job with only its preferred label gives no question"
    # every job with alternatives gets its two (or its one)
    assert per_job == {
        "occ:metselaar": 2,
        "occ:chauffeur": 2,
        "occ:kok": 2,
        "occ:schoonmaker": 2,
        "occ:lasser": 2,
    }
    assert len(set(chosen)) == len(chosen)
    assert len(training_queries(index, alternative, count=3)) == 3


def test_training_queries_are_the_same_for_the_same_seed(tiny: tuple[OccupationIndex, list[bool]]) -> None:
    index, alternative = tiny
    first = training_queries(index, alternative, count=100, seed=3)
    assert training_queries(index, alternative, count=100, seed=3) == first
    again = _index()  # a fresh index from the same data
    assert training_queries(again[0], again[1], count=100, seed=3) == first
    others = [training_queries(index, alternative, count=100, seed=s) for s in range(4, 10)]
    assert any(o != first for o in others), "the seed chooses"


def _scores(index: OccupationIndex, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    query = encode([text])[0]
    lexical = index.lexical.scores([text]).toarray()[0]
    return lexical, query @ index.vectors.T, query


def test_held_out_label_cannot_be_found_by_its_own_text(tiny: tuple[OccupationIndex, list[bool]]) -> None:
    index, _alternative = tiny
    row = index.texts.index("muurmetselaar")
    owner = index.concepts.index("occ:metselaar")
    lexical, meaning, query = _scores(index, "muurmetselaar")

    x_open, candidates_open = index.features(lexical, meaning, query)
    x_held, candidates_held = index.features(lexical, meaning, query, held_out=[row])
    open_row = x_open[list(candidates_open).index(owner)]
    held_row = x_held[list(candidates_held).index(owner)]
    lex, mean = FEATURES.index("lexical"), FEATURES.index("meaning")
    assert open_row[lex] == pytest.approx(1.0, abs=1e-5) and open_row[mean] == pytest.approx(1.0, abs=1e-5)
    assert held_row[lex] < 0.99, "the held-out text itself still scored as a lexical match"
    assert held_row[mean] < 0.99, "the held-out vector itself still scored as a meaning match"
    # the other labels of the job still count: it is found through them, not through the held-out one
    others = [r for r in range(len(index.texts)) if index.owners[r] == "occ:metselaar" and r != row]
    assert held_row[mean] == pytest.approx(float(meaning[others].max()), abs=1e-5)
    # the centroid leaves the held-out vector out too
    cen = FEATURES.index("centroid")
    assert held_row[cen] < open_row[cen]


def test_fusion_on_a_tiny_index_puts_the_right_job_first(tiny: tuple[OccupationIndex, list[bool]]) -> None:
    index, alternative = tiny
    rows = training_queries(index, alternative, count=100)
    model, used = fit_fusion(index, rows, encode)
    assert used == len(rows)
    assert model.features == FEATURES
    for row in rows:
        text = index.texts[row]
        same = [r for r, t in enumerate(index.texts) if t == text]
        lexical, meaning, query = _scores(index, text)
        x, candidates = index.features(lexical, meaning, query, same)
        best = int(candidates[int(np.argmax(model.probability(x)))])
        assert index.concepts[best] == index.owners[row], f"{text!r} ranked {index.concepts[best]} first"


def test_logistic_json_round_trip_gives_the_same_scores() -> None:
    rng = np.random.default_rng(5)
    x = rng.normal(size=(200, 3)) * [1.0, 5.0, 0.1] + [0, 2, 1]
    y = (x[:, 0] + 0.2 * x[:, 1] + rng.normal(0, 0.5, 200) > 0.4).astype(float)
    features = ("a", "b", "c")
    model = fit(x, y, features)
    stored = json.loads(json.dumps(model.to_json()))
    again = Logistic.from_json(stored, features)
    assert np.allclose(again.probability(x), model.probability(x), atol=1e-5)
    assert again.probability(np.array([3.0, 2.0, 1.0]))[0] > again.probability(np.array([-3.0, 2.0, 1.0]))[0]


def test_logistic_from_json_refuses_other_features_or_sizes() -> None:
    model = fit(
        np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]), np.array([0, 1, 1, 0]), ("a", "b")
    )
    data = model.to_json()
    with pytest.raises(ValueError, match="features"):
        Logistic.from_json(data, ("a", "c"))
    with pytest.raises(ValueError):
        Logistic.from_json(data, ("a", "b", "c"))
    short = {**data, "weights": data["weights"][:-1]}
    with pytest.raises(ValueError):
        Logistic.from_json(short, ("a", "b"))


def test_held_back_labels_for_reporting_were_never_training_queries(
    tiny: tuple[OccupationIndex, list[bool]],
) -> None:
    index, alternative = tiny
    training = training_queries(index, alternative, count=100)
    held_back = validation_queries(index, alternative, training)
    assert held_back, "the tiny index has occupations with more than two alternative labels"
    assert not set(held_back) & set(training)
    assert all(alternative[r] for r in held_back)
    model, _used = fit_fusion(index, training, encode)
    mrr = held_out_mrr(index, held_back, encode, model)
    assert set(mrr) == {"fusion", "lexical", "meaning"}
    assert all(0.0 <= v <= 1.0 for v in mrr.values())
    assert mrr["fusion"] > 0, "the right job is found for labels the fusion never saw"
