"""What the holder decided about their passport after the visit, as the store keeps it: the lasting access
code (only its keyed hash), whether a coach may look and which union's counsellors, the skills hidden from
what is shared, and the short take-along codes of consents; and the rule, as a query, of which passports a
coach account may see (`coach_sees`). On PostgreSQL the server enforces the same rule with row-level
security (migration 0009).

One row per passport in `holder_access`, written whole (read, changed, upserted) so the same op works on a
desk's file, in its outbox and on the central store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from sqlalchemy import Column, ColumnElement, Connection, false, select

from assistant.errors import StorageError
from assistant.storage import schema as t
from assistant.storage.database import Database, utc_now

#: The unions a holder can choose and a counsellor account can belong to.
UNIONS = ("FNV", "CNV")


@dataclass(frozen=True)
class HolderChoices:
    """The holder's standing choices for one passport."""

    coach_may_look: bool = False
    union: str | None = None
    hidden: frozenset[str] = field(default_factory=frozenset)
    """Skill refs left out of everything shared."""


def coach_sees(passport_id: ColumnElement[str], name: str, role: str) -> ColumnElement[bool]:
    """The passports this coach account may see: the holder said Ja to a coach looking and, for a union
    counsellor, chose that counsellor's union. Any other role sees nothing."""
    h, unions = t.holder_access, t.counsellor_unions
    allowed = select(h.c.passport_id).where(h.c.coach_may_look == 1)
    if role == "vakbondsconsulent":
        union = select(unions.c.vakbond).where(unions.c.name == name).scalar_subquery()
        allowed = allowed.where(h.c.vakbond.is_not(None), h.c.vakbond == union)
    elif role != "coach":
        return false()
    return passport_id.in_(allowed)


class HolderAccess(Database):
    """The holder's code, choices and take-along codes."""

    # The lasting code -----------------------------------------------------------------------------------

    def set_holder_code(self, passport_id: str, code_hash: str) -> None:
        """Gives the passport a new lasting code; the old one stops working in the same transaction."""
        with self._tx() as conn:
            self._put(conn, passport_id, {"code_hash": code_hash, "code_made_at": utc_now()})

    def passport_by_holder_code(self, code_hashes: list[str]) -> str | None:
        """The passport whose lasting code has one of these hashes (one per key of the region ring)."""
        return self._found_by_hash(t.holder_access.c.passport_id, t.holder_access.c.code_hash, code_hashes)

    # The holder's choices -------------------------------------------------------------------------------

    def holder_choices(self, passport_id: str) -> HolderChoices:
        with self._read() as conn:
            row = conn.execute(
                select(t.holder_access).where(t.holder_access.c.passport_id == passport_id)
            ).first()
        if row is None:
            return HolderChoices()
        hidden = json.loads(self.keys.open(row.hidden) or "[]") if row.hidden else []
        return HolderChoices(bool(row.coach_may_look), row.vakbond, frozenset(hidden))

    def set_holder_choices(self, passport_id: str, choices: HolderChoices) -> None:
        if choices.union is not None and choices.union not in UNIONS:
            raise StorageError("E516", union=choices.union, choices=", ".join(UNIONS))
        with self._tx() as conn:
            hidden = json.dumps(sorted(choices.hidden))
            self._put(
                conn,
                passport_id,
                {
                    "coach_may_look": int(choices.coach_may_look),
                    "vakbond": choices.union,
                    "hidden": self.keys.seal(passport_id, hidden),
                },
            )

    def allow_coach(self, passport_id: str, allowed: bool, union: str | None) -> HolderChoices:
        """The answer to "Mag een coach meekijken?" (and which union's counsellors); hidden skills stay."""
        choices = replace(self.holder_choices(passport_id), coach_may_look=allowed, union=union)
        self.set_holder_choices(passport_id, choices)
        return choices

    def hide_skills(self, passport_id: str, hidden: frozenset[str]) -> HolderChoices:
        """The skills left out of what is shared, from now on; the rest of the choices stay."""
        choices = replace(self.holder_choices(passport_id), hidden=frozenset(hidden))
        self.set_holder_choices(passport_id, choices)
        return choices

    def _put(self, conn: Connection, passport_id: str, values: dict[str, object]) -> None:
        exists = select(t.passports.c.id).where(t.passports.c.id == passport_id)
        if conn.execute(exists).first() is None:
            raise StorageError("E301", id=passport_id)
        current = conn.execute(
            select(t.holder_access).where(t.holder_access.c.passport_id == passport_id)
        ).first()
        row: dict[str, object] = (
            dict(current._mapping)
            if current is not None
            else {
                "passport_id": passport_id,
                "code_hash": None,
                "code_made_at": None,
                "coach_may_look": 0,
                "vakbond": None,
                "hidden": None,
            }
        )
        row.update(values, updated_at=utc_now())
        self._write(conn, [{"op": "upsert", "table": "holder_access", "row": row}])

    # Counsellors' unions --------------------------------------------------------------------------------

    def set_counsellor_union(self, name: str, union: str) -> None:
        if union not in UNIONS:
            raise StorageError("E516", union=union, choices=", ".join(UNIONS))
        with self._tx() as conn:
            conn.execute(t.counsellor_unions.delete().where(t.counsellor_unions.c.name == name))
            conn.execute(t.counsellor_unions.insert().values(name=name, vakbond=union))

    def counsellor_union(self, name: str) -> str | None:
        with self._read() as conn:
            found = conn.execute(
                select(t.counsellor_unions.c.vakbond).where(t.counsellor_unions.c.name == name)
            ).scalar()
        return None if found is None else str(found)

    # Take-along codes -----------------------------------------------------------------------------------

    def add_share_code(self, code_hash: str, consent_id: str, passport_id: str) -> None:
        row = {
            "code_hash": code_hash,
            "consent_id": consent_id,
            "passport_id": passport_id,
            "created_at": utc_now(),
        }
        with self._tx() as conn:
            self._write(conn, [{"op": "insert", "table": "share_codes", "row": row}])

    def consent_by_share_code(self, code_hashes: list[str]) -> str | None:
        """The consent a take-along code belongs to, or None."""
        return self._found_by_hash(t.share_codes.c.consent_id, t.share_codes.c.code_hash, code_hashes)

    def _found_by_hash(self, wanted: Column[str], code_hash: Column[str], hashes: list[str]) -> str | None:
        # A typed code has one hash per key of the ring; at most one of them is stored.
        with self._read() as conn:
            found = conn.execute(select(wanted).where(code_hash.in_(hashes)).limit(1)).scalar()
        return None if found is None else str(found)
