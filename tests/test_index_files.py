"""No code from data files: the knowledge base's ranking indexes are numeric arrays with a checksum, never a
pickle. A tampered, truncated or hostile file is refused with E217 and nothing in it runs; the index is
rebuilt from the SQLite knowledge base, and rankings are the same as an index built fresh."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import DataFileError
from assistant.skills.catalogue import Catalogue
from assistant.skills.linker import Linker
from assistant.skills.ranking import LexicalRanker
from assistant.taxonomy.index_files import MANIFEST, read_index
from assistant.taxonomy.knowledge_base import INDEX_VERSION, INDEXES, KnowledgeBase
from tests.conftest import TEST_DATA

QUERIES = ["heftruck chauffeur", "heftruckchauffeur", "vooruit kijken", "chaufeur", "xyz", ""]


class _Payload:
    """What an attacker pickles: unpickling it creates a file (a harmless stand-in for any command)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, int]]:
        return (os.open, (str(self.marker), os.O_CREAT | os.O_WRONLY))


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "kb"
    KnowledgeBase(directory).import_files([TEST_DATA / "taxonomy"])
    return directory


def _fresh(directory: Path, kind: str) -> LexicalRanker:
    """The ranker built straight from the database, as the pickle used to hold it."""
    kb = KnowledgeBase(directory)
    return LexicalRanker(*kb._labels(INDEXES[kind]))


def test_indexes_are_plain_arrays_with_a_checksum_and_rank_as_before(kb_dir: Path) -> None:
    assert not list(kb_dir.glob("*.pickle"))
    manifest = json.loads((kb_dir / MANIFEST).read_text())
    assert manifest["version"] == INDEX_VERSION
    for kind in INDEXES:
        entry = manifest["indexes"][kind]
        assert len(entry["sha256"]) == 64
        with np.load(kb_dir / entry["file"], allow_pickle=False) as stored:
            assert all(stored[name].dtype.kind in "iuf" for name in stored.files), "numbers only"
        loaded = KnowledgeBase(kb_dir).ranker(kind)
        assert loaded is not None
        assert loaded.rank_many(QUERIES, 10) == _fresh(kb_dir, kind).rank_many(QUERIES, 10)
    top = KnowledgeBase(kb_dir).ranker("occupations")
    assert top is not None and top.rank("heftruck chauffeur", 1)[0][0].endswith("B1627623A7")


def test_an_old_pickle_is_never_loaded_and_is_removed(kb_dir: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran-code"
    for kind in INDEXES:
        (kb_dir / f"taxonomy-{kind}.npz").unlink()
        (kb_dir / f"taxonomy-{kind}.pickle").write_bytes(pickle.dumps((2, _Payload(marker))))
    (kb_dir / MANIFEST).unlink()
    kb = KnowledgeBase.existing(kb_dir)
    assert kb is not None, "a knowledge base from an older version is still used"
    ranker = kb.ranker("occupations")
    assert not marker.exists(), "the pickle's code did not run"
    assert not list(kb_dir.glob("*.pickle")), "old pickles are removed"
    assert ranker is not None and ranker.rank_many(QUERIES, 10) == _fresh(kb_dir, "occupations").rank_many(
        QUERIES, 10
    )


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


def _hostile_with_fitting_checksum(path: Path) -> None:
    """Someone who can write the folder puts an object array (loadable only through pickle) in place and
    updates the manifest, so the checksum fits."""
    marker = path.parent / "ran-code"
    with path.open("wb") as handle:
        np.savez(handle, ids=np.array([_Payload(marker)], dtype=object))
    manifest_path = path.parent / MANIFEST
    manifest = json.loads(manifest_path.read_text())
    entry = manifest["indexes"]["occupations"]
    entry["bytes"] = path.stat().st_size
    entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest_path.write_text(json.dumps(manifest))


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (_flip_a_byte, "controlesom"),
        (_truncate, "controlesom"),
        (_hostile_with_fitting_checksum, "geen rangschik-index"),
    ],
    ids=["tampered", "truncated", "pickled object with fitting checksum"],
)
def test_a_damaged_index_is_refused_clearly_and_rebuilt(
    kb_dir: Path, caplog: pytest.LogCaptureFixture, damage: object, words: str
) -> None:
    path = kb_dir / "taxonomy-occupations.npz"
    assert callable(damage)
    damage(path)
    with pytest.raises(DataFileError) as caught:
        read_index(kb_dir, "occupations", INDEX_VERSION)
    assert caught.value.code == "E217"
    assert "taxonomy-occupations.npz" in caught.value.user_message() and words in caught.value.user_message()
    assert not (kb_dir / "ran-code").exists()

    with caplog.at_level(logging.WARNING):
        ranker = KnowledgeBase(kb_dir).ranker("occupations")
    assert "(E217)" in caplog.text
    assert not (kb_dir / "ran-code").exists(), "nothing in the file ran"
    assert ranker is not None
    assert ranker.rank_many(QUERIES, 10) == _fresh(kb_dir, "occupations").rank_many(QUERIES, 10)
    # The rebuilt file is good again: the next start reads it without a warning.
    assert read_index(kb_dir, "occupations", INDEX_VERSION) is not None


def test_when_the_index_cannot_be_rebuilt_the_kiosk_goes_on_with_its_catalogue(
    kb_dir: Path, catalogue: Catalogue, caplog: pytest.LogCaptureFixture
) -> None:
    _flip_a_byte(kb_dir / "taxonomy-occupations.npz")
    kb = KnowledgeBase(kb_dir)
    linker = Linker(catalogue, kb)
    kb._db.execute("DROP TABLE labels")  # the database cannot give the labels back either
    with caplog.at_level(logging.WARNING):
        result = linker.match("ik heb tien jaar muren gemetseld")
    assert "(E217)" in caplog.text
    assert kb.ranker("occupations") is None, "no index: the knowledge base's occupations are left out"
    assert "bouw.metselen" in [m.skill.id for m in result.skills], "the catalogue still finds skills"


def test_the_manifest_of_another_version_is_refused(kb_dir: Path) -> None:
    manifest = json.loads((kb_dir / MANIFEST).read_text())
    manifest["version"] = INDEX_VERSION - 1
    (kb_dir / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(DataFileError) as caught:
        read_index(kb_dir, "skills", INDEX_VERSION)
    assert caught.value.code == "E217" and "versie" in caught.value.user_message()
