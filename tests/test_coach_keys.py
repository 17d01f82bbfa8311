"""A signing key per coach account: made at `coach add-user`, sealed in the store, used to sign what the coach
decides; a revoked or expired key signs nothing, and a judgement signed outside its key's dates is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from assistant import coach_keys
from assistant.cli import main
from assistant.coach_accounts import add_user
from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.passport.decision_signing import decision_bytes
from assistant.passport.review import Review
from assistant.storage import schema as t
from tests.conftest import let_coaches_look
from tests.ob3_support import interviewed_passport

PASSWORD = "een goed wachtwoord"


def _review(context: AppContext, name: str = "Anja") -> Review:
    pid = interviewed_passport(context)
    store = context.store
    if store.coach_user(name) is None:
        add_user(store, name, PASSWORD)
    let_coaches_look(store)  # the holder said Ja to "Mag een coach meekijken?"
    token = store.open_coach_session(name)
    return Review(store, pid, token, signer=coach_keys.signer_for(store, name))


def test_add_user_makes_a_sealed_key_with_an_expiry(context: AppContext) -> None:
    add_user(context.store, "Anja", PASSWORD, key_years=2)
    row = context.store.newest_coach_key("Anja", with_private=True)
    assert row is not None and row.did.startswith("did:key:z6Mk") and row.revoked_at is None
    assert timedelta(days=729) < row.expires_at - row.created_at < timedelta(days=732)
    assert row.private_pem and "PRIVATE KEY" in row.private_pem
    with context.store._read() as conn:
        sealed = conn.execute(select(t.coach_keys.c.sealed_key)).scalar_one()
    assert "PRIVATE KEY" not in sealed, "the private key is sealed before it reaches the database"


def test_a_coach_decision_is_signed_by_that_coach_and_one_changed_byte_is_refused(
    context: AppContext,
) -> None:
    review = _review(context)
    skill = review.passport.skills[0]
    review.accept(skill.id, level="skillscertificaat", evidence="Werkbriefje 2025", confirmed_by="Bouw BV")
    saved = context.store.passport(review.passport_id).skill(skill.id)
    assert saved is not None
    decision = saved.provenance[-1]
    did = context.store.newest_coach_key("Anja")
    assert did is not None and decision.signed_by == did.did
    assert coach_keys.verify_decision(context.store, review.passport_id, saved.ref, decision) == "Anja"
    decision.confirmed_by = "Bouw BW"
    with pytest.raises(AssistantError) as info:
        coach_keys.verify_decision(context.store, review.passport_id, saved.ref, decision)
    assert info.value.code == "E601"


def test_a_revoked_key_signs_nothing_and_nothing_is_saved(context: AppContext, settings) -> None:
    review = _review(context)
    skill = review.passport.skills[0]
    assert main(["coach", "sleutel", "intrekken", "Anja", "--db", str(settings.db_path)]) == 0
    before = context.store.passport(review.passport_id)
    with pytest.raises(AssistantError) as info:
        review.accept(skill.id)
    assert info.value.code == "E616" and "Anja" in info.value.user_message()
    assert context.store.passport(review.passport_id) == before
    # A new key works again.
    assert main(["coach", "sleutel", "vernieuwen", "Anja", "--db", str(settings.db_path)]) == 0
    review.reload()
    review.accept(skill.id)


def test_an_expired_key_signs_nothing(context: AppContext) -> None:
    context.store.add_coach_user("Bram", "not-a-real-hash", "coach")  # an account made 400 days ago
    coach_keys.make_key(context.store, "Bram", years=1, now=datetime.now(UTC) - timedelta(days=400))
    with pytest.raises(AssistantError) as info:
        coach_keys.signing_key(context.store, "Bram")
    assert info.value.code == "E617"


def test_a_judgement_signed_after_revocation_or_expiry_is_refused(context: AppContext) -> None:
    review = _review(context)
    skill = review.passport.skills[0]
    review.accept(skill.id)
    decision = context.store.passport(review.passport_id).skill(skill.id).provenance[-1]  # type: ignore[union-attr]
    # Revoked a day before the judgement's date: whoever still held the key, the signature does not count.
    context.store.revoke_coach_keys("Anja", decision.date - timedelta(days=1))
    with pytest.raises(AssistantError) as info:
        coach_keys.verify_decision(context.store, review.passport_id, skill.ref, decision)
    assert info.value.code == "E618"
    # A key used after its end: someone with an old key signs a judgement dated later.
    add_user(context.store, "Bram", PASSWORD)
    did, key = coach_keys.signing_key(context.store, "Bram")
    row = context.store.coach_key(did)
    assert row is not None
    late = decision.model_copy(update={"date": row.expires_at + timedelta(days=1), "signed_by": did})
    late.signature = "z" + coach_keys_b58(key.sign(decision_bytes(review.passport_id, skill.ref, late)))
    with pytest.raises(AssistantError) as info:
        coach_keys.verify_decision(context.store, review.passport_id, skill.ref, late)
    assert info.value.code == "E619"


def test_key_commands_for_an_unknown_account_are_refused(context: AppContext, settings, capsys) -> None:
    assert main(["coach", "sleutel", "intrekken", "Niemand", "--db", str(settings.db_path)]) == 2
    assert "E620" in capsys.readouterr().err


def coach_keys_b58(data: bytes) -> str:
    from assistant.export.signing import b58encode

    return b58encode(data)


def test_a_rotation_reseals_the_coach_keys_so_the_old_region_key_can_go(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.config import Settings
    from assistant.storage import key_rotation, open_store

    monkeypatch.delenv("ASSISTENT_STORE_KEY", raising=False)
    settings = Settings(data_dir=tmp_path)
    store = open_store(settings)
    add_user(store, "Anja", PASSWORD)
    did, _key = coach_keys.signing_key(store, "Anja")
    old_id = store.cipher.key_id
    with store._read() as conn:
        sealed_before = conn.execute(select(t.coach_keys.c.sealed_key)).scalar_one()
    store.close()
    key_rotation.rotate(settings)
    key_rotation.retire(settings, old_id)
    store = open_store(settings)
    try:
        with store._read() as conn:
            assert conn.execute(select(t.coach_keys.c.sealed_key)).scalar_one() != sealed_before
        assert store.cipher.key_ids == [store.cipher.key_id] != [old_id]
        assert coach_keys.signing_key(store, "Anja")[0] == did, "the coach still signs after the old key went"
    finally:
        store.close()
