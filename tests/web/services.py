"""Helpers for the portal's forms that reach the CLI's services: the services on the test's database,
肥西县 through the preparation gate (implementing in June), ledger workbooks to upload."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from config.settings import Settings
from tasks.context import ProgrammeRef
from tasks.forms.ledger_xlsx import write_ledger_template
from tests.support.demo import feixi_through_the_gate
from tests.web.conftest import FEIXI, TODAY, WANZHI, Clock, Portal, add_accounts, recommend
from web.app import create_app


def wire(engine: Engine, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The services (get_engine) on the test's engine; files kept under a private LEGALCAP_HOME."""
    monkeypatch.setenv("LEGALCAP_HOME", str(home))
    monkeypatch.delenv("LEGALCAP_ARCHIVE_ROOTS", raising=False)
    monkeypatch.setattr("tasks.runtime.engine_for", lambda url: engine)


@dataclass
class DayPortal(Portal):
    """A portal whose app's today is `day` (the evaluators work in May 2027)."""

    day: dt.date = TODAY

    def client(self, address: str = "10.0.0.1") -> TestClient:
        app = create_app(self.settings, engine=self.engine, clock=self.clock, today=lambda: self.day)
        client = TestClient(app, base_url="http://testserver", follow_redirects=False,
                            client=(address, 50000))
        self.clients.append(client)
        return client


def implementing_portal(engine: Engine, programme: ProgrammeRef, tmp_path: Path,
                        monkeypatch: pytest.MonkeyPatch, **settings: object) -> DayPortal:
    """肥西县 implementing (its gate met early June), 湾沚区 recommended, accounts of every role."""
    wire(engine, tmp_path / "home", monkeypatch)
    feixi_through_the_gate(engine, programme, tmp_path / "files")
    recommend(engine, programme, WANZHI)
    add_accounts(engine)
    return DayPortal(engine, programme, Clock(), Settings(web_secret_key="k" * 40, **settings))


def ledger_file(folder: Path, *, bad: int = 0, good: int = 3, unit: str = FEIXI.code,
                name: str = "工作台账.xlsx", titles: list[str] | None = None) -> Path:
    """A ledger of publicity rows: the first `bad` with a negative 参加人数 (located errors)."""
    rows = [{"ledger_id": f"P{i}", "unit_code": unit, "occurred_on": dt.date(2026, 6, 1 + i),
             "title": (titles or [])[i] if i < len(titles or []) else f"普法讲座 {i}", "venue": "enterprise",
             "format": "lecture", "participants": -5 if i < bad else 40} for i in range(bad + good)]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    write_ledger_template(path, rows={"publicity": rows})
    return path


def publicity_count(page: str) -> str:
    """The 法治宣传教育 quota's count on a unit page."""
    import re

    found = re.search(r"<td>法治宣传教育</td><td class=\"num\">(\d+)</td>", page)
    assert found, "no 法治宣传教育 quota on the page"
    return found.group(1)
