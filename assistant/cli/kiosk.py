"""The commands that run a desk: `kiosk` (the interview in a terminal), `serve` (the same in a browser) and
`sync` (send the desk's answers to the central store now)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.cli.common import settings_from
from assistant.cli.recovery import refuse_a_damaged_store, sqlite_file
from assistant.errors import AssistantError, StorageError
from assistant.i18n import _

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.context import AppContext


@contextlib.contextmanager
def running_desk(settings: Settings) -> Iterator[AppContext]:
    """The desk's context while a kiosk (terminal or web) runs it: backups of its SQLite file every 15
    minutes and its sender to the central store in the background. The caller has refused a damaged store
    before (E328); damage found only on use is still E328, never E303."""
    from assistant.context import load_context
    from assistant.storage.backup import periodic_backups
    from assistant.storage.sync import background_sync

    try:
        context = load_context(settings)
    except StorageError:
        refuse_a_damaged_store(settings)
        raise
    db = sqlite_file(settings)
    backups = periodic_backups(db) if db is not None else contextlib.nullcontext()
    with backups, background_sync(settings):
        yield context


def cmd_kiosk(args: argparse.Namespace) -> int:
    from assistant.ui.app import make_app

    settings = settings_from(args)
    refuse_a_damaged_store(settings)
    with running_desk(settings) as context:
        make_app(context).run()
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    """Sends the desk's outbox to the central store now; says how much arrived and how much still waits."""
    from assistant.storage import open_central, open_store
    from assistant.storage.sync import send_outbox

    settings = settings_from(args)
    if not settings.central_url:
        print(_("Er is geen centrale opslag ingesteld (ASSISTENT_CENTRAL_URL)."), file=sys.stderr)
        return 2
    local = open_store(settings)
    try:
        sent = 0
        try:
            central = open_central(settings)
            try:
                sent = send_outbox(local, central, batch=args.batch)
            finally:
                central.close()
        except AssistantError as exc:
            print(exc.user_message(), file=sys.stderr)
        waiting = local.outbox_size()
    finally:
        local.close()
    print(_("Verstuurd: {sent}. Wacht nog: {waiting}.").format(sent=sent, waiting=waiting))
    return 0 if waiting == 0 else 3


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.serve import make_server, port_is_free

    # A wrong ASSISTENT_* setting or a damaged store stops here, not in every browser connection's kiosk.
    refuse_a_damaged_store(settings_from(args))
    if not port_is_free(args.host, args.port):
        print(
            _("Poort {port} is al in gebruik. Kies een andere poort met --port.").format(port=args.port),
            file=sys.stderr,
        )
        return 2
    db = Path(args.db) if args.db else None
    server = make_server(
        host=args.host, port=args.port, font_size=args.lettergrootte, db=db, language=args.lang
    )
    server.serve()
    return 0
