"""`assistent vergelijk DEELCODE --beroep NAAM | --vaardigheid TEKST ...`: the comparison of the /gedeeld page
on the command line, for someone at the desk helping an employer. One take-along code, so one passport: the
same fetch as the page (its guessing rules, counted against this machine; its validity check; its one
access-log line), the same comparison, the same words. The employer's question is not kept."""

from __future__ import annotations

import argparse

from assistant.cli.common import settings_from
from assistant.i18n import _

#: Whom wrong codes typed here are counted against: the machine, as one address.
ADDRESS = "opdrachtregel"


def cmd_compare(args: argparse.Namespace) -> int:
    from assistant.development.job_match import compare, read_request
    from assistant.shared_comparison import answer
    from assistant.skills.assembly import LazyMatcher
    from assistant.skills.catalogue import load_catalogue
    from assistant.storage import open_store
    from assistant.take_along import Lookups

    settings = settings_from(args)
    # The request is checked first: a typing mistake costs no fetch and no line in the access log.
    request = read_request(args.beroep or "", "\n".join(args.vaardigheid or []))
    store = open_store(settings)
    try:
        passport, consent = Lookups().fetch(store, args.code, ADDRESS)
    finally:
        store.close()
    matcher = LazyMatcher(load_catalogue(settings.catalogue_dir), settings.taxonomy_dir)
    shown = answer(compare(passport, consent, request, matcher))
    print(shown.title)
    for _key, heading, lines in shown.groups:
        if lines:
            print(f"\n{heading}")
            print("\n".join(f"  - {line}" for line in lines))
    print(f"\n{shown.note}")
    print(_("Gedeeld met {receiver}, tot en met {until}.").format(
        receiver=consent.receiver, until=consent.until.strftime("%d-%m-%Y")
    ))  # fmt: skip
    return 0


def add_compare_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    compare = sub.add_parser(
        "vergelijk", help="vergelijk een gedeeld paspoort (deelcode) met een beroep of een paar vaardigheden"
    )
    compare.add_argument("code", metavar="DEELCODE", help="de deelcode op het paspoort")
    job = compare.add_mutually_exclusive_group(required=True)
    job.add_argument("--beroep", metavar="NAAM", help="een beroep, bijvoorbeeld metselaar")
    job.add_argument(
        "--vaardigheid", action="append", metavar="TEKST", help="een vaardigheid; mag vaker (hoogstens 10)"
    )
    compare.add_argument("--db", help="pad naar de opslag")
    compare.set_defaults(func=cmd_compare)
