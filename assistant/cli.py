"""The `assistent` command: kiosk, coach, map, export, schema, check-dialogue and check-language."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.i18n import _


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "db", None):
        overrides["db_path"] = Path(args.db)
    if getattr(args, "lang", None):
        overrides["language"] = args.lang
    return Settings(**overrides)


def cmd_kiosk(args: argparse.Namespace) -> int:
    from assistant.context import load_context
    from assistant.storage.sync import background_sync
    from assistant.ui.app import make_app

    settings = _settings(args)
    context = load_context(settings)
    with background_sync(settings):
        make_app(context).run()
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    """Sends the desk's outbox to the central store now; says how much arrived and how much still waits."""
    from assistant.storage import open_central, open_store
    from assistant.storage.sync import send_outbox

    settings = _settings(args)
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

    if not args.name:
        print(_("Noem een naam: assistent coach add-user NAAM"), file=sys.stderr)
        return 2
    try:
        password = read_password()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    store = open_store(_settings(args))
    try:
        identity = add_user(store, args.name, password, args.rol)
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
    settings = _settings(args)
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


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.serve import make_server, port_is_free

    _settings(args)  # a wrong ASSISTENT_* setting stops here, not in every browser connection's kiosk
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


def map_line(matcher: Any, line: str, limit: int) -> dict[str, Any]:
    """One answer to the JSON object of the `map --jsonl` contract; bad input gives an `error`, never a crash."""
    from assistant.text_input import clean_answer, normalise

    out: dict[str, Any] = {"text": line, "skills": [], "occupations": []}
    if not normalise(line):
        return out
    try:
        text = clean_answer(line, limit)
    except AssistantError as exc:
        out["error"] = {"code": exc.code, "message": exc.user_message()}
        return out
    # Exactly what the kiosk would ask, in its order, with the calibrated confidence.
    questions, (result,) = matcher.propose_with_results([text])
    out["skills"] = [
        {
            "id": q.match.skill.id,
            "label": q.match.skill.label,
            "source": q.match.skill.source,
            "competentnl": [{"uri": r.uri, "label": r.label} for r in q.match.skill.competentnl],
            "confidence": q.confidence,
            "evidence": q.match.evidence.text,
        }
        for q in questions
    ]
    out["occupations"] = [
        {"uri": m.uri, "label": m.label, "confidence": m.confidence} for m in result.occupations
    ]
    return out


def cmd_map(args: argparse.Namespace) -> int:
    from assistant.skills.assembly import build_matcher
    from assistant.skills.catalogue import load_catalogue

    settings = _settings(args)
    matcher = build_matcher(load_catalogue(settings.catalogue_dir), settings.taxonomy_dir)
    stdin = sys.stdin.buffer
    for raw in stdin:
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        sys.stdout.write(
            json.dumps(map_line(matcher, line, settings.max_answer_chars), ensure_ascii=False) + "\n"
        )
        sys.stdout.flush()
    return 0


def read_corpus(path: Path) -> tuple[list[str], list[str]]:
    """`id<TAB>surface form` per line; a malformed line is an error naming the file and line."""
    from assistant.errors import DataFileError

    ids, texts = [], []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DataFileError("E203", file=str(path)) from None
    except UnicodeDecodeError:
        raise DataFileError("E212", file=path.name, line=1, what="het bestand is geen UTF-8 tekst") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise DataFileError(
                "E211",
                file=path.name,
                line=number,
                item=parts[0][:40] or "-",
                what="een regel moet 'id<TAB>naam' zijn",
            )
        ids.append(parts[0].strip())
        texts.append(parts[1].strip())
    return ids, texts


def cmd_rank(args: argparse.Namespace) -> int:
    from assistant.skills.ranking import LexicalRanker
    from assistant.text_input import normalise

    ids, texts = read_corpus(Path(args.corpus))
    ranker = LexicalRanker(ids, texts)
    queries = [raw.decode("utf-8", errors="replace").rstrip("\r\n") for raw in sys.stdin.buffer]
    results = ranker.rank_many([normalise(q) for q in queries], k=args.k * 3)
    for query, ranked in zip(queries, results, strict=True):
        ordered = list(dict.fromkeys(item for item, _ in ranked))[: args.k]
        sys.stdout.write(json.dumps({"query": query, "ranked": ordered}, ensure_ascii=False) + "\n")
    return 0


def cmd_build_model(settings: Settings, full: bool, if_needed: bool) -> int:
    from assistant.skills.catalogue import load_catalogue
    from assistant.skills.model_build import build, load
    from assistant.skills.semantic_model import ModelError

    catalogue = load_catalogue(settings.catalogue_dir)
    if if_needed:
        try:
            model = load(settings.taxonomy_dir, catalogue)
        except ModelError:
            pass
        else:
            if model.full or not full:
                print(_("Het model is er al en klopt."))
                return 0
    try:
        report = build(settings.taxonomy_dir, catalogue, full=full, say=print)
    except ModelError as exc:
        print(_("Het model is niet gemaakt: {reason}").format(reason=exc), file=sys.stderr)
        return 1
    print(
        _("Model klaar in {seconds} seconden, {size} MB.").format(
            seconds=round(report.seconds), size=round(report.size_bytes / 1e6, 1)
        )
    )
    return 0


def _model_status(settings: Settings) -> None:
    from assistant.skills.catalogue import load_catalogue
    from assistant.skills.model_build import load
    from assistant.skills.semantic_model import ModelError

    try:
        model = load(settings.taxonomy_dir, load_catalogue(settings.catalogue_dir))
    except ModelError as exc:
        print(_("Model: niet te gebruiken ({reason}). Alleen woorden worden vergeleken.").format(reason=exc))
        return
    print(_("Model: gemaakt op {date}.").format(date=model.manifest.get("built_at", "?")))


def cmd_taxonomy(args: argparse.Namespace) -> int:
    from assistant.taxonomy.knowledge_base import KnowledgeBase

    settings = _settings(args)
    if args.action == "build-model":
        return cmd_build_model(settings, args.full, args.if_needed)
    kb = KnowledgeBase(settings.taxonomy_dir)
    if args.action == "import":
        if not args.paths:
            print(_("Noem een of meer bestanden of mappen om te importeren."), file=sys.stderr)
            return 2
        report = kb.import_files([Path(p) for p in args.paths])
        for file, kind, rows in report.files:
            print(_("{file}: {kind}, {rows} regels").format(file=file, kind=kind, rows=rows))
        for file in report.skipped:
            print(_("{file}: overgeslagen (geen bekend formaat)").format(file=file))
    names = {
        ("competentnl", "capability"): _("CompetentNL vaardigheden"),
        ("competentnl", "knowledge"): _("CompetentNL kennisgebieden"),
        ("competentnl", "occupation"): _("CompetentNL beroepen"),
        ("esco", "occupation"): _("ESCO beroepen"),
        ("esco", "skill"): _("ESCO vaardigheden"),
    }
    counts = kb.counts()
    if not counts:
        print(_("De kennisbank is leeg. Importeer eerst met: assistent taxonomy import PAD"))
    for key, (concepts, labels) in sorted(counts.items()):
        print(
            _("{name}: {concepts} begrippen, {labels} namen").format(
                name=names.get(key, "/".join(key)), concepts=concepts, labels=labels
            )
        )
    kb.close()
    if args.action == "status" and counts:
        _model_status(settings)
    return 0


def _renderers(settings: Settings, language: str) -> dict[str, Any]:
    """Export formats, each from the consented copy of a passport to bytes. Built lazily: a PDF needs the
    catalogue and taxonomy, a badge the desk's signing key."""
    from assistant.export.json_export import export_json

    def as_json(passport: Any, _consent: Any) -> bytes:
        return export_json(passport).encode("utf-8")

    def as_pdf(passport: Any, _consent: Any) -> bytes:
        from assistant.export.pdf_export import passport_pdf
        from assistant.passport.occupations import occupations_that_fit
        from assistant.skills.catalogue import load_catalogue
        from assistant.taxonomy.knowledge_base import KnowledgeBase

        kb = KnowledgeBase.existing(settings.taxonomy_dir)
        try:
            fits = occupations_that_fit(passport, load_catalogue(settings.catalogue_dir), kb)
        finally:
            if kb is not None:
                kb.close()
        return passport_pdf(passport, fits, language)

    def as_ob3(passport: Any, consent: Any) -> bytes:
        from assistant.export.ob3_export import ob3_renderer
        from assistant.export.signing import default_key_path, load_or_create_desk_key

        key = load_or_create_desk_key(default_key_path(settings.data_dir))
        return ob3_renderer(key, settings.desk_name)(passport, consent)

    return {"json": as_json, "pdf": as_pdf, "ob3": as_ob3}


def cmd_export(args: argparse.Namespace) -> int:
    from assistant import sharing
    from assistant.storage import open_store

    settings = _settings(args)
    renderers = _renderers(settings, args.taal)
    if args.format not in renderers:
        raise AssistantError("E401", format=args.format, choices=", ".join(renderers))
    store = open_store(settings)
    try:
        data = sharing.export(
            store, args.id, args.toestemming, renderers[args.format], args.format, args.door
        )
    finally:
        store.close()
    if args.out:
        sharing.write_file(Path(args.out), data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from assistant.export.ob3_export import verify_file

    for line in verify_file(Path(args.file)):
        print(line)
    return 0


def cmd_consent(args: argparse.Namespace) -> int:
    from datetime import date

    from assistant import sharing
    from assistant.storage import open_store

    store = open_store(_settings(args))
    try:
        if args.actie == "geef":
            try:
                until = date.fromisoformat(args.tot)
            except ValueError as exc:
                raise AssistantError("E506", what=f"--tot {args.tot}") from exc
            parts = [p.strip() for p in args.delen.split(",") if p.strip()]
            consent = sharing.give_consent(
                store,
                args.id,
                parts,
                args.soort,
                args.ontvanger,
                args.doel,
                until,
                args.door,  # type: ignore[arg-type]
            )
            print(consent.id)
        elif args.actie == "intrekken":
            sharing.withdraw_consent(store, args.id, args.door)
        else:
            for c in store.consents(args.id):
                state = "ingetrokken" if c.withdrawn_at else ("geldig" if c.is_valid() else "verlopen")
                print(
                    f"{c.id}\t{','.join(c.parts)}\t{c.receiver_kind}:{c.receiver}\t{c.purpose}\t{c.until}\t{state}"
                )
    finally:
        store.close()
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from assistant import sharing
    from assistant.storage import open_store

    if not args.zeker:
        print(_("Dit wist het paspoort en alle antwoorden. Dat kan niet terug. Zeker? Voeg --zeker toe."))
        return 1
    store = open_store(_settings(args))
    try:
        sharing.erase(store, args.id, args.door)
    finally:
        store.close()
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from assistant.storage import open_store

    store = open_store(_settings(args))
    try:
        for entry in store.access_log(args.id):
            print(f"{entry.at.isoformat()}\t{entry.actor}\t{entry.action}\t{entry.passport_id or '-'}")
    finally:
        store.close()
    return 0


def cmd_drafts(args: argparse.Namespace) -> int:
    from assistant.storage import open_store

    store = open_store(_settings(args))
    for pid, nickname, status, updated in store.passports():
        print(f"{pid}\t{nickname or '-'}\t{status}\t{updated}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from assistant.export.json_export import schema_text

    sys.stdout.write(schema_text())
    return 0


def cmd_check_dialogue(args: argparse.Namespace) -> int:
    from assistant.dialogue.loader import load_dialogue

    settings = _settings(args)
    paths = [Path(p) for p in args.files] or sorted(settings.dialogues_dir.glob("*.yaml"))
    for path in paths:
        if path.name == "pictures.yaml":
            continue
        dialogue = load_dialogue(path)
        print(_("{file}: in orde, {count} vragen").format(file=path, count=len(dialogue.questions)))
    return 0


def cmd_check_language(args: argparse.Namespace) -> int:
    from assistant.plain_language import ReviewedWordsError, report_lines, run

    # A build check for content editors, in Dutch like its problem texts; not translated.
    try:
        report = run()
    except ReviewedWordsError as exc:
        print(exc, file=sys.stderr)
        return 1
    for line in report_lines(report):
        print(line)
    return 1 if report.problems else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Which skill proposals people reject most, per skill and per sector; counts only, no personal text."""
    from assistant.evaluation import empty_message, evaluate, render_json, render_text
    from assistant.skills.catalogue import load_catalogue
    from assistant.storage import open_store

    settings = _settings(args)
    catalogue = load_catalogue(settings.catalogue_dir)
    store = open_store(settings)
    try:
        evaluation = evaluate(store, catalogue)
    finally:
        store.close()
    if args.json:
        if evaluation.is_empty:
            print(empty_message(), file=sys.stderr)
        sys.stdout.write(render_json(evaluation, args.min))
    else:
        sys.stdout.write(render_text(evaluation, args.min))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistent", description="Skillspaspoort-assistent")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db", help="pad naar het SQLite-bestand")
        p.set_defaults(func=func)
        return p

    kiosk = add("kiosk", "start de kiosk", cmd_kiosk)
    kiosk.add_argument("--lang", help="taal om mee te beginnen, bijvoorbeeld nl")
    coach = add("coach", "start het programma voor coaches", cmd_coach)
    # The coach's name comes from the login now; there is no --naam to claim someone else's.
    coach.add_argument("action", nargs="?", choices=["add-user"], help="add-user: maak een account")
    coach.add_argument("name", nargs="?", metavar="NAAM", help="naam van het nieuwe account")
    coach.add_argument(
        "--rol", default="coach", choices=["coach", "vakbondsconsulent"], help="rol van het nieuwe account"
    )
    sync = add("sync", "stuur de antwoorden van dit loket nu naar de centrale opslag", cmd_sync)
    sync.add_argument("--batch", type=int, default=100, help="hoeveel wijzigingen per keer")
    serve = add("serve", "start de kiosk in de browser (textual-serve)", cmd_serve)
    serve.add_argument("--lang", help="taal om mee te beginnen, bijvoorbeeld nl")
    # Loopback by default: the kiosk must not be reachable from the network unless someone chooses that.
    serve.add_argument("--host", default="127.0.0.1", help="adres om op te luisteren (standaard alleen hier)")
    serve.add_argument("--port", type=int, default=8000, help="poort (standaard 8000)")
    serve.add_argument("--lettergrootte", type=int, default=24, help="lettergrootte in de browser, in pixels")
    mapper = add("map", "zoek vaardigheden in antwoorden (een per regel)", cmd_map)
    mapper.add_argument(
        "--jsonl", action="store_true", required=True, help="een JSON-object per regel uitvoer"
    )
    rank = add("rank", "rangschik de namen in een corpus voor elke vraag op stdin", cmd_rank)
    rank.add_argument("--corpus", required=True, help="TSV-bestand: id<TAB>naam per regel")
    rank.add_argument("--k", type=int, default=100, help="hoeveel ids per vraag")
    taxonomy = add("taxonomy", "kennisbank met CompetentNL en ESCO", cmd_taxonomy)
    taxonomy.add_argument("action", choices=["import", "status", "build-model"])
    taxonomy.add_argument("paths", nargs="*")
    taxonomy.add_argument(
        "--full",
        action="store_true",
        help="build-model: ook alle beroepsnamen en het rangschikken (make bench)",
    )
    taxonomy.add_argument(
        "--if-needed", action="store_true", help="build-model: alleen als er nog geen goed model is"
    )
    export = add("export", "exporteer wat een toestemming toestaat", cmd_export)
    export.add_argument("id")
    export.add_argument("--format", default="json")
    export.add_argument("--toestemming", help="id van de toestemming van de eigenaar (verplicht)")
    export.add_argument("--out", help="schrijf naar dit bestand in plaats van naar het scherm")
    export.add_argument("--door", default="balie", help="wie exporteert (voor het logboek)")
    export.add_argument("--taal", default="nl", help="taal van de PDF (nl, en, tr, pl, uk)")
    verify = add("verify", "controleer of ondertekende verklaringen (Open Badges) echt zijn", cmd_verify)
    verify.add_argument("file")
    consent = add("toestemming", "geef, toon of trek een toestemming in", cmd_consent)
    consent.add_argument("actie", choices=["geef", "toon", "intrekken"])
    consent.add_argument("id", help="paspoort-id (geef, toon) of toestemming-id (intrekken)")
    consent.add_argument("--delen", default="skills", help="delen: experiences,skills,ambitions,notes")
    consent.add_argument("--soort", default="coach", choices=["coach", "employer", "school", "other"])
    consent.add_argument("--ontvanger", default="", help="naam van de ontvanger")
    consent.add_argument("--doel", default="", help="waarvoor de ontvanger het mag gebruiken")
    consent.add_argument("--tot", default="", help="tot en met deze datum (JJJJ-MM-DD)")
    consent.add_argument("--door", default="balie", help="wie het vastlegt (voor het logboek)")
    delete = add("delete", "wis een paspoort en alle antwoorden erachter", cmd_delete)
    delete.add_argument("id")
    delete.add_argument("--zeker", action="store_true", help="ja, echt wissen")
    delete.add_argument("--door", default="balie", help="wie wist (voor het logboek)")
    log = add("log", "toon het logboek: wie zag, veranderde, exporteerde of wiste wat", cmd_log)
    log.add_argument("id", nargs="?")
    add("drafts", "toon alle paspoorten", cmd_drafts)
    add("schema", "druk het JSON-schema van het paspoort af", cmd_schema)
    check = add("check-dialogue", "controleer gespreksbestanden", cmd_check_dialogue)
    check.add_argument("files", nargs="*")
    add("check-language", "controleer of alle teksten eenvoudig Nederlands zijn", cmd_check_language)
    evaluate = add("evaluate", "welke voorgestelde vaardigheden mensen het vaakst afwijzen", cmd_evaluate)
    evaluate.add_argument("--json", action="store_true", help="een JSON-object in plaats van een tabel")
    evaluate.add_argument(
        "--min",
        type=int,
        default=1,
        metavar="N",
        help="toon alleen vaardigheden die N keer of vaker zijn voorgesteld",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except AssistantError as exc:
        print(exc.user_message(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
