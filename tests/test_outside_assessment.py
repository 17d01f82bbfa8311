"""An outside assessor records a result (`assistent beoordeling`): the standard, the result and the date, signed
with a key file the assessor holds; the skill becomes a skillsbewijs, and the Open Badges export passes on the
credential the assessor issued. A key file others can read, a date in the future, an existing key file and a
changed byte are refused, with nothing saved."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant import attestation
from assistant.cli import main
from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.export.signing import verify_proof
from assistant.passport.history import who
from tests.ob3_support import consent_for, interviewed_passport, schema_errors

STANDARD = "Kwalificatiedossier Metselaar"


@pytest.fixture(autouse=True)
def _own_data_dir(settings, monkeypatch) -> None:
    # The command line reads its settings from the environment: keys and files stay in this test's folder.
    monkeypatch.setenv("ASSISTENT_DATA_DIR", str(settings.data_dir))


def _key(settings, capsys, tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "beoordelaar.pem"
    assert main(["beoordeling", "sleutel", "--uit", str(path), "--db", str(settings.db_path)]) == 0
    out = capsys.readouterr().out
    return path, out.rsplit("did:key:", 1)[1].split()[0]


def _record(settings, pid: str, key: Path, *, day: str = "2025-06-30") -> int:
    return main(
        [
            "beoordeling", pid, "--sleutel", str(key), "--vaardigheid", "bouw.metselen", "--standaard", STANDARD,
            "--uitslag", "voldoende", "--datum", day, "--naam", "Eva de Vries", "--organisatie", "EVC Centrum Midden",
            "--db", str(settings.db_path),
        ]
    )  # fmt: skip


def test_a_key_file_is_private_and_never_overwritten(settings, capsys, tmp_path: Path) -> None:
    path, did = _key(settings, capsys, tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and did.startswith("z6Mk")
    before = path.read_bytes()
    assert main(["beoordeling", "sleutel", "--uit", str(path), "--db", str(settings.db_path)]) == 2
    assert "E628" in capsys.readouterr().err and path.read_bytes() == before


def test_an_assessor_result_is_a_skillsbewijs_signed_and_issued_by_the_assessor(
    context: AppContext, settings, capsys, tmp_path: Path
) -> None:
    key, did = _key(settings, capsys, tmp_path)
    pid = interviewed_passport(context)
    assert _record(settings, pid, key) == 0
    assert "skillsbewijs" in capsys.readouterr().out
    skill = next(s for s in context.store.passport(pid).skills if s.ref == "bouw.metselen")
    judgement = skill.provenance[-1]
    assert skill.level == "skillsbewijs" and judgement.assessed_by == "external"
    assert (judgement.standard_name, judgement.result, judgement.organisation) == (
        STANDARD,
        "voldoende",
        "EVC Centrum Midden",
    )
    assert judgement.signed_by == f"did:key:{did}"
    assert attestation.verify_confirmation(pid, skill.ref, judgement) == judgement.signed_by
    with pytest.raises(AssistantError) as info:
        attestation.verify_confirmation(pid, skill.ref, judgement.model_copy(update={"result": "goed"}))
    assert info.value.code == "E601"
    assert who(context.store.passport_history(pid)[-1]) == "Eva de Vries, na een toets"
    # The export passes on the assessor's own credential; verify names who tested it, with what.
    consent = context.store.add_consent(consent_for(context.store.passport(pid)))
    out = tmp_path / "badges.json"
    argv = ["export", pid, "--format", "ob3", "--toestemming", consent.id, "--out", str(out)]
    assert main([*argv, "--db", str(settings.db_path)]) == 0
    credentials = json.loads(out.read_text(encoding="utf-8"))
    tested = next(c for c in credentials if c["name"] == "Muren metselen")
    assert tested["issuer"]["id"] == judgement.signed_by and tested["issuer"]["name"] == "Eva de Vries"
    assert verify_proof(tested).startswith(judgement.signed_by)
    assert all(schema_errors(c) == [] for c in credentials)
    assert main(["verify", str(out), "--db", str(settings.db_path)]) == 0
    text = capsys.readouterr().out
    assert (
        f"Eva de Vries (EVC Centrum Midden) toetste dit met {STANDARD}. Uitslag: voldoende. Zelf ondertekend."
        in text
    )
    # One changed byte in the assessor's credential: refused.
    out.write_text(
        out.read_text(encoding="utf-8").replace("Uitslag: voldoende", "Uitslag: voldoendE"), encoding="utf-8"
    )
    assert main(["verify", str(out), "--db", str(settings.db_path)]) == 2
    assert "E601" in capsys.readouterr().err


def test_a_key_others_can_read_or_a_future_date_is_refused_and_nothing_saved(
    context: AppContext, settings, capsys, tmp_path: Path
) -> None:
    key, _did = _key(settings, capsys, tmp_path)
    pid = interviewed_passport(context)
    before = context.store.passport(pid)
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    assert _record(settings, pid, key, day=tomorrow) == 2
    assert "E629" in capsys.readouterr().err
    os.chmod(key, 0o644)
    assert _record(settings, pid, key) == 2
    assert "E608" in capsys.readouterr().err
    assert _record(settings, pid, tmp_path / "geen.pem") == 2
    assert "E609" in capsys.readouterr().err
    assert context.store.passport(pid) == before
