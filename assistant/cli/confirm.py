"""`assistent bevestig` and `assistent beoordeling`.

`bevestig`: an employer confirms skills, without an account (`bevestig CODE` or `bevestig
--bestand F`), and a coach or the desk asks for it (`bevestig vraag ID --toestemming CID --vaardigheid REF…
[--bestand F] [--dagen 7]`, with a login on the central store like every command that reaches a person's data).

The employer's questions are short and plain, one per line, and are read line by line from stdin, so a
script or a test can answer them as a person at a terminal would. The rules are in `assistant.attestation`.

`beoordeling sleutel --uit FILE` makes an outside assessor's key file; `beoordeling ID --sleutel FILE
--vaardigheid REF --standaard … --uitslag … --datum JJJJ-MM-DD --naam … --organisatie …` records a passed
result, signed with that key (`assistant.outside_assessment`), with a login on the central store.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from assistant.cli.common import settings_from, store_for_person
from assistant.errors import AssistantError
from assistant.i18n import N_, _

if TYPE_CHECKING:
    from assistant.attestation import Answer

T = TypeVar("T")

INTRO = N_("U bent gevraagd om vaardigheden van {who} te bevestigen.")
ONLY_WHAT_YOU_SAW = N_("Zeg alleen ja als u het zelf zag.")
ASK_NAME = N_("Wat is uw naam?")
ASK_ORGANISATION = N_("Bij welke organisatie werkt u?")
ASK_ROLE = N_("Wat is uw functie?")
ASK_SKILL = N_("Kan {who} dit: {skill}? Typ ja, nee of weet ik niet.")
ASK_EVIDENCE = N_("Waaraan zag u dat? Typ het kort, of druk op Enter.")
CHOOSE = N_("Typ ja, nee of weet ik niet.")
THIS_PERSON = N_("deze persoon")
THANKS = N_("Dank u. U bevestigde {count} van de {total} vaardigheden.")
SIGNED = N_("Uw antwoord is ondertekend met een sleutel voor deze keer: {did}")
KEY_MADE = N_("De sleutel staat in {file}. Bewaar hem goed en geef hem aan niemand.")
KEY_DID = N_("Uw openbare sleutel: {did}")
ASSESSED = N_("Vastgelegd: {skill} is nu een skillsbewijs, ondertekend door {name}.")
CODE_LINE = N_("Code voor de werkgever: {code}. Hij werkt een keer, tot {date}.")
FILE_LINE = N_("Het bestand voor de werkgever staat in {file}.")
ANSWERS = {
    "ja": "ja",
    "j": "ja",
    "nee": "nee",
    "n": "nee",
    "weet ik niet": "weet niet",
    "weet niet": "weet niet",
}
#: A wrong name or answer is asked again, this many times, before the command stops (nothing saved).
TRIES = 3


def cmd_confirm(args: argparse.Namespace) -> int:
    words = list(args.words)
    if words and words[0] == "vraag":
        return _ask(args, words[1:])
    return _answer(args, "".join(words))


def _ask(args: argparse.Namespace, rest: list[str]) -> int:
    from assistant import attestation, sharing

    if len(rest) != 1 or not args.toestemming:
        raise AssistantError("E506", what="bevestig vraag ID --toestemming CID --vaardigheid REF")
    with store_for_person(args, "bevestig vraag") as (store, actor):
        code, request = attestation.ask(
            store, rest[0], args.toestemming, list(args.vaardigheid or []), actor, days=args.dagen
        )
    if args.bestand:
        sharing.write_file(Path(args.bestand), attestation.request_file(code, request))
        print(_(FILE_LINE).format(file=args.bestand))
    print(_(CODE_LINE).format(code=attestation.shown_code(code), date=request.expires_at.date().isoformat()))
    return 0


def _answer(args: argparse.Namespace, code: str) -> int:
    from assistant import attestation
    from assistant.storage import open_store

    store = open_store(settings_from(args))
    try:
        if args.bestand:
            request = attestation.open_request_file(store, Path(args.bestand))
        else:
            request = attestation.open_request(store, code)
        who = request.nickname or _(THIS_PERSON)
        print(_(INTRO).format(who=who))
        print(_(ONLY_WHAT_YOU_SAW))
        employer = attestation.Employer(
            name=_checked(ASK_NAME, lambda text: attestation.clean_name(text, "naam")),
            organisation=_checked(ASK_ORGANISATION, lambda text: attestation.clean_name(text, "organisatie")),
            role=_checked(ASK_ROLE, lambda text: attestation.clean_name(text, "functie")),
        )
        answers = []
        for skill in request.skills:
            choice = _checked(_(ASK_SKILL).format(who=who, skill=skill.label), _choice, translated=True)
            evidence = _checked(ASK_EVIDENCE, attestation.clean_evidence) if choice == "ja" else None
            answers.append(attestation.SkillAnswer(skill.ref, choice, evidence))
        result = attestation.answer(store, request, employer, answers)
    finally:
        store.close()
    print(_(THANKS).format(count=len(result.confirmed), total=len(request.skills)))
    print(_(SIGNED).format(did=result.did))
    return 0


def _choice(text: str) -> Answer:
    choice = ANSWERS.get(" ".join(text.lower().split()))
    if choice is None:
        raise ValueError(text)
    return cast("Answer", choice)


def _checked(question: str, check: Callable[[str], T], translated: bool = False) -> T:
    """Asks `question` (a msgid, or a text already translated) and returns the checked answer; a wrong
    answer is explained and asked again. No line left (stdin ended): E626, nothing saved."""
    text = question if translated else _(question)
    for _try in range(TRIES):
        print(text, flush=True)
        line = sys.stdin.readline()
        if not line:
            break
        try:
            return check(line.rstrip("\r\n"))
        except AssistantError as exc:
            print(exc.user_message(), file=sys.stderr, flush=True)
        except ValueError:
            print(_(CHOOSE), file=sys.stderr, flush=True)
    raise AssistantError("E626")


def cmd_assess(args: argparse.Namespace) -> int:
    from assistant import outside_assessment

    words = list(args.words)
    if words == ["sleutel"]:
        if not args.uit:
            raise AssistantError("E629", what="--uit", why="het bestand voor de nieuwe sleutel")
        did = outside_assessment.make_key_file(Path(args.uit))
        print(_(KEY_MADE).format(file=args.uit))
        print(_(KEY_DID).format(did=did))
        return 0
    if len(words) != 1:
        raise AssistantError("E629", what="beoordeling", why="een paspoort-id, of: sleutel --uit FILE")
    for option in ("sleutel", "vaardigheid", "standaard", "uitslag", "datum", "naam", "organisatie"):
        if not getattr(args, option):
            raise AssistantError("E629", what=f"--{option}", why="dit is nodig")
    key = outside_assessment.load_key(Path(args.sleutel))
    day = outside_assessment.parse_day(args.datum)
    with store_for_person(args, "beoordeling") as (store, actor):
        judgement = outside_assessment.record(
            store,
            words[0],
            args.vaardigheid,
            key,
            name=args.naam,
            organisation=args.organisatie,
            standard=args.standaard,
            result=args.uitslag,
            day=day,
            actor=actor,
        )
    print(_(ASSESSED).format(skill=args.vaardigheid, name=judgement.assessor))
    return 0
