"""Slowing down guessing, with counts kept in the store so a restart (or a new browser tab, which is a new
kiosk process) does not wipe them: wrong resume codes per desk, failed coach logins per account.

Owns the rule: after `allowed` failures the next try waits `first_wait` seconds, and each further failure
doubles the wait, up to `max_wait`. Failures are forgotten after `forget_after` quiet seconds (counted from
the end of the last wait). Each
wait that starts is a warning line in the log, saying what was guessed and how often, never who or what
was typed. The store (`ThrottleStore`) keeps the counts; it never sees a name or code in plain text.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger("assistant.throttle")


class ThrottleStore(Protocol):
    def throttle_state(self, kind: str, subject: str) -> tuple[int, float]: ...

    def throttle_failed(
        self, kind: str, subject: str, now: float, forget_after: float, wait_for: Callable[[int], float]
    ) -> tuple[int, float]: ...

    def throttle_cleared(self, kind: str, subject: str) -> None: ...


@dataclass(frozen=True)
class ThrottlePolicy:
    kind: str
    """What is counted, as the store and the log name it: "resume-code" or "coach-login"."""
    per: str = "desk"
    """Who a count belongs to, for the log line: "desk" or "account"."""
    allowed: int = 5
    first_wait: float = 60.0
    max_wait: float = 3600.0
    forget_after: float = 3600.0
    clear_on_success: bool = True
    """A good login proves the password; but a right resume code must not wipe a desk's count, or someone
    with a code of their own could type it between every few guesses and never wait."""

    def wait_for(self, failures: int) -> float:
        """Seconds to wait after this many failures in a row."""
        if failures < self.allowed:
            return 0.0
        return float(min(self.first_wait * 2 ** min(failures - self.allowed, 32), self.max_wait))


class Throttle:
    """The rule applied to one store. Made without a store (the apps make one at start); each call is given
    the store and who is counted: the desk, or the account name as typed."""

    def __init__(self, policy: ThrottlePolicy, clock: Callable[[], float] = time.time) -> None:
        self.policy = policy
        # Wall-clock seconds: a wait written by one process must mean the same in the next one.
        self.clock = clock

    def seconds_left(self, store: ThrottleStore, subject: str) -> int:
        """Whole seconds to wait before the next try; 0 when a try is allowed now."""
        _failures, blocked_until = store.throttle_state(self.policy.kind, subject)
        return max(0, int(blocked_until - self.clock() + 0.999))

    def failed(self, store: ThrottleStore, subject: str) -> None:
        policy = self.policy
        failures, _until = store.throttle_failed(
            policy.kind, subject, self.clock(), policy.forget_after, policy.wait_for
        )
        wait = policy.wait_for(failures)
        if wait:
            log.warning(
                "throttle %s: %d failures in a row for one %s; next try in %d s",
                policy.kind,
                failures,
                policy.per,
                wait,
            )

    def succeeded(self, store: ThrottleStore, subject: str) -> None:
        if self.policy.clear_on_success:
            store.throttle_cleared(self.policy.kind, subject)
