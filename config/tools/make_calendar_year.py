"""Print a draft config/calendar-YYYY.yaml from holidays.CN.

Usage: python -m config.tools.make_calendar_year 2027 > config/calendar-2027.yaml
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

import holidays

WEEKDAYS = "一二三四五六日"


def _weekday(day: date) -> str:
    """Chinese weekday label, e.g. 周六."""
    return f"周{WEEKDAYS[day.weekday()]}"


def _scalar(text: str) -> str:
    """Text as a YAML flow scalar, quoted only when it holds YAML punctuation."""
    return json.dumps(text, ensure_ascii=False) if set(text) & set(",:{}[]#&*!|>'\"%@`") else text


def _entry(day: date, name: str) -> str:
    """One flow-style YAML list item with a weekday comment."""
    return f"  - {{date: {day.isoformat()}, name: {_scalar(name)}}}  # {_weekday(day)}"


def render(year: int) -> str:
    """Draft YAML text for one year's calendar."""
    cn = holidays.CN(years=year, language="zh_CN")
    off = sorted(cn.items())
    worked = sorted(d for d in getattr(cn, "weekend_workdays", ()) if d.year == year)
    provisional = not worked
    lines = [
        f"# {year} 年工作日历（法定节假日 + 调休上班日）",
        f"# 由 `python -m config.tools.make_calendar_year {year} > config/calendar-{year}.yaml`",
        (
            f"# 依据 holidays {holidays.__version__} 的 holidays.CN(years={year}, "
            'language="zh_CN") 一次性生成，之后手工维护。'
        ),
        "# holidays.CN 对未公布年份按《全国年节及纪念日放假办法》推算：周末遇节日顺延（补假），",
        "# 不含调休上班日，也不会把端午、中秋等单日节拼成小长假，因此只能作临时数据。",
        f"# 国务院办公厅公布 {year} 年部分节假日安排后（通常在上一年 11 月）：",
        "#   1. 按通知改写 holidays（放假日期）并在 workdays 填入调休上班日（周末上班）；",
        "#   2. 把 provisional 改为 false，并把 source 改为通知的文号/网址。",
        "# provisional 为 true 时，程序每次加载日历后首次用到该年份的日期就会发出醒目警告。",
        f"year: {year}",
        f"provisional: {'true' if provisional else 'false'}{' ' * 10}# 录入官方调休安排后为 false",
    ]
    if provisional:
        source = "holidays.CN（法定节假日推算）；调休上班日待国务院办公厅公布后填写"
    else:
        source = f"holidays {holidays.__version__} holidays.CN（含官方调休安排）"
    lines.append(f'source: "{source}"')
    lines.append("holidays:                 # 放假日期 {date: YYYY-MM-DD, name: 中文名}")
    lines += [_entry(day, name) for day, name in off]
    if worked:
        lines.append("workdays:                 # 调休上班日（周末上班）")
        lines += [_entry(day, "调休上班") for day in worked]
    else:
        lines.append("workdays: []              # 调休上班日（周末上班），待官方公布后填写")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: print the draft YAML for the given year."""
    parser = argparse.ArgumentParser(description="生成 config/calendar-YYYY.yaml 草稿")
    parser.add_argument("year", type=int, help="年份，如 2027")
    args = parser.parse_args(argv)
    sys.stdout.write(render(args.year))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
