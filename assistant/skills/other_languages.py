"""Words for the catalogue's skills in the kiosk's other languages (`catalogue/other_languages/<xx>.yaml`).

A person who chose Polish or Turkish at the kiosk often answers in that language, or mixes it with
Dutch: "sprzątanie biur, ik werk avond". These files give, per skill, the words people type in that
language; the matcher reads them beside the Dutch terms. A single word that is also a common Dutch word
is refused when the file is read: English "was" would otherwise turn "ik was ziek" into laundry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from assistant.errors import DataFileError
from assistant.skills.catalogue_files import quick_read, read_catalogue_file_with_lines
from assistant.skills.nlp import fold, is_common_word
from assistant.yaml_lines import line_of

#: Letters that lose no mark in Unicode decomposition but that people type without it, or type either way.
_UNMARKED = str.maketrans({"ł": "l", "ı": "i", "ة": "ه", "ى": "ي", "ـ": None})


def plain(word: str) -> str:
    """`word` as typed on a Dutch keyboard: without accents and marks ("sprzątanie" -> "sprzatanie",
    "kaynakçı" -> "kaynakci", "إ" -> "ا"). Words of other languages are matched in this form."""
    return fold(word).translate(_UNMARKED)


Word = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=3, max_length=60)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SkillWords(_Strict):
    id: Annotated[str, StringConstraints(min_length=3, max_length=120)]
    words: list[Word] = Field(min_length=1, max_length=40)


class LanguageFile(_Strict):
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
    skills: list[SkillWords]


def read_other_languages(directory: Path, skill_ids: set[str]) -> dict[str, tuple[str, ...]]:
    """Per skill id, its words from every file in `directory` (nothing when the folder is missing)."""
    out: dict[str, list[str]] = {}
    for path in sorted(directory.glob("*.yaml")):
        data = quick_read(path, LanguageFile)
        assert data is None or isinstance(data, LanguageFile)
        mistake = _mistake(path, data, skill_ids) if data is not None else None
        if data is None or mistake is not None:
            # Read again with the catalogue's own reader, which knows lines: a broken file gets the
            # same E211/E212 message, with file and line, as every other catalogue file.
            checked, raw = read_catalogue_file_with_lines(path, LanguageFile)
            assert isinstance(checked, LanguageFile)
            mistake = _mistake(path, checked, skill_ids)
            if mistake is not None:
                entry, item, what = mistake
                line = line_of(raw["skills"][entry]) if entry >= 0 else line_of(raw)
                raise DataFileError("E211", file=path.name, line=line, item=item, what=what)
            data = checked
        for skill in data.skills:
            known = out.setdefault(skill.id, [])
            known.extend(w for w in skill.words if w not in known)
    return {skill_id: tuple(words) for skill_id, words in out.items()}


def _mistake(path: Path, data: LanguageFile, skill_ids: set[str]) -> tuple[int, str, str] | None:
    """The first mistake: (entry index, or -1 for the file; the item; what is wrong), or None."""
    if data.language != path.stem:
        return -1, data.language, "de taal past niet bij de bestandsnaam"
    for index, entry in enumerate(data.skills):
        if entry.id not in skill_ids:
            return index, entry.id, "deze vaardigheid bestaat niet"
        for word in entry.words:
            if " " not in word and is_common_word(word):
                return index, entry.id, f"'{word}' is ook een gewoon Nederlands woord"
    return None
