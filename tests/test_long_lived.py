"""The kiosk keeps Python's cycle collector off what it loaded once (assistant.long_lived), so a tap never
waits for a full collection of the language model's objects."""

from __future__ import annotations

import gc

from assistant.long_lived import settle


def test_settling_freezes_what_is_loaded_and_happens_once() -> None:
    loaded = [{"word": str(n)} for n in range(1000)]  # stands for what a kiosk loads and keeps
    settle()
    frozen = gc.get_freeze_count()
    assert frozen > len(loaded), "what was alive is out of the collector's sight"
    settle()
    assert gc.get_freeze_count() == frozen, "a second call changes nothing"
