"""Loading YAML data files safely and with the line number of every mapping, for error messages that point at
a line.

Owns the limits every data file is read with (its size, how deep it nests, how many aliases it uses and how
big those make it), so that a hostile or broken file ("billion laughs") is refused at once with a coded error
naming the file, instead of hanging `check-dialogue` or the kiosk start.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import DataFileError

#: Our largest bundled file is about 30 kB; a thousand times more is not a dialogue or catalogue any more.
MAX_FILE_BYTES = 4 * 1024 * 1024
#: Our files nest five levels deep; Python's own recursion would give out a few hundred levels down.
MAX_DEPTH = 64
#: Aliases (`*name`) are allowed, but few: each one is a place where a small file can become a huge one.
MAX_ALIASES = 200
#: Nodes after every alias is expanded: the size the data really has once it is built and checked.
MAX_EXPANDED_NODES = 200_000


class LineLoader(yaml.SafeLoader):
    """A safe loader that records on each mapping the line (1-based) where it starts, under `__line__`, and
    refuses a document that nests deeper than `MAX_DEPTH` or uses more than `MAX_ALIASES` aliases."""

    def __init__(self, stream: Any, name: str = "-") -> None:
        super().__init__(stream)
        self.file_name = name
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise DataFileError("E214", file=self.file_name, line=self._line(), limit=MAX_ALIASES)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise DataFileError("E215", file=self.file_name, line=self._line(), limit=MAX_DEPTH)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _line(self) -> int:
        return int(self.peek_event().start_mark.line) + 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def expanded_size(root: yaml.Node, limit: int = MAX_EXPANDED_NODES) -> int:
    """How many nodes the document has once every alias is written out; counting stops past `limit`.

    Counted once per distinct node (an alias points at the same node object), so a file of nested aliases
    is measured in time linear in the file, not in its expanded size."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total += size(child)
                if total > limit:
                    break
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                total += size(key) + size(value)
                if total > limit:
                    break
        sizes[id(node)] = min(total, limit + 1)
        return sizes[id(node)]

    return size(root)


def load_with_lines(path: Path) -> Any:
    """Parses `path` within the limits above; raises `yaml.YAMLError` (with a mark) on a syntax error and a
    `DataFileError` (E213-E216) when the file is too big, too deep or expands too far."""
    with path.open("rb") as raw:
        data = raw.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise DataFileError("E213", file=path.name, limit=MAX_FILE_BYTES)
    loader = LineLoader(data.decode("utf-8"), name=path.name)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if expanded_size(node) > MAX_EXPANDED_NODES:
            raise DataFileError("E216", file=path.name, limit=MAX_EXPANDED_NODES)
        return loader.construct_document(node)
    finally:
        loader.dispose()


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
