"""Builds the gettext catalogues with Babel: extract (Python code, dialogues, catalogue), update, compile, check.

Run as `python -m assistant.i18n_build extract|update|compile|check`; the Makefile wraps each.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from assistant.config import PACKAGE_DIR, REPO_ROOT
from assistant.i18n import DOMAIN, LOCALES_DIR

POT = LOCALES_DIR / f"{DOMAIN}.pot"
DIALOGUE_KEYS = ("text", "help", "placeholder")
CATALOGUE_KEYS = ("label", "statement", "plain")


#: Cited official names (CompetentNL and ESCO labels) are quoted as published, not ours to translate.
CITED_KEYS = ("competentnl", "esco")


def _yaml_texts(path: Path, keys: tuple[str, ...]) -> Iterator[str]:
    def walk(node: object) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in CITED_KEYS:
                    continue
                if key in keys and isinstance(value, str):
                    yield value
                else:
                    yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    with path.open(encoding="utf-8") as handle:
        yield from walk(yaml.safe_load(handle))


def extract() -> Catalog:
    catalog = Catalog(project="skillspaspoort-assistent", locale="nl", fuzzy=False)
    for filename, lineno, message, comments, _context in extract_from_dir(
        str(PACKAGE_DIR), method_map=[("**.py", "python")]
    ):
        catalog.add(message, locations=[(f"assistant/{filename}", lineno)], auto_comments=comments)
    for path in sorted((REPO_ROOT / "dialogues").glob("*.yaml")):
        if path.name == "pictures.yaml":
            continue
        for text in _yaml_texts(path, DIALOGUE_KEYS):
            catalog.add(text, locations=[(f"dialogues/{path.name}", 0)])
    for path in sorted((PACKAGE_DIR / "catalogue").rglob("*.yaml")):
        for text in _yaml_texts(path, CATALOGUE_KEYS):
            catalog.add(text, locations=[(str(path.relative_to(REPO_ROOT)), 0)])
    return catalog


def _po_files() -> list[Path]:
    return sorted(LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def write_template() -> None:
    LOCALES_DIR.mkdir(exist_ok=True)
    catalog = extract()
    with POT.open("wb") as handle:
        write_po(handle, catalog, omit_header=True, sort_output=True, width=100)
    print(f"{POT.relative_to(REPO_ROOT)}: {len(catalog)} teksten")


def update() -> None:
    with POT.open("rb") as handle:
        template = read_po(handle)
    for po in _po_files():
        with po.open("rb") as handle:
            catalog = read_po(handle)
        catalog.update(template)
        with po.open("wb") as handle:
            write_po(handle, catalog, omit_header=False, sort_output=True, width=100, ignore_obsolete=True)
        print(f"{po.relative_to(REPO_ROOT)} bijgewerkt")


def compile_all() -> None:
    for po in _po_files():
        with po.open("rb") as handle:
            catalog = read_po(handle)
        with po.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)


def check() -> int:
    """Fails when the template is out of date or a translation breaks a placeholder."""
    problems: list[str] = []
    current = {m.id for m in extract() if m.id}
    if not POT.exists():
        problems.append(f"{POT.name} ontbreekt: draai make i18n-extract")
    else:
        with POT.open("rb") as handle:
            committed = {m.id for m in read_po(handle) if m.id}
        for msgid in sorted(current - committed)[:10]:
            problems.append(f"niet in {POT.name}: {msgid!r} (draai make i18n-update)")
        for msgid in sorted(committed - current)[:10]:
            problems.append(f"verouderd in {POT.name}: {msgid!r} (draai make i18n-update)")
    for po in _po_files():
        with po.open("rb") as handle:
            catalog = read_po(handle)
        for message, errors in catalog.check():
            for error in errors:
                problems.append(f"{po.relative_to(REPO_ROOT)}: {message.id!r}: {error}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "extract":
        write_template()
    elif command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        return check()
    else:
        print("gebruik: extract | update | compile | check", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
