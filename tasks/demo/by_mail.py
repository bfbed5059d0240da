"""The demo's unions hand everything in by e-mail, as the notice asks (打包报送至省总工会邮箱).

Each file goes into the demo's Maildir from the right sender, with the subject the reminders give
(models/send_instructions.subject_for): the city sends its 附件1 and the 附件2 that goes with it
(项目推荐-…); the unit, once its contact is registered, sends a revised plan, its 采购档案 and 遴选材料
(筹备材料-…), its 经费支出 (经费支出-…), its ledgers and its 工作总结 and 成果报告 (总结评估-…). The day's
tick fetches them and the intake service registers them; received on the day they arrive.
"""

from __future__ import annotations

from pathlib import Path

from config.divisions import County
from models.enums import ARCHIVE_LABELS, ArchiveKind
from models.report_chases import REPORT_LABELS
from models.send_instructions import subject_for
from tasks.demo.apply import DemoWriter
from tasks.demo.mail import Sender, city_sender, unit_sender
from tasks.demo.scenario import DemoUnit, Event


class MailingDemoWriter(DemoWriter):
    """The demo writer whose unions e-mail what they hand in; the province's own acts stay direct."""

    def _recommendation(self, ev: Event, u: DemoUnit, county: County) -> None:
        path = self.files.recommendation(ev, county)
        body = f"您好，我市推荐{county.name}总工会为项目实施单位，《实施项目单位推荐表》（附件1）见附件。"
        self._mail(ev, county, city_sender(county), "recommendation", "rec", path, body)

    def _work_plan(self, ev: Event, u: DemoUnit, county: County) -> None:
        """The first draft comes with the city's recommendation; a revised one from the unit itself."""
        revision = ev.data.get("revision", 1)
        path = self.files.work_plan(ev, u, county)
        if revision == 1:
            sender, body = city_sender(county), f"您好，{county.name}总工会项目实施工作方案（附件2）见附件。"
        else:
            sender, body = unit_sender(county), f"您好，按退回意见修改的工作方案（第{revision}稿）见附件。"
        self._mail(ev, county, sender, "recommendation", f"plan-{revision}", path, body)

    def _archive(self, ev: Event, u: DemoUnit, county: County) -> None:
        path = self.files.archive(ev, county)
        body = f"您好，采购档案《{ARCHIVE_LABELS[ArchiveKind(ev.data['kind'])]}》见附件。"
        self._mail(ev, county, unit_sender(county), "preparation", f"archive-{ev.data['kind']}", path, body)

    def _procurement(self, ev: Event, u: DemoUnit, county: County) -> None:
        path = self.files.dossier(ev, u, county)
        body = "您好，《遴选材料》登记表见附件，请查收。"
        self._mail(ev, county, unit_sender(county), "preparation", "procurement", path, body)

    def _payment(self, ev: Event, u: DemoUnit, county: County) -> None:
        path = self.files.funds(ev, county)
        body = f"您好，本单位经费支出（{ev.data['purpose']}）见附件。"
        self._mail(ev, county, unit_sender(county), "funds", f"funds-{ev.data['n']}", path, body)

    def _report(self, ev: Event, u: DemoUnit, county: County) -> None:
        path = self.files.report(ev, county)
        body = f"您好，本单位项目{REPORT_LABELS[ev.data['kind']]}见附件，请查收。"
        self._mail(ev, county, unit_sender(county), "reports", f"report-{ev.data['kind']}", path, body)

    def _mail(self, ev: Event, county: County, sender: Sender, material: str, tag: str, path: Path,
              body: str) -> None:
        """One file, named for its unit, under the subject the province's mailbox expects for it."""
        subject = subject_for(material, unit_code=county.code, unit_name=county.name,
                              city_name=county.city_name)
        name = f"{county.name}-{path.name}"
        self.send(sender, subject, body, [(name, path)], ev.on, f"{county.code}-{tag}")
