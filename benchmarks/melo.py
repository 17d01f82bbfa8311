"""MELO, Netherlands task: mean reciprocal rank of the first relevant ESCO surface form per Dutch job title,
computed as in the paper (Retyk et al., 2024).

Three engines: the lexical ranking engine of `assistent rank`, and the two learned occupation rankers of
the semantic model (`assistent taxonomy build-model --full`), with e5 on each query or without it (fast),
which rank occupations and answer each with its best-matching surface form. None has seen a MELO query or
its answer: the fusions are trained on ESCO alternative labels held out from the index.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

from assistant.skills.fast_occupations import FastOccupationRanker
from assistant.skills.occupation_fusion import OccupationRanker
from assistant.skills.ranking import LexicalRanker
from benchmarks.common import MELO, read_tsv, reciprocal_rank

PUBLISHED = {
    "edit distance": 0.428,
    "BM25": 0.443,
    "word TF-IDF": 0.471,
    "char TF-IDF (best lexical)": 0.486,
    "BGE-M3": 0.505,
    "multilingual E5": 0.506,
    "E5": 0.565,
    "OpenAI embeddings (best)": 0.572,
}


def _data() -> tuple[list[list[str]], list[list[str]], dict[str, str], dict[str, set[str]]]:
    queries = read_tsv(MELO / "queries.tsv")
    corpus = read_tsv(MELO / "corpus_elements.tsv")
    concept_of = dict((c, u) for c, u in read_tsv(MELO / "concept_mapping.tsv"))
    relevant: dict[str, set[str]] = defaultdict(set)
    for qid, _, cid, grade in read_tsv(MELO / "annotations.tsv"):
        if grade != "0":
            relevant[qid].add(cid)
    return queries, corpus, concept_of, relevant


def run(k: int = 100) -> dict[str, float]:
    queries, corpus, _concept_of, relevant = _data()
    start = time.perf_counter()
    ranker = LexicalRanker([c for c, _ in corpus], [t for _, t in corpus])
    built = time.perf_counter() - start
    start = time.perf_counter()
    results = ranker.rank_many([q for _, q in queries], k=k)
    elapsed = time.perf_counter() - start
    mrr = sum(
        reciprocal_rank([cid for cid, _ in ranked], relevant[qid])
        for (qid, _), ranked in zip(queries, results, strict=True)
    ) / len(queries)
    return {
        "queries": len(queries),
        "corpus": len(corpus),
        "mrr": mrr,
        "queries_per_second": len(queries) / elapsed,
        "index_seconds": built,
    }


def run_learned(taxonomy_dir: Path, k: int = 100, fast: bool = False) -> dict[str, float]:
    """MRR of the learned occupation ranker over the MELO corpus (its concepts and surface forms). With
    `fast`, the ranker that runs no e5 on the queries (the corpus names are embedded once either way)."""
    from assistant.config import Settings
    from assistant.skills.catalogue import load_catalogue
    from assistant.skills.model_build import VectorCache, load

    queries, corpus, concept_of, relevant = _data()
    model = load(taxonomy_dir, load_catalogue(Settings().catalogue_dir))
    start = time.perf_counter()
    owners = [concept_of[c] for c, _ in corpus]
    texts = [t for _, t in corpus]
    cache = VectorCache(model.meaning.encoder)
    ranker: OccupationRanker | FastOccupationRanker = (
        model.fast_occupation_ranker(owners, texts, cache)
        if fast
        else model.occupation_ranker(owners, texts, cache)
    )
    built = time.perf_counter() - start
    element = {(concept_of[c], t): c for c, t in corpus}
    start = time.perf_counter()
    results = ranker.rank_many([q for _, q in queries], k=k)
    elapsed = time.perf_counter() - start
    mrr = sum(
        reciprocal_rank([element[(concept, text)] for concept, text, _ in ranked], relevant[qid])
        for (qid, _), ranked in zip(queries, results, strict=True)
    ) / len(queries)
    return {"mrr": mrr, "queries_per_second": len(queries) / elapsed, "index_seconds": built}
