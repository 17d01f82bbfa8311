"""Coach review of a draft: accept, reject, edit the wording, change the level, add a skill, write a note,
take the last change back (`undo`), and end the review (`finalise`, "Vaststellen").

Raising a skill's level needs the evidence and the party that confirms it (an employer, an assessor), or
it is refused (E507): a coach alone cannot make a skill more than the person said. The party is recorded
as what the coach wrote down (`Assessment.confirmed_by`); it signed nothing itself. `undo` takes back this
review's last change, one step, and is logged like every change; after "Vaststellen" the passport is no
longer a concept, and any later change makes it one again until a coach sets it again.

Each change is recorded three times, in one transaction: in the skill's provenance (assessed by the coach,
with standard, purpose, level and date), in the coach event log, and in the access log ("changed").
Opening a draft is logged as "viewed". A change by someone else since the draft was read is a conflict
(E307), never silently overwritten; the review then stays as it was, and `reload` reads the newer draft.

A review holds a coach session token, not a name: the store checks the session (alive, account still
there) inside the transaction of every read and change, so the check is on the server's side, not the app's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Literal, Protocol, get_args

from assistant.errors import InputError, StorageError
from assistant.passport.build import standards_for
from assistant.passport.decision_signing import decision_bytes
from assistant.passport.model import Assessment, Evidence, Level, Note, Passport, Skill
from assistant.skills.catalogue import Catalogue
from assistant.text_input import clean_answer

COACH_PURPOSE = "Beoordeling van het skillspaspoort door een coach"
LEVELS: tuple[Level, ...] = get_args(Level)
MAX_LABEL_CHARS = 120
MAX_NOTE_CHARS = 2000
MAX_PARTY_CHARS = 200

Change = Callable[[Passport], dict[str, object]]
#: Signs bytes with the coach's own key: (the key's did, the raw signature); raises when it may not (E616/E617).
Signer = Callable[[bytes], tuple[str, bytes]]
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
CoachVerdict = Literal["accepted", "rejected", "added", "edited"]
#: Changes that leave what the passport says the person can do as it was: they keep "Vaststellen".
KEEPS_STATUS = frozenset({"direction", "steps"})


class ReviewStore(Protocol):
    """What a review needs from a store (`assistant.storage.Store` is one); the passport never imports storage."""

    def check_coach(self, token: str) -> tuple[str, str]: ...

    def passport(self, passport_id: str, *, coach_token: str | None = None) -> Passport: ...

    def passport_version(self, passport_id: str) -> int: ...

    def coach_events(
        self, passport_id: str, *, coach_token: str | None = None
    ) -> list[tuple[str, str, dict[str, object], str]]: ...

    def log_access(
        self,
        actor: str,
        action: str,
        passport_id: str | None,
        detail: dict[str, object],
        *,
        coach_token: str | None = None,
    ) -> None: ...

    def save_review(
        self,
        passport: Passport,
        expected_version: int,
        coach_token: str,
        action: str,
        detail: dict[str, object],
    ) -> int: ...


class Review:
    """A coach working on one passport. Saves after every change; a change by someone else in between is
    a conflict, never silently overwritten."""

    def __init__(
        self, store: ReviewStore, passport_id: str, coach_token: str, signer: Signer | None = None
    ) -> None:
        self.store = store
        #: With a signer, every judgement this coach adds is signed with the coach's own key.
        self.signer = signer
        self.token = coach_token
        self.coach, _role = store.check_coach(coach_token)
        self.passport_id = passport_id
        self._undo: tuple[str, Passport] | None = None
        self.reload()

    def reload(self) -> Passport:
        """Reads the draft as it is now; a view, so it is logged."""
        # Version first: if a save slips in between, the next save here conflicts instead of overwriting.
        self.version = self.store.passport_version(self.passport_id)
        self.passport = self.store.passport(self.passport_id, coach_token=self.token)
        self.events_seen = len(self.store.coach_events(self.passport_id, coach_token=self.token))
        self.store.log_access(self.coach, "viewed", self.passport_id, {}, coach_token=self.token)
        return self.passport

    def events_since_read(self) -> list[tuple[str, str, dict[str, object], str]]:
        """Coach events written after this review last read the draft: what another coach did."""
        return self.store.coach_events(self.passport_id, coach_token=self.token)[self.events_seen :]

    def _change(self, action: str, change: Change) -> Passport:
        # The change is made on a copy: when the save fails (a conflict, a full disk) the review still
        # holds the draft as it was read, not a half-applied change.
        before = self.passport
        draft = before.model_copy(deep=True)
        detail = change(draft)
        if action not in ("finalise", "undo", *KEEPS_STATUS):
            # A change after "Vaststellen" makes the passport a concept again, until a coach sets it again;
            # undo gives back the status the passport had before the change it takes back.
            draft.status, draft.reviewed_by, draft.reviewed_at = "draft", None, None
        draft.updated_at = datetime.now(UTC)
        self.version = self.store.save_review(draft, self.version, self.token, action, detail)
        self.passport = draft
        self.events_seen += 1
        self._undo = (action, before)
        return draft

    @property
    def can_undo(self) -> str | None:
        """The action `undo` would take back, or None."""
        return self._undo[0] if self._undo else None

    def undo(self) -> Passport:
        """Takes back this review's last change (one step): the passport as it was before it, saved as a
        change of its own ("undo", logged). A change by someone else since is a conflict (E307), as always;
        with nothing to take back, E508."""
        if self._undo is None:
            raise InputError("E508")
        action, before = self._undo

        def change(passport: Passport) -> dict[str, object]:
            restored = before.model_copy(deep=True)
            for name in Passport.model_fields:
                setattr(passport, name, getattr(restored, name))
            return {"undid": action}

        draft = self._change("undo", change)
        self._undo = None
        return draft

    def save_worked_out(self, action: str, changed: Passport, detail: dict[str, object]) -> Passport:
        """A change worked out elsewhere (a direction or ontwikkelwensen chosen with the coach, see
        `assistant.development.wishes`), saved as a version of this review with the coach as actor."""

        def change(passport: Passport) -> dict[str, object]:
            for name in Passport.model_fields:
                setattr(passport, name, getattr(changed, name))
            return detail

        return self._change(action, change)

    def finalise(self, note: str | None = None) -> Passport:
        """ "Vaststellen": the coach ends the review; the PDF no longer says "concept"."""

        def change(passport: Passport) -> dict[str, object]:
            passport.status = "reviewed"
            passport.reviewed_by = self.coach
            passport.reviewed_at = datetime.now(UTC)
            if note:
                passport.notes.append(Note(author=self.coach, text=clean_answer(note, MAX_NOTE_CHARS)))
            return {"status": "reviewed"}

        return self._change("finalise", change)

    @staticmethod
    def _skill(passport: Passport, skill_id: str) -> Skill:
        skill = passport.skill(skill_id)
        if skill is None:
            raise StorageError("E304", id=skill_id)
        return skill

    def _signed(self, skill_ref: str, assessment: Assessment) -> Assessment:
        """`assessment` signed by the coach's key, when this review has a signer; refused (nothing saved)
        when the key is revoked or expired."""
        if self.signer is None:
            return assessment
        did, _probe = self.signer(b"")  # the did goes into what is signed, so ask for it first
        assessment.signed_by = did
        assessment.signature = None
        _did, raw = self.signer(decision_bytes(self.passport_id, skill_ref, assessment))
        assessment.signature = "z" + _b58(raw)
        return assessment

    def _assessment(self, skill: Skill, verdict: CoachVerdict, level: Level, note: str | None) -> Assessment:
        return Assessment(
            assessed_by="coach",
            assessor=self.coach,
            verdict=verdict,
            standard=skill.provenance[-1].standard,
            purpose=COACH_PURPOSE,
            level=level,
            evidence=list(skill.provenance[-1].evidence),
            note=note,
        )

    def _raise_proof(
        self, skill_id: str, level: Level | None, evidence: str | None, confirmed_by: str | None
    ) -> tuple[str, str] | None:
        """For a raise of the level: the evidence and the confirming party, cleaned; E507 without both.
        None when the level does not go up (the same or lower needs nobody else's word)."""
        current = self._skill(self.passport, skill_id).level
        if level is None or LEVELS.index(level) <= LEVELS.index(current):
            return None
        if not (evidence or "").strip() or not (confirmed_by or "").strip():
            raise InputError("E507")
        return clean_answer(evidence or "", MAX_NOTE_CHARS), clean_answer(confirmed_by or "", MAX_PARTY_CHARS)

    def _leveled(
        self,
        skill: Skill,
        verdict: CoachVerdict,
        level: Level,
        note: str | None,
        proof: tuple[str, str] | None,
    ) -> Assessment:
        assessment = self._assessment(skill, verdict, level, note)
        if proof is not None:
            evidence, party = proof
            assessment.evidence.append(Evidence(text=evidence))
            assessment.confirmed_by = party
        return assessment

    def accept(
        self,
        skill_id: str,
        level: Level | None = None,
        note: str | None = None,
        *,
        evidence: str | None = None,
        confirmed_by: str | None = None,
    ) -> Passport:
        """The coach agrees with the skill; with a higher `level`, only with `evidence` and `confirmed_by`."""
        proof = self._raise_proof(skill_id, level, evidence, confirmed_by)

        def change(passport: Passport) -> dict[str, object]:
            skill = self._skill(passport, skill_id)
            skill.level = level or skill.level
            skill.status = "accepted"
            skill.provenance.append(
                self._signed(skill.ref, self._leveled(skill, "accepted", skill.level, note, proof))
            )
            return {"skill": skill.ref, "label": skill.label, "level": skill.level}

        return self._change("accept", change)

    def reject(self, skill_id: str, note: str | None = None) -> Passport:
        def change(passport: Passport) -> dict[str, object]:
            skill = self._skill(passport, skill_id)
            skill.status = "rejected"
            skill.provenance.append(
                self._signed(skill.ref, self._assessment(skill, "rejected", skill.level, note))
            )
            return {"skill": skill.ref, "label": skill.label}

        return self._change("reject", change)

    def edit_wording(self, skill_id: str, new_label: str, note: str | None = None) -> Passport:
        """Changes the words the holder sees; the catalogue ref and the CompetentNL standard stay as they
        are, so the skill still means the same thing to every system that reads the passport."""
        label = clean_answer(new_label, MAX_LABEL_CHARS)
        if self._skill(self.passport, skill_id).label == label:
            return self.passport

        def change(passport: Passport) -> dict[str, object]:
            skill = self._skill(passport, skill_id)
            old = skill.label
            skill.label = label
            skill.provenance.append(
                self._signed(skill.ref, self._assessment(skill, "edited", skill.level, note))
            )
            return {"skill": skill.ref, "from": old, "to": label}

        return self._change("edit", change)

    def change_level(
        self,
        skill_id: str,
        level: Level,
        note: str | None = None,
        *,
        evidence: str | None = None,
        confirmed_by: str | None = None,
    ) -> Passport:
        """Records the SkillsAPK level the coach gives the skill; its status stays as it is. A higher level
        needs the evidence and who confirms it (E507 otherwise); a lower one does not."""
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; one of {', '.join(LEVELS)}")
        if self._skill(self.passport, skill_id).level == level:
            return self.passport
        proof = self._raise_proof(skill_id, level, evidence, confirmed_by)

        def change(passport: Passport) -> dict[str, object]:
            skill = self._skill(passport, skill_id)
            old = skill.level
            skill.level = level
            skill.provenance.append(
                self._signed(skill.ref, self._leveled(skill, "edited", level, note, proof))
            )
            detail: dict[str, object] = {"skill": skill.ref, "label": skill.label, "from": old, "to": level}
            if proof is not None:
                detail["confirmed_by"] = proof[1]
            return detail

        return self._change("level", change)

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

        def change(passport: Passport) -> dict[str, object]:
            added = Assessment(
                assessed_by="coach",
                assessor=self.coach,
                verdict="added",
                standard=standards,
                purpose=COACH_PURPOSE,
                level="skillsverklaring",
                evidence=[Evidence(text=evidence)] if evidence else [],
                note=note,
            )
            skill = Skill(
                provenance=[self._signed(concept.id, added)],
                ref=concept.id,
                label=concept.label,
                source=concept.source,
                competentnl=[s for s in standards if s.kind == "competentnl"],
                status="accepted",
            )
            passport.skills.append(skill)
            return {"skill": skill.ref, "label": skill.label}

        return self._change("add", change)

    def add_note(self, text: str) -> Passport:
        text = clean_answer(text, MAX_NOTE_CHARS)  # empty gives E101, too long E102

        def change(passport: Passport) -> dict[str, object]:
            passport.notes.append(Note(author=self.coach, text=text))
            return {"text": text}

        return self._change("note", change)


def _b58(data: bytes) -> str:
    """base58btc, as in `export.signing` (the passport does not import the export package)."""
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    out = []
    while number:
        number, rest = divmod(number, 58)
        out.append(_B58[rest])
    return "1" * zeros + "".join(reversed(out))
