"""How well the kiosk's skill proposals hold up: the report behind `assistent evaluate`.

This module owns the counting; `report` writes it out. It reads every proposal of every interview in a store, and
the coach's decisions on the draft passports, and counts per skill and per sector: how often the kiosk
proposed the skill, what the person said to "Klopt dit?" (Ja, Een beetje, Nee, or no answer yet), what a
coach did with it afterwards (accepted, rejected), and the precision (Ja + Een beetje) / answered. The
recall side is what can honestly be counted: skills a coach added from the catalogue that the kiosk never
proposed in that interview ("missed").

Where the coach's decisions are: a review change is saved in the passport itself (the skill's `status`
becomes "accepted" or "rejected", and a coach `Assessment` is appended to its provenance; a skill the coach
adds starts with a coach assessment whose verdict is "added"), and also in the coach event log. The passport
holds the outcome after every change, so it is what is counted here: a skill accepted and later rejected
counts once, as rejected.

Per source too: said in words, found by meaning, implied by a job, or a ticked choice (`Proposal.via`).
A skill asked again for a later answer keeps its earlier "Nee" answers, and each counts as a question.

The report holds no personal text: no answers, no evidence, no nicknames, no session or passport ids, no
coach names. Only skill ids, catalogue labels, sector names and counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, get_args

from assistant.i18n import N_, _
from assistant.interview.records import Proposal, SessionStatus, Verdict
from assistant.passport.model import Passport
from assistant.skills.catalogue import Catalogue
from assistant.storage import Store

#: The label of skills that belong to no sector (the general CompetentNL capabilities).
GENERAL_SECTOR = N_("Algemeen")
#: Longest skill label in the text table; longer ones are cut off there (never in the JSON).
MAX_LABEL_WIDTH = 40


@dataclass
class Counts:
    """The numbers for one skill, one sector or everything together."""

    proposed: int = 0
    ja: int = 0
    beetje: int = 0
    nee: int = 0
    coach_accepted: int = 0
    coach_rejected: int = 0
    missed: int = 0

    @property
    def answered(self) -> int:
        return self.ja + self.beetje + self.nee

    @property
    def unanswered(self) -> int:
        return self.proposed - self.answered

    @property
    def precision(self) -> float | None:
        """(Ja + Een beetje) / answered proposals; None when no proposal was answered."""
        return (self.ja + self.beetje) / self.answered if self.answered else None

    def count(self, verdict: str | None) -> None:
        """One question asked, with the person's answer (None: not answered yet)."""
        self.proposed += 1
        if verdict == Verdict.YES:
            self.ja += 1
        elif verdict == Verdict.A_LITTLE:
            self.beetje += 1
        elif verdict == Verdict.NO:
            self.nee += 1

    def add(self, other: Counts) -> None:
        self.proposed += other.proposed
        self.ja += other.ja
        self.beetje += other.beetje
        self.nee += other.nee
        self.coach_accepted += other.coach_accepted
        self.coach_rejected += other.coach_rejected
        self.missed += other.missed

    def as_dict(self) -> dict[str, Any]:
        return {
            "proposed": self.proposed,
            "ja": self.ja,
            "beetje": self.beetje,
            "nee": self.nee,
            "unanswered": self.unanswered,
            "coach_accepted": self.coach_accepted,
            "coach_rejected": self.coach_rejected,
            "missed": self.missed,
            "precision": None if self.precision is None else round(self.precision, 4),
        }


@dataclass
class SkillRow:
    skill_ref: str
    label: str
    sector: str | None
    sector_label: str
    counts: Counts = field(default_factory=Counts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "skill_ref": self.skill_ref,
            "label": self.label,
            "sector": self.sector,
            "sector_label": self.sector_label,
            **self.counts.as_dict(),
        }


@dataclass
class SectorRow:
    sector: str | None
    label: str
    skills: int = 0
    """How many different skills of this sector the kiosk proposed."""
    counts: Counts = field(default_factory=Counts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sector": self.sector,
            "sector_label": self.label,
            "skills": self.skills,
            **self.counts.as_dict(),
        }


@dataclass
class Evaluation:
    """Everything the report shows; built by `evaluate`, already free of personal text."""

    skills: list[SkillRow]
    """Every skill that was proposed or missed, most rejected first."""
    sectors: list[SectorRow]
    totals: Counts
    sessions: int
    passports: int
    reviewed_passports: int
    """Passports where a coach accepted, rejected or added at least one skill."""
    sources: dict[str, Counts] = field(default_factory=dict)
    """By where a proposal came from: "direct" (said in words), "meaning", "said_with" (care said
    of someone close), "occupation", "choice"."""

    @property
    def is_empty(self) -> bool:
        return self.totals.proposed == 0 and self.totals.missed == 0

    def shown_skills(self, minimum: int) -> list[SkillRow]:
        """The skills proposed at least `minimum` times."""
        return [row for row in self.skills if row.counts.proposed >= minimum]

    def missed_skills(self) -> list[SkillRow]:
        """Skills a coach added that the kiosk had not proposed, most missed first."""
        rows = [row for row in self.skills if row.counts.missed]
        return sorted(rows, key=lambda r: (-r.counts.missed, r.label, r.skill_ref))

    def as_json(self, minimum: int = 1) -> dict[str, Any]:
        return {
            "min": minimum,
            "per_skill": [row.as_dict() for row in self.shown_skills(minimum)],
            "per_sector": [row.as_dict() for row in self.sectors],
            "missed": [
                {
                    "skill_ref": row.skill_ref,
                    "label": row.label,
                    "sector": row.sector,
                    "sector_label": row.sector_label,
                    "missed": row.counts.missed,
                }
                for row in self.missed_skills()
            ],
            "per_source": {
                source: {
                    k: v
                    for k, v in counts.as_dict().items()
                    if k not in {"coach_accepted", "coach_rejected", "missed"}
                }
                for source, counts in self.sources.items()
            },
            "totals": {
                "sessions": self.sessions,
                "passports": self.passports,
                "reviewed_passports": self.reviewed_passports,
                **self.totals.as_dict(),
            },
        }


def sector_label(sector: str | None, catalogue: Catalogue) -> str:
    """The plain name of a sector ("Bouw"); skills without a sector are "Algemeen"."""
    return _(GENERAL_SECTOR) if sector is None else catalogue.sectors.get(sector, sector)


def _sector_of(catalogue: Catalogue, ref: str, source: str) -> str | None:
    concept = catalogue.skills.get(ref)
    if concept is not None:
        return concept.sector
    return source.removeprefix("sector:") if source.startswith("sector:") else None


def _coach_outcome(passport: Passport) -> tuple[dict[str, str], set[str], bool]:
    """(skill ref -> "accepted" / "rejected", refs a coach added and kept, whether a coach decided anything)."""
    decisions: dict[str, str] = {}
    added: set[str] = set()
    reviewed = False
    for skill in passport.skills:
        if not any(a.assessed_by == "coach" for a in skill.provenance):
            continue
        first = skill.provenance[0]
        if first.assessed_by == "coach" and first.verdict == "added":
            reviewed = True
            if skill.status != "rejected":
                added.add(skill.ref)
        if skill.status in ("accepted", "rejected"):
            reviewed = True
            decisions[skill.ref] = skill.status
    return decisions, added, reviewed


def evaluate(store: Store, catalogue: Catalogue) -> Evaluation:
    """Counts every proposal of every interview in `store`, and the coach's decisions on the passports."""
    statuses: tuple[SessionStatus, ...] = get_args(SessionStatus)
    sessions = store.sessions(statuses)
    proposals: dict[str, list[Proposal]] = {s.id: store.proposals(s.id) for s in sessions}
    passports = [store.passport(pid) for pid, _nick, _status, _updated in store.passports()]

    rows: dict[str, SkillRow] = {}

    def row(ref: str, label: str, source: str) -> SkillRow:
        if ref not in rows:
            concept = catalogue.skills.get(ref)
            sector = _sector_of(catalogue, ref, source)
            rows[ref] = SkillRow(
                ref, concept.label if concept else label, sector, sector_label(sector, catalogue)
            )
        return rows[ref]

    by_source: dict[str, Counts] = {}
    for session_proposals in proposals.values():
        for proposal in session_proposals:
            # A skill asked again for a later answer keeps its earlier "Nee" answers: each was a question.
            verdicts = [*(e.get("verdict") for e in proposal.earlier), proposal.verdict]
            for counts in (
                row(proposal.skill_ref, proposal.label, proposal.source).counts,
                by_source.setdefault(proposal.via, Counts()),
            ):
                for verdict in verdicts:
                    counts.count(verdict)

    reviewed_passports = 0
    for passport in passports:
        decisions, added, reviewed = _coach_outcome(passport)
        reviewed_passports += int(reviewed)
        proposed = {p.skill_ref for p in proposals.get(passport.session_id, [])}
        for ref, decision in decisions.items():
            if ref in proposed:
                counts = rows[ref].counts
                if decision == "accepted":
                    counts.coach_accepted += 1
                else:
                    counts.coach_rejected += 1
        if passport.session_id not in proposals:
            continue  # without the interview, nobody can say what the kiosk proposed
        for ref in sorted(added - proposed):
            skill = next(s for s in passport.skills if s.ref == ref)
            # A coach may have reworded the skill: only the catalogue's own label goes into the report.
            row(ref, ref, skill.source).counts.missed += 1

    skills = sorted(rows.values(), key=_most_rejected_first)
    return Evaluation(
        skills=skills,
        sectors=_per_sector(skills),
        totals=_sum(r.counts for r in skills),
        sessions=len(sessions),
        passports=len(passports),
        reviewed_passports=reviewed_passports,
        sources=dict(sorted(by_source.items())),
    )


def _most_rejected_first(row: SkillRow | SectorRow) -> tuple[int, int, int, str]:
    c = row.counts
    return (-c.nee, -c.coach_rejected, -c.proposed, row.label)


def _sum(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for c in counts:
        total.add(c)
    return total


def _per_sector(skills: Sequence[SkillRow]) -> list[SectorRow]:
    sectors: dict[str | None, SectorRow] = {}
    for skill in skills:
        sector = sectors.setdefault(skill.sector, SectorRow(skill.sector, skill.sector_label))
        sector.counts.add(skill.counts)
        sector.skills += int(skill.counts.proposed > 0)
    return sorted(sectors.values(), key=_most_rejected_first)
