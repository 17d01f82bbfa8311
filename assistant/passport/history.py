"""The passport over time: every saved change is a version (who, what, when, and the whole passport as it
was), and this module tells the difference between two versions in plain sentences for the holder and the
coach.

A version is kept for each change: the draft built at the kiosk, each coach change (accept, reject, edit,
level, add, note, undo, "Vaststellen") and each return visit. The store keeps them sealed with the same
person key as the passport, and erasure deletes them with it. Sentences are short (B1, at most 12 words)
and translated whole; dates are written by Babel in the person's language.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from babel.dates import format_date
from pydantic import BaseModel, Field

from assistant.i18n import N_, _, current_language
from assistant.passport.model import Passport, Skill

ActorKind = Literal["holder", "coach", "desk", "employer", "assessor"]
"""Who made a version: the holder at the kiosk, a coach account, or the desk itself (a sync, a repair)."""

MADE = N_("Het paspoort is gemaakt.")
SKILL_ADDED = N_("Erbij gekomen: {skill}")
SKILL_REMOVED = N_("Weggehaald: {skill}")
SKILL_ACCEPTED = N_("De coach vond dit goed: {skill}")
SKILL_LEVEL = N_("Nieuw niveau voor {skill}: {level}.")
SKILL_WORDS = N_("Andere woorden: {old} heet nu {new}")
SKILL_BACK = N_("Weer terug: {skill}")
WORK_ADDED = N_("Nieuw werk of ervaring: {words}")
CREDENTIAL_ADDED = N_("Nieuw diploma of papier: {name}")
NOTE_ADDED = N_("Een notitie erbij: {note}")
REVIEWED = N_("De coach heeft het paspoort vastgesteld.")
RECHECK = N_("Oude vaardigheden kijkt de coach opnieuw na: {count}.")
DIRECTION_CHOSEN = N_("Gekozen werk: {occupation}")
STEP_CHOSEN = N_("Volgende stap gekozen: {step}")
STEP_DROPPED = N_("Volgende stap niet meer gekozen: {step}")
NOTHING = N_("Niets dat u ziet is veranderd.")
WHO_HOLDER = N_("uzelf")
WHO_COACH = N_("coach {name}")
WHO_DESK = N_("de kiosk")
WHO_EMPLOYER = N_("werkgever {name}")
WHO_ASSESSOR = N_("{name}, na een toets")
HEAD = N_("{date}, door {who}:")


class PassportVersion(BaseModel):
    """One saved state of a passport and who made it, when, with which action."""

    version: int
    at: datetime
    actor_kind: ActorKind
    actor: str
    action: str = Field(description="made, followup, accept, reject, edit, level, add, note, undo, finalise")
    detail: dict[str, object] = Field(default_factory=dict)
    passport: Passport


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _skills_by_ref(passport: Passport) -> dict[str, Skill]:
    return {s.ref: s for s in passport.skills}


def _skill_sentences(before: Passport, after: Passport) -> list[str]:
    old = _skills_by_ref(before)
    out: list[str] = []
    for skill in after.skills:
        earlier = old.get(skill.ref)
        label = _(skill.label)
        if earlier is None:
            if skill.status != "rejected":
                out.append(_sentence(_(SKILL_ADDED).format(skill=label)))
            continue
        if skill.status == "rejected" and earlier.status != "rejected":
            out.append(_sentence(_(SKILL_REMOVED).format(skill=label)))
            continue
        if earlier.status == "rejected" and skill.status != "rejected":
            out.append(_sentence(_(SKILL_BACK).format(skill=label)))
        elif skill.status == "accepted" and earlier.status != "accepted":
            out.append(_sentence(_(SKILL_ACCEPTED).format(skill=label)))
        if skill.level != earlier.level:
            out.append(_(SKILL_LEVEL).format(skill=label, level=skill.level))
        if skill.label != earlier.label:
            out.append(_sentence(_(SKILL_WORDS).format(old=_(earlier.label), new=label)))
    gone = set(old) - {s.ref for s in after.skills}
    out.extend(_sentence(_(SKILL_REMOVED).format(skill=_(old[ref].label))) for ref in sorted(gone))
    return out


def changes_between(
    before: Passport | None, after: Passport, detail: dict[str, object] | None = None
) -> list[str]:
    """What changed from `before` to `after`, in plain sentences; the first version says it was made."""
    if before is None:
        return [_(MADE)]
    out = _skill_sentences(before, after)
    known_experiences = {e.id for e in before.experiences}
    out.extend(
        _sentence(_(WORK_ADDED).format(words=e.own_words))
        for e in after.experiences
        if e.id not in known_experiences
    )
    known_credentials = {c.id for c in before.credentials}
    out.extend(
        _sentence(_(CREDENTIAL_ADDED).format(name=_(c.name)))
        for c in after.credentials
        if c.id not in known_credentials
    )
    out.extend(_sentence(_(NOTE_ADDED).format(note=n.text)) for n in after.notes[len(before.notes) :])
    out.extend(_direction_sentences(before, after))
    if after.status == "reviewed" and before.status != "reviewed":
        out.append(_(REVIEWED))
    recheck = (detail or {}).get("recheck")
    if isinstance(recheck, list) and recheck:
        out.append(_(RECHECK).format(count=len(recheck)))
    return out or [_(NOTHING)]


def _direction_sentences(before: Passport, after: Passport) -> list[str]:
    out: list[str] = []
    old, new = before.direction, after.direction
    if new is not None and (old is None or old.occupation_id != new.occupation_id):
        out.append(_sentence(_(DIRECTION_CHOSEN).format(occupation=_(new.label))))
    old_steps = {(w.step_id, w.skill_ref): w for w in before.development_wishes}
    new_steps = {(w.step_id, w.skill_ref): w for w in after.development_wishes}
    out.extend(
        _sentence(_(STEP_CHOSEN).format(step=_(w.label))) for k, w in new_steps.items() if k not in old_steps
    )
    out.extend(
        _sentence(_(STEP_DROPPED).format(step=_(w.label))) for k, w in old_steps.items() if k not in new_steps
    )
    return out


def who(version: PassportVersion) -> str:
    """The maker of a version in plain words."""
    if version.actor_kind == "holder":
        return _(WHO_HOLDER)
    if version.actor_kind == "coach":
        return _(WHO_COACH).format(name=version.actor)
    if version.actor_kind == "employer":
        return _(WHO_EMPLOYER).format(name=version.actor)
    if version.actor_kind == "assessor":
        return _(WHO_ASSESSOR).format(name=version.actor)
    return _(WHO_DESK)


def day(moment: datetime, language: str | None = None) -> str:
    """A date as the person reads it in their language ("4 december 2026")."""
    return format_date(moment.date(), format="long", locale=language or current_language())


def history_lines(versions: list[PassportVersion]) -> list[tuple[str, list[str]]]:
    """Per version, newest first: a heading ("4 december 2026, door coach Anna:") and what changed."""
    ordered = sorted(versions, key=lambda v: v.version)
    out: list[tuple[str, list[str]]] = []
    for index, version in enumerate(ordered):
        before = ordered[index - 1].passport if index else None
        head = _(HEAD).format(date=day(version.at), who=who(version))
        out.append((head, changes_between(before, version.passport, version.detail)))
    return list(reversed(out))
