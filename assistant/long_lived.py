"""Keeping Python's cycle collector off the things a kiosk loads once and keeps: the language pipeline, the
semantic model, the catalogue and the knowledge base (some 200,000 objects).

Without this, every full collection walks all of them again: on this 2-core machine that is a pause of 130
to 400 ms, at a random tap (measured with `benchmarks/direction_screen.py`). After the load, one collection
clears what loading left behind and `gc.freeze` moves everything still alive out of the collector's sight.
Reference counting still frees those objects; only a cycle among them would stay, and they live as long as
the process anyway.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_settled = False


def settle() -> None:
    """Once per process: collect, then freeze what is alive now. Later calls do nothing."""
    global _settled
    with _lock:
        if _settled:
            return
        gc.collect()
        gc.freeze()
        _settled = True
