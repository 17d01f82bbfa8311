"""Loading YAML data files with the line number of every list item, for error messages that point at a line."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml


class LineLoader(yaml.SafeLoader):
    """A safe loader that records on each mapping the line (1-based) where it starts, under `__line__`."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def load_with_lines(path: Path) -> Any:
    """Parses `path`; raises `yaml.YAMLError` (with a mark) on a syntax error."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=LineLoader)


def strip_lines(data: Any) -> Any:
    """The same data without the `__line__` keys."""
    if isinstance(data, dict):
        return {k: strip_lines(v) for k, v in data.items() if k != "__line__"}
    if isinstance(data, list):
        return [strip_lines(v) for v in data]
    return data


def line_of(data: Any, default: int = 1) -> int:
    if isinstance(data, dict) and isinstance(data.get("__line__"), int):
        return data["__line__"]
    return default


def yaml_error_line(exc: yaml.YAMLError) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else 1


def describe_validation_error(err: Mapping[str, Any]) -> str:
    """One pydantic error in short words: which field, what is wrong."""
    loc = ".".join(str(p) for p in err.get("loc", ()) if not isinstance(p, int))
    msg = str(err.get("msg", "ongeldig"))
    return f"{loc}: {msg}" if loc else msg
