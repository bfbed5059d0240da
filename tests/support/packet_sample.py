"""Test fixtures: an evaluation packet for 肥西县 (340123, 合肥市) and a province index.

Both follow the schema in tasks/packets/html.py (the figures of tasks/packets/figures.py). The
ledger text carries a `<script>` in an employer name and an oversight note (it must come out
escaped), and the workers are masked (张*).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from tasks.packets.figures import (
    AidCount,
    Case,
    DocumentLink,
    Expense,
    Funds,
    Month,
    ProvinceIndex,
    Quota,
    UnitPacket,
    UnitSummary,
    VenueCount,
    Venues,
    WorkCount,
)

TITLE = "2026 年度县（区）工会法律能力提升项目 · 评估材料"
PROVINCE_TITLE = "2026 年度县（区）工会法律能力提升项目 · 评估材料汇总"
SCRIPT = "<script>alert(1)</script>"
CONFIG_HASH = "9f2c4e1ab7d35c08e6f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70"


def _programme() -> dict[str, Any]:
    """The 2026 programme block shared by both documents."""
    return {"year": 2026, "name": "2026 年度县（区）工会法律能力提升项目", "config_hash": CONFIG_HASH}


def _unit() -> dict[str, Any]:
    """肥西县 with its provider and contract."""
    return {"code": "340123", "name": "肥西县总工会", "city_code": "340100", "city_name": "合肥市",
            "provider": "合肥市劳动法律服务中心", "contract_fen": 5_000_000,
            "gate_met_on": dt.date(2026, 5, 26), "phase_label": "总结评估"}


def _quotas() -> list[Quota]:
    """The three yearly minimums in four states between them."""
    return [
        Quota("publicity", "法治宣传教育", "场", 12, 10, 10.0, "done", "已完成", 12),
        Quota("labour_supervision", "劳动法律监督", "件", 9, 10, 8.5, "on_track", "达标", 10),
        Quota("legal_aid", "协商调解（基础服务）", "件", 3, 5, 4.6, "behind", "落后", 4),
        Quota("employment_health_check", "企业用工体检", "家", 1, 6, 5.5, "at_risk", "有风险", 1),
    ]


def _venues() -> Venues:
    """Four of the five venues reached; 进工地 missing."""
    return Venues([VenueCount("enterprise", "进企业", 4), VenueCount("industrial_park", "进园区", 3),
                   VenueCount("community", "进社区", 3), VenueCount("campus", "进校园", 2)],
                  ["进工地"], 4, 5)


def _monthly() -> list[Month]:
    """Ledger entries per month, June 2026 to April 2027."""
    rows = [("2026-06", 3, 2, 1), ("2026-07", 1, 1, 0), ("2026-08", 2, 1, 1), ("2026-09", 1, 1, 2),
            ("2026-10", 1, 0, 1), ("2026-11", 1, 1, 0), ("2026-12", 1, 1, 1), ("2027-01", 0, 0, 1),
            ("2027-02", 0, 0, 0), ("2027-03", 1, 1, 1), ("2027-04", 1, 0, 1)]
    months = []
    for month, publicity, supervision, aid in rows:
        pairs = (("法治宣传教育", publicity), ("劳动法律监督", supervision), ("职工法律援助", aid))
        by_category = {name: count for name, count in pairs if count}
        months.append(Month(month, publicity + supervision + aid, by_category))
    return months


def _cases() -> list[Case]:
    """Labour-supervision cases (一函两书), one overdue and one with script in the employer."""
    d = dt.date.fromisoformat
    return [
        Case("JD-01", "肥西县某机械制造有限公司", d("2026-06-10"), d("2026-06-24"), None, d("2026-07-15"),
             d("2026-07-08"), "已答复", False),
        Case("JD-02", f"合肥某物流公司{SCRIPT}", d("2026-08-03"), d("2026-08-20"), d("2026-09-18"),
             d("2026-09-10"), None, "已发建议书", True),
        Case("JD-03", "肥西县某建筑劳务公司（职工 张*）", d("2026-11-05"), None, None, None, None,
             "已发提示函", False),
    ]


def _oversight() -> dict[str, Any]:
    """The city's visits and the quarterly periods."""
    by = "合肥市总工会权益保障部 李*"
    visits = [{"date": dt.date(2026, 8, 12), "by": by, "notes": "实地调研台账，指导规范填写。"},
              {"date": dt.date(2026, 11, 20), "by": by, "notes": f"抽查案卷 {SCRIPT} 三件。"}]
    quarters = [("2026 年第三季度", 1, "已督导", "kept"), ("2026 年第四季度", 1, "已督导", "kept"),
                ("2027 年第一季度", 0, "未督导", "missed"), ("2027 年第二季度", 0, "进行中", "open")]
    periods = [{"label": label, "visits": count, "required": 1, "state_label": state_label, "state": state}
               for label, count, state_label, state in quarters]
    return {"visits": visits, "periods": periods}


def _funds() -> Funds:
    """41,200 of 50,000 yuan spent."""
    return Funds(5_000_000, 4_120_000, 0.824, "82.4%", False, "补助内支出",
                 [Expense(dt.date(2026, 6, 30), "第一期法律服务费", 2_000_000),
                  Expense(dt.date(2026, 12, 31), "第二期法律服务费", 2_000_000),
                  Expense(dt.date(2027, 3, 15), "普法宣传资料印制", 120_000)])


def _procurement() -> dict[str, Any]:
    """比价, six of the seven archive documents present."""
    names = [("采购公告", "announcement"), ("报名材料", "registrations"), ("评审记录", "evaluation_record"),
             ("比价议标纪要", "minutes"), ("中标公示", "award_notice"), ("服务合同", "service_contract"),
             ("过程沟通记录", "communication_log")]
    archive = []
    for index, (label, key) in enumerate(names):
        present = key != "communication_log"
        archive.append({"label": label, "present": present,
                        "file": f"archive/{key}.pdf" if present else None,
                        "sha256": f"{index:x}" * 64 if present else None,
                        "date": dt.date(2026, 5, 15 + index) if present else None})
    return {"method_label": "比价", "decided_on": dt.date(2026, 5, 20), "provider": "合肥市劳动法律服务中心",
            "archive": archive, "team": ["王*（律师）", "陈*（律师）", "刘*（法律工作者）"],
            "duty": "每周二、周四在县总工会职工服务中心值班"}


def _gates() -> list[dict[str, Any]]:
    """The preparation gate, met, with one criterion's evidence."""
    evidence = [{"description": "备案通知", "date": "2026-05-18", "file": "archive/filing.pdf",
                 "sha256": "ab" * 32, "by": "安徽省总工会权益保障部"}]
    criteria = [
        {"label": "省总工会审核备案", "met": True, "met_on": "2026-05-18", "missing": None,
         "evidence": evidence},
        {"label": "签订服务合同", "met": True, "met_on": "2026-05-26", "missing": None,
         "evidence": [{"description": "服务合同", "date": "2026-05-26",
                       "file": "archive/service_contract.pdf", "sha256": "cd" * 32, "by": None}]},
    ]
    return [{"label": "筹备部署 → 组织实施", "met": True, "met_on": "2026-05-26", "criteria": criteria},
            {"label": "组织实施 → 总结评估", "met": False, "met_on": None,
             "criteria": [{"label": "提交工作总结", "met": False, "met_on": None,
                           "missing": "工作总结尚未提交", "evidence": []}]}]


def _rubric() -> dict[str, Any]:
    """Weighted components and the suggested verdict."""
    return {"components": [{"key": "completion", "label": "任务完成", "weight": 0.4, "score": 87.5,
                            "reason": "法治宣传教育 12/10 场（100.0%）"},
                           {"key": "funds", "label": "经费使用", "weight": 0.3, "score": 82.4,
                            "reason": "购买法律服务且有凭证 41,200.00 元"},
                           {"key": "effect", "label": "实际成效", "weight": 0.3, "score": 82.0,
                            "reason": "评审人评定 82 分"}],
            "total": 84.3, "suggested": "pass", "suggested_label": "通过"}


def sample_unit_packet() -> UnitPacket:
    """A realistic evaluation packet for 肥西县 as of 2027-05-06."""
    return UnitPacket(
        title=TITLE, as_of=dt.date(2027, 5, 6), version="0.1.0", programme=_programme(),
        unit=_unit(), quotas=_quotas(), venues=_venues(), monthly=_monthly(), cases=_cases(),
        legal_aid=[AidCount("法律咨询", 14), AidCount("代写法律文书", 4), AidCount("协商调解", 3),
                   AidCount("代理仲裁", 1)],
        other_work=[WorkCount("集体协商", "工资专项", 2), WorkCount("合法性审查", "劳动合同", 5)],
        oversight=_oversight(), funds=_funds(), procurement=_procurement(), gates=_gates(),
        missing=["工作总结尚未提交。", "过程沟通记录（采购档案）缺失。", "进工地普法尚无记录。"],
        rubric=_rubric(),
        verdict={"verdict": "rectify", "label": "整改", "decided_on": dt.date(2027, 5, 20),
                 "by": "安徽省总工会评审组", "due_on": dt.date(2027, 6, 30),
                 "notes": "补齐工作总结与沟通记录。"},
        documents=[DocumentLink("工作总结", "documents/summary.docx", "ef" * 32, False),
                   DocumentLink("成果报告", "documents/report.docx", "12" * 32, True)],
        files={"ledger": "ledger.xlsx", "manifest": "manifest.json"},
    )


def empty_unit_packet() -> UnitPacket:
    """The same unit with nothing recorded: every list empty, no provider, no verdict."""
    doc = sample_unit_packet()
    doc.unit.update(provider=None, contract_fen=None, gate_met_on=None)
    return dataclasses.replace(
        doc, quotas=[], monthly=[], cases=[], legal_aid=[], other_work=[], gates=[], missing=[], documents=[],
        verdict=None, venues=Venues([], [], 0, 5), oversight={"visits": [], "periods": []},
        funds=Funds(5_000_000, 0, 0.0, "0.0%", False, "尚无支出", []),
        procurement={"method_label": None, "decided_on": None, "provider": None, "archive": [], "team": [],
                     "duty": None},
        rubric={"components": [], "total": 0.0, "suggested": "rectify", "suggested_label": "整改"})


def sample_province_index() -> ProvinceIndex:
    """Three ranked units, one of them 肥西县."""
    units = [("340123", "肥西县总工会", "合肥市", 91.2, "推广", "推广", 0),
             ("340521", "当涂县总工会", "马鞍山市", 84.3, "通过", None, 1),
             ("341226", "颍上县总工会", "阜阳市", 68.0, "整改", "整改", 4)]
    rows = [UnitSummary(code, name, city, score, suggested, verdict, missing, f"{code}/index.html",
                        f"{code}.zip", rank=index + 1)
            for index, (code, name, city, score, suggested, verdict, missing) in enumerate(units)]
    return ProvinceIndex(PROVINCE_TITLE, dt.date(2027, 5, 6), "0.1.0", _programme(), rows)
