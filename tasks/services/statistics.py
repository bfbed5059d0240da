"""The province's annual statistics as a workbook: the pivots of tasks/statistics for a programme and date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from models.errors import Refusal
from tasks.context import load_programme
from tasks.runtime import get_engine
from tasks.statistics import ProvinceStatistics, export_statistics_xlsx, province_statistics


def export_province_statistics(as_of: dt.date, out: Path | None, year: int | None
                               ) -> tuple[Path, ProvinceStatistics]:
    """Write the statistics workbook (default LEGALCAP_HOME/statistics/<year>-统计-<as_of>.xlsx)."""
    if out is not None and out.suffix.lower() != ".xlsx":
        raise Refusal(f"--out：统计表须保存为 .xlsx 文件（收到“{out.name}”）")
    if out is not None and not out.parent.is_dir():
        raise Refusal(f"--out：文件夹“{out.parent}”不存在，请先建立或换一个位置")
    engine = get_engine()
    ref = load_programme(engine, year)
    stats = province_statistics(engine, ref, as_of)
    path = out or _default_path(ref.year, as_of)
    path.parent.mkdir(parents=True, exist_ok=True)
    return export_statistics_xlsx(path, stats), stats


def _default_path(year: int, as_of: dt.date) -> Path:
    from config.settings import get_settings

    return get_settings().home_dir / "statistics" / f"{year}-统计-{as_of.isoformat()}.xlsx"
