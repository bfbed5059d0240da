"""Reminders people can act on: what to send, in which form, to which mailbox, with which subject, by when."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from config.intake import Intake
from models.findings import Finding
from models.send_instructions import MATERIALS, material_of_subject, month_label, send_line, subject_for
from notifications.render import channel_context, render

CONTEXT = {
    "unit_name": "肥西县", "unit_code": "340123", "city_name": "合肥市", "city_code": "340100",
    "due": "2026-09-07", "close_by": "2026-09-14", "workdays_left": 3, "workdays": 30, "last": "2026-07-20",
    "has_entries": True, "month": "2026-08", "label": "法治宣传教育", "unit": "场", "count": 1, "target": 10,
    "expected": 3.2, "gap": 3, "status": "at_risk", "as_of": "2026-09-01", "lacking": ["中标公示"],
    "workdays_over": 40, "missing": ["工作总结"], "missing_kinds": ["summary"], "case_no": "JD-1",
    "employer": "某公司", "opinion_on": "2026-08-01", "reply_due": "2026-08-21", "overdue": 6,
    "spent": "10,000.00", "over": "6,000.00", "subsidy": "50,000.00", "spent_share": "112.0%",
    "over_contract": False, "contract": "56,000.00", "contract_excess": "0.00", "remaining": "40,000.00",
    "unspent_share": "80.0%", "threshold": "50.0%", "implementation_over": False, "service_end": "2027-04-30",
    "period": "2026Q3", "period_word": "本季度", "period_name": "2026年第3季度", "start": "2026-07-01",
    "end": "2026-09-30", "visits": 0, "required": 1, "decided_on": "2027-05-25", "decided_by": "评审组",
    "notes": "", "returned_on": "2026-05-15", "reason": "目标缺少量化指标",
}
AUDIENCES = {
    "ledger_silence": ("unit", "city", "province"), "monthly_ledger": ("unit", "city", "province"),
    "quota_pace": ("unit", "city", "province"), "gate_overdue": ("unit", "city", "province"),
    "preparation_gate": ("unit", "city", "province"), "supervision_reply": ("unit", "city"),
    "funds_unspent": ("unit", "city", "province"), "funds_over_subsidy": ("unit", "city"),
    "oversight_due": ("city", "province"), "report_submission": ("unit", "city", "province"),
    "rectification": ("unit", "city", "province"), "recommendation_deadline": ("city", "province"),
    "filing_returned": ("city",),
}
CASES = [(template, role) for template, roles in AUDIENCES.items() for role in roles]


def _render(template: str, role: str, extra: dict | None = None) -> tuple[str, str]:
    tag = {"unit": "unit-340123", "city": "city-340100"}.get(role, role)
    return render(Finding(template, "340123", 0, "p", tag, False, template, dict(CONTEXT)), extra)


@pytest.mark.parametrize(("template", "role"), CASES, ids=[f"{t}-{r}" for t, r in CASES])
def test_only_the_province_is_given_a_command_line(template: str, role: str) -> None:
    _, body = _render(template, role)
    assert ("legalcap " in body) == (role == "province")


# funds_over_subsidy is a notice, not a chase: nothing is owed by a date (a corrected table is welcome)
DATED = [c for c in CASES if c[1] == "unit" and c[0] != "funds_over_subsidy"]


@pytest.mark.parametrize(("template", "role"), DATED)
def test_a_unit_is_told_what_to_send_where_with_which_subject_and_by_when(template: str, role: str) -> None:
    _, body = _render(template, role, {"mailbox": "xm@ahgh.example.cn"})
    assert "发送至省总工会邮箱 xm@ahgh.example.cn" in body and "邮件主题写“" in body and "格式：" in body
    assert "请于 20" in body and "前将" in body
    assert body.startswith("肥西县总工会（合肥市）：")


@pytest.mark.parametrize(("template", "role"), [c for c in CASES if c[1] == "city"])
def test_a_city_is_written_to_as_the_city_about_its_unit(template: str, role: str) -> None:
    _, body = _render(template, role)
    assert body.startswith("合肥市总工会：")
    assert "肥西县总工会（合肥市）" not in body
    assert "贵市" in body


def test_wording_found_in_the_demo_is_fixed() -> None:
    _, silence = _render("ledger_silence", "unit")
    assert "起尽快补录" not in silence and "请于 2026-09-14 前将工作台账发送至" in silence
    title, body = _render("monthly_ledger", "unit")
    assert "2026年8月的工作台账" in title and "2026-08 月" not in title + body
    assert "邮件主题写“工作台账-340123肥西县-2026年8月”" in body


def test_subjects_name_the_material_the_unit_and_the_period() -> None:
    assert subject_for("ledger", unit_code="340123", unit_name="肥西县", period="2026-08") == \
        "工作台账-340123肥西县-2026年8月"
    assert subject_for("funds", unit_code="340123", unit_name="肥西县") == "经费支出-340123肥西县"
    assert subject_for("ledger", unit_code="340123", unit_name="肥西县") == "工作台账-340123肥西县"
    for code in MATERIALS:
        subject = subject_for(code, unit_code="340123", unit_name="肥西县", city_name="合肥市",
                              period="2026-08")
        assert material_of_subject(subject) == ("ledger" if code == "supervision" else code)
    assert material_of_subject("Re: 你好") is None and material_of_subject("") is None
    assert material_of_subject("回复：Re: 工作台账-340123肥西县-2026年8月") == "ledger"
    assert material_of_subject("FW: 经费支出-340123肥西县") == "funds"


def test_month_labels_and_a_send_line_without_a_date() -> None:
    assert month_label("2027-01") == "2027年1月" and month_label("2026年第3季度") == "2026年第3季度"
    line = send_line("reports", mailbox="a@b.cn", unit_code="340123", unit_name="肥西县")
    assert line.startswith("请尽快将工作总结和成果报告发送至省总工会邮箱 a@b.cn")


def test_the_evaluator_gets_a_link_from_the_configured_base_url_never_a_server_path() -> None:
    ctx = {"programme_name": "2026年度项目", "units": 16, "as_of": "2027-05-03", "folder": "2026",
           "attached": False}
    finding = Finding("packets_ready", "2027-05-03", 0, "x", "evaluator", False, "packets_ready", ctx)
    intake = Intake(packets_base_url="https://legalcap.ahgh.example/packets")
    _, linked = render(finding, channel_context(intake))
    assert "https://legalcap.ahgh.example/packets/2026/index.html" in linked
    _, unlinked = render(finding)
    assert "index.html" in unlinked and not re.search(r"(file:|/tmp|/home|/srv|/var|[A-Z]:\\)", unlinked)


def test_the_intake_block_refuses_a_bad_address_or_url() -> None:
    with pytest.raises(ValidationError, match="不是有效的电子邮件地址"):
        Intake(mailbox="ahghflb163.com")
    with pytest.raises(ValidationError, match="须以 https:// 或 http:// 开头"):
        Intake(packets_base_url="/srv/packets")
    assert Intake().mailbox == "ahghflb@163.com"


def test_the_template_section_asks_for_plain_attachments_not_download_links() -> None:
    from models.send_instructions import template_send_section

    title, lines = template_send_section("ledger", "ahghflb@163.com", unit_code="340123")
    said = "".join(lines)
    assert title == "报送方式" and "普通附件" in said and "超大附件" in said and "网盘链接" in said
