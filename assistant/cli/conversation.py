"""`assistent gesprek ID [--uit BESTAND] [--taal xx]`: the conversation sheet for the development
conversation (ontwikkelgesprek), a one- or two-page A4 PDF.

It runs as a person, like every command that reaches a passport (`common.store_for_person`): on the
central store after a coach login, and a coach only gets a passport whose holder lets that coach look
(E515). Without `--uit` the sheet goes to the desk's export folder (`Settings.exports`); the path is
printed. Nothing is written when the passport cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.cli.common import settings_from, store_for_person
from assistant.i18n import _


def add_conversation_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `gesprek` command on the parser's subcommands."""
    sheet = sub.add_parser("gesprek", help="maak het gespreksblad voor het ontwikkelgesprek (PDF)")
    sheet.add_argument("--db", help="pad naar het SQLite-bestand")
    sheet.add_argument("id", help="paspoort-id")
    sheet.add_argument("--uit", help="schrijf naar dit bestand (anders: de map voor exports)")
    sheet.add_argument("--taal", help="taal van het blad (standaard de taal van het paspoort)")
    sheet.add_argument(
        "--inloggen", action="store_true", help="log in als coach of beheerder (naam en wachtwoord)"
    )
    sheet.set_defaults(func=cmd_conversation_sheet)


def cmd_conversation_sheet(args: argparse.Namespace) -> int:
    from assistant.development.learning_options import load_learning_options
    from assistant.export.conversation_sheet_file import make_sheet, sheet_file_name, write_sheet
    from assistant.skills.catalogue import load_catalogue
    from assistant.taxonomy.knowledge_base import KnowledgeBase

    settings = settings_from(args)
    catalogue = load_catalogue(settings.catalogue_dir)
    learning = load_learning_options(settings.catalogue_dir, catalogue)
    with store_for_person(args, "gesprek") as (store, actor):
        kb = KnowledgeBase.existing(settings.taxonomy_dir)
        try:
            data = make_sheet(
                store,
                args.id,
                actor,
                catalogue,
                learning,
                coach_token=store.coach_token,
                language=args.taal,
                locales_dir=settings.locales_dir,
                knowledge_base=kb,
            )
        finally:
            if kb is not None:
                kb.close()
    if args.uit:
        path = write_sheet(Path(args.uit), data)
    else:
        path = write_sheet(settings.exports / sheet_file_name(args.id), data, private_folder=True)
    print(_("Het gespreksblad staat in: {path}").format(path=str(path)))
    return 0
