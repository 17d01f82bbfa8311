"""`assistent taxonomy import`: good files load and can be imported again; a broken file names file and line
and leaves the knowledge base as it was; the real CompetentNL and ESCO extracts load in full."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from assistant.errors import DataFileError
from assistant.taxonomy.knowledge_base import KnowledgeBase
from tests.conftest import ASSISTENT, TEST_DATA


def test_taxonomy_import_small_files_and_again_gives_the_same(tmp_path: Path) -> None:
    kb = KnowledgeBase(tmp_path / "kb")
    first = kb.import_files([TEST_DATA / "taxonomy"])
    assert first.counts[("competentnl", "capability")] == (2, 6)
    assert first.counts[("competentnl", "occupation")] == (2, 3)
    assert any(p.endswith("notes.csv") for p in first.skipped)
    second = kb.import_files([TEST_DATA / "taxonomy"])
    assert second.counts == first.counts
    # Zero-width spaces from the source are gone.
    assert "Vooruit kijken" in kb.labels_of("https://linkeddata.competentnl.nl/id/humancapability/D8863A73CA")
    ranked = kb.ranker("occupations").rank("heftruck chauffeur", 1)
    assert ranked[0][0].endswith("B1627623A7")


@pytest.mark.parametrize(
    ("name", "line", "words"), [("occupations.csv", 3, "geen geldige"), ("empty_label.csv", 2, "leeg")]
)
def test_taxonomy_import_broken_file_names_file_and_line(
    tmp_path: Path, name: str, line: int, words: str
) -> None:
    kb = KnowledgeBase(tmp_path / "kb")
    kb.import_files([TEST_DATA / "taxonomy"])
    before = kb.counts()
    with pytest.raises(DataFileError) as info:
        kb.import_files([TEST_DATA / "taxonomy_broken" / name])
    message = info.value.user_message()
    assert name in message and f"regel {line}" in message and words in message
    assert kb.counts() == before, "a broken file imports nothing"


def test_taxonomy_import_command_reports_and_rejects(tmp_path: Path) -> None:
    env = {"ASSISTENT_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    ok = subprocess.run(
        [str(ASSISTENT), "taxonomy", "import", str(TEST_DATA / "taxonomy")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert "CompetentNL beroepen: 2 begrippen" in ok.stdout
    bad = subprocess.run(
        [str(ASSISTENT), "taxonomy", "import", str(TEST_DATA / "taxonomy_broken" / "occupations.csv")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2
    assert "regel 3" in bad.stderr and "E211" in bad.stderr


def test_taxonomy_real_extracts_load_fully_and_quickly(taxonomy_dir: Path) -> None:
    kb = KnowledgeBase.existing(taxonomy_dir)
    assert kb is not None
    counts = kb.counts()
    assert counts[("competentnl", "capability")][0] == 112
    assert counts[("competentnl", "occupation")][0] == 3255
    assert counts[("esco", "occupation")][0] == 3039
    start = time.perf_counter()
    fresh = KnowledgeBase.existing(taxonomy_dir)
    assert fresh is not None and fresh.ranker("occupations") is not None
    assert time.perf_counter() - start < 1.0
