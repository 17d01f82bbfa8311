"""`assistent sleutel toon|roteer|bijwerken|vergeet`: the region key ring of this machine's store.

`roteer` makes a new region key and re-seals only the persons' data keys with it; `bijwerken` re-seals them
with the ring's current key (after copying a rotated key file from another machine); `vergeet ID` retires an
older key once nothing here needs it. The work is done in `assistant.storage.key_rotation`."""

from __future__ import annotations

import argparse
import sys

from assistant.cli.common import settings_from
from assistant.i18n import _


def cmd_key(args: argparse.Namespace) -> int:
    from assistant.storage import key_rotation

    settings = settings_from(args)
    if args.actie != "toon" and settings.store_key is not None:
        print(
            _("De sleutel staat in ASSISTENT_STORE_KEY. Verander hem daar. Er is niets veranderd."),
            file=sys.stderr,
        )
        return 2
    if args.actie == "vergeet":
        if not args.id:
            print(_("Noem de sleutel: assistent sleutel vergeet ID"), file=sys.stderr)
            return 2
        report = key_rotation.retire(settings, args.id)
        print(_("Sleutel {id} is weggegooid.").format(id=args.id))
    elif args.actie == "roteer":
        report = key_rotation.rotate(settings)
        print(
            _("Nieuwe sleutel {id}. {count} sleutels van personen zijn opnieuw verpakt.").format(
                id=report.key_ids[0], count=report.resealed
            )
        )
    elif args.actie == "bijwerken":
        report = key_rotation.reseal(settings)
        print(
            _("{count} sleutels van personen zijn verpakt met sleutel {id}.").format(
                id=report.key_ids[0], count=report.resealed
            )
        )
    else:
        report = key_rotation.key_ids(settings)
    for number, key_id in enumerate(report.key_ids):
        if number == 0:
            print(_("{id}  in gebruik").format(id=key_id))
        elif key_id in report.in_use:
            print(_("{id}  oud, nog nodig").format(id=key_id))
        else:
            print(_("{id}  oud, opent alleen oude kopieën").format(id=key_id))
    return 0
