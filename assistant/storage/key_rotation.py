"""Rotating the region key (`assistent sleutel roteer`), re-sealing with the ring's current key
(`sleutel bijwerken`), and retiring an old key (`sleutel vergeet ID`).

A rotation re-seals only the data keys (`person_keys`) and the coach signing keys, never the rows: one
short transaction in the key store, however many answers there are. The new ring is written to the key file
first (new key first, the old ones after it), so a crash half-way leaves a ring that opens every data key,
re-sealed or not. Older
keys stay in the ring and keep opening key-store backups made before the rotation until they are retired;
a key that still seals a data key in this store is never retired (E317).

A region shares one ring: rotate on one machine, copy the key file to the others, and run `sleutel
bijwerken` on each store (desks and the central store). Not covered: a key given in `ASSISTENT_STORE_KEY`
(the command says so and changes nothing), and an old copy of the store's database once the key it
recorded is retired (it is refused with E315 when opened; its data keys were never in it).
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.fernet import Fernet

from assistant.config import Settings
from assistant.errors import StorageError
from assistant.private_files import replace_private
from assistant.storage import open_store
from assistant.storage.field_cipher import FieldCipher
from assistant.storage.store import Store


@dataclass
class KeyReport:
    """What a key command did: the ring's key ids (current first) and how many data keys it re-sealed."""

    key_ids: list[str]
    resealed: int = 0
    in_use: frozenset[str] = frozenset()


def key_ids(settings: Settings) -> KeyReport:
    store = open_store(settings)
    try:
        return KeyReport(list(store.cipher.key_ids), in_use=frozenset(store.keys.region_key_ids()))
    finally:
        store.close()


def rotate(settings: Settings) -> KeyReport:
    """A new region key: written first in the ring, then every data key re-sealed with it."""
    store = open_store(settings)
    try:
        ring = store.cipher.with_new_key(Fernet.generate_key())
        replace_private(settings.key_file, ring.ring_text())
        return _reseal(store, ring)
    finally:
        store.close()


def reseal(settings: Settings) -> KeyReport:
    """Every data key re-sealed with the ring's current key (after a key file from another machine)."""
    store = open_store(settings)
    try:
        return _reseal(store, store.cipher)
    finally:
        store.close()


def retire(settings: Settings, key_id: str) -> KeyReport:
    """Removes an older key from the ring; refused for the current key or one still in use here."""
    store = open_store(settings)
    try:
        ring = store.cipher
        if key_id not in ring.key_ids:
            raise StorageError("E318", id=key_id)
        if key_id == ring.key_id or key_id in store.keys.region_key_ids():
            raise StorageError("E317", id=key_id)
        smaller = ring.without(key_id)
        if not all(smaller.opens(sealed) for sealed in store.sealed_coach_keys()):
            raise StorageError("E317", id=key_id)  # a coach's signing key is still sealed with it
        replace_private(settings.key_file, smaller.ring_text())
        return KeyReport(list(smaller.key_ids))
    finally:
        store.close()


def _reseal(store: Store, ring: FieldCipher) -> KeyReport:
    count = store.keys.reseal(ring)
    # The coach signing keys are sealed with the region key itself (`signing_keys`), not with a data key.
    count += store.reseal_coach_keys(ring)
    store.record_key_id(ring)
    return KeyReport(list(ring.key_ids), resealed=count)
