"""Known senders: a contacts file (.xlsx or .csv: 邮箱, 姓名, 类别, 单位) checked whole, then stored.

类别 is 县（区）工会, 市总工会 or 省总工会; 单位 is the union's six-digit code or its name (for a
county, the name as in the division list, e.g. 肥西县; for a city, e.g. 合肥市). A bad row refuses the
whole file, every problem named with its row and column; a good file adds or updates by address.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from models.errors import InputError, Problem, fail
from models.mailbox import Contact, ContactRole
from models.tables import City, Unit

COLUMNS = ("邮箱", "姓名", "类别", "单位")
ROLE_WORDS = {"县（区）工会": ContactRole.unit, "县区工会": ContactRole.unit, "县(区)工会": ContactRole.unit,
              "县": ContactRole.unit, "unit": ContactRole.unit, "市总工会": ContactRole.city,
              "市": ContactRole.city, "city": ContactRole.city, "省总工会": ContactRole.province,
              "省": ContactRole.province, "province": ContactRole.province}
ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


@dataclass(frozen=True)
class ContactRow:
    address: str
    name: str
    role: ContactRole
    code: str


def read_rows(path: Path) -> list[list[str]]:
    """The file's rows as text (first sheet of an .xlsx, or a UTF-8/GBK .csv)."""
    if not path.is_file():
        raise fail(path.name, "文件不存在")
    if path.suffix.lower() == ".csv":
        from tasks.forms.text_decode import decode_text

        return [row for row in csv.reader(io.StringIO(decode_text(path.read_bytes(), path.name)))]
    if path.suffix.lower() != ".xlsx":
        raise fail(path.name, "通讯录应为 .xlsx 或 .csv 文件")
    from tasks.forms.xlsx_read import read_workbook

    book = read_workbook(path)
    first: list = next(iter(book.values()), [])
    return [["" if v is None else str(v).strip() for v in row] for row in first]


def parse_contacts(session: Session, path: Path) -> list[ContactRow]:
    """Every row checked; an InputError listing every problem when any row is bad."""
    rows = read_rows(path)
    if not rows or [c.strip() for c in rows[0][:4]] != list(COLUMNS):
        raise fail(path.name, f"第 1 行应为表头：{'、'.join(COLUMNS)}", row=1)
    units = {u.code: u.code for u in session.exec(select(Unit)).all()}
    units |= {u.name: u.code for u in session.exec(select(Unit)).all()}
    cities = {c.code: c.code for c in session.exec(select(City)).all()}
    cities |= {c.name: c.code for c in session.exec(select(City)).all()}
    found: list[ContactRow] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for n, row in enumerate(rows[1:], start=2):
        cells = [c.strip() for c in (row + [""] * 4)[:4]]
        if not any(cells):
            continue
        got = _row(path.name, n, cells, units, cities, seen, problems)
        if got:
            found.append(got)
    if problems:
        raise InputError(problems)
    return found


def _row(file: str, n: int, cells: list[str], units: dict, cities: dict, seen: set,
         problems: list[Problem]) -> ContactRow | None:
    address, name, role_word, where = cells
    address = address.lower()
    before = len(problems)
    if not ADDRESS.match(address):
        problems.append(Problem(file, f"“{cells[0]}”不是有效的邮箱地址", row=n, column="邮箱"))
    elif address in seen:
        problems.append(Problem(file, f"邮箱 {address} 重复出现", row=n, column="邮箱"))
    seen.add(address)
    role = ROLE_WORDS.get(role_word)
    code = ""
    if role is None:
        problems.append(Problem(file, f"类别“{role_word}”应为 县（区）工会、市总工会 或 省总工会", row=n,
                                column="类别"))
    elif role is not ContactRole.province:
        code = (units if role is ContactRole.unit else cities).get(where, "")
        if not code:
            problems.append(Problem(file, f"找不到{'县（区）' if role is ContactRole.unit else '市'}“{where}”"
                                    "（请填写六位行政区划代码或标准名称）", row=n, column="单位"))
    return ContactRow(address, name, role, code) if len(problems) == before and role else None


def store_contacts(session: Session, rows: list[ContactRow], *, source: str,
                   now: dt.datetime) -> tuple[int, int]:
    """Add or update by address; return (added, updated)."""
    known = {c.address: c for c in session.exec(select(Contact).where(
        col(Contact.address).in_([r.address for r in rows]))).all()} if rows else {}
    added = updated = 0
    for r in rows:
        row = known.get(r.address)
        if row is None:
            session.add(Contact(address=r.address, name=r.name, role=r.role.value, code=r.code, source=source,
                                updated_at=now))
            added += 1
        elif (row.name, row.role, row.code) != (r.name, r.role.value, r.code):
            row.name, row.role, row.code = r.name, r.role.value, r.code
            row.source, row.updated_at = source, now
            session.add(row)
            updated += 1
    return added, updated


def find_contact(session: Session, address: str) -> Contact | None:
    return session.exec(select(Contact).where(Contact.address == address.strip().lower())).first()


def all_contacts(session: Session) -> list[Contact]:
    """Every contact, in no particular order (a fetch reads them once, then looks senders up by address)."""
    return list(session.exec(select(Contact)).all())


def list_contacts(session: Session) -> list[Contact]:
    return list(session.exec(select(Contact).order_by(col(Contact.role), col(Contact.code),
                                                      col(Contact.address))).all())


def audience(contact: Contact | None, unit_code: str | None) -> str:
    """The outbox tag a receipt goes to: the contact's own (unit-…, city-…, province), else the unit's."""
    if contact is not None:
        if contact.role == ContactRole.province.value:
            return "province"
        return f"{contact.role}-{contact.code}"
    return f"unit-{unit_code}" if unit_code else "province"
