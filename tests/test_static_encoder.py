"""The static encoder of job titles (`static_encoder.py`): trained on names with the meaning of their
occupation as the target, it must place a misspelled or never-seen title near its job, never learn from
names it was told to leave out, survive odd input, and travel as plain arrays that are refused when they
do not fit together. With it, the occupation ranker's fusion gets its extra features and still puts the
right job first."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.skills.occupation_fusion import (
    STATIC_FEATURES,
    OccupationIndex,
    OccupationRanker,
    fit_fusion,
    held_out_mrr,
    training_queries,
)
from assistant.skills.static_encoder import StaticEncoder, features, fit_for_occupations

#: Real Dutch job names, as an occupation list has them; each job is one direction of a made-up meaning.
JOBS: dict[str, list[str]] = {
    "occ:metselaar": ["metselaar", "muurmetselaar", "metselaar renovatie", "voegmetselaar", "tegelzetter"],
    "occ:chauffeur": ["vrachtwagenchauffeur", "chauffeur vrachtauto", "trucker", "bestuurder vrachtwagen"],
    "occ:kok": ["kok", "keukenkok", "chef-kok", "kok restaurant", "zelfstandig werkend kok"],
    "occ:schoonmaker": ["schoonmaker", "schoonmaakster", "interieurverzorger", "schoonmaker kantoren"],
    "occ:kapper": ["kapper", "dameskapper", "herenkapper", "kapster"],
}
DIM = len(JOBS)


def _direction(k: int) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[k] = 1.0
    return v


def _training() -> tuple[list[str], list[str], np.ndarray]:
    uris, texts, vectors = [], [], []
    for k, (uri, names) in enumerate(JOBS.items()):
        for name in names:
            uris.append(uri)
            texts.append(name)
            vectors.append(_direction(k))
    return uris, texts, np.stack(vectors)


@pytest.fixture(scope="module")
def encoder() -> StaticEncoder:
    uris, texts, vectors = _training()
    return fit_for_occupations(uris, texts, vectors, {}, leave_out=set())


def _job_of(encoder: StaticEncoder, text: str) -> str:
    return list(JOBS)[int(np.argmax(encoder([text])[0]))]


@pytest.mark.parametrize(
    ("title", "job"),
    [
        ("vrachtwagenchaufeur", "occ:chauffeur"),  # a letter missing
        ("vrachtwagen chauffeur", "occ:chauffeur"),  # a compound written apart
        ("schoonmaakster kantoren", "occ:schoonmaker"),
        ("kapster heren", "occ:kapper"),
        ("KOK (restaurant)", "occ:kok"),  # capitals and brackets
        ("metselaar nieuwbouw", "occ:metselaar"),
    ],
)
def test_a_misspelled_or_new_title_lands_on_its_job(encoder: StaticEncoder, title: str, job: str) -> None:
    assert _job_of(encoder, title) == job


def test_odd_input_gives_a_vector_not_an_error(encoder: StaticEncoder) -> None:
    vectors = encoder(["", "😀😀😀", "\x00\x07", "x" * 10_000, "vrachtwagenchauffeur"])
    assert vectors.shape == (5, DIM)
    assert np.isfinite(vectors).all()
    assert not vectors[0].any(), "an empty title has no meaning, not a random one"
    assert np.linalg.norm(vectors[4]) == pytest.approx(1.0, abs=1e-5)


def test_names_left_out_are_never_learned_from() -> None:
    uris, texts, vectors = _training()
    encoder = fit_for_occupations(uris, texts, vectors, {}, leave_out={"trucker", "kapster"})
    assert "w:trucker" not in encoder.vocabulary
    assert "w:kapster" not in encoder.vocabulary and "c:apst" not in encoder.vocabulary
    assert "w:kapper" in encoder.vocabulary
    assert "c:truc" not in encoder.vocabulary


def test_description_pulls_the_target_of_its_occupation() -> None:
    uris, texts, vectors = _training()
    pulled = _direction(1)  # the description of the mason points at driving
    plain = fit_for_occupations(uris, texts, vectors, {}, leave_out=set())
    with_description = fit_for_occupations(uris, texts, vectors, {"occ:metselaar": pulled * 10}, set())
    assert with_description(["metselaar"])[0][1] > plain(["metselaar"])[0][1] + 0.1


def test_files_round_trip_and_refuse_what_does_not_fit(encoder: StaticEncoder) -> None:
    arrays, document = encoder.to_files()
    again = StaticEncoder.from_files(arrays, document)
    titles = ["kapster", "vrachtwagenchaufeur", "iets anders"]
    assert np.allclose(again(titles), encoder(titles), atol=2e-3)  # weights are kept as float16
    with pytest.raises(ValueError, match="vocabulary"):
        StaticEncoder.from_files(arrays, {"vocabulary": "kapper"})
    with pytest.raises(ValueError, match="fit together"):
        StaticEncoder.from_files(
            {"static_idf": arrays["static_idf"][:-1], "static_weights": arrays["static_weights"]}, document
        )
    with pytest.raises(KeyError):
        StaticEncoder.from_files({"static_idf": arrays["static_idf"]}, document)


def test_features_are_word_stems_and_letter_groups() -> None:
    found = features("Schoonmaakster Kantoren")
    assert "w:kantoor" in found  # the stem: "kantoren" and "kantoor" are one word
    assert "c: sc" in found and "c:ster " in found
    assert features("Café-medewerker") == features("cafe medewerker")


def _index(encoder: StaticEncoder) -> tuple[OccupationIndex, list[bool]]:
    uris, texts, vectors = _training()
    noise = np.random.default_rng(3).normal(0, 0.2, vectors.shape).astype(np.float32)
    meaning = vectors + noise
    meaning /= np.linalg.norm(meaning, axis=1, keepdims=True)
    index = OccupationIndex(uris, texts, meaning, {})
    first = {uri: texts[uris.index(uri)] for uri in JOBS}
    alternative = [index.texts[r] != first[index.owners[r]] for r in range(len(index.texts))]
    return index, alternative


def test_the_fusion_with_static_features_puts_the_right_job_first(encoder: StaticEncoder) -> None:
    index, alternative = _index(encoder)
    meaning_of = dict(zip(index.texts, index.vectors, strict=True))

    def encode(batch: list[str]) -> np.ndarray:
        return np.stack([meaning_of.get(t, np.full(DIM, 1 / np.sqrt(DIM), dtype=np.float32)) for t in batch])

    lexical = index.lexical.scores(["kapper"]).toarray()[0]
    with pytest.raises(ValueError, match="use_static"):
        index.features(lexical, lexical, encode(["kapper"])[0], static=encoder(["kapper"])[0])

    rows = training_queries(index, alternative, count=100)
    model, used = fit_fusion(index, rows, encode, encoder)
    assert used == len(rows)
    assert model.features == STATIC_FEATURES
    mrr = held_out_mrr(index, rows, encode, model, encoder)
    assert set(mrr) == {"fusion", "lexical", "meaning", "static"}
    ranker = OccupationRanker(index, model, encode, encoder)
    # a title the index does not hold, and the encoder never saw: e5 knows nothing of it here
    (ranked,) = ranker.rank_many(["vrachtwagenchaufeur"], k=3)
    assert ranked[0][0] == "occ:chauffeur"
