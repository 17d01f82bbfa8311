"""What `assistent taxonomy build-model --full` adds to the kiosk's model: vectors of every occupation and
ESCO skill name, a static encoder of job titles, and the learned fusions that rank occupations (with e5
on the query, and a fast one without it) and ESCO skills. Everything is learned from the knowledge base
alone: alternative names held out of the index are the questions, their own concept the answer; 500 more
held-back names only report. No benchmark query or answer is used. Only the benchmarks load what is made
here; a kiosk never does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from assistant.skills.fast_occupations import fast_held_out_mrr, fit_fast_fusion
from assistant.skills.logistic import Logistic
from assistant.skills.occupation_fusion import (
    TRAINING_QUERIES,
    OccupationIndex,
    fit_fusion,
    held_out_mrr,
    training_queries,
    validation_queries,
)
from assistant.skills.static_encoder import fit_for_occupations
from assistant.skills.vector_cache import VectorCache
from assistant.taxonomy.knowledge_base import KnowledgeBase

#: A description is embedded by its opening: the first sentences say what the job is.
DESCRIPTION_CHARS = 400


def train_rankers(
    kb: KnowledgeBase,
    cache: VectorCache,
    arrays: dict[str, np.ndarray],
    documents: dict[str, Any],
    say: Callable[[str], None],
) -> dict[str, Any]:
    """Fills `arrays` and `documents` with the rankers' files; returns what the build reports of them."""
    parts: dict[str, Any] = {}
    forms = kb.surface_forms("occupation")
    say(f"beroepsnamen: {len(forms)}")
    texts = [label for _uri, label, _type in forms]
    # Job title against job title is a symmetric task: e5 wants "query:" on both sides there.
    arrays["occupations"] = cache.embed(texts, "query", lambda done, total: say(f"  {done}/{total}")).astype(
        np.float16
    )
    documents["occupations"] = {
        "uris": [uri for uri, _label, _type in forms],
        "texts": texts,
        "alternative": [kind != "pref" for _uri, _label, kind in forms],
    }
    descriptions = kb.descriptions("occupation")
    say(f"beschrijvingen: {len(descriptions)}")
    uris = sorted(descriptions)
    arrays["descriptions"] = cache.embed(
        [descriptions[u][:DESCRIPTION_CHARS] for u in uris], "passage"
    ).astype(np.float16)
    documents["descriptions"] = {"uris": uris}
    esco = [i for i, (uri, _l, _t) in enumerate(forms) if uri.startswith(ESCO)]
    desc_vectors = vectors_by_uri(uris, arrays["descriptions"])
    index = OccupationIndex(
        [forms[i][0] for i in esco],
        [texts[i] for i in esco],
        arrays["occupations"][esco].astype(np.float32),
        desc_vectors,
    )
    alternative = [forms[esco[r]][2] != "pref" for r in index.rows]
    queries = training_queries(index, alternative, TRAINING_QUERIES)
    say(f"beroepen rangschikken leren: {len(queries)} vragen uit ESCO")
    fusion, used = fit_fusion(index, queries, cache.queries)
    held_out = validation_queries(index, alternative, queries)
    validation = held_out_mrr(index, held_out, cache.queries, fusion)
    say(f"op {len(held_out)} achtergehouden ESCO-namen: MRR {validation}")
    documents["fusion"] = {
        "model": fusion.to_json(),
        "training_queries": used,
        "held_out": {"queries": len(held_out), "mrr": validation},
    }
    parts["fusion"] = {"training_queries": used, "held_out_queries": len(held_out), **validation}
    say("beroepsnamen leren lezen zonder e5 (statisch)")
    static = fit_for_occupations(
        [uri for uri, _label, _type in forms],
        texts,
        arrays["occupations"].astype(np.float32),
        desc_vectors,
        {index.texts[r] for r in (*queries, *held_out)},
    )
    static_arrays, documents["static"] = static.to_files()
    arrays.update(static_arrays)
    occupation_fusion, used = fit_fusion(index, queries, cache.queries, static)
    validation = held_out_mrr(index, held_out, cache.queries, occupation_fusion, static)
    say(f"met de statische woorden, op dezelfde {len(held_out)} namen: MRR {validation}")
    documents["occupation_fusion"] = {
        "model": occupation_fusion.to_json(),
        "training_queries": used,
        "held_out": {"queries": len(held_out), "mrr": validation},
        "static_vocabulary": len(static.vocabulary),
    }
    parts["occupation_fusion"] = {"held_out_queries": len(held_out), **validation}
    fast, used = fit_fast_fusion(index, queries, static)
    fast_mrr = fast_held_out_mrr(index, held_out, static, fast)
    say(f"zonder e5 voor de vraag (snel), op dezelfde {len(held_out)} namen: MRR {fast_mrr}")
    documents["fast_occupation_fusion"] = {
        "model": fast.to_json(),
        "training_queries": used,
        "held_out": {"queries": len(held_out), "mrr": fast_mrr},
    }
    parts["fast_occupation_fusion"] = {"held_out_queries": len(held_out), "fusion": fast_mrr}
    parts["skills"] = esco_skills(kb, cache, fusion, arrays, documents, say)
    return parts


ESCO = "http://data.europa.eu/esco/"


def esco_skills(
    kb: KnowledgeBase,
    cache: VectorCache,
    fusion: Logistic,
    arrays: dict[str, np.ndarray],
    documents: dict[str, Any],
    say: Callable[[str], None],
) -> dict[str, Any]:
    """Vectors of every ESCO skill name and description, for ranking ESCO skills with the occupation
    ranker's fusion: its features are about names and descriptions of any concept, not about jobs, and
    it is not trained again on skills. Every alternative skill name, held out of the index in turn,
    reports how well that carries over (no benchmark involved)."""
    forms = [f for f in kb.surface_forms("skill") if f[0].startswith(ESCO)]
    say(f"ESCO-vaardigheden: {len(forms)} namen")
    texts = [label for _uri, label, _kind in forms]
    arrays["esco_skills"] = cache.embed(texts, "query").astype(np.float16)
    documents["esco_skills"] = {"uris": [uri for uri, _label, _kind in forms], "texts": texts}
    descriptions = {u: t for u, t in kb.descriptions("skill").items() if u.startswith(ESCO)}
    uris = sorted(descriptions)
    arrays["esco_skill_descriptions"] = cache.embed(
        [descriptions[u][:DESCRIPTION_CHARS] for u in uris], "passage"
    ).astype(np.float16)
    documents["esco_skill_descriptions"] = {"uris": uris}
    index = OccupationIndex(
        documents["esco_skills"]["uris"],
        texts,
        arrays["esco_skills"].astype(np.float32),
        vectors_by_uri(uris, arrays["esco_skill_descriptions"]),
    )
    alternative = [r for r, row in enumerate(index.rows) if forms[row][2] != "pref"]
    mrr = held_out_mrr(index, alternative, cache.queries, fusion)
    say(f"op {len(alternative)} andere namen van ESCO-vaardigheden: MRR {mrr}")
    return {"held_out_queries": len(alternative), **mrr}


def vectors_by_uri(uris: list[str], vectors: np.ndarray) -> dict[str, np.ndarray]:
    """Description vectors (stored as float16, one row per uri) as float32 by uri, as the rankers use them."""
    return {uri: vectors[i].astype(np.float32) for i, uri in enumerate(uris)}
