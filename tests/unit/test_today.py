"""The scheduled tick's day: Beijing time unless LEGALCAP_TODAY names a simulated day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from flows.today import rehearsal_day, scheduled_today
from models.errors import Refusal


def test_without_override_it_is_today_in_shanghai(monkeypatch):
    monkeypatch.delenv("LEGALCAP_TODAY", raising=False)
    before = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    day = scheduled_today()
    assert before <= day <= dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    assert rehearsal_day() is None


def test_legalcap_today_sets_the_simulated_day(monkeypatch):
    monkeypatch.setenv("LEGALCAP_TODAY", "2026-05-13")
    assert scheduled_today() == dt.date(2026, 5, 13)


def test_an_empty_override_means_today(monkeypatch):
    monkeypatch.setenv("LEGALCAP_TODAY", " ")
    assert rehearsal_day() is None


def test_a_malformed_override_names_the_variable(monkeypatch):
    monkeypatch.setenv("LEGALCAP_TODAY", "13/05/2026")
    with pytest.raises(Refusal, match="LEGALCAP_TODAY"):
        scheduled_today()


def test_cli_dates_and_the_rehearsal_day_use_the_forms_date_vocabulary(monkeypatch):
    from flows.cli.common import UserError, parse_day

    june_18 = dt.date(2026, 6, 18)
    assert parse_day("2026年6月18日") == parse_day("2026/6/18") == parse_day("2026-06-18") == june_18
    with pytest.raises(UserError, match="--as-of: 不是有效日期"):
        parse_day("下周二")
    monkeypatch.setenv("LEGALCAP_TODAY", "20260618")
    assert rehearsal_day() == dt.date(2026, 6, 18)
    monkeypatch.setenv("LEGALCAP_TODAY", "2026-02-30")
    with pytest.raises(Refusal, match="LEGALCAP_TODAY"):
        rehearsal_day()
