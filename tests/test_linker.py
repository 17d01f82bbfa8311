"""Occupation first, with the real taxonomy imported: job titles become CompetentNL/ESCO occupations, and
the occupations bring their skills; CompetentNL's own labels help find general skills."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from assistant.skills.catalogue import Catalogue
from assistant.skills.linker import Linker
from assistant.taxonomy.knowledge_base import KnowledgeBase
from tests.conftest import ASSISTENT

UWV = "https://linkeddata.competentnl.nl/uwv/id/occupation/"


def test_linker_job_title_gives_official_occupation_and_its_skills(
    taxonomy_dir: Path, catalogue: Catalogue
) -> None:
    kb = KnowledgeBase.existing(taxonomy_dir)
    assert kb is not None
    linker = Linker(catalogue, kb)
    result = linker.match("ik was jaren heftruckchauffeur in een distributiecentrum")
    assert result.occupations[0].uri.startswith(UWV)
    assert "heftruck" in result.occupations[0].label.lower()
    assert "logistiek.heftruck" in {m.skill.id for m in result.skills}


def test_linker_occupation_outside_the_catalogue_is_still_recognised(
    taxonomy_dir: Path, catalogue: Catalogue
) -> None:
    kb = KnowledgeBase.existing(taxonomy_dir)
    assert kb is not None
    result = Linker(catalogue, kb).match("ik werkte als kapper")
    assert any("kapper" in o.label.lower() for o in result.occupations)


def test_linker_negated_job_is_not_recognised(taxonomy_dir: Path, catalogue: Catalogue) -> None:
    kb = KnowledgeBase.existing(taxonomy_dir)
    assert kb is not None
    result = Linker(catalogue, kb).match("ik heb nooit als lasser gewerkt")
    assert not any("lasser" in o.label.lower() for o in result.occupations)
    assert not result.skills


def test_cli_map_uses_the_imported_taxonomy(taxonomy_dir: Path) -> None:
    env = {"ASSISTENT_DATA_DIR": str(taxonomy_dir.parent), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [str(ASSISTENT), "map", "--jsonl"],
        input="ik ben schoenmaker\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert any("schoenmaker" in o["label"].lower() for o in out["occupations"])
