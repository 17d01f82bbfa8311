"""`assistent web`: the touch kiosk in a browser (pictures, speech, Arabic right to left), on loopback."""

from __future__ import annotations

import argparse
import sys

from assistant.cli.common import settings_from
from assistant.cli.kiosk import running_desk
from assistant.cli.recovery import refuse_a_damaged_store
from assistant.i18n import _


def cmd_web(args: argparse.Namespace) -> int:
    from assistant.serve import port_is_free
    from assistant.web.server import make_server

    settings = settings_from(args)
    refuse_a_damaged_store(settings)
    if not port_is_free(args.host, args.port):
        print(
            _("Poort {port} is al in gebruik. Kies een andere poort met --port.").format(port=args.port),
            file=sys.stderr,
        )
        return 2
    with running_desk(settings) as context:
        server = make_server(context, args.host, args.port, speech=not args.zonder_spraak)
        print(f"http://{args.host}:{args.port}/", flush=True)
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
