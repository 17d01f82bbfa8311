"""A clock the test moves by hand, for the kiosk's idle timer (`KioskApp.clock`): the timeout is then checked
at exact moments, however slow the machine is, instead of by sleeping and hoping the timer has run."""

from __future__ import annotations


class HandClock:
    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
