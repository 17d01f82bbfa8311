"""The bundled sector catalogue: enough sectors, every skill linked to a real CompetentNL capability."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from assistant.errors import DataFileError
from assistant.skills.catalogue import Catalogue, load_catalogue
from tests.conftest import SHARED_DATA

REQUIRED_SECTORS = {
    "bouw",
    "metaal_elektro",
    "zorg",
    "logistiek",
    "detailhandel",
    "horeca",
    "schoonmaak",
    "groen",
}


def test_catalogue_has_the_required_sectors_with_linked_skills(catalogue: Catalogue) -> None:
    assert set(catalogue.sectors) >= REQUIRED_SECTORS
    for sector in REQUIRED_SECTORS:
        skills = catalogue.skills_by_sector[sector]
        assert len(skills) >= 8, sector
        assert all(s.competentnl for s in skills), f"every {sector} skill refines a CompetentNL capability"


def test_catalogue_cites_real_competentnl_identifiers(catalogue: Catalogue) -> None:
    caps_file = SHARED_DATA / "competentnl" / "competentnl_humancapabilities_L3.csv"
    occ_file = SHARED_DATA / "competentnl" / "competentnl_occupation_labels.csv"
    if not caps_file.exists():
        pytest.skip("../shared/data is not beside this checkout")
    with caps_file.open(encoding="utf-8") as handle:
        labels = {row["uri"]: row["prefLabel_nl"] for row in csv.DictReader(handle)}
    with occ_file.open(encoding="utf-8") as handle:
        occupations = {row["uri"] for row in csv.DictReader(handle)}
    for skill in catalogue.skills.values():
        for ref in skill.competentnl:
            assert labels.get(ref.uri) == ref.label, f"{skill.id}: {ref.uri} {ref.label}"
    for occ in catalogue.occupations.values():
        assert occ.uri in occupations or occ.uri.startswith("urn:assistent:lokaal:"), occ.id


def _copy_catalogue(tmp_path: Path, broken: str) -> Path:
    (tmp_path / "sectors").mkdir()
    (tmp_path / "sectors" / "kapot.yaml").write_text(broken, encoding="utf-8")
    return tmp_path


def test_catalogue_broken_file_names_file_line_and_item(tmp_path: Path) -> None:
    directory = _copy_catalogue(
        tmp_path,
        (
            "sector: kapot\nlabel: Kapot\nskills:\n"
            "  - id: kapot.goed\n    label: Goed\n    statement: U kunt het.\n    terms: [goed]\n"
            "  - id: kapot.fout\n    label: Fout\n    statement: U kunt het.\n    terms: []\n"
        ),
    )
    with pytest.raises(DataFileError) as info:
        load_catalogue(directory)
    message = info.value.user_message()
    assert "kapot.yaml" in message and "kapot.fout" in message and "regel 8" in message and "terms" in message


def test_catalogue_invented_competentnl_uri_is_refused(tmp_path: Path) -> None:
    directory = _copy_catalogue(
        tmp_path,
        (
            "sector: kapot\nlabel: Kapot\nskills:\n"
            "  - id: kapot.goed\n    label: Goed\n    statement: U kunt het.\n    terms: [goed]\n"
            "    competentnl:\n      - {uri: 'https://linkeddata.competentnl.nl/id/humancapability/verzonnen', label: X}\n"
        ),
    )
    with pytest.raises(DataFileError):
        load_catalogue(directory)


def test_catalogue_said_with_an_unknown_sector_names_file_and_skill(tmp_path: Path) -> None:
    directory = _copy_catalogue(
        tmp_path,
        (
            "sector: kapot\nlabel: Kapot\nskills:\n"
            "  - id: kapot.goed\n    label: Goed\n    statement: U kunt het.\n    terms: [goed]\n"
            "    said_with: {sector: bestaat_niet, words: [moeder]}\n"
        ),
    )
    with pytest.raises(DataFileError) as info:
        load_catalogue(directory)
    message = info.value.user_message()
    assert "kapot.yaml" in message and "kapot.goed" in message and "bestaat_niet" in message


def test_catalogue_esco_links_cite_real_esco_skills_with_dutch_labels(catalogue: Catalogue) -> None:
    collections = sorted((SHARED_DATA / "esco_nl" / "v1.1_collections").glob("*.csv"))
    if not collections:
        pytest.skip("../shared/data is not beside this checkout")
    labels: dict[str, str] = {}
    for path in collections:
        with path.open(encoding="utf-8", newline="") as handle:
            labels.update({row["conceptUri"]: row["preferredLabel"] for row in csv.DictReader(handle)})
    links = [(skill.id, ref) for skill in catalogue.skills.values() for ref in skill.esco]
    assert len(links) >= 30
    for skill_id, ref in links:
        assert labels.get(ref.uri) == ref.label, f"{skill_id}: {ref.uri} {ref.label}"
