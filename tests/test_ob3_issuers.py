"""The Open Badges export carries the real issuer per level: the desk for what the person said, the coach's
own key for what a coach signed for, an employer's own signed endorsement for what they confirmed; a revoked
or expired coach key signs nothing. `assistent verify` checks every signature, the coach key's dates in the
store, and says who vouches for what (and, without a store, what it could not check)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant import attestation, coach_keys
from assistant.cli import main
from assistant.coach_accounts import add_user
from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.export.ob3_export import passport_credentials
from assistant.export.signing import add_proof, did_key, verify_proof
from assistant.passport.review import Review
from assistant.storage import schema as t
from tests.conftest import let_coaches_look
from tests.ob3_support import consent_for, interviewed_passport, schema_errors

COACH = "Anja"


@pytest.fixture(autouse=True)
def _own_data_dir(settings, monkeypatch) -> None:
    # The command line reads its settings from the environment: keys and files stay in this test's folder.
    monkeypatch.setenv("ASSISTENT_DATA_DIR", str(settings.data_dir))


def _passport_with_three_levels(context: AppContext) -> tuple[str, str, str]:
    """metselen: accepted by coach Anja with her key; tegels: confirmed by an employer. (pid, cid, did)."""
    store = context.store
    pid = interviewed_passport(context)
    add_user(store, COACH, "een goed wachtwoord")
    let_coaches_look(store)  # the holder said Ja to "Mag een coach meekijken?"
    review = Review(store, pid, store.open_coach_session(COACH), signer=coach_keys.signer_for(store, COACH))
    by_ref = {s.ref: s for s in review.passport.skills}
    review.accept(by_ref["bouw.metselen"].id)
    consent = store.add_consent(consent_for(store.passport(pid)))
    tiles = next(ref for ref in by_ref if ref != "bouw.metselen")
    _code, request = attestation.ask(store, pid, consent.id, [tiles], "balie")
    employer = attestation.Employer("Jan Jansen", "Bouw BV", "Uitvoerder")
    attestation.answer(store, request, employer, [attestation.SkillAnswer(tiles, "ja", "Zag het werk")])
    row = store.newest_coach_key(COACH)
    assert row is not None
    return pid, consent.id, row.did


def _export(settings, pid: str, cid: str, out: Path) -> int:
    return main(
        [
            "export",
            pid,
            "--format",
            "ob3",
            "--toestemming",
            cid,
            "--out",
            str(out),
            "--db",
            str(settings.db_path),
        ]
    )


def _verify(settings, capsys, path: Path, db: Path | None = None) -> tuple[int, str, str]:
    status = main(["verify", str(path), "--db", str(db or settings.db_path)])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_each_level_has_its_real_issuer_and_endorsement_and_verify_says_who_vouches(
    context: AppContext, settings, capsys, tmp_path: Path
) -> None:
    pid, cid, coach_did = _passport_with_three_levels(context)
    out = tmp_path / "badges.json"
    assert _export(settings, pid, cid, out) == 0
    credentials = json.loads(out.read_text(encoding="utf-8"))
    by_name = {c["name"]: c for c in credentials}
    bricks = by_name["Muren metselen"]
    assert bricks["issuer"]["id"] == coach_did and bricks["issuer"]["name"] == COACH
    assert verify_proof(bricks).startswith(coach_did)
    tiles = next(c for c in credentials if c.get("endorsement"))
    desk = did_key(_desk_key(settings).public_key())
    assert tiles["issuer"]["id"] == desk
    (endorsement,) = tiles["endorsement"]
    assert endorsement["type"] == ["VerifiableCredential", "EndorsementCredential"]
    assert (
        endorsement["issuer"]["name"] == "Jan Jansen"
        and endorsement["issuer"]["parentOrg"]["name"] == "Bouw BV"
    )
    assert endorsement["credentialSubject"]["id"] == tiles["id"]
    assert endorsement["issuer"]["id"] != desk and verify_proof(endorsement).startswith(
        endorsement["issuer"]["id"]
    )
    assert "Jan Jansen (Uitvoerder, Bouw BV) heeft het bevestigd en zelf ondertekend." in tiles["description"]
    for credential in credentials:
        assert schema_errors(credential) == [], credential["name"]
    status, text, err = _verify(settings, capsys, out)
    assert status == 0, err
    assert (
        f"De handtekening van {COACH} klopt" in text
        and f"De sleutel van {COACH} was geldig bij het tekenen." in text
    )
    assert "Jan Jansen (Uitvoerder bij Bouw BV) bevestigt dit met een eigen handtekening. Die klopt." in text
    assert "Niet nagekeken" not in text
    # A receiver without the region's store: every signature is still checked, and verify says what was not.
    status, text, err = _verify(settings, capsys, out, db=tmp_path / "elders" / "geen.sqlite3")
    assert status == 0 and "Niet nagekeken: of een sleutel van een coach is ingetrokken." in text
    assert not (tmp_path / "elders").exists()


def _desk_key(settings):
    from assistant.export.signing import default_key_path, load_or_create_desk_key

    return load_or_create_desk_key(default_key_path(settings.data_dir))


def test_one_changed_byte_in_a_coach_credential_is_refused_by_verify(
    context: AppContext, settings, capsys, tmp_path: Path
) -> None:
    pid, cid, _did = _passport_with_three_levels(context)
    out = tmp_path / "badges.json"
    assert _export(settings, pid, cid, out) == 0
    text = out.read_text(encoding="utf-8")
    changed = text.replace('"name": "Muren metselen"', '"name": "Muren metseleN"', 1)
    assert changed != text
    out.write_text(changed, encoding="utf-8")
    status, lines, err = _verify(settings, capsys, out)
    assert status == 2 and "E601" in err and "Vertrouw" in err
    # Every credential is still listed, the good one as good.
    assert "1 van de 2 verklaringen zijn in orde." in lines
    assert lines.count("Verklaring ") == 1 and err.count("Verklaring ") == 1


def test_an_endorsement_changed_after_the_employer_signed_is_refused_even_if_the_desk_signs_again(
    context: AppContext, settings, capsys, tmp_path: Path
) -> None:
    pid, cid, _did = _passport_with_three_levels(context)
    out = tmp_path / "badges.json"
    assert _export(settings, pid, cid, out) == 0
    credentials = json.loads(out.read_text(encoding="utf-8"))
    index = next(n for n, c in enumerate(credentials) if c.get("endorsement"))
    forged = credentials[index]
    forged["endorsement"][0]["credentialSubject"]["endorsementComment"] += " Hij is de beste."
    # A desk that puts words in the employer's mouth and signs the credential again: its own proof holds,
    # the employer's does not.
    credentials[index] = add_proof(forged, _desk_key(settings), as_set=True)
    out.write_text(json.dumps(credentials), encoding="utf-8")
    status, lines, err = _verify(settings, capsys, out)
    assert status == 2 and "E601" in err and f"Verklaring {index + 1}:" in err
    assert "1 van de 2 verklaringen zijn in orde." in lines


@pytest.mark.parametrize("how", ["revoked", "expired"])
def test_a_revoked_or_expired_coach_key_signs_no_export(
    context: AppContext, settings, capsys, tmp_path: Path, how: str
) -> None:
    pid, cid, _did = _passport_with_three_levels(context)
    if how == "revoked":
        assert main(["coach", "sleutel", "intrekken", COACH, "--db", str(settings.db_path)]) == 0
    else:
        with context.store._tx() as conn:
            conn.execute(
                t.coach_keys.update().values(expires_at=(datetime.now(UTC) - timedelta(days=1)).isoformat())
            )
    capsys.readouterr()
    out = tmp_path / "badges.json"
    assert _export(settings, pid, cid, out) == 2
    err = capsys.readouterr().err
    assert ("E616" if how == "revoked" else "E617") in err and COACH in err
    assert not out.exists()


def test_without_a_coach_key_a_coach_signed_skill_is_not_signed_by_the_desk(context: AppContext) -> None:
    pid, cid, _did = _passport_with_three_levels(context)
    passport = context.store.passport(pid)
    with pytest.raises(AssistantError) as info:
        passport_credentials(passport, context.store.consent(cid), _desk_key(context.settings), "Loket")
    assert info.value.code == "E616"


@pytest.mark.parametrize("how", ["revoked", "expired"])
def test_verify_refuses_a_credential_signed_after_its_coach_key_ended(
    context: AppContext, settings, capsys, tmp_path: Path, how: str
) -> None:
    pid, cid, _did = _passport_with_three_levels(context)
    out = tmp_path / "badges.json"
    assert _export(settings, pid, cid, out) == 0
    before = datetime.now(UTC) - timedelta(days=1)
    # As if someone used the key after it was revoked or had ended.
    if how == "revoked":
        context.store.revoke_coach_keys(COACH, before)
    else:
        with context.store._tx() as conn:
            conn.execute(t.coach_keys.update().values(expires_at=before.isoformat()))
    status, text, err = _verify(settings, capsys, out)
    assert status == 2 and ("E618" if how == "revoked" else "E619") in err and COACH in err
    assert "1 van de 2 verklaringen zijn in orde." in text


def test_one_file_for_a_wallet_holds_every_credential_and_verify_reads_it(
    context: AppContext, settings, capsys, tmp_path: Path
) -> None:
    pid, cid, coach_did = _passport_with_three_levels(context)
    out = tmp_path / "wallet.json"
    argv = ["export", pid, "--format", "ob3", "--toestemming", cid, "--een-bestand", "--out", str(out)]
    assert main([*argv, "--db", str(settings.db_path)]) == 0
    presentation = json.loads(out.read_text(encoding="utf-8"))
    assert presentation["type"] == ["VerifiablePresentation"] and "proof" not in presentation
    credentials = presentation["verifiableCredential"]
    assert len(credentials) == 2 and {c["issuer"]["id"] for c in credentials} >= {coach_did}
    assert all(schema_errors(c) == [] for c in credentials)
    status, text, err = _verify(settings, capsys, out)
    assert status == 0 and "2 van de 2 verklaringen zijn in orde." in text, err
    out.write_text(
        out.read_text(encoding="utf-8").replace("Muren metselen", "Muren metseleN", 1), encoding="utf-8"
    )
    status, text, err = _verify(settings, capsys, out)
    assert status == 2 and "E601" in err and "1 van de 2 verklaringen zijn in orde." in text
    # Only Open Badges go in one file for a wallet.
    json_argv = ["export", pid, "--format", "json", "--toestemming", cid, "--een-bestand", "--out", str(out)]
    assert main([*json_argv, "--db", str(settings.db_path)]) == 2
    assert "E629" in capsys.readouterr().err
