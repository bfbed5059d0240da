"""A unit page reads that unit alone (status_of_unit), never every unit's status."""

from __future__ import annotations

import pytest

from tests.web.conftest import FEIXI, Portal


def test_the_unit_page_does_not_compute_every_units_status(portal: Portal, monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    def every_unit(*args: object) -> dict:
        raise AssertionError("the unit page computed every unit's status")

    monkeypatch.setattr("tasks.services.status.status_for", every_unit)
    monkeypatch.setattr("tasks.context.load_context", every_unit)
    page = portal.login("feixi").get(f"/units/{FEIXI.code}")
    assert page.status_code == 200 and '<strong class="phase">' in page.text
