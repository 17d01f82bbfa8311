"""A data key per person: text an older version sealed with the region key itself is sealed again with its
owner's own data key (`assistant.storage.person_keys`), so that erasing a person destroys the one key that
opens it and rotating the region key re-seals only the data keys.

Why re-seal here rather than leave old rows as they are (they would still open, without the "p1:" prefix):
left alone, they stay readable with the region key in every backup after the person is erased, and a
retired region key would make them unreadable in the live store. The data keys are made in the key store
(its own database) and committed before this transaction writes the rows that need them; if this migration
fails, the rows stay as they were and the keys made are used when it runs again. The key table itself is
made by the key store, not here: it is not in this database on purpose (see `person_keys`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"

# table: (key columns, the column naming the owner (None: nobody), sealed columns)
SEALED: dict[str, tuple[tuple[str, ...], str | None, tuple[str, ...]]] = {
    "answers": (("session_id", "question_id"), "session_id", ("answer_values", "text")),
    "proposals": (("session_id", "skill_ref"), "session_id", ("data",)),
    "passports": (("id",), "session_id", ("nickname", "data")),
    "consents": (("id",), "passport_id", ("data",)),
    "coach_events": (("id",), "passport_id", ("detail",)),
    "access_log": (("id",), "passport_id", ("detail",)),
}


def upgrade() -> None:
    opts = op.get_context().opts
    cipher, keys = opts["cipher"], opts["keys"]
    bind = op.get_bind()
    for name, (key_columns, owner_column, fields) in SEALED.items():
        columns = dict.fromkeys((*key_columns, owner_column or key_columns[0], *fields))
        table = sa.table(name, *(sa.column(c) for c in columns))
        for row in bind.execute(sa.select(table)).mappings().all():
            owner = (row[owner_column] if owner_column else None) or "-"
            changes = {
                f: keys.seal(owner, cipher.open(row[f]))
                for f in fields
                if row[f] is not None and cipher.is_sealed(row[f])
            }
            if changes:
                where = sa.and_(*(table.c[k] == row[k] for k in key_columns))
                bind.execute(sa.update(table).where(where).values(**changes))


def downgrade() -> None:
    raise NotImplementedError("data keys are never folded back into the region key")
