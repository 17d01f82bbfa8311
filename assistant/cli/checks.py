"""The commands for people who write the content: `schema` (the passport's JSON schema), `check-dialogue`
(are the conversation files sound) and `check-language` (is every text plain Dutch)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.cli.common import settings_from
from assistant.i18n import _


def cmd_schema(args: argparse.Namespace) -> int:
    from assistant.export.json_export import schema_text

    sys.stdout.write(schema_text())
    return 0


def cmd_check_dialogue(args: argparse.Namespace) -> int:
    from assistant.dialogue.loader import load_dialogue

    settings = settings_from(args)
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
