"""The commands about one person's passport and what leaves the desk: `export` (what a consent allows, in a
format of `assistant.export.registry`), `verify`, `toestemming` (consent), `delete`, `log` and `drafts`.

Every command that reaches a person's data runs as a person (`common.store_for_person`): on the central
store only after a coach or admin login, and the access log names that account."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.cli.common import settings_from, store_for_person
from assistant.errors import AssistantError
from assistant.i18n import _

if TYPE_CHECKING:
    from assistant.storage import Store


def cmd_export(args: argparse.Namespace) -> int:
    from assistant import coach_keys, sharing
    from assistant.export.registry import format_named, renderer_for
    from assistant.take_along import take_along

    format_named(args.format)  # an unknown format is refused before a login is asked
    if args.een_bestand and args.format != "ob3":
        raise AssistantError("E629", what="--een-bestand", why="alleen met --format ob3")
    settings = settings_from(args)
    with store_for_person(args, "export") as (store, actor):
        # A PDF carries the consent's take-along code and QR code, to fetch what it shares.
        renderer = renderer_for(
            args.format,
            settings,
            args.taal,
            coach_keys.key_lookup(store),
            one_file=args.een_bestand,
            take_along=lambda c: take_along(store, c, settings.share_base_url),
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

    with _store_if_there(args) as store:
        from assistant.coach_keys import key_check

        result = verify_file(Path(args.file), key_check=key_check(store) if store else None)
    failed = {failure.user_message() for failure in result.failures}
    # Every credential is listed in the file's order; one that does not hold up goes to stderr, and the
    # exit status is then 2, as for every refusal of the command line.
    for line in result.lines:
        print(line, file=sys.stderr if line in failed else sys.stdout, flush=True)
    return 0 if result.ok else 2


@contextmanager
def _store_if_there(args: argparse.Namespace) -> Iterator[Store | None]:
    """The region's store, to look up coach keys, when this machine has one; else None. A receiver who only
    has the file gets no new database: `verify` then says what it could not check."""
    from sqlalchemy.exc import SQLAlchemyError

    from assistant.storage import open_store

    settings = settings_from(args)
    store = None
    if settings.database_url or settings.database.exists():
        try:
            store = open_store(settings)
        except (AssistantError, OSError, SQLAlchemyError):
            store = None
    try:
        yield store
    finally:
        if store is not None:
            store.close()


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


def cmd_history(args: argparse.Namespace) -> int:
    """`assistent geschiedenis ID`: every kept version of a passport, newest first, in plain sentences."""
    from assistant.passport.history import history_lines

    with store_for_person(args, "history") as (store, actor):
        versions = store.passport_history(args.id, coach_token=store.coach_token)
        store.log_access(actor, "viewed-history", args.id, {}, coach_token=store.coach_token)
        for version, (head, lines) in zip(reversed(versions), history_lines(versions), strict=True):
            number = _("Versie {number} ({action})").format(number=version.version, action=version.action)
            print(f"{number} {head}")
            for line in lines:
                print(f"  - {line}")
    return 0


def cmd_follow_up(args: argparse.Namespace) -> int:
    """`assistent vervolg ID`: a coach starts a return visit; the holder types the code at a kiosk."""
    from assistant import resume_code
    from assistant.context import FOLLOWUP_FILE
    from assistant.dialogue.loader import load_dialogue
    from assistant.interview.followup import prepare_for_holder

    settings = settings_from(args)
    dialogue = load_dialogue(settings.dialogues_dir / FOLLOWUP_FILE)
    with store_for_person(args, "follow-up") as (store, actor):
        code = prepare_for_holder(store, dialogue, args.id, settings.language)
        store.log_access(actor, "follow-up", args.id, {}, coach_token=store.coach_token)
    print(_("Geef deze code aan de persoon: {code}").format(code=resume_code.shown(code)))
    return 0
