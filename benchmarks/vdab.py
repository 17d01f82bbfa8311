"""VDAB Competent -> ESCO skills: for each Flemish competence whose ESCO target has a Dutch label in the
shared ESCO files, rank all those ESCO skills by the competence's Dutch label; report recall@5 and MRR.

Two engines: the lexical ranking engine, and the semantic model's learned ranker (`build-model --full`),
whose fusion was trained on ESCO occupation names only: it has seen no skill, no VDAB competence and no
VDAB answer."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from assistant.taxonomy.knowledge_base import KnowledgeBase
from benchmarks.common import VDAB, reciprocal_rank


def _targets(esco_skills: set[str]) -> dict[str, set[str]]:
    targets: dict[str, set[str]] = defaultdict(set)
    with VDAB.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = (row.get("Classification 2 PrefLabel NL") or "").strip()
            target = (row.get("Classification 1 URL") or "").strip()
            if label and target in esco_skills:
                targets[label].add(target)
    return targets


def _score(targets: dict[str, set[str]], labels: list[str], ranked: list[list[str]]) -> tuple[float, float]:
    recall5 = mrr = 0.0
    for label, ordered in zip(labels, ranked, strict=True):
        recall5 += len(targets[label] & set(ordered[:5])) / len(targets[label])
        mrr += reciprocal_rank(ordered, targets[label])
    return recall5 / len(labels), mrr / len(labels)


def run(taxonomy_dir: Path) -> dict[str, float]:
    kb = KnowledgeBase.existing(taxonomy_dir)
    ranker = kb.ranker("skills") if kb is not None else None
    if kb is None or ranker is None:
        raise SystemExit("importeer eerst de taxonomie: assistent taxonomy import ../shared/data")
    esco_skills = {uri for uri in ranker.ids if uri.startswith("http://data.europa.eu/esco/")}
    targets = _targets(esco_skills)
    labels = sorted(targets)
    results = ranker.rank_many(labels, k=50)
    ordered = [
        [uri for uri in dict.fromkeys(uri for uri, _ in ranked) if uri in esco_skills] for ranked in results
    ]
    recall5, mrr = _score(targets, labels, ordered)
    kb.close()
    return {"competences": len(labels), "esco_skills": len(esco_skills), "recall_at_5": recall5, "mrr": mrr}


def run_learned(taxonomy_dir: Path) -> dict[str, float]:
    """The same measure with the semantic model's learned ranker over every ESCO skill name."""
    from assistant.config import Settings
    from assistant.skills.catalogue import load_catalogue
    from assistant.skills.model_build import load

    model = load(taxonomy_dir, load_catalogue(Settings().catalogue_dir))
    ranker = model.skill_ranker()
    targets = _targets(set(ranker.index.concepts))
    labels = sorted(targets)
    ordered = [[uri for uri, _text, _score in ranked] for ranked in ranker.rank_many(labels, k=50)]
    recall5, mrr = _score(targets, labels, ordered)
    return {"competences": len(labels), "recall_at_5": recall5, "mrr": mrr}
