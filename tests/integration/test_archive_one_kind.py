"""One file, one archive kind (issue 12, deliver 10) on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import select

from config.divisions import county_by_name
from models.db import session_scope
from models.enums import ArchiveKind
from models.errors import InputError
from models.tables import ArchiveDocument
from tasks.archive import add_archive_document
from tasks.demo.documents import demo_recommendation
from tasks.files import sha256_file
from tasks.forms.recommendation import read_recommendation_file
from tasks.forms.recommendation_docx import write_recommendation_docx
from tasks.submissions import Received, register_recommendations
from tests.support.database import database_fingerprint

ON = dt.date(2026, 5, 20)
AT = dt.datetime(2026, 5, 20, 9, tzinfo=dt.UTC)
FEIXI = county_by_name("340100", "肥西县")
WANZHI = county_by_name("340200", "湾沚区")


def _got(path: Path) -> Received:
    return Received(path, sha256_file(path), ON, AT, "测试")


@pytest.fixture()
def recommended(engine, programme, tmp_path):
    for county in (FEIXI, WANZHI):
        path = tmp_path / f"rec-{county.code}.docx"
        write_recommendation_docx(path, demo_recommendation(county, dt.date(2026, 5, 8)))
        with session_scope(engine) as session:
            register_recommendations(session, programme, read_recommendation_file(path), _got(path))
    return engine


def _add(engine, programme, tmp_path, unit: str, kind: ArchiveKind, path: Path) -> None:
    with session_scope(engine) as session:
        add_archive_document(session, programme, unit, kind, _got(path), tmp_path / "store")


def test_one_file_under_a_second_kind_is_refused_naming_the_first(recommended, programme, tmp_path):
    engine = recommended
    path = tmp_path / "档案.txt"
    path.write_bytes(b"19 bytes of archive")
    _add(engine, programme, tmp_path, FEIXI.code, ArchiveKind("award_notice"), path)
    before = database_fingerprint(engine)
    for kind in ArchiveKind:
        if kind.value == "award_notice":
            continue
        with pytest.raises(InputError, match="已作为“中标公示”登记过") as info:
            _add(engine, programme, tmp_path, FEIXI.code, kind, path)
        assert "不能再登记为" in str(info.value)
    assert database_fingerprint(engine) == before, "a refused archive file changed the database"
    with session_scope(engine) as session:
        kinds = session.exec(select(ArchiveDocument.kind)).all()
    assert kinds == ["award_notice"]


def test_the_same_file_for_another_unit_and_a_different_file_for_another_kind_are_accepted(
        recommended, programme, tmp_path):
    engine = recommended
    path = tmp_path / "档案.txt"
    path.write_bytes(b"19 bytes of archive")
    other = tmp_path / "另一份.txt"
    other.write_bytes(b"another archive file")
    _add(engine, programme, tmp_path, FEIXI.code, ArchiveKind("award_notice"), path)
    _add(engine, programme, tmp_path, WANZHI.code, ArchiveKind("award_notice"), path)
    _add(engine, programme, tmp_path, FEIXI.code, ArchiveKind("service_contract"), other)
    with session_scope(engine) as session:
        rows = session.exec(select(ArchiveDocument.unit_code, ArchiveDocument.kind)).all()
    assert sorted(rows) == sorted([(FEIXI.code, "award_notice"), (WANZHI.code, "award_notice"),
                                   (FEIXI.code, "service_contract")])
