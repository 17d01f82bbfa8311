"""`assistent export` in every format goes through consent; `assistent verify` checks a signed export."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader

from assistant import sharing
from assistant.context import AppContext
from tests.test_sharing import _passport, _run


def _consent(context: AppContext, pid: str) -> str:
    return sharing.give_consent(
        context.store, pid, ["experiences", "skills", "ambitions"], "employer", "Bouwbedrijf De Hoek",
        "Sollicitatie", date.today() + timedelta(days=30), "balie",
    ).id  # fmt: skip


def test_export_pdf_through_consent(context: AppContext, tmp_path: Path) -> None:
    pid = _passport(context, name="Noor")
    out = tmp_path / "paspoort.pdf"
    proc = _run(
        context, "export", pid, "--format", "pdf", "--toestemming", _consent(context, pid), "--out", str(out)
    )
    assert proc.returncode == 0, proc.stderr
    reader = PdfReader(out)
    assert 1 <= len(reader.pages) <= 4
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Wat kan ik" in text and "Noor" in text


def test_export_ob3_is_signed_and_a_tampered_file_is_caught(context: AppContext, tmp_path: Path) -> None:
    pid = _passport(context, name="Noor")
    out = tmp_path / "badges.json"
    proc = _run(
        context, "export", pid, "--format", "ob3", "--toestemming", _consent(context, pid), "--out", str(out)
    )
    assert proc.returncode == 0, proc.stderr
    credentials = json.loads(out.read_text(encoding="utf-8"))
    assert credentials and all("OpenBadgeCredential" in c["type"] for c in credentials)
    key_file = context.settings.data_dir / "keys" / "desk-ed25519.pem"
    assert key_file.exists() and (key_file.stat().st_mode & 0o077) == 0, "the key is for the desk only"
    assert key_file.read_bytes() not in context.settings.database.read_bytes()

    proc = _run(context, "verify", str(out))
    assert proc.returncode == 0, proc.stderr

    credentials[0]["credentialSubject"]["achievement"]["name"] += " en dakdekken"
    out.write_text(json.dumps(credentials), encoding="utf-8")
    proc = _run(context, "verify", str(out))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.strip()
