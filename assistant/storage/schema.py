"""The tables of the store, as SQLAlchemy Core objects the queries are written against.

The same tables exist in the embedded SQLite file and in the central PostgreSQL database. They are created
and changed only by the versioned migrations in `assistant/storage/migrations`; this module describes the
newest version. Columns marked `sealed` hold text encrypted with the store key (`field_cipher`).
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, Text

metadata = MetaData()

sessions = Table(
    "sessions",
    metadata,
    Column("id", String, primary_key=True),
    Column("dialogue", String, nullable=False),
    Column("dialogue_version", Integer, nullable=False),
    Column("language", String, nullable=False),
    Column("status", String, nullable=False),
    Column("history", Text, nullable=False),
    Column("passport_id", String),
    Column("created_at", String, nullable=False),
    Column("updated_at", String, nullable=False),
    Column("resume_code", String),
)

answers = Table(
    "answers",
    metadata,
    Column("session_id", String, primary_key=True),
    Column("question_id", String, primary_key=True),
    Column("status", String, nullable=False),
    Column("answer_values", Text, nullable=False),  # sealed
    Column("text", Text),  # sealed
    Column("answered_at", String, nullable=False),
    Column("language", String, nullable=False),
    Column("inferred_from", String),
)

proposals = Table(
    "proposals",
    metadata,
    Column("session_id", String, primary_key=True),
    Column("skill_ref", String, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("data", Text, nullable=False),  # sealed
    Column("verdict", String),
    Column("decided_at", String),
)

passports = Table(
    "passports",
    metadata,
    Column("id", String, primary_key=True),
    Column("session_id", String, nullable=False),
    Column("nickname", Text),  # sealed
    Column("status", String, nullable=False),
    Column("version", Integer, nullable=False),
    Column("data", Text, nullable=False),  # sealed
    Column("created_at", String, nullable=False),
    Column("updated_at", String, nullable=False),
)

passport_versions = Table(
    "passport_versions",
    metadata,
    Column("passport_id", String, primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("at", String, nullable=False),
    Column("actor_kind", String, nullable=False),
    Column("actor", String, nullable=False),
    Column("action", String, nullable=False),
    Column("detail", Text, nullable=False),  # sealed
    Column("data", Text, nullable=False),  # sealed
)

consents = Table(
    "consents",
    metadata,
    Column("id", String, primary_key=True),
    Column("passport_id", String, nullable=False),
    Column("data", Text, nullable=False),  # sealed
)

access_log = Table(
    "access_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String, nullable=False),
    Column("actor", String, nullable=False),
    Column("action", String, nullable=False),
    Column("passport_id", String),
    Column("detail", Text, nullable=False),  # sealed
)

coach_users = Table(
    "coach_users",
    metadata,
    Column("name", String, primary_key=True),
    Column("password_hash", String, nullable=False),
    Column("role", String, nullable=False),
    Column("created_at", String, nullable=False),
)

coach_events = Table(
    "coach_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("passport_id", String, nullable=False),
    Column("coach", String, nullable=False),
    Column("action", String, nullable=False),
    Column("detail", Text, nullable=False),  # sealed
    Column("at", String, nullable=False),
)

coach_sessions = Table(
    "coach_sessions",
    metadata,
    Column("token_hash", String, primary_key=True),
    Column("name", String, nullable=False),
    Column("role", String, nullable=False),
    Column("created_at", String, nullable=False),
    Column("expires_at", String, nullable=False),
)

store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", String, nullable=False),
)

outbox = Table(
    "outbox",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String, nullable=False, unique=True),
    Column("created_at", String, nullable=False),
    Column("payload", Text, nullable=False),
)

applied_events = Table(
    "applied_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String, nullable=False, unique=True),
    Column("origin", String, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("applied_at", String, nullable=False),
)

holder_access = Table(
    "holder_access",
    metadata,
    Column("passport_id", String, primary_key=True),
    Column("code_hash", String, unique=True),  # the holder's lasting code, keyed HMAC (`holder_code`)
    Column("code_made_at", String),
    Column("coach_may_look", Integer, nullable=False),  # 1: "Mag een coach meekijken?" answered Ja
    Column("vakbond", String),  # the union whose counsellors may look: "FNV", "CNV" or None
    Column("hidden", Text),  # sealed: JSON list of the skill refs the holder hid from what is shared
    Column("updated_at", String, nullable=False),
)

share_codes = Table(
    "share_codes",
    metadata,
    Column("code_hash", String, primary_key=True),  # keyed HMAC of the short take-along code
    Column("consent_id", String, nullable=False),
    Column("passport_id", String, nullable=False),
    Column("created_at", String, nullable=False),
)

counsellor_unions = Table(
    "counsellor_unions",
    metadata,
    Column("name", String, primary_key=True),  # a coach account of role vakbondsconsulent
    Column("vakbond", String, nullable=False),
)

#: Tables whose rows a kiosk sends to the central store, and their key columns.
KEYS: dict[str, tuple[str, ...]] = {
    "sessions": ("id",),
    "answers": ("session_id", "question_id"),
    "proposals": ("session_id", "skill_ref"),
    "passports": ("id",),
    "passport_versions": ("passport_id", "version"),
    "consents": ("id",),
    "access_log": (),
    "coach_events": (),
    "holder_access": ("passport_id",),
    "share_codes": ("code_hash",),
}
TABLES = {t.name: t for t in metadata.sorted_tables}

#: One Ed25519 signing key per coach or counsellor account (migration 0010): the private key sealed with the
#: region key ring, its did:key, and when it was made, ends and was revoked. Old keys stay (revoked or
#: expired), so a decision signed earlier can still be checked against the dates.
coach_keys = Table(
    "coach_keys",
    metadata,
    Column("did", String, primary_key=True),
    Column("name", String, nullable=False, index=True),
    Column("sealed_key", String, nullable=False),
    Column("created_at", String, nullable=False),
    Column("expires_at", String, nullable=False),
    Column("revoked_at", String, nullable=True),
)

#: A request to an employer to confirm chosen skills (migration 0010): the one-time code only as a keyed hash,
#: the request itself (skills, holder's nickname) sealed with the passport's data key, its end and its use.
#: Kept at the store that made it, never sent by a desk: the answer travels in the passport.
confirmation_requests = Table(
    "confirmation_requests",
    metadata,
    Column("id", String, primary_key=True),
    Column("code_hash", String, nullable=False, unique=True),
    Column("passport_id", String, nullable=False, index=True),
    Column("data", Text, nullable=False),  # sealed
    Column("created_by", String, nullable=False),
    Column("created_at", String, nullable=False),
    Column("expires_at", String, nullable=False),
    Column("used_at", String, nullable=True),
)
