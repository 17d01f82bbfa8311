"""The region key: it seals each person's own data key (`person_keys`), and through those every personal
field, before anything reaches a database file, local or central.

Owns the region key ring: from `ASSISTENT_STORE_KEY`, or from a key file beside the store, never inside it
(`<data_dir>/keys/store.key`, mode 0600, made on first use, never made again for a store that already has
data). The first line is the current key; lines after it are older keys kept after a rotation
(`assistent sleutel roteer`) so that older key stores still open, until they are retired. Desks and coach
machines of one region share one key ring, so a draft synced to the central store can be read there.

A key is named by its key id: an HMAC-SHA256 of a fixed label under the key, 16 hex digits. It shows which
key a store expects without telling anything about the key itself.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from assistant.errors import AssistantError, StorageError
from assistant.private_files import load_or_create_private, read_private

#: Every Fernet token starts with version byte 0x80 and a 64-bit timestamp: "gAAAAA" in base64.
TOKEN_PREFIX = "gAAAAA"
_KEY_ID_LABEL = b"assistent store key id v1"


def default_key_path(data_dir: Path) -> Path:
    return data_dir / "keys" / "store.key"


def key_id_of(key: bytes | str) -> str:
    """The public name of a key: it identifies the key, and cannot be turned back into it."""
    raw = key.encode("ascii") if isinstance(key, str) else key
    return hmac.new(raw.strip(), _KEY_ID_LABEL, hashlib.sha256).hexdigest()[:16]


class FieldCipher:
    """Seals with the current region key and opens with any key of the ring. `None` stays `None`, so
    optional fields keep their meaning."""

    def __init__(self, key: bytes | str, older: Sequence[bytes | str] = ()) -> None:
        try:
            self._keys = [Fernet(k) for k in (key, *older)]
        except (ValueError, TypeError) as exc:
            raise AssistantError("E611", file="ASSISTENT_STORE_KEY") from exc
        self._raw = [k.encode("ascii") if isinstance(k, str) else k for k in (key, *older)]
        self._fernet = MultiFernet(self._keys)
        self.key_id = key_id_of(self._raw[0])
        #: Every key of the ring by id, the current one first.
        self.key_ids = [key_id_of(k) for k in self._raw]

    def derive_secret(self, purpose: str) -> bytes:
        """A 32-byte secret for one purpose (such as keying the resume-code HMAC), derived from the current
        region key with HKDF-SHA256: the same on every desk of the region, useless without the key, and never
        the key itself."""
        return self.derive_secrets(purpose)[0]

    def derive_secrets(self, purpose: str) -> list[bytes]:
        """`derive_secret` under every key of the ring, the current one first: what was keyed before a
        rotation is still found until the old key is retired."""
        return [
            HKDF(
                algorithm=hashes.SHA256(), length=32, salt=None, info=f"skillspaspoort:{purpose}".encode()
            ).derive(base64.urlsafe_b64decode(raw.strip()))
            for raw in self._raw
        ]

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

    def opens(self, token: str) -> bool:
        """Whether some key of the ring opens this token (the check at open uses it on older stores)."""
        try:
            self._fernet.decrypt(token.encode("ascii"))
        except (InvalidToken, UnicodeError):
            return False
        return True

    def with_new_key(self, key: bytes) -> FieldCipher:
        """The ring after a rotation: `key` is current, every key of this ring stays as an older one."""
        return FieldCipher(key, self._raw)

    def without(self, key_id: str) -> FieldCipher:
        """The ring with an older key retired (the current one cannot be)."""
        return FieldCipher(self._raw[0], [k for k in self._raw[1:] if key_id_of(k) != key_id])

    def ring_text(self) -> bytes:
        """The key file's contents: the current key first, then the older ones."""
        return b"\n".join(k.strip() for k in self._raw) + b"\n"

    @staticmethod
    def is_sealed(value: object) -> bool:
        return isinstance(value, str) and value.startswith(TOKEN_PREFIX)


def cipher_from_text(text: bytes | str) -> FieldCipher:
    """A ring from the key file's (or the variable's) text: one key per line (or comma), current first."""
    raw = text.decode("ascii") if isinstance(text, bytes) else text
    keys = [k.strip() for k in raw.replace(",", "\n").splitlines() if k.strip()]
    if not keys:
        raise AssistantError("E611", file="ASSISTENT_STORE_KEY")
    return FieldCipher(keys[0], keys[1:])


def load_cipher(key: str | None, key_file: Path, *, create: bool = True) -> FieldCipher:
    """The region's key ring: given directly (environment), or read from (or, with `create`, made in)
    `key_file`. Without `create` a missing file raises FileNotFoundError, so the caller can first ask the
    store whether a new key is allowed."""
    if key:
        return cipher_from_text(key)
    try:
        raw = load_or_create_private(key_file, Fernet.generate_key) if create else read_private(key_file)
        return cipher_from_text(raw)
    except FileNotFoundError:
        raise
    except AssistantError as exc:
        if exc.code in ("E609", "E611"):
            raise AssistantError("E611", file=str(key_file)) from exc
        raise
    except (OSError, UnicodeError) as exc:
        raise AssistantError("E611", file=str(key_file)) from exc
