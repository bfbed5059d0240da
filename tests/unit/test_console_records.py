"""The list commands' one output shape: JSON, a line when there is nothing, or the table."""

from __future__ import annotations

import json

import pytest
from rich.table import Table

from flows.console import print_records, records_table


def _never() -> Table:
    raise AssertionError("the table is built only when it is printed")


def test_json_is_printed_even_without_rows_and_the_table_is_not_built(capsys):
    print_records("json", {"as_of": "2026-06-01", "units": []}, [], "尚无项目实施单位", _never)
    assert json.loads(capsys.readouterr().out) == {"as_of": "2026-06-01", "units": []}


def test_no_rows_prints_the_line_alone(capsys):
    print_records("table", {}, [], "截至 2026-06-01 尚无项目实施单位", _never)
    assert capsys.readouterr().out == "截至 2026-06-01 尚无项目实施单位\n"


def test_rows_print_the_table_with_amounts_aligned_right(capsys):
    rows = [("肥西县", "36,100.00"), ("湾沚区", "0.00")]
    table = records_table("项目经费使用", ("实施单位", "累计支出（元）"), rows, right=("累计支出（元）",))
    assert [c.justify for c in table.columns] == ["left", "right"]
    assert table.row_count == 2
    print_records("table", {}, rows, "尚无", lambda: table)
    out = capsys.readouterr().out
    assert "项目经费使用" in out and "肥西县" in out and "36,100.00" in out
    assert " 0.00 │" in out, "a right-aligned amount stands against the column's right border"


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_the_document_is_not_printed_as_a_table(fmt, capsys):
    print_records(fmt, {"units": [1]}, [1], "尚无", lambda: records_table("标题", ("列",), [("值",)]))
    out = capsys.readouterr().out
    assert ("标题" in out) == (fmt == "table") and ('"units"' in out) == (fmt == "json")
