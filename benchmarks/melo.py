"""MELO, Netherlands task: mean reciprocal rank of the first relevant ESCO surface form per Dutch job title,
computed as in the paper (Retyk et al., 2024).

Two engines: the lexical ranking engine of `assistent rank`, and the learned occupation ranker of the
semantic model (`assistent taxonomy build-model --full`), which ranks occupations and answers each with its
best-matching surface form. Neither has seen a MELO query or its answer: the fusion is trained on ESCO
alternative labels held out from the index.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

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


def run_learned(taxonomy_dir: Path, k: int = 100) -> dict[str, float]:
    """MRR of the learned occupation ranker over the MELO corpus (its concepts and surface forms)."""
    from assistant.config import Settings
    from assistant.skills.catalogue import load_catalogue
    from assistant.skills.model_build import VectorCache, load

    queries, corpus, concept_of, relevant = _data()
    model = load(taxonomy_dir, load_catalogue(Settings().catalogue_dir))
    start = time.perf_counter()
    owners = [concept_of[c] for c, _ in corpus]
    texts = [t for _, t in corpus]
    ranker = model.occupation_ranker(owners, texts, VectorCache(model.meaning.encoder))
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
