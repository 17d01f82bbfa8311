"""Answers typed in the kiosk's other languages: the catalogue's words per language, and their checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import DataFileError
from assistant.skills.assembly import as_proposer
from assistant.skills.catalogue import Catalogue, load_catalogue
from assistant.skills.matcher import SkillMatcher
from assistant.skills.model_build import catalogue_fingerprint

SECTOR = (
    "sector: klein\nlabel: Klein\nskills:\n"
    "  - id: klein.schoonmaken\n    label: Schoonmaken\n    statement: U kunt schoonmaken.\n"
    "    terms: [schoonmaken]\n"
    "  - id: klein.wassen\n    label: De was doen\n    statement: U kunt de was doen.\n"
    "    terms: [wasgoed]\n"
)


def _catalogue(tmp_path: Path, **languages: str) -> Path:
    (tmp_path / "sectors").mkdir()
    (tmp_path / "sectors" / "klein.yaml").write_text(SECTOR, encoding="utf-8")
    (tmp_path / "other_languages").mkdir()
    for code, text in languages.items():
        (tmp_path / "other_languages" / f"{code}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _asked(matcher: SkillMatcher, text: str) -> set[str]:
    return {m.skill.id for m in matcher.match(text).skills}


def test_a_polish_or_turkish_answer_finds_the_skill_it_names(tmp_path: Path) -> None:
    catalogue = load_catalogue(
        _catalogue(
            tmp_path,
            pl="language: pl\nskills:\n  - id: klein.schoonmaken\n    words: [sprzątanie, sprzatanie, sprzątam]\n",
            tr="language: tr\nskills:\n  - id: klein.schoonmaken\n    words: [temizlik, temizledim]\n"
            "  - id: klein.wassen\n    words: [çamaşır yıkadım]\n",
        )
    )
    matcher = SkillMatcher(catalogue)
    assert _asked(matcher, "sprzątanie biur, ik werk avond") == {"klein.schoonmaken"}
    assert _asked(matcher, "sprzatanie biur") == {"klein.schoonmaken"}
    assert _asked(matcher, "ofiste temizlik yaptım") == {"klein.schoonmaken"}
    # Typed on a Dutch keyboard, without the marks the file writes: the same words.
    assert _asked(matcher, "ik heb camasir yikadim") == {"klein.wassen"}
    assert catalogue.skills["klein.schoonmaken"].other_language_terms == (
        "sprzątanie",
        "sprzatanie",
        "sprzątam",
        "temizlik",
        "temizledim",
    )


def _refusal(directory: Path) -> str:
    with pytest.raises(DataFileError) as info:
        load_catalogue(directory)
    return info.value.user_message()


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        (  # a word that is also common Dutch: English "was" would make "ik was ziek" laundry
            "en",
            "language: en\nskills:\n  - id: klein.schoonmaken\n    words: [cleaning]\n"
            "  - id: klein.wassen\n    words: [laundry, was]\n",
            ("en.yaml", "regel 5", "klein.wassen", "'was'"),
        ),
        (  # a skill the catalogue does not have
            "tr",
            "language: tr\nskills:\n  - id: klein.schoonmaken\n    words: [temizlik]\n"
            "  - id: klein.verzonnen\n    words: [kaynak]\n",
            ("tr.yaml", "regel 5", "klein.verzonnen"),
        ),
        (  # a file whose language is not its name
            "tr",
            "language: pl\nskills:\n  - id: klein.schoonmaken\n    words: [temizlik]\n",
            ("tr.yaml", "regel 1", "bestandsnaam"),
        ),
        (  # not YAML at all
            "pl",
            "language: pl\nskills:\n  - id: klein.schoonmaken\n    words: [sprzątanie\n",
            ("pl.yaml", "geen geldig YAML"),
        ),
    ],
)
def test_a_mistake_in_a_language_file_names_file_line_and_cause(
    tmp_path: Path, code: str, text: str, expected: tuple[str, ...]
) -> None:
    message = _refusal(_catalogue(tmp_path, **{code: text}))
    assert all(part in message for part in expected), message


def test_changing_a_word_in_another_language_asks_for_a_new_model(tmp_path: Path) -> None:
    directory = _catalogue(
        tmp_path, pl="language: pl\nskills:\n  - id: klein.schoonmaken\n    words: [sprzątanie]\n"
    )
    before = catalogue_fingerprint(load_catalogue(directory))
    (directory / "other_languages" / "pl.yaml").write_text(
        "language: pl\nskills:\n  - id: klein.schoonmaken\n    words: [sprzątanie, sprzątam]\n",
        encoding="utf-8",
    )
    assert catalogue_fingerprint(load_catalogue(directory)) != before


def test_the_bundled_words_load_and_find_skills_in_every_kiosk_language(catalogue: Catalogue) -> None:
    matcher = SkillMatcher(catalogue)
    said = {
        "sprzątam biura i toalety": "schoonmaak.schoonmaken",  # pl
        "depoda forklift kullandım": "logistiek.heftruck",  # tr
        "i did the welding in a factory": "metaal_elektro.lassen",  # en
        "я працювала прибиральницею в офісі": "schoonmaak.schoonmaken",  # uk
        "عملت في تنظيف المكاتب": "schoonmaak.schoonmaken",  # ar
    }
    for answer, skill in said.items():
        assert skill in _asked(matcher, answer), answer
    # A Dutch answer is read as before: no word of another language turns it into something else.
    assert _asked(matcher, "ik was ziek") == set()


@pytest.mark.parametrize(
    ("context", "answer", "skill", "quoted"),
    [
        ("schoonmaak", "sprzątałam biura wieczorem", "schoonmaak.schoonmaken", "sprzątałam"),
        ("schoonmaak", "sprzatam toalety", "schoonmaak.sanitair", "toalety"),
        ("metaal_elektro", "kaynakci olarak calistim", "metaal_elektro.lassen", "kaynakci"),
        ("logistiek", "я працював на складі, водій навантажувача", "logistiek.heftruck", "навантажувача"),
    ],
)
def test_the_kiosk_asks_about_the_skill_in_the_persons_own_words(
    matcher: SkillMatcher, context: str, answer: str, skill: str, quoted: str
) -> None:
    questions = as_proposer(matcher).propose([answer], [context])
    asked = {q.match.skill.id: q.match.evidence.text for q in questions}
    assert skill in asked, asked
    assert quoted in asked[skill]
