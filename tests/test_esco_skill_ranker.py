"""Ranking ESCO skills with the semantic model's learned ranker (`build-model --full`): a competence typed
with slips still finds the ESCO skill it means, every other name of a skill reports how well the ranker
carries over, and a model built without `--full` says plainly that it cannot rank skills.

Real ESCO skills (URIs, Dutch names, descriptions) come from the transversal skills collection in
../shared/data; the fusion here weighs words and meaning evenly, as a stand-in for the trained one."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from assistant.skills.logistic import Logistic
from assistant.skills.model_build import SemanticModel
from assistant.skills.occupation_fusion import FEATURES
from assistant.skills.proposer import SkillMeaning
from assistant.skills.ranker_training import esco_skills, vectors_by_uri
from assistant.skills.semantic_model import DIM, Encoder, ModelError
from assistant.skills.vector_cache import VectorCache
from tests.conftest import SHARED_DATA

COLLECTION = SHARED_DATA / "esco_nl" / "v1.1_collections" / "transversalSkillsCollection_nl.csv"


class _Skills:
    """The two questions `esco_skills` asks a knowledge base, answered from the ESCO collection file."""

    def __init__(self, path: Path, count: int) -> None:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r["altLabels"].strip()][:count]
        self.forms: list[tuple[str, str, str]] = []
        for row in rows:
            self.forms.append((row["conceptUri"], row["preferredLabel"], "pref"))
            for alt in row["altLabels"].split("|"):
                if alt.strip():
                    self.forms.append((row["conceptUri"], alt.strip(), "alt"))
        self.texts = {row["conceptUri"]: row["description"] for row in rows}

    def surface_forms(self, kind: str) -> list[tuple[str, str, str]]:
        return self.forms if kind == "skill" else []

    def descriptions(self, kind: str) -> dict[str, str]:
        return self.texts if kind == "skill" else {}


def _even_fusion() -> Logistic:
    weights = np.zeros(len(FEATURES) + 1)
    for name in ("lexical", "meaning", "centroid"):
        weights[FEATURES.index(name)] = 1.0
    return Logistic(FEATURES, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), weights)


def _model(encoder: Encoder, fusion: Logistic, arrays: dict, documents: dict) -> SemanticModel:
    descriptions = vectors_by_uri(
        documents["esco_skill_descriptions"]["uris"], arrays["esco_skill_descriptions"]
    )
    return SemanticModel(
        manifest={},
        meaning=SkillMeaning(encoder, [], np.zeros((0, DIM), dtype=np.float32)),
        calibration=None,
        fusion=fusion,
        occupations=None,
        occupation_vectors=None,
        descriptions={},
        esco_skills=documents.get("esco_skills"),
        esco_skill_vectors=arrays.get("esco_skills"),
        esco_skill_descriptions=descriptions,
    )


@pytest.mark.slow
def test_a_competence_with_slips_finds_its_esco_skill(tmp_path: Path) -> None:
    if not COLLECTION.exists():
        pytest.skip("../shared/data is not beside this checkout")
    kb = _Skills(COLLECTION, 40)
    encoder = Encoder()
    fusion = _even_fusion()
    arrays: dict[str, np.ndarray] = {}
    documents: dict[str, dict] = {}
    said: list[str] = []
    report = esco_skills(kb, VectorCache(encoder, tmp_path), fusion, arrays, documents, said.append)  # type: ignore[arg-type]

    alternatives = sum(1 for _uri, _label, kind in kb.forms if kind != "pref")
    assert report["held_out_queries"] == alternatives
    assert 0.0 < report["fusion"] <= 1.0
    assert any("ESCO-vaardigheden" in line for line in said)

    ranker = _model(encoder, fusion, arrays, documents).skill_ranker()
    uri, label, _kind = kb.forms[0]
    slipped = label[:-3] + label[-2] + label[-3] + label[-1]  # two letters swapped near the end
    [best, *_] = ranker.rank_many([slipped], k=5)[0]
    assert best[0] == uri, (slipped, best)


def test_a_model_without_full_cannot_rank_skills_and_says_so() -> None:
    model = SemanticModel(
        manifest={},
        meaning=SkillMeaning.__new__(SkillMeaning),
        calibration=None,
        fusion=None,
        occupations=None,
        occupation_vectors=None,
        descriptions={},
    )
    with pytest.raises(ModelError, match="--full"):
        model.skill_ranker()
