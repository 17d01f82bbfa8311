"""`assistent export ID --format json` writes the full passport, valid against the committed schema."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema

from assistant.config import REPO_ROOT
from assistant.context import AppContext
from assistant.export.json_export import passport_schema
from assistant.interview.session import InterviewSession
from tests.conftest import ASSISTENT

SCHEMA_FILE = REPO_ROOT / "schema" / "passport.schema.json"


def test_export_committed_schema_matches_the_model() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == passport_schema(), "run `make schema` and commit schema/passport.schema.json"


def _finished_passport(context: AppContext) -> str:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text="Aylin 🌷")
    session.answer(values=["ja"])
    session.answer(values=["zorg"])
    for p in session.answer(values=[session.current.options[0].id]):
        session.confirm(p.skill_ref, "ja")
    while not session.finished:
        session.skip()
    return session.finish().id


def _consent_for_everything(context: AppContext, passport_id: str) -> str:
    proc = subprocess.run(
        [
            str(ASSISTENT), "toestemming", "geef", passport_id,
            "--delen", "experiences,skills,ambitions,notes", "--soort", "coach", "--ontvanger", "Coach Sanne",
            "--doel", "Begeleiding naar werk", "--tot", "2099-12-31", "--db", str(context.settings.database),
        ],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return proc.stdout.strip()


def test_export_json_validates_against_the_schema(context: AppContext, tmp_path: Path) -> None:
    passport_id = _finished_passport(context)
    consent_id = _consent_for_everything(context, passport_id)
    out = tmp_path / "paspoort.json"
    proc = subprocess.run(
        [
            str(ASSISTENT),
            "export",
            passport_id,
            "--format",
            "json",
            "--toestemming",
            consent_id,
            "--db",
            str(context.settings.database),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert data["id"] == passport_id
    assert data["person"]["nickname"] == "Aylin 🌷"
    assert data["skills"] and data["skills"][0]["provenance"][0]["assessed_by"] == "self"


def test_export_unknown_id_and_format_get_clear_messages(context: AppContext) -> None:
    db = str(context.settings.database)
    proc = subprocess.run(
        [str(ASSISTENT), "export", "bestaatniet", "--db", db],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "bestaat niet" in proc.stderr and "E301" in proc.stderr
    proc = subprocess.run(
        [str(ASSISTENT), "export", "x", "--format", "xml", "--db", db],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "E401" in proc.stderr
