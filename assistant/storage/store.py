"""The store: one storage layer (SQLAlchemy Core) over the embedded SQLite file or a central PostgreSQL.

`Store` is only the front: each concern lives in its own module, as a part built on `Database`
(`database.py`: the engine, migrations, transactions and the one write path), and `Store` puts the parts
together. A person's own words are sealed with their own data key (`person_keys`), which the region key
(`field_cipher`) seals, before they reach either database.

    interviews.py   sessions, answers, proposals, resume codes
    passports.py    passport versions, drafts, reviews, coach notes
    passport_versions.py  the passport's history: each kept version, who made it, when
    consents.py     consent given and withdrawn
    access_log.py   who viewed, changed, exported or deleted what
    erasure.py      deleting a passport or an interview for good
    accounts.py     coach accounts and coach sessions
    outbox.py       the outbox a kiosk sends, and applying a desk's events centrally
    throttles.py    failures in a row per desk and per account, kept across restarts
    region_copy.py  the newest copy of one interview, fetched by its code from the central store
    admin_keys.py   admin machines' public keys and spent one-time admin tokens
    signing_keys.py coach and counsellor signing keys
    confirmation_requests.py  an employer's one-time confirmation code and its request
    holder_access.py  the holder's lasting code, who may look, hidden skills, take-along codes
"""

from __future__ import annotations

from assistant.storage.access_log import AccessEntry, AccessLog
from assistant.storage.accounts import COACH_SESSION_HOURS, CoachAccounts
from assistant.storage.admin_keys import AdminKeys
from assistant.storage.confirmation_requests import ConfirmationRequests
from assistant.storage.consents import Consents
from assistant.storage.database import HEAD, MIGRATIONS, engine_url
from assistant.storage.erasure import Erasure
from assistant.storage.holder_access import HolderAccess
from assistant.storage.interviews import Interviews
from assistant.storage.outbox import Outbox, OutboxEvent
from assistant.storage.passport_versions import PassportVersions
from assistant.storage.passports import Passports
from assistant.storage.region_copy import RegionCopy
from assistant.storage.signing_keys import CoachKeys
from assistant.storage.throttles import Throttles

__all__ = [
    "COACH_SESSION_HOURS",
    "HEAD",
    "MIGRATIONS",
    "AccessEntry",
    "OutboxEvent",
    "Store",
    "engine_url",
]


class Store(
    Interviews,
    ConfirmationRequests,
    Passports,
    PassportVersions,
    Consents,
    AccessLog,
    Erasure,
    CoachAccounts,
    CoachKeys,
    Outbox,
    Throttles,
    AdminKeys,
    RegionCopy,
    HolderAccess,
):
    """One database. Safe to share between threads (one lock) and to open from several processes.

    `Store(url, cipher, outbox=False, keys_url=None)`: see `Database`."""
