"""Dispatcher throughput against a bare Apprise loop, over a local HTTP receiver.

3,000 urgent outbox rows (one message each, no digest) spread over three tags are sent by
`dispatch()` to `json://127.0.0.1:<port>/<tag>` targets loaded from an Apprise YAML config; the
baseline sends the same 3,000 titles/bodies with one `Apprise.notify(..., tag=...)` each, on one
Apprise object holding the same config, without the outbox. The receiver (bench/receiver.py)
runs in its own process and counts the POSTs; every run must deliver exactly 3,000.

Apprise's json:// plugin calls `requests.request()`, i.e. a fresh Session (and TCP connection)
per message, so both sides pay the same connection cost; the receiver speaks HTTP/1.1 keep-alive
anyway. Prints the median of REPEATS runs of each, their ratio, and a cProfile of one dispatch.

    .venv/bin/python bench/dispatch_throughput.py [--repeats N] [--messages N] [--no-profile]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

TAGS = ("province", "city-340100", "unit-340123")
AT = dt.datetime(2026, 5, 13, 9, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 5, 13, 10, tzinfo=dt.UTC)
WARMUP = 5
TARGET = 0.8


# --------------------------------------------------------------------------- receiver
class Receiver:
    """bench/receiver.py in a child process; `count()` reads its POST total."""

    def __init__(self) -> None:
        script = Path(__file__).with_name("receiver.py")
        self.proc = subprocess.Popen([sys.executable, str(script), "0"], stdout=subprocess.PIPE,
                                     text=True)
        line = self.proc.stdout.readline().strip()
        if not line.startswith("PORT "):
            self.proc.kill()
            raise SystemExit(f"receiver did not start: {line!r}")
        self.port = int(line.split()[1])

    def counts(self) -> dict[str, int]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_count", timeout=5) as resp:
            return json.loads(resp.read())

    def count(self) -> int:
        return self.counts()["total"]

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=5)


# --------------------------------------------------------------------------- fixtures
def write_notify_config(folder: Path, port: int) -> Path:
    lines = ["version: 1", "urls:"]
    for tag in TAGS:
        lines += [f"  - json://127.0.0.1:{port}/{tag}:", f"      - tag: {tag}"]
    path = folder / "notify.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def findings(count: int, prefix: str) -> list:
    from models.findings import Finding

    out = []
    for i in range(count):
        context = {"city_name": f"测试市{i:04d}", "lacking": ["推荐表（附件1）", "工作方案（附件2）"],
                   "due": "2026-05-12", "workdays_left": -1, "rung": 2}
        out.append(Finding("bench_urgent", f"{prefix}{i:05d}", 2, "2026", TAGS[i % len(TAGS)], True,
                           "recommendation_deadline", context))
    return out


def fresh_database(folder: Path, name: str):
    """A migrated SQLite DB holding the 2026 programme; returns (engine, programme_id)."""
    from config.loader import default_config_path, load_programme_config
    from models.db import session_scope
    from tasks.programme import start_programme
    from tasks.runtime import engine_for

    engine = engine_for(f"sqlite:///{folder / f'{name}.db'}")
    cfg = load_programme_config(default_config_path(2026))
    with session_scope(engine) as session:
        programme, _ = start_programme(session, cfg, source="bench", at=AT, by="bench")
        return engine, programme.id


def enqueue_rows(engine, programme_id: int, count: int, prefix: str) -> int:
    from models.db import session_scope
    from notifications.outbox import enqueue

    with session_scope(engine) as session:
        return enqueue(session, findings(count, prefix), programme_id=programme_id, year=2026,
                       as_of=NOW.date())


def messages_of(engine) -> list[tuple[str, str, str]]:
    """(tag, title, body) exactly as the dispatcher will send the pending rows."""
    from notifications.digest import plan_batches
    from notifications.dispatcher import due_items

    return [(b.audience, b.title, b.body) for b in plan_batches(due_items(engine, NOW))]


# --------------------------------------------------------------------------- the two sides
def run_dispatch(folder: Path, name: str, config: Path, receiver: Receiver, n: int,
                 profiler: cProfile.Profile | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of dispatch() sending n pending urgent rows (after a warm-up)."""
    from notifications.dispatcher import RetryPolicy, dispatch
    from notifications.routes import Routes

    engine, programme_id = fresh_database(folder, name)
    routes = Routes(config)
    policy = RetryPolicy(max_attempts=3, backoff_minutes=(10, 60))
    enqueue_rows(engine, programme_id, WARMUP, "warm")
    warm = dispatch(engine, routes, policy, now=NOW, year=2026)
    check(warm.rows_sent == WARMUP, f"warm-up dispatch sent {warm.rows_sent}/{WARMUP}: {warm.errors[:3]}")
    check(enqueue_rows(engine, programme_id, n, "msg") == n, "enqueue did not add every row")
    before = receiver.count()
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    report = dispatch(engine, routes, policy, now=NOW, year=2026)
    if profiler:
        profiler.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    got = receiver.count() - before
    check(report.rows_sent == n and report.messages == n,
          f"dispatch: {report.messages} messages, {report.rows_sent} rows sent of {n}: {report.errors[:3]}")
    check(got == n, f"receiver got {got} POSTs from dispatch, expected {n}")
    engine.dispose()
    return wall, cpu


def run_bare(messages: list[tuple[str, str, str]], config: Path, receiver: Receiver) -> tuple[float, float]:
    """Wall and CPU seconds of one Apprise.notify per message on one Apprise object."""
    import apprise

    ap_config = apprise.AppriseConfig()
    check(bool(ap_config.add_config(config.read_text(encoding="utf-8"), format="yaml")), "bad config")
    apobj = apprise.Apprise()
    apobj.add(ap_config)
    kwargs = {"notify_type": apprise.NotifyType.WARNING, "body_format": apprise.NotifyFormat.TEXT}
    for tag, title, body in messages[:WARMUP]:
        check(bool(apobj.notify(body=body, title=title, tag=tag, **kwargs)), "bare warm-up failed")
    before = receiver.count()
    wall, cpu = time.perf_counter(), time.process_time()
    failures = 0
    for tag, title, body in messages:
        if not apobj.notify(body=body, title=title, tag=tag, **kwargs):
            failures += 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    got = receiver.count() - before
    check(failures == 0, f"bare loop: {failures} notify() calls failed")
    check(got == len(messages), f"receiver got {got} POSTs from the bare loop, expected {len(messages)}")
    return wall, cpu


def check(ok: bool, message: str) -> None:
    if not ok:
        print(f"FAIL: {message}", file=sys.stderr)
        sys.exit(1)


# --------------------------------------------------------------------------- profile summary
def profile_summary(profiler: cProfile.Profile, wall: float) -> None:
    stats = pstats.Stats(profiler)
    table = stats.stats  # type: ignore[attr-defined]

    def cumulative(file_part: str, func: str) -> float:
        return sum(v[3] for (f, _, name), v in table.items() if file_part in f and name == func)

    total = cumulative("notifications/dispatcher.py", "dispatch") or wall
    dispatcher = "notifications/dispatcher.py"
    parts = [
        ("claim_due (one UPDATE claiming the due rows)", cumulative("notifications/claims.py", "claim_due")),
        ("claimed_rows (SELECT the rows claimed)", cumulative("notifications/claims.py", "claimed_rows")),
        ("release (UPDATE clearing unsent claims)", cumulative("notifications/claims.py", "release")),
        ("plan_batches", cumulative("notifications/digest.py", "plan_batches")),
        ("_channels (services_for + Apprise() per recipient)", cumulative(dispatcher, "_channels")),
        ("_send (one notify per channel kind)", cumulative(dispatcher, "_send")),
        ("  Apprise.notify (HTTP runs in Apprise's worker)", cumulative("apprise/apprise.py", "notify")),
        ("  _merge (per-target results, scrub)", cumulative(dispatcher, "_merge")),
        ("_record (SELECT + UPDATE + COMMIT per batch)", cumulative(dispatcher, "_record")),
        ("  sqlite3 COMMIT (WAL write + fsync)",
         cumulative("~", "<method 'commit' of 'sqlite3.Connection' objects>")),
        ("  sqlite3 execute", cumulative("~", "<method 'execute' of 'sqlite3.Cursor' objects>")),
    ]
    print(f"\nprofile of one dispatch() of the messages (cProfile, {total:.2f} s under the profiler):")
    for label, seconds in parts:
        print(f"  {label:<52} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    print("\ntop 15 functions by own time:")
    print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


# --------------------------------------------------------------------------- main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()
    n = args.messages

    with tempfile.TemporaryDirectory(prefix="legalcap-bench-") as tmp:
        folder = Path(tmp)
        os.environ["LEGALCAP_HOME"] = str(folder)  # nothing is written under ./var
        receiver = Receiver()
        try:
            config = write_notify_config(folder, receiver.port)
            # the bare loop sends exactly what dispatch() sends: the same rows, planned the same way
            engine, programme_id = fresh_database(folder, "messages")
            enqueue_rows(engine, programme_id, n, "msg")
            messages = messages_of(engine)
            check(len(messages) == n, f"{len(messages)} planned messages, expected {n}")

            dispatch_runs, bare_runs = [], []
            for r in range(args.repeats):  # interleaved, so drift hits both sides alike
                dispatch_runs.append(run_dispatch(folder, f"run-{r}", config, receiver, n))
                bare_runs.append(run_bare(messages, config, receiver))
                print(f"run {r + 1}: dispatch {n / dispatch_runs[-1][0]:7.1f} msg/s   "
                      f"bare {n / bare_runs[-1][0]:7.1f} msg/s", flush=True)

            d_wall = statistics.median(w for w, _ in dispatch_runs)
            b_wall = statistics.median(w for w, _ in bare_runs)
            d_cpu = statistics.median(c for _, c in dispatch_runs)
            b_cpu = statistics.median(c for _, c in bare_runs)
            print(f"\n{n} urgent messages over {len(TAGS)} tags, median of {args.repeats} runs")
            print(f"  dispatch(): {d_wall:6.2f} s  {n / d_wall:7.1f} msg/s  "
                  f"({1e3 * d_cpu / n:.3f} ms CPU/msg)")
            print(f"  bare loop : {b_wall:6.2f} s  {n / b_wall:7.1f} msg/s  "
                  f"({1e3 * b_cpu / n:.3f} ms CPU/msg)")
            ratio = (n / d_wall) / (n / b_wall)
            verdict = "OK" if ratio >= TARGET else "BELOW TARGET"
            print(f"  ratio dispatch/bare: {ratio:.3f}  (target >= {TARGET}: {verdict})")
            counts = receiver.counts()
            print(f"  receiver: {counts['total']} POSTs in all "
                  f"({', '.join(f'{k} {v}' for k, v in counts.items() if k != 'total')}); "
                  f"{n} per measured run (checked) plus {WARMUP}-message warm-ups")

            if not args.no_profile:
                profiler = cProfile.Profile()
                wall, _ = run_dispatch(folder, "profiled", config, receiver, n, profiler)
                profile_summary(profiler, wall)
        finally:
            receiver.close()


if __name__ == "__main__":
    main()
