"""The daily tick builds the evaluation packets on the evaluation phase's first working day, once."""

from __future__ import annotations

from sqlmodel import func, select

from models.db import session_scope
from models.tables import AuditEvent, Notification
from tasks.context import load_programme
from tests.support.demo import feixi_through_the_gate


def _packets_result(report):
    return next(r for r in report.results if r.name == "packets")


def _artifact_markdown(key: str) -> str | None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))
    return found[0].data if found else None


def test_the_first_evaluation_day_builds_every_packet_tells_the_evaluators_and_publishes_an_artifact(
    started_programme, flow_db, tmp_path
):
    from flows.tick import daily_tick

    ref = load_programme(flow_db, 2026)
    feixi_through_the_gate(flow_db, ref, tmp_path / "files")
    first = ref.calendar.workday_on_or_after(ref.cfg.phases.evaluation.start)

    report = daily_tick(as_of=first, year=2026)

    index = tmp_path / "home" / "packets" / "2026" / "index.html"
    assert index.is_file() and (index.parent / "340123" / "manifest.json").is_file()
    assert str(index) in "；".join(_packets_result(report).notes)
    with session_scope(flow_db) as session:
        [ready] = session.exec(select(Notification).where(Notification.rule == "packets_ready")).all()
    assert ready.audience == "evaluator" and "1 个实施单位" in ready.body
    assert str(tmp_path) not in ready.body and "index.html" in ready.body  # never a server path (issue 13)
    markdown = _artifact_markdown("evaluation-packets")
    assert markdown is not None and "340123/index.html" in markdown


def test_later_ticks_do_not_build_again(started_programme, flow_db, tmp_path):
    from flows.tick import daily_tick

    ref = load_programme(flow_db, 2026)
    feixi_through_the_gate(flow_db, ref, tmp_path / "files")
    first = ref.calendar.workday_on_or_after(ref.cfg.phases.evaluation.start)
    daily_tick(as_of=first, year=2026)
    later = daily_tick(as_of=ref.calendar.next_workday(first), year=2026)

    assert _packets_result(later).findings == 0
    with session_scope(flow_db) as session:
        builds = session.exec(select(func.count()).select_from(AuditEvent)
                              .where(AuditEvent.action == "packets.built")).one()
        messages = session.exec(select(func.count()).select_from(Notification)
                                .where(Notification.rule == "packets_ready")).one()
    assert (builds, messages) == (1, 1)


def test_a_folder_holding_other_files_is_left_alone_and_the_build_is_retried_next_tick(
    started_programme, flow_db, tmp_path
):
    from flows.tick import daily_tick

    ref = load_programme(flow_db, 2026)
    feixi_through_the_gate(flow_db, ref, tmp_path / "files")
    first = ref.calendar.workday_on_or_after(ref.cfg.phases.evaluation.start)
    folder = tmp_path / "home" / "packets" / "2026"
    folder.mkdir(parents=True)
    (folder / "别人的文件.txt").write_text("留着", encoding="utf-8")

    refused = daily_tick(as_of=first, year=2026)
    assert "评估材料未生成" in "；".join(_packets_result(refused).notes)
    assert [p.name for p in folder.iterdir()] == ["别人的文件.txt"]

    (folder / "别人的文件.txt").unlink()
    retried = daily_tick(as_of=ref.calendar.next_workday(first), year=2026)
    assert _packets_result(retried).findings == 1 and (folder / "index.html").is_file()


def test_the_packets_are_built_again_once_the_reports_are_due(started_programme, flow_db, tmp_path):
    from flows.tick import daily_tick

    ref = load_programme(flow_db, 2026)
    feixi_through_the_gate(flow_db, ref, tmp_path / "files")
    cal = ref.calendar
    daily_tick(as_of=cal.workday_on_or_after(ref.cfg.phases.evaluation.start), year=2026)
    after_deadline = cal.next_workday(ref.cfg.deadlines.summary_submission)
    again = daily_tick(as_of=after_deadline, year=2026)
    later = daily_tick(as_of=cal.next_workday(after_deadline), year=2026)

    assert (_packets_result(again).findings, _packets_result(later).findings) == (1, 0)
    with session_scope(flow_db) as session:
        rounds = session.exec(select(AuditEvent.subject).where(AuditEvent.action == "packets.built")
                              .order_by(AuditEvent.id)).all()
        messages = session.exec(select(func.count()).select_from(Notification)
                                .where(Notification.rule == "packets_ready")).one()
    assert (rounds, messages) == (["opening", "reports_due"], 2)
