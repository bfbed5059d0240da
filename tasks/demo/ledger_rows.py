"""The demo's ledger rows in the ledger workbook's terms (column keys of models/ledger_schema.py)."""

from __future__ import annotations

import datetime as dt

from models.id_number import id_check_character
from models.supervision import STAGE_LABELS

VENUES = ("enterprise", "industrial_park", "community", "construction_site", "campus")
FORMATS = ("lecture", "on_site", "talk")
TOPICS = ("pay", "contract", "overtime", "social_insurance", "labour_protection")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("建国", "秀英", "志强", "桂兰", "海燕", "国庆", "丽华", "明亮", "春梅", "德胜")


def worker(unit_code: str, seq: int) -> dict:
    """A made-up worker with a valid-looking phone and a check-digit-valid ID number."""
    born = dt.date(1975, 1, 1) + dt.timedelta(days=397 * seq % 9000)
    body = f"{unit_code}{born:%Y%m%d}{seq % 1000:03d}"
    return {"worker_name": SURNAMES[seq % len(SURNAMES)] + GIVEN[seq % len(GIVEN)],
            "phone": f"13{seq % 10}{int(unit_code) % 10000:04d}{seq:04d}"[:11],
            "id_number": body + id_check_character(body)}


def ledger_row(unit_code: str, unit_name: str, item: dict) -> tuple[str, dict]:
    """(category, row dict) for one demo ledger item."""
    seq, on, category = item["seq"], item.get("row_on", item["on"]), item["category"]
    base = {"unit_code": unit_code, "occurred_on": on}
    if category == "publicity":
        title = f"{unit_name}普法“五进”活动 {seq + 1}"
        return category, {**base, "ledger_id": f"P{seq:03d}", "title": title,
                          "venue": item.get("venue", VENUES[seq % 5]),
                          "format": FORMATS[seq % 3], "participants": 20 + seq * 7 % 60}
    if category == "labour_supervision":
        return category, _supervision_row(unit_code, item, base)
    if category in EXTRA_ROWS:
        return category, {**base, **EXTRA_ROWS[category](seq, item.get("pick", 0))}
    service = item["subtype"]
    return category, {**base, "ledger_id": f"A{service[:3]}{seq:03d}", "title": "职工法律援助",
                      "service": service, "amount": 3000 + seq * 500, **worker(unit_code, 100 + seq)}


def _supervision_row(unit_code: str, item: dict, base: dict) -> dict:
    """One step of a 一函两书 case: each step its own row under the case's number, one worker per case."""
    seq, document = item["seq"], item.get("document", "reminder_letter")
    step = f"-{item['step']}" if "step" in item else ""
    return {**base, "ledger_id": f"S{seq:03d}{step}", "title": f"劳动法律监督{STAGE_LABELS[document]}",
            "case_no": f"{unit_code}-JD-{seq + 1:03d}", "employer": f"某制造有限公司{seq + 1}",
            "topic": TOPICS[seq % 5], "document": document, "reply_due": item.get("reply_due"),
            "replied_on": item.get("replied_on"), **worker(unit_code, seq)}


def _bargaining(seq: int, pick: int) -> dict:
    mode = ("guide", "participate", "review")[pick]
    return {"ledger_id": f"C{seq:03d}", "title": f"{BARGAINING_TITLES[mode]} {seq + 1}", "mode": mode,
            "enterprise": f"某{('机械', '纺织', '食品')[seq % 3]}有限公司"}


def _review(seq: int, pick: int) -> dict:
    subject = ("contract", "internal_document", "litigation")[pick]
    return {"ledger_id": f"R{seq:03d}", "title": f"{REVIEW_TITLES[subject]} {seq + 1}", "subject": subject}


BARGAINING_TITLES = {"guide": "指导企业建立工资集体协商制度", "participate": "参与企业工资集体协商",
                     "review": "审查集体合同文本"}
REVIEW_TITLES = {"contract": "工会经济合同合法性审查", "internal_document": "工会内部规范性文件合法性审查",
                 "litigation": "涉法涉诉事项合法性审查"}
EXTRA_ROWS = {"collective_bargaining": _bargaining, "legality_review": _review}
