"""`python -m benchmarks.directions [TAXONOMY_DIR]`: the knowledge behind "which work fits" and how fast it is.

Prints the coverage of the occupation -> skills links (share of catalogue occupations with at least 5 linked
skills, essential and optional; the essential ones alone for comparison), the learning options, the first
occupations proposed for the 20 authored example people (tests/data/development_profiles.yaml) with their
filled dots and how many skills are missing, and the time to make the direction list for one passport with the
full taxonomy loaded (median and p95 over the people; target <= 200 ms). It does not assert the time; the last
line is the numbers as JSON.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from assistant.config import REPO_ROOT, Settings
from assistant.development.direction import MAX_DOTS, directions
from assistant.development.learning_options import load_learning_options
from assistant.development.next_steps import steps_for_direction
from assistant.interview.records import Verdict
from assistant.passport.model import Assessment, Passport, Skill, Standard
from assistant.skills.catalogue import Catalogue, load_catalogue
from assistant.taxonomy.knowledge_base import KnowledgeBase
from benchmarks.common import SHARED_DATA

PROFILES_FILE = REPO_ROOT / "tests" / "data" / "development_profiles.yaml"
MIN_LINKED_SKILLS = 5
TARGET_MS = 200
ROUNDS = 20


def _passport(refs: list[str], catalogue: Catalogue) -> Passport:
    return Passport(
        session_id="benchmark",
        dialogue="intake",
        skills=[
            Skill(
                ref=ref,
                label=catalogue.skills[ref].label,
                source=catalogue.skills[ref].source,
                status="confirmed",
                provenance=[
                    Assessment(
                        assessed_by="self",
                        verdict=Verdict.YES,
                        standard=[Standard(kind="sector_catalogue", catalogue_id=ref, version="1")],
                        purpose="benchmark",
                        level="skillsverklaring",
                    )
                ],
            )
            for ref in refs
        ],
    )


def coverage(catalogue: Catalogue) -> dict[str, Any]:
    occupations = list(catalogue.occupations.values())
    linked = [len(set(o.skills) | set(o.optional)) for o in occupations]
    essential = [len(set(o.skills)) for o in occupations]
    return {
        "occupations": len(occupations),
        "with_5_linked": sum(n >= MIN_LINKED_SKILLS for n in linked),
        "with_5_essential": sum(n >= MIN_LINKED_SKILLS for n in essential),
        "linked_mean": round(statistics.mean(linked), 1),
        "with_licences": sum(bool(o.licences) for o in occupations),
    }


def main(taxonomy_dir: Path) -> dict[str, Any]:
    settings = Settings()
    catalogue = load_catalogue(settings.catalogue_dir)
    learning = load_learning_options(settings.catalogue_dir, catalogue)
    kb = KnowledgeBase.existing(taxonomy_dir)
    c = coverage(catalogue)
    share = c["with_5_linked"] / c["occupations"]
    print(
        f"Coverage: {c['with_5_linked']} of {c['occupations']} catalogue occupations ({share:.0%}) have at least "
        f"{MIN_LINKED_SKILLS} linked skills, essential and optional (target 100%); with essential skills alone "
        f"{c['with_5_essential']}; {c['linked_mean']} linked skills per occupation on average"
    )
    essential = {ref for o in catalogue.occupations.values() for ref in o.skills}
    taught = sum(1 for ref in essential if learning.for_skill(ref))
    print(
        f"Learning options: {len(learning.options)}; {taught} of {len(essential)} essential skills have one "
        f"(learning on the job is offered for every gap); {c['with_licences']} occupations name a licence"
    )
    profiles = yaml.safe_load(PROFILES_FILE.read_text(encoding="utf-8"))["profiles"]
    passports = [(p["id"], _passport(p["skills"], catalogue)) for p in profiles]
    print(f"Directions for the {len(passports)} example people (dots of {MAX_DOTS}, skills missing):")
    for person, passport in passports:
        found = directions(passport, catalogue, kb, limit=3)
        shown = "; ".join(f"{d.label} {d.dots_picture} -{len(d.missing)}" for d in found)
        print(f"  {person:24} {shown}")
    times: list[float] = []
    for _ in range(ROUNDS):
        for _person, passport in passports:
            start = time.perf_counter()
            found = directions(passport, catalogue, kb)
            # The screen also offers the next steps of the first direction.
            steps_for_direction(found[0], learning)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    result = {
        **c,
        "learning_options": len(learning.options),
        "essential_with_option": taught,
        "essential_skills": len(essential),
        "taxonomy_loaded": kb is not None,
        "direction_p50_ms": round(statistics.median(times), 2),
        "direction_p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
    }
    where = "with the full taxonomy loaded" if kb is not None else "WITHOUT a taxonomy (none imported there)"
    print(
        f"Direction list per passport {where}: p50 {result['direction_p50_ms']:.2f} ms, "
        f"p95 {result['direction_p95_ms']:.2f} ms (target <= {TARGET_MS} ms; {len(times)} lists)"
    )
    if kb is not None:
        kb.close()
    print(json.dumps(result))
    return result


def run() -> dict[str, Any]:
    """With the taxonomy named on the command line or the installed one; without either, the extracts in
    ../shared/data are imported into a scratch folder first (as `make bench` does)."""
    taxonomy_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Settings().taxonomy_dir
    if KnowledgeBase.existing(taxonomy_dir) is not None or not SHARED_DATA.exists():
        return main(taxonomy_dir)
    with tempfile.TemporaryDirectory() as scratch:
        kb = KnowledgeBase(Path(scratch) / "taxonomy")
        kb.import_files([SHARED_DATA / "competentnl", SHARED_DATA / "esco_nl"])
        kb.close()
        return main(Path(scratch) / "taxonomy")


if __name__ == "__main__":
    run()
