"""The demo's address book, imported as `legalcap contacts import` does: the cities' 通讯录 when the
programme starts; each unit's contact once the province has its 附件1 (the 联系人 the form names)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from sqlmodel import Session, col, select

from config.divisions import County
from models.enums import RecordStatus
from models.errors import Refusal
from models.preparation import Recommendation
from tasks.context import ProgrammeRef
from tasks.demo.mail import city_address, unit_address
from tasks.demo.units import UNITS
from tasks.mailbox.contacts import COLUMNS, parse_contacts, store_contacts

CONTACTS_FILE = "通讯录.csv"
CITY_CONTACT = "张督导"


def write_contacts(path: Path, rows: list[list[str]]) -> Path:
    """A 通讯录 .csv with the header 邮箱、姓名、类别、单位."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([list(COLUMNS), *rows])
    return path


def import_contacts(session: Session, path: Path, at: dt.datetime) -> int:
    """Check the whole file and add or update its contacts; the number added."""
    added, _ = store_contacts(session, parse_contacts(session, path), source=path.name, now=at)
    return added


def register_demo_contacts(session: Session, files_dir: Path, at: dt.datetime) -> int:
    """The cities' 通讯录 (one 市总工会 row per demo city), imported; the number of contacts added."""
    rows = [[city_address(u.city_code), CITY_CONTACT, "市总工会", u.city_code] for u in UNITS]
    return import_contacts(session, write_contacts(files_dir / CONTACTS_FILE, rows), at)


def register_unit_contact(session: Session, ref: ProgrammeRef, files_dir: Path, county: County,
                          at: dt.datetime) -> int:
    """The unit's contact as its registered 附件1 names it, with the unit's mailbox; the number added."""
    rec = session.exec(select(Recommendation).where(
        Recommendation.programme_id == ref.id, Recommendation.unit_code == county.code,
        Recommendation.status == RecordStatus.active.value).order_by(col(Recommendation.id).desc())).first()
    if rec is None:
        raise Refusal(f"演示：{county.name}的推荐表（附件1）尚未登记，无法登记其联系人")
    rows = [[unit_address(county), rec.contact_name, "县（区）工会", county.code]]
    return import_contacts(session, write_contacts(files_dir / county.code / CONTACTS_FILE, rows), at)
