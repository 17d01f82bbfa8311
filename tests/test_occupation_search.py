"""Finding an occupation by the name someone types on the direction screen: slips are forgiven, but a job
the taxonomy knows by another name is never swapped for a catalogue job that merely looks alike."""

from __future__ import annotations

from pathlib import Path

from assistant.skills.assembly import build_matcher
from assistant.skills.catalogue import Catalogue
from assistant.skills.search import search_occupations


def test_a_typed_name_finds_the_job_a_person_means(catalogue: Catalogue, taxonomy_dir: Path) -> None:
    matcher = build_matcher(catalogue, taxonomy_dir, semantic=False)

    def found(typed: str) -> list[str]:
        return [o.id for o in search_occupations(matcher, typed)]

    assert found("heftruckchaufeur")[0] == "logistiek.heftruckchauffeur", "a slip is forgiven"
    assert found("metslaar") == ["bouw.metselaar"]
    # A hairdresser is a job of its own (the taxonomy knows it); "tapper" behind a bar is not a slip of it.
    assert found("kapper") == []
    fitters = found("monteur")
    assert fitters and all(
        any(t.endswith("monteur") for t in catalogue.occupations[o].terms) for o in fitters
    ), "a compound ending in the typed word names a kind of it"
    assert found("   ") == []
