"""The commands about one person's passport and what leaves the desk: `export` (what a consent allows, in a
format of `assistant.export.registry`), `verify`, `toestemming` (consent), `delete`, `log` and `drafts`.

Every command that reaches a person's data runs as a person (`common.store_for_person`): on the central
store only after a coach or admin login, and the access log names that account."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.cli.common import settings_from, store_for_person
from assistant.errors import AssistantError
from assistant.i18n import _


def cmd_export(args: argparse.Namespace) -> int:
    from assistant import sharing
    from assistant.export.registry import renderer_for
    from assistant.take_along import take_along

    settings = settings_from(args)
    with store_for_person(args, "export") as (store, actor):
        # A PDF carries the consent's take-along code and QR code, to fetch what it shares.
        renderer = renderer_for(
            args.format, settings, args.taal, lambda c: take_along(store, c, settings.share_base_url)
        )
        data = sharing.export(
            store, args.id, args.toestemming, renderer, args.format, actor, coach_token=store.coach_token
        )
    if args.out:
        sharing.write_file(Path(args.out), data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from assistant.export.ob3_verify import verify_file

    result = verify_file(Path(args.file))
    failed = {failure.user_message() for failure in result.failures}
    # Every credential is listed in the file's order; one that does not hold up goes to stderr, and the
    # exit status is then 2, as for every refusal of the command line.
    for line in result.lines:
        print(line, file=sys.stderr if line in failed else sys.stdout, flush=True)
    return 0 if result.ok else 2


def cmd_consent(args: argparse.Namespace) -> int:
    from datetime import date

    from assistant import sharing

    until = None
    if args.actie == "geef":
        try:
            until = date.fromisoformat(args.tot)
        except ValueError as exc:
            raise AssistantError("E506", what=f"--tot {args.tot}") from exc
    with store_for_person(args, f"toestemming {args.actie}") as (store, actor):
        if until is not None:
            parts = [p.strip() for p in args.delen.split(",") if p.strip()]
            consent = sharing.give_consent(
                store, args.id, parts, args.soort, args.ontvanger, args.doel, until, actor
            )
            print(consent.id)
        elif args.actie == "intrekken":
            sharing.withdraw_consent(store, args.id, actor)
        else:
            for c in store.consents(args.id):
                state = "ingetrokken" if c.withdrawn_at else ("geldig" if c.is_valid() else "verlopen")
                print(
                    f"{c.id}\t{','.join(c.parts)}\t{c.receiver_kind}:{c.receiver}\t{c.purpose}\t{c.until}\t{state}"
                )
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from assistant import sharing

    if not args.zeker:
        print(_("Dit wist het paspoort en alle antwoorden. Dat kan niet terug. Zeker? Voeg --zeker toe."))
        return 1
    with store_for_person(args, "delete") as (store, actor):
        sharing.erase(store, args.id, actor)
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    with store_for_person(args, "log") as (store, _actor):
        for entry in store.access_log(args.id):
            print(f"{entry.at.isoformat()}\t{entry.actor}\t{entry.action}\t{entry.passport_id or '-'}")
    return 0


def cmd_drafts(args: argparse.Namespace) -> int:
    with store_for_person(args, "drafts") as (store, _actor):
        for pid, nickname, status, updated in store.passports(coach_token=store.coach_token):
            print(f"{pid}\t{nickname or '-'}\t{status}\t{updated}")
    return 0
