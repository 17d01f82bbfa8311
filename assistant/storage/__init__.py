"""Where everything is kept: the embedded SQLite store (the default)."""

from assistant.storage.sqlite_store import Proposal, SessionRecord, Store

__all__ = ["Proposal", "SessionRecord", "Store"]
