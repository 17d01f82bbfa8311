"""The hashing of the eddsa-rdfc-2022 cryptosuite (W3C "Data Integrity EdDSA Cryptosuites v1.0", section 3.2):
the credential and the proof configuration as RDF, canonicalised with RDF Dataset Canonicalization
(RDFC-1.0, by `pyld`), each hashed with SHA-256:

    hashData = SHA-256(RDFC(proof configuration)) || SHA-256(RDFC(document without proof))

This is the cryptosuite the 1EdTech Open Badges 3.0 conformance rules and their public validator accept.
Contexts come only from the bundled files (`jsonld_contexts`), never from a network.

RDF carries only what a context defines: a field no context names would silently drop out of the
canonical form, so it could be changed without breaking the signature. `undefined_term` finds such a field,
and both signing and checking refuse it (E615).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from pyld import jsonld

from assistant.errors import AssistantError
from assistant.export.jsonld_contexts import Loader, UnknownContext, bundled_loader

#: A vocabulary no context uses: an expanded IRI under it is a field or type that no context defines.
_UNDEFINED = "urn:assistent:niet-gedefinieerd#"
#: pyld raises a bare ValueError, not a JsonLdError, for some broken documents (a type that is a relative
#: IRI with no base): both mean a document it cannot read (found by benchmarks/fuzz.py, seed 13, 84201).
_PYLD_ERRORS = (jsonld.JsonLdError, ValueError)


def canonical_nquads(document: Mapping[str, Any], loader: Loader | None = None) -> str:
    """The RDFC-1.0 canonical N-Quads of a JSON-LD document."""
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": loader or bundled_loader(),
    }
    try:
        return str(jsonld.normalize(dict(document), options))
    except _PYLD_ERRORS as exc:
        raise _readable(exc) from exc


def undefined_term(document: Mapping[str, Any], loader: Loader | None = None) -> str | None:
    """The first field or type in `document` that no context defines, or None when all are defined.

    A context that maps every term with its own `@vocab` (the W3C examples context) counts as defining none:
    our credentials never use one."""
    contexts = document.get("@context")
    probe = {**document, "@context": [*_as_list(contexts), {"@vocab": _UNDEFINED}]}
    try:
        expanded = jsonld.expand(probe, {"documentLoader": loader or bundled_loader()})
    except _PYLD_ERRORS as exc:
        raise _readable(exc) from exc
    text = json.dumps(expanded)
    start = text.find(_UNDEFINED)
    if start < 0:
        return None
    end = text.find('"', start)
    return text[start + len(_UNDEFINED) : end][:100]


def hash_data(
    unsecured_document: Mapping[str, Any], proof_options: Mapping[str, Any], loader: Loader | None = None
) -> bytes:
    """Transformation, proof configuration and hashing of eddsa-rdfc-2022 (sections 3.2.3 to 3.2.5)."""
    proof_config = {k: v for k, v in proof_options.items() if k != "proofValue"}
    return (
        hashlib.sha256(canonical_nquads(proof_config, loader).encode("utf-8")).digest()
        + hashlib.sha256(canonical_nquads(unsecured_document, loader).encode("utf-8")).digest()
    )


def require_defined(document: Mapping[str, Any], loader: Loader | None = None) -> None:
    """E615 when a field of `document` would fall outside an rdfc signature."""
    term = undefined_term(document, loader)
    if term is not None:
        raise AssistantError("E615", field=term)


def _readable(exc: BaseException) -> AssistantError:
    """The AssistantError behind a pyld error (an unknown context), or E604 for a document pyld cannot read."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, UnknownContext):
            return seen
        cause = getattr(seen, "cause", None) or seen.__cause__
        seen = cause if isinstance(cause, BaseException) else None
    return AssistantError("E604")


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
