"""What a unit or city is asked to send, in which form, to which mailbox, with which subject (pure).

Every reminder to a unit or a city ends with one `send_line`: the notice has staff send everything by
e-mail (打包报送至省总工会邮箱), so the reminder names the material, its template, the address, a subject
the province's mailbox intake recognises, and the date. Command lines appear only in the province's
messages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Material:
    what: str
    form: str
    subject: str  # str.format fields: unit_code, unit_name, city_name, period


MATERIALS: dict[str, Material] = {
    "recommendation": Material(
        "推荐表和工作方案", "附件1《推荐表》（Word 或 Excel）和附件2《工作方案》（Word）",
        "项目推荐-{city_name}-{unit_name}"),
    "preparation": Material(
        "遴选材料和采购档案",
        "《遴选材料》表（Excel）；采购公告、报名材料、评审记录、比价议标纪要、中标公示、服务合同、过程沟通记录各为一个文件，"
        "文件名写明类别",
        "筹备材料-{unit_code}{unit_name}"),
    "ledger": Material(
        "工作台账", "《工作台账》模板（Excel，每类工作一个工作表）",
        "工作台账-{unit_code}{unit_name}-{period}"),
    "supervision": Material(
        "工作台账（劳动法律监督工作表，文书填“建议书”或填写“企业答复日期”）", "《工作台账》模板（Excel）",
        "工作台账-{unit_code}{unit_name}-{period}"),
    "funds": Material(
        "经费支出表", "《经费支出》模板（Excel），每笔支出写明用途和凭证号",
        "经费支出-{unit_code}{unit_name}"),
    "oversight": Material(
        "督导记录", "写明督导日期、督导人员、督导情况，可附纪要（Word 或 PDF）",
        "督导记录-{unit_code}{unit_name}-{period}"),
    "reports": Material("工作总结和成果报告", "Word 或 PDF 文件各一份", "总结评估-{unit_code}{unit_name}"),
    "rectification": Material("整改情况报告", "Word 或 PDF 文件", "整改报告-{unit_code}{unit_name}"),
}
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
REPLY_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|答复|回复|转发)\s*[:：]\s*)+", re.IGNORECASE)


def month_label(period: str) -> str:
    """2026-08 → 2026年8月; anything else unchanged."""
    match = MONTH.match(period or "")
    return f"{match[1]}年{int(match[2])}月" if match else period


def subject_for(material: str, *, unit_code: str = "", unit_name: str = "", city_name: str = "",
                period: str = "") -> str:
    """The subject the province's mailbox expects, e.g. 工作台账-340123肥西县-2026年8月."""
    subject = MATERIALS[material].subject.format(unit_code=unit_code, unit_name=unit_name,
                                                 city_name=city_name, period=month_label(period))
    return subject.rstrip("-")


def send_line(material: str, *, mailbox: str, due: str | dt.date | None = None, unit_code: str = "",
              unit_name: str = "", city_name: str = "", period: str = "") -> str:
    """One sentence: what to send, by when, to which address, with which subject, in which form."""
    m = MATERIALS[material]
    subject = subject_for(material, unit_code=unit_code, unit_name=unit_name, city_name=city_name,
                          period=period)
    when = f"请于 {due} 前" if due else "请尽快"
    return f"{when}将{m.what}发送至省总工会邮箱 {mailbox}，邮件主题写“{subject}”；格式：{m.form}。"


def material_of_subject(subject: str) -> str | None:
    """The material a subject written as `subject_for` asks names (for the mailbox intake), or None."""
    head = REPLY_PREFIX.sub("", subject or "").strip().split("-", 1)[0].strip()
    for code, m in MATERIALS.items():
        if code != "supervision" and m.subject.split("-", 1)[0] == head:
            return code
    return None


PLACEHOLDERS = {"unit_code": "（单位代码）", "unit_name": "（单位名称）", "city_name": "（推荐城市）",
                "period": "（月份，如2026年8月）"}


def template_send_section(material: str, mailbox: str, *, unit_code: str = "",
                          unit_name: str = "") -> tuple[str, list[str]]:
    """The 填写说明's 报送方式 section: the mailbox, the subject to write, how files may be packed."""
    fields = {**PLACEHOLDERS, **({"unit_code": unit_code} if unit_code else {}),
              **({"unit_name": unit_name} if unit_name else {})}
    subject = subject_for(material, **fields)
    return ("报送方式", [
        f"填好后作为邮件附件发送至省总工会邮箱 {mailbox}，邮件主题写“{subject}”。",
        "多个文件可打包为一个 .zip 压缩包（不接受 .rar、.7z）；请勿加密，勿改动工作表名称和表头。"
        "请作为普通附件发送，不要使用“超大附件”或网盘链接（系统无法从链接下载）。",
        "省总工会登记后回复登记结果：已登记的条数，或需要改正的工作表、行、列和原因。"
        "同一文件重复发送不会重复登记；改正后请整份重新发送。",
    ])
