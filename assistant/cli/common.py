"""What every `assistent` command shares: the settings, from the environment and the --db and --lang options."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assistant.config import Settings


def settings_from(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "db", None):
        overrides["db_path"] = Path(args.db)
    if getattr(args, "lang", None):
        overrides["language"] = args.lang
    return Settings(**overrides)
