"""竞争择优 and 其他合规方式 through the dossier register and the gate, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from sqlmodel import select

from models.db import session_scope
from models.tables import ProviderSelection
from tasks.context import load_context
from tasks.demo.apply import demo_credit_code
from tasks.demo.documents import demo_dossier
from tasks.demo.scenario import UNITS
from tasks.files import sha256_file
from tasks.forms.procurement_xlsx import read_procurement_xlsx, write_procurement_xlsx
from tasks.procurement import register_dossier
from tasks.submissions import Received
from tests.integration.test_archive_one_kind import FEIXI

ON = dt.date(2026, 5, 26)


def _got(path: Path) -> Received:
    return Received(path, sha256_file(path), ON, dt.datetime(2026, 5, 26, 9, tzinfo=dt.UTC), "测试")


def _recommended(engine, programme, tmp_path: Path) -> None:
    from tasks.demo.documents import demo_recommendation
    from tasks.forms.recommendation import read_recommendation_file
    from tasks.forms.recommendation_docx import write_recommendation_docx
    from tasks.submissions import register_recommendations

    path = tmp_path / "rec.docx"
    write_recommendation_docx(path, demo_recommendation(FEIXI, dt.date(2026, 5, 8)))
    with session_scope(engine) as session:
        register_recommendations(session, programme, read_recommendation_file(path), _got(path))


def _register(engine, programme, tmp_path: Path, name: str, **changes):
    unit = next(u for u in UNITS if u.city_code == "340100")
    dossier = demo_dossier(FEIXI, unit, ON, demo_credit_code)
    dossier = replace(dossier, candidates=dossier.candidates[:2], **changes)
    path = tmp_path / name
    write_procurement_xlsx(path, dossier)
    with session_scope(engine) as session:
        register_dossier(session, programme, read_procurement_xlsx(path), _got(path))
    [status] = [s for s in load_context(engine, programme, ON).statuses if s.slot.unit_code == FEIXI.code]
    return next(c for c in status.gate.criteria if c.code == "compliant_method")


def test_two_candidates_without_a_reason_leave_the_method_unmet_and_a_reason_meets_it(
        engine, programme, tmp_path):
    _recommended(engine, programme, tmp_path)
    criterion = _register(engine, programme, tmp_path, "a.xlsx")
    assert not criterion.met and "候选机构仅 2 家" in criterion.missing and "择优说明" in criterion.missing
    criterion = _register(engine, programme, tmp_path, "b.xlsx", method="other", method_note="单一来源谈判",
                          selection_reason="本县仅两家机构报名")
    assert criterion.met
    assert criterion.flags == ("其他合规方式：单一来源谈判，请确认其合规",
                               "候选机构仅 2 家（少于 3 家）；择优说明：本县仅两家机构报名")
    with session_scope(engine) as session:
        latest = session.exec(select(ProviderSelection).order_by(ProviderSelection.id.desc())).first()
        assert latest is not None
        assert (latest.method, latest.method_note, latest.selection_reason) == (
            "other", "单一来源谈判", "本县仅两家机构报名")
