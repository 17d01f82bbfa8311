"""MELO, Netherlands task: mean reciprocal rank of the first relevant ESCO surface form per Dutch job title,
computed as in the paper (Retyk et al., 2024), with the same engine as `assistent rank`."""

from __future__ import annotations

import time
from collections import defaultdict

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


def run(k: int = 100) -> dict[str, float]:
    queries = read_tsv(MELO / "queries.tsv")
    corpus = read_tsv(MELO / "corpus_elements.tsv")
    relevant: dict[str, set[str]] = defaultdict(set)
    for qid, _, cid, grade in read_tsv(MELO / "annotations.tsv"):
        if grade != "0":
            relevant[qid].add(cid)
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
