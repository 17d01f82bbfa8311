"""`assistent herstel`: the backups of a desk's store, and putting the newest good one back.

Also owns the check the kiosk makes before it opens its store: a damaged SQLite file stops the start with
E328, which says plainly that answers since the last backup may be lost and what to do, instead of E303's
"nothing was lost".
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.cli.common import settings_from
from assistant.config import Settings
from assistant.errors import StorageError
from assistant.i18n import _


def sqlite_file(settings: Settings) -> Path | None:
    """The store's SQLite file, or None when the store is a server (PostgreSQL)."""
    if settings.database_url is None:
        return settings.database
    if settings.database_url.startswith("sqlite:///"):
        return Path(settings.database_url.removeprefix("sqlite:///"))
    return None


def refuse_a_damaged_store(settings: Settings) -> None:
    """E328 when the desk's SQLite file exists and fails SQLite's integrity check."""
    from assistant.storage.backup import is_intact

    db = sqlite_file(settings)
    if db is not None and db.exists() and not is_intact(db):
        raise StorageError("E328", file=str(db))


def cmd_recover(args: argparse.Namespace) -> int:
    from assistant.storage.backup import backups_dir, is_intact, list_backups, restore_newest

    settings = settings_from(args)
    db = sqlite_file(settings)
    if db is None:
        raise StorageError("E330")
    backups = list_backups(db)
    print(_("Reservekopieën in {folder}:").format(folder=backups_dir(db)))
    for backup in backups:
        state = _("goed") if is_intact(backup.path) else _("beschadigd")
        print(f"  {backup.made:%Y-%m-%d %H:%M:%S} UTC  {backup.size:>10}  {state}")
    if args.lijst:
        return 0
    if db.exists() and is_intact(db) and not args.zeker:
        print(
            _(
                "De opslag is in orde. Er is niets teruggezet. "
                "Kies --zeker om toch de nieuwste goede kopie terug te zetten."
            )
        )
        return 0
    restored = restore_newest(db)
    print(
        _(
            "Teruggezet: de kopie van {time} UTC. Antwoorden van na dat moment staan niet in de opslag."
        ).format(time=f"{restored.backup.made:%Y-%m-%d %H:%M:%S}")
    )
    for path in restored.aside:
        print(_("Het oude bestand staat nu in {path}. Bewaar het tot alles weer werkt.").format(path=path))
    return 0
