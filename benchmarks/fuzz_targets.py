"""The real code behind each fuzzed input, built once on a scratch folder: the `map` contract with the
catalogue matcher, the dialogue loader, resume codes against a real SQLite store, the credential verifier on
real signed credentials, the taxonomy reader and the settings. Each target names its documented codes."""

from __future__ import annotations

import copy
import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.cli.skills import jsonl_record, map_line
from assistant.config import Settings
from assistant.dialogue.loader import load_dialogue, load_pictures
from assistant.export.ob3_export import ob3_json, passport_credentials
from assistant.export.ob3_verify import verify_file
from assistant.interview.records import Verdict
from assistant.interview.session import InterviewSession
from assistant.passport.consent import Consent
from assistant.skills.assembly import as_proposer
from assistant.skills.catalogue import load_catalogue
from assistant.skills.matcher import SkillMatcher
from assistant.skills.other_languages import read_other_languages
from assistant.storage import Store
from assistant.storage.field_cipher import FieldCipher
from assistant.taxonomy.knowledge_base import read_concepts
from benchmarks.fuzz import Target, csv_attack, mutate, random_text, yaml_attack

TAXONOMY_SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "taxonomy"
#: A small valid dialogue to mutate most of the time: quick to read, so more edits per second reach the
#: checks behind the parser. The full intake is mutated too.
SMALL_DIALOGUE = b"""\
id: klein
version: 1
start: naam
questions:
  - id: naam
    section: person
    stores_as: nickname
    text: Hoe mogen we u noemen?
    kind: text
    next: werk_nu
  - id: werk_nu
    section: paid_work
    text: Heeft u nu betaald werk?
    kind: yes_no
    next:
      - when: {werk_nu: [nee]}
        goto: afsluiting
      - goto: vervoer
  - id: vervoer
    section: ambition
    text: Hoe komt u naar uw werk?
    kind: multi
    choices:
      - {id: fiets, text: "Met de fiets", picture: fiets}
      - {id: auto, text: "Met de auto", picture: auto}
    next: afsluiting
  - id: afsluiting
    section: ambition
    map_skills: true
    text: Wilt u nog iets vertellen?
    kind: text
    next: end
"""
NUMERIC_SETTINGS = (
    "max_answer_chars",
    "max_proposals_per_answer",
    "min_confidence",
    "idle_seconds",
    "idle_warning_seconds",
    "resume_code_days",
    "auto_read",
    "large_text",
)


def all_targets(scratch: Path) -> list[Target]:
    settings = Settings(data_dir=scratch)
    catalogue = load_catalogue(settings.catalogue_dir)
    matcher: Any = as_proposer(SkillMatcher(catalogue))
    dialogue_path = settings.dialogue_file()
    dialogue = load_dialogue(dialogue_path)
    pictures = load_pictures(dialogue_path.parent / "pictures.yaml")
    store = Store(scratch / "fuzz.sqlite3", FieldCipher(Fernet.generate_key()))
    session = InterviewSession.start(store, dialogue, matcher)
    code = session.ensure_resume_code()
    credentials = _signed_credentials(store, dialogue, matcher)
    intake = dialogue_path.read_bytes()
    samples = [p.read_bytes() for p in sorted(TAXONOMY_SAMPLES.glob("*.csv"))]

    def check_map(line: str) -> None:
        out = map_line(matcher, line, settings.max_answer_chars)
        error = out.get("error")
        if error is not None and error["code"] not in {"E101", "E102", "E103"}:
            raise AssertionError(f"map gave {error['code']}")
        record = jsonl_record(out)
        if len(record.splitlines()) != 1 or not record.endswith("\n") or json.loads(record) != out:
            raise AssertionError("a map record is not exactly one JSON line")

    def make_map(rng: random.Random) -> str:
        if rng.random() < 0.2:  # what `map` makes of bytes that are not UTF-8
            raw = bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
            return raw.decode("utf-8", errors="replace").replace("\n", " ")
        return random_text(rng).replace("\n", " ")

    def write(name: str, data: bytes) -> Path:
        path = scratch / name
        path.write_bytes(data)
        return path

    def make_dialogue(rng: random.Random) -> bytes:
        roll = rng.random()
        return yaml_attack(rng) if roll < 0.15 else mutate(rng, intake if roll < 0.3 else SMALL_DIALOGUE)

    def check_dialogue(data: bytes) -> None:
        load_dialogue(write("fuzz.yaml", data), pictures=pictures)

    def make_code(rng: random.Random) -> str:
        roll = rng.random()
        if roll < 0.2:
            sep = rng.choice(("", " ", "-", ".", "  ", "\t"))
            return code[:4] + sep + code[4:]
        if roll < 0.6:
            digits = "".join(rng.choice("0123456789") for _ in range(rng.choice((7, 8, 8, 9))))
            return rng.choice(("", " ", "-")).join((digits[:4], digits[4:]))
        return random_text(rng, 40)

    def check_code(typed: str) -> None:
        record, found = InterviewSession.find_by_code(store, typed)
        if record.id != session.id or found != code:
            raise AssertionError("a code opened another interview")

    def make_export(rng: random.Random) -> bytes:
        if rng.random() < 0.5:
            return mutate(rng, ob3_json(credentials).encode())
        changed = copy.deepcopy(credentials)
        _mutate_json(rng, changed)
        return json.dumps(changed, ensure_ascii=False).encode()

    def check_export(data: bytes) -> None:
        result = verify_file(write("fuzz.json", data))
        if result.failures:
            raise result.failures[0]

    def make_taxonomy(rng: random.Random) -> bytes:
        sample = rng.choice(samples)
        if rng.random() < 0.1:
            return csv_attack(rng, sample.split(b"\n", 1)[0])
        return mutate(rng, sample, rounds=4)

    def check_taxonomy(data: bytes) -> None:
        read_concepts([write("fuzz.csv", data)])

    words_dir = scratch / "other_languages"
    words_dir.mkdir(exist_ok=True)
    # The first skills of the real Polish file: the whole file would make each input 20 times slower.
    polish = b"\n".join(
        (settings.catalogue_dir / "other_languages" / "pl.yaml").read_bytes().split(b"\n")[:16]
    )

    def make_words(rng: random.Random) -> bytes:
        return yaml_attack(rng) if rng.random() < 0.15 else mutate(rng, polish)

    def check_words(data: bytes) -> None:
        (words_dir / "pl.yaml").write_bytes(data)
        read_other_languages(words_dir, set(catalogue.skills))

    def make_setting(rng: random.Random) -> tuple[str, str]:
        value = rng.choice(("-5", "nan", "inf", "1e9", "0", "abc", "", "ja", "1", "30", "2.5", "-0", "1_000"))
        return rng.choice(NUMERIC_SETTINGS), value if rng.random() < 0.8 else random_text(rng, 20)

    def check_setting(pair: tuple[str, str]) -> None:
        Settings(**{pair[0]: pair[1]})

    return [
        Target("map answer", frozenset(), make_map, check_map),
        Target(
            "dialogue file",
            frozenset({"E201", "E202", "E203", "E213", "E214", "E215", "E216"}),
            make_dialogue,
            check_dialogue,
        ),
        Target("resume code", frozenset({"E106", "E107", "E333"}), make_code, check_code),
        Target(
            "export file",
            frozenset(
                {
                    "E601",
                    "E602",
                    "E603",
                    "E604",
                    "E605",
                    "E606",
                    "E607",
                    "E610",
                    "E614",
                    "E615",
                    "E618",
                    "E619",
                }
            ),
            make_export,
            check_export,
        ),
        Target("taxonomy file", frozenset({"E203", "E211", "E212"}), make_taxonomy, check_taxonomy),
        Target("setting", frozenset({"E612", "E613"}), make_setting, check_setting),
        Target(
            "words in another language",
            frozenset({"E211", "E212", "E213", "E214", "E215", "E216"}),
            make_words,
            check_words,
        ),
    ]


def _signed_credentials(store: Store, dialogue: Any, matcher: Any) -> list[dict[str, Any]]:
    """Real credentials of a real passport: an interview with confirmed building skills, signed."""
    session = InterviewSession.start(store, dialogue, matcher)
    session.answer(text="Piet")
    session.answer(values=["ja"])
    session.answer(values=["bouw"])
    for proposal in session.answer(values=["metselen", "tegels"]):
        session.confirm(proposal.skill_ref, Verdict.YES)
    while not session.finished:
        session.skip()
    passport = store.passport(session.finish().id)
    consent = Consent(
        passport_id=passport.id,
        parts=["skills", "experiences"],
        receiver_kind="employer",
        receiver="Bouwbedrijf",
        purpose="Sollicitatie",
        until=date.today() + timedelta(days=30),
    )
    issued = datetime.now(UTC) - timedelta(days=1)
    return passport_credentials(passport, consent, Ed25519PrivateKey.generate(), "Loket", issued=issued)


def _mutate_json(rng: random.Random, node: Any, depth: int = 0) -> None:
    """Changes, removes or retypes one value somewhere in the credentials."""
    if isinstance(node, list) and node:
        if rng.random() < 0.3 or depth > 6:
            node[rng.randrange(len(node))] = _odd_value(rng)
        else:
            _mutate_json(rng, node[rng.randrange(len(node))], depth + 1)
    elif isinstance(node, dict) and node:
        key = rng.choice(list(node))
        roll = rng.random()
        if roll < 0.2:
            del node[key]
        elif roll < 0.45 or depth > 6:
            node[key] = _odd_value(rng)
        else:
            _mutate_json(rng, node[key], depth + 1)


def _odd_value(rng: random.Random) -> Any:
    return rng.choice(
        (
            None,
            0,
            -1,
            1e308,
            True,
            "",
            "x" * 5000,
            [],
            {},
            [None],
            {"id": None},
            "2026-13-45T99:99:99Z",
            random_text(rng, 30),
        )
    )
