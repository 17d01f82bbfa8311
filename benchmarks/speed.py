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


def main(taxonomy_dir: str) -> None:
    start = time.perf_counter()
    from assistant.config import Settings
    from assistant.skills.catalogue import load_catalogue
    from assistant.taxonomy.knowledge_base import KnowledgeBase

    kb = KnowledgeBase.existing(Path(taxonomy_dir))
    assert kb is not None
    kb_start = time.perf_counter()
    _ = kb.ranker("occupations")
    kb_load = time.perf_counter() - kb_start
    from assistant.skills.linker import Linker
    from benchmarks.common import read_dev_set

    linker = Linker(load_catalogue(Settings().catalogue_dir), kb)
    ready = time.perf_counter() - start
    answers = [r["answer"] for r in read_dev_set()]
    for text in answers:  # warm caches once, as a running kiosk would have them
        linker.match(text)
    times = []
    for _ in range(3):
        for text in answers:
            t = time.perf_counter()
            linker.match(text)
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
    main(sys.argv[1])
