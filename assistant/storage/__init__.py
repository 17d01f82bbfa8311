"""Where everything is kept: the embedded SQLite file (the default) or the region's central PostgreSQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.storage.field_cipher import FieldCipher, load_cipher
from assistant.storage.store import OutboxEvent, Store

if TYPE_CHECKING:
    from assistant.config import Settings

__all__ = ["OutboxEvent", "Store", "open_central", "open_store"]


def open_store(settings: Settings) -> Store:
    """The store the settings name. A kiosk with a central store keeps an outbox for it."""
    return Store(settings.store_url, _cipher(settings), outbox=settings.central_url is not None)


def open_central(settings: Settings) -> Store:
    """The region's central store a kiosk sends its outbox to; E312 when it cannot be reached now."""
    if not settings.central_url:
        raise ValueError("no central store configured")
    return Store(settings.central_url, _cipher(settings))


def _cipher(settings: Settings) -> FieldCipher:
    secret = settings.store_key.get_secret_value() if settings.store_key else None
    return load_cipher(secret, settings.key_file)
