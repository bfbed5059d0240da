"""The portal under load: unit pages and the province table at national scale (SQLite).

Builds the national-scale data set (bench/national_scale: synthetic units through the gate, a year's
ledger mix) plus Anhui's 16 real units (one per city, the same ledger density) whose county accounts
sign in; serves the portal with uvicorn in this process on a free 127.0.0.1 port; then N simulated
users (threads, a bounded number of requests each) read their unit pages while a few province users
read the province table (computed once, then kept for a minute: web/province_cache). Prints the
province table's computation alone, p50/p95 per page under load, requests per second, and a unit
page's cost at 16 units against the full set (target within 1.5x).

Usage: bench/web_load.py [--units 3000] [--rows 1000000] [--users 50] [--requests 20] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import socket
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))
from national_scale import AT, DAY, _gate_rows, _ledger_rows, timed  # a bench beside this one

from config.divisions import anhui_counties
from config.loader import default_config_path, load_programme_config
from config.settings import Settings
from models.db import session_scope
from models.tables import LedgerEntry, Provider, Recommendation, WorkPlan
from tasks import web_users
from tasks.programme import start_programme
from tasks.runtime import engine_for
from tasks.synthetic import seed_synthetic_units

PASSWORD = "压测门户密码-2026"
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
    """`legalcap web`'s application served by uvicorn in a thread on 127.0.0.1."""

    def __init__(self, engine, home: Path) -> None:
        import uvicorn

        from web.app import create_app

        settings = Settings(home_dir=home, web_secret_key="b" * 40, web_login_attempts=1000)
        app = create_app(settings, engine=engine, today=lambda: DAY)
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                limit_concurrency=200, backlog=256)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def signed_in(base: str, username: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=600)
    token = client.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post("/login", data={"csrf_token": token, "username": username, "password": PASSWORD})
    assert response.status_code == 303, response.text
    return client


def load(base: str, users: int, requests: int) -> None:
    """`users` concurrent users, each `requests` reads; a few are the province reading its table."""
    real = real_units()
    who = [("prov", "/province") if i < PROVINCE_USERS else (f"u{real[i % len(real)]}",
                                                               f"/units/{real[i % len(real)]}")
           for i in range(users)]
    clients = [signed_in(base, name) for name, _ in who]
    samples: dict[str, list[float]] = defaultdict(list)
    barrier = threading.Barrier(users + 1)

    errors: list[str] = []

    def run(client: httpx.Client, path: str) -> None:
        barrier.wait()
        kind = "province table" if path == "/province" else "unit page"
        for _ in range(requests if kind == "unit page" else max(1, requests // 4)):
            start = time.perf_counter()
            try:
                status = client.get(path).status_code
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            samples[kind].append(time.perf_counter() - start)
            if status != 200:
                errors.append(f"{path}: {status}")

    threads = [threading.Thread(target=run, args=(c, path))
               for c, (_, path) in zip(clients, who, strict=True)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    total = sum(len(v) for v in samples.values())
    for kind, values in sorted(samples.items()):
        p50, p95 = _pct(values, 50), _pct(values, 95)
        print(f"  {kind:15s} n={len(values):5d}  p50 {p50:8.1f} ms  p95 {p95:8.1f} ms")
    print(f"  {users} users, {total} requests in {wall:.1f} s: {total / wall:.1f} requests/s, "
          f"{len(errors)} failed{': ' + ', '.join(sorted(set(errors))) if errors else ''}")
    for c in clients:
        c.close()


def _pct(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


def unit_page_cost(engine, base: str) -> float:
    """Median of one unit page (one user, sequential, warm): the status read and the HTTP round trip."""
    unit = real_units()[0]
    client = signed_in(base, f"u{unit}")
    client.get(f"/units/{unit}")
    cost = timed(lambda: client.get(f"/units/{unit}"), repeats=15)
    client.close()
    return cost


def province_table_cold(base: str) -> float:
    """One province table request that computes the rows (nothing kept yet): the rubric over every unit."""
    client = signed_in(base, "prov")
    start = time.perf_counter()
    assert client.get("/province").status_code == 200
    took = time.perf_counter() - start
    client.close()
    return took


def scenario(folder: Path, label: str, units: int, rows: int, users: int, requests: int) -> float:
    print(f"[{label}] building {units} units and {rows:,} ledger rows…", flush=True)
    start = time.perf_counter()
    engine = build(f"sqlite:///{folder / f'web-{units}.db'}", units, rows)
    print(f"[{label}] built in {time.perf_counter() - start:.0f} s", flush=True)
    (folder / f"home-{units}").mkdir()
    with Portal(engine, folder / f"home-{units}") as base:
        cost = unit_page_cost(engine, base)
        print(f"[{label}] one unit page, one user: {cost * 1000:.1f} ms", flush=True)
        if users:
            cold = province_table_cold(base)
            print(f"[{label}] province table, one user, computed: {cold * 1000:.0f} ms (then kept 60 s)",
                  flush=True)
            load(base, users, requests)
    engine.dispose()
    return cost


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="unit page reads per user")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 200 units, 20,000 rows, 10 users")
    args = parser.parse_args()
    if args.quick:
        args.units, args.rows, args.users, args.requests = 200, 20_000, 10, 5
    small = len(real_units())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        few = scenario(folder, f"{small} units", small, args.rows * small // args.units, 0, 0)
        many = scenario(folder, f"{args.units} units", args.units, args.rows, args.users, args.requests)
    print(f"unit page at {args.units} vs {small} units: {many / few:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
