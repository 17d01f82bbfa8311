"""Which espeak-ng voice speaks which kiosk language (from the registry in assistant.languages), and how fast."""

from __future__ import annotations

from assistant.languages import find, source

NORMAL_RATE = 150
SLOW_RATE = 115


def voice_for(language: str) -> str:
    """The language's espeak-ng voice; a language the registry does not know is read in Dutch."""
    return (find(language) or source()).voice
