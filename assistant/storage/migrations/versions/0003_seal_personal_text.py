"""Encrypts a person's own words that an older kiosk stored as plain text: answers, proposals (they quote
the answer), passports with their nicknames, consents, coach events and access-log details.

Rows already sealed are left alone, so running it on a half-migrated copy is safe.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"

SEALED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # table: (key columns, sealed columns)
    "answers": (("session_id", "question_id"), ("answer_values", "text")),
    "proposals": (("session_id", "skill_ref"), ("data",)),
    "passports": (("id",), ("nickname", "data")),
    "consents": (("id",), ("data",)),
    "coach_events": (("id",), ("detail",)),
    "access_log": (("id",), ("detail",)),
}


def upgrade() -> None:
    cipher = op.get_context().opts["cipher"]
    bind = op.get_bind()
    for name, (keys, fields) in SEALED.items():
        table = sa.table(name, *(sa.column(c) for c in keys + fields))
        for row in bind.execute(sa.select(table)).mappings().all():
            changes = {
                f: cipher.seal(row[f]) for f in fields if row[f] is not None and not cipher.is_sealed(row[f])
            }
            if changes:
                where = sa.and_(*(table.c[k] == row[k] for k in keys))
                bind.execute(sa.update(table).where(where).values(**changes))


def downgrade() -> None:
    raise NotImplementedError("personal text is never written back in the clear")
