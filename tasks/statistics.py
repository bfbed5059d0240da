"""The province's annual statistics from the ledger: pandas pivot tables, and a workbook of them.

Counted rows are the snapshot's (tasks/ledger_snapshot.known_rows): this programme's ledger rows
that happened and were imported by as_of. Four tables of row counts, each with a 合计 row and
column: by city × category, by category (rows, units, participants), by month × category, and the
法治宣传教育 rows by city × 五进 venue. Same data and as_of → the same tables and a byte-identical
workbook (its only date is as_of).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import xlsxwriter
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from models.db import session_scope
from models.ledger_schema import SHEETS
from models.reference import City, Unit
from models.tables import LedgerEntry
from tasks.context import ProgrammeRef
from tasks.forms.xlsx_write import workbook_formats
from tasks.ledger_snapshot import known_rows

TOTAL = "合计"
PUBLICITY = "publicity"
COLUMNS = ("unit_code", "city", "category", "venue", "month", "participants")
CATEGORY_NAMES = {sheet.category.value: sheet.name for sheet in SHEETS}
SHEET_TITLES = {"by_city": "按市", "by_category": "按类别", "by_month": "按月份", "by_venue": "按五进场所"}


@dataclass(frozen=True)
class ProvinceStatistics:
    """The four pivot tables of one programme as of a date (counts are ints, 合计 last)."""

    programme: str
    as_of: dt.date
    by_city: pd.DataFrame
    by_category: pd.DataFrame
    by_month: pd.DataFrame
    by_venue: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """Sheet title → table, in the workbook's order."""
        return {title: getattr(self, key) for key, title in SHEET_TITLES.items()}


def province_statistics(engine: Engine, ref: ProgrammeRef, as_of: dt.date) -> ProvinceStatistics:
    """Read the ledger rows known by as_of and pivot them."""
    with session_scope(engine) as session:
        cities = [name for _, name in session.exec(select(City.code, City.name).order_by(col(City.code)))]
        rows = session.exec(
            select(LedgerEntry.unit_code, City.name, LedgerEntry.category, LedgerEntry.venue,  # type: ignore[call-overload]  # SQLModel types select() for 4 columns
                   LedgerEntry.occurred_on, LedgerEntry.participants)
            .join(Unit, col(Unit.code) == col(LedgerEntry.unit_code))
            .join(City, col(City.code) == col(Unit.city_code))
            .where(*known_rows(ref.id, as_of))).all()
    window = ref.cfg.phases.implementation
    months = month_range(window.start, min(as_of, window.end))
    venues = [(v.code, v.name) for v in ref.cfg.venues]
    return pivot_statistics(ref.cfg.name, as_of, ledger_frame(rows), cities, months, venues)


def ledger_frame(rows: Sequence[tuple]) -> pd.DataFrame:
    """(unit, city name, category, venue, occurred_on, participants) rows as a frame with a YYYY-MM month."""
    frame = pd.DataFrame(
        [(unit, city, category, venue, on.strftime("%Y-%m"), participants or 0)
         for unit, city, category, venue, on, participants in rows], columns=list(COLUMNS))
    return frame.astype({"participants": "int64"})


def month_range(start: dt.date, end: dt.date) -> list[str]:
    """Every month from start's to end's as YYYY-MM (empty when end is before start)."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def pivot_statistics(programme: str, as_of: dt.date, frame: pd.DataFrame, cities: list[str],
                     months: list[str], venues: list[tuple[str, str]]) -> ProvinceStatistics:
    """The four tables from a ledger frame (ledger_frame); every city, category, month and venue shown."""
    named = frame.assign(category=frame["category"].map(CATEGORY_NAMES).fillna(frame["category"]))
    categories = _ordered(list(CATEGORY_NAMES.values()), named["category"])
    all_months = sorted(set(months) | set(named["month"]))
    venue_names = dict(venues)
    publicity = frame[frame["category"] == PUBLICITY]
    publicity = publicity.assign(venue=publicity["venue"].map(venue_names).fillna("未填写场所"))
    return ProvinceStatistics(
        programme, as_of,
        by_city=_counts(named, "city", "category", _ordered(cities, named["city"]), categories, "市"),
        by_category=_by_category(named, categories),
        by_month=_counts(named, "month", "category", all_months, categories, "月份"),
        by_venue=_counts(publicity, "city", "venue", _ordered(cities, publicity["city"]),
                         _ordered(list(venue_names.values()), publicity["venue"]), "市"))


def _ordered(known: list[str], seen: pd.Series) -> list[str]:
    """The known labels in their order, then any other label seen, by name."""
    return known + sorted(set(seen) - set(known))


def _counts(frame: pd.DataFrame, index: str, columns: str, rows: list[str], cols: list[str],
            index_name: str) -> pd.DataFrame:
    """Rows counted per (index, columns) value, zeros filled, a 合计 row and column."""
    table = pd.pivot_table(frame.assign(n=1), index=index, columns=columns, values="n", aggfunc="sum",
                           fill_value=0) if len(frame) else pd.DataFrame()
    table = table.reindex(index=rows, columns=cols, fill_value=0).fillna(0).astype("int64")
    table[TOTAL] = table.sum(axis=1)
    table.loc[TOTAL] = table.sum(axis=0)
    table.index.name, table.columns.name = index_name, None
    return table


def _by_category(frame: pd.DataFrame, categories: list[str]) -> pd.DataFrame:
    """Per category: ledger rows, units with at least one row, participants; a 合计 row."""
    grouped = frame.groupby("category").agg(条数=("unit_code", "size"), 单位数=("unit_code", "nunique"),
                                            参与人次=("participants", "sum"))
    table = grouped.reindex(categories, fill_value=0).astype("int64")
    table.loc[TOTAL] = [len(frame), frame["unit_code"].nunique(), int(frame["participants"].sum())]
    table.index.name = "类别"
    return table


def export_statistics_xlsx(path: Path, stats: ProvinceStatistics) -> Path:
    """One sheet per table (header row, then one row per index value), then 说明; as_of is the only date."""
    book = xlsxwriter.Workbook(str(path), {"in_memory": True})  # in memory: fixed zip member timestamps
    created = dt.datetime.combine(stats.as_of, dt.time())
    book.set_properties({"title": f"{stats.programme} 统计", "created": created})
    fmt = workbook_formats(book)
    for title, table in stats.tables().items():
        _write_table(book.add_worksheet(title), table, fmt)
    notes = book.add_worksheet("说明")
    notes.set_column(0, 0, 100)
    lines = [f"{stats.programme} 工作台账统计（数据截至 {stats.as_of.isoformat()}）",
             "统计口径：截至当日已发生、且已于当日或之前导入的台账记录，每条记录计 1。",
             "按五进场所仅统计法治宣传教育台账；参与人次为台账填写的参与人数之和。"]
    for row, line in enumerate(lines):
        notes.write_string(row, 0, line, fmt["title"] if row == 0 else fmt["wrap"])
    book.close()
    return path


def _write_table(sheet: xlsxwriter.worksheet.Worksheet, table: pd.DataFrame, fmt: dict) -> None:
    """The index name and column labels as headers, every count as an int cell."""
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, len(table.columns), 12)
    sheet.write_string(0, 0, str(table.index.name or ""), fmt["header"])
    for c, label in enumerate(table.columns, start=1):
        sheet.write_string(0, c, str(label), fmt["header"])
    for r, (label, values) in enumerate(table.iterrows(), start=1):
        sheet.write_string(r, 0, str(label), fmt["label"] if label == TOTAL else fmt["text"])
        for c, value in enumerate(values, start=1):
            sheet.write_number(r, c, int(value), fmt["int"])
    sheet.freeze_panes(1, 1)
