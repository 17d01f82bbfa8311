"""Reads a dialogue file and checks it whole, so a mistake is reported with file, line, question and cause.

Checks beyond the field types: unique ids, every `goto` and `start` exists, conditions name earlier
questions and real answer values, pictures exist, every question is reachable, and no path loops.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from assistant.dialogue.answer_kinds import BUILT_IN_PICTURES, answer_kind
from assistant.dialogue.model import END, Dialogue, Question, Rule
from assistant.errors import DataFileError
from assistant.yaml_lines import (
    describe_validation_error,
    line_of,
    load_with_lines,
    strip_lines,
    yaml_error_line,
)

PICTURES_FILE = "pictures.yaml"


def load_pictures(path: Path) -> dict[str, str]:
    """Picture name to emoji, from `pictures.yaml`."""
    data = strip_lines(_parse(path))
    pictures = data.get("pictures") if isinstance(data, dict) else None
    if not isinstance(pictures, dict) or not all(isinstance(v, str) and v for v in pictures.values()):
        raise DataFileError(
            "E201", file=path.name, line=1, question="-", what="'pictures' moet naam: emoji zijn"
        )
    return {str(k): v for k, v in pictures.items()}


def load_dialogue(path: Path, pictures: dict[str, str] | None = None) -> Dialogue:
    """The validated dialogue in `path`; pictures default to `pictures.yaml` in the same folder."""
    if pictures is None:
        pictures_path = path.parent / PICTURES_FILE
        pictures = load_pictures(pictures_path) if pictures_path.exists() else {}
    raw = _parse(path)
    if not isinstance(raw, dict):
        raise DataFileError(
            "E201", file=path.name, line=1, question="-", what="het bestand moet een mapping zijn"
        )
    listed = raw.get("questions")
    raw_questions: list[Any] = listed if isinstance(listed, list) else []
    lines = {i: line_of(q) for i, q in enumerate(raw_questions)}
    ids = {i: str(q.get("id", "?")) if isinstance(q, dict) else "?" for i, q in enumerate(raw_questions)}
    by_id_line = {ids[i]: lines[i] for i in lines}

    def fail(question_id: str, what: str, line: int | None = None) -> DataFileError:
        return DataFileError(
            "E201",
            file=path.name,
            line=line or by_id_line.get(question_id, 1),
            question=question_id,
            what=what,
        )

    try:
        dialogue = Dialogue.model_validate(strip_lines(raw))
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = err.get("loc", ())
        if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
            index = loc[1]
            raise fail(
                ids.get(index, "?"), describe_validation_error({**err, "loc": loc[2:]}), lines.get(index)
            ) from None
        raise fail("-", describe_validation_error(dict(err)), line_of(raw)) from None

    _check(dialogue, pictures, fail)
    return dialogue


def _parse(path: Path) -> Any:
    if not path.exists():
        raise DataFileError("E203", file=str(path))
    try:
        return load_with_lines(path)
    except yaml.YAMLError as exc:
        what = str(getattr(exc, "problem", None) or exc)
        raise DataFileError("E202", file=path.name, line=yaml_error_line(exc), what=what) from None
    except UnicodeDecodeError:
        raise DataFileError("E202", file=path.name, line=1, what="het bestand is geen UTF-8 tekst") from None


def targets(question: Question) -> list[str]:
    if isinstance(question.next, str):
        return [question.next]
    return [rule.goto for rule in question.next]


def _rules(question: Question) -> Iterable[Rule]:
    return question.next if isinstance(question.next, list) else ()


def _check(dialogue: Dialogue, pictures: dict[str, str], fail: Callable[..., DataFileError]) -> None:
    seen: set[str] = set()
    for q in dialogue.questions:
        if q.id in seen:
            raise fail(q.id, "deze id komt twee keer voor")
        if q.id == END:
            raise fail(q.id, f"'{END}' is geen geldige vraag-id")
        seen.add(q.id)
    if dialogue.start not in dialogue:
        raise fail("-", f"start '{dialogue.start}' is geen vraag", 1)

    for q in dialogue.questions:
        for target in targets(q):
            if target != END and target not in dialogue:
                raise fail(q.id, f"next verwijst naar '{target}', maar die vraag bestaat niet")
        for choice in q.choices:
            if pictures and choice.picture not in pictures and choice.picture not in BUILT_IN_PICTURES:
                raise fail(
                    q.id,
                    f"keuze '{choice.id}' heeft plaatje '{choice.picture}', maar dat staat niet in pictures.yaml",
                )

    order = _reachable_order(dialogue, fail)
    unreachable = [q.id for q in dialogue.questions if q.id not in order]
    if unreachable:
        raise fail(unreachable[0], "deze vraag is nooit te bereiken vanaf start")

    for q in dialogue.questions:
        for source in q.infer.source if q.infer else ():
            if source not in dialogue:
                raise fail(q.id, f"infer leest vraag '{source}', maar die bestaat niet")
            if not answer_kind(dialogue.question(source).kind).typed or order[source] > order[q.id]:
                raise fail(q.id, f"infer kan alleen een eerdere open vraag lezen, niet '{source}'")
        for rule in _rules(q):
            for cond_id, values in rule.when.items():
                if cond_id not in dialogue:
                    raise fail(q.id, f"when noemt vraag '{cond_id}', maar die bestaat niet")
                cond = dialogue.question(cond_id)
                if answer_kind(cond.kind).typed:
                    raise fail(q.id, f"when op vraag '{cond_id}' kan niet: dat is een open vraag")
                if order[cond_id] > order[q.id]:
                    raise fail(q.id, f"when noemt vraag '{cond_id}', maar die komt pas later")
                unknown = sorted(set(values) - cond.option_ids())
                if unknown:
                    raise fail(
                        q.id,
                        f"when noemt antwoord '{unknown[0]}', maar vraag '{cond_id}' heeft die keuze niet",
                    )


def _reachable_order(dialogue: Dialogue, fail: Callable[..., DataFileError]) -> dict[str, int]:
    """Topological position of each reachable question; a loop is an error."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    post: list[str] = []

    def visit(qid: str, path: list[str]) -> None:
        # Iterative depth would be nicer, but dialogues are small (tens of questions).
        if state.get(qid) == 2:
            return
        if state.get(qid) == 1:
            raise fail(qid, "deze vraag komt in een kring terug: " + " -> ".join([*path, qid]))
        state[qid] = 1
        for target in targets(dialogue.question(qid)):
            if target != END:
                visit(target, [*path, qid])
        state[qid] = 2
        post.append(qid)

    visit(dialogue.start, [])
    return {qid: pos for pos, qid in enumerate(reversed(post))}
