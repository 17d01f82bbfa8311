"""The store's side of signed admin tokens (`assistant.admin_tokens`): the public keys of the admin
machines, and the ids of tokens already used, so each token works once. Both live in `store_meta`, which
on the central PostgreSQL only the admin role and the owner may write (migration 0005)."""

from __future__ import annotations

from assistant.storage import schema as t
from assistant.storage.database import Database, utc_now

_KEY = "admin-token-key:"
_USED = "admin-token-used:"


class AdminKeys(Database):
    """Admin machines' public keys and spent admin tokens."""

    def admin_token_key(self, key_id: str) -> str | None:
        with self._read() as conn:
            return self._meta(conn, _KEY + key_id)

    def publish_admin_token_key(self, key_id: str, public_key: str) -> None:
        with self._tx() as conn:
            self._set_meta(conn, _KEY + key_id, public_key)

    def spend_admin_token(self, token_id: str) -> bool:
        """True the first time a token id is spent, False ever after."""
        with self._tx() as conn:
            spent = conn.execute(
                self._insert(t.store_meta)
                .values(key=_USED + token_id, value=utc_now())
                .on_conflict_do_nothing()
                .returning(t.store_meta.c.key)
            ).first()
        return spent is not None
