"""Mailbox intake of N messages (a ledger workbook each) from a local Dovecot, against the bare parts.

Setup: a throw-away Dovecot on 127.0.0.1 (tests/support/dovecot.py), two mailboxes holding the same N
messages, two SQLite homes with the 2026 programme and 100 synthetic units (and their contacts).
Each phase runs in its own process (so its peak RSS is its own):
  - baseline: a bare imap-tools fetch of every message (BODY.PEEK, bulk) and, for each attachment,
    the intake service called directly (the import every channel shares);
  - mailbox:  `legalcap mailbox fetch` minus the CLI: store each batch of .eml files (synced together)
    and their rows, import each attachment through intake with its receipt, move the imported messages
    to the processed folder (one MOVE per UID set).
Prints both times, messages per second, CPU ms per message, peak RSS, and the ratios mailbox / baseline
(wall and CPU; target <= 1.3x).
Usage: bench/mailbox_intake.py [--messages 1000] [--rows 10] [--rounds 3]   (BENCH_PROFILE=/tmp/p: cProfile)
With --rounds N the two phases run in turn N times (fresh homes and mailboxes each) and the median ratio
is printed too: on a shared machine one round's ratio moves with the neighbours' load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import imaplib
import importlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

AT = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
ARRIVED = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC).timestamp()
UNITS = 100


def _ledger(path: Path, unit: str, n: int, rows: int) -> bytes:
    from tasks.demo.ledger_rows import FORMATS, VENUES
    from tasks.forms.ledger_xlsx import write_ledger_template

    days = [dt.date(2026, 6, 1) + dt.timedelta(days=i) for i in range(150)]
    publicity = [{"unit_code": unit, "occurred_on": days[(n + i) % 150], "ledger_id": f"M{n:05d}-{i:03d}",
                  "title": f"普法活动 {n}-{i}", "venue": VENUES[i % 5], "format": FORMATS[i % 3],
                  "participants": 20 + i} for i in range(rows)]
    write_ledger_template(path, rows={"publicity": publicity})
    return path.read_bytes()


def _home(folder: Path, name: str) -> Path:
    """A LEGALCAP_HOME with the programme, the synthetic units and one contact per unit."""
    from config.loader import default_config_path, load_programme_config
    from models.db import session_scope
    from models.mailbox import Contact
    from tasks.programme import start_programme
    from tasks.runtime import engine_for
    from tasks.synthetic import seed_synthetic_units

    home = folder / name
    home.mkdir()
    engine = engine_for(f"sqlite:///{home / 'legalcap.db'}")
    with session_scope(engine) as session:
        cfg = load_programme_config(default_config_path(2026))
        start_programme(session, cfg, source="bench", at=AT, by="bench")
        units = seed_synthetic_units(session, 1, UNITS, received_on=dt.date(2026, 5, 8), at=AT)
        session.add_all(Contact(address=f"u{code}@bench.cn", name="", role="unit", code=code, source="bench",
                                updated_at=AT) for code in units)
    engine.dispose()
    return home


def _fill(server, users: list[str], messages: int, rows: int, folder: Path) -> None:
    from tasks.synthetic import synthetic_codes
    from tests.support.mail_samples import mail

    units = [u for _, u in synthetic_codes(UNITS)]
    clients = [server.connect(u) for u in users]
    stamp = imaplib.Time2Internaldate(ARRIVED)
    for n in range(messages):
        unit = units[n % UNITS]
        data = _ledger(folder / "ledger.xlsx", unit, n, rows)
        raw = mail(sender=f"u{unit}@bench.cn", subject=f"{unit} 工作台账 {n}", style="qq",
                   attachments=[(f"{unit}工作台账{n}.xlsx", data)], message_id=f"<bench{n}@bench.cn>")
        for client in clients:
            client.append("INBOX", None, stamp, raw)
    for client in clients:
        client.logout()


def _phase_baseline(host: str, port: int, user: str, password: str) -> int:
    from imap_tools import MailBoxUnencrypted

    from models.intake import ReceivedFile
    from tasks.intake import intake

    files = []
    with MailBoxUnencrypted(host, port).login(user, password) as box:
        for msg in box.fetch(mark_seen=False, bulk=100):
            files += [(msg.from_, a.filename, a.payload) for a in msg.attachments]
    for sender, name, data in files:
        unit = sender.split("@")[0][1:]
        intake(ReceivedFile(name=name, received_on=AT.date(), registered_at=AT, registered_by=sender,
                            content=data, sender=sender, unit_hint=unit))
    return len(files)


def _phase_mailbox(host: str, port: int, user: str, password: str) -> int:
    from config.settings import get_settings
    from models.intake import ReceivedFile
    from tasks.intake import intake
    from tasks.mailbox.account import MailboxAccount
    from tasks.mailbox.fetch import fetch_mail
    from tasks.mailbox.process import Context
    from tasks.mailbox.unzip import limits_from_settings
    from tasks.runtime import get_engine

    def through(received: ReceivedFile):
        return intake(received)

    settings = get_settings()
    account = MailboxAccount(scheme="imap", host=host, port=port, user=user, folder="INBOX",
                             processed_folder="Processed", mark="move", timeout=60, password=password)
    ctx = Context(home=settings.home_dir, now=AT, limits=limits_from_settings(settings), intake=through)
    report = fetch_mail(get_engine(), account, ctx)
    if report.processed.registered != report.listed:
        raise SystemExit(f"mailbox phase registered {report.processed.registered} of {report.listed}")
    return report.processed.registered


def _run_phase(phase: str, home: Path, server, user: str) -> dict:
    env = {**os.environ, "LEGALCAP_HOME": str(home)}
    env.pop("LEGALCAP_DATABASE_URL", None)
    out = subprocess.run([sys.executable, __file__, "--phase", phase, "--host", server.host,
                          "--port", str(server.port), "--user", user, "--password", server.password],
                         env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{phase} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _child(args: argparse.Namespace) -> None:
    run = _phase_baseline if args.phase == "baseline" else _phase_mailbox
    for module in ("tasks.intake.route", "tasks.mailbox.fetch"):  # imports are not what is measured
        importlib.import_module(module)
    from tasks.runtime import get_engine

    get_engine()
    start, cpu = time.perf_counter(), time.process_time()
    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        profile = cProfile.Profile()
        count = profile.runcall(run, args.host, args.port, args.user, args.password)
        profile.dump_stats(os.environ["BENCH_PROFILE"] + f".{args.phase}")
    else:
        count = run(args.host, args.port, args.user, args.password)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": took, "cpu": cpu, "files": count, "peak_mb": peak}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3,
                        help="baseline and mailbox in turn, N times (the median is the figure)")
    parser.add_argument("--phase", choices=("baseline", "mailbox"))
    parser.add_argument("--host")
    parser.add_argument("--port", type=int)
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    if args.phase:
        return _child(args)
    from tests.support.dovecot import dovecot_server

    print(f"load average at start: {_load()} (a shared machine: compare same-run figures)")
    rounds = range(args.rounds)
    with tempfile.TemporaryDirectory() as tmp, dovecot_server() as server:
        folder = Path(tmp)
        start = time.perf_counter()
        users = [f"{side}{r}" for r in rounds for side in ("base", "intake")]
        _fill(server, users, args.messages, args.rows, folder)
        print(f"appended {args.messages:,} messages ({args.rows} ledger rows each) to {len(users)} mailboxes "
              f"in {time.perf_counter() - start:.1f} s")
        ratios = []
        for r in rounds:    # baseline and mailbox in turn, each round on fresh homes and mailboxes
            base = _run_phase("baseline", _home(folder, f"base{r}"), server, f"base{r}")
            ours = _run_phase("mailbox", _home(folder, f"intake{r}"), server, f"intake{r}")
            ratios.append(_report(args.messages, base, ours))
    if len(ratios) > 1:
        wall, cpu = (statistics.median(x[i] for x in ratios) for i in (0, 1))
        print(f"median of {len(ratios)} rounds: {wall:.2f}x wall, {cpu:.2f}x CPU (target <= 1.3x)")


def _report(n: int, base: dict, ours: dict) -> tuple[float, float]:
    """Print one round: each side's time, rate, CPU per message and peak RSS; return (wall, CPU) ratios."""
    for label, got in (("baseline (imap-tools fetch + intake of each file)", base),
                       ("mailbox fetch (store, intake, receipt, move)     ", ours)):
        print(f"{label}: {got['seconds']:7.1f} s  {n / got['seconds']:6.1f} msg/s  "
              f"CPU {1000 * got['cpu'] / n:5.1f} ms/msg  peak RSS {got['peak_mb']:.0f} MB")
    wall, cpu = ours["seconds"] / base["seconds"], ours["cpu"] / base["cpu"]
    print(f"ratio mailbox / baseline: {wall:.2f}x wall (target <= 1.3x), {cpu:.2f}x CPU (this process "
          f"only; the IMAP server is shared); load average: {_load()}")
    return wall, cpu


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
