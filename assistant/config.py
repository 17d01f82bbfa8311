"""Settings of the assistant, read from `ASSISTENT_*` environment variables.

Every number has a range and must be finite: a wrong value (`abc`, `-5`, `nan`) stops the command with E612,
which names the variable and what it may be, instead of a traceback or a kiosk that never times out.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    DotEnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from assistant.errors import AssistantError
from assistant.i18n import LOCALES_DIR
from assistant.private_files import read_private

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "assistent"


class Settings(BaseSettings):
    """Where the assistant finds its data and keeps its store."""

    model_config = SettingsConfigDict(env_prefix="ASSISTENT_", extra="ignore", allow_inf_nan=False)

    data_dir: Path = Field(default_factory=_default_data_dir)
    """Folder for the SQLite store and other local files."""

    db_path: Path | None = None
    """The SQLite file; defaults to `<data_dir>/assistent.sqlite3`."""

    database_url: str | None = None
    """The store by URL: `sqlite:///path` or `postgresql://user:password@host/db` (the region's central store,
    for the coach app). Unset: the SQLite file above."""

    central_url: str | None = None
    """For a kiosk: the region's central PostgreSQL. Answers are still saved here first; an outbox sends them
    there whenever it can be reached."""

    store_key: SecretStr | None = None
    """The key that seals a person's own words in the store (Fernet, urlsafe base64). Unset: `store_key_file`."""

    store_key_file: Path | None = None
    """File with the store key, mode 0600; defaults to `<data_dir>/keys/store.key`, made on first use."""

    dialogues_dir: Path = REPO_ROOT / "dialogues"
    """Folder with the conversation files."""

    dialogue: str = "intake"
    """Which conversation the kiosk runs (the file name without `.yaml`)."""

    catalogue_dir: Path = PACKAGE_DIR / "catalogue"
    """Folder with the bundled sector catalogues and CompetentNL phrases."""

    locales_dir: Path = LOCALES_DIR
    """Folder with the gettext catalogues."""

    language: str = "nl"
    """Language the kiosk starts in."""

    max_answer_chars: int = Field(2000, ge=10, le=100_000)
    """Longest free-text answer that is accepted; longer text is kept on screen and the person is asked to shorten it."""

    max_proposals_per_answer: int = Field(4, ge=1, le=20)
    """At most this many skills found in words are asked about after one answer, so confirming stays short."""

    min_confidence: float = Field(0.0, ge=0.0, le=1.0)
    """An extra floor on the calibrated confidence, above the abstain threshold the calibration chose."""

    idle_seconds: float = Field(180, ge=1, le=1_000_000)
    """After this long without a key or a touch, the kiosk asks whether the person is still there."""

    idle_warning_seconds: float = Field(30, ge=1, le=3600)
    """How long that question stays up (with a countdown) before the screen goes back to the welcome."""

    desk_name: str = "Leerwerkloket"
    """The issuing desk, named on signed exports (Open Badges) as their issuer."""

    export_dir: Path | None = None
    """Folder the coach app writes exports to, for the coach to hand over; defaults to `<data_dir>/exports`."""

    share_base_url: str = "http://127.0.0.1:8000"
    """Where receivers reach `assistent serve`'s page (`/gedeeld`): the address in the take-along QR code."""

    resume_code_days: float = Field(30, ge=0.1, le=3650)
    recheck_years: int = Field(5, ge=1, le=50)
    coach_key_years: float = Field(2, ge=0.01, le=10)
    """How long a coach's or counsellor's signing key lasts; then `assistent coach sleutel vernieuwen NAAM`."""
    """A skill nobody judged for longer than this many years is marked for the coach to check again."""
    """How long a resume code keeps working after the interview was last touched."""

    auto_read: bool = True
    """Read every screen aloud as it appears; the "Lees voor" button works either way."""

    slow_speech: bool = False
    """Speak more slowly."""

    large_text: bool = False
    """Start every person with the large-text layout (bigger buttons, one choice per row)."""

    high_contrast: bool = False
    """Start every person with the strong-contrast colours (white and yellow on black)."""

    pictures_dir: Path | None = None
    """Folder of SVG pictograms the web kiosk shows, one file per emoji (`1F477.svg`); defaults to OpenMoji in
    `node_modules/openmoji/color/svg` (see docs/pictures.md)."""

    audio_player: str | None = None
    """Command that plays a WAV file (default `aplay -q`); `python -m assistant.speech.null_player` without a sound card."""

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise _setting_error(exc) from None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Passwords and keys may also sit in a config file, read only when nobody else can read it (E608).
        config_file = os.environ.get("ASSISTENT_CONFIG_FILE")
        if not config_file:
            return init_settings, env_settings
        read_private(Path(config_file))
        return init_settings, env_settings, DotEnvSettingsSource(settings_cls, env_file=config_file)

    @property
    def store_url(self) -> str:
        return self.database_url or f"sqlite:///{self.database}"

    @property
    def key_file(self) -> Path:
        return self.store_key_file or self.data_dir / "keys" / "store.key"

    @property
    def database(self) -> Path:
        return self.db_path or self.data_dir / "assistent.sqlite3"

    @property
    def exports(self) -> Path:
        return self.export_dir or self.data_dir / "exports"

    @property
    def pictures(self) -> Path:
        return self.pictures_dir or REPO_ROOT / "node_modules" / "openmoji" / "color" / "svg"

    @property
    def taxonomy_dir(self) -> Path:
        """Where `assistent taxonomy import` keeps the knowledge base."""
        return self.data_dir / "taxonomy"

    def dialogue_file(self) -> Path:
        return self.dialogues_dir / f"{self.dialogue}.yaml"


def _setting_error(exc: ValidationError) -> AssistantError:
    """The first wrong setting: E612 names a number's range, E613 any other value that cannot be used."""
    err = exc.errors()[0]
    field = str(err["loc"][0]) if err.get("loc") else "?"
    name = f"ASSISTENT_{field.upper()}"
    value = repr(err.get("input"))[:40]
    info = Settings.model_fields.get(field)
    low = high = None
    for bound in info.metadata if info else ():
        low = getattr(bound, "ge", getattr(bound, "gt", low))
        high = getattr(bound, "le", getattr(bound, "lt", high))
    if low is not None and high is not None:
        return AssistantError("E612", name=name, value=value, low=low, high=high)
    return AssistantError("E613", name=name, value=value)
