"""The demo's Office files carry the event's date, not the clock: the same demo gives the same hashes."""

import datetime as dt
import zipfile

from config.divisions import county_by_name
from tasks.demo.documents import demo_plan
from tasks.demo.scenario import UNITS
from tasks.demo.stable_files import pin_office_dates
from tasks.forms.workplan import write_workplan_docx

ON = dt.date(2026, 5, 6)


def _plan_docx(path):
    unit = UNITS[0]
    county = county_by_name(unit.city_code, unit.county)
    write_workplan_docx(path, demo_plan(county, unit, 1), unit_name="某县总工会", submitted_on=ON)
    return path


def test_pinned_docx_has_no_clock(tmp_path):
    path = _plan_docx(tmp_path / "a.docx")
    pin_office_dates(path, ON)
    with zipfile.ZipFile(path) as book:
        assert {info.date_time for info in book.infolist()} == {(2026, 5, 6, 0, 0, 0)}
        core = book.read("docProps/core.xml").decode()
    assert "2026-05-06T00:00:00Z" in core


def test_two_writes_give_the_same_bytes_once_pinned(tmp_path):
    first, second = _plan_docx(tmp_path / "a.docx"), _plan_docx(tmp_path / "b.docx")
    pin_office_dates(second, dt.date(1999, 12, 31))  # as if written on another day, at another time
    assert first.read_bytes() != second.read_bytes()
    for path in (first, second):
        pin_office_dates(path, ON)
    assert first.read_bytes() == second.read_bytes()


def test_other_files_are_left_alone(tmp_path):
    path = tmp_path / "档案.txt"
    path.write_text("原文", encoding="utf-8")
    pin_office_dates(path, ON)
    assert path.read_text(encoding="utf-8") == "原文"
