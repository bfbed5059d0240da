"""Write the demo's events through the same forms and services people use (files, imports, review)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlmodel import Session

from config.divisions import County, county_by_name
from models.enums import ArchiveKind, VerdictKind
from models.errors import InputError
from models.send_instructions import subject_for
from tasks.archive import add_archive_document
from tasks.assessments import record_effect
from tasks.context import ProgrammeRef
from tasks.demo.contacts import register_unit_contact
from tasks.demo.files import DemoFiles
from tasks.demo.files import demo_credit_code as demo_credit_code
from tasks.demo.ledger_rows import ledger_row
from tasks.demo.mail import LEDGER_BODY, MAILDIR, Sender, deliver, demo_mail, unit_sender
from tasks.demo.scenario import UNITS, DemoUnit, Event
from tasks.files import sha256_file
from tasks.forms.funds_xlsx import read_funds
from tasks.forms.procurement_xlsx import read_procurement_xlsx
from tasks.forms.recommendation import read_recommendation_file
from tasks.forms.workplan import read_workplan
from tasks.funds import store_expenditures
from tasks.oversight import record_visit
from tasks.procurement import register_dossier
from tasks.reports import submit_report
from tasks.review import review_unit
from tasks.submissions import Received, register_recommendations, register_work_plan
from tasks.verdicts import record_verdict

PROVINCE_REVIEWER = "省总工会权益保障部 李审核"
EVALUATOR = "省总工会评估组 王评审"
VERDICT_NOTES = {VerdictKind.promote: "台账规范、五进全覆盖，经验在全省推广",
                 VerdictKind.pass_: "任务完成，材料齐全",
                 VerdictKind.rectify: "法治宣传未达标、成果报告未报送，限期整改"}
_BY_CITY = {u.city_code: u for u in UNITS}


class DemoWriter:
    """Applies events for one programme, keeping the demo's files under `files_dir`.

    Here units and cities hand in directly (registered as `legalcap … import` does), except the ledgers,
    which are e-mailed; tasks/demo/by_mail.py's MailingDemoWriter e-mails everything they send.
    """

    def __init__(self, session: Session, ref: ProgrammeRef, files_dir: Path, stamp: dt.datetime):
        self.session, self.ref, self.files_dir, self.stamp = session, ref, files_dir, stamp
        self.files = DemoFiles(files_dir)
        self.sent = 0   # messages delivered by this writer (a day's): each arrives a second after the last

    def apply(self, event: Event) -> None:
        unit = _BY_CITY[event.city_code]
        getattr(self, f"_{event.kind}")(event, unit, county_by_name(unit.city_code, unit.county))

    def send(self, sender: Sender, subject: str, body: str, files: list[tuple[str, Path]], on: dt.date,
             tag: str) -> None:
        """E-mail the files (attachment name, path) to the province's mailbox: the demo's Maildir."""
        attached = [(name, path.read_bytes()) for name, path in files]
        raw = demo_mail(sender, subject, body, attached, on, tag, self.sent)
        deliver(self.files_dir / MAILDIR, raw, on, tag, self.sent)
        self.sent += 1

    def _received(self, path: Path, on: dt.date, by: str) -> Received:
        return Received(path, sha256_file(path), on, self.stamp, by)

    def _contacts(self, ev: Event, u: DemoUnit, county: County) -> None:
        """The province enters the contact its 附件1 names into the 通讯录 and imports it."""
        register_unit_contact(self.session, self.ref, self.files_dir, county, self.stamp)

    def _recommendation(self, ev: Event, u: DemoUnit, county: County) -> None:
        path = self.files.recommendation(ev, county)
        register_recommendations(self.session, self.ref, read_recommendation_file(path),
                                 self._received(path, ev.on, f"{county.city_name}总工会"))

    def _work_plan(self, ev: Event, u: DemoUnit, county: County) -> None:
        path = self.files.work_plan(ev, u, county)
        register_work_plan(self.session, self.ref, county.code, read_workplan(path),
                           self._received(path, ev.on, f"{county.city_name}总工会"))

    def _filing(self, ev: Event, u: DemoUnit, county: County) -> None:
        review_unit(self.session, self.ref, county.code, ev.data["decision"], by=PROVINCE_REVIEWER,
                    reason=ev.data.get("reason", ""), on=ev.on, at=self.stamp)

    def _archive(self, ev: Event, u: DemoUnit, county: County) -> None:
        path = self.files.archive(ev, county)
        add_archive_document(self.session, self.ref, county.code, ArchiveKind(ev.data["kind"]),
                             self._received(path, ev.on, f"{county.name}总工会"), self.files_dir / "档案库")

    def _procurement(self, ev: Event, u: DemoUnit, county: County) -> None:
        path = self.files.dossier(ev, u, county)
        register_dossier(self.session, self.ref, read_procurement_xlsx(path),
                         self._received(path, ev.on, f"{county.name}总工会"))

    def _oversight(self, ev: Event, u: DemoUnit, county: County) -> None:
        record_visit(self.session, self.ref, county.code, visited_on=ev.on,
                     by=f"{county.city_name}总工会 督导组",
                     notes=f"{ev.data['period']} 实地调研：查阅台账，座谈服务团队", at=self.stamp)

    def _payment(self, ev: Event, u: DemoUnit, county: County) -> None:
        path = self.files.funds(ev, county)
        window = (self.ref.cfg.phases.preparation.start, self.ref.cfg.phases.evaluation.end)
        found, problems = read_funds(path, as_of=ev.on, window=window, known_units={county.code})
        if problems:
            raise InputError(problems)
        store_expenditures(self.session, self.ref, found, self._received(path, ev.on, f"{county.name}总工会"))

    def _ledger_file(self, ev: Event, u: DemoUnit, county: County) -> None:
        """The month's ledger as the unit hands it in: an .xlsx e-mailed to the province's mailbox, which
        the day's tick fetches and imports through the intake service."""
        self._mail_ledger(ev, county, self._ledger_rows(ev, county), "")

    def _ledger_mistake(self, ev: Event, u: DemoUnit, county: County) -> None:
        """The same month's ledger typed with last year in every date: refused as a whole (未能登记)."""
        rows = {category: [{**row, "occurred_on": _year_before(row["occurred_on"])} for row in found]
                for category, found in self._ledger_rows(ev, county).items()}
        self._mail_ledger(ev, county, rows, "-填错")

    def _ledger_rows(self, ev: Event, county: County) -> dict[str, list[dict]]:
        rows: dict[str, list[dict]] = {}
        for item in ev.data["rows"]:
            category, row = ledger_row(county.code, county.name, item)
            rows.setdefault(category, []).append(row)
        return rows

    def _mail_ledger(self, ev: Event, county: County, rows: dict[str, list[dict]], mark: str) -> None:
        path = self.files.ledger(ev, county, rows, mark)
        subject = subject_for("ledger", unit_code=county.code, unit_name=county.name, period=ev.data["month"])
        tag = f"{county.code}-{ev.data['month']}{'-bad' if mark else ''}"
        name = f"{county.name}工作台账（{ev.data['month']}）.xlsx"
        self.send(unit_sender(county), subject, LEDGER_BODY, [(name, path)], ev.on, tag)

    def _report(self, ev: Event, u: DemoUnit, county: County) -> None:
        path = self.files.report(ev, county)
        submit_report(self.session, self.ref, county.code, ev.data["kind"],
                      self._received(path, ev.on, f"{county.name}总工会"), self.files_dir / "reports")

    def _assessment(self, ev: Event, u: DemoUnit, county: County) -> None:
        """The evaluators' 实际成效 score and notes after their visit, as `verdict assess` records it."""
        record_effect(self.session, self.ref.id, county.code, ev.data["effect"], ev.data["notes"],
                      ev.data["methods"], ev.on, EVALUATOR, today=ev.on, at=self.stamp)

    def _verdict(self, ev: Event, u: DemoUnit, county: County) -> None:
        notes = ev.data.get("notes") or VERDICT_NOTES[ev.data["verdict"]]
        record_verdict(self.session, self.ref, county.code, verdict=ev.data["verdict"], by=EVALUATOR,
                       on=ev.on, due=ev.data["due"], notes=notes, at=self.stamp)


def _year_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1)
