"""`assistent houder nieuwe-code ID`: a new lasting code for a holder standing at the desk, after a coach
logged in and checked who they are. The old code stops working at once. The coach module is imported
inside the command: the kiosk imports this package and must not load the coach app."""

from __future__ import annotations

import argparse

from assistant.cli.common import read_login, settings_from
from assistant.i18n import _


def cmd_holder(args: argparse.Namespace) -> int:
    from assistant import holder, holder_code
    from assistant.coach_accounts import LoginThrottle, login
    from assistant.storage import open_store

    store = open_store(settings_from(args))
    try:
        name, password = read_login()
        identity = login(store, name, password, LoginThrottle())
        try:
            code = holder.renew_code(store, args.id, identity.token)
        finally:
            store.close_coach_session(identity.token)
    finally:
        store.close()
    print(_("De nieuwe vaste code is: {code}").format(code=holder_code.shown(code)))
    print(_("De oude code werkt niet meer. Geef de code alleen aan de eigenaar."))
    return 0


def add_holder_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    holder = sub.add_parser("houder", help="een nieuwe vaste code voor de eigenaar (na inloggen als coach)")
    holder.add_argument("actie", choices=["nieuwe-code"])
    holder.add_argument("id", help="paspoort-id")
    holder.add_argument("--db", help="pad naar de opslag")
    holder.set_defaults(func=cmd_holder)
