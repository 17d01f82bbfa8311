"""Coach review of a draft: accept, reject or add a skill, write a note. Each change is recorded twice: in
the skill's provenance (assessed by the coach) and in the coach event log, so the holder can see it."""

from __future__ import annotations

from datetime import UTC, datetime

from assistant.errors import AssistantError, StorageError
from assistant.passport.build import standards_for
from assistant.passport.model import Assessment, Evidence, Level, Note, Passport, Skill
from assistant.skills.catalogue import Catalogue
from assistant.storage import Store

COACH_PURPOSE = "Beoordeling van het concept-paspoort door een coach"


class Review:
    """A coach working on one passport. Saves after every change; a change by someone else in between is
    a conflict, never silently overwritten."""

    def __init__(self, store: Store, passport_id: str, coach: str) -> None:
        self.store = store
        self.coach = coach
        self.passport = store.passport(passport_id)
        self.version = store.passport_version(passport_id)

    def _save(self, action: str, detail: dict[str, object]) -> Passport:
        self.passport.updated_at = datetime.now(UTC)
        self.version = self.store.save_passport(self.passport, expected_version=self.version)
        self.store.log_coach_event(self.passport.id, self.coach, action, detail)
        return self.passport

    def _skill(self, skill_id: str) -> Skill:
        skill = self.passport.skill(skill_id)
        if skill is None:
            raise StorageError("E304", id=skill_id)
        return skill

    def _assessment(self, skill: Skill, verdict: str, level: Level, note: str | None) -> Assessment:
        return Assessment(
            assessed_by="coach",
            assessor=self.coach,
            verdict=verdict,  # type: ignore[arg-type]
            standard=skill.provenance[-1].standard,
            purpose=COACH_PURPOSE,
            level=level,
            evidence=list(skill.provenance[-1].evidence),
            note=note,
        )

    def accept(self, skill_id: str, level: Level | None = None, note: str | None = None) -> Passport:
        skill = self._skill(skill_id)
        skill.level = level or skill.level
        skill.status = "accepted"
        skill.provenance.append(self._assessment(skill, "accepted", skill.level, note))
        return self._save("accept", {"skill": skill.ref, "label": skill.label, "level": skill.level})

    def reject(self, skill_id: str, note: str | None = None) -> Passport:
        skill = self._skill(skill_id)
        skill.status = "rejected"
        skill.provenance.append(self._assessment(skill, "rejected", skill.level, note))
        return self._save("reject", {"skill": skill.ref, "label": skill.label})

    def add_skill(self, catalogue: Catalogue, ref: str, evidence: str, note: str | None = None) -> Passport:
        concept = catalogue.skills.get(ref)
        if concept is None:
            raise StorageError("E305", id=ref)
        standards = standards_for(
            concept.id,
            concept.source,
            [r.model_dump() for r in concept.competentnl],
            [r.model_dump() for r in concept.esco],
        )
        skill = Skill(
            ref=concept.id,
            label=concept.label,
            source=concept.source,
            competentnl=[s for s in standards if s.kind == "competentnl"],
            status="accepted",
            provenance=[
                Assessment(
                    assessed_by="coach",
                    assessor=self.coach,
                    verdict="added",
                    standard=standards,
                    purpose=COACH_PURPOSE,
                    level="skillsverklaring",
                    evidence=[Evidence(text=evidence)] if evidence else [],
                    note=note,
                )
            ],
        )
        self.passport.skills.append(skill)
        return self._save("add", {"skill": skill.ref, "label": skill.label})

    def add_note(self, text: str) -> Passport:
        text = text.strip()
        if not text:
            raise AssistantError("E101")
        self.passport.notes.append(Note(author=self.coach, text=text))
        return self._save("note", {"text": text})
