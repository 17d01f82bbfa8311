"""Reading CompetentNL and ESCO CSV files: which kind a file is (by its columns), and its rows as concepts.

A file with a missing column, an identifier that is not a real CompetentNL or ESCO URI, or an empty label
is rejected with the file name, the line and what is wrong. Nothing is half imported.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import DataFileError

CNL_CAPABILITY = re.compile(r"^https://linkeddata\.competentnl\.nl/id/humancapability/[0-9A-F]{10}$")
CNL_ANY = re.compile(r"^https://linkeddata\.competentnl\.nl/[a-z/]+/[0-9A-F]{10}$")
CNL_OCCUPATION = re.compile(r"^https://linkeddata\.competentnl\.nl/uwv/id/occupation/[0-9A-F]{10}$")
ESCO_OCCUPATION = re.compile(r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$")
ESCO_SKILL = re.compile(r"^http://data\.europa\.eu/esco/(skill/[0-9a-f-]{36}|isced-f/\d+)$")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u2060\ufeff]")


@dataclass
class Concept:
    uri: str
    scheme: str  # "competentnl" or "esco"
    kind: str  # "capability", "occupation", "skill"
    pref_label: str
    labels: list[tuple[str, str]] = field(default_factory=list)
    """(label, "pref" or "alt")."""
    isco: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class FileKind:
    name: str
    scheme: str
    kind: str
    columns: frozenset[str]
    uri_column: str
    uri_pattern: re.Pattern[str]


KINDS = (
    FileKind(
        "CompetentNL vaardigheden",
        "competentnl",
        "capability",
        frozenset({"uri", "code", "prefLabel_nl", "altLabels_nl"}),
        "uri",
        CNL_CAPABILITY,
    ),
    FileKind(
        "CompetentNL alternatieve namen",
        "competentnl",
        "capability",
        frozenset({"concept_type", "uri", "prefLabel_nl", "altLabel_nl"}),
        "uri",
        CNL_ANY,
    ),
    FileKind(
        "CompetentNL beroepen",
        "competentnl",
        "occupation",
        frozenset({"uri", "code", "prefLabel_nl", "label_nl", "label_type"}),
        "uri",
        CNL_OCCUPATION,
    ),
    FileKind(
        "ESCO beroepen",
        "esco",
        "occupation",
        frozenset({"conceptUri", "iscoGroup", "preferredLabel", "altLabels"}),
        "conceptUri",
        ESCO_OCCUPATION,
    ),
    FileKind(
        "ESCO vaardigheden",
        "esco",
        "skill",
        frozenset({"conceptUri", "preferredLabel", "altLabels", "skillType"}),
        "conceptUri",
        ESCO_SKILL,
    ),
    FileKind(
        "ESCO vaardigheidsgroepen",
        "esco",
        "skill",
        frozenset({"conceptType", "conceptUri", "preferredLabel", "altLabels", "hiddenLabels"}),
        "conceptUri",
        ESCO_SKILL,
    ),
)


def clean(text: str | None) -> str:
    return _ZERO_WIDTH.sub("", text or "").strip()


def detect(path: Path) -> FileKind | None:
    """The kind of `path` from its header, or None for a file this import does not use."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
    except UnicodeDecodeError:
        raise DataFileError("E212", file=path.name, line=1, what="het bestand is geen UTF-8 tekst") from None
    columns = {clean(c) for c in header}
    for kind in KINDS:
        if kind.columns <= columns:
            return kind
    return None


def _split(value: str | None, separators: str) -> list[str]:
    return [clean(p) for p in re.split(separators, value or "") if clean(p)]


def read(path: Path, kind: FileKind) -> Iterator[Concept]:
    """Concepts in `path`, one per row (labels of one concept may be spread over rows)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            line = reader.line_num
            if None in row:
                raise DataFileError("E211", file=path.name, line=line, item="-", what="te veel kolommen")
            uri = clean(row.get(kind.uri_column))
            if not kind.uri_pattern.match(uri):
                raise DataFileError(
                    "E211",
                    file=path.name,
                    line=line,
                    item=uri or "-",
                    what=f"'{uri}' is geen geldige {kind.scheme}-URI",
                )
            yield _concept(path, line, kind, uri, row)


def _concept(path: Path, line: int, kind: FileKind, uri: str, row: dict[str, str]) -> Concept:
    if kind.scheme == "competentnl":
        pref = clean(row.get("prefLabel_nl"))
        concept = Concept(uri, kind.scheme, kind.kind, pref, [(pref, "pref")] if pref else [])
        if "altLabels_nl" in row:
            concept.labels += [(a, "alt") for a in _split(row["altLabels_nl"], r"\s\|\s")]
        if "altLabel_nl" in row and clean(row["altLabel_nl"]):
            concept.labels.append((clean(row["altLabel_nl"]), "alt"))
        if "label_nl" in row and clean(row["label_nl"]):
            concept.labels.append(
                (clean(row["label_nl"]), "pref" if row.get("label_type") == "prefLabel" else "alt")
            )
        if (
            not uri.startswith("https://linkeddata.competentnl.nl/id/humancapability/")
            and kind.kind == "capability"
        ):
            concept.kind = "knowledge"
    else:
        pref = clean(row.get("preferredLabel"))
        concept = Concept(
            uri,
            kind.scheme,
            kind.kind,
            pref,
            [(pref, "pref")] if pref else [],
            isco=clean(row.get("iscoGroup")) or None,
            description=clean(row.get("description")) or None,
        )
        concept.labels += [(a, "alt") for a in _split(row.get("altLabels"), r"\n")]
    if not pref:
        raise DataFileError("E211", file=path.name, line=line, item=uri, what="de naam (prefLabel) is leeg")
    return concept
