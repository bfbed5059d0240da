"""The demo's address book: each unit's and city's mailbox, imported as `legalcap contacts import` does."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from sqlmodel import Session

from config.divisions import county_by_name
from tasks.demo.mail import city_address, unit_address
from tasks.demo.units import UNITS
from tasks.mailbox.contacts import COLUMNS, parse_contacts, store_contacts

CONTACTS_FILE = "通讯录.csv"


def write_contacts(path: Path) -> Path:
    """A 通讯录 .csv: one row for each unit (县（区）工会) and one for its city (市总工会)."""
    rows = [list(COLUMNS)]
    for u in UNITS:
        county = county_by_name(u.city_code, u.county)
        rows.append([unit_address(county), "王联络", "县（区）工会", county.code])
        rows.append([city_address(u.city_code), "张督导", "市总工会", u.city_code])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return path


def register_demo_contacts(session: Session, files_dir: Path, at: dt.datetime) -> int:
    """Write and import the demo's 通讯录; the number of contacts added."""
    path = write_contacts(files_dir / CONTACTS_FILE)
    added, _ = store_contacts(session, parse_contacts(session, path), source=path.name, now=at)
    return added
