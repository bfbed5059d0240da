"""Bodies of the funds commands: import expenditures, show each unit's spending against its subsidy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.table import Table
from sqlmodel import select

from flows.cli_common import print_json
from flows.console import print_table
from models.db import session_scope
from models.errors import InputError
from models.tables import Recommendation
from tasks.context import load_programme
from tasks.files import readable_file, sha256_file
from tasks.forms.funds_xlsx import read_funds
from tasks.funds import funds_overview, store_expenditures
from tasks.runtime import get_engine
from tasks.submissions import Received

STATE_STYLE = {"over": "red", "no_contract": "yellow"}
COLUMNS = ("城市", "实施单位", "合同金额（元）", "省补助（元）", "累计支出（元）", "已使用", "超出 / 余额")


def _balance(r: dict) -> str:
    """超出补助 x 元（由单位承担） / 补助余额 y 元 / 补助已用完 / 未登记合同."""
    if r["state"] == "over":
        return f"超出补助 {r['over_yuan']} 元（由项目实施单位承担）"
    if r["state"] == "under":
        return f"补助余额 {r['remaining_yuan']} 元"
    return r["state_label"]


def import_funds(file: Path, as_of: dt.date, at: dt.datetime, by: str, year: int | None) -> None:
    path = readable_file(file)
    got = Received(path, sha256_file(path), as_of, at, by)
    engine = get_engine()
    ref = load_programme(engine, year)
    window = (ref.cfg.phases.preparation.start, ref.cfg.phases.evaluation.end)
    with session_scope(engine) as session:
        known = set(session.exec(select(Recommendation.unit_code).where(
            Recommendation.programme_id == ref.id, Recommendation.status == "active")).all())
    rows, problems = read_funds(path, as_of=as_of, window=window, known_units=known)
    if problems:
        raise InputError(problems)
    with session_scope(engine) as session:
        added, unchanged = store_expenditures(session, ref, rows, got)
    with session_scope(engine) as session:
        overview = funds_overview(session, ref, as_of, {r.unit_code for r in rows})
    typer.echo(f"经费支出已导入：新增 {added} 笔，未变 {unchanged} 笔"
               f"（{path.name}，SHA-256 {got.sha256[:16]}…）")
    for r in overview:
        typer.echo(f"{r['unit_name']}（{r['unit_code']}）：截至 {as_of} 累计支出 {r['spent_yuan']} 元，"
                   f"省补助 {r['subsidy_yuan']} 元，已使用 {r['spent_share_text']}；{_balance(r)}")


def show_status(as_of: dt.date, fmt: str, year: int | None) -> None:
    engine = get_engine()
    ref = load_programme(engine, year)
    with session_scope(engine) as session:
        rows = funds_overview(session, ref, as_of)
    if fmt == "json":
        print_json({"as_of": as_of.isoformat(), "programme": ref.year,
                    "subsidy_fen": ref.cfg.funds.subsidy_yuan * 100,
                    "unspent_alert_from": ref.cfg.funds.unspent_alert_from.isoformat(),
                    "unspent_alert_share": ref.cfg.funds.unspent_alert_share, "units": rows})
        return
    if not rows:
        typer.echo(f"截至 {as_of} 尚无项目实施单位")
        return
    table = Table(title=f"项目经费使用 · 截至 {as_of}（专款专用；超出补助部分由项目实施单位承担）")
    for column in COLUMNS:
        table.add_column(column, justify="right" if "元" in column or column == "已使用" else "left")
    for r in rows:
        contract = r["state"] != "no_contract"
        style = STATE_STYLE.get(r["state"])
        balance = f"[{style}]{_balance(r)}[/{style}]" if style else _balance(r)
        table.add_row(r["city_name"], r["unit_name"], r["contract_yuan"] if contract else "—",
                      r["subsidy_yuan"] if contract else "—", r["spent_yuan"],
                      r["spent_share_text"] if contract else "—", balance)
    print_table(table)
