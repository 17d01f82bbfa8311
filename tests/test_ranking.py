"""The ranking engine and its `assistent rank` contract."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

from assistant.skills.ranking import CompoundSplitter, LexicalRanker, fold
from tests.conftest import ASSISTENT

CORPUS = [
    ("c1", "vrachtwagenchauffeur"),
    ("c2", "buschauffeur"),
    ("c3", "metselaar"),
    ("c4", "schoonmaker kantoren"),
    ("c5", "verpleegkundige"),
    ("c6", "vrachtwagen monteur"),
    ("c7", "chauffeur"),
]


def test_ranking_fold_removes_accents_and_case() -> None:
    assert fold("Inspiciënt CAFÉ") == "inspicient cafe"


def test_ranking_compounds_split_into_known_words_head_last() -> None:
    splitter = CompoundSplitter(Counter(["vrachtwagen", "chauffeur", "schoonmaak", "kantoor"]))
    assert splitter.split("vrachtwagenchauffeur") == ("vrachtwagen", "chauffeur")
    assert splitter.split("kantoorsschoonmaak")[-1] == "schoonmaak"
    assert splitter.split("metselaar") == ("metselaar",)


def test_ranking_finds_exact_misspelled_and_compound_forms() -> None:
    ranker = LexicalRanker([c for c, _ in CORPUS], [t for _, t in CORPUS])
    assert ranker.rank("Vrachtwagenchauffeur", 1)[0][0] == "c1"
    assert ranker.rank("metselaa", 1)[0][0] == "c3"
    assert ranker.rank("chauffeur van een vrachtwagen", 1)[0][0] == "c1"
    assert ranker.rank("kantoor schoonmaker", 1)[0][0] == "c4"
    assert ranker.rank("", 5) == []
    assert ranker.rank("🙂", 5) == []


def test_ranking_index_holds_only_the_terms_it_has_seen_and_ranks_the_same_after_reading_back() -> None:
    """A kiosk's memory grows with the job titles it knows, not with the size of the hash space; a word
    no title has (here "zzzz") changes nothing, and the written arrays rank exactly as the built ranker."""
    ranker = LexicalRanker([c for c, _ in CORPUS], [t for _, t in CORPUS])
    chars = ranker.to_arrays()
    features = chars["chars.idf_features"]
    assert len(chars["chars.indptr"]) == len(features) + 1 < 1000
    assert (features[1:] > features[:-1]).all()
    again = LexicalRanker.from_arrays(chars)
    for query in ("vrachtwagen chauffeur", "metselaa", "schoonmaak kantoor zzzz"):
        assert again.rank(query, 3) == ranker.rank(query, 3)
    assert ranker.rank("buschauffeur zzzz", 1) == ranker.rank("buschauffeur", 1)


def test_ranking_only_what_can_reach_a_floor_gives_the_same_results_above_it() -> None:
    """The kiosk looks for job titles in every few words of an answer; words that cannot name a job well
    enough are not compared letter by letter, and what can is ranked exactly as before."""
    ranker = LexicalRanker([c for c, _ in CORPUS], [t for _, t in CORPUS])
    queries = ["vrachtwagenchauffeur", "ik metselde muren", "buschauffeur", "kantoren", "zzzz", ""]
    for floor in (0.5, 0.8, 0.95):
        reaching = ranker.rank_reaching(queries, floor, k=3)
        for query, got in zip(queries, reaching, strict=True):
            expected = ranker.rank(query, 3)
            if any(score >= floor for _, score in expected):
                assert got == expected
            else:
                assert all(score < floor for _, score in got)
    assert ranker.rank_reaching(["vrachtwagenchauffeur"], 0.8, k=1)[0][0][0] == "c1"
    assert ranker.rank_reaching(["zzzz"], 0.8, k=3) == [[]]
    assert ranker.rank_reaching([], 0.8, k=3) == []


def test_cli_rank_contract(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.tsv"
    corpus.write_text("".join(f"{c}\t{t}\n" for c, t in CORPUS), encoding="utf-8")
    proc = subprocess.run(
        [str(ASSISTENT), "rank", "--corpus", str(corpus), "--k", "3"],
        input="buschauffeur\n\nverpleegster\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["query"] for line in lines] == ["buschauffeur", "", "verpleegster"]
    assert lines[0]["ranked"][0] == "c2" and len(lines[0]["ranked"]) <= 3
    assert lines[1]["ranked"] == []
    assert lines[2]["ranked"][0] == "c5"


def test_cli_rank_malformed_corpus_names_the_line(tmp_path: Path) -> None:
    corpus = tmp_path / "kapot.tsv"
    corpus.write_text("c1\tmetselaar\nzonder tab\n", encoding="utf-8")
    proc = subprocess.run(
        [str(ASSISTENT), "rank", "--corpus", str(corpus)],
        input="x\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert "kapot.tsv" in proc.stderr and "regel 2" in proc.stderr
