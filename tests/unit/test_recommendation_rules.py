"""models.recommendation_rules: the 附件1 checks as pure functions over raw field values."""

from __future__ import annotations

import datetime as dt

import pytest

from config.divisions import County
from models.errors import Problem
from models.forms import RecommendationForm
from models.recommendation_rules import Divisions, build_form, is_placeholder, split_contact

# a made-up reference: the rules take the divisions as data
DIVISIONS = Divisions((County("340123", "肥西县", "340100", "合肥市"),
                       County("340202", "镜湖区", "340200", "芜湖市")),
                      {"340100": "合肥市", "340200": "芜湖市"})
LABELS = {"unit_name": "单位", "contact_name": "联系人", "contact_phone": "电话", "basic_situation": "情况",
          "reason": "理由", "city_opinion": "意见", "unit_code": "代码", "city_name": "城市",
          "stamped_by": "盖章单位", "stamped_on": "盖章日期"}
RAW = {"unit_name": "肥西县总工会", "contact_name": "张三", "contact_phone": "0551 6234 5678",
       "basic_situation": "基本情况", "reason": "推荐理由",
       "city_opinion": "同意推荐。合肥市总工会 2026年5月8日"}


def problem(column: str, reason: str) -> Problem:
    return Problem("f", reason, column=column)


def test_a_complete_form_is_built_with_code_city_union_and_date_derived():
    form = build_form(dict(RAW), LABELS, problem, DIVISIONS)
    assert isinstance(form, RecommendationForm)
    assert (form.unit_code, form.city_name, form.stamped_by, form.stamped_on, form.contact_phone) == (
        "", "合肥市", "合肥市总工会", dt.date(2026, 5, 8), "0551-62345678")


@pytest.mark.parametrize("field, value, column, reason", [
    ("contact_phone", "139-1234", "电话", "联系电话“139-1234”格式不对"),
    ("stamped_on", "下周", "盖章日期", "盖章日期“下周”无法识别"),
    ("stamped_on", "1999-05-08", "盖章日期", "盖章日期 1999-05-08 不合理"),
    ("unit_code", "340202", "代码", "与推荐城市“合肥市”不一致"),
    ("unit_code", "340100", "代码", "设区市"),
    ("city_name", "南京", "城市", "不是安徽省的设区市"),
    ("reason", "请填写推荐理由", "理由", "仍是模板占位文字"),
])
def test_each_bad_field_is_a_problem_at_its_column(field, value, column, reason):
    problems = build_form({**RAW, field: value}, LABELS, problem, DIVISIONS)
    assert isinstance(problems, list)
    assert any(p.column == column and reason in p.reason for p in problems), problems


def test_the_stamp_date_accepts_every_date_form_of_the_vocabulary():
    for value in ("20260508", "2026.5.8", 46150, dt.datetime(2026, 5, 8, 10)):
        form = build_form({**RAW, "stamped_on": value}, LABELS, problem, DIVISIONS)
        assert form.stamped_on == dt.date(2026, 5, 8), value


def test_contacts_and_placeholders():
    assert split_contact("李四，电话：0551-12345678") == ("李四", "0551-12345678")
    assert is_placeholder("XX县总工会") and not is_placeholder("肥西县总工会")
