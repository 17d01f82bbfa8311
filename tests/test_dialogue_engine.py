"""The interview state machine: branching, back, skip, "weet ik niet", progress."""

from __future__ import annotations

import pytest

from assistant.dialogue.engine import Interview
from assistant.dialogue.model import END, Dialogue
from assistant.errors import InputError


def _answer(interview: Interview, values: list[str] | None = None, text: str | None = None) -> str:
    return interview.record(interview.build_answer(values, text))


def test_engine_construction_worker_gets_construction_follow_up(dialogue: Dialogue) -> None:
    interview = Interview(dialogue)
    _answer(interview, text="Ali")
    _answer(interview, ["ja"])
    assert interview.current is not None and interview.current.id == "werk_sector"
    nxt = _answer(interview, ["bouw"])
    assert nxt == "taken_bouw"
    assert "metselen" in " ".join(c.text.lower() for c in interview.current.options)


def test_engine_no_work_skips_work_questions(dialogue: Dialogue) -> None:
    interview = Interview(dialogue)
    _answer(interview, text="Sanne")
    _answer(interview, ["nee"])
    nxt = _answer(interview, ["nee"])
    assert dialogue.question(nxt).section == "informal_work"


def test_engine_back_returns_and_keeps_the_old_answer(dialogue: Dialogue) -> None:
    interview = Interview(dialogue)
    _answer(interview, text="Ali")
    assert interview.back()
    assert interview.current is not None and interview.current.id == "naam"
    assert interview.answers["naam"].text == "Ali"
    assert not interview.back()  # already at the first question


def test_engine_changed_answer_after_back_changes_the_path(dialogue: Dialogue) -> None:
    interview = Interview(dialogue)
    _answer(interview, text="Ali")
    _answer(interview, ["ja"])
    _answer(interview, ["bouw"])
    interview.back()
    assert _answer(interview, ["zorg"]) == "taken_zorg"
    assert interview.history.count("taken_bouw") == 0


def test_engine_skip_and_dont_know_follow_the_default_path(dialogue: Dialogue) -> None:
    interview = Interview(dialogue)
    interview.skip()
    interview.dont_know()  # werk_nu: no answer, so the fallback (werk_sector) follows
    assert interview.current is not None and interview.current.id == "werk_sector"
    assert interview.answers["naam"].status == "skipped"
    assert interview.answers["werk_nu"].status == "unknown"


def test_engine_bad_answers_are_refused_kindly(dialogue: Dialogue) -> None:
    interview = Interview(dialogue)
    with pytest.raises(InputError) as info:
        interview.build_answer(text="   ")
    assert info.value.code == "E101"
    _answer(interview, text="Ali")
    with pytest.raises(InputError):
        interview.build_answer(["misschien"])
    with pytest.raises(InputError):
        interview.build_answer([])
    with pytest.raises(InputError):
        interview.build_answer(["ja", "nee"])


def test_engine_progress_counts_up_and_total_follows_the_path(dialogue: Dialogue) -> None:
    interview = Interview(dialogue)
    assert interview.progress()[0] == 1
    _answer(interview, text="Ali")
    current, total = interview.progress()
    assert current == 2
    assert total > current


def test_engine_skipping_everything_reaches_the_end(dialogue: Dialogue) -> None:
    interview = Interview(dialogue)
    for _ in range(200):
        if interview.finished:
            break
        interview.skip()
    assert interview.finished
    assert interview.history[-1] == END
    assert interview.current is None
