"""Whole interviews: how many screens, how many "Klopt dit?" screens, and how long a person is at the kiosk.

Each profile in `tests/data/profiles.yaml` is a made-up person with an answer for every question on their
own path through `dialogues/intake.yaml`, and the skills that really fit them (`true_skills`). The profile
is run through the real `InterviewSession` on a real SQLite store in a scratch folder, with the real
catalogue matcher (or the taxonomy linker when a knowledge base folder is given). Each question on the
path is answered from the profile (a question the profile does not answer: "Overslaan"); every pending
"Klopt dit?" is answered "Ja" when the skill is in `true_skills`, else "Nee". Per profile and on average it
reports question screens, "Klopt dit?" screens, right and wrong proposals (precision), the true skills
found (recall), and the estimated duration. The average takes the mean per interview for screens and
minutes, and pools all proposals (precision) and all true skills (recall) of all profiles.

Duration model: the sum over every screen the person sees of (time to hear it) + (time to answer it).

- Time to hear it. Every kiosk screen is read aloud when it appears, and the people this kiosk is for
  listen to it rather than read it. The text is exactly what the screen reads aloud (the kiosk's own
  `spoken_text()`): question, help and "Keuze 1: ..." for each choice; for "Klopt dit?" the evidence, the
  skill statement, "Klopt dit?" and the three answers. Seconds = words / `SPEECH_WORDS_PER_MINUTE` * 60
  + `SENTENCE_PAUSE_SECONDS` per full stop, question mark, exclamation mark or colon.
  `SPEECH_WORDS_PER_MINUTE` is the espeak-ng rate the kiosk voice uses (`assistant.speech.voices
  .NORMAL_RATE`, 150; espeak-ng counts its rate in words per minute). espeak-ng also pauses at every
  sentence mark, and a kiosk screen has many ("Keuze 3: Nee."): synthesizing the question screens of
  intake.yaml and three "Klopt dit?" screens with the kiosk's Dutch voice on this machine took 25% longer
  than 150 words per minute alone, and 150 words per minute plus 0.35 s per sentence mark matched the
  measured length. Slow speech (`SLOW_RATE`) would make every screen longer; the estimate is for the
  desk default.
- Time to answer it, per kind of screen (plain round numbers for someone who reads little and does not
  use a computer often; see each constant):
  `TAP_SECONDS` for one choice or Ja / Een beetje / Nee, `MULTI_BASE_SECONDS` + `TICK_SECONDS` per ticked
  choice for "U mag meer dingen kiezen", `TEXT_THINK_SECONDS` + typed characters / `TYPING_CHARS_PER_SECOND`
  for typed text, `CONFIRM_SECONDS` for "Klopt dit?", `SKIP_SECONDS` for "Overslaan".

The welcome and end screens are not counted: the welcome screen is where the duration is promised, and the
end screen comes after it. Speech latency (about 0.1 s) and screen changes are left out as too small.

Run as `python -m benchmarks.profiles [TAXONOMY_DIR]`: prints one JSON line.
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from assistant.config import REPO_ROOT, Settings
from assistant.dialogue.loader import load_dialogue
from assistant.dialogue.model import Dialogue, Question
from assistant.i18n import _, current_language, set_language
from assistant.interview.records import Proposal
from assistant.interview.session import InterviewSession, PersonalDataQuestion
from assistant.skills.assembly import Matcher, build_matcher
from assistant.skills.catalogue import Catalogue, load_catalogue
from assistant.speech.voices import NORMAL_RATE
from assistant.storage import open_store
from assistant.ui.screens import ConfirmScreen, PersonalDataScreen, QuestionScreen

PROFILES_FILE = REPO_ROOT / "tests" / "data" / "profiles.yaml"

#: The kiosk voice's rate: espeak-ng's rate setting is in words per minute (`NORMAL_RATE`, the default).
SPEECH_WORDS_PER_MINUTE: float = NORMAL_RATE
#: espeak-ng pauses at each "." "?" "!" ":"; 0.35 s each made 150 words a minute match measured screens.
SENTENCE_PAUSE_SECONDS = 0.35
#: One choice or Ja / Een beetje / Nee: find the big button (or its number) and tap it.
TAP_SECONDS = 4.0
#: "U mag meer dingen kiezen": look over the buttons once and press "Verder" ...
MULTI_BASE_SECONDS = 6.0
#: ... plus this for each choice ticked.
TICK_SECONDS = 3.0
#: A text question: decide what to say, tap the field, press "Verder" at the end ...
TEXT_THINK_SECONDS = 20.0
#: ... plus typing with one finger on a touch screen by someone who rarely types: 1 character a second
#: (12 words a minute), spelling words out as they go.
TYPING_CHARS_PER_SECOND = 1.0
#: "Klopt dit?": the skill was just read aloud; tap Ja, Een beetje or Nee.
CONFIRM_SECONDS = 3.0
#: "Overslaan": one tap, nothing to decide beyond "not for me".
SKIP_SECONDS = 3.0
#: The welcome promise is rounded up to a multiple of this many minutes.
ROUND_TO_MINUTES = 5

_SENTENCE_MARKS = ".?!:"
ScreenKind = Literal["choice", "multi", "text", "confirm", "skip", "personal"]


@dataclass(frozen=True)
class Shown:
    """One screen the person saw: what it read aloud and how the person answered it."""

    kind: ScreenKind
    spoken: str
    ticks: int = 0
    """Choices ticked on a multi question."""
    typed: str = ""
    """Text typed on a text question."""


def speech_seconds(spoken: str) -> float:
    words = len(spoken.split())
    marks = sum(spoken.count(mark) for mark in _SENTENCE_MARKS)
    return words / SPEECH_WORDS_PER_MINUTE * 60 + marks * SENTENCE_PAUSE_SECONDS


def answer_seconds(screen: Shown) -> float:
    if screen.kind in ("choice", "personal"):
        return TAP_SECONDS
    if screen.kind == "multi":
        return MULTI_BASE_SECONDS + TICK_SECONDS * screen.ticks
    if screen.kind == "text":
        return TEXT_THINK_SECONDS + len(screen.typed) / TYPING_CHARS_PER_SECOND
    if screen.kind == "confirm":
        return CONFIRM_SECONDS
    return SKIP_SECONDS


def estimated_minutes(screens: Iterable[Shown]) -> float:
    """The time at the kiosk for these screens, in minutes: hearing each one, then answering it."""
    return sum(speech_seconds(s.spoken) + answer_seconds(s) for s in screens) / 60


def welcome_minutes(minutes: float) -> int:
    """The number the welcome screen promises: `minutes` rounded up to a multiple of 5."""
    return ROUND_TO_MINUTES * math.ceil(minutes / ROUND_TO_MINUTES)


# Profiles ------------------------------------------------------------------------------------------------


def load_profiles(path: Path = PROFILES_FILE) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return list(yaml.safe_load(handle)["profiles"])


def profile_problems(profile: Mapping[str, Any], dialogue: Dialogue, catalogue: Catalogue) -> list[str]:
    """What is wrong with a profile: unknown questions, choices or skills, or answers of the wrong shape."""
    name = profile.get("id", "?")
    problems: list[str] = []
    for qid, value in (profile.get("answers") or {}).items():
        if qid not in dialogue:
            problems.append(f"{name}: vraag {qid!r} bestaat niet")
            continue
        question = dialogue.question(qid)
        if value is None:
            continue  # "Overslaan" on purpose
        if question.kind == "text":
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{name}: {qid} is een tekstvraag, het antwoord moet tekst zijn")
            continue
        values = value if isinstance(value, list) else [value]
        if question.kind != "multi" and (not isinstance(value, str)):
            problems.append(f"{name}: {qid} heeft precies één keuze nodig")
        if not values:
            problems.append(f"{name}: {qid} heeft geen keuze")
        for v in values:
            if v not in question.option_ids():
                problems.append(f"{name}: {qid} heeft geen keuze {v!r}")
    skills = profile.get("true_skills") or []
    if not skills:
        problems.append(f"{name}: true_skills is leeg")
    for ref in skills:
        if ref not in catalogue.skills:
            problems.append(f"{name}: vaardigheid {ref!r} staat niet in de catalogus")
    if len(set(skills)) != len(skills):
        problems.append(f"{name}: een vaardigheid staat twee keer in true_skills")
    return problems


# Running one interview -----------------------------------------------------------------------------------


def _question_screen(session: InterviewSession, question: Question) -> str:
    known = [", ".join(_(c.text) for c in q.options if c.id in a.values) for q, a in session.just_filled_in()]
    screen = QuestionScreen(question, session.progress(), {}, session.previous_answer(), known)
    return screen.spoken_text()


def _answer(session: InterviewSession, shown: list[Shown], **given: Any) -> None:
    try:
        session.answer(**given)
    except PersonalDataQuestion as asked:
        shown.append(Shown("personal", PersonalDataScreen(asked.kinds).spoken_text()))
        session.answer(**given, personal="keep")


def run_profile(
    profile: Mapping[str, Any], session: InterviewSession, max_steps: int = 500
) -> dict[str, Any]:
    """Walks one profile through `session` to the end; returns its counts, estimate and proposals."""
    answers: Mapping[str, Any] = profile.get("answers") or {}
    true_skills = set(profile.get("true_skills") or [])
    shown: list[Shown] = []
    proposed: list[tuple[Proposal, bool]] = []
    unanswered: list[str] = []
    visited: list[str] = []
    for _step in range(max_steps):
        pending = session.pending()
        if pending:
            proposal = pending[0]
            shown.append(Shown("confirm", ConfirmScreen(proposal, len(pending)).spoken_text()))
            right = proposal.skill_ref in true_skills
            session.confirm(proposal.skill_ref, "ja" if right else "nee")
            proposed.append((proposal, right))
            continue
        if session.finished:
            break
        question = session.current
        assert question is not None
        visited.append(question.id)
        spoken = _question_screen(session, question)
        value = answers.get(question.id)
        if value is None:
            if question.id not in answers:
                unanswered.append(question.id)
            shown.append(Shown("skip", spoken))
            session.skip()
        elif question.kind == "text":
            shown.append(Shown("text", spoken, typed=str(value)))
            _answer(session, shown, text=str(value))
        elif question.kind == "multi":
            values = list(value) if isinstance(value, list) else [value]
            shown.append(Shown("multi", spoken, ticks=len(values)))
            _answer(session, shown, values=values)
        else:
            shown.append(Shown("choice", spoken))
            _answer(session, shown, values=[value])
    else:
        raise RuntimeError(f"{profile.get('id')}: interview did not end after {max_steps} steps")
    session.finish()

    right = [p for p, ok in proposed if ok]
    wrong = [p for p, ok in proposed if not ok]
    found = {p.skill_ref for p in right}
    questions = sum(1 for s in shown if s.kind != "confirm")
    confirms = sum(1 for s in shown if s.kind == "confirm")
    return {
        "id": profile.get("id"),
        "question_screens": questions,
        "confirm_screens": confirms,
        "right": len(right),
        "wrong": len(wrong),
        "precision": round(len(right) / len(proposed), 3) if proposed else 0.0,
        "true_skills": len(true_skills),
        "found": len(found),
        "recall": round(len(found) / len(true_skills), 3) if true_skills else 0.0,
        "minutes": round(estimated_minutes(shown), 2),
        "wrong_proposals": [
            {"skill": p.skill_ref, "label": p.label, "question": p.question_id, "evidence": p.evidence}
            for p in wrong
        ],
        "missed": sorted(true_skills - found),
        "unanswered": unanswered,
        "unused_answers": sorted(set(answers) - set(visited)),
    }


# The whole benchmark -------------------------------------------------------------------------------------


def run(
    taxonomy_dir: Path | None = None,
    *,
    matcher: Matcher | None = None,
    profiles_file: Path = PROFILES_FILE,
) -> dict[str, Any]:
    """Runs every profile; `matcher` (a built one, to share) wins over `taxonomy_dir`."""
    base = Settings()
    dialogue = load_dialogue(base.dialogue_file())
    catalogue = load_catalogue(base.catalogue_dir)
    if matcher is None:
        matcher = build_matcher(catalogue, taxonomy_dir)
    options = {
        "max_proposals": base.max_proposals_per_answer,
        "min_confidence": base.min_confidence,
        "max_chars": base.max_answer_chars,
    }
    profiles = load_profiles(profiles_file)
    before = current_language()
    set_language("nl", base.locales_dir)
    results: list[dict[str, Any]] = []
    try:
        with tempfile.TemporaryDirectory(prefix="profielen-") as scratch:
            settings = Settings(
                data_dir=Path(scratch),
                db_path=Path(scratch) / "profielen.sqlite3",
                database_url=None,
                central_url=None,
            )
            store = open_store(settings)
            try:
                for profile in profiles:
                    session = InterviewSession.start(store, dialogue, matcher, "nl", **options)
                    results.append(run_profile(profile, session))
            finally:
                store.close()
    finally:
        set_language(before, base.locales_dir)
    return {"profiles": results, "average": _average(results)}


def _average(results: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(results)
    right = sum(r["right"] for r in results)
    proposed = right + sum(r["wrong"] for r in results)
    found = sum(r["found"] for r in results)
    true_total = sum(r["true_skills"] for r in results)
    minutes = sum(r["minutes"] for r in results) / n
    return {
        "profiles": n,
        "question_screens": round(sum(r["question_screens"] for r in results) / n, 2),
        "confirm_screens": round(sum(r["confirm_screens"] for r in results) / n, 2),
        "max_confirm_screens": max(r["confirm_screens"] for r in results),
        "precision": round(right / proposed, 3) if proposed else 0.0,
        "recall": round(found / true_total, 3) if true_total else 0.0,
        "minutes": round(minutes, 2),
        "max_minutes": max(r["minutes"] for r in results),
        "welcome_minutes": welcome_minutes(minutes),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    taxonomy_dir = Path(args[0]) if args else None
    print(json.dumps(run(taxonomy_dir), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
