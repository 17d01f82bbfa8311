"""Shared fixtures: settings on a temporary SQLite file, the real dialogue and catalogue, one matcher per run."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from assistant.config import REPO_ROOT, Settings
from assistant.context import AppContext, load_context
from assistant.dialogue.loader import load_dialogue
from assistant.dialogue.model import Dialogue
from assistant.skills.assembly import as_proposer
from assistant.skills.catalogue import Catalogue, load_catalogue
from assistant.skills.matcher import SkillMatcher
from assistant.storage import Store
from assistant.storage.field_cipher import FieldCipher
from tests.pg_server import PostgresServer

SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
# No sound card in CI: speech is synthesised for real and played into a real-time null sink.
NULL_PLAYER = f"{sys.executable} -m assistant.speech.null_player"
os.environ.setdefault("ASSISTENT_AUDIO_PLAYER", NULL_PLAYER)
TEST_DATA = Path(__file__).parent / "data"
#: The installed `assistent` command, run as a real process by the contract tests.
# One region key for the whole run, so the kiosk and CLI processes the tests start read what the tests wrote.
os.environ.setdefault("ASSISTENT_STORE_KEY", Fernet.generate_key().decode())

ASSISTENT = Path(sys.executable).parent / "assistent"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(Settings().catalogue_dir)


@pytest.fixture(scope="session")
def matcher(catalogue: Catalogue) -> SkillMatcher:
    return SkillMatcher(catalogue)


@pytest.fixture(scope="session")
def dialogue() -> Dialogue:
    return load_dialogue(Settings().dialogue_file())


@pytest.fixture(scope="session")
def taxonomy_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real CompetentNL and ESCO extracts imported once per run (skipped without ../shared/data)."""
    if not SHARED_DATA.exists():
        pytest.skip("../shared/data is not beside this checkout")
    from assistant.taxonomy.knowledge_base import KnowledgeBase

    directory = tmp_path_factory.mktemp("data") / "taxonomy"
    kb = KnowledgeBase(directory)
    kb.import_files([SHARED_DATA / "competentnl", SHARED_DATA / "esco_nl"])
    kb.close()
    return directory


def open_store_at(db: Path) -> Store:
    """The store in `db`, opened with the test run's region key (as every kiosk process of the run)."""
    return Store(db, FieldCipher(os.environ["ASSISTENT_STORE_KEY"]))


def coach_session(store: Store, name: str, role: str = "coach", *, holders_said_yes: bool = True) -> str:
    """A live coach session for `name` (the account is made when it is missing), as a login gives one.

    Tests that are not about the holder's permission act as if every holder so far answered Ja to "Mag een
    coach meekijken?" (`holders_said_yes`); tests/test_holder_access.py checks what happens without it."""
    if store.coach_user(name) is None:
        store.add_coach_user(name, "not-a-real-hash", role)
    if holders_said_yes:
        let_coaches_look(store)
    return store.open_coach_session(name)


def let_coaches_look(store: Store) -> None:
    """Every passport in the store as if its holder said Ja to a coach looking (no union chosen)."""
    from assistant.storage import schema as t

    with store._read() as conn:
        ids = [row[0] for row in conn.execute(t.passports.select().with_only_columns(t.passports.c.id))]
    for pid in ids:
        if not store.holder_choices(pid).coach_may_look:
            store.allow_coach(pid, True, None)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, db_path=tmp_path / "kiosk.sqlite3")


@pytest.fixture
def context(settings: Settings, matcher: SkillMatcher) -> Iterator[AppContext]:
    ctx = load_context(settings)
    ctx.matcher._matcher = as_proposer(matcher)  # share the one built matcher: building it loads spaCy
    yield ctx
    ctx.store.close()


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    """One real PostgreSQL server per run, on a loopback port (fails, never skips, without postgresql)."""
    with PostgresServer(tmp_path_factory.mktemp("postgres")) as server:
        yield server


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> str:
    """The url of a fresh, empty database on the session's server."""
    return pg_server.create_database(f"test_{uuid.uuid4().hex[:8]}")
