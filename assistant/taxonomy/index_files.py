"""The knowledge base's ranking indexes on disk, in a format that cannot run code.

Each index is a numpy `.npz` of plain numeric arrays (read with `allow_pickle=False`), listed in
`taxonomy-index.json` with the index version, its size and its SHA-256. Reading checks all of that first: a
tampered, truncated or foreign file is refused with E217 (the caller rebuilds the index from the SQLite
knowledge base). The pickles older versions wrote (`taxonomy-*.pickle`) are never opened, only removed.
"""

from __future__ import annotations

import contextlib
import json
import zipfile
from pathlib import Path
from uuid import uuid4

import numpy as np

from assistant.checksums import sha256
from assistant.errors import DataFileError
from assistant.skills.ranking import LexicalRanker

MANIFEST = "taxonomy-index.json"
FORMAT = "lexical-ranker-npz-1"
#: The manifest is a few hundred bytes; anything far bigger is not ours.
MAX_MANIFEST_BYTES = 64 * 1024


def index_file(directory: Path, kind: str) -> Path:
    return directory / f"taxonomy-{kind}.npz"


def legacy_pickles(directory: Path) -> list[Path]:
    """Index files older versions pickled: never loaded, because loading a pickle can run any code."""
    return sorted(directory.glob("taxonomy-*.pickle"))


def has_indexes(directory: Path) -> bool:
    """Whether an import was done here: the manifest, or the pickles of an older version (rebuilt on use)."""
    return (directory / MANIFEST).exists() or bool(legacy_pickles(directory))


def write_indexes(directory: Path, version: int, rankers: dict[str, LexicalRanker | None]) -> None:
    """Writes every index, then the manifest that vouches for them (last, so a crash half-way leaves an index
    whose checksum does not match, which is rebuilt), then removes the old pickles."""
    entries: dict[str, dict[str, object] | None] = {}
    for kind, ranker in rankers.items():
        path = index_file(directory, kind)
        if ranker is None:
            path.unlink(missing_ok=True)
            entries[kind] = None
            continue
        tmp = directory / f".{path.name}.{uuid4().hex}.tmp"
        with tmp.open("wb") as handle:
            np.savez(handle, allow_pickle=False, **ranker.to_arrays())
        entries[kind] = {"file": path.name, "bytes": tmp.stat().st_size, "sha256": sha256(tmp)}
        tmp.replace(path)
    manifest = {"format": FORMAT, "version": version, "indexes": entries}
    tmp = directory / f".{MANIFEST}.{uuid4().hex}.tmp"
    tmp.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    tmp.replace(directory / MANIFEST)
    for old in legacy_pickles(directory):
        with contextlib.suppress(OSError):
            old.unlink()


def read_index(directory: Path, kind: str, version: int) -> LexicalRanker | None:
    """The index of `kind` (None when the knowledge base has no such concepts); E217 when the manifest or
    the file is missing, of another version, changed, cut short or not an index."""
    entry = _entry(directory, kind, version)
    if entry is None:
        return None
    path = index_file(directory, kind)

    def refuse(what: str) -> DataFileError:
        return DataFileError("E217", file=path.name, what=what)

    try:
        size = path.stat().st_size
    except OSError:
        raise refuse("het bestand ontbreekt") from None
    if size != entry.get("bytes") or sha256(path) != entry.get("sha256"):
        raise refuse("de controlesom klopt niet")
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
        return LexicalRanker.from_arrays(arrays)
    except (OSError, ValueError, KeyError, IndexError, TypeError, zipfile.BadZipFile, UnicodeDecodeError):
        raise refuse("het is geen rangschik-index") from None


def _entry(directory: Path, kind: str, version: int) -> dict[str, object] | None:
    path = directory / MANIFEST

    def refuse(what: str) -> DataFileError:
        return DataFileError("E217", file=path.name, what=what)

    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_MANIFEST_BYTES + 1)
    except OSError:
        raise refuse("het bestand ontbreekt") from None
    try:
        manifest = json.loads(raw) if len(raw) <= MAX_MANIFEST_BYTES else None
    except (ValueError, UnicodeDecodeError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise refuse("het is geen lijst van rangschik-indexen")
    if manifest.get("version") != version:
        raise refuse(f"versie {manifest.get('version')!r}, nodig is {version}")
    indexes = manifest.get("indexes")
    if not isinstance(indexes, dict) or kind not in indexes:
        raise refuse(f"index {kind} ontbreekt")
    entry = indexes[kind]
    if entry is not None and not isinstance(entry, dict):
        raise refuse(f"index {kind} ontbreekt")
    return entry


__all__ = ["MANIFEST", "has_indexes", "legacy_pickles", "read_index", "write_indexes"]
