"""The demo's ledger rows in the ledger workbook's terms (column keys of models/ledger_schema.py)."""

from __future__ import annotations

import datetime as dt

from models.id_number import id_check_character

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
    seq, on, category = item["seq"], item["on"], item["category"]
    base = {"unit_code": unit_code, "occurred_on": on}
    if category == "publicity":
        title = f"{unit_name}普法“五进”活动 {seq + 1}"
        return category, {**base, "ledger_id": f"P{seq:03d}", "title": title, "venue": VENUES[seq % 5],
                          "format": FORMATS[seq % 3], "participants": 20 + seq * 7 % 60}
    if category == "labour_supervision":
        return category, {**base, "ledger_id": f"S{seq:03d}", "title": "劳动法律监督提示函",
                          "case_no": f"{unit_code}-JD-{seq + 1:03d}", "employer": f"某制造有限公司{seq + 1}",
                          "topic": TOPICS[seq % 5], "document": "reminder_letter", **worker(unit_code, seq)}
    service = item["subtype"]
    return category, {**base, "ledger_id": f"A{service[:3]}{seq:03d}", "title": "职工法律援助",
                      "service": service, "amount": 3000 + seq * 500, **worker(unit_code, 100 + seq)}
