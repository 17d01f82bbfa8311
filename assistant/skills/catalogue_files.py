"""Reading one catalogue file (sector, capabilities, learning options, words in other languages) with the
same checks and the same kind of error for each: E212 for a file that is not YAML or UTF-8, E211 with
file, line and item for one that does not fit its shape."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from assistant.errors import DataFileError
from assistant.yaml_lines import (
    MAX_FILE_BYTES,
    describe_validation_error,
    line_of,
    load_with_lines,
    strip_lines,
    yaml_error_line,
)

#: Where YAML allows an anchor (&a) or alias (*a): after a space, a line start or a flow indicator.
#: "helpende z&w" or "niveau 1&2" is text; a false alarm only costs the careful reader.
_ANCHOR_OR_ALIAS = re.compile(rb"(?:^|[\s\[{,])[&*][^\s,\]}]", re.MULTILINE)


def read_catalogue_file(path: Path, model: type[BaseModel]) -> BaseModel:
    quick = quick_read(path, model)
    return quick if quick is not None else read_catalogue_file_with_lines(path, model)[0]


def quick_read(path: Path, model: type[BaseModel]) -> BaseModel | None:
    """The file read with libyaml, or None when anything is off: the careful reader then says what.

    The kiosk reads the catalogue before its first screen; the line-keeping reader is pure Python and
    took a third of a second for it. Anchors and aliases go to the careful reader, which bounds how
    far they expand."""
    try:
        data = path.read_bytes()
        if len(data) > MAX_FILE_BYTES or _ANCHOR_OR_ALIAS.search(data):
            return None
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return model.model_validate(yaml.load(data.decode("utf-8"), Loader=loader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError):
        return None


def read_catalogue_file_with_lines(path: Path, model: type[BaseModel]) -> tuple[BaseModel, Any]:
    """The file checked against `model`, and its raw data with `__line__` keys (to name lines later)."""
    try:
        raw = load_with_lines(path)
    except yaml.YAMLError as exc:
        raise DataFileError(
            "E212", file=path.name, line=yaml_error_line(exc), what=str(getattr(exc, "problem", exc))
        ) from None
    except UnicodeDecodeError:
        raise DataFileError("E212", file=path.name, line=1, what="het bestand is geen UTF-8 tekst") from None
    try:
        return model.model_validate(strip_lines(raw)), raw
    except ValidationError as exc:
        err = exc.errors()[0]
        node: object = raw
        item = "-"
        line = line_of(raw)
        for part in err.get("loc", ()):
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
                if isinstance(node, dict):
                    item = str(node.get("id") or node.get("uri") or item)
            else:
                break
            line = line_of(node, line)
        raise DataFileError(
            "E211", file=path.name, line=line, item=item, what=describe_validation_error(err)
        ) from None
