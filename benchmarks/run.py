"""`make bench`: imports the taxonomy into a scratch folder and prints the benchmark results."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from assistant.taxonomy.knowledge_base import KnowledgeBase
from benchmarks import dev_answers, melo, vdab
from benchmarks.common import SHARED_DATA


def main() -> int:
    if not SHARED_DATA.exists():
        print(f"{SHARED_DATA} ontbreekt: de benchmarks hebben ../shared/data nodig", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        taxonomy_dir = Path(scratch) / "taxonomy"
        kb = KnowledgeBase(taxonomy_dir)
        kb.import_files([SHARED_DATA / "competentnl", SHARED_DATA / "esco_nl"])
        kb.close()

        m = melo.run()
        print("1. MELO (nld, q_nl -> c_nl), MRR over {queries} queries, {corpus} surface forms".format(**m))
        print(f"   this engine: MRR {m['mrr']:.3f}")
        for name, value in melo.PUBLISHED.items():
            print(f"   published {name}: {value:.3f}")

        v = vdab.run(taxonomy_dir)
        print(
            "2. VDAB Competent -> ESCO skills ({competences} competences with a Dutch ESCO target; "
            "{esco_skills} ESCO skills ranked)".format(**v)
        )
        print(f"   recall@5 {v['recall_at_5']:.3f}, MRR {v['mrr']:.3f}")

        for label, tdir in (("catalogue only", None), ("with the taxonomy import", taxonomy_dir)):
            d = dev_answers.run(tdir)
            print(f"3. Kiosk answers ({d['answers']}, tests/data/answers_dev.tsv), {label}:")
            print(
                f"   recall {d['recall']:.3f} (target >= 0.85), mean proposed {d['mean_proposed']:.2f} "
                f"(target <= 8), precision {d['precision']:.3f}"
            )

        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.speed", str(taxonomy_dir)],
            capture_output=True,
            text=True,
            check=True,
        )
        s = json.loads(out.stdout.strip().splitlines()[-1])
        print("4. Speed and memory (full import loaded, this machine):")
        print(
            f"   map per answer p50 {s['map_p50_ms']:.2f} ms, p95 {s['map_p95_ms']:.2f} ms (target p95 <= 10 ms)"
        )
        print(f"   MELO queries per second {m['queries_per_second']:.0f}")
        print(
            f"   knowledge-base load {s['kb_load_seconds']:.2f} s (target <= 1 s), "
            f"ready to map {s['ready_seconds']:.2f} s"
        )
        print(f"   peak RSS {s['peak_rss_mb']:.0f} MB (target <= 250 MB)")

        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.speech_latency"], capture_output=True, text=True, check=True
        )
        t = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"5. Kiosk speech: from showing a question to the start of its speech ({t['screens']} screens, 5 languages)"
        )
        print(f"   p50 {t['p50_seconds']:.2f} s, p95 {t['p95_seconds']:.2f} s, max {t['max_seconds']:.2f} s")

        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.central_sync"], capture_output=True, text=True, check=True
        )
        c = json.loads(out.stdout.strip().splitlines()[-1])
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
