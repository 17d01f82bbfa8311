"""Exports of a passport: the full record as JSON (validated against the committed schema)."""
