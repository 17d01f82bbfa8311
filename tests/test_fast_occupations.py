"""The fast occupation ranker (`fast_occupations.py`): no e5 on the job titles it ranks, features made
for a whole batch at once. A name held out for training must not count in any feature (else the fusion
learns to find the text it was shown), the right job comes first for a title with a slip, each job is
answered with its own best-matching name, and many batches on several threads give the same answers as
one batch."""

from __future__ import annotations

import numpy as np
import pytest

import assistant.skills.fast_occupations as fast_occupations
from assistant.skills.fast_occupations import (
    FAST_FEATURES,
    FastFeatures,
    FastOccupationRanker,
    fast_held_out_mrr,
    fit_fast_fusion,
)
from assistant.skills.occupation_fusion import OccupationIndex, training_queries
from assistant.skills.static_encoder import StaticEncoder, fit_for_occupations
from tests.test_static_encoder import JOBS, _index, _training


@pytest.fixture(scope="module")
def encoder() -> StaticEncoder:
    uris, texts, vectors = _training()
    return fit_for_occupations(uris, texts, vectors, {}, leave_out=set())


@pytest.fixture(scope="module")
def trained(encoder: StaticEncoder) -> tuple[OccupationIndex, FastOccupationRanker]:
    index, alternative = _index(encoder)
    rows = training_queries(index, alternative, count=100)
    model, used = fit_fast_fusion(index, rows, encoder)
    assert used == len(rows) and model.features == FAST_FEATURES
    assert 0 < fast_held_out_mrr(index, rows, encoder, model) <= 1
    return index, FastOccupationRanker(index, model, encoder)


def test_a_held_out_name_counts_in_no_feature(encoder: StaticEncoder) -> None:
    index, _alternative = _index(encoder)
    features = FastFeatures(index, encoder)
    row = index.texts.index("muurmetselaar")
    owner = index.concepts.index("occ:metselaar")
    others = [r for r in range(len(index.texts)) if index.owners[r] == "occ:metselaar" and r != row]
    ((x_open, c_open, _),) = features.batch(["muurmetselaar"])
    ((x_held, c_held, _),) = features.batch(["muurmetselaar"], [[row]])
    open_row = x_open[list(c_open).index(owner)]
    held_row = x_held[list(c_held).index(owner)]
    lexical = index.lexical.scores(["muurmetselaar"]).toarray()[0]
    assert open_row[FAST_FEATURES.index("lexical")] == pytest.approx(1.0, abs=1e-5)
    assert held_row[FAST_FEATURES.index("lexical")] == pytest.approx(lexical[others].max(), abs=1e-5)
    size = len(others) + 1
    assert held_row[FAST_FEATURES.index("lexical_mean")] == pytest.approx(
        lexical[others].sum() / size, abs=1e-5
    )
    assert index.static_vectors is not None
    names = index.static_vectors[others] @ encoder(["muurmetselaar"])[0]
    assert held_row[FAST_FEATURES.index("static_names")] == pytest.approx(names.max(), abs=1e-5)
    centre = index.vectors[others].sum(axis=0)  # the occupation's meaning without the held-out name
    expected = centre @ encoder(["muurmetselaar"])[0] / np.linalg.norm(centre)
    assert held_row[FAST_FEATURES.index("static")] == pytest.approx(expected, abs=1e-4)
    assert held_row[FAST_FEATURES.index("static")] != pytest.approx(open_row[FAST_FEATURES.index("static")])


@pytest.mark.parametrize(
    ("title", "job"),
    [
        ("vrachtwagenchaufeur", "occ:chauffeur"),
        ("kapster heren", "occ:kapper"),
        ("kok in een restaurant", "occ:kok"),
    ],
)
def test_the_right_job_comes_first_with_its_own_best_name(
    trained: tuple[OccupationIndex, FastOccupationRanker], title: str, job: str
) -> None:
    index, ranker = trained
    (ranked,) = ranker.rank_many([title], k=3)
    assert ranked[0][0] == job
    for concept, name, _score in ranked:
        assert name in JOBS[concept], f"{concept} answered with another job's name {name!r}"
    lexical = index.lexical.scores([title]).toarray()[0]
    assert index.static_vectors is not None
    closeness = lexical + index.static_vectors @ encoder_of(ranker)([title])[0]
    rows = [r for r, owner in enumerate(index.owners) if owner == job]
    assert ranked[0][1] == index.texts[max(rows, key=lambda r: closeness[r])]


def encoder_of(ranker: FastOccupationRanker) -> StaticEncoder:
    return ranker.features.static


def test_many_batches_on_threads_give_the_answers_of_one_batch(
    trained: tuple[OccupationIndex, FastOccupationRanker], monkeypatch: pytest.MonkeyPatch
) -> None:
    ranker = trained[1]
    titles = [name for names in JOBS.values() for name in names] * 3 + ["", "😀", "kapper" * 200]
    whole = ranker.rank_many(titles, k=5)
    monkeypatch.setattr(fast_occupations, "BATCH", 2)
    in_pieces = ranker.rank_many(titles, k=5)
    assert len(in_pieces) == len(titles)
    assert [[c for c, _n, _s in r] for r in in_pieces] == [[c for c, _n, _s in r] for r in whole]
    assert all(np.isfinite(s) for r in in_pieces for _c, _n, s in r)
