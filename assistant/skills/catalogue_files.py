"""Reading one catalogue file (sector, capabilities, learning options, words in other languages) with the
same checks and the same kind of error for each: E212 for a file that is not YAML or UTF-8, E211 with
file, line and item for one that does not fit its shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from assistant.errors import DataFileError
from assistant.yaml_lines import (
    describe_validation_error,
    line_of,
    load_with_lines,
    strip_lines,
    yaml_error_line,
)


def read_catalogue_file(path: Path, model: type[BaseModel]) -> BaseModel:
    return read_catalogue_file_with_lines(path, model)[0]


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
