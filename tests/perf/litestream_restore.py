"""Benchmark: how many answers a dead machine can lose, and how long the restore takes, with the app under
Litestream (deploy/with-litestream) on the national test set.

Run: python tests/perf/litestream_restore.py [--rooms 5] [--phones 100] [--step 2] [--kill-after 18]

A copy of the national data set (342 municipalities, 3 rounds each) is replicated to a directory; rooms of
phones answer question after question through the real server (as in tests/e2e/test_litestream_restore.py);
then the app and Litestream are killed with SIGKILL together, the database and its -wal/-shm are deleted,
``litestream restore`` brings it back. Printed: answers acknowledged, lost (acknowledged but not restored),
the loss window (how long before the kill the oldest lost answer was acknowledged; the configured
sync interval is the promise), the restore time, the database and replica sizes, PRAGMA integrity_check,
and a SUMMARY line with JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from _common import national_db

from scan.storage.core import Store
from tests import replication
from tests.e2e.conftest import _free_port


def size_mib(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=5, help="workshops at the same time")
    parser.add_argument("--phones", type=int, default=100, help="phones per workshop")
    parser.add_argument("--step", type=float, default=2.0, help="seconds between questions")
    parser.add_argument(
        "--kill-after", type=float, default=18.0, help="seconds before the kill (12 questions take 12 x step)"
    )
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(
        resource.RLIMIT_NOFILE, (min(hard, max(soft, 4 * args.rooms * args.phones + 1024)), hard)
    )
    os.environ["DEMOCRATIESCAN_LITESTREAM"] = "1"  # this process's facilitators write the file too

    with tempfile.TemporaryDirectory() as tmp:
        db, replica = Path(tmp) / "disk" / "scan.sqlite", Path(tmp) / "replica"
        db.parent.mkdir()
        with sqlite3.connect(national_db()) as src, sqlite3.connect(db) as dst:
            src.backup(dst)
        store = Store(db)
        codes = [
            r[0]
            for r in store.db.execute(
                "SELECT DISTINCT gm_code FROM rounds ORDER BY gm_code LIMIT ?", [args.rooms]
            )
        ]
        rooms = [replication.room(store, code, 12, year=2027) for code in codes]  # the next council's rounds
        running = replication.start(db, replica, _free_port())
        time.sleep(3)  # the first snapshot of the whole database reaches the replica
        first_sync = size_mib(replica)

        async def evening():
            load = asyncio.create_task(
                replication.evening(
                    running.url, store, rooms, args.phones, args.step, stop_after=args.kill_after + 60
                )
            )
            await asyncio.sleep(args.kill_after)
            killed = time.time()
            replication.kill(running.process)
            return await load, killed

        try:
            phones, killed = asyncio.run(evening())
        finally:
            replication.stop(running.process)
        db_mib = size_mib(db) + size_mib(Path(f"{db}-wal"))
        replication.lose_disk(db)
        restore_s = replication.restore(db, replica)
        with sqlite3.connect(db) as conn:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        restored = Store(db)
        acked = [at for room in phones.values() for p in room for _, at in p.acked.values()]
        sent = sum(p.sent for room in phones.values() for p in room)
        lost = [at for ws, _ in rooms for at, _ in replication.missing(restored, ws, phones[ws.id])]
        interval = replication.sync_interval()
        window = killed - min(lost) if lost else 0.0
        newest_lost = killed - max(lost) if lost else 0.0
        last_second = sum(1 for at in acked if at >= killed - interval)
        summary = {
            "rooms": args.rooms,
            "phones": args.rooms * args.phones,
            "answers_sent": sent,
            "answers_acknowledged": len(acked),
            "acknowledged_per_s": round(len(acked) / args.kill_after, 1),
            "acknowledged_lost": len(lost),
            "acknowledged_in_last_sync_interval": last_second,
            "lost_before_sync_interval": sum(1 for at in lost if at < killed - interval),
            "loss_window_s": round(window, 2),
            "newest_lost_s_before_kill": round(newest_lost, 2),
            "sync_interval_s": interval,
            "restore_s": round(restore_s, 2),
            "database_mib": round(db_mib, 1),
            "replica_mib_first_sync": round(first_sync, 1),
            "replica_mib": round(size_mib(replica), 1),
            "integrity_check": integrity,
        }
        shutil.rmtree(replica, ignore_errors=True)
    print(f"{summary['phones']} phones in {args.rooms} rooms, killed after {args.kill_after:.0f} s")
    print(
        f"answers sent {sent}, acknowledged {len(acked)} ({summary['acknowledged_per_s']}/s), lost {len(lost)}"
    )
    print(
        f"loss window {window:.2f} s before the kill (sync interval {interval:g} s); restore {restore_s:.2f} s"
    )
    print(f"database {db_mib:.1f} MiB, replica {summary['replica_mib']} MiB; integrity_check {integrity}")
    print("SUMMARY " + json.dumps(summary))


if __name__ == "__main__":
    main()
