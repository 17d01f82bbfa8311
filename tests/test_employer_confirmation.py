"""An employer confirms chosen skills without an account (`assistent bevestig`): a one-time code or a request
file, plain questions read line by line from stdin, a judgement and an Open Badges endorsement signed with a
key made for this confirmation; the skill becomes a skillscertificaat. Refused, kindly and with nothing lost:
a skill the holder does not share, a used or ended code, a bad name, a broken or changed request file, and
one changed byte in what the employer signed."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant import attestation
from assistant.cli import main
from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.export import signing
from assistant.passport.history import who
from assistant.passport.model import Passport
from assistant.passport.review import Review
from assistant.passport.vouching import vouching_text
from tests.conftest import coach_session
from tests.ob3_support import consent_for, interviewed_passport

GOOD_ANSWERS = "Jan Jansen\nBouwbedrijf De Steen\nUitvoerder\nja\nZag hem drie jaar metselen\n"


@pytest.fixture(autouse=True)
def _own_data_dir(settings, monkeypatch) -> None:
    # The command line reads its settings from the environment: keys and files stay in this test's folder.
    monkeypatch.setenv("ASSISTENT_DATA_DIR", str(settings.data_dir))


def _shared(context: AppContext) -> tuple[Passport, str]:
    passport = context.store.passport(interviewed_passport(context))
    consent = context.store.add_consent(consent_for(passport))
    return passport, consent.id


def _ask(settings, capsys, pid: str, cid: str, *refs: str, extra: tuple[str, ...] = ()) -> tuple[int, str]:
    argv = [
        "bevestig",
        "vraag",
        pid,
        "--toestemming",
        cid,
        "--vaardigheid",
        *refs,
        "--db",
        str(settings.db_path),
    ]
    status = main([*argv, *extra])
    out = capsys.readouterr()
    found = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", out.out)
    return status, (found.group(0) if found else out.err)


def _confirm(settings, monkeypatch, capsys, stdin: str, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(["bevestig", *args, "--db", str(settings.db_path)])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_a_confirmed_skill_becomes_a_skillscertificaat_signed_by_the_employer(
    context: AppContext, settings, monkeypatch, capsys
) -> None:
    passport, cid = _shared(context)
    status, code = _ask(settings, capsys, passport.id, cid, "bouw.metselen")
    assert status == 0, code
    status, out, err = _confirm(settings, monkeypatch, capsys, GOOD_ANSWERS, code)
    assert status == 0, err
    assert "Wat is uw naam?" in out and "Kan Piet dit: Muren metselen?" in out
    assert "U bevestigde 1 van de 1 vaardigheden" in out
    saved = context.store.passport(passport.id)
    skill = next(s for s in saved.skills if s.ref == "bouw.metselen")
    other = next(s for s in saved.skills if s.ref != "bouw.metselen")
    assert skill.level == "skillscertificaat" and other.level == "skillsverklaring"
    judgement = skill.provenance[-1]
    assert (judgement.assessed_by, judgement.assessor, judgement.organisation, judgement.role) == (
        "employer",
        "Jan Jansen",
        "Bouwbedrijf De Steen",
        "Uitvoerder",
    )
    assert judgement.evidence[0].text == "Zag hem drie jaar metselen"
    assert judgement.signed_by and judgement.signed_by in out
    assert attestation.verify_confirmation(passport.id, skill.ref, judgement) == judgement.signed_by
    assert judgement.endorsement and judgement.endorsement["issuer"]["id"] == judgement.signed_by
    assert vouching_text(skill).startswith(
        "Jan Jansen (Uitvoerder, Bouwbedrijf De Steen) heeft het bevestigd"
    )
    # The passport's history names the employer as the maker of this version.
    last = context.store.passport_history(passport.id)[-1]
    assert (last.actor_kind, last.actor) == ("employer", "Jan Jansen")
    assert who(last) == "werkgever Jan Jansen"
    # The same code a second time: refused, and nothing changes.
    status, _out, err = _confirm(settings, monkeypatch, capsys, GOOD_ANSWERS, code)
    assert status == 2 and "E622" in err
    assert context.store.passport(passport.id) == saved


def test_one_changed_byte_in_a_confirmation_or_its_endorsement_is_refused(
    context: AppContext, settings, monkeypatch, capsys
) -> None:
    passport, cid = _shared(context)
    _status, code = _ask(settings, capsys, passport.id, cid, "bouw.metselen")
    assert _confirm(settings, monkeypatch, capsys, GOOD_ANSWERS, code)[0] == 0
    skill = next(s for s in context.store.passport(passport.id).skills if s.ref == "bouw.metselen")
    judgement = skill.provenance[-1]
    changed = judgement.model_copy(update={"organisation": "Bouwbedrijf De Steeb"})
    with pytest.raises(AssistantError) as info:
        attestation.verify_confirmation(passport.id, skill.ref, changed)
    assert info.value.code == "E601"
    endorsement = json.loads(json.dumps(judgement.endorsement))
    endorsement["credentialSubject"]["endorsementComment"] += "!"
    with pytest.raises(AssistantError) as info:
        signing.verify_proof(endorsement)
    assert info.value.code == "E601"


def test_a_skill_the_holder_does_not_share_cannot_be_asked(context: AppContext, settings, capsys) -> None:
    passport, cid = _shared(context)
    review = Review(context.store, passport.id, coach_session(context.store, "Coach Anja"))
    rejected = review.passport.skills[1]
    review.reject(rejected.id)
    status, err = _ask(settings, capsys, passport.id, cid, "bouw.metselen", rejected.ref)
    assert status == 2 and "E621" in err and rejected.ref in err
    with context.store._read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM confirmation_requests").scalar() == 0
    # Not shared at all: a consent for experiences only.
    only_words = context.store.add_consent(consent_for(passport, parts=("experiences",)))
    status, err = _ask(settings, capsys, passport.id, only_words.id, "bouw.metselen")
    assert status == 2 and "E505" in err


def test_an_ended_or_unknown_code_is_refused(context: AppContext) -> None:
    passport, cid = _shared(context)
    code, _request = attestation.ask(
        context.store,
        passport.id,
        cid,
        ["bouw.metselen"],
        "balie",
        days=7,
        now=datetime.now(UTC) - timedelta(days=8),
    )
    with pytest.raises(AssistantError) as info:
        attestation.open_request(context.store, code)
    assert info.value.code == "E623"
    with pytest.raises(AssistantError) as info:
        attestation.open_request(context.store, "AAAA-BBBB-CCCC")
    assert info.value.code == "E622"


@pytest.mark.parametrize(
    "name",
    ["", "J", "Jan\x1b[31m Jansen", "Jan\u202eJansen", "x" * 101],
    ids=["empty", "short", "ansi", "bidi", "huge"],
)
def test_a_bad_name_is_refused_kindly_and_nothing_is_lost(
    context: AppContext, settings, monkeypatch, capsys, name: str
) -> None:
    passport, cid = _shared(context)
    _status, code = _ask(settings, capsys, passport.id, cid, "bouw.metselen")
    before = context.store.passport(passport.id)
    status, _out, err = _confirm(settings, monkeypatch, capsys, f"{name}\n", code)
    assert status == 2 and "E624" in err and "E626" in err
    assert context.store.passport(passport.id) == before
    # Asked again after a bad name: the right one is taken; the code still works.
    status, _out, err = _confirm(settings, monkeypatch, capsys, f"{name}\n{GOOD_ANSWERS}", code)
    assert status == 0, err
    assert context.store.passport(passport.id).skills[0].level == "skillscertificaat"


def test_no_and_dont_know_change_nothing(context: AppContext, settings, monkeypatch, capsys) -> None:
    passport, cid = _shared(context)
    refs = [s.ref for s in passport.skills]
    _status, code = _ask(settings, capsys, passport.id, cid, *refs)
    answers = "Jan Jansen\nBouw BV\nUitvoerder\nmisschien\nnee\nweet ik niet\n"
    status, _out, err = _confirm(settings, monkeypatch, capsys, answers, code)
    assert status == 0 and "Typ ja, nee of weet ik niet." in err
    assert all(s.level == "skillsverklaring" for s in context.store.passport(passport.id).skills)


def test_a_request_file_works_once_and_a_changed_one_is_refused(
    context: AppContext, settings, monkeypatch, capsys, tmp_path: Path
) -> None:
    passport, cid = _shared(context)
    request_path = tmp_path / "verzoek.json"
    status, _code = _ask(
        settings, capsys, passport.id, cid, "bouw.metselen", extra=("--bestand", str(request_path))
    )
    assert status == 0
    good = request_path.read_text(encoding="utf-8")
    # Another skill written into the file: refused.
    body = json.loads(good)
    body["verzoek"]["skills"][0]["ref"] = passport.skills[1].ref
    request_path.write_text(json.dumps(body), encoding="utf-8")
    status, _out, err = _confirm(settings, monkeypatch, capsys, GOOD_ANSWERS, "--bestand", str(request_path))
    assert status == 2 and "E625" in err
    request_path.write_text(good[:-20], encoding="utf-8")
    status, _out, err = _confirm(settings, monkeypatch, capsys, GOOD_ANSWERS, "--bestand", str(request_path))
    assert status == 2 and "E625" in err
    assert context.store.passport(passport.id).skills[0].level == "skillsverklaring"
    request_path.write_text(good, encoding="utf-8")
    status, _out, err = _confirm(settings, monkeypatch, capsys, GOOD_ANSWERS, "--bestand", str(request_path))
    assert status == 0, err
    assert context.store.passport(passport.id).skills[0].level == "skillscertificaat"
