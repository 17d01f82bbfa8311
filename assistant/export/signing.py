"""The issuing desk's Ed25519 key, its did:key, and Data Integrity proofs with the eddsa-rdfc-2022 and
eddsa-jcs-2022 cryptosuites.

This module owns the key file on disk and the signature maths; it knows nothing about passports or badges.
The proof follows W3C "Data Integrity EdDSA Cryptosuites v1.0". New proofs use eddsa-rdfc-2022 (section
3.2; the canonical RDF form, `signing_rdfc`), which the 1EdTech Open Badges 3.0 validator accepts; proofs
with eddsa-jcs-2022 (section 3.3, JSON Canonicalization) are still checked, so files given out before keep
verifying:

    hashData   = SHA-256(canonical proof options without proofValue) || SHA-256(canonical document)
    proofValue = "z" + base58btc(Ed25519-sign(hashData))

The verification method is a did:key (multicodec 0xed01 + the raw public key, base58btc), so a verifier
needs no network and no stored state to check a signature.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from assistant.errors import AssistantError
from assistant.export import signing_rdfc
from assistant.private_files import load_or_create_private

PROOF_TYPE = "DataIntegrityProof"
JCS = "eddsa-jcs-2022"
RDFC = "eddsa-rdfc-2022"
#: The cryptosuite of new proofs.
CRYPTOSUITE = RDFC
PROOF_PURPOSE = "assertionMethod"
#: Multicodec prefix of an Ed25519 public key (varint of 0xed), as used by did:key and Multikey.
ED25519_PUB_CODEC = b"\xed\x01"
#: Multicodec prefix of an Ed25519 private key (varint of 0x1300), as in the W3C test vectors.
ED25519_PRIV_CODEC = b"\x80\x26"
_B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58_ALPHABET)}


def default_key_path(data_dir: Path) -> Path:
    """Beside the store, never inside it: a copy of the database must not carry the signing key."""
    return data_dir / "keys" / "desk-ed25519.pem"


# --- base58btc and multibase ---------------------------------------------------------------------------


def b58encode(data: bytes) -> str:
    """Bitcoin base58; each leading zero byte becomes a leading "1"."""
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    out = []
    while number:
        number, rest = divmod(number, 58)
        out.append(_B58_ALPHABET[rest])
    return "1" * zeros + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    """The inverse of `b58encode`; raises ValueError on a character outside the alphabet."""
    number = 0
    for char in text:
        if char not in _B58_INDEX:
            raise ValueError(f"not base58btc: {char!r}")
        number = number * 58 + _B58_INDEX[char]
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multibase_decode(value: object) -> bytes:
    """Only base58btc ("z") is accepted: it is the one encoding eddsa-jcs-2022 and did:key use."""
    if not isinstance(value, str) or not value.startswith("z"):
        raise ValueError("not a base58btc multibase value")
    return b58decode(value[1:])


# --- keys ----------------------------------------------------------------------------------------------


def public_key_multibase(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "z" + b58encode(ED25519_PUB_CODEC + raw)


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    """A Multikey ("z6Mk...") back to a key; raises ValueError when it is not a 32-byte Ed25519 key."""
    data = multibase_decode(value)
    if not data.startswith(ED25519_PUB_CODEC) or len(data) != len(ED25519_PUB_CODEC) + 32:
        raise ValueError("not an Ed25519 public key")
    return Ed25519PublicKey.from_public_bytes(data[len(ED25519_PUB_CODEC) :])


def did_key(public_key: Ed25519PublicKey) -> str:
    """The did:key of an Ed25519 public key: the DID is the key, so it resolves without a network."""
    return f"did:key:{public_key_multibase(public_key)}"


def verification_method(public_key: Ed25519PublicKey) -> str:
    """The did:key URL of the key itself: `did:key:z6Mk...#z6Mk...` (did:key method, section 3.1.2)."""
    multikey = public_key_multibase(public_key)
    return f"did:key:{multikey}#{multikey}"


def public_key_from_verification_method(url: object) -> Ed25519PublicKey:
    """Reads the key out of a did:key verification method; raises ValueError for anything else."""
    if not isinstance(url, str) or not url.startswith("did:key:"):
        raise ValueError("only did:key verification methods are supported")
    did, _, fragment = url.partition("#")
    multikey = did.removeprefix("did:key:")
    # For did:key the fragment must name the same key; another fragment would point to nothing.
    if fragment and fragment != multikey:
        raise ValueError("the fragment does not match the did:key")
    return public_key_from_multibase(multikey)


def signer_did(url: str) -> str:
    """The DID part of a verification method URL (the controller of a did:key)."""
    return url.partition("#")[0]


def load_or_create_desk_key(path: Path) -> Ed25519PrivateKey:
    """The desk's signing key from `path`, made on first use.

    The key is a PKCS#8 PEM without a passphrase: the kiosk signs without anyone typing a secret, so the
    protection is the file itself, mode 0600 in a 0700 folder outside the database (`private_files`).
    """
    return key_from_pem(load_or_create_private(path, _new_key_pem), path)


def key_from_pem(pem: bytes, path: Path) -> Ed25519PrivateKey:
    """The Ed25519 key in a PEM read from `path`; E609 when it is not one."""
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise AssistantError("E609", file=str(path)) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise AssistantError("E609", file=str(path))
    return key


def _new_key_pem() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


# --- eddsa-jcs-2022 --------------------------------------------------------------------------------------


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def hash_data(unsecured_document: Mapping[str, Any], proof_options: Mapping[str, Any]) -> bytes:
    """The hash the signature is over, by the cryptosuite the proof options name."""
    if proof_options.get("cryptosuite") == RDFC:
        return signing_rdfc.hash_data(unsecured_document, proof_options)
    return jcs_hash_data(unsecured_document, proof_options)


def jcs_hash_data(unsecured_document: Mapping[str, Any], proof_options: Mapping[str, Any]) -> bytes:
    """Transformation, proof configuration and hashing of eddsa-jcs-2022 (sections 3.3.3 to 3.3.5)."""
    proof_config = {k: v for k, v in proof_options.items() if k != "proofValue"}
    return (
        hashlib.sha256(rfc8785.dumps(proof_config)).digest()
        + hashlib.sha256(rfc8785.dumps(dict(unsecured_document))).digest()
    )


def add_proof(
    document: Mapping[str, Any],
    key: Ed25519PrivateKey,
    created: datetime | None = None,
    cryptosuite: str = CRYPTOSUITE,
    as_set: bool = False,
) -> dict[str, Any]:
    """A copy of `document` with a DataIntegrityProof signed by `key` (Create Proof, sections 3.2.1 and
    3.3.1). With eddsa-rdfc-2022 a field no context defines is refused (E615): it would not be signed.
    `as_set` puts the proof in a list of one, as the 1EdTech OB 3.0 JSON schema asks."""
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    if cryptosuite == RDFC:
        signing_rdfc.require_defined(unsecured)
    options: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": cryptosuite,
        "created": _timestamp(created or datetime.now(UTC)),
        "verificationMethod": verification_method(key.public_key()),
        "proofPurpose": PROOF_PURPOSE,
    }
    # The proof carries the document's @context, so the context is signed too (Create Proof, step 2).
    if "@context" in unsecured:
        # A copy: the proof's context must not be the same list object as the document's.
        options["@context"] = json.loads(json.dumps(unsecured["@context"]))
    signature = key.sign(hash_data(unsecured, options))
    proof = {**options, "proofValue": "z" + b58encode(signature)}
    return {**unsecured, "proof": [proof] if as_set else proof}


def proof_of(document: Mapping[str, Any]) -> Any:
    """The one proof of `document`: the object, or the only item of a list of one. None without a proof;
    a list of several is returned as it is (we make no proof sets, and `verify_proof` refuses one)."""
    proof = document.get("proof")
    if isinstance(proof, list) and len(proof) == 1:
        return proof[0]
    return proof


def verify_proof(document: Mapping[str, Any], public_key: Ed25519PublicKey | None = None) -> str:
    """Checks the eddsa-rdfc-2022 or eddsa-jcs-2022 proof of `document` (sections 3.2.2 and 3.3.2) and returns
    its verification method.

    The key comes from the did:key in the proof unless `public_key` is given. Raises AssistantError: E602
    without a proof, E604 when the proof cannot be used, E601 when the signature does not match, E614 for a
    context that is not bundled, E615 (rdfc) for a field outside the signature.
    """
    proof = proof_of(document)
    if proof is None or proof == []:
        raise AssistantError("E602")
    if (
        not isinstance(proof, dict)
        or proof.get("type") != PROOF_TYPE
        or proof.get("cryptosuite") not in (RDFC, JCS)
    ):
        raise AssistantError("E604")
    if proof.get("proofPurpose") != PROOF_PURPOSE:
        raise AssistantError("E604")
    method = proof.get("verificationMethod")
    try:
        key = public_key or public_key_from_verification_method(method)
        signature = multibase_decode(proof.get("proofValue"))
        if "created" in proof:
            datetime.fromisoformat(proof["created"])
    except (ValueError, TypeError) as exc:
        raise AssistantError("E604") from exc
    if len(signature) != 64:
        raise AssistantError("E604")
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    if "@context" in options:
        # The document's @context must start with the signed one; the signed one is what gets hashed.
        signed, actual = _as_list(options["@context"]), _as_list(unsecured.get("@context"))
        if actual[: len(signed)] != signed:
            raise AssistantError("E601")
        unsecured["@context"] = options["@context"]
    if options["cryptosuite"] == RDFC:
        signing_rdfc.require_defined(unsecured)
        signing_rdfc.require_defined(options)
    try:
        key.verify(signature, hash_data(unsecured, options))
    except (InvalidSignature, rfc8785.CanonicalizationError) as exc:
        raise AssistantError("E601") from exc
    return str(method)


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
