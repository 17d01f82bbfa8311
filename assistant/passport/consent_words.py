"""The holder's choices when sharing a passport, in the words both kiosks (terminal and web) show and read
aloud: what, with whom, for what, how long; and the one sentence that sums up a consent given."""

from __future__ import annotations

from typing import get_args

from assistant.i18n import N_, _
from assistant.passport.consent import PARTS, Consent, Part, ReceiverKind

PART_WORDS: dict[Part, str] = {
    "experiences": N_("Wat ik deed"),
    "skills": N_("Wat ik kan"),
    "ambitions": N_("Wat ik wil"),
    "notes": N_("Wat de coach schreef"),
}
RECEIVER_WORDS: dict[ReceiverKind, str] = {
    "coach": N_("Een coach"),
    "employer": N_("Een werkgever"),
    "school": N_("Een school"),
    "other": N_("Iemand anders"),
}
PURPOSES: dict[str, str] = {
    "werk": N_("Hulp bij werk zoeken"),
    "sollicitatie": N_("Solliciteren"),
    "opleiding": N_("Een opleiding"),
}
PERIODS: dict[str, tuple[str, int]] = {
    "maand": (N_("1 maand"), 31),
    "kwartaal": (N_("3 maanden"), 92),
    "jaar": (N_("1 jaar"), 366),
}

# Buttons and form fields carry a part or receiver as text; these give it back with its type.
PARTS_BY_NAME: dict[str, Part] = {part: part for part in PARTS}
RECEIVERS_BY_NAME: dict[str, ReceiverKind] = {kind: kind for kind in get_args(ReceiverKind)}


def parts_in_words(consent: Consent) -> str:
    """The parts a consent shares, in the holder's words, in the current language."""
    return ", ".join(_(PART_WORDS[p]) for p in consent.parts)


def summary(consent: Consent) -> str:
    """One line for the holder: what is shared, with whom, until when."""
    return _("{parts}: met {receiver}, tot {until}.").format(
        parts=parts_in_words(consent),
        receiver=consent.receiver,
        until=consent.until.strftime("%d-%m-%Y"),
    )


def saved_words(coach_looks: bool) -> str:
    """The end screen's sentence after the interview: that the answers are kept, and whether a coach looks
    (the holder's answer to "Mag een coach meekijken?"). Never promise a coach who may not look."""
    if coach_looks:
        return _("Uw antwoorden zijn bewaard. Een coach kijkt ernaar.")
    return _("Uw antwoorden zijn bewaard. Geen coach kijkt mee.")
