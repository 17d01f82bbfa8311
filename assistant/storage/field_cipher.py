"""Encryption at rest of a person's own words: each personal field is sealed with Fernet (AES-128-CBC and
HMAC-SHA256) before it reaches a database file, local or central.

Owns the store key: from `ASSISTENT_STORE_KEY`, or from a key file beside the store, never inside it
(`<data_dir>/keys/store.key`, mode 0600, made on first use). Desks and coach machines of one region share
one key, so a draft synced to the central store can be read there.
"""

from __future__ import annotations

import base64
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from assistant.errors import AssistantError, StorageError
from assistant.private_files import load_or_create_private

#: Every Fernet token starts with version byte 0x80 and a 64-bit timestamp: "gAAAAA" in base64.
TOKEN_PREFIX = "gAAAAA"


def default_key_path(data_dir: Path) -> Path:
    return data_dir / "keys" / "store.key"


class FieldCipher:
    """Seals and opens text fields. `None` stays `None`, so optional fields keep their meaning."""

    def __init__(self, key: bytes | str) -> None:
        try:
            self._fernet = Fernet(key)
        except (ValueError, TypeError) as exc:
            raise AssistantError("E611", file="ASSISTENT_STORE_KEY") from exc
        self._key_bytes = base64.urlsafe_b64decode(key)

    def derive_secret(self, purpose: str) -> bytes:
        """A 32-byte secret for one purpose (such as keying the resume-code HMAC), derived from the store
        key with HKDF-SHA256: the same on every desk of the region, useless without the key, and never the
        key itself."""
        hkdf = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=f"skillspaspoort:{purpose}".encode()
        )
        return hkdf.derive(self._key_bytes)

    def seal(self, text: str | None) -> str | None:
        if text is None:
            return None
        return self._fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def open(self, token: str | None) -> str | None:
        if token is None:
            return None
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError) as exc:
            raise StorageError("E313") from exc

    @staticmethod
    def is_sealed(value: object) -> bool:
        return isinstance(value, str) and value.startswith(TOKEN_PREFIX)


def load_cipher(key: str | None, key_file: Path) -> FieldCipher:
    """The region's store key: given directly (environment), or read from (or made in) `key_file`."""
    if key:
        return FieldCipher(key.strip())
    try:
        raw = load_or_create_private(key_file, Fernet.generate_key)
        return FieldCipher(raw.strip())
    except AssistantError as exc:
        if exc.code in ("E609", "E611"):
            raise AssistantError("E611", file=str(key_file)) from exc
        raise
