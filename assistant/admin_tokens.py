"""Signed one-time admin tokens: how a script runs one command that needs a person (`delete`, `export`, …)
on the central store without a password in a file.

An admin logs in and runs `assistent beheer token COMMAND`; that signs (Ed25519, with the admin machine's
private key) the command, the account, an expiry and a random id. The store keeps the public key (in
`store_meta`, which only the admin role and the owner may write), so a coach or kiosk machine cannot make
one. The script gives the token in `ASSISTENT_BEHEER_TOKEN`; it works once, for that one command, until it
expires, and the access log names the account that made it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from assistant.errors import AssistantError

PREFIX = "v1"
MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class AdminToken:
    command: str
    by: str
    expires: int
    token_id: str
    key_id: str


def public_key_text(private: Ed25519PrivateKey) -> tuple[str, str]:
    """(key id, public key) as the store keeps them."""
    raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16], _b64(raw)


def make_token(
    private: Ed25519PrivateKey, command: str, by: str, minutes: int, now: float | None = None
) -> str:
    key_id, _public = public_key_text(private)
    payload = {
        "cmd": command,
        "by": by,
        "exp": int((now or time.time()) + 60 * max(1, min(minutes, MAX_MINUTES))),
        "id": secrets.token_hex(16),
        "kid": key_id,
    }
    body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
    return f"{PREFIX}.{body}.{_b64(private.sign(body.encode()))}"


def key_id_of(token: str) -> str:
    """The id of the key that should have signed this token; E322 when it is not a token at all."""
    return _unpack(token)[0].key_id


def check_token(token: str, public_key: str | None, command: str, now: float | None = None) -> AdminToken:
    """The token's content when it is signed by that key, for this command and not expired: E322 (not a
    good token, or not for this command), E323 (expired). Whether it was used before is the store's part."""
    content, body, signature = _unpack(token)
    if public_key is None:
        raise AssistantError("E322")
    try:
        Ed25519PublicKey.from_public_bytes(_unb64(public_key)).verify(signature, body.encode())
    except (InvalidSignature, ValueError) as exc:
        raise AssistantError("E322") from exc
    if content.command != command:
        raise AssistantError("E322")
    if content.expires <= (now or time.time()):
        raise AssistantError("E323")
    return content


def _unpack(token: str) -> tuple[AdminToken, str, bytes]:
    try:
        prefix, body, signature = token.strip().split(".")
        payload = json.loads(_unb64(body))
        if prefix != PREFIX or not isinstance(payload, dict):
            raise ValueError(prefix)
        cmd, by, exp, token_id, kid = (payload.get(k) for k in ("cmd", "by", "exp", "id", "kid"))
        if not (isinstance(exp, int) and all(isinstance(v, str) for v in (cmd, by, token_id, kid))):
            raise ValueError("fields")
        content = AdminToken(str(cmd), str(by), exp, str(token_id), str(kid))
        return content, body, _unb64(signature)
    except ValueError as exc:  # also broken base64 or JSON (UnicodeDecodeError is a ValueError)
        raise AssistantError("E322") from exc


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
