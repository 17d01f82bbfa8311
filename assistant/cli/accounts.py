"""`assistent coach`: start the coach app, or make a coach account (`coach add-user NAAM`).

The coach modules are imported inside the commands, never at the top: the kiosk imports this package, and
nothing of the coach app may come with it (tests/test_coach_accounts.py checks)."""

from __future__ import annotations

import argparse
import sys

from assistant.cli.common import settings_from
from assistant.i18n import _


def read_password() -> str:
    """The new password: asked twice without echo at a terminal, else the first line of stdin (for
    scripts). Never an argument: those end up in the shell history and the process list."""
    import getpass

    if sys.stdin.isatty():
        password = getpass.getpass(_("Wachtwoord: "))
        if getpass.getpass(_("Nog een keer: ")) != password:
            raise ValueError(_("De twee wachtwoorden zijn niet gelijk. Er is niets bewaard."))
        return password
    return sys.stdin.readline().rstrip("\r\n")


def cmd_coach_add_user(args: argparse.Namespace) -> int:
    from assistant.coach_accounts import AccountError, add_user
    from assistant.storage import open_store
    from assistant.storage.holder_access import UNIONS

    if not args.name:
        print(_("Noem een naam: assistent coach add-user NAAM"), file=sys.stderr)
        return 2
    try:
        password = read_password()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    union = (args.vakbond or "").strip().upper() or None
    if args.rol == "vakbondsconsulent" and union not in UNIONS:
        # Checked before the account is made: a counsellor without a union would see no one.
        print(_("Kies de vakbond van deze consulent: --vakbond FNV of --vakbond CNV."), file=sys.stderr)
        return 2
    store = open_store(settings_from(args))
    try:
        identity = add_user(store, args.name, password, args.rol, settings_from(args).coach_key_years)
        if args.rol == "vakbondsconsulent" and union is not None:
            store.set_counsellor_union(identity.name, union)
    except AccountError as exc:
        print(exc.user_message(), file=sys.stderr)
        return 2
    finally:
        store.close()
    print(_("Account {name} is gemaakt, met rol {role}.").format(name=identity.name, role=identity.role))
    return 0


def cmd_coach(args: argparse.Namespace) -> int:
    from assistant.coach_accounts import has_accounts
    from assistant.context import load_context
    from assistant.storage import open_store

    if args.action == "add-user":
        return cmd_coach_add_user(args)
    if args.action == "sleutel":
        return cmd_coach_key(args)
    settings = settings_from(args)
    store = open_store(settings)
    try:
        ready = has_accounts(store)
    finally:
        store.close()
    if not ready:
        print(
            _("Er is nog geen account voor coaches. Maak er eerst een: assistent coach add-user NAAM"),
            file=sys.stderr,
        )
        return 1
    from assistant.ui.coach_app import make_coach_app

    app = make_coach_app(load_context(settings))
    app.run()
    return app.return_code or 0


def cmd_coach_key(args: argparse.Namespace) -> int:
    """`coach sleutel intrekken NAAM` revokes the account's key; `vernieuwen` makes a new one (and revokes
    the old)."""
    from assistant.coach_keys import make_key, revoke
    from assistant.storage import open_store

    if args.name not in ("intrekken", "vernieuwen") or not args.key_name:
        print(_("Gebruik: assistent coach sleutel intrekken|vernieuwen NAAM"), file=sys.stderr)
        return 2
    settings = settings_from(args)
    store = open_store(settings)
    try:
        if args.name == "intrekken":
            revoke(store, args.key_name)
            print(_("De sleutel van {name} is ingetrokken.").format(name=args.key_name))
        else:
            did = make_key(store, args.key_name, settings.coach_key_years)
            print(_("{name} heeft een nieuwe sleutel: {did}").format(name=args.key_name, did=did))
    finally:
        store.close()
    return 0
