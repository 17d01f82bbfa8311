"""The `assistent map --jsonl` contract, measured from outside as a real process."""

from __future__ import annotations

import json
import subprocess

from tests.conftest import ASSISTENT


def _map(lines: list[bytes]) -> list[dict]:
    proc = subprocess.run(
        [str(ASSISTENT), "map", "--jsonl"],
        input=b"\n".join(lines) + b"\n",
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    return [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]


def test_cli_map_contract_and_bad_input() -> None:
    lines = [
        b"ik heb tien jaar muren gemetseld",
        b"",
        ("metselen " * 2000).encode(),
        "ik kook graag voor mijn familie 🍲👨‍👩‍👧".encode(),
        b"ik werkte als \x1b[31mvrachtwagenchauffeur\x07 \x00",
        b"\xff\xfe kapotte tekst",
        "أعمل في المطبخ".encode(),
    ]
    out = _map(lines)
    assert len(out) == len(lines), "one JSON object per input line"
    for obj in out:
        assert set(obj) >= {"text", "skills", "occupations"}
        assert len(obj["skills"]) <= 4, "never more questions than the kiosk asks after one answer"
        for skill in obj["skills"]:
            assert set(skill) == {"id", "label", "source", "competentnl", "confidence", "evidence"}
            assert skill["source"] == "competentnl" or skill["source"].startswith("sector:")
            assert 0 < skill["confidence"] <= 1
            for ref in skill["competentnl"]:
                assert ref["uri"].startswith("https://linkeddata.competentnl.nl/id/humancapability/")
                assert ref["label"]
        for occ in obj["occupations"]:
            assert set(occ) == {"uri", "label", "confidence"}

    bricks = out[0]
    assert bricks["skills"][0]["id"] == "bouw.metselen"
    assert "gemetseld" in bricks["skills"][0]["evidence"]
    assert out[1]["skills"] == [] and "error" not in out[1]
    assert out[2]["skills"] == [] and out[2]["error"]["code"] == "E102"
    assert any(s["source"] == "sector:horeca" or "koken" in s["evidence"] for s in out[3]["skills"])
    assert any("chauffeur" in o["label"].lower() for o in out[4]["occupations"])
    assert out[5]["text"].endswith("kapotte tekst")
    assert out[6]["skills"] == []
