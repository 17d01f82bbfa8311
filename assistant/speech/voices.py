"""Which espeak-ng voice speaks which kiosk language."""

from __future__ import annotations

#: Kiosk language -> espeak-ng voice id as pyttsx3 lists it.
VOICES: dict[str, str] = {
    "nl": "gmw/nl",
    "en": "gmw/en",
    "tr": "trk/tr",
    "pl": "zlw/pl",
    "uk": "zle/uk",
    "ar": "sem/ar",
}
NORMAL_RATE = 150
SLOW_RATE = 115


def voice_for(language: str) -> str:
    return VOICES.get(language, VOICES["nl"])
