"""The knowledge base: imported CompetentNL and ESCO concepts in SQLite, plus a ready-built ranking index.

`import_files` reads every file first and writes only when all are valid, in one transaction, replacing
concepts it already had (so importing twice gives the same result). The ranking index is rebuilt after an
import and stored beside the database (as numeric arrays with a checksum, see `index_files`), so loading it
later takes well under a second. A damaged index is rebuilt from the database; if even that fails, the
kiosk goes on with its own catalogue.
"""

from __future__ import annotations

import csv
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from assistant.errors import AssistantError, DataFileError, StorageError
from assistant.skills.ranking import LexicalRanker
from assistant.taxonomy.formats import Concept, detect, read
from assistant.taxonomy.index_files import has_indexes, read_index, write_indexes

log = logging.getLogger(__name__)

#: 4: each index keeps rows only for the hashed terms its documents have (`TfidfIndex.features`);
#: 3 kept a row for every possible term, 2 was a pickle. Older files are rebuilt, never read.
INDEX_VERSION = 4
#: The ranking indexes kept beside the database, and the concept kinds each one ranks.
INDEXES: dict[str, tuple[str, ...]] = {"occupations": ("occupation",), "skills": ("capability", "skill")}
SCHEMA = """
CREATE TABLE IF NOT EXISTS concepts (
    uri TEXT PRIMARY KEY, scheme TEXT NOT NULL, kind TEXT NOT NULL, pref_label TEXT NOT NULL,
    isco TEXT, description TEXT
);
CREATE TABLE IF NOT EXISTS labels (
    uri TEXT NOT NULL REFERENCES concepts(uri) ON DELETE CASCADE, label TEXT NOT NULL, label_type TEXT NOT NULL,
    PRIMARY KEY (uri, label)
);
CREATE TABLE IF NOT EXISTS imports (file TEXT NOT NULL, kind TEXT NOT NULL, rows INTEGER NOT NULL, at TEXT NOT NULL);
"""


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction on a connection opened with isolation_level=None; SQLite errors (a full disk,
    a read-only folder) become a `StorageError` with a plain message, and nothing is half written."""
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise StorageError("E303", what=str(exc)) from exc
    try:
        yield db
    except BaseException as exc:
        # SQLite has already rolled back by itself after some errors, such as a full disk.
        if db.in_transaction:
            db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise StorageError("E303", what=str(exc)) from exc
        raise
    else:
        try:
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise StorageError("E303", what=str(exc)) from exc


@dataclass
class ImportReport:
    files: list[tuple[str, str, int]] = field(default_factory=list)
    """(file, kind, rows) of every file read."""
    skipped: list[str] = field(default_factory=list)
    counts: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    """(scheme, kind) -> (concepts, labels) in the knowledge base after the import."""


class KnowledgeBase:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.db_path = directory / "taxonomy.sqlite3"
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.db_path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError("E303", what=str(exc)) from exc
        self._rankers: dict[str, LexicalRanker | None] = {}

    @classmethod
    def existing(cls, directory: Path) -> KnowledgeBase | None:
        """The knowledge base in `directory`, or None when nothing was imported there."""
        if not has_indexes(directory):
            return None
        return cls(directory)

    def close(self) -> None:
        self._db.close()
        self._rankers.clear()  # a closed knowledge base should not keep its 40 MB of ranking indexes

    # Import -------------------------------------------------------------------------------------------

    def import_files(self, paths: list[Path]) -> ImportReport:
        report = ImportReport()
        concepts = read_concepts(paths, report)
        with transaction(self._db) as db:
            for c in concepts.values():
                db.execute("DELETE FROM labels WHERE uri = ?", (c.uri,))
                db.execute(
                    "INSERT OR REPLACE INTO concepts VALUES (?, ?, ?, ?, ?, ?)",
                    (c.uri, c.scheme, c.kind, c.pref_label, c.isco, c.description),
                )
                seen: dict[str, str] = {}
                for label, label_type in c.labels:
                    if label not in seen or label_type == "pref":
                        seen[label] = label_type
                db.executemany(
                    "INSERT INTO labels VALUES (?, ?, ?)", [(c.uri, lb, t) for lb, t in seen.items()]
                )
            now = datetime.now(UTC).isoformat()
            db.executemany(
                "INSERT INTO imports VALUES (?, ?, ?, ?)", [(f, k, n, now) for f, k, n in report.files]
            )
        self.rebuild_index()
        report.counts = self.counts()
        return report

    def counts(self) -> dict[tuple[str, str], tuple[int, int]]:
        rows = self._db.execute(
            "SELECT c.scheme, c.kind, COUNT(DISTINCT c.uri), COUNT(l.label) "
            "FROM concepts c LEFT JOIN labels l ON l.uri = c.uri GROUP BY c.scheme, c.kind"
        ).fetchall()
        return {(s, k): (n, m) for s, k, n, m in rows}

    # Index --------------------------------------------------------------------------------------------

    def _labels(self, kinds: tuple[str, ...]) -> tuple[list[str], list[str]]:
        marks = ",".join("?" * len(kinds))
        rows = self._db.execute(
            f"SELECT l.uri, l.label FROM labels l JOIN concepts c ON c.uri = l.uri WHERE c.kind IN ({marks}) "
            "ORDER BY l.uri, l.label",
            kinds,
        ).fetchall()
        return [r[0] for r in rows], [r[1] for r in rows]

    def rebuild_index(self) -> None:
        """Builds every ranking index from the database and writes them (an import fails if it cannot)."""
        for kind, concept_kinds in INDEXES.items():
            ids, texts = self._labels(concept_kinds)
            self._rankers[kind] = LexicalRanker(ids, texts) if ids else None
        try:
            write_indexes(self.directory, INDEX_VERSION, dict(self._rankers))
        except OSError as exc:
            raise StorageError("E303", what=exc.strerror or str(exc)) from exc

    def ranker(self, kind: str) -> LexicalRanker | None:
        """The ranking index of "occupations" or "skills"; each is loaded only when first needed. A damaged
        or old index file is refused (E217, logged) and rebuilt from the database; when that fails too, None:
        the kiosk goes on with its catalogue."""
        if kind not in self._rankers:
            try:
                self._rankers[kind] = read_index(self.directory, kind, INDEX_VERSION)
            except DataFileError as exc:
                log.warning("%s", exc.user_message())
                try:
                    self.rebuild_index()
                except (AssistantError, sqlite3.Error) as failed:
                    log.warning("%s", failed)
                    self._rankers.setdefault(
                        kind, None
                    )  # built in memory before the write failed, or not at all
        return self._rankers[kind]

    # Look-ups -----------------------------------------------------------------------------------------

    def pref_label(self, uri: str) -> str | None:
        row = self._db.execute("SELECT pref_label FROM concepts WHERE uri = ?", (uri,)).fetchone()
        return row[0] if row else None

    def concept_kind(self, uri: str) -> tuple[str, str] | None:
        row = self._db.execute("SELECT scheme, kind FROM concepts WHERE uri = ?", (uri,)).fetchone()
        return (row[0], row[1]) if row else None

    def labels_of(self, uri: str) -> list[str]:
        return [
            r[0] for r in self._db.execute("SELECT label FROM labels WHERE uri = ? ORDER BY label", (uri,))
        ]

    def surface_forms(self, kind: str, scheme: str | None = None) -> list[tuple[str, str, str]]:
        """(uri, label, label type) of every label of the concepts of one kind, sorted."""
        query = (
            "SELECT l.uri, l.label, l.label_type FROM labels l JOIN concepts c ON c.uri = l.uri "
            "WHERE c.kind = ?" + (" AND c.scheme = ?" if scheme else "") + " ORDER BY l.uri, l.label"
        )
        return [(r[0], r[1], r[2]) for r in self._db.execute(query, (kind, scheme) if scheme else (kind,))]

    def descriptions(self, kind: str) -> dict[str, str]:
        """uri -> description of the concepts of one kind that have one."""
        rows = self._db.execute(
            "SELECT uri, description FROM concepts WHERE kind = ? AND description IS NOT NULL "
            "AND description != '' ORDER BY uri",
            (kind,),
        )
        return {r[0]: r[1] for r in rows}

    def capability_labels(self) -> dict[str, list[str]]:
        """CompetentNL human capability URI -> all its Dutch labels."""
        out: dict[str, list[str]] = {}
        for uri, label in self._db.execute(
            "SELECT l.uri, l.label FROM labels l JOIN concepts c ON c.uri = l.uri WHERE c.kind = 'capability'"
        ):
            out.setdefault(uri, []).append(label)
        return out


def read_concepts(paths: list[Path], report: ImportReport | None = None) -> dict[str, Concept]:
    """Every concept in the files (folders are searched for CSV files), read whole before anything is
    written; a file that cannot be read as CSV text is E212 with its name, never a traceback."""
    report = report if report is not None else ImportReport()
    concepts: dict[str, Concept] = {}
    for path in _expand(paths):
        try:
            kind = detect(path)
            if kind is None:
                report.skipped.append(str(path))
                continue
            rows = 0
            for concept in read(path, kind):
                rows += 1
                known = concepts.get(concept.uri)
                if known is None:
                    concepts[concept.uri] = concept
                else:
                    known.labels.extend(concept.labels)
        except UnicodeDecodeError:
            raise DataFileError(
                "E212", file=path.name, line=1, what="het bestand is geen UTF-8 tekst"
            ) from None
        except csv.Error as exc:  # a field over the CSV limit, a NUL byte, a quote that never closes
            raise DataFileError("E212", file=path.name, line=1, what=str(exc)) from None
        report.files.append((str(path), kind.name, rows))
    return concepts


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.csv") if p.is_file()))
        elif path.exists():
            files.append(path)
        else:
            raise DataFileError("E203", file=str(path))
    return list(dict.fromkeys(files))
