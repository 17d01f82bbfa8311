"""The lasting code at every desk of the region: a desk with a central store asks it first for the passport a
typed lasting code opens (`HolderRegion.pull_holder`), keeps that copy in its own file and opens it there,
so a code made or renewed elsewhere works here, and a code renewed elsewhere stops working here once the
central store has been asked. Wrong lasting codes are counted once for the whole region, apart from wrong
resume codes. Offline the desk opens its own copy and says from when (as for resume codes: `desk.copy_note`),
and a code it does not know is E331.

`holder.open_with_code` stays the rule for a desk on its own (no central store).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from assistant import holder, holder_code
from assistant.errors import InputError
from assistant.interview.access import HOLDER
from assistant.interview.desk import ask_region, copy_note, count_failure
from assistant.storage import Store
from assistant.throttling import ThrottleStore


class HolderRegion(Protocol):
    """The region's central store as a desk asks it for lasting codes; E312 when it cannot be reached."""

    def counts(self) -> ThrottleStore: ...

    def pull_holder(self, code: str) -> bool:
        """Keeps the central copy of the passport with this lasting code; False when no passport has it."""
        ...


@dataclass(frozen=True)
class Opened:
    """The passport a lasting code opened, and, when the central store could not be asked, from when the
    desk's own copy is."""

    passport_id: str
    own_copy_from: datetime | None = None

    @property
    def note(self) -> str | None:
        return copy_note(self.own_copy_from)


def open_at_desk(
    store: Store, attempts: holder.HolderAttempts, typed: object, region: HolderRegion | None
) -> Opened:
    """The passport a typed lasting code opens at this desk. Without a central store: `holder.open_with_code`.
    E517 a malformed code (not counted), E518 a wrong one (counted, for the region when it can be asked),
    E522 wait, E331 a code this desk does not know while the central store cannot be asked."""
    if region is None:
        return Opened(holder.open_with_code(store, attempts, typed))
    code = holder_code.normalise_holder(typed)
    counts, subject, offline, pulled = ask_region(
        store, region.counts, lambda c, s: _check(attempts, c, s), lambda: region.pull_holder(code)
    )
    known_centrally = bool(pulled)
    _check(attempts, counts, subject)
    passport_id = store.passport_by_holder_code(store.holder_code_hashes(code))
    # The central store was asked and has no passport with this code: a code renewed elsewhere stops here
    # too, unless this desk made (or renewed) it and has not sent it yet.
    stale = not offline and not known_centrally
    if passport_id is not None and stale and not store.holder_code_unsent(passport_id):
        passport_id = None
    if passport_id is None:
        count_failure(attempts, counts, subject, store)
        raise InputError("E331" if offline else "E518")
    attempts.succeeded(counts, subject)
    store.log_access(HOLDER, "viewed", passport_id, {"with": "holder-code"})
    if not offline:
        return Opened(passport_id)
    copied = store.copied_at(passport_id)
    saved = store.passport(passport_id).updated_at
    return Opened(passport_id, max(saved, datetime.fromisoformat(copied)) if copied else saved)


def _check(attempts: holder.HolderAttempts, counts: ThrottleStore, subject: str) -> None:
    left = attempts.seconds_left(counts, subject)
    if left:
        raise InputError("E522", seconds=left)
