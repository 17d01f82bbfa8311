"""The matcher a running assistant uses, put together: the lexical engine (with the taxonomy linker when a
knowledge base was imported), wrapped in the proposer that decides the questions, with the semantic model
and its calibration when one was built. `LazyMatcher` builds it on first use or in a background thread.

This module sits on top of the others in `skills/`: it may import any of them, none of them imports it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from assistant.long_lived import settle
from assistant.skills.catalogue import Catalogue
from assistant.skills.matcher import SkillMatcher

if TYPE_CHECKING:
    from assistant.skills.asking import Question
    from assistant.skills.linker import Linker
    from assistant.skills.matcher import MatchResult
    from assistant.skills.proposer import Proposer

log = logging.getLogger(__name__)


class LazyMatcher:
    """A matcher that builds itself on first use (or on `warm()` in a background thread), so a screen can
    show while the Dutch language model and the semantic model load. With a knowledge base it links to
    the taxonomy too."""

    def __init__(self, catalogue: Catalogue, taxonomy_dir: Path | None = None) -> None:
        self.catalogue = catalogue
        self.taxonomy_dir = taxonomy_dir
        self._matcher: Proposer | None = None
        self._lock = threading.Lock()

    def warm(self) -> Proposer:
        with self._lock:
            if self._matcher is None:
                self._matcher = build_matcher(self.catalogue, self.taxonomy_dir)
            return self._matcher

    def warm_and_settle(self) -> None:
        """`warm`, then keep the collector off everything loaded (see `assistant.long_lived`): for a kiosk,
        which loads once and then answers taps for hours."""
        self.warm()
        settle()

    def match(self, text: str, context_sectors: Iterable[str] = ()) -> MatchResult:
        return self.warm().match(text, context_sectors)

    def propose(
        self,
        texts: Sequence[str],
        context_sectors: Iterable[str] = (),
        exclude: Iterable[str] = (),
        limit: int = 4,
        implied: bool = True,
    ) -> list[Question]:
        return self.warm().propose(texts, context_sectors, exclude, limit, implied)

    def propose_with_results(
        self, texts: Sequence[str], context_sectors: Iterable[str] = (), exclude: Iterable[str] = ()
    ) -> tuple[list[Question], list[MatchResult]]:
        return self.warm().propose_with_results(texts, context_sectors, exclude)


def build_matcher(catalogue: Catalogue, taxonomy_dir: Path | None, semantic: bool = True) -> Proposer:
    """The engine wrapped with what decides the questions: the semantic model and its calibration when
    one was built into `taxonomy_dir` (and `semantic`), else the lexical calibration."""
    # Imported here, not at the top: the kiosk imports this module to show its first screen, and these
    # (scipy, the model files) are only needed once the matcher is built in the background.
    from assistant.skills.calibration import load_lexical
    from assistant.skills.linker import build_engine
    from assistant.skills.model_build import load
    from assistant.skills.proposer import Proposer
    from assistant.skills.semantic_model import ModelError

    engine = build_engine(catalogue, taxonomy_dir)
    if semantic and taxonomy_dir is not None and (taxonomy_dir / "model").exists():
        try:
            model = load(taxonomy_dir, catalogue, occupations=False)
        except ModelError as exc:
            log.warning("semantisch model niet gebruikt, alleen woorden: %s", exc)
        else:
            if model.calibration is not None:
                return Proposer(engine, model.calibration, model.meaning)
    return Proposer(engine, load_lexical())


def as_proposer(matcher: Matcher) -> Proposer | LazyMatcher:
    """Anything that can `propose`: a bare engine gets the lexical calibration."""
    from assistant.skills.calibration import load_lexical
    from assistant.skills.proposer import Proposer

    if isinstance(matcher, (LazyMatcher, Proposer)):
        return matcher
    return Proposer(matcher, load_lexical())


Matcher: TypeAlias = "SkillMatcher | LazyMatcher | Linker | Proposer"
