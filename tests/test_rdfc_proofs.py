"""eddsa-rdfc-2022 proofs (W3C vc-di-eddsa, section 3.2) over the bundled JSON-LD contexts only, checked
against the W3C test vector; every exported credential valid against the 1EdTech OB 3.0 JSON schema; older
eddsa-jcs-2022 files still verify."""

from __future__ import annotations

import copy
import json
import subprocess
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.export import signing
from assistant.export.jsonld_contexts import BUNDLED, bundled_loader
from assistant.export.ob3_export import ob3_json, passport_credentials
from assistant.export.ob3_verify import CredentialError, verify_credential
from assistant.export.signing_rdfc import canonical_nquads, hash_data
from tests.ob3_support import consent_for, reviewed_passport, schema_errors

# W3C vc-di-eddsa, appendix "eddsa-rdfc-2022" (TestVectors/eddsa-rdfc-2022 and TestVectors/keyPair.json).
PUBLIC = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
PRIVATE = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
EXAMPLES = "https://www.w3.org/ns/credentials/examples/v2"
#: The published examples context is this one @vocab mapping (w3c/vc-data-model, contexts/credentials/examples/v2).
EXAMPLES_CONTEXT = {"@context": {"@vocab": "https://www.w3.org/ns/credentials/examples#"}}
VECTOR_DOCUMENT = {
    "@context": ["https://www.w3.org/ns/credentials/v2", EXAMPLES],
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential",
    "description": "A minimum viable example of an Alumni Credential.",
    "issuer": "https://vc.example/issuers/5678",
    "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
}
VECTOR_CANONICAL_DOCUMENT = (
    '<did:example:abcdefgh> <https://www.w3.org/ns/credentials/examples#alumniOf> "The School of Examples" .\n'
    "<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://www.w3.org/2018/credentials#VerifiableCredential> .\n"
    "<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://www.w3.org/ns/credentials/examples#AlumniCredential> .\n"
    "<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://schema.org/description> "
    '"A minimum viable example of an Alumni Credential." .\n'
    '<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://schema.org/name> "Alumni Credential" .\n'
    "<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://www.w3.org/2018/credentials#credentialSubject> "
    "<did:example:abcdefgh> .\n"
    "<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://www.w3.org/2018/credentials#issuer> "
    "<https://vc.example/issuers/5678> .\n"
    "<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://www.w3.org/2018/credentials#validFrom> "
    '"2023-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n'
)
VECTOR_HASH = (
    "bea7b7acfbad0126b135104024a5f1733e705108f42d59668b05c0c50004c6b0"  # proof configuration
    "517744132ae165a5349155bef0bb0cf2258fff99dfe1dbd914b938d775a36017"  # document
)
VECTOR_PROOF_VALUE = (
    "z2YwC8z3ap7yx1nZYCg4L3j3ApHsF8kgPdSb5xoS1VR7vPG3F561B52hYnQF9iseabecm3ijx4K1FBTQsCZahKZme"
)
ISSUED = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _vector_key() -> Ed25519PrivateKey:
    private = signing.multibase_decode(PRIVATE)
    return Ed25519PrivateKey.from_private_bytes(private[2:])


def test_the_w3c_eddsa_rdfc_2022_test_vector_is_reproduced_byte_for_byte(monkeypatch) -> None:
    loader = bundled_loader({EXAMPLES: EXAMPLES_CONTEXT})
    assert canonical_nquads(VECTOR_DOCUMENT, loader) == VECTOR_CANONICAL_DOCUMENT
    proof_config = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2023-02-24T23:36:38Z",
        "verificationMethod": f"did:key:{PUBLIC}#{PUBLIC}",
        "proofPurpose": "assertionMethod",
        "@context": VECTOR_DOCUMENT["@context"],
    }
    assert hash_data(VECTOR_DOCUMENT, proof_config, loader).hex() == VECTOR_HASH
    # Ed25519 is deterministic: the same key and hash give the published signature. The production loader
    # refuses the examples context, so signing the vector uses the test's loader.
    monkeypatch.setattr("assistant.export.signing_rdfc.bundled_loader", lambda: loader)
    monkeypatch.setattr("assistant.export.signing_rdfc.require_defined", lambda document: None)
    signed = signing.add_proof(
        VECTOR_DOCUMENT, _vector_key(), created=datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC)
    )
    assert signed["proof"]["proofValue"] == VECTOR_PROOF_VALUE
    assert signing.verify_proof(signed) == f"did:key:{PUBLIC}#{PUBLIC}"
    signed["credentialSubject"]["alumniOf"] = "The School of Examplez"
    with pytest.raises(AssistantError) as info:
        signing.verify_proof(signed)
    assert info.value.code == "E601"


def test_only_bundled_contexts_are_served_and_nothing_is_fetched() -> None:
    assert set(BUNDLED) == {
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    }
    # The examples context of the test vector is not bundled: refused by name, never looked up.
    with pytest.raises(AssistantError) as info:
        canonical_nquads(VECTOR_DOCUMENT)
    assert info.value.code == "E614" and EXAMPLES in info.value.user_message()


@pytest.fixture
def credentials(context: AppContext) -> list[dict]:
    passport = reviewed_passport(context)
    made = passport_credentials(
        passport, consent_for(passport), Ed25519PrivateKey.generate(), "Loket", ISSUED
    )
    return json.loads(ob3_json(made))


def test_every_exported_credential_is_rdfc_signed_and_valid_against_the_ob3_schema(
    credentials: list[dict],
) -> None:
    assert len(credentials) >= 4  # three skills and a diploma statement
    for credential in credentials:
        assert isinstance(credential["proof"], list), "the OB 3.0 schema asks for a list"
        assert signing.proof_of(credential)["cryptosuite"] == "eddsa-rdfc-2022"
        assert schema_errors(credential) == [], credential["name"]
        verify_credential(credential)


def test_the_schema_check_can_fail(credentials: list[dict]) -> None:
    broken = copy.deepcopy(credentials[0])
    del broken["credentialSubject"]
    broken["issuer"] = 5
    assert len(schema_errors(broken)) >= 2


@pytest.mark.parametrize(
    "change",
    ["name", "level", "nickname", "add-field", "unknown-context"],
)
def test_a_tampered_rdfc_credential_is_refused(credentials: list[dict], change: str) -> None:
    credential = copy.deepcopy(next(c for c in credentials if "identifier" in c["credentialSubject"]))
    verify_credential(credential)
    subject = credential["credentialSubject"]
    expected = "E601"
    if change == "name":
        subject["achievement"]["name"] += "!"
    elif change == "level":
        achieved = subject["result"][0]["achievedLevel"]
        subject["result"][0]["achievedLevel"] = achieved.rsplit(":", 1)[0] + ":skillsbewijs"
        assert subject["result"][0]["achievedLevel"] != achieved
    elif change == "nickname":
        subject["identifier"][0]["identityHash"] = "Pieter"
    elif change == "add-field":
        # A field no context defines would not be in the canonical form: refused, not silently unsigned.
        subject["salaris"] = "hoog"
        expected = "E615"
    else:
        # The signed context names one we do not bundle: refused by name, never fetched.
        evil = [*credential["@context"], "https://evil.example/context.json"]
        credential["@context"] = evil
        signing.proof_of(credential)["@context"] = evil
        expected = "E614"
    with pytest.raises(CredentialError) as info:
        verify_credential(credential)
    assert info.value.code == expected


def test_files_signed_with_eddsa_jcs_2022_still_verify(context: AppContext) -> None:
    passport = reviewed_passport(context)
    key = Ed25519PrivateKey.generate()
    fresh = passport_credentials(passport, consent_for(passport), key, "Loket", ISSUED)[0]
    unsigned = {k: v for k, v in fresh.items() if k != "proof"}
    old = signing.add_proof(unsigned, key, created=ISSUED, cryptosuite=signing.JCS)
    assert signing.proof_of(old)["cryptosuite"] == "eddsa-jcs-2022"
    verify_credential(json.loads(json.dumps(old)))
    old["name"] += "?"
    with pytest.raises(CredentialError) as info:
        verify_credential(old)
    assert info.value.code == "E601"


def test_signing_a_field_outside_the_contexts_is_refused() -> None:
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:1",
        "credentialSubject": {"id": "did:example:2", "vaardigheid": "metselen"},
    }
    with pytest.raises(AssistantError) as info:
        signing.add_proof(document, Ed25519PrivateKey.generate())
    assert info.value.code == "E615" and "vaardigheid" in info.value.user_message()


def test_the_bundled_files_are_the_published_contexts() -> None:
    # The files must stay as published: a changed context changes every canonical form.
    out = subprocess.run(
        ["sha256sum", *(f"assistant/export/contexts/{n}" for n in BUNDLED.values())],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734" in out
    assert "3d34f4d4ef1bce691106e63798beb5e7b862ba841423f5ee1e53ab7ddf3bca84" in out
