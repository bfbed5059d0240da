"""The year simulation: virtual days through the real tick code, with a progress bar."""

import datetime as dt
from collections import defaultdict

from prefect import flow
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlmodel import func, select

from config.loader import default_config_path, load_programme_config
from config.settings import get_settings
from flows.console import console as make_console
from flows.console import status_table
from flows.tick import daily_tick
from models.db import session_scope
from models.enums import NotificationStatus
from models.tables import Notification
from notifications.routes import routes_from_settings
from tasks.context import load_programme
from tasks.demo.by_mail import MailingDemoWriter
from tasks.demo.contacts import register_demo_contacts
from tasks.demo.mail import MAILDIR, ensure_maildir
from tasks.demo.reset import DEMO_ACTOR, refuse_real_programme, reset_demo
from tasks.demo.scenario import demo_events
from tasks.demo.staging import demo_lock, demo_mailbox, promote, staged_home
from tasks.packets.build import build_packets
from tasks.packets.check import announce_build, default_folder
from tasks.programme import start_programme
from tasks.runtime import engine_for, get_engine
from tasks.sending import send_due
from tasks.services.status import status_for
from tasks.tick import INLINE, run_tick
from tasks.tick_steps import run_inline


def milestones(cfg, calendar) -> set[dt.date]:
    """Days on which the real Prefect daily_tick flow runs (the others run the same run_tick inline)."""
    due = cfg.deadlines.recommendation
    return {
        calendar.next_workday(due),
        calendar.workday_on_or_after(cfg.phases.implementation.start),
        calendar.next_workday(cfg.deadlines.preparation_gate),
        calendar.workday_on_or_after(cfg.phases.evaluation.start),
    }


@flow(name="simulate-year", flow_run_name="simulate-{first}-{last}")
def simulate_year(first: dt.date, last: dt.date, at: dt.datetime) -> dict:
    """Seed the demo programme and run every day from first to last through the tick; the units' mail goes
    to the demo's own Maildir, which the tick fetches (a real mailbox in the environment is never read)."""
    maildir = ensure_maildir(get_settings().home_dir / "demo-files" / MAILDIR)
    with demo_mailbox(maildir):
        return _simulate(first, last, at)


def _simulate(first: dt.date, last: dt.date, at: dt.datetime) -> dict:
    console = make_console()
    engine = get_engine()
    cfg = load_programme_config(default_config_path(2026))
    with session_scope(engine) as session:
        start_programme(session, cfg, source="config/programme-2026.yaml", at=at, by=DEMO_ACTOR)
        register_demo_contacts(session, get_settings().home_dir / "demo-files", at)
    ref = load_programme(engine, cfg.year)
    cal = ref.calendar
    events = defaultdict(list)
    for ev in demo_events(cal, cfg.phases.implementation.start, cfg.phases.implementation.end):
        events[ev.on].append(ev)
    real_days = milestones(cfg, cal)
    files_dir = get_settings().home_dir / "demo-files"
    days = [first + dt.timedelta(n) for n in range((last - first).days + 1)]
    flow_runs = 0
    with _progress(console) as progress:
        bar = progress.add_task("模拟", total=len(days), day="")
        for day in days:
            _apply_events(engine, ref, files_dir, events.get(day, []))
            if day in real_days:
                daily_tick(as_of=day, year=cfg.year)
                flow_runs += 1
            else:  # the same composition without Prefect's per-run overhead (INLINE: no backup, no artifact)
                run_tick(engine, ref, day, run_inline, INLINE)
            progress.update(bar, advance=1, day=day.isoformat())
    window = cfg.phases.implementation
    midyear = window.start + (window.end - window.start) / 2
    for day in sorted({d for d in (midyear, last) if first <= d <= last}):
        doc = status_for(engine, ref, day)
        console.print(status_table(doc))
    packets, index = _final_packets(engine, ref, last)
    return {"days": len(days), "tick_flow_runs": flow_runs, "packets": packets, "index": index,
            "last": last.isoformat()}


def _final_packets(engine, ref, last: dt.date) -> tuple[int, str | None]:
    """The demo ends as evaluation does: every unit's packet rebuilt with what arrived in May.

    Returns the number of units and the index page's path relative to the home.
    """
    if last < ref.cfg.phases.evaluation.start:
        return 0, None
    report = build_packets(engine, ref, last, default_folder(ref.year))
    at = dt.datetime.combine(last, dt.time(18, 0), dt.UTC)
    with session_scope(engine) as session:
        announce_build(session, ref, report, at=at, by=DEMO_ACTOR)
    send_due(engine, routes_from_settings(), ref.cfg.outbox, year=ref.year, now=at)  # the evaluators are told
    return len(report.units), str(report.index.resolve().relative_to(get_settings().home_dir))


def _apply_events(engine, ref, files_dir, todays) -> None:
    if not todays:
        return
    stamp = dt.datetime.combine(todays[0].on, dt.time(9, 0), dt.UTC)
    with session_scope(engine) as session:
        writer = MailingDemoWriter(session, ref, files_dir, stamp)  # the unions hand in by e-mail
        for ev in todays:
            writer.apply(ev)


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]虚拟时间[/bold] {task.fields[day]}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("天"), TimeElapsedColumn(), console=console, transient=False,
    )


def _print_summary(console: Console, engine, result: dict) -> None:
    """The packets and the outbox, named where they are once the demo is in place."""
    if result["index"]:
        console.print(f"评估材料：{result['packets']} 个实施单位（数据截至 {result['last']}），"
                      f"汇总页面 {get_settings().home_dir / result['index']}")
    _print_outbox(console, engine)


def _print_outbox(console: Console, engine) -> None:
    with session_scope(engine) as session:
        rows = session.exec(select(Notification.rule, func.count()).group_by(Notification.rule)).all()
        states = dict(session.exec(
            select(Notification.status, func.count()).group_by(Notification.status)).all())
    total = sum(n for _, n in rows)
    detail = "，".join(f"{rule} {n}" for rule, n in sorted(rows))
    sent, pending, failed = (states.get(s, 0) for s in (NotificationStatus.sent, NotificationStatus.pending,
                                                         NotificationStatus.failed))
    console.print(f"发件箱共 {total} 条提醒（{detail}）；已送达 {sent} 条，"
                  f"待发 {pending} 条，失败 {failed} 条。")
    console.print(f"送达记录（演示渠道 outbox://）：{get_settings().outbox_dir}")


def run_demo(first: dt.date, last: dt.date, *, at: dt.datetime) -> dict:
    """Simulate in a staging folder (SQLite) and replace the previous demo only when finished."""
    settings = get_settings()
    if settings.database_url:
        return _run_in_place(first, last, at)
    home = settings.home_dir
    with session_scope(get_engine()) as session:  # before any work: never over a real programme
        refuse_real_programme(session)
    with demo_lock(home), staged_home(home) as staging:
        result = simulate_year(first=first, last=last, at=at)
        _close_engines(get_settings().db_url, settings.db_url)
        promote(staging, home)
    _print_summary(make_console(), get_engine(), result)
    _print_accounts(at)
    return result


def _print_accounts(at: dt.datetime) -> None:
    """One portal account per role with a new password, printed once (tasks/demo/accounts)."""
    from tasks.demo.accounts import account_lines, demo_accounts

    for line in account_lines(demo_accounts(get_engine(), at)):
        make_console().print(line, highlight=False)


def _close_engines(*urls: str) -> None:
    """Close the staged and the home database before the swap; later commands open them afresh."""
    for url in urls:
        engine_for(url).dispose()
    engine_for.cache_clear()


def _run_in_place(first: dt.date, last: dt.date, at: dt.datetime) -> dict:
    """PostgreSQL: clear the previous demo (only once it is known to be a demo), then simulate."""
    with session_scope(get_engine()) as session:
        reset_demo(session)
    for old in get_settings().outbox_dir.glob("*.jsonl"):  # the previous demo's deliveries
        old.unlink()
    result = simulate_year(first=first, last=last, at=at)
    _print_summary(make_console(), get_engine(), result)
    _print_accounts(at)
    return result
