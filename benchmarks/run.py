"""`make bench`: imports the taxonomy into a scratch folder and prints the benchmark results."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.skills.catalogue import load_catalogue
from assistant.skills.model_build import build
from assistant.taxonomy.knowledge_base import KnowledgeBase
from benchmarks import dev_answers, melo, profiles, vdab
from benchmarks.common import SHARED_DATA
from benchmarks.fuzz import BOUND_SECONDS as FUZZ_BOUND

FUZZ_INPUTS = 100_000


def _run_json(module: str, *args: str, check: bool = True) -> dict[str, Any]:
    """Runs `python -m module args` on its own (a clean process per benchmark) and reads the JSON object
    it prints last."""
    out = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True, check=check)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    if not SHARED_DATA.exists():
        print(f"{SHARED_DATA} ontbreekt: de benchmarks hebben ../shared/data nodig", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        taxonomy_dir = Path(scratch) / "taxonomy"
        kb = KnowledgeBase(taxonomy_dir)
        kb.import_files([SHARED_DATA / "competentnl", SHARED_DATA / "esco_nl"])
        kb.close()
        catalogue = load_catalogue(Settings().catalogue_dir)
        report = build(taxonomy_dir, catalogue, full=True)
        print(
            f"0. Semantic model (assistent taxonomy build-model --full): built in {report.seconds:.0f} s "
            f"(vectors of texts seen before come from the cache), {report.size_bytes / 1e6:.1f} MB; "
            f"calibration threshold {report.parts.get('calibration', {}).get('threshold')}, "
            f"fusion trained on {report.parts.get('fusion', {}).get('training_queries')} ESCO alternative labels"
        )
        f = report.parts.get("fusion", {})
        print(
            f"   occupation ranker on {f.get('held_out_queries')} other ESCO alternative labels held back for "
            f"reporting: MRR {f.get('fusion')} (words alone {f.get('lexical')}, meaning alone {f.get('meaning')})"
        )
        o = report.parts.get("occupation_fusion", {})
        print(
            f"   the same with the static encoder of job titles (what ranks occupations): MRR {o.get('fusion')} "
            f"(static encoder alone {o.get('static')}); without e5 on the query (fast): "
            f"{report.parts.get('fast_occupation_fusion', {}).get('fusion')}"
        )

        m = melo.run()
        learned = melo.run_learned(taxonomy_dir)
        fast = melo.run_learned(taxonomy_dir, fast=True)
        print("1. MELO (nld, q_nl -> c_nl), MRR over {queries} queries, {corpus} surface forms".format(**m))
        print(
            f"   learned ranker (lexical + e5 + static encoder, fusion trained on ESCO): MRR {learned['mrr']:.3f} "
            "(target >= 0.58)"
        )
        print(
            f"   fast learned ranker (lexical + static encoder, no e5 on the query): MRR {fast['mrr']:.3f} "
            "(target >= 0.58)"
        )
        print(f"   lexical engine alone: MRR {m['mrr']:.3f}")
        for name, value in melo.PUBLISHED.items():
            print(f"   published {name}: {value:.3f}")

        v = vdab.run(taxonomy_dir)
        vl = vdab.run_learned(taxonomy_dir)
        print(
            "2. VDAB Competent -> ESCO skills ({competences} competences with a Dutch ESCO target; "
            "{esco_skills} ESCO skills ranked)".format(**v)
        )
        print(
            f"   learned ranker (fusion trained on ESCO occupation names only): recall@5 "
            f"{vl['recall_at_5']:.3f}, MRR {vl['mrr']:.3f}"
        )
        print(f"   lexical engine alone: recall@5 {v['recall_at_5']:.3f}, MRR {v['mrr']:.3f}")
        s = report.parts.get("skills", {})
        print(
            f"   learned ranker on {s.get('held_out_queries')} alternative ESCO skill names, each held out of "
            f"the index (our own report, no benchmark): MRR {s.get('fusion')} (words alone {s.get('lexical')}, "
            f"meaning alone {s.get('meaning')})"
        )

        print(
            "3. Kiosk answers (tests/data/answers_dev.tsv; tune rows fitted the calibration, report rows did not):"
        )
        for label, tdir, semantic in (
            ("catalogue only", None, False),
            ("with the taxonomy import, words only", taxonomy_dir, False),
            ("with the taxonomy import and the semantic model", taxonomy_dir, True),
        ):
            d = dev_answers.run(tdir, semantic)
            print(f"   {label}:")
            for split in ("tune", "report"):
                r = d[split]
                print(
                    f"     {split:6} ({r['answers']:.0f} answers): recall {r['recall']:.3f} (target >= 0.9), "
                    f"precision {r['precision']:.3f} (target >= 0.7), questions per answer "
                    f"{r['questions_per_answer']:.2f} (target <= 4), must-not skills asked {r['must_not_asked']:.0f}"
                )
        for label, tdir in (
            ("catalogue only", None),
            ("with the taxonomy import and the model", taxonomy_dir),
        ):
            p = profiles.run(tdir)["average"]
            print(
                f"   whole interviews (tests/data/profiles.yaml), {label}: {p['confirm_screens']:.1f} 'Klopt dit?' "
                f"screens per interview (target <= 12), precision {p['precision']:.3f}, recall {p['recall']:.3f}, "
                f"about {p['minutes']:.1f} minutes"
            )

        print("4. Speed and memory (this machine):")
        for label, semantic in (("words only", False), ("with the semantic model", True)):
            s = _run_json("benchmarks.speed", str(taxonomy_dir), "semantic" if semantic else "lexical")
            target = 30 if semantic else 10
            print(
                f"   {label}: map per answer p50 {s['map_p50_ms']:.2f} ms, p95 {s['map_p95_ms']:.2f} ms "
                f"(target p95 <= {target} ms); ready to map {s['ready_seconds']:.2f} s; "
                f"peak RSS {s['peak_rss_mb']:.0f} MB (target <= 300 MB)"
            )
        print(f"   knowledge-base load {s['kb_load_seconds']:.2f} s (target <= 1 s)")
        print(
            f"   MELO queries per second in process: fast learned ranker {fast['queries_per_second']:.0f}, "
            f"learned ranker with e5 {learned['queries_per_second']:.0f}, lexical {m['queries_per_second']:.0f} "
            "(goal >= 1,000)"
        )
        k = _run_json("benchmarks.kiosk_start", str(taxonomy_dir))
        print(
            f"   kiosk start to the first question on screen {k['first_screen_seconds']:.2f} s (target < 1.5 s); "
            f"semantic model ready in the background after {k['model_ready_seconds']:.2f} s"
        )

        t = _run_json("benchmarks.speech_latency")
        print(
            f"5. Kiosk speech: from showing a question to the start of its speech ({t['screens']} screens, 5 languages)"
        )
        print(f"   p50 {t['p50_seconds']:.2f} s, p95 {t['p95_seconds']:.2f} s, max {t['max_seconds']:.2f} s")
        w = _run_json("benchmarks.web_kiosk", str(taxonomy_dir))
        print(
            f"   web kiosk in Chromium ({w['interviews']} interviews, {w['taps']} taps): tap to next screen "
            f"p50 {w['tap_p50_ms']:.0f} ms, p95 {w['tap_p95_ms']:.0f} ms (target p95 <= 150 ms), "
            f"max {w['tap_max_ms']:.0f} ms; screen to the start of its speech p50 "
            f"{w['speech_start_p50_ms']:.0f} ms, p95 {w['speech_start_p95_ms']:.0f} ms ({w['speech_screens']} screens)"
        )

        c = _run_json("benchmarks.central_sync")
        print("6. Many kiosks, one PostgreSQL (throwaway server on loopback, this machine):")
        print(
            f"   one kiosk with its sender running: save one answer locally p50 "
            f"{c['single_kiosk_save_p50_ms']:.2f} ms, p95 {c['single_kiosk_save_p95_ms']:.2f} ms "
            f"(target p95 <= 5 ms; {c['single_kiosk_answers']} answers)"
        )
        print(
            f"   20 kiosk processes sending at once: the server applied {c['applied_per_second']:.0f} answers/s "
            f"({c['applied_events']} answers in {c['apply_window_seconds']:.1f} s, {c['senders_failed']} senders failed)"
        )
        print(
            f"   20 kiosks interviewing at once in one process: {c['twenty_kiosks_answers']} answers, all arrived "
            f"in {c['twenty_kiosks_seconds']:.1f} s ({c['twenty_kiosks_answers_per_second']:.0f} answers/s, "
            f"bound by the 2 cores doing the interviews); local save p95 {c['twenty_kiosks_save_p95_ms']:.1f} ms "
            f"while 20 share one process"
        )

    z = _run_json("benchmarks.fuzz", str(FUZZ_INPUTS), check=False)
    print(
        f"7. Fuzz (benchmarks/fuzz.py, seeded): {z['inputs']} inputs (map answers, dialogue files, resume codes, "
        f"exports, taxonomy files, settings) in {z['seconds']:.0f} s: {z['crashes']} crashes, {z['hangs']} hangs "
        f"(bound {FUZZ_BOUND:.0f} s CPU per input); slowest {z['slowest_seconds'] * 1000:.0f} ms CPU "
        f"({z['slowest_target']}), {z['slowest_wall_seconds'] * 1000:.0f} ms by the clock"
    )
    print(f"   refused with a documented code: {sum(z['refused_by_code'].values())}; {z['refused_by_code']}")
    for crash in z["first_crashes"] + z["first_hangs"]:
        print(f"   {crash}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
