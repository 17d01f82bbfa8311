"""Word lists derived once from installed packages and kept in a cache folder between runs: the common
Dutch words (from wordfreq). The lemma table (`lemmas`) keeps its compact file in the same folder."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

#: A word at least this frequent (Zipf scale) counts as a common Dutch word.
COMMON_ZIPF = 3.0


def cache_dir() -> Path:
    """Where derived data files (common words, the compact lemma table) are kept between runs."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "assistent"


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Dutch words with a Zipf frequency of at least 3, from wordfreq.

    wordfreq's full Dutch list takes 34 MB in memory; the few tens of thousands of common words are
    kept in a small cache file, so a running kiosk loads only those.
    """
    from importlib.metadata import version

    cache = cache_dir() / f"common-words-nl-{version('wordfreq')}-{COMMON_ZIPF}.txt"
    try:
        return frozenset(cache.read_text(encoding="utf-8").split())
    except OSError:
        pass
    import wordfreq

    words = frozenset(
        w for w in wordfreq.top_n_list("nl", 100_000) if wordfreq.zipf_frequency(w, "nl") >= COMMON_ZIPF
    )
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        tmp.write_text("\n".join(sorted(words)), encoding="utf-8")
        tmp.replace(cache)
    except OSError:
        pass  # a read-only home only costs memory, not correctness
    return words
