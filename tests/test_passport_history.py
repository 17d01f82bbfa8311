"""The passport keeps its history: every change (built at the kiosk, each coach change, undo, "Vaststellen")
is a version with who made it, what and when, sealed like the passport; the holder reads it in plain
sentences, the coach with `assistent geschiedenis`; erasure takes every version with it."""

from __future__ import annotations

import os
import subprocess

from sqlalchemy import func, select

from assistant.context import AppContext
from assistant.passport.history import history_lines
from assistant.passport.review import Review
from assistant.sharing import erase
from assistant.storage import schema as t
from tests.conftest import ASSISTENT, coach_session
from tests.test_coach_review import _draft


def _version_rows(context: AppContext, pid: str) -> list[tuple[str, str]]:
    with context.store._read() as conn:
        rows = conn.execute(
            select(t.passport_versions.c.data, t.passport_versions.c.detail).where(
                t.passport_versions.c.passport_id == pid
            )
        ).all()
    return [(r.data, r.detail) for r in rows]


def test_each_coach_change_is_a_version_the_holder_can_read(context: AppContext) -> None:
    pid = _draft(context)
    review = Review(context.store, pid, coach_session(context.store, "Sanne"))
    first, second = review.passport.skills[0], review.passport.skills[1]
    review.reject(second.id, note="Niet zelf gedaan")
    review.undo()
    review.accept(first.id)
    review.finalise()

    versions = context.store.passport_history(pid)
    assert [v.version for v in versions] == [1, 2, 3, 4, 5]
    assert [(v.actor_kind, v.actor, v.action) for v in versions] == [
        ("holder", "eigenaar", "made"),
        ("coach", "Sanne", "reject"),
        ("coach", "Sanne", "undo"),
        ("coach", "Sanne", "accept"),
        ("coach", "Sanne", "finalise"),
    ]
    # What was there before is kept: version 2 has the skill taken away, version 1 still has it current.
    assert versions[0].passport.skill(second.id).status == "confirmed"
    assert versions[1].passport.skill(second.id).status == "rejected"
    assert versions[-1].passport == context.store.passport(pid)

    lines = history_lines(versions)
    assert lines[0][0].endswith("door coach Sanne:") and lines[-1][1] == ["Het paspoort is gemaakt."]
    told = [sentence for _head, sentences in lines for sentence in sentences]
    assert f"Weggehaald: {second.label}." in told
    assert f"Weer terug: {second.label}." in told
    assert f"De coach vond dit goed: {first.label}." in told
    assert "De coach heeft het paspoort vastgesteld." in told

    # Sealed with the person's key like the passport: the nickname is in no stored version as plain text.
    for data, detail in _version_rows(context, pid):
        assert "Piet" not in data and data.startswith("p1:") and detail.startswith("p1:")


def test_erasure_removes_every_version(context: AppContext) -> None:
    pid = _draft(context)
    Review(context.store, pid, coach_session(context.store, "Sanne")).add_note("Goed gesprek")
    assert len(context.store.passport_history(pid)) == 2
    erase(context.store, pid, "eigenaar")
    with context.store._read() as conn:
        left = conn.execute(select(func.count()).select_from(t.passport_versions)).scalar()
    assert left == 0


def test_the_coach_reads_the_history_with_a_command(context: AppContext) -> None:
    pid = _draft(context)
    Review(context.store, pid, coach_session(context.store, "Sanne")).add_note("Belt volgende week")
    settings = context.settings
    result = subprocess.run(
        [str(ASSISTENT), "geschiedenis", pid],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "ASSISTENT_DATA_DIR": str(settings.data_dir),
            "ASSISTENT_DB_PATH": str(settings.db_path),
        },
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert (
        "Versie 2 (note)" in out
        and "door coach Sanne:" in out
        and "Een notitie erbij: Belt volgende week." in out
    )
    assert "Versie 1 (made)" in out and "Het paspoort is gemaakt." in out
    assert out.index("Versie 2") < out.index("Versie 1"), "newest first"
