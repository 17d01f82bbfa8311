"""How the kiosk looks and sounds for the person in front of it: reading aloud, slower speech, large text
and strong contrast. Each person starts from the desk's defaults; the next person does too."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Literal

from assistant.config import Settings

Preference = Literal["auto_read", "slow_speech", "large_text", "high_contrast"]


@dataclass(frozen=True)
class DisplayPreferences:
    auto_read: bool = True
    slow_speech: bool = False
    large_text: bool = False
    high_contrast: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> DisplayPreferences:
        return cls(**{f.name: getattr(settings, f.name) for f in fields(cls)})

    def toggled(self, name: Preference) -> DisplayPreferences:
        if name not in {f.name for f in fields(self)}:
            raise ValueError(name)
        return replace(self, **{name: not getattr(self, name)})
