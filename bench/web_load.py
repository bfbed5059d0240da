"""The portal under load: unit pages and the province table at national scale (SQLite).

Builds the national-scale data set (bench/national_scale: synthetic units through the gate, a year's
ledger mix) plus Anhui's 16 real units (one per city, the same ledger density) whose county accounts
sign in; serves it with `legalcap web` (its worker processes) in a subprocess on a free 127.0.0.1 port;
then N simulated users (threads, a bounded number of requests each, no pause between them) read their
unit pages while a few province users read the province table (stored first as the daily tick does,
served by web/province_cache). Prints the province table's computation alone, p50/p95 and requests per
second per page under load, and a unit page's cost for one user, computed (first visit) and kept
(web/unit_cache), at 16 units against the full set (target within 1.5x).

Usage: bench/web_load.py [--units 3000] [--rows 1000000] [--users 50] [--requests 20] [--workers N]
                         [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))
from national_scale import AT, DAY, _gate_rows, _ledger_rows, timed  # a bench beside this one

from config.divisions import anhui_counties
from config.loader import default_config_path, load_programme_config
from models.db import session_scope
from models.tables import LedgerEntry, Provider, Recommendation, WorkPlan
from tasks import web_users
from tasks.programme import start_programme
from tasks.runtime import engine_for
from tasks.synthetic import seed_synthetic_units
from web.security import COOKIE

PASSWORD = "压测门户密码-2026"
CORES = os.cpu_count() or 1
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
PROVINCE_USERS = 2


def real_units() -> list[str]:
    """One Anhui county per city (the first by code): units whose pages the portal can show."""
    first: dict[str, str] = {}
    for county in sorted(anhui_counties(), key=lambda c: c.code):
        first.setdefault(county.city_code, county.code)
    return sorted(first.values())


def _recommend(session, programme_id: int, units: list[str]) -> None:
    city = {c.code: c.city_code for c in anhui_counties()}
    for unit in units:
        session.add(Recommendation(
            programme_id=programme_id, city_code=city[unit], unit_code=unit, unit_name=f"{unit}总工会",
            contact_name="联系人", contact_phone="0551-0000000", basic_situation="—", reason="—",
            city_opinion="同意", source_file="bench", sha256="0" * 64, received_on=dt.date(2026, 5, 8),
            received_at=AT))
        session.add(WorkPlan(
            programme_id=programme_id, unit_code=unit, targets="—", foundation="—", plan="—", char_count=3,
            count_rule="bench", source_file="bench", sha256="0" * 64, received_on=dt.date(2026, 5, 8),
            received_at=AT))


def build(url: str, n_units: int, n_rows: int):
    """n_units in all (16 real + synthetic) through the gate, n_rows ledger rows spread evenly."""
    engine = engine_for(url)
    real = real_units()
    cfg = load_programme_config(default_config_path(2026))
    with session_scope(engine) as session:
        programme, _ = start_programme(session, cfg, source="bench", at=AT, by="bench")
        extra = max(n_units - len(real), 0)
        synthetic = seed_synthetic_units(session, programme.id, extra, received_on=dt.date(2026, 5, 8),
                                         at=AT) if extra else []
        _recommend(session, programme.id, real)
        session.add(Provider(id=1, name="p", credit_code="91350100M000100Y43"))
        for table, rows in _gate_rows(real + synthetic, programme.id).items():
            session.exec(insert(table), params=rows)
        for name in real:
            web_users.add_user(session, username=f"u{name}", display_name=name, role="unit",
                               scope=f"unit-{name}", password=PASSWORD, at=AT, by="bench")
        web_users.add_user(session, username="prov", display_name="省", role="province", scope=None,
                           password=PASSWORD, at=AT, by="bench")
    rows, done, start = _ledger_rows(real + synthetic, programme.id, n_rows), 0, time.perf_counter()
    while chunk := [r for _, r in zip(range(50_000), rows, strict=False)]:
        with engine.begin() as conn:
            conn.execute(insert(LedgerEntry), chunk)
        done += len(chunk)
        print(f"  ledger rows {done:,}/{n_rows:,} ({time.perf_counter() - start:.0f} s)", flush=True)
    return engine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Portal:
    """`legalcap web --workers N` in a subprocess on 127.0.0.1: the deployment as it runs (worker processes,
    their own engines and caches), not an app inside the load generator's process."""

    def __init__(self, url: str, home: Path, workers: int | None) -> None:
        self.port = free_port()
        self.args = [str(Path(sys.executable).with_name("legalcap")), "web", "--port", str(self.port)]
        self.args += ["--workers", str(workers)] if workers else []
        self.env = {**os.environ, "LEGALCAP_HOME": str(home), "LEGALCAP_DATABASE_URL": url,
                    "LEGALCAP_TODAY": DAY.isoformat(), "LEGALCAP_WEB_SECRET_KEY": "b" * 40,
                    "LEGALCAP_WEB_LOGIN_ATTEMPTS": "1000"}
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> str:
        self.process = subprocess.Popen(self.args, env=self.env, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 600
        while not _answers(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"legalcap web did not start ({self.process.returncode})")
            time.sleep(0.2)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/login", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


class Browser:
    """One user: a kept-alive HTTP/1.1 connection to the portal (http.client, lighter than httpx on the cores
    the server shares) carrying the session cookie the portal sets, as a browser does."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
        self.cookie = ""

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, bytes]:
        headers = {"Cookie": f"{COOKIE}={self.cookie}"} if self.cookie else {}
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urlencode(form) if form is not None else None
        try:
            self.connection.request(method, path, body, headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.connection.close()     # the server closed it while idle: a new connection, as browsers do
            self.connection.request(method, path, body, headers)
            response = self.connection.getresponse()
        content = response.read()
        for cookie in response.headers.get_all("set-cookie") or []:
            name, _, rest = cookie.partition("=")
            if name == COOKIE:
                self.cookie = rest.split(";")[0]
        return response.status, content

    def get(self, path: str) -> int:
        return self.request("GET", path)[0]

    def close(self) -> None:
        self.connection.close()


def signed_in(base: str, username: str) -> Browser:
    """A user signed in through the login form (its CSRF token and the session cookie)."""
    client = Browser(base)
    page = client.request("GET", "/login")[1].decode()
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    status, body = client.request("POST", "/login", {"csrf_token": token, "username": username,
                                                     "password": PASSWORD})
    assert status == 303, body.decode()
    return client


def server_cpu(pid: int) -> float:
    """User + system CPU seconds of a process and its children (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS + sum(server_cpu(int(c)) for c in children)


def load(base: str, users: int, requests: int, server: int) -> None:
    """`users` concurrent users, each `requests` reads; a few are the province reading its table."""
    real = real_units()
    who = [("prov", "/province") if i < PROVINCE_USERS else (f"u{real[i % len(real)]}",
                                                               f"/units/{real[i % len(real)]}")
           for i in range(users)]
    clients = [signed_in(base, name) for name, _ in who]
    for client, (_, path) in zip(clients, who, strict=True):
        client.get(path)     # each user has opened its page once: the worker its connection reaches has it
    samples: dict[str, list[float]] = defaultdict(list)
    barrier = threading.Barrier(users + 1)
    errors: list[str] = []

    def run(client: Browser, path: str) -> None:
        barrier.wait()
        kind = "province table" if path == "/province" else "unit page"
        for _ in range(requests if kind == "unit page" else max(1, requests // 4)):
            start = time.perf_counter()
            try:
                status = client.get(path)
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
            samples[kind].append(time.perf_counter() - start)
            if status != 200:
                errors.append(f"{path}: {status}")

    threads = [threading.Thread(target=run, args=(c, path))
               for c, (_, path) in zip(clients, who, strict=True)]
    for t in threads:
        t.start()
    cpu, served = os.times(), server_cpu(server)
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    client_cpu, served = sum(os.times()[:2]) - sum(cpu[:2]), server_cpu(server) - served
    total = sum(len(v) for v in samples.values())
    for kind, values in sorted(samples.items()):
        p50, p95 = _pct(values, 50), _pct(values, 95)
        print(f"  {kind:15s} n={len(values):5d}  p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  "
              f"{len(values) / wall:6.1f} requests/s")
    print(f"  {users} users, {total} requests in {wall:.1f} s: {total / wall:.1f} requests/s, "
          f"{len(errors)} failed{': ' + ', '.join(sorted(set(errors))) if errors else ''}; "
          f"CPU of the {CORES} cores' {CORES * wall:.1f} s: the load generator {client_cpu:.1f} s "
          f"({client_cpu / (CORES * wall):.0%}), the portal {served:.1f} s "
          f"({1000 * served / max(total, 1):.2f} ms a request)")
    for c in clients:
        c.close()


def _pct(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


@dataclass(frozen=True)
class PageCost:
    """One user, sequential: a unit page computed (its first visit) and kept (visited again)."""

    computed: float
    kept: float


def unit_page_cost(base: str) -> PageCost:
    """Medians over the real units: each unit's first page (its status computed), then its page again on
    the same connection (kept, the data unchanged); every worker process warmed first on another unit."""
    units = real_units()
    for _ in range(8):      # new connections reach each worker: its first template compile and connections
        with closing(signed_in(base, f"u{units[0]}")) as client:
            client.get(f"/units/{units[0]}")
    firsts, agains = [], []
    for unit in units[1:]:
        with closing(signed_in(base, f"u{unit}")) as client:
            firsts.append(timed(lambda: client.get(f"/units/{unit}"), repeats=1))  # noqa: B023
            agains.append(timed(lambda: client.get(f"/units/{unit}"), repeats=5))  # noqa: B023
    return PageCost(statistics.median(firsts), statistics.median(agains))


def province_table_cold(base: str) -> float:
    """The first province table request of the portal (its rows as the tick stored them)."""
    client = signed_in(base, "prov")
    start = time.perf_counter()
    assert client.get("/province") == 200
    took = time.perf_counter() - start
    client.close()
    return took


def tick_table(engine) -> float:
    """The province table computed and stored as the tick's province-table step does (tasks/province_store):
    the portal serves these rows and refreshes them in the background only when the data changes."""
    from tasks.context import load_programme
    from tasks.province_store import compute_and_store

    start = time.perf_counter()
    compute_and_store(engine, load_programme(engine, None), DAY, AT)
    return time.perf_counter() - start


def scenario(folder: Path, label: str, units: int, rows: int, users: int, requests: int,
             workers: int | None) -> PageCost:
    print(f"[{label}] building {units} units and {rows:,} ledger rows…", flush=True)
    start = time.perf_counter()
    url = f"sqlite:///{folder / f'web-{units}.db'}"
    engine = build(url, units, rows)
    print(f"[{label}] built in {time.perf_counter() - start:.0f} s", flush=True)
    if users:
        took = tick_table(engine)
        print(f"[{label}] province table computed and stored as the daily tick does: {took:.1f} s")
    engine.dispose()
    (folder / f"home-{units}").mkdir()
    with (portal := Portal(url, folder / f"home-{units}", workers)) as base:
        cost = unit_page_cost(base)
        print(f"[{label}] one unit page, one user: {cost.computed * 1000:.1f} ms computed (first visit), "
              f"{cost.kept * 1000:.1f} ms kept (data unchanged)", flush=True)
        if users:
            cold = province_table_cold(base)
            print(f"[{label}] province table, one user, first request: {cold * 1000:.0f} ms", flush=True)
            assert portal.process is not None
            load(base, users, requests, portal.process.pid)
    return cost


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="unit page reads per user")
    parser.add_argument("--workers", type=int, default=None, help="legalcap web --workers (default: its own)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 200 units, 20,000 rows, 10 users")
    args = parser.parse_args()
    if args.quick:
        args.units, args.rows, args.users, args.requests = 200, 20_000, 10, 5
    small = len(real_units())
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        few = scenario(folder, f"{small} units", small, args.rows * small // args.units, 0, 0, args.workers)
        many = scenario(folder, f"{args.units} units", args.units, args.rows, args.users, args.requests,
                        args.workers)
    print(f"unit page at {args.units} vs {small} units: computed {many.computed / few.computed:.2f}x, "
          f"kept {many.kept / few.kept:.2f}x (target <= 1.5x)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
