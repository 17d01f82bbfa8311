"""The full passport as JSON, and the JSON schema it follows (`schema/passport.schema.json`)."""

from __future__ import annotations

import json

from assistant.passport.model import Passport


def passport_schema() -> dict[str, object]:
    schema = Passport.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "urn:assistent:lokaal:schema:passport:1"
    return schema


def schema_text() -> str:
    return json.dumps(passport_schema(), indent=2, ensure_ascii=False) + "\n"


def export_json(passport: Passport) -> str:
    return passport.model_dump_json(indent=2) + "\n"
