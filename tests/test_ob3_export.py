"""Open Badges 3.0 export: one signed credential per kept skill, only consented parts, aligned to the real
CompetentNL URI; a real Ed25519 signature (eddsa-rdfc-2022; eddsa-jcs-2022 still checked) that fails on any
change; a private desk key."""

from __future__ import annotations

import copy
import errno
import hashlib
import json
import os
import stat
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from assistant import private_files
from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.export import signing
from assistant.export.ob3_export import OB_CONTEXT, OWN_WORDS, VC_CONTEXT, ob3_json, passport_credentials
from assistant.export.ob3_verify import CredentialError, verify_credential, verify_file
from assistant.export.signing_rdfc import canonical_nquads
from assistant.interview.records import Verdict
from assistant.interview.session import InterviewSession
from assistant.passport.consent import Consent
from assistant.passport.model import Passport
from assistant.passport.review import Review
from assistant.skills.catalogue import Catalogue
from tests.conftest import coach_session

DESK = "Leerwerkloket Utrecht"
COACH_WORDS = "Zag foto's van Zwaluwstaart7731 aan het werk"  # a coach's words nobody else writes
ISSUED = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def passport(context: AppContext) -> Passport:
    """Four building skills the person confirmed; the coach accepts one, rejects one, adds one."""
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text="Piet")
    session.answer(values=["ja"])
    session.answer(values=["bouw"])
    for p in session.answer(values=["metselen", "tegels"]):
        session.confirm(p.skill_ref, Verdict.YES)
    for p in session.answer(text="ik heb ook gevoegd en gestukadoord"):
        session.confirm(p.skill_ref, Verdict.YES)
    while not session.finished:
        session.skip()
    pid = session.finish().id
    review = Review(context.store, pid, coach_session(context.store, "Coach Anja"))
    by_ref = {s.ref: s for s in review.passport.skills}
    review.accept(
        by_ref["bouw.metselen"].id,
        level="skillscertificaat",
        evidence="Werkbriefje van 2025",
        confirmed_by="Bouwbedrijf De Steen",
    )
    review.reject(by_ref["bouw.voegen"].id, note="Niet zelf gedaan")
    review.add_skill(context.catalogue, "bouw.timmeren", evidence=COACH_WORDS)
    return context.store.passport(pid)


def _consent(passport: Passport, parts: list[str], until: date | None = None) -> Consent:
    return Consent(
        passport_id=passport.id,
        parts=parts,
        receiver_kind="employer",
        receiver="Bouwbedrijf De Hoek",
        purpose="Sollicitatie als metselaar",
        until=until or date.today() + timedelta(days=30),
    )


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def _credentials(passport: Passport, key: Ed25519PrivateKey, parts: list[str] | None = None) -> list[dict]:
    consent = _consent(passport, parts or ["skills", "experiences"])
    return passport_credentials(passport, consent, key, DESK, issued=ISSUED)


def _by_name(credentials: list[dict], name: str) -> dict:
    return next(c for c in credentials if c["name"] == name)


def _raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


# --- content ---------------------------------------------------------------------------------------------


def test_one_credential_per_kept_skill_aligned_to_the_real_competentnl_uri(
    passport: Passport, key: Ed25519PrivateKey, catalogue: Catalogue
) -> None:
    credentials = _credentials(passport, key)
    kept = [s for s in passport.skills if s.status != "rejected"]
    rejected = [s for s in passport.skills if s.status == "rejected"]
    assert rejected and [s.ref for s in rejected] == ["bouw.voegen"]
    assert sorted(c["name"] for c in credentials) == sorted(s.label for s in kept)
    assert rejected[0].label not in json.dumps(credentials, ensure_ascii=False)

    real_uris = {r.uri for concept in catalogue.skills.values() for r in concept.competentnl}
    for skill in kept:
        credential = _by_name(credentials, skill.label)
        assert credential["@context"] == [VC_CONTEXT, OB_CONTEXT]
        assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
        assert UUID(credential["id"].removeprefix("urn:uuid:")) and credential["id"].startswith("urn:uuid:")
        assert credential["issuer"]["type"] == ["Profile"] and credential["issuer"]["name"] == DESK
        assert credential["issuer"]["id"] == signing.did_key(key.public_key())
        assert credential["validFrom"] == "2026-03-02T09:30:00Z"
        assert credential["validUntil"] == f"{date.today() + timedelta(days=30)}T23:59:59Z"
        subject = credential["credentialSubject"]
        assert subject["type"] == ["AchievementSubject"]
        achievement = subject["achievement"]
        assert achievement["type"] == ["Achievement"] and achievement["name"] == skill.label
        assert achievement["criteria"]["narrative"] and achievement["description"]
        alignment = achievement["alignment"]
        competentnl = {a["targetUrl"] for a in alignment if a["targetFramework"] == "CompetentNL"}
        assert skill.competentnl and competentnl == {s.uri for s in skill.competentnl}
        assert competentnl <= real_uris, "only CompetentNL URIs that exist in the shipped extract"
        for a in alignment:
            assert a["type"] == ["Alignment"] and a["targetName"]
            # Never an official-looking address that is not real: CompetentNL, or plainly local.
            assert a["targetUrl"] in real_uris or a["targetUrl"].startswith("urn:assistent:lokaal:")
        local = [a for a in alignment if a["targetUrl"].startswith("urn:assistent:lokaal:")]
        assert [a["targetCode"] for a in local] == [skill.ref]
        assert subject["result"] == [
            {
                "type": ["Result"],
                "resultDescription": "urn:assistent:lokaal:skillsapk:niveau",
                "achievedLevel": f"urn:assistent:lokaal:skillsapk:{skill.level}",
            }
        ]
        levels = achievement["resultDescription"][0]["rubricCriterionLevel"]
        assert subject["result"][0]["achievedLevel"] in {level["id"] for level in levels}


def test_level_and_coach_are_where_the_spec_puts_them(passport: Passport, key: Ed25519PrivateKey) -> None:
    credentials = _credentials(passport, key)
    by_ref = {s.ref: s for s in passport.skills}
    accepted = _by_name(credentials, by_ref["bouw.metselen"].label)
    subject = accepted["credentialSubject"]
    assert subject["result"][0]["achievedLevel"].endswith(":skillscertificaat")
    assert subject["source"]["name"] == "Coach Anja" and subject["source"]["type"] == ["Profile"]
    judgements = [e["narrative"] for e in accepted["evidence"] if "Coach Anja" in e["name"]]
    assert len(judgements) == 1 and "Skillscertificaat" in judgements[0] and "klopt" in judgements[0]
    own = [e for e in accepted["evidence"] if e["name"] == OWN_WORDS]
    assert own and own[0]["narrative"] == by_ref["bouw.metselen"].provenance[0].evidence[0].text

    only_self = _by_name(credentials, by_ref["bouw.tegelen"].label)["credentialSubject"]
    assert "source" not in only_self, "nobody but the person judged it"
    assert only_self["result"][0]["achievedLevel"].endswith(":skillsverklaring")

    added = _by_name(credentials, by_ref["bouw.timmeren"].label)
    assert any(COACH_WORDS in e["narrative"] for e in added["evidence"])
    assert not any(e["name"] == OWN_WORDS for e in added["evidence"]), (
        "the coach's words are not the person's"
    )


def test_without_experiences_consent_there_are_no_own_words(
    passport: Passport, key: Ed25519PrivateKey
) -> None:
    credentials = _credentials(passport, key, parts=["skills"])
    assert len(credentials) == len(passport.active_skills())
    text = json.dumps(credentials, ensure_ascii=False)
    # A ticked choice's answer can be the skill's own label ("Muren metselen"): that is the credential's name.
    labels = {s.label for s in passport.skills}
    answers = {
        e.answer_text
        for s in passport.skills
        for a in s.provenance
        for e in a.evidence
        if e.answer_text and e.answer_text not in labels
    }
    assert answers and not any(answer in text for answer in answers)
    assert "Zwaluwstaart7731" not in text
    assert not any(e["name"] == OWN_WORDS for c in credentials for e in c.get("evidence", []))
    for credential in credentials:
        verify_credential(credential)


def test_without_skills_consent_nothing_is_made(passport: Passport, key: Ed25519PrivateKey) -> None:
    with pytest.raises(AssistantError) as info:
        _credentials(passport, key, parts=["experiences", "ambitions"])
    assert info.value.code == "E505"


def test_withdrawn_or_ended_consent_gives_no_credentials(passport: Passport, key: Ed25519PrivateKey) -> None:
    withdrawn = _consent(passport, ["skills"])
    withdrawn.withdrawn_at = datetime.now(UTC)
    with pytest.raises(AssistantError) as info:
        passport_credentials(passport, withdrawn, key, DESK)
    assert info.value.code == "E502"
    ended = _consent(passport, ["skills"], until=date.today() - timedelta(days=1))
    with pytest.raises(AssistantError) as info:
        passport_credentials(passport, ended, key, DESK)
    assert info.value.code == "E503"


# --- signature -------------------------------------------------------------------------------------------


def test_signature_is_a_real_ed25519_signature_over_the_spec_hash(
    passport: Passport, key: Ed25519PrivateKey
) -> None:
    for credential in json.loads(ob3_json(_credentials(passport, key))):
        proof = signing.proof_of(credential)
        assert proof["type"] == "DataIntegrityProof" and proof["cryptosuite"] == "eddsa-rdfc-2022"
        assert proof["proofPurpose"] == "assertionMethod" and proof["created"] == "2026-03-02T09:30:00Z"
        assert proof["@context"] == credential["@context"], "the context is signed with the proof"
        # The public key comes from the credential itself: did:key, multicodec 0xed01, no stored state.
        did, _, fragment = proof["verificationMethod"].partition("#")
        assert (
            did == credential["issuer"]["id"] and did == f"did:key:{fragment}" and fragment.startswith("z6Mk")
        )
        multikey = signing.b58decode(fragment[1:])
        assert multikey[:2] == b"\xed\x01" and multikey[2:] == _raw(key.public_key())
        public_key = Ed25519PublicKey.from_public_bytes(multikey[2:])
        # eddsa-rdfc-2022: SHA-256(RDFC(proof options)) || SHA-256(RDFC(credential without proof)).
        options = {k: v for k, v in proof.items() if k != "proofValue"}
        document = {k: v for k, v in credential.items() if k != "proof"}
        hashed = (
            hashlib.sha256(canonical_nquads(options).encode()).digest()
            + hashlib.sha256(canonical_nquads(document).encode()).digest()
        )
        assert proof["proofValue"].startswith("z")
        signature = signing.b58decode(proof["proofValue"][1:])
        assert len(signature) == 64
        public_key.verify(signature, hashed)  # raises InvalidSignature when it is not a real signature
        verify_credential(credential)


def test_signing_matches_the_w3c_eddsa_jcs_2022_example() -> None:
    """The eddsa-jcs-2022 example of W3C "Data Integrity EdDSA Cryptosuites v1.0" (its appendix): the same key,
    document and time give the published hashes and signature, byte for byte (Ed25519 is deterministic)."""
    public = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    private = signing.multibase_decode("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq")
    assert private[:2] == signing.ED25519_PRIV_CODEC
    key = Ed25519PrivateKey.from_private_bytes(private[2:])
    assert signing.public_key_multibase(key.public_key()) == public
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
        "type": ["VerifiableCredential", "AlumniCredential"],
        "name": "Alumni Credential",
        "description": "A minimum viable example of an Alumni Credential.",
        "issuer": "https://vc.example/issuers/5678",
        "validFrom": "2023-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
    }
    signed = signing.add_proof(
        document, key, created=datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC), cryptosuite=signing.JCS
    )
    proof = signed["proof"]
    assert proof["verificationMethod"] == f"did:key:{public}#{public}"
    assert proof["@context"] == document["@context"]
    hashed = signing.hash_data(document, proof)
    assert hashed.hex() == (
        "66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db"  # proof options
        "59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19"  # document
    )
    assert proof["proofValue"] == (
        "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX"
    )
    assert signing.verify_proof(signed) == f"did:key:{public}#{public}"
    signed["name"] = "Alumni Credentiam"
    with pytest.raises(AssistantError) as info:
        signing.verify_proof(signed)
    assert info.value.code == "E601"


def _one_char_changed(text: str) -> str:
    for i, char in enumerate(text):
        if char.isdigit():
            return text[:i] + str((int(char) + 1) % 10) + text[i + 1 :]
        if char.isalpha():
            return text[:i] + ("b" if char.lower() == "a" else "a") + text[i + 1 :]
    raise AssertionError(f"nothing to change in {text!r}")


def _get(node: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        node = node[step]
    return node


@pytest.mark.parametrize(
    "path",
    [
        ("credentialSubject", "achievement", "name"),
        ("evidence", 0, "narrative"),
        ("validUntil",),
        ("issuer", "name"),
        ("credentialSubject", "achievement", "alignment", 0, "targetUrl"),
        ("credentialSubject", "result", 0, "achievedLevel"),
        ("credentialSubject", "source", "name"),
        ("@context", 1),
        ("proof", 0, "created"),
    ],
    ids=lambda path: ".".join(map(str, path)),
)
def test_one_changed_character_anywhere_fails_with_the_plain_message(
    passport: Passport, key: Ed25519PrivateKey, path: tuple[str | int, ...]
) -> None:
    metselen = next(s for s in passport.skills if s.ref == "bouw.metselen")
    credential = _by_name(_credentials(passport, key), metselen.label)
    verify_credential(credential)
    tampered = copy.deepcopy(credential)
    parent, last = _get(tampered, path[:-1]), path[-1]
    parent[last] = _one_char_changed(parent[last])
    assert _get(tampered, path) != _get(credential, path)
    with pytest.raises(CredentialError) as info:
        verify_credential(tampered)
    assert info.value.code == "E601"
    assert info.value.user_message() == (
        "Deze verklaring is veranderd na het ondertekenen. Vertrouw haar niet. (E601)"
    )


def test_added_or_removed_parts_fail_too(passport: Passport, key: Ed25519PrivateKey) -> None:
    credential = _credentials(passport, key)[0]
    added = copy.deepcopy(credential)
    added["evidence"].append({"type": ["Evidence"], "narrative": "Tien jaar ervaring"})
    dropped = copy.deepcopy(credential)
    del dropped["validUntil"]
    for tampered in (added, dropped):
        with pytest.raises(CredentialError) as info:
            verify_credential(tampered)
        assert info.value.code == "E601"


def test_missing_unusable_or_foreign_proofs_are_refused(passport: Passport, key: Ed25519PrivateKey) -> None:
    credential = _credentials(passport, key)[0]
    desk = credential["issuer"]["id"]
    unsigned = {k: v for k, v in credential.items() if k != "proof"}
    cases: list[tuple[dict, str]] = [(unsigned, "E602")]
    for field, value in [
        ("proofValue", "z0OIl"),  # not base58btc
        ("proofValue", "z" + signing.b58encode(b"\1" * 10)),  # too short for a signature
        ("cryptosuite", "ecdsa-rdfc-2019"),  # a cryptosuite we do not check
        ("proofPurpose", "authentication"),
        ("verificationMethod", "https://vc.example/issuers/5678#key-1"),
    ]:
        broken = copy.deepcopy(credential)
        signing.proof_of(broken)[field] = value
        cases.append((broken, "E604"))
    # Someone changes the skill and signs again with their own key, still naming the desk as issuer.
    forger = Ed25519PrivateKey.generate()
    forged = copy.deepcopy(unsigned)
    forged["credentialSubject"]["achievement"]["name"] = "Dakdekken"
    cases.append((signing.add_proof(forged, forger), "E605"))
    for document, code in cases:
        with pytest.raises(CredentialError) as info:
            verify_credential(document)
        assert info.value.code == code, document.get("proof")
    # Naming their own key as issuer makes a sound credential, but not one from a desk the receiver knows.
    forged["issuer"] = {**forged["issuer"], "id": signing.did_key(forger.public_key())}
    resigned = signing.add_proof(forged, forger)
    verify_credential(resigned)
    with pytest.raises(CredentialError) as info:
        verify_credential(resigned, trusted={desk})
    assert info.value.code == "E610"
    verify_credential(credential, trusted={desk})


def test_expiry_and_start_are_checked(passport: Passport, key: Ed25519PrivateKey) -> None:
    until = date.today() + timedelta(days=30)
    credential = _credentials(passport, key)[0]
    verify_credential(credential, now=datetime.combine(until, time(23, 59, 58), UTC))
    with pytest.raises(CredentialError) as info:
        verify_credential(credential, now=datetime.combine(until + timedelta(days=1), time(0, 0, 1), UTC))
    assert info.value.code == "E603"
    assert "geldt niet meer" in info.value.user_message()
    with pytest.raises(CredentialError) as info:
        verify_credential(credential, now=ISSUED - timedelta(days=1))
    assert info.value.code == "E606" and "2 maart 2026" in info.value.user_message()


# --- files -----------------------------------------------------------------------------------------------


def test_verify_file_names_each_credential_and_never_changes_the_file(
    passport: Passport, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    credentials = _credentials(passport, key)
    path = tmp_path / "verklaringen.json"
    path.write_text(ob3_json(credentials), encoding="utf-8")
    result = verify_file(path)
    lines = result.lines
    names = [c["name"] for c in credentials]
    assert result.ok and [line.split(". De handtekening")[0] for line in lines[: len(credentials)]] == [
        f"Verklaring {n}: {name}" for n, name in enumerate(names, start=1)
    ]
    assert all(
        f"De handtekening van {DESK} klopt, gezet op 2 maart 2026." in line
        for line in lines[: len(credentials)]
    )
    assert (
        lines[len(credentials)] == f"{len(credentials)} van de {len(credentials)} verklaringen zijn in orde."
    )
    assert lines[-2] == f"Sleutel van de uitgever: {signing.did_key(key.public_key())}"
    # Without a store at hand, verify says what it could not check.
    assert lines[-1].startswith("Niet nagekeken: of een sleutel van een coach is ingetrokken.")

    credentials[1]["credentialSubject"]["achievement"]["name"] += "!"
    path.write_text(ob3_json(credentials), encoding="utf-8")
    before = path.read_bytes()
    result = verify_file(path)
    (failure,) = result.failures
    assert failure.code == "E601" and failure.number == 2
    assert result.lines[1] == failure.user_message()
    assert failure.user_message().startswith("Verklaring 2: Deze verklaring is veranderd")
    assert result.lines[0].startswith("Verklaring 1:") and result.lines[2].startswith("Verklaring 3:")
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content", [b"", b"{niet json", b"[]", b'[{"type": ["Iets"]}]', b"\xff\xfe", b"[" * 100_000]
)
def test_a_file_without_credentials_gets_a_plain_message(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "kapot.json"
    path.write_bytes(content)
    with pytest.raises(AssistantError) as info:
        verify_file(path)
    assert info.value.code == "E607" and str(path) in info.value.user_message()
    assert path.read_bytes() == content


# --- the desk key ----------------------------------------------------------------------------------------


def test_desk_key_is_private_outside_the_database_and_stable(tmp_path: Path) -> None:
    path = signing.default_key_path(tmp_path)
    assert path == tmp_path / "keys" / "desk-ed25519.pem"
    key = signing.load_or_create_desk_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["desk-ed25519.pem"], "no temporary file left"
    again = signing.load_or_create_desk_key(path)
    assert _raw(again.public_key()) == _raw(key.public_key())


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660])
def test_a_key_file_others_can_read_is_refused(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "keys" / "desk-ed25519.pem"
    signing.load_or_create_desk_key(path)
    before = path.read_bytes()
    os.chmod(path, mode)
    with pytest.raises(AssistantError) as info:
        signing.load_or_create_desk_key(path)
    assert info.value.code == "E608" and str(path) in info.value.user_message()
    assert path.read_bytes() == before, "the key is refused, not replaced"


def test_a_broken_key_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "desk-ed25519.pem"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, b"-----BEGIN PRIVATE KEY-----\nkapot\n-----END PRIVATE KEY-----\n")
    os.close(fd)
    with pytest.raises(AssistantError) as info:
        signing.load_or_create_desk_key(path)
    assert info.value.code == "E609"


def test_a_key_that_cannot_be_written_gets_a_plain_message(tmp_path: Path) -> None:
    blocker = tmp_path / "gegevens"
    blocker.write_text("dit is een bestand, geen map", encoding="utf-8")
    with pytest.raises(AssistantError) as info:
        signing.load_or_create_desk_key(signing.default_key_path(blocker))
    assert info.value.code == "E609" and "Er is niets ondertekend" in info.value.user_message()
    assert blocker.read_text(encoding="utf-8") == "dit is een bestand, geen map"


def test_a_full_disk_while_making_the_key_leaves_no_half_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(private_files.os, "fsync", full)
    path = signing.default_key_path(tmp_path)
    with pytest.raises(AssistantError) as info:
        signing.load_or_create_desk_key(path)
    assert info.value.code == "E311" and os.strerror(errno.ENOSPC) in info.value.user_message()
    assert list(path.parent.iterdir()) == [], "neither a key nor a temporary file is left"
