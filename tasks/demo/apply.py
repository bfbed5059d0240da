"""Write the demo's events into the database as the people concerned would record them."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sqlmodel import Session, select

from config.divisions import county_by_name
from models.credit_code import check_character
from models.enums import ARCHIVE_LABELS, ArchiveKind
from models.tables import (
    ArchiveDocument,
    Contract,
    DutySchedule,
    GateDecision,
    LedgerEntry,
    Provider,
    ProviderSelection,
    Recommendation,
    TaskListItem,
    TeamMember,
    WorkPlan,
)
from tasks.demo.scenario import UNITS, DemoUnit, Event

PROVINCE_REVIEWER = "省总工会权益保障部 李审核"
_BY_CITY = {u.city_code: u for u in UNITS}


class DemoWriter:
    """Applies events for one programme, keeping the demo's files under `files_dir`."""

    def __init__(self, session: Session, programme_id: int, files_dir: Path, stamp: dt.datetime):
        self.session, self.programme_id, self.files_dir, self.stamp = session, programme_id, files_dir, stamp

    def apply(self, event: Event) -> None:
        unit = _BY_CITY[event.city_code]
        getattr(self, f"_{event.kind}")(event, unit, county_by_name(unit.city_code, unit.county))

    def _file(self, unit_code: str, name: str, text: str) -> tuple[str, str]:
        path = self.files_dir / unit_code / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        return str(path), hashlib.sha256(data).hexdigest()

    def _recommendation(self, ev: Event, u: DemoUnit, county) -> None:
        path, sha = self._file(county.code, "附件1-推荐表.txt", f"{county.city_name}推荐{county.name}总工会")
        self.session.add(Recommendation(
            programme_id=self.programme_id, city_code=county.city_code, unit_code=county.code,
            unit_name=f"{county.name}总工会", contact_name="王联络", contact_phone="0551-6000000",
            basic_situation="职工法律服务需求集中，劳动争议易发多发", reason="基础较好",
            city_opinion="同意推荐", stamped_by=f"{county.city_name}总工会", stamped_on=ev.on,
            source_file=path, sha256=sha, received_on=ev.on, received_at=self.stamp))

    def _work_plan(self, ev: Event, u: DemoUnit, county) -> None:
        revision = ev.data.get("revision", 1)
        text = f"一、目标任务 全年普法{u.publicity}场\n二、工作基础 …\n三、具体方案 …（第{revision}稿）"
        path, sha = self._file(county.code, f"附件2-工作方案-v{revision}.txt", text)
        self.session.add(WorkPlan(
            programme_id=self.programme_id, unit_code=county.code, targets="全年普法、监督、调解",
            foundation="职工法律一站式服务中心", plan="按季度推进", char_count=len(text),
            count_rule="去除空白后的字符数", source_file=path, sha256=sha, received_on=ev.on,
            received_at=self.stamp))

    def _filing(self, ev: Event, u: DemoUnit, county) -> None:
        self.session.add(GateDecision(
            programme_id=self.programme_id, unit_code=county.code, gate="filing",
            decision=ev.data["decision"], decided_on=ev.on, decided_at=self.stamp,
            decided_by=PROVINCE_REVIEWER, reason=ev.data.get("reason", "")))

    def _archive(self, ev: Event, u: DemoUnit, county) -> None:
        kind = ArchiveKind(ev.data["kind"])
        label = ARCHIVE_LABELS[kind]
        path, sha = self._file(county.code, f"档案-{label}.txt", f"{county.name}总工会 {label}")
        self.session.add(ArchiveDocument(
            programme_id=self.programme_id, unit_code=county.code, kind=kind.value, path=path,
            sha256=sha, size_bytes=Path(path).stat().st_size, registered_on=ev.on,
            registered_at=self.stamp, registered_by=f"{county.name}总工会"))

    def _procurement(self, ev: Event, u: DemoUnit, county) -> None:
        provider = self._provider(county)
        candidates = f'[{{"name": "{provider.name}", "total": 88}}, {{"name": "某律师事务所", "total": 81}}]'
        self.session.add(ProviderSelection(
            programme_id=self.programme_id, unit_code=county.code, method="price_comparison",
            candidates_json=candidates, winner_provider_id=provider.id, decided_on=ev.on))
        self.session.add(Contract(
            programme_id=self.programme_id, unit_code=county.code, provider_id=provider.id,
            amount_fen=5_600_000, subsidy_fen=5_000_000, signed_on=ev.on, service_start=ev.on,
            service_end=dt.date(2027, 4, 30)))
        for name, role in (("陈律师", "团队负责人"), ("刘律师", "执业律师"), ("赵助理", "法律助理")):
            self.session.add(TeamMember(
                programme_id=self.programme_id, unit_code=county.code, provider_id=provider.id,
                name=name, role=role, recorded_on=ev.on))
        self.session.add(DutySchedule(
            programme_id=self.programme_id, unit_code=county.code, kind="fixed_weekdays",
            weekdays="2,4", set_on=ev.on))
        self.session.add(TaskListItem(
            programme_id=self.programme_id, unit_code=county.code, category="publicity",
            description="普法“五进”活动", target=u.publicity, refined_on=ev.on))

    def _provider(self, county) -> Provider:
        code = demo_credit_code(county.code)
        provider = self.session.exec(select(Provider).where(Provider.credit_code == code)).first()
        if provider is None:
            provider = Provider(name=f"{county.name}职工法律服务中心", credit_code=code)
            self.session.add(provider)
            self.session.flush()
        return provider

    def _ledger(self, ev: Event, u: DemoUnit, county) -> None:
        d = ev.data
        key = f"{county.code}|{d['category']}|{d['subtype']}|{d['seq']}"
        self.session.add(LedgerEntry(
            programme_id=self.programme_id, unit_code=county.code, category=d["category"],
            subtype=d["subtype"], occurred_on=ev.on, title=f"{county.name} 台账记录 {d['seq'] + 1}",
            fingerprint=hashlib.sha256(key.encode()).hexdigest(), source_file="（演示数据）",
            source_sheet=d["category"], source_row=d["seq"] + 2, imported_at=self.stamp))


def demo_credit_code(county_code: str) -> str:
    """A 统一社会信用代码 for a demo provider, with a valid GB 32100 check character."""
    body = f"52{county_code}MJ{county_code[-3:]}0{county_code[:3]}"[:17]
    return body + check_character(body)
