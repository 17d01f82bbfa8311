"""Making the conversation sheet for one passport in the store: the one way both `assistent gesprek ID` and
the coach app's "Gespreksblad maken" button go.

The passport is read as the person asking may read it: a coach only when the holder lets that coach look
(E515 otherwise, the same whether it exists or not), an unknown id is E301. Skills the holder hid are left
out, as from everything that leaves the store: the sheet may lie on the table at an employer's. Each sheet
is logged ("conversation-sheet"). The file is written all or nothing (`sharing.write_file`).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.development.learning_options import LearningCatalogue
from assistant.errors import AssistantError
from assistant.export.conversation_sheet import conversation_sheet_pdf
from assistant.i18n import LOCALES_DIR
from assistant.skills.catalogue import Catalogue

if TYPE_CHECKING:
    from assistant.storage import Store
    from assistant.taxonomy.knowledge_base import KnowledgeBase

#: The access-log action of a conversation sheet.
LOGGED_AS = "conversation-sheet"


def sheet_file_name(passport_id: str) -> str:
    """One sheet per passport: making it again (after the next talk) replaces the old one."""
    return f"gesprek-{passport_id[:8]}.pdf"


def make_sheet(
    store: Store,
    passport_id: str,
    actor: str,
    catalogue: Catalogue,
    learning: LearningCatalogue | None,
    *,
    coach_token: str | None = None,
    language: str | None = None,
    locales_dir: Path | None = None,
    knowledge_base: KnowledgeBase | None = None,
    made_at: datetime | None = None,
) -> bytes:
    """The sheet's PDF bytes, in `language` or else the passport's own language; logged."""
    passport = store.passport(passport_id, coach_token=coach_token)
    hidden = store.holder_choices(passport_id).hidden
    if hidden:
        passport = passport.model_copy(update={"skills": [s for s in passport.skills if s.ref not in hidden]})
    data = conversation_sheet_pdf(
        passport,
        catalogue,
        learning or LearningCatalogue(options={}),
        language or passport.language,
        made_at=made_at,
        knowledge_base=knowledge_base,
        locales_dir=locales_dir or LOCALES_DIR,
    )
    store.log_access(
        actor, LOGGED_AS, passport_id, {"language": language or passport.language}, coach_token=coach_token
    )
    return data


def write_sheet(path: Path, data: bytes, *, private_folder: bool = False) -> Path:
    """Writes the sheet all or nothing; `private_folder` makes the desk's own export folder (0700) first."""
    from assistant.sharing import write_file

    if private_folder:
        try:
            # Only the desk's own account may look in: every file there is about a person.
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise AssistantError("E311", path=str(path), what=exc.strerror or str(exc)) from exc
    write_file(path, data)
    return path
