"""Text to read aloud, made of parts that are each translated on their own.

The parts are read one after the other; a part that does not end a sentence gets a full stop, so the voice
pauses between a title and what follows instead of running "Instellingen Lees langzamer voor" together.
Callers pass translated texts as they are: no screen glues a "." to a translated string.
"""

from __future__ import annotations

#: Marks that already end a spoken sentence (the Arabic question mark too).
_ENDS = (".", "!", "?", ":", "…", "؟")


def speech(*parts: str) -> str:
    """The parts to read aloud, in order, each ending a sentence; empty parts are left out."""
    sentences: list[str] = []
    for part in parts:
        text = part.strip() if part else ""
        if text:
            sentences.append(text if text.endswith(_ENDS) else f"{text}.")
    return " ".join(sentences)
