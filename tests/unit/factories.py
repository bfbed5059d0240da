"""Small factories for the unit tests: the real 2026 config and calendar, SlotFacts in states."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import lru_cache

from config.calendars import load_calendar
from config.loader import default_config_path, load_programme_config
from config.programme import ProgrammeConfig
from models.calendar import WorkCalendar
from models.enums import ArchiveKind
from models.facts import ContractFact, Duty, Evidence, Filing, Selection, SlotFacts

CITY_CODE, CITY_NAME = "340100", "合肥市"
UNIT_CODE, UNIT_NAME = "340123", "肥西县"
SUBMITTED_ON = dt.date(2026, 5, 8)
FILED_ON = dt.date(2026, 5, 15)
READY_ON = dt.date(2026, 6, 10)
ALL_ARCHIVE_KINDS = tuple(ArchiveKind)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@lru_cache(maxsize=1)
def programme_config() -> ProgrammeConfig:
    """The shipped 2026 programme configuration (loaded once)."""
    return load_programme_config(default_config_path(2026))


@lru_cache(maxsize=1)
def work_calendar() -> WorkCalendar:
    """The real calendar (chinesecalendar + config/calendar-2027.yaml), warnings swallowed."""
    return load_calendar(warn=lambda message: None)


def evidence(description: str, on: dt.date | None, **extra: str) -> Evidence:
    return Evidence(description, on, **extra)


def empty_slot(city_code: str = CITY_CODE, city_name: str = CITY_NAME) -> SlotFacts:
    """A city that has recommended nothing yet: no unit, no documents."""
    return SlotFacts(city_code, city_name)


def submitted_slot(
    on: dt.date = SUBMITTED_ON,
    *,
    recommendation: bool = True,
    work_plan: bool = True,
    city_code: str = CITY_CODE,
    city_name: str = CITY_NAME,
    unit_code: str = UNIT_CODE,
    unit_name: str = UNIT_NAME,
) -> SlotFacts:
    """A recommended unit whose form and/or work plan arrived on `on`."""
    rec = evidence("推荐表（附件1）", on, file="rec.xlsx", sha256="a" * 64, by="市总工会")
    plan = evidence("工作方案（附件2，1200 字）", on, file="plan.docx", sha256="b" * 64)
    both = recommendation and work_plan
    return SlotFacts(
        city_code,
        city_name,
        unit_code=unit_code,
        unit_name=unit_name,
        recommendation=rec if recommendation else None,
        work_plan=plan if work_plan else None,
        first_submitted_on=on if both else None,
    )


def filed_slot(filed_on: dt.date = FILED_ON, submitted_on: dt.date = SUBMITTED_ON) -> SlotFacts:
    """Materials submitted and approved (filed) by the province; nothing else yet."""
    return replace(
        submitted_slot(submitted_on), filing=Filing("approve", filed_on, "省总工会权益保障部")
    )


def returned_slot(
    returned_on: dt.date = FILED_ON,
    submitted_on: dt.date = SUBMITTED_ON,
    reason: str = "工作方案超过1500字",
) -> SlotFacts:
    """Materials returned by the province with a reason."""
    filing = Filing("return", returned_on, "省总工会权益保障部", reason)
    return replace(submitted_slot(submitted_on), filing=filing)


def resubmitted_slot(resubmitted_on: dt.date, returned_on: dt.date = FILED_ON) -> SlotFacts:
    """Returned on `returned_on`, then both documents sent again on `resubmitted_on`."""
    slot = returned_slot(returned_on)
    again = submitted_slot(resubmitted_on)
    return replace(slot, recommendation=again.recommendation, work_plan=again.work_plan)


def archive(kinds: tuple[str, ...], on: dt.date) -> dict[str, Evidence]:
    return {
        str(kind): evidence(str(kind), on, file=f"archive/{kind}.pdf", sha256="c" * 64)
        for kind in kinds
    }


def team(size: int, on: dt.date) -> list[Evidence]:
    roles = ["律师", "律师", "法律工作者", "社会工作者", "助理"]
    return [evidence(f"{roles[i % len(roles)]}：成员{i + 1}", on) for i in range(size)]


def ready_slot(
    ready_on: dt.date = READY_ON,
    *,
    submitted_on: dt.date | None = None,
    filed_on: dt.date | None = None,
    archive_kinds: tuple[str, ...] = ALL_ARCHIVE_KINDS,
    team_size: int = 3,
    method: str = "price_comparison",
    duty: Duty | None = None,
    quota_counts: dict[str, int] | None = None,
) -> SlotFacts:
    """Everything the preparation gate asks for, the latest fact (the contract) on ready_on."""
    submitted_on = submitted_on or ready_on - dt.timedelta(days=20)
    filed_on = filed_on or ready_on - dt.timedelta(days=15)
    step = ready_on - dt.timedelta(days=5)
    slot = filed_slot(filed_on, submitted_on)
    return replace(
        slot,
        selection=Selection(method, step, "安徽某某律师事务所", "selection.pdf", "d" * 64),
        archive=archive(archive_kinds, step),
        team=team(team_size, step),
        duty=duty or Duty("rotation", "", step),
        contract=ContractFact(ready_on, 5_000_000, "安徽某某律师事务所"),
        task_items=[evidence("法治宣传教育 10 场", step), evidence("劳动法律监督 10 件", step)],
        quota_counts=dict(quota_counts or {}),
    )
