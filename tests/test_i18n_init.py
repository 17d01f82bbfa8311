"""`make i18n-init LANG=xx`: a new language's catalogue starts from the template, in a copy of locales/."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from assistant.config import REPO_ROOT
from assistant.i18n import LOCALES_DIR
from assistant.i18n_build import POT, check, init, main


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    copy = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, copy, ignore=shutil.ignore_patterns("*.mo"))
    return copy


def _po(locales: Path, code: str) -> Path:
    return locales / code / "LC_MESSAGES" / "messages.po"


def test_i18n_init_starts_an_untranslated_catalogue_with_every_text(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert init("de", locales) == 0
    with _po(locales, "de").open("rb") as handle:
        catalog = read_po(handle)
    with POT.open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert {m.id for m in catalog if m.id} == template
    assert all(not m.string or m.string == ("", "") for m in catalog if m.id)
    assert str(catalog.locale) == "de"
    assert catalog.num_plurals == 2
    assert not catalog.fuzzy
    out = capsys.readouterr().out
    # What to do next: the registry line to add, with the own name and voice filled in, then translate and compile.
    assert 'Language("de", "Deutsch", "gmw/de"),' in out
    assert "assistant/languages.py" in out
    assert "make i18n-compile" in out


def test_i18n_init_right_to_left_language_gets_its_direction(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert init("fa", locales) == 0
    assert 'Language("fa", "فارسی", "ira/fa", Direction.RTL),' in capsys.readouterr().out


def test_i18n_init_refuses_an_existing_language_and_leaves_it_alone(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _po(locales, "tr").read_bytes()
    assert init("tr", locales) == 1
    assert _po(locales, "tr").read_bytes() == before
    assert "tr bestaat al" in capsys.readouterr().err
    assert init("nl", locales) == 1
    assert "brontaal" in capsys.readouterr().err
    assert not (locales / "nl").exists()


@pytest.mark.parametrize(
    ("code", "hint"),
    [("xx", "geen taalcode"), ("", "geen taalcode"), ("EN", "als en,"), ("en_US.UTF-8", "als en_US,")],
)
def test_i18n_init_refuses_what_is_not_a_language_code(
    locales: Path, capsys: pytest.CaptureFixture[str], code: str, hint: str
) -> None:
    folders = sorted(p.name for p in locales.iterdir())
    assert init(code, locales) == 2
    assert hint in capsys.readouterr().err
    assert sorted(p.name for p in locales.iterdir()) == folders


def test_i18n_check_flags_a_catalogue_the_registry_does_not_list(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(locales) == 0
    init("de", locales)
    capsys.readouterr()
    assert check(locales) == 1
    assert "de staat niet in assistant/languages.py" in capsys.readouterr().err


def test_i18n_check_flags_a_registered_language_without_catalogue(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(locales / "pl")
    assert check(locales) == 1
    assert "pl staat in assistant/languages.py maar heeft geen" in capsys.readouterr().err


def test_i18n_init_without_a_code_shows_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init"]) == 2
    assert "init <taalcode>" in capsys.readouterr().err


def _make(*args: str) -> subprocess.CompletedProcess[str]:
    # -o setup: the worktree is set up already; only the i18n-init recipe itself runs.
    return subprocess.run(
        ["make", "--no-print-directory", "-o", "setup", "i18n-init", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_i18n_init_make_target_needs_lang_on_the_command_line() -> None:
    result = _make()
    assert result.returncode != 0
    assert "make i18n-init LANG=xx" in result.stderr


def test_i18n_init_make_target_hands_lang_to_the_builder() -> None:
    # An invalid code: the builder refuses it, so the real locales/ is never touched.
    result = _make("LANG=xx")
    assert result.returncode != 0
    assert "'xx' is geen taalcode" in result.stderr
    assert not (LOCALES_DIR / "xx").exists()
