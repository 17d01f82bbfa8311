"""Everything a running assistant needs, built from the settings: store, dialogue, catalogue, matcher.

The matcher needs the spaCy pipeline (a few seconds to load), so it is built lazily and can be warmed up
in the background while the welcome screen shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.config import Settings
from assistant.development.learning_options import LearningCatalogue, load_learning_options
from assistant.dialogue.loader import PICTURES_FILE, load_dialogue, load_pictures
from assistant.dialogue.model import Dialogue
from assistant.i18n import set_language
from assistant.interview.session import SessionOptions
from assistant.skills.assembly import LazyMatcher
from assistant.skills.catalogue import Catalogue, load_catalogue
from assistant.storage import Store, open_region, open_store
from assistant.storage.central_link import CentralLink

FOLLOWUP_FILE = "followup.yaml"


@dataclass
class AppContext:
    settings: Settings
    store: Store
    dialogue: Dialogue
    pictures: dict[str, str]
    catalogue: Catalogue
    matcher: LazyMatcher
    region: CentralLink | None = None
    """A kiosk's link to the region's central store, for resume codes typed at this desk (None: no central)."""
    followup: Dialogue | None = None
    """The return visit's short interview (`dialogues/followup.yaml`), when the dialogues folder has it."""
    learning: LearningCatalogue | None = None
    """Ways to learn a missing skill (`catalogue/learning.yaml`), for the next steps after the passport."""

    def session_options(self) -> SessionOptions:
        """The limits the settings set on each interview, as `InterviewSession` takes them."""
        s = self.settings
        return SessionOptions(
            max_proposals=s.max_proposals_per_answer,
            min_confidence=s.min_confidence,
            max_chars=s.max_answer_chars,
        )


def load_context(settings: Settings | None = None) -> AppContext:
    settings = settings or Settings()
    set_language(settings.language, settings.locales_dir)
    pictures_path = settings.dialogues_dir / PICTURES_FILE
    pictures = load_pictures(pictures_path) if pictures_path.exists() else {}
    dialogue = load_dialogue(settings.dialogue_file(), pictures)
    followup_file = settings.dialogues_dir / FOLLOWUP_FILE
    followup = load_dialogue(followup_file, pictures) if followup_file.exists() else None
    catalogue = load_catalogue(settings.catalogue_dir)
    store = open_store(settings)
    return AppContext(
        settings=settings,
        store=store,
        dialogue=dialogue,
        pictures=pictures,
        catalogue=catalogue,
        matcher=LazyMatcher(catalogue, settings.taxonomy_dir),
        region=open_region(settings, store),
        followup=followup,
        learning=load_learning_options(settings.catalogue_dir, catalogue),
    )
