"""Many kiosks, one PostgreSQL: how fast answers are saved at a desk and how many per second one central
server takes in. Starts its own throwaway server on loopback; prints one JSON line.

1. One kiosk as it runs at a desk: whole interviews with its sender running; p95 time to save one answer
   (one SQLite transaction with its outbox event).
2. Twenty kiosks in this process doing whole interviews at once, then waiting until every outbox is empty.
3. Twenty kiosk processes (`assistent sync`), each with 300 answers waiting, sending at once: answers per
   second the central server applied, from its first to its last applied event.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from cryptography.fernet import Fernet

from assistant.config import REPO_ROOT, Settings
from assistant.context import load_context
from assistant.dialogue.engine import Answer
from assistant.storage import Store
from assistant.storage.field_cipher import FieldCipher
from benchmarks.kiosk_load import Kiosk, run_kiosks
from tests.pg_server import PostgresServer

ASSISTENT = REPO_ROOT / ".venv" / "bin" / "assistent"


def _p95_ms(seconds: list[float]) -> float:
    return 1000 * statistics.quantiles(seconds, n=20)[-1]


def _fill(store: Store, answers: int) -> None:
    record = store.create_session("intake", 1, "nl", ["naam"])
    history = ["naam"]
    for q in range(answers):
        history.append(f"vraag{q}")
        store.save_step(
            record.id, history, Answer(question_id=f"vraag{q}", status="answered", text=f"antwoord {q}")
        )


def main() -> None:
    key = Fernet.generate_key()
    cipher = FieldCipher(key)
    with tempfile.TemporaryDirectory() as scratch, PostgresServer(Path(scratch)) as server:
        base = Path(scratch)
        context = load_context(Settings(data_dir=base / "ctx", audio_player="true"))
        context.matcher.warm()

        url = server.create_database("een_kiosk")
        Store(url, cipher).close()
        one = Kiosk("kiosk", base / "een", cipher, url)
        one.worker.start()
        one.run(context.dialogue, context.matcher, interviews=10, seed=1)
        one.worker.stop()
        single_p95 = _p95_ms(one.store.save_seconds)
        single_p50 = 1000 * statistics.median(one.store.save_seconds)
        one.store.close()

        url = server.create_database("twintig")
        Store(url, cipher).close()
        load = run_kiosks(
            base / "twintig", url, cipher, context.dialogue, context.matcher, kiosks=20, interviews=3
        )
        for desk in load.kiosks:
            desk.store.close()

        url = server.create_database("verzenden")
        Store(url, cipher).close()
        env = {**os.environ, "ASSISTENT_CENTRAL_URL": url, "ASSISTENT_STORE_KEY": key.decode()}
        desks = []
        for i in range(20):
            folder = base / "verzenden" / f"kiosk-{i:02d}"
            store = Store(folder / "kiosk.sqlite3", cipher, outbox=True)
            _fill(store, 300)
            store.close()
            desks.append(
                {**env, "ASSISTENT_DATA_DIR": str(folder), "ASSISTENT_DB_PATH": str(folder / "kiosk.sqlite3")}
            )
        senders = [
            subprocess.Popen([str(ASSISTENT), "sync", "--batch", "100"], env=e, stdout=subprocess.DEVNULL)
            for e in desks
        ]
        failed = sum(p.wait(300) != 0 for p in senders)
        central = Store(url, cipher)
        with central._tx() as conn:
            times = [
                datetime.fromisoformat(r[0])
                for r in conn.exec_driver_sql("SELECT applied_at FROM applied_events")
            ]
        central.close()
        window = (max(times) - min(times)).total_seconds()
        applied = len(times)

    print(
        json.dumps(
            {
                "single_kiosk_save_p50_ms": single_p50,
                "single_kiosk_save_p95_ms": single_p95,
                "single_kiosk_answers": len(one.store.save_seconds),
                "twenty_kiosks_answers": load.answers,
                "twenty_kiosks_seconds": load.interview_seconds + load.drain_seconds,
                "twenty_kiosks_answers_per_second": load.answers_per_second,
                "twenty_kiosks_save_p95_ms": load.save_p95_ms,
                "twenty_kiosks_waiting_after": load.waiting_after,
                "senders": len(senders),
                "senders_failed": failed,
                "applied_events": applied,
                "applied_per_second": applied / window if window else 0.0,
                "apply_window_seconds": window,
                "when": time.strftime("%Y-%m-%d"),
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
