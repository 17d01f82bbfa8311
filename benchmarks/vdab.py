"""VDAB Competent -> ESCO skills: for each Flemish competence whose ESCO target has a Dutch label in the
shared ESCO files, rank all those ESCO skills by the competence's Dutch label; report recall@5 and MRR."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from assistant.taxonomy.knowledge_base import KnowledgeBase
from benchmarks.common import VDAB, reciprocal_rank


def run(taxonomy_dir: Path) -> dict[str, float]:
    kb = KnowledgeBase.existing(taxonomy_dir)
    ranker = kb.ranker("skills") if kb is not None else None
    if ranker is None:
        raise SystemExit("importeer eerst de taxonomie: assistent taxonomy import ../shared/data")
    esco_skills = {uri for uri in ranker.ids if uri.startswith("http://data.europa.eu/esco/")}
    targets: dict[str, set[str]] = defaultdict(set)
    with VDAB.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = (row.get("Classification 2 PrefLabel NL") or "").strip()
            target = (row.get("Classification 1 URL") or "").strip()
            if label and target in esco_skills:
                targets[label].add(target)
    labels = sorted(targets)
    results = ranker.rank_many(labels, k=50)
    recall5 = mrr = 0.0
    for label, ranked in zip(labels, results, strict=True):
        ordered = [uri for uri in dict.fromkeys(uri for uri, _ in ranked) if uri in esco_skills]
        recall5 += len(targets[label] & set(ordered[:5])) / len(targets[label])
        mrr += reciprocal_rank(ordered, targets[label])
    kb.close()
    return {
        "competences": len(labels),
        "esco_skills": len(esco_skills),
        "recall_at_5": recall5 / len(labels),
        "mrr": mrr / len(labels),
    }
