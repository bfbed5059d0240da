"""The files the demo's unions hand in, written under the demo's files folder as people would fill them in.

Office files carry no clock (pinned to the day they are handed in), so the same demo gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from config.divisions import County
from models.credit_code import check_character
from models.enums import ARCHIVE_LABELS, ArchiveKind
from models.report_chases import REPORT_LABELS
from tasks.demo.documents import demo_dossier, demo_plan, demo_recommendation, demo_report
from tasks.demo.scenario import DemoUnit, Event
from tasks.demo.stable_files import pin_office_dates
from tasks.forms.funds_xlsx import write_funds_template
from tasks.forms.ledger_xlsx import write_ledger_template
from tasks.forms.procurement_xlsx import write_procurement_xlsx
from tasks.forms.recommendation_docx import write_recommendation_docx
from tasks.forms.workplan import write_workplan_docx


class DemoFiles:
    """Writes each handed-in file under `folder/<county code>/` and returns its path."""

    def __init__(self, folder: Path):
        self.folder = folder

    def path(self, county: County, name: str) -> Path:
        path = self.folder / county.code / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def recommendation(self, ev: Event, county: County) -> Path:
        """附件1, filled in and stamped by the city on the day it is sent."""
        path = self.path(county, "附件1-实施项目单位推荐表.docx")
        write_recommendation_docx(path, demo_recommendation(county, ev.on))
        return _pinned(path, ev.on)

    def work_plan(self, ev: Event, u: DemoUnit, county: County) -> Path:
        """附件2, its first draft or (after a return) the revised one."""
        revision = ev.data.get("revision", 1)
        path = self.path(county, f"附件2-实施项目工作方案-第{revision}稿.docx")
        write_workplan_docx(path, demo_plan(county, u, revision), unit_name=f"{county.name}总工会",
                            submitted_on=ev.on)
        return _pinned(path, ev.on)

    def archive(self, ev: Event, county: County) -> Path:
        """One 采购档案 document, titled with its kind."""
        label = ARCHIVE_LABELS[ArchiveKind(ev.data["kind"])]
        path = self.path(county, f"档案-{label}.txt")
        path.write_text(f"{county.name}总工会 法律服务采购 {label}\n日期：{ev.on}\n", encoding="utf-8")
        return path

    def dossier(self, ev: Event, u: DemoUnit, county: County) -> Path:
        """遴选材料登记表: the candidates, the winner, the contract, the team and the task list."""
        path = self.path(county, "遴选材料登记表.xlsx")
        write_procurement_xlsx(path, demo_dossier(county, u, ev.on, demo_credit_code))
        return _pinned(path, ev.on)

    def funds(self, ev: Event, county: County) -> Path:
        """经费支出登记表 with one instalment (its 凭证号 left out where the profile says so)."""
        path = self.path(county, f"经费支出-{ev.data['n']}.xlsx")
        row = {"unit_code": county.code, "spent_on": ev.on, "amount": ev.data["yuan"],
               "purpose": ev.data["purpose"],
               "voucher": f"{county.code}-PZ-{ev.data['n']:02d}" if ev.data.get("voucher", True) else ""}
        write_funds_template(path, unit_code=county.code, rows=[row])
        return _pinned(path, ev.on)

    def report(self, ev: Event, county: County) -> Path:
        """工作总结 or 成果报告, in Markdown."""
        kind = ev.data["kind"]
        path = self.path(county, f"{REPORT_LABELS[kind]}.md")
        path.write_text(demo_report(county, kind), encoding="utf-8")
        return path

    def ledger(self, ev: Event, county: County, rows: dict[str, list[dict]], mark: str) -> Path:
        """The month's 工作台账 (`mark` names a copy typed wrong)."""
        path = self.path(county, f"工作台账-{ev.data['month']}{mark}.xlsx")
        write_ledger_template(path, unit_code=county.code, rows=rows)
        return _pinned(path, ev.on)


def _pinned(path: Path, on: dt.date) -> Path:
    pin_office_dates(path, on)  # no clock in the demo's files: the same demo, the same hashes
    return path


def demo_credit_code(county_code: str) -> str:
    """A 统一社会信用代码 for a demo provider, with a valid GB 32100 check character."""
    body = f"52{county_code}MJ{county_code[-3:]}0{county_code[:3]}"[:17]
    return body + check_character(body)
