"""`assistent web`: the touch kiosk in a browser (pictures, speech, Arabic right to left), on loopback."""

from __future__ import annotations

import argparse
import contextlib
import sys

from assistant.cli.common import settings_from
from assistant.cli.recovery import refuse_a_damaged_store, sqlite_file
from assistant.errors import StorageError
from assistant.i18n import _


def cmd_web(args: argparse.Namespace) -> int:
    from assistant.context import load_context
    from assistant.serve import port_is_free
    from assistant.storage.backup import periodic_backups
    from assistant.storage.sync import background_sync
    from assistant.web.server import make_server

    settings = settings_from(args)
    refuse_a_damaged_store(settings)
    if not port_is_free(args.host, args.port):
        print(
            _("Poort {port} is al in gebruik. Kies een andere poort met --port.").format(port=args.port),
            file=sys.stderr,
        )
        return 2
    try:
        context = load_context(settings)
    except StorageError:
        refuse_a_damaged_store(settings)  # damage SQLite finds only on use is still E328, never E303
        raise
    db = sqlite_file(settings)
    backups = periodic_backups(db) if db is not None else contextlib.nullcontext()
    server = make_server(context, args.host, args.port, speech=not args.zonder_spraak)
    print(f"http://{args.host}:{args.port}/", flush=True)
    with backups, background_sync(settings):
        server.run()
    context.store.close()
    return 0


def add_web_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], language_help: str) -> None:
    web = sub.add_parser("web", help="start de aanraakkiosk in de browser (plaatjes, spraak, Arabisch)")
    web.add_argument("--db", help="pad naar het SQLite-bestand")
    web.add_argument("--lang", help=language_help)
    # Loopback by default: the kiosk must not be reachable from the network unless someone chooses that.
    web.add_argument("--host", default="127.0.0.1", help="adres om op te luisteren (standaard alleen hier)")
    web.add_argument("--port", type=int, default=8080, help="poort (standaard 8080)")
    web.add_argument("--zonder-spraak", action="store_true", help="geen voorgelezen schermen")
    web.set_defaults(func=cmd_web)
