"""Chinese message templates: title on the first line, the due date and working days in the body."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from jinja2.exceptions import UndefinedError

from models.chases import determine_gate_chases, determine_submission_chases
from models.findings import Finding
from models.gates import preparation_gate
from notifications.render import render
from tests.unit.factories import (
    d,
    empty_slot,
    filed_slot,
    programme_config,
    submitted_slot,
    work_calendar,
)

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def recommendation_finding(as_of: str, has_work_plan: bool = False) -> Finding:
    slot = submitted_slot(recommendation=False) if has_work_plan else empty_slot()
    findings = determine_submission_chases([slot], programme_config(), work_calendar(), d(as_of))
    return findings[0]


def gate_finding(as_of: str) -> Finding:
    slot = filed_slot()
    gates = {slot.city_code: preparation_gate(slot, programme_config().deadlines.recommendation)}
    findings = determine_gate_chases(
        [slot], gates, programme_config(), work_calendar(), d(as_of)
    )
    return findings[0]


CASES = [
    # (case, finding factory, as_of, due, title piece, body pieces)
    ("recommendation five days ahead", recommendation_finding, "2026-05-06", "2026-05-12",
     "【提醒】合肥市：项目推荐材料 2026-05-12 截止", ["还剩 5 个工作日", "推荐表（附件1）"]),
    ("recommendation one day ahead", recommendation_finding, "2026-05-11", "2026-05-12",
     "【提醒】", ["还剩 1 个工作日"]),
    ("recommendation overdue", recommendation_finding, "2026-05-13", "2026-05-12",
     "【逾期】合肥市：项目推荐材料未按期报送", ["已逾期 1 个工作日"]),
    ("recommendation long overdue", recommendation_finding, "2026-05-20", "2026-05-12",
     "【逾期】", ["已逾期 6 个工作日"]),
    ("gate ten days ahead", gate_finding, "2026-06-15", "2026-06-30",
     "【提醒】肥西县：筹备部署事项 2026-06-30 前须完成",
     ["还剩 10 个工作日", "- 服务合同已签订：未登记服务合同", "发送至省总工会邮箱 ahghflb@163.com"]),
    ("gate overdue", gate_finding, "2026-07-01", "2026-06-30",
     "【逾期】肥西县：筹备部署事项未按期完成",
     ["已逾期 1 个工作日", "肥西县总工会（合肥市）", "采购档案七类齐全：缺少：采购公告"]),
]


@pytest.mark.parametrize(
    "make, as_of, due, title_piece, body_pieces",
    [row[1:] for row in CASES],
    ids=[row[0] for row in CASES],
)
def test_each_template_renders_a_chinese_title_and_body_with_the_due_date(
    make, as_of: str, due: str, title_piece: str, body_pieces: list[str]
) -> None:
    finding = make(as_of)
    title, body = render(finding)
    assert "\n" not in title
    assert CHINESE.search(title) and CHINESE.search(body)
    assert title_piece in title
    assert f"截止日期：{due}" in body
    for piece in body_pieces:
        assert piece in body
    # only the province has a terminal: a county or city is told what to send where, never a command
    assert ("legalcap " in body) == (finding.audience == "province")


def test_the_recommendation_body_lists_only_what_is_lacking() -> None:
    _, body = render(recommendation_finding("2026-05-13", has_work_plan=True))
    assert "尚未收到贵市的：推荐表（附件1）。" in body
    assert "工作方案（附件2）、" not in body


def test_on_the_due_day_the_body_says_it_is_due_today() -> None:
    finding = Finding("recommendation_deadline", "340100", 1, "2026", "city-340100", False,
                      "recommendation_deadline",
                      {"city_name": "合肥市", "lacking": ["推荐表（附件1）"], "due": "2026-05-12",
                       "workdays_left": 0})
    _, body = render(finding)
    assert "（今天截止）" in body
    assert "逾期" not in body


def test_on_the_due_day_the_title_is_not_overdue() -> None:
    finding = Finding("recommendation_deadline", "340100", 1, "2026", "city-340100", False,
                      "recommendation_deadline",
                      {"city_name": "合肥市", "lacking": ["推荐表（附件1）"], "due": "2026-05-12",
                       "workdays_left": 0})
    title, _ = render(finding)
    assert "逾期" not in title
    assert "今天截止" in title


@pytest.mark.parametrize(
    "template, context",
    [
        ("recommendation_deadline",
         {"lacking": ["推荐表（附件1）"], "due": "2026-05-12", "workdays_left": 3}),
        ("recommendation_deadline",
         {"city_name": "合肥市", "lacking": [], "workdays_left": 3}),
        ("preparation_gate",
         {"unit_name": "肥西县", "city_name": "合肥市", "missing": [], "due": "2026-06-30",
          "workdays_left": 3}),
    ],
    ids=["no_city_name", "no_due", "no_unit_code"],
)
def test_a_missing_template_variable_raises(template: str, context: dict) -> None:
    finding = Finding("rule", "s", 0, "2026", "province", False, template, context)
    with pytest.raises(UndefinedError):
        render(finding)


def test_the_title_is_the_first_line_only() -> None:
    title, body = render(gate_finding("2026-06-25"))
    assert title.startswith("【提醒】")
    assert not body.startswith("【")
    assert body.splitlines()[0] == "肥西县总工会（合肥市）："
    assert dt.date(2026, 6, 30).isoformat() in title
