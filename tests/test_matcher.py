"""The skill matcher on a small fixture catalogue: lemmas, Dutch endings, compounds, misspellings, negation,
evidence, and occupations that propose their skills."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.skills.catalogue import load_catalogue
from assistant.skills.matcher import SkillMatcher

CNL = "https://linkeddata.competentnl.nl/id/humancapability/"
FIXTURE = f"""
sector: proef
label: Proef
terms: [bouwplaats]
occupations:
  - id: proef.metselaar
    label: Metselaar
    uwv_uri: null
    terms: [metselaar]
    skills: [proef.metselen, proef.voegen]
  - id: proef.chauffeur
    label: Chauffeur
    terms: [chauffeur]
    skills: [proef.rijden]
skills:
  - id: proef.metselen
    label: Muren metselen
    statement: U kunt muren metselen.
    terms: [metselen, muur bouwen]
    competentnl: [{{uri: "{CNL}E66E6D3B86", label: Handvaardigheid}}]
  - id: proef.voegen
    label: Voegen
    statement: U kunt voegen.
    terms: [voegen]
  - id: proef.rijden
    label: Vrachtwagen rijden
    statement: U kunt vrachtwagen rijden.
    terms: [vrachtwagen rijden, rijden]
  - id: proef.lassen
    label: Lassen
    statement: U kunt lassen.
    terms: [lassen]
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> SkillMatcher:
    directory: Path = tmp_path_factory.mktemp("catalogus")
    (directory / "sectors").mkdir()
    (directory / "sectors" / "proef.yaml").write_text(FIXTURE, encoding="utf-8")
    return SkillMatcher(load_catalogue(directory))


def _ids(matcher: SkillMatcher, text: str) -> list[str]:
    return [m.skill.id for m in matcher.match(text).skills]


@pytest.mark.parametrize("text", ["ik metselde muren", "ik heb gemetseld", "metselen", "Ik METSEL graag"])
def test_matcher_inflections_find_the_skill(small: SkillMatcher, text: str) -> None:
    assert _ids(small, text)[0] == "proef.metselen"


def test_matcher_irregular_verb_uses_spacy_lookup_lemma(small: SkillMatcher) -> None:
    assert "proef.rijden" in _ids(small, "ik heb vaak gereden")


@pytest.mark.parametrize("text", ["ik heb gemetsled", "metslen", "ik kan goed metzelen"])
def test_matcher_misspellings_still_match(small: SkillMatcher, text: str) -> None:
    assert "proef.metselen" in _ids(small, text)


def test_matcher_compound_word_finds_the_occupation(small: SkillMatcher) -> None:
    result = small.match("ik was vrachtwagenchauffeur")
    assert [o.occupation.id for o in result.occupations if o.occupation] == ["proef.chauffeur"]
    assert result.occupations[0].evidence.text == "vrachtwagenchauffeur"
    assert "proef.rijden" in [m.skill.id for m in result.skills]


@pytest.mark.parametrize(
    "text", ["ik heb nooit gelast", "lassen kan ik niet", "ik heb geen ervaring met lassen"]
)
def test_matcher_negation_removes_the_skill(small: SkillMatcher, text: str) -> None:
    assert "proef.lassen" not in _ids(small, text)


def test_matcher_negation_stays_in_its_clause(small: SkillMatcher) -> None:
    assert "proef.lassen" in _ids(small, "metselen niet, maar lassen wel")


def test_matcher_multi_word_term_needs_its_words_close_together(small: SkillMatcher) -> None:
    near = small.match("ik kan een muur bouwen")
    assert near.skills[0].skill.id == "proef.metselen"
    assert near.skills[0].evidence.text == "muur bouwen"
    far = _ids(small, "de muur was oud en na tien lange jaren in dit land ging ik een huis bouwen")
    assert "proef.metselen" not in far


def test_matcher_occupation_proposes_its_skills_less_surely_than_named_ones(small: SkillMatcher) -> None:
    result = small.match("ik was metselaar en ik kan lassen")
    by_id = {m.skill.id: m for m in result.skills}
    assert by_id["proef.voegen"].via == "occupation:proef.metselaar"
    assert by_id["proef.voegen"].confidence < by_id["proef.lassen"].confidence
    assert by_id["proef.voegen"].evidence.text == "metselaar"


def test_matcher_returns_nothing_for_unrelated_or_odd_text(small: SkillMatcher) -> None:
    for text in ["", "🙂🙂🙂", "أعمل في المطبخ", "de het een", "x" * 3000]:
        assert small.match(text).skills == []


def test_matcher_real_catalogue_understands_kiosk_answers(matcher: SkillMatcher) -> None:
    cases = {
        "ik heb tien jaar muren gemetseld": "bouw.metselen",
        "ik was vrachtwagenchauffeur": "logistiek.vrachtwagenchauffeur",
    }
    for text, expected in cases.items():
        result = matcher.match(text)
        found = {m.skill.id for m in result.skills} | {
            o.occupation.id for o in result.occupations if o.occupation
        }
        assert expected in found, text


def _found(matcher: SkillMatcher, text: str) -> set[str]:
    return {m.skill.id for m in matcher.match(text).skills}


def test_a_word_with_an_apostrophe_ending_is_read_as_the_word(matcher: SkillMatcher) -> None:
    """Dutch writes "bhv'er" and "wc's": the first-aider and the toilets are found as "bhv" and "wc"."""
    assert f"{CNL}3DA7BAB0C4" in _found(matcher, "op het werk ben ik bhv'er")
    assert "schoonmaak.sanitair" in _found(matcher, "wel de wc's en de keuken")
    assert "schoonmaak.sanitair" not in _found(matcher, "ik help haar naar de wc")


def test_the_laundry_is_not_the_past_of_zijn(matcher: SkillMatcher) -> None:
    """ "de was" is laundry; "ik was ziek" is still a stop word and finds nothing."""
    assert "schoonmaak.was_strijken" in _found(matcher, "ik doe de was van het hotel, lakens en handdoeken")
    assert _found(matcher, "ik was ziek") == set()


def test_a_term_takes_the_nearest_of_two_equal_words(matcher: SkillMatcher) -> None:
    """The first "datum" lies across a comma from "over"; the second stands right after it."""
    text = "bij de voedselbank kijk ik naar de datum, wat over datum is gaat weg"
    assert "detailhandel.houdbaarheid" in _found(matcher, text)


def test_a_capability_said_in_its_own_words_stays_beside_the_sector_skill(matcher: SkillMatcher) -> None:
    """A sector skill stands in for the general capability it refines only on the same words."""
    both = _found(matcher, "kinderfeestjes organiseren met spelletjes")
    assert {"kinderopvang.spelletjes", f"{CNL}DEDBBC55E0"} <= both
    same_words = _found(matcher, "lichamelijke verzorging")
    assert "zorg.wassen" in same_words and f"{CNL}DB59A57C01" not in same_words
