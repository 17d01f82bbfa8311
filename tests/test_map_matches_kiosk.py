"""`assistent map --jsonl` answers what the kiosk would ask: for a typed answer at "werk_vertel" (paid work,
no sector chosen before, so no sector context), the same skill ids in the same order with the same
calibrated confidences and evidence as the real InterviewSession proposes, on a fresh store. Once without
a knowledge base, once with the small one from tests/data/taxonomy imported (the linker)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.context import load_context
from assistant.interview.session import InterviewSession
from assistant.taxonomy.knowledge_base import KnowledgeBase
from tests.conftest import ASSISTENT, TEST_DATA

QUESTION = "werk_vertel"
ANSWERS = [
    "ik heb tien jaar muren gemetseld",
    "ik help mijn moeder met wassen en aankleden",
    "ik heb muren gemetseld, tegels gezet, metaal gelast, met de heftruck gereden, vloeren gedweild, "
    "ramen gewassen, gras gemaaid, koffie gezet, afgerekend aan de kassa en vakken gevuld",
    "Koken of bakken",
    "ik werkte als vrachtwagenchauffeur en heb ook met de heftruck gereden",
    "ik heb een eigen winkeltje gehad, inkopen doen en klanten helpen",
    "schoonmaakster in een hotel, bedden opmaken en toiletten schoonmaken",
    "ik was heftruckchauffeur bij een metselaar",
    "  ik moest de prullebakken legen   en de vloer dweilen ",
    "helpen",
]


def _map(data_dir: Path) -> list[dict]:
    env = {"ASSISTENT_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"}
    for name in ("HOME", "XDG_CACHE_HOME", "ASSISTENT_STORE_KEY"):
        if name in os.environ:
            env[name] = os.environ[name]
    proc = subprocess.run(
        [str(ASSISTENT), "map", "--jsonl"],
        input="\n".join(ANSWERS) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == len(ANSWERS)
    return out


def _kiosk(data_dir: Path) -> list[list[tuple[str, float, str]]]:
    """For each answer, a new interview on the desk's store: typed at werk_vertel, nothing chosen before."""
    settings = Settings(data_dir=data_dir, db_path=data_dir / "kiosk.sqlite3")
    context = load_context(settings)
    asked: list[list[tuple[str, float, str]]] = []
    try:
        for text in ANSWERS:
            session = InterviewSession.start(
                context.store,
                context.dialogue,
                context.matcher,
                max_proposals=settings.max_proposals_per_answer,
                min_confidence=settings.min_confidence,
            )
            session.answer(text="Kees")
            session.answer(values=["nee"])  # werk_nu
            session.answer(values=["ja"])  # werk_vroeger
            session.skip()  # werk_sector: no sector chosen
            session.skip()  # werk_anders
            assert session.current is not None and session.current.id == QUESTION
            assert session.context_sectors() == set()
            proposals = session.answer(text=text)
            asked.append([(p.skill_ref, p.confidence, p.evidence) for p in proposals])
    finally:
        context.store.close()
    return asked


@pytest.fixture(params=["catalogue only", "small knowledge base"])
def data_dir(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "small knowledge base":
        kb = KnowledgeBase(tmp_path / "taxonomy")
        kb.import_files([TEST_DATA / "taxonomy"])
        kb.close()
    return tmp_path


def test_map_returns_exactly_what_the_kiosk_asks(data_dir: Path) -> None:
    mapped = _map(data_dir)
    kiosk = _kiosk(data_dir)
    for text, out, asked in zip(ANSWERS, mapped, kiosk, strict=True):
        assert "error" not in out, out
        from_map = [(s["id"], s["confidence"], s["evidence"]) for s in out["skills"]]
        assert from_map == asked, text
        assert len(asked) <= 4
    # the check means something: most answers ask something, one of them more than one
    assert sum(1 for a in kiosk if a) >= len(ANSWERS) - 2
    assert max(len(a) for a in kiosk) == 4
    assert kiosk[ANSWERS.index("helpen")] == []
