"""Contacts on SQLite and PostgreSQL: a file checked whole, stored by address, updated on re-import."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from models.db import session_scope
from models.errors import InputError
from tasks.mailbox.contacts import audience, find_contact, list_contacts, parse_contacts, store_contacts
from tests.mailbox.helpers import NOW

HEAD = "邮箱,姓名,类别,单位\n"


def _csv(tmp_path: Path, body: str, name: str = "通讯录.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8-sig")
    return path


def test_import_then_update_by_address(engine, tmp_path: Path) -> None:
    first = _csv(tmp_path, "FX@feixi.cn,李四,县（区）工会,肥西县\nhf@hf.cn,张三,市总工会,340100\n"
                           "sheng@ah.cn,王五,省总工会,\n")
    with session_scope(engine) as session:
        assert store_contacts(session, parse_contacts(session, first), source="a", now=NOW) == (3, 0)
    again = _csv(tmp_path, "fx@feixi.cn,李四（新）,县（区）工会,340123\nhf@hf.cn,张三,市总工会,合肥市\n",
                 "b.csv")
    with session_scope(engine) as session:
        assert store_contacts(session, parse_contacts(session, again), source="b", now=NOW) == (0, 1)
    with Session(engine) as session:
        fx = find_contact(session, " FX@FEIXI.CN ")
        assert fx is not None
        assert (fx.name, fx.role, fx.code, fx.source) == ("李四（新）", "unit", "340123", "b")
        assert audience(fx, None) == "unit-340123"
        tags = [audience(c, None) for c in list_contacts(session)]
        assert tags == ["city-340100", "province", "unit-340123"]


def test_a_bad_file_names_every_problem_and_stores_nothing(engine, tmp_path: Path) -> None:
    bad = _csv(tmp_path, "a@b.cn,甲,县（区）工会,肥西县\nbad,乙,县（区）工会,肥西县\na@b.cn,丙,乡镇,\n"
                         "c@d.cn,丁,市总工会,火星市\n")
    with session_scope(engine) as session, pytest.raises(InputError) as refused:
        parse_contacts(session, bad)
    found = [(p.row, p.column) for p in refused.value.problems]
    assert found == [(3, "邮箱"), (4, "邮箱"), (4, "类别"), (5, "单位")]
    with Session(engine) as session:
        assert list_contacts(session) == []
