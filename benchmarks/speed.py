"""Speed and memory of `map` with the full import loaded, measured in a fresh process (run as a module)."""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path


def _peak_rss_mb() -> float:
    # VmHWM, not getrusage: on Linux ru_maxrss keeps the parent's peak across fork and exec.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(taxonomy_dir: str, mode: str = "lexical") -> None:
    """Time per answer on the kiosk path (`propose`: matching, meaning, calibration, choice)."""
    start = time.perf_counter()
    from assistant.config import Settings
    from assistant.skills.catalogue import load_catalogue
    from assistant.taxonomy.knowledge_base import KnowledgeBase

    kb = KnowledgeBase.existing(Path(taxonomy_dir))
    assert kb is not None
    kb_start = time.perf_counter()
    kb.ranker("occupations")
    kb_load = time.perf_counter() - kb_start
    # close() drops it: the matcher below loads its own copy, and a map process never holds two.
    kb.close()
    from assistant.skills import dev_set
    from assistant.skills.assembly import build_matcher

    proposer = build_matcher(load_catalogue(Settings().catalogue_dir), Path(taxonomy_dir), mode == "semantic")
    assert (proposer.meaning is not None) == (mode == "semantic"), "the semantic model did not load"
    ready = time.perf_counter() - start
    rows = dev_set.read()
    for row in rows:  # warm caches once, as a running kiosk would have them
        proposer.propose([row.answer], row.context)
    times = []
    for _ in range(2):
        for row in rows:
            t = time.perf_counter()
            proposer.propose([row.answer], row.context)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(
        json.dumps(
            {
                "kb_load_seconds": kb_load,
                "ready_seconds": ready,
                "map_p50_ms": statistics.median(times),
                "map_p95_ms": times[int(0.95 * (len(times) - 1))],
                "peak_rss_mb": _peak_rss_mb(),
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
