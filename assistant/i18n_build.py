"""Builds the gettext catalogues with Babel: extract (Python code, dialogues, catalogue), update, compile,
check, and init, which starts the catalogue of a new language.

Run as `python -m assistant.i18n_build extract|update|compile|check|init <code>`; the Makefile wraps each.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from assistant.config import PACKAGE_DIR, REPO_ROOT
from assistant.i18n import DOMAIN, LOCALES_DIR, SOURCE_LANGUAGE
from assistant.languages import DEFAULT_FONT, LANGUAGES, Direction

PROJECT = "skillspaspoort-assistent"
POT = LOCALES_DIR / f"{DOMAIN}.pot"
DIALOGUE_KEYS: tuple[str, ...] = ("text", "help", "placeholder")
CATALOGUE_KEYS: tuple[str, ...] = ("label", "statement", "plain", "length")


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
    catalog = Catalog(project=PROJECT, locale=SOURCE_LANGUAGE, fuzzy=False)
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


def _po_files(locales_dir: Path = LOCALES_DIR) -> list[Path]:
    return sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _po_path(code: str, locales_dir: Path) -> Path:
    return locales_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def _shown(path: Path) -> str:
    """The path as a developer would type it: relative to the repo when it lies inside."""
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


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


def _registry_problems(locales_dir: Path) -> list[str]:
    """A catalogue the registry does not list is never offered; a listed language without one stays Dutch."""
    with_catalogue = {po.parent.parent.name for po in _po_files(locales_dir)}
    registered = {language.code for language in LANGUAGES if language.code != SOURCE_LANGUAGE}
    problems = [
        f"{_shown(locales_dir / code)} staat niet in assistant/languages.py (LANGUAGES)"
        for code in sorted(with_catalogue - registered)
    ]
    problems += [
        f"{code} staat in assistant/languages.py maar heeft geen {_shown(_po_path(code, locales_dir))}"
        for code in sorted(registered - with_catalogue)
    ]
    return problems


def check(locales_dir: Path = LOCALES_DIR) -> int:
    """Fails when the template is out of date, a translation breaks a placeholder, or the catalogues and the
    language registry disagree."""
    problems: list[str] = []
    pot = locales_dir / POT.name
    current = {m.id for m in extract() if m.id}
    if not pot.exists():
        problems.append(f"{pot.name} ontbreekt: draai make i18n-extract")
    else:
        with pot.open("rb") as handle:
            committed = {m.id for m in read_po(handle) if m.id}
        for msgid in sorted(current - committed)[:10]:
            problems.append(f"niet in {pot.name}: {msgid!r} (draai make i18n-update)")
        for msgid in sorted(committed - current)[:10]:
            problems.append(f"verouderd in {pot.name}: {msgid!r} (draai make i18n-update)")
    for po in _po_files(locales_dir):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        for message, errors in catalog.check():
            for error in errors:
                problems.append(f"{_shown(po)}: {message.id!r}: {error}")
    problems += _registry_problems(locales_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def _espeak_voice(code: str) -> str | None:
    """The espeak-ng voice for `code` as pyttsx3 names it (the File column), or None when there is none."""
    if shutil.which("espeak-ng") is None:
        return None
    listing = subprocess.run(
        ["espeak-ng", f"--voices={code}"], capture_output=True, text=True, check=False
    ).stdout.splitlines()
    wanted = code.lower().replace("_", "-")
    for line in listing[1:]:
        fields = line.split()
        # mb/ voices need MBROLA, which the kiosk does not install.
        if len(fields) >= 5 and fields[1] == wanted and not fields[4].startswith("mb/"):
            return fields[4]
    return None


def _registry_line(locale: Locale, voice: str | None) -> str:
    """The line to add to LANGUAGES, with the name and direction Babel knows for the language."""
    parts = [
        json.dumps(text, ensure_ascii=False)
        for text in (str(locale), locale.get_display_name(locale) or str(locale), voice or "?")
    ]
    if locale.character_order == "right-to-left":
        parts.append(f"Direction.{Direction.RTL.name}")
    return f"Language({', '.join(parts)}),"


def _refuse(message: str, exit_code: int) -> int:
    print(message, file=sys.stderr)
    return exit_code


def init(code: str, locales_dir: Path = LOCALES_DIR) -> int:
    """Starts `locales/<code>/LC_MESSAGES/messages.po` from the template and says what comes next."""
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return _refuse(
            f"'{code}' is geen taalcode die Babel kent; gebruik een ISO 639-code, zoals de of ti.", 2
        )
    if str(locale) != code:
        return _refuse(f"Schrijf de taalcode als {locale}, niet als {code}.", 2)
    if code == SOURCE_LANGUAGE:
        return _refuse(f"{code} is de brontaal: elke tekst is al Nederlands, er is niets te vertalen.", 1)
    po = _po_path(code, locales_dir)
    if po.exists():
        return _refuse(f"{code} bestaat al: {_shown(po)}. Nieuwe teksten komen erin met make i18n-update.", 1)
    pot = locales_dir / POT.name
    if not pot.exists():
        return _refuse(f"{_shown(pot)} ontbreekt: draai eerst make i18n-extract.", 1)
    with pot.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    catalog.project = PROJECT
    catalog.fuzzy = False
    po.parent.mkdir(parents=True)
    with po.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, sort_output=True, width=100)
    voice = _espeak_voice(code)
    print(
        f"{_shown(po)} gemaakt: {len(catalog)} teksten om te vertalen ({locale.get_display_name('nl') or code})."
    )
    print("Verder:")
    print("  1. Zet de taal in LANGUAGES in assistant/languages.py, bijvoorbeeld:")
    print(f"       {_registry_line(locale, voice)}")
    if voice is None:
        print(f"     espeak-ng heeft geen stem voor {code}: kies er een uit `espeak-ng --voices`.")
    print(f"     Heeft {DEFAULT_FONT} de letters niet, geef dan ook font= op.")
    print(f"  2. Vertaal elke msgstr in {_shown(po)}.")
    print("  3. make i18n-compile, en dan make test.")
    return 0


USAGE = "gebruik: extract | update | compile | check | init <taalcode>"


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
    elif command == "init" and len(argv) == 2:
        return init(argv[1])
    else:
        print(USAGE, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
