"""Test fixtures: an evaluation packet dict for 肥西县 (340123, 合肥市) and a province index dict.

Both follow the schema in tasks/packets/html.py. The ledger text carries a `<script>` in an
employer name and an oversight note (it must come out escaped), and the workers are masked (张*).
"""

from __future__ import annotations

from typing import Any

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
            "provider": "合肥市劳动法律服务中心", "contract_yuan": "50,000.00",
            "gate_met_on": "2026-05-26", "phase_label": "总结评估"}


def _quotas() -> list[dict[str, Any]]:
    """The three yearly minimums in four states between them."""
    return [
        {"key": "publicity", "label": "法治宣传教育", "unit": "场", "count": 12, "target": 10,
         "expected": 10.0, "status": "done", "status_label": "已完成", "projected": 12},
        {"key": "labour_supervision", "label": "劳动法律监督", "unit": "件", "count": 9, "target": 10,
         "expected": 8.5, "status": "on_track", "status_label": "达标", "projected": 10},
        {"key": "legal_aid", "label": "协商调解（基础服务）", "unit": "件", "count": 3, "target": 5,
         "expected": 4.6, "status": "behind", "status_label": "落后", "projected": 4},
        {"key": "employment_health_check", "label": "企业用工体检", "unit": "家", "count": 1, "target": 6,
         "expected": 5.5, "status": "at_risk", "status_label": "有风险", "projected": 1},
    ]


def _venues() -> dict[str, Any]:
    """Four of the five venues reached; 进工地 missing."""
    return {"reached": [{"code": "enterprise", "name": "进企业", "count": 4},
                        {"code": "industrial_park", "name": "进园区", "count": 3},
                        {"code": "community", "name": "进社区", "count": 3},
                        {"code": "campus", "name": "进校园", "count": 2}],
            "missing": ["进工地"], "count": 4, "of": 5}


def _monthly() -> list[dict[str, Any]]:
    """Ledger entries per month, June 2026 to April 2027."""
    rows = [("2026-06", 3, 2, 1), ("2026-07", 1, 1, 0), ("2026-08", 2, 1, 1), ("2026-09", 1, 1, 2),
            ("2026-10", 1, 0, 1), ("2026-11", 1, 1, 0), ("2026-12", 1, 1, 1), ("2027-01", 0, 0, 1),
            ("2027-02", 0, 0, 0), ("2027-03", 1, 1, 1), ("2027-04", 1, 0, 1)]
    months = []
    for month, publicity, supervision, aid in rows:
        pairs = (("法治宣传教育", publicity), ("劳动法律监督", supervision), ("职工法律援助", aid))
        by_category = {name: count for name, count in pairs if count}
        months.append({"month": month, "total": publicity + supervision + aid, "by_category": by_category})
    return months


def _cases() -> list[dict[str, Any]]:
    """Labour-supervision cases (一函两书), one overdue and one with script in the employer."""
    return [
        {"case_no": "JD-01", "employer": "肥西县某机械制造有限公司", "reminder_letter_on": "2026-06-10",
         "opinion_on": "2026-06-24", "reply_due": "2026-07-15", "replied_on": "2026-07-08",
         "recommendation_on": None, "stage_label": "已答复", "overdue": False},
        {"case_no": "JD-02", "employer": f"合肥某物流公司{SCRIPT}", "reminder_letter_on": "2026-08-03",
         "opinion_on": "2026-08-20", "reply_due": "2026-09-10", "replied_on": None,
         "recommendation_on": "2026-09-18", "stage_label": "已发建议书", "overdue": True},
        {"case_no": "JD-03", "employer": "肥西县某建筑劳务公司（职工 张*）",
         "reminder_letter_on": "2026-11-05",
         "opinion_on": None, "reply_due": None, "replied_on": None, "recommendation_on": None,
         "stage_label": "已发提示函", "overdue": False},
    ]


def _oversight() -> dict[str, Any]:
    """The city's visits and the quarterly periods."""
    by = "合肥市总工会权益保障部 李*"
    visits = [{"date": "2026-08-12", "by": by, "notes": "实地调研台账，指导规范填写。"},
              {"date": "2026-11-20", "by": by, "notes": f"抽查案卷 {SCRIPT} 三件。"}]
    quarters = [("2026 年第三季度", 1, "已督导", "kept"), ("2026 年第四季度", 1, "已督导", "kept"),
                ("2027 年第一季度", 0, "未督导", "missed"), ("2027 年第二季度", 0, "进行中", "open")]
    periods = [{"label": label, "visits": count, "required": 1, "state_label": state_label, "state": state}
               for label, count, state_label, state in quarters]
    return {"visits": visits, "periods": periods}


def _funds() -> dict[str, Any]:
    """41,200 of 50,000 yuan spent."""
    return {"subsidy_yuan": "50,000.00", "spent_yuan": "41,200.00", "share": 0.824, "share_label": "82.4%",
            "over": False, "state_label": "补助内支出",
            "items": [{"date": "2026-06-30", "purpose": "第一期法律服务费", "amount_yuan": "20,000.00"},
                      {"date": "2026-12-31", "purpose": "第二期法律服务费", "amount_yuan": "20,000.00"},
                      {"date": "2027-03-15", "purpose": "普法宣传资料印制", "amount_yuan": "1,200.00"}]}


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
                        "date": f"2026-05-{15 + index:02d}" if present else None})
    return {"method_label": "比价", "decided_on": "2026-05-20", "provider": "合肥市劳动法律服务中心",
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
    return {"components": [{"key": "completion", "label": "任务完成", "weight": 0.4, "score": 87.5},
                           {"key": "funds", "label": "经费使用", "weight": 0.3, "score": 82.4},
                           {"key": "effect", "label": "实际成效", "weight": 0.3, "score": 82.0}],
            "total": 84.3, "suggested": "pass", "suggested_label": "通过"}


def sample_unit_packet() -> dict[str, Any]:
    """A realistic evaluation packet for 肥西县 as of 2027-05-06."""
    return {
        "title": TITLE, "as_of": "2027-05-06", "version": "0.1.0", "programme": _programme(),
        "unit": _unit(), "quotas": _quotas(), "venues": _venues(), "monthly": _monthly(),
        "cases": _cases(),
        "legal_aid": [{"type_label": "法律咨询", "count": 14}, {"type_label": "代写法律文书", "count": 4},
                      {"type_label": "协商调解", "count": 3}, {"type_label": "代理仲裁", "count": 1}],
        "other_work": [{"category_label": "集体协商", "subtype_label": "工资专项", "count": 2},
                       {"category_label": "合法性审查", "subtype_label": "劳动合同", "count": 5}],
        "oversight": _oversight(), "funds": _funds(), "procurement": _procurement(), "gates": _gates(),
        "missing": ["工作总结尚未提交。", "过程沟通记录（采购档案）缺失。", "进工地普法尚无记录。"],
        "rubric": _rubric(),
        "verdict": {"verdict": "rectify", "label": "整改", "decided_on": "2027-05-20",
                    "by": "安徽省总工会评审组", "due_on": "2027-06-30", "notes": "补齐工作总结与沟通记录。"},
        "documents": [
            {"label": "工作总结", "href": "documents/summary.docx", "sha256": "ef" * 32, "present": False},
            {"label": "成果报告", "href": "documents/report.docx", "sha256": "12" * 32, "present": True},
        ],
        "files": {"ledger": "ledger.xlsx", "manifest": "manifest.json"},
    }


def empty_unit_packet() -> dict[str, Any]:
    """The same unit with nothing recorded: every list empty, no provider, no verdict."""
    doc = sample_unit_packet()
    doc["unit"].update(provider=None, contract_yuan=None, gate_met_on=None)
    doc.update(quotas=[], monthly=[], cases=[], legal_aid=[], other_work=[], gates=[], missing=[],
               documents=[], verdict=None)
    doc["venues"] = {"reached": [], "missing": [], "count": 0, "of": 5}
    doc["oversight"] = {"visits": [], "periods": []}
    doc["funds"] = {"subsidy_yuan": "50,000.00", "spent_yuan": "0.00", "share": 0.0, "share_label": "0.0%",
                    "over": False, "state_label": "尚无支出", "items": []}
    doc["procurement"] = {"method_label": None, "decided_on": None, "provider": None, "archive": [],
                          "team": [], "duty": None}
    doc["rubric"] = {"components": [], "total": 0.0, "suggested": "rectify", "suggested_label": "整改"}
    return doc


def sample_province_index() -> dict[str, Any]:
    """Three ranked units, one of them 肥西县."""
    units = [("340123", "肥西县总工会", "合肥市", 91.2, "推广", "推广", 0),
             ("340521", "当涂县总工会", "马鞍山市", 84.3, "通过", None, 1),
             ("341226", "颍上县总工会", "阜阳市", 68.0, "整改", "整改", 4)]
    rows = [{"rank": index + 1, "code": code, "name": name, "city_name": city, "score": score,
             "suggested_label": suggested, "verdict_label": verdict, "missing": missing,
             "href": f"{code}/index.html", "zip": f"{code}.zip"}
            for index, (code, name, city, score, suggested, verdict, missing) in enumerate(units)]
    return {"title": PROVINCE_TITLE, "as_of": "2027-05-06", "version": "0.1.0", "programme": _programme(),
            "units": rows}
