"""Where everything is kept: the embedded SQLite file (the default) or the region's central PostgreSQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.errors import StorageError
from assistant.storage.central_link import CentralLink
from assistant.storage.database import engine_url
from assistant.storage.field_cipher import FieldCipher, load_cipher
from assistant.storage.key_check import stored_key_id
from assistant.storage.store import OutboxEvent, Store

if TYPE_CHECKING:
    from assistant.config import Settings

__all__ = ["OutboxEvent", "Store", "open_central", "open_region", "open_store"]


def open_store(settings: Settings) -> Store:
    """The store the settings name. A kiosk with a central store keeps an outbox for it."""
    return Store(settings.store_url, _cipher(settings), outbox=settings.central_url is not None)


def open_central(settings: Settings) -> Store:
    """The region's central store a kiosk sends its outbox to; E312 when it cannot be reached now."""
    if not settings.central_url:
        raise ValueError("no central store configured")
    return Store(settings.central_url, _cipher(settings))


def open_region(settings: Settings, local: Store) -> CentralLink | None:
    """For a kiosk with a central store: its link for resume codes (opened when first used). Else None."""
    if not settings.central_url:
        return None
    return CentralLink(local, lambda: open_central(settings))


def _cipher(settings: Settings) -> FieldCipher:
    secret = settings.store_key.get_secret_value() if settings.store_key else None
    try:
        return load_cipher(secret, settings.key_file, create=False)
    except FileNotFoundError:
        pass
    # No key file yet. A new key is made only for a store without data: a store sealed with another key
    # would otherwise end up sealed with two (and a person's older words unreadable for good).
    # (A kiosk's central store is not asked: it checks the key itself when the sender opens it, E315.)
    expected = stored_key_id(engine_url(settings.store_url))
    if expected is not None:
        raise StorageError("E316", file=str(settings.key_file), expected=expected)
    return load_cipher(secret, settings.key_file)
