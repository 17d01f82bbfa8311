"""The commands about skills and the taxonomy: `map` (skills in answers, the JSON-lines contract), `rank`,
`taxonomy import|status|build-model` and `evaluate` (which proposals people reject most)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.cli.common import settings_from
from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.i18n import _

if TYPE_CHECKING:  # the matcher loads spaCy: only `map` needs it, and it imports it when it runs
    from assistant.skills.proposer import Proposer


#: Characters that JSON leaves as they are but that some readers take as the end of a line (Python's
#: `str.splitlines`, JavaScript before ES2019, many log tools). JSON escapes every control character below
#: U+0020 already; these three it does not.
_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_LINE_BREAK_TABLE = str.maketrans(_LINE_BREAKS)


def jsonl_record(obj: Any) -> str:
    """`obj` as one JSON line that every reader splits in the same place: readable text stays as it is."""
    return json.dumps(obj, ensure_ascii=False).translate(_LINE_BREAK_TABLE) + "\n"


def map_line(matcher: Proposer, line: str, limit: int) -> dict[str, Any]:
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

    settings = settings_from(args)
    matcher = build_matcher(load_catalogue(settings.catalogue_dir), settings.taxonomy_dir)
    stdin = sys.stdin.buffer
    for raw in stdin:
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        sys.stdout.write(jsonl_record(map_line(matcher, line, settings.max_answer_chars)))
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
        sys.stdout.write(jsonl_record({"query": query, "ranked": ordered}))
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

    settings = settings_from(args)
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


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Which skill proposals people reject most, per skill and per sector; counts only, no personal text."""
    from assistant.evaluation import empty_message, evaluate, render_json, render_text
    from assistant.skills.catalogue import load_catalogue
    from assistant.storage import open_store

    settings = settings_from(args)
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
