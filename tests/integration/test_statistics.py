"""Province statistics read from a real database (SQLite and PostgreSQL) and written as a workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from sqlalchemy.engine import Engine

from models.db import session_scope
from models.tables import LedgerEntry
from tasks.context import ProgrammeRef
from tasks.statistics import TOTAL, export_statistics_xlsx, province_statistics

AS_OF = dt.date(2026, 9, 30)
FEIXI, TONGCHENG = "340123", "340881"  # 合肥市, 安庆市
BEIJING = dt.timezone(dt.timedelta(hours=8))


def _entry(programme: ProgrammeRef, n: int, unit: str, category: str, on: dt.date, *, venue: str = "",
           participants: int = 0, imported: dt.date = AS_OF) -> LedgerEntry:
    return LedgerEntry(programme_id=programme.id, unit_code=unit, category=category, venue=venue,
                       occurred_on=on, participants=participants, fingerprint=f"{n:064d}",
                       imported_at=dt.datetime.combine(imported, dt.time(9), BEIJING))


def _seed(engine: Engine, programme: ProgrammeRef) -> None:
    rows = [
        _entry(programme, 1, FEIXI, "publicity", dt.date(2026, 6, 3), venue="enterprise", participants=40),
        _entry(programme, 2, FEIXI, "publicity", dt.date(2026, 7, 8), venue="community", participants=20),
        _entry(programme, 3, FEIXI, "legal_aid", dt.date(2026, 7, 9)),
        _entry(programme, 4, TONGCHENG, "publicity", dt.date(2026, 8, 1), venue="enterprise", participants=5),
        # imported after as_of: the province did not know it yet
        _entry(programme, 5, TONGCHENG, "legal_aid", dt.date(2026, 9, 1), imported=AS_OF + dt.timedelta(1)),
        # happens after as_of
        _entry(programme, 6, FEIXI, "publicity", dt.date(2026, 10, 9), venue="campus"),
    ]
    with session_scope(engine) as session:
        session.add_all(rows)


def test_the_statistics_count_what_the_province_knew_on_the_day(engine: Engine,
                                                                programme: ProgrammeRef) -> None:
    _seed(engine, programme)
    stats = province_statistics(engine, programme, AS_OF)
    hefei = stats.by_city.loc["合肥市"]
    assert hefei["法治宣传教育"] == 2 and hefei["职工法律援助"] == 1
    assert stats.by_city.loc["安庆市", TOTAL] == 1 and stats.by_city.loc[TOTAL, TOTAL] == 4
    assert len(stats.by_city) == 17  # Anhui's 16 cities and 合计
    assert stats.by_category.loc["法治宣传教育"].tolist() == [3, 2, 65]
    window_start = programme.cfg.phases.implementation.start.strftime("%Y-%m")
    assert stats.by_month.loc["2026-07", TOTAL] == 2 and stats.by_month.index[0] == window_start
    assert stats.by_month.index[-2] == "2026-09" and stats.by_month.loc["2026-09", TOTAL] == 0
    assert stats.by_venue.loc[TOTAL, "进企业"] == 2 and stats.by_venue.loc["合肥市", "进社区"] == 1
    later = province_statistics(engine, programme, AS_OF + dt.timedelta(days=30))
    assert later.by_city.loc[TOTAL, TOTAL] == 6


def test_the_workbook_has_one_sheet_per_table_and_the_same_bytes_twice(engine: Engine,
                                                                       programme: ProgrammeRef,
                                                                       tmp_path: Path) -> None:
    _seed(engine, programme)
    stats = province_statistics(engine, programme, AS_OF)
    first = export_statistics_xlsx(tmp_path / "a.xlsx", stats)
    second = export_statistics_xlsx(tmp_path / "b.xlsx", province_statistics(engine, programme, AS_OF))
    assert first.read_bytes() == second.read_bytes()
    book = openpyxl.load_workbook(first)
    assert book.sheetnames == ["按市", "按类别", "按月份", "按五进场所", "说明"]
    assert book.properties.created == dt.datetime(2026, 9, 30)
    rows = list(book["按市"].iter_rows(values_only=True))
    assert rows[0][0] == "市" and rows[0][-1] == TOTAL
    feixi = next(r for r in rows if r[0] == "合肥市")
    assert feixi[1] == 2 and feixi[-1] == 3
    assert rows[-1][0] == TOTAL and rows[-1][-1] == 4
    assert "2026-09-30" in book["说明"]["A1"].value
