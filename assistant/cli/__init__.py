"""The `assistent` command: kiosk, coach, map, export, schema, check-dialogue and check-language.

This module assembles the parser, in the order the help lists the commands, and runs one command; each
command lives in the module of its group (`kiosk`, `accounts`, `skills`, `passports`, `checks`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from assistant import languages
from assistant.cli.accounts import cmd_coach
from assistant.cli.admin import TOKEN_COMMANDS, cmd_admin
from assistant.cli.checks import cmd_check_dialogue, cmd_check_language, cmd_schema
from assistant.cli.compare import add_compare_command
from assistant.cli.confirm import cmd_assess, cmd_confirm
from assistant.cli.conversation import add_conversation_command
from assistant.cli.holder import add_holder_command
from assistant.cli.keys import cmd_key
from assistant.cli.kiosk import cmd_kiosk, cmd_serve, cmd_sync
from assistant.cli.passports import (
    cmd_consent,
    cmd_delete,
    cmd_drafts,
    cmd_export,
    cmd_follow_up,
    cmd_history,
    cmd_log,
    cmd_verify,
)
from assistant.cli.recovery import cmd_recover
from assistant.cli.skills import cmd_evaluate, cmd_map, cmd_rank, cmd_taxonomy
from assistant.cli.web import add_web_command
from assistant.errors import AssistantError
from assistant.export.registry import FORMATS, format_help, format_named

Command = Callable[[argparse.Namespace], int]


def _codes() -> str:
    """The languages a person can choose at the kiosk, from the one language registry."""
    return ", ".join(language.code for language in languages.offered())


LANGUAGE_HELP = f"taal om mee te beginnen: {_codes()}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistent", description="Skillspaspoort-assistent")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str, func: Command) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db", help="pad naar het SQLite-bestand")
        p.set_defaults(func=func)
        return p

    kiosk = add("kiosk", "start de kiosk", cmd_kiosk)
    kiosk.add_argument("--lang", help=LANGUAGE_HELP)
    coach = add("coach", "start het programma voor coaches", cmd_coach)
    # The coach's name comes from the login now; there is no --naam to claim someone else's.
    coach.add_argument(
        "action",
        nargs="?",
        choices=["add-user", "sleutel"],
        help="add-user: maak een account; sleutel intrekken|vernieuwen NAAM: de sleutel van een account",
    )
    coach.add_argument("name", nargs="?", metavar="NAAM", help="naam van het nieuwe account")
    coach.add_argument("key_name", nargs="?", metavar="NAAM", help="sleutel: naam van het account")
    coach.add_argument(
        "--rol", default="coach", choices=["coach", "vakbondsconsulent"], help="rol van het nieuwe account"
    )
    coach.add_argument("--vakbond", help="voor een vakbondsconsulent: FNV of CNV (verplicht)")
    add_holder_command(sub)
    sync = add("sync", "stuur de antwoorden van dit loket nu naar de centrale opslag", cmd_sync)
    sync.add_argument("--batch", type=int, default=100, help="hoeveel wijzigingen per keer")
    serve = add("serve", "start de kiosk in de browser (textual-serve)", cmd_serve)
    serve.add_argument("--lang", help=LANGUAGE_HELP)
    # Loopback by default: the kiosk must not be reachable from the network unless someone chooses that.
    serve.add_argument("--host", default="127.0.0.1", help="adres om op te luisteren (standaard alleen hier)")
    serve.add_argument("--port", type=int, default=8000, help="poort (standaard 8000)")
    serve.add_argument("--lettergrootte", type=int, default=24, help="lettergrootte in de browser, in pixels")
    web_codes = ", ".join(language.code for language in languages.LANGUAGES)
    add_web_command(sub, f"taal om mee te beginnen: {web_codes}")
    mapper = add("map", "zoek vaardigheden in antwoorden (een per regel)", cmd_map)
    mapper.add_argument(
        "--jsonl", action="store_true", required=True, help="een JSON-object per regel uitvoer"
    )
    rank = add("rank", "rangschik de namen in een corpus voor elke vraag op stdin", cmd_rank)
    rank.add_argument("--corpus", required=True, help="TSV-bestand: id<TAB>naam per regel")
    rank.add_argument("--k", type=int, default=100, help="hoeveel ids per vraag")
    taxonomy = add("taxonomy", "kennisbank met CompetentNL en ESCO", cmd_taxonomy)
    taxonomy.add_argument("action", choices=["import", "status", "build-model"])
    taxonomy.add_argument("paths", nargs="*")
    taxonomy.add_argument(
        "--full",
        action="store_true",
        help="build-model: ook alle beroepsnamen en het rangschikken (make bench)",
    )
    taxonomy.add_argument(
        "--if-needed", action="store_true", help="build-model: alleen als er nog geen goed model is"
    )
    export = add("export", "exporteer wat een toestemming toestaat", cmd_export)
    export.add_argument("id")
    export.add_argument(
        "--format",
        default="json",
        type=_export_format,
        choices=list(FORMATS),
        help=f"soort bestand, standaard json. {format_help()}",
    )
    export.add_argument("--toestemming", help="id van de toestemming van de eigenaar (verplicht)")
    export.add_argument("--out", help="schrijf naar dit bestand in plaats van naar het scherm")
    export.add_argument(
        "--een-bestand",
        action="store_true",
        help="ob3: alle verklaringen in een bestand voor een wallet (een VerifiablePresentation)",
    )
    export.add_argument("--door", help="doet niets meer: het logboek noemt wie inlogt")
    export.add_argument("--taal", default=languages.source().code, help=f"taal van de PDF ({_codes()})")
    confirm = add(
        "bevestig",
        "een werkgever bevestigt vaardigheden met een code of een bestand; 'vraag ID' maakt de code",
        cmd_confirm,
    )
    confirm.add_argument("words", nargs="*", metavar="CODE", help="de code, of: vraag PASPOORT-ID")
    confirm.add_argument(
        "--toestemming", help="vraag: id van de toestemming waaronder de vaardigheden gedeeld zijn"
    )
    confirm.add_argument(
        "--vaardigheid",
        nargs="+",
        action="extend",
        help="vraag: de vaardigheden (ref of id) om te bevestigen",
    )
    confirm.add_argument(
        "--bestand", help="vraag: schrijf ook een bestand voor de werkgever; anders: lees dit bestand"
    )
    confirm.add_argument(
        "--dagen", type=int, default=7, help="vraag: hoe lang de code werkt (1 tot 30, standaard 7)"
    )
    confirm.add_argument(
        "--inloggen", action="store_true", help="vraag: log in als coach of beheerder (naam en wachtwoord)"
    )
    assess = add(
        "beoordeling",
        "een beoordelaar van buiten legt een uitslag vast (skillsbewijs); 'sleutel --uit FILE' maakt de sleutel",
        cmd_assess,
    )
    assess.add_argument("words", nargs="*", metavar="ID", help="paspoort-id, of: sleutel")
    assess.add_argument("--uit", help="sleutel: het nieuwe sleutelbestand (wordt nooit overschreven)")
    assess.add_argument("--sleutel", help="het sleutelbestand van de beoordelaar")
    assess.add_argument("--vaardigheid", help="de vaardigheid (ref of id)")
    assess.add_argument("--standaard", help="kwalificatiedossier of naam van het certificaat")
    assess.add_argument("--uitslag", help="de uitslag, zoals: voldoende")
    assess.add_argument("--datum", help="datum van de uitslag (JJJJ-MM-DD)")
    assess.add_argument("--naam", help="naam van de beoordelaar")
    assess.add_argument("--organisatie", help="organisatie van de beoordelaar")
    assess.add_argument("--inloggen", action="store_true", help="log in als coach of beheerder")
    verify = add("verify", "controleer of ondertekende verklaringen (Open Badges) echt zijn", cmd_verify)
    verify.add_argument("file")
    consent = add("toestemming", "geef, toon of trek een toestemming in", cmd_consent)
    consent.add_argument("actie", choices=["geef", "toon", "intrekken"])
    consent.add_argument("id", help="paspoort-id (geef, toon) of toestemming-id (intrekken)")
    consent.add_argument("--delen", default="skills", help="delen: experiences,skills,ambitions,notes")
    consent.add_argument("--soort", default="coach", choices=["coach", "employer", "school", "other"])
    consent.add_argument("--ontvanger", default="", help="naam van de ontvanger")
    consent.add_argument("--doel", default="", help="waarvoor de ontvanger het mag gebruiken")
    consent.add_argument("--tot", default="", help="tot en met deze datum (JJJJ-MM-DD)")
    consent.add_argument("--door", help="doet niets meer: het logboek noemt wie inlogt")
    delete = add("delete", "wis een paspoort en alle antwoorden erachter", cmd_delete)
    delete.add_argument("id")
    delete.add_argument("--zeker", action="store_true", help="ja, echt wissen")
    delete.add_argument("--door", help="doet niets meer: het logboek noemt wie inlogt")
    log = add("log", "toon het logboek: wie zag, veranderde, exporteerde of wiste wat", cmd_log)
    log.add_argument("id", nargs="?")
    drafts = add("drafts", "toon alle paspoorten", cmd_drafts)
    history = add(
        "geschiedenis", "toon elke versie van een paspoort: wie veranderde wat en wanneer", cmd_history
    )
    history.add_argument("id")
    follow_up = add(
        "vervolg", "start een vervolggesprek: de persoon vult alleen in wat nieuw is", cmd_follow_up
    )
    follow_up.add_argument("id")
    add_conversation_command(sub)
    for person_command in (export, consent, delete, log, drafts, history, follow_up):
        # On the central store a login is always asked; on a desk's own file only with this option.
        person_command.add_argument(
            "--inloggen", action="store_true", help="log in als coach of beheerder (naam en wachtwoord)"
        )
    admin = add("beheer", "beheer: een eenmalig token voor een script (na inloggen)", cmd_admin)
    admin.add_argument("actie", choices=["token"])
    admin.add_argument("commando", choices=TOKEN_COMMANDS, help="het commando waar het token voor geldt")
    admin.add_argument("--minuten", type=int, default=15, help="hoe lang het token geldt (standaard 15)")
    key = add("sleutel", "toon, vervang of vergeet de sleutel van de regio", cmd_key)
    key.add_argument("actie", choices=["toon", "roteer", "bijwerken", "vergeet"])
    key.add_argument("id", nargs="?", help="vergeet: de oude sleutel die weg mag")
    recover = add(
        "herstel", "zet de nieuwste goede reservekopie van de opslag van dit loket terug", cmd_recover
    )
    recover.add_argument("--lijst", action="store_true", help="toon alleen de reservekopieën")
    recover.add_argument("--zeker", action="store_true", help="ook als de opslag in orde is")
    add_compare_command(sub)
    add("schema", "druk het JSON-schema van het paspoort af", cmd_schema)
    check = add("check-dialogue", "controleer gespreksbestanden", cmd_check_dialogue)
    check.add_argument("files", nargs="*")
    add("check-language", "controleer of alle teksten eenvoudig Nederlands zijn", cmd_check_language)
    evaluate = add("evaluate", "welke voorgestelde vaardigheden mensen het vaakst afwijzen", cmd_evaluate)
    evaluate.add_argument("--json", action="store_true", help="een JSON-object in plaats van een tabel")
    evaluate.add_argument(
        "--min",
        type=int,
        default=1,
        metavar="N",
        help="toon alleen vaardigheden die N keer of vaker zijn voorgesteld",
    )
    return parser


def _export_format(name: str) -> str:
    # argparse's own "invalid choice" would replace the assistant's E401 message, which names the choices.
    return format_named(name).name


def main(argv: Sequence[str] | None = None) -> int:
    try:
        # Inside the try: an option's type may raise an AssistantError (an unknown --format).
        args = build_parser().parse_args(argv)
        return int(args.func(args))
    except AssistantError as exc:
        print(exc.user_message(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
