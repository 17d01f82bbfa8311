"""`assistent evaluate`: real interviews in a real store, a coach's review, then the counts per skill and per
sector, the JSON, and that no personal text reaches the report."""

from __future__ import annotations

import json
import os
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.context import AppContext
from assistant.evaluation import empty_message, evaluate
from assistant.interview.records import Proposal, Verdict
from assistant.interview.session import InterviewSession
from assistant.passport.review import Review
from assistant.storage import Store
from assistant.storage.field_cipher import FieldCipher
from tests.conftest import ASSISTENT, coach_session

NICKNAME = "Zwaluwstaart"
PLACE = "Kwakkelbrug"
WORK_TEXT = f"Ik metselde muren bij de {PLACE} en reed daar met de heftruck in het magazijn"
COACH = "Coach Vlinderdas"
COACH_EVIDENCE = "Zag foto's van de Pimpelmees-schuur"
COACH_NOTE = "Praat graag over Pimpelmees."


@dataclass
class Interview:
    session_id: str
    passport_id: str
    proposals: list[Proposal]
    """Every proposal of the interview, with the verdict the person gave (or None)."""


def _interview(
    store: Store, context: AppContext, verdicts: dict[str, Verdict], other: Verdict | None
) -> Interview:
    """Construction work, two tasks chosen and one typed answer. Each proposal gets its verdict from
    `verdicts`, else `other` (None: the person did not answer it)."""
    session = InterviewSession.start(store, context.dialogue, context.matcher)
    session.answer(text=NICKNAME)
    session.answer(values=["ja"])
    session.answer(values=["bouw"])
    session.answer(values=["metselen", "tegels"])
    assert session.current is not None and session.current.kind == "text"
    session.answer(text=WORK_TEXT, personal="keep")
    for proposal in session.pending():
        verdict = verdicts.get(proposal.skill_ref, other)
        if verdict is not None:
            session.confirm(proposal.skill_ref, verdict)
    while not session.finished:
        session.skip()
    passport = session.finish()
    return Interview(session.id, passport.id, store.proposals(session.id))


def _expected(interviews: list[Interview]) -> dict[str, Counter[str]]:
    """Per skill ref: how often proposed and each verdict, counted straight from the store's proposals."""
    out: dict[str, Counter[str]] = {}
    for interview in interviews:
        for p in interview.proposals:
            counts = out.setdefault(p.skill_ref, Counter())
            counts["proposed"] += 1
            counts[p.verdict or "unanswered"] += 1
    return out


@pytest.fixture
def reviewed(context: AppContext) -> tuple[list[Interview], dict[str, str]]:
    """Two interviews and a coach review of the first. Returns them and what the coach did (ref -> action)."""
    first = _interview(context.store, context, {"bouw.metselen": "ja", "bouw.tegelen": "nee"}, other="beetje")
    second = _interview(context.store, context, {"bouw.metselen": "nee", "bouw.tegelen": "nee"}, other=None)
    review = Review(context.store, first.passport_id, coach_session(context.store, COACH))
    by_ref = {s.ref: s for s in review.passport.skills}
    to_reject = next(p.skill_ref for p in first.proposals if p.verdict == "beetje")
    review.accept(by_ref["bouw.metselen"].id)
    review.reject(by_ref[to_reject].id, note=COACH_NOTE)
    proposed = {p.skill_ref for p in first.proposals}
    missed = next(
        ref for ref, s in context.catalogue.skills.items() if s.sector == "bouw" and ref not in proposed
    )
    review.add_skill(context.catalogue, missed, evidence=COACH_EVIDENCE)
    review.add_note(COACH_NOTE)
    return [first, second], {"bouw.metselen": "accepted", to_reject: "rejected", missed: "added"}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["evaluate", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_counts_and_precision_per_skill_and_sector_match_the_interviews(
    context: AppContext, reviewed: tuple[list[Interview], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    interviews, coach = reviewed
    code, out, _err = _run(capsys, "--db", str(context.settings.database), "--json")
    assert code == 0
    report = json.loads(out)
    skills = {row["skill_ref"]: row for row in report["per_skill"]}
    expected = _expected(interviews)
    assert set(skills) == set(expected)
    for ref, want in expected.items():
        row = skills[ref]
        assert row["label"] == context.catalogue.skills[ref].label
        assert row["sector"] == context.catalogue.skills[ref].sector
        got = {k: row[k] for k in ("proposed", "ja", "beetje", "nee", "unanswered")}
        assert got == {k: want[k] for k in got}, ref
        answered = want["ja"] + want["beetje"] + want["nee"]
        precision = (want["ja"] + want["beetje"]) / answered if answered else None
        if precision is None:
            assert row["precision"] is None, ref
        else:
            assert row["precision"] == pytest.approx(precision, abs=1e-4), ref

    # Known for sure, whatever else the matcher finds: the two chosen tasks, in both interviews.
    metselen, tegelen = skills["bouw.metselen"], skills["bouw.tegelen"]
    assert (metselen["proposed"], metselen["ja"], metselen["nee"], metselen["precision"]) == (2, 1, 1, 0.5)
    assert (tegelen["proposed"], tegelen["nee"], tegelen["precision"]) == (2, 2, 0.0)
    # The coach's decisions count on the proposals of the reviewed passport only.
    rejected = next(ref for ref, action in coach.items() if action == "rejected")
    assert (metselen["coach_accepted"], metselen["coach_rejected"]) == (1, 0)
    assert (skills[rejected]["coach_accepted"], skills[rejected]["coach_rejected"]) == (0, 1)
    assert sum(r["coach_accepted"] for r in skills.values()) == 1
    assert sum(r["coach_rejected"] for r in skills.values()) == 1
    # The skill the coach added was never proposed: missed, and hidden from per_skill by --min 1.
    missed = next(ref for ref, action in coach.items() if action == "added")
    assert missed not in skills
    assert report["missed"] == [
        {
            "skill_ref": missed,
            "label": context.catalogue.skills[missed].label,
            "sector": "bouw",
            "sector_label": "Bouw",
            "missed": 1,
        }
    ]
    # Most rejected first.
    nee = [row["nee"] for row in report["per_skill"]]
    assert nee == sorted(nee, reverse=True)

    # Per sector: the sums of its skills; the typed answer brings a second sector (the forklift).
    sectors = {row["sector"]: row for row in report["per_sector"]}
    assert "bouw" in sectors and "logistiek" in sectors
    for sector, row in sectors.items():
        refs = [ref for ref in expected if context.catalogue.skills[ref].sector == sector]
        for key in ("proposed", "ja", "beetje", "nee", "unanswered"):
            assert row[key] == sum(expected[ref][key] for ref in refs), (sector, key)
        assert row["skills"] == len(refs)
        for key in ("coach_accepted", "coach_rejected"):
            assert row[key] == sum(skills[ref][key] for ref in refs), (sector, key)
        assert row["sector_label"] == (context.catalogue.sectors[sector] if sector else "Algemeen")
        answered = row["ja"] + row["beetje"] + row["nee"]
        if answered:
            assert row["precision"] == pytest.approx((row["ja"] + row["beetje"]) / answered, abs=1e-4)
    assert sectors["bouw"]["missed"] == 1

    totals = report["totals"]
    assert (totals["sessions"], totals["passports"], totals["reviewed_passports"]) == (2, 2, 1)
    assert totals["proposed"] == sum(len(i.proposals) for i in interviews)
    assert (totals["coach_accepted"], totals["coach_rejected"], totals["missed"]) == (1, 1, 1)
    assert totals["proposed"] == sum(row["proposed"] for row in report["per_sector"])


def test_the_text_table_is_most_rejected_first_and_json_says_the_same(
    context: AppContext, reviewed: tuple[list[Interview], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(context.settings.database)
    code, text, _err = _run(capsys, "--db", db)
    assert code == 0
    _code, out, _err = _run(capsys, "--db", db, "--json")
    report = json.loads(out)
    lines = text.splitlines()
    assert lines[0] == "Welke voorstellen mensen afwijzen"
    header = next(i for i, line in enumerate(lines) if line.startswith("Vaardigheid"))
    for word in ("Sector", "Voorgesteld", "Ja", "Een beetje", "Nee", "Geen antwoord", "Coach nee", "Klopt"):
        assert word in lines[header]
    # The table rows are the per_skill rows, in the same order, each with its numbers.
    rows = lines[header + 1 : header + 1 + len(report["per_skill"])]
    for line, row in zip(rows, report["per_skill"], strict=True):
        assert line.startswith(row["label"][:39])
        percent = "-" if row["precision"] is None else f"{round(row['precision'] * 100)}%"
        assert line.split()[-1] == percent
        assert line.split()[-9:-1] == [
            str(row[k])
            for k in (
                "proposed",
                "ja",
                "beetje",
                "nee",
                "unanswered",
                "coach_accepted",
                "coach_rejected",
                "missed",
            )
        ]
    assert "Per sector." in lines
    assert "Gemist: een coach voegde dit toe, de kiosk vroeg er niet naar." in lines
    assert "Gesprekken: 2. Paspoorten: 2. Door een coach bekeken: 1." in lines


def test_no_personal_text_reaches_the_report(
    context: AppContext, reviewed: tuple[list[Interview], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    interviews, _coach = reviewed
    db = str(context.settings.database)
    outputs = [
        _run(capsys, "--db", db, *extra)
        for extra in ((), ("--json",), ("--min", "0"), ("--json", "--min", "0"))
    ]
    labels = " ".join(s.label for s in context.catalogue.skills.values()).lower()
    forbidden = [NICKNAME, PLACE, WORK_TEXT, COACH, "Vlinderdas", "Pimpelmees", COACH_EVIDENCE, COACH_NOTE]
    for interview in interviews:
        forbidden += [interview.session_id, interview.passport_id]
        for p in interview.proposals:
            # Text that is also a catalogue label is no personal text: evidence, or the answer of a ticked
            # choice that names its skill ("Muren metselen" is the button and the skill's label).
            for text in (p.answer_text, p.evidence):
                if text.lower() not in labels:
                    forbidden.append(text)
    assert any(p.question_id == "werk_vertel" for i in interviews for p in i.proposals)
    for code, out, err in outputs:
        assert code == 0 and out
        for text in forbidden:
            assert text.lower() not in (out + err).lower(), text


def test_min_hides_skills_proposed_less_often(
    context: AppContext, reviewed: tuple[list[Interview], dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    interviews, _coach = reviewed
    db = str(context.settings.database)
    expected = _expected(interviews)
    _code, out, _err = _run(capsys, "--db", db, "--json", "--min", "2")
    report = json.loads(out)
    assert {r["skill_ref"] for r in report["per_skill"]} == {
        ref for ref, c in expected.items() if c["proposed"] >= 2
    }
    assert report["min"] == 2
    # Sectors and totals always count everything.
    assert report["totals"]["proposed"] == sum(c["proposed"] for c in expected.values())
    _code, out, _err = _run(capsys, "--db", db, "--json", "--min", "0")
    assert len(json.loads(out)["per_skill"]) == len(expected) + 1  # and the missed skill
    _code, text, _err = _run(capsys, "--db", db, "--min", "99")
    assert "Geen vaardigheid is 99 keer of vaker voorgesteld." in text


def test_an_empty_store_says_so_kindly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "leeg.sqlite3")
    code, out, err = _run(capsys, "--db", db)
    assert (code, out, err) == (0, empty_message() + "\n", "")
    assert out == "Er zijn nog geen voorstellen. Er is nog niets te tellen.\n"
    code, out, err = _run(capsys, "--db", db, "--json")
    assert code == 0 and err.strip() == empty_message()
    report = json.loads(out)
    assert (report["per_skill"], report["per_sector"], report["missed"]) == ([], [], [])
    assert report["totals"]["proposed"] == 0 and report["totals"]["precision"] is None


def test_the_installed_command_gives_the_same_json(
    context: AppContext, reviewed: tuple[list[Interview], dict[str, str]]
) -> None:
    done = subprocess.run(
        [str(ASSISTENT), "evaluate", "--db", str(context.settings.database), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report == json.loads(json.dumps(evaluate(context.store, context.catalogue).as_json(1)))


def test_the_central_postgresql_store_gives_the_same_report(
    context: AppContext, pg_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    central = Store(pg_url, FieldCipher(os.environ["ASSISTENT_STORE_KEY"]))
    try:
        done = _interview(central, context, {"bouw.metselen": "ja"}, other="nee")
    finally:
        central.close()
    monkeypatch.setenv("ASSISTENT_DATABASE_URL", pg_url)
    code, out, _err = _run(capsys, "--json")
    assert code == 0
    report = json.loads(out)
    skills = {row["skill_ref"]: row for row in report["per_skill"]}
    assert set(skills) == {p.skill_ref for p in done.proposals}
    assert (skills["bouw.metselen"]["ja"], skills["bouw.metselen"]["precision"]) == (1, 1.0)
    assert report["totals"]["nee"] == len(done.proposals) - 1
    assert NICKNAME not in out and PLACE not in out and done.session_id not in out


def test_an_earlier_nee_counts_and_sources_are_reported(context: AppContext) -> None:
    """A skill rejected for one answer and asked again for another was asked twice: both answers count.
    The report also says where proposals came from (said in words, by meaning, by a job, by a choice)."""
    from tests.test_nee_per_answer import AT_MOSQUE, AT_WORK, COOKING, _say, _start

    session = _start(context)
    _say(session, "werk_vertel", AT_WORK, {"werk_vroeger"})
    session.confirm(COOKING, "nee")
    _say(session, "vrijwilliger_vertel", AT_MOSQUE, {"vrijwilliger"})
    session.confirm(COOKING, "ja")

    report = evaluate(context.store, context.catalogue).as_json()
    [cooking] = [r for r in report["per_skill"] if r["skill_ref"] == COOKING]
    assert (cooking["proposed"], cooking["ja"], cooking["nee"]) == (2, 1, 1)
    assert cooking["precision"] == 0.5
    sources = report["per_source"]
    assert "direct" in sources and set(sources) <= {"direct", "meaning", "occupation", "choice"}
    assert sum(s["proposed"] for s in sources.values()) == report["totals"]["proposed"]
