"""The knowledge behind the directions, read from the real files: every occupation's linked skills and
licences, the learning options and their sources, and clear errors for a broken learning file or an
occupation that names a skill nobody defined."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.development.learning_options import load_learning_options
from assistant.errors import DataFileError
from assistant.skills.catalogue import Catalogue, load_catalogue

CATALOGUE_DIR = Settings().catalogue_dir


def _copy_catalogue(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, target)
    return target


def test_every_occupation_links_at_least_five_skills(catalogue: Catalogue) -> None:
    thin = {
        o.id: len(set(o.skills) | set(o.optional))
        for o in catalogue.occupations.values()
        if len(set(o.skills) | set(o.optional)) < 5
    }
    assert thin == {}
    for occupation in catalogue.occupations.values():
        # An optional skill that is also essential would be counted twice in the coverage.
        assert not set(occupation.skills) & set(occupation.optional), occupation.id


def test_learning_options_load_with_real_sources_and_cover_the_licences(catalogue: Catalogue) -> None:
    learning = load_learning_options(CATALOGUE_DIR, catalogue)
    assert len(learning.options) >= 40
    for option in learning.options.values():
        assert option.source_url is not None and option.source_url.startswith("https://"), option.id
        # No invented course codes: no crebo number (five digits) in what a person reads.
        assert "crebo" not in option.label.casefold(), option.id
        assert not re.search(r"\d{5}", f"{option.id} {option.label}"), option.id
    named = {
        "logistiek.heftruckchauffeur": "leren.heftruckcertificaat",
        "logistiek.vrachtwagenchauffeur": "leren.rijbewijs_c",
        "metaal_elektro.lasser": "leren.lascertificaat",
        "bouw.steigerbouwer": "leren.vca_basis",
        "zorg.verzorgende_ig": "leren.mbo_verzorgende_ig",
        "kinderopvang.pedagogisch_medewerker": "leren.personenregister_kinderopvang",
        "horeca.kok": "leren.hygiene_horeca",
    }
    for occupation_id, licence in named.items():
        assert licence in catalogue.occupations[occupation_id].licences, occupation_id
    assert "leren.code_95" in catalogue.occupations["logistiek.vrachtwagenchauffeur"].licences
    # A forklift driver missing the forklift skill is offered the certificate for it.
    assert "leren.heftruckcertificaat" in {o.id for o in learning.for_skill("logistiek.heftruck")}


def test_most_essential_skills_have_a_learning_option(catalogue: Catalogue) -> None:
    learning = load_learning_options(CATALOGUE_DIR, catalogue)
    essential = {ref for o in catalogue.occupations.values() for ref in o.skills}
    without = {ref for ref in essential if not learning.for_skill(ref)}
    # The few left are learned in life or at work only (caring for a family member, working in shifts);
    # learning on the job is offered for every gap anyway.
    assert len(without) <= 10, sorted(without)
    assert "zorg.mantelzorg" in without


def test_a_learning_option_teaching_an_unknown_skill_names_file_item_and_line(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    directory = _copy_catalogue(tmp_path)
    path = directory / "learning.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("teaches: [metaal_elektro.lassen]", "teaches: [metaal_elektro.lasen]"), "utf-8"
    )
    line = next(
        i for i, row in enumerate(text.splitlines(), 1) if row.strip() == "- id: leren.lascertificaat"
    )
    with pytest.raises(DataFileError) as broken:
        load_learning_options(directory, catalogue)
    assert broken.value.code == "E211"
    message = broken.value.user_message()
    assert (
        "learning.yaml" in message and "leren.lascertificaat" in message and "metaal_elektro.lasen" in message
    )
    assert broken.value.params["line"] == line


def test_a_learning_file_that_is_not_yaml_gives_e212(tmp_path: Path, catalogue: Catalogue) -> None:
    directory = _copy_catalogue(tmp_path)
    (directory / "learning.yaml").write_text(
        "options:\n  - id: leren.x\n    label: [niet gesloten\n", "utf-8"
    )
    with pytest.raises(DataFileError) as broken:
        load_learning_options(directory, catalogue)
    assert broken.value.code == "E212"
    assert "learning.yaml" in broken.value.user_message()


def test_a_learning_option_without_https_or_with_an_unknown_kind_is_refused(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    directory = _copy_catalogue(tmp_path)
    path = directory / "learning.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("source_url: https://www.nil.nl", "source_url: http://www.nil.nl"), "utf-8")
    with pytest.raises(DataFileError) as insecure:
        load_learning_options(directory, catalogue)
    assert insecure.value.code == "E211" and "leren.lascertificaat" in insecure.value.user_message()
    path.write_text(text.replace("kind: certificate", "kind: diploma", 1), "utf-8")
    with pytest.raises(DataFileError) as kind:
        load_learning_options(directory, catalogue)
    assert kind.value.code == "E211" and "leren.heftruckcertificaat" in kind.value.user_message()


def test_a_duplicate_option_id_and_a_licence_nobody_offers_are_refused(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    directory = _copy_catalogue(tmp_path)
    path = directory / "learning.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- id: leren.rijbewijs_t", "- id: leren.rijbewijs_c"), "utf-8")
    with pytest.raises(DataFileError) as twice:
        load_learning_options(directory, catalogue)
    assert twice.value.code == "E211" and "leren.rijbewijs_c" in twice.value.user_message()
    # Without the forklift certificate the forklift driver's licence points at nothing.
    start = text.index("  - id: leren.heftruckcertificaat")
    end = text.index("  - id: leren.rijbewijs_b")
    path.write_text(text[:start] + text[end:], "utf-8")
    with pytest.raises(DataFileError) as missing:
        load_learning_options(directory, catalogue)
    assert "logistiek.heftruckchauffeur" in missing.value.user_message()
    assert "leren.heftruckcertificaat" in missing.value.user_message()


def test_a_missing_learning_file_gives_no_options(tmp_path: Path, catalogue: Catalogue) -> None:
    directory = _copy_catalogue(tmp_path)
    (directory / "learning.yaml").unlink()
    assert load_learning_options(directory, catalogue).options == {}


def test_an_occupation_listing_an_unknown_skill_names_file_and_occupation(tmp_path: Path) -> None:
    directory = _copy_catalogue(tmp_path)
    path = directory / "sectors" / "logistiek.yaml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace(
        "optional: [logistiek.pallettruck, logistiek.goederen_ontvangen",
        "optional: [logistiek.palletwagen, logistiek.goederen_ontvangen",
    )
    assert broken != text
    path.write_text(broken, "utf-8")
    with pytest.raises(DataFileError) as error:
        load_catalogue(directory)
    assert error.value.code == "E211"
    message = error.value.user_message()
    assert "logistiek.yaml" in message and "logistiek.heftruckchauffeur" in message
    assert "logistiek.palletwagen" in message
