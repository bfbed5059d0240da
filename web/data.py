"""What the pages show, from the CLI's services: the status document, templates, the annual statistics."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from tasks.context import ProgrammeNotFound, ProgrammeRef, load_programme


def programme(engine: Engine) -> ProgrammeRef | None:
    """The newest started programme, or None before the first start."""
    try:
        return load_programme(engine, None)
    except ProgrammeNotFound:
        return None


def status(engine: Engine, ref: ProgrammeRef, day: dt.date) -> dict:
    """The status document of every unit (tasks/services/status, as `legalcap status`)."""
    from tasks.services.status import status_for

    return status_for(engine, ref, day)


def unit_status(engine: Engine, ref: ProgrammeRef, day: dt.date, code: str) -> dict | None:
    """One unit's part of the status document, read from its rows alone (None: not an implementing unit)."""
    from tasks.services.status import status_of_unit

    return status_of_unit(engine, ref, day, code)


@dataclass(frozen=True)
class Template:
    """A downloadable blank form: its Chinese title, file name and writer."""

    title: str
    suffix: str
    write: Callable[[Path, ProgrammeRef, str], None]


def _ledger(path: Path, ref: ProgrammeRef, unit: str) -> None:
    from tasks.forms.ledger_xlsx import write_ledger_template
    write_ledger_template(path, unit_code=unit, mailbox=ref.cfg.intake.mailbox)


def _funds(path: Path, ref: ProgrammeRef, unit: str) -> None:
    from tasks.forms.funds_xlsx import write_funds_template
    write_funds_template(path, unit_code=unit, mailbox=ref.cfg.intake.mailbox)


def _procurement(path: Path, ref: ProgrammeRef, unit: str) -> None:
    from tasks.forms.procurement_xlsx import write_procurement_xlsx
    write_procurement_xlsx(path, team_minimum=ref.cfg.team_minimum, mailbox=ref.cfg.intake.mailbox)


def _workplan(path: Path, ref: ProgrammeRef, unit: str) -> None:
    from tasks.forms.workplan import write_workplan_docx
    write_workplan_docx(path, soft_limit=ref.cfg.workplan_soft_limit)


def _recommendation(path: Path, ref: ProgrammeRef, unit: str) -> None:
    from tasks.forms.recommendation_docx import write_recommendation_docx
    write_recommendation_docx(path)


TEMPLATES: dict[str, Template] = {
    "recommendation": Template("附件1 推荐表", ".docx", _recommendation),
    "workplan": Template("附件2 工作方案", ".docx", _workplan),
    "procurement": Template("遴选材料登记表", ".xlsx", _procurement),
    "ledger": Template("工作台账", ".xlsx", _ledger),
    "funds": Template("经费支出登记表", ".xlsx", _funds),
}


def template_bytes(kind: str, ref: ProgrammeRef, unit: str) -> bytes:
    """The template written by its writer (tasks/forms) into a scratch file, as bytes."""
    template = TEMPLATES[kind]
    with tempfile.TemporaryDirectory(prefix="legalcap-web-") as tmp:
        path = Path(tmp) / f"{kind}{template.suffix}"
        template.write(path, ref, unit)
        return path.read_bytes()


def statistics_bytes(engine: Engine, ref: ProgrammeRef, day: dt.date) -> bytes:
    """全省年度统计 as the .xlsx `legalcap stats export` writes (tasks/statistics)."""
    from tasks.statistics import export_statistics_xlsx, province_statistics

    stats = province_statistics(engine, ref, day)
    with tempfile.TemporaryDirectory(prefix="legalcap-web-") as tmp:
        return export_statistics_xlsx(Path(tmp) / "statistics.xlsx", stats).read_bytes()
