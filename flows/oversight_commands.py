"""Bodies of the oversight commands: record a visit, list visits per unit and period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.table import Table

from flows.cli_common import print_json
from flows.console import print_table
from models.db import session_scope
from models.oversight import period_name, period_of, period_records, visits_in
from models.reference import City, Unit
from tasks.context import load_context, load_programme
from tasks.oversight import load_visits, record_visit
from tasks.runtime import get_engine

STATE_STYLE = {"missed": "red", "open": "yellow"}


def record(unit: str, visited_on: dt.date, by: str, notes: str, file: Path | None, at: dt.datetime,
           year: int | None) -> None:
    engine = get_engine()
    ref = load_programme(engine, year)
    with session_scope(engine) as session:
        visit = record_visit(session, ref, unit, visited_on=visited_on, by=by, notes=notes, file=file, at=at)
        city, county = session.get(City, visit.city_code), session.get(Unit, unit)
        sha256 = visit.sha256
        dates = load_visits(session, ref.id, visited_on).get(unit, [])
    o, window = ref.cfg.oversight, ref.cfg.phases.implementation
    period = period_of(visited_on, o.cadence, window.start, window.end)
    done = len(visits_in(period, dates, visited_on))
    typer.echo(f"已登记督导：{city.name}总工会 → {county.name}（{unit}），{visited_on}，督导人 {by.strip()}；"
               f"{period_name(o.cadence, period.label)}已督导 {done}/{o.visits_per_period} 次")
    if sha256:
        typer.echo(f"督导记录文件 SHA-256：{sha256}")


def list_periods(as_of: dt.date, fmt: str, year: int | None) -> None:
    engine = get_engine()
    ref = load_programme(engine, year)
    ctx = load_context(engine, ref, as_of)
    with session_scope(engine) as session:
        visits = load_visits(session, ref.id, as_of)
    rows = period_records(ctx.statuses, visits, ref.cfg, ref.calendar, as_of)
    if fmt == "json":
        print_json({"as_of": as_of.isoformat(), "cadence": ref.cfg.oversight.cadence,
                    "visits_per_period": ref.cfg.oversight.visits_per_period, "periods": rows})
        return
    if not rows:
        typer.echo(f"截至 {as_of} 尚无进入组织实施阶段的单位")
        return
    table = Table(title=f"市总工会实地督导 · 截至 {as_of}（每期 {ref.cfg.oversight.visits_per_period} 次）")
    for column in ("城市", "实施单位", "期间", "起止", "截止", "督导/要求", "督导日期", "状态"):
        table.add_column(column)
    for r in rows:
        style = STATE_STYLE.get(r["state"])
        state = f"[{style}]{r['state_label']}[/{style}]" if style else r["state_label"]
        table.add_row(r["city_name"], r["unit_name"], r["period_name"], f"{r['start']} 至 {r['end']}",
                      r["due"], f"{r['visits']}/{r['required']}", "、".join(r["visited_on"]) or "—", state)
    print_table(table)
