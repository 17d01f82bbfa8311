"""Stemming from many threads at once: the web kiosk answers several people at the same time, and the fast
occupation ranker works on two batches at once. A Snowball stemmer keeps its word in the instance, so
without care two threads stem each other's words or fail."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.skills.nlp import stem


@pytest.fixture
def busy_switching() -> Iterator[None]:
    # Switch threads as often as possible, so a race shows up on every run instead of once in a while.
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def test_threads_stemming_at_once_get_the_stems_one_thread_gets(busy_switching: None) -> None:
    parts = ["werk", "maak", "schoon", "kantoor", "vracht", "wagen", "metsel", "kapper", "zorg", "verpleeg"]
    ends = ["en", "ingen", "ster", "ers", "heid", "elijk", "baar", "te", "de", "tje"]
    words = [a + b + c for a, b, c in itertools.product(parts, parts, ends)]
    alone = [stem.__wrapped__(w) for w in words]
    stem.cache_clear()
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(stem, words))
    assert together == alone
