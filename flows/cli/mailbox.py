"""报送邮箱命令：收取并登记邮件附件；列出待确认的邮件；为待确认邮件指定单位。"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from flows.cli.common import Format, Year, check_format, now

mailbox_app = typer.Typer(help="报送邮箱（收取邮件附件并自动登记、回执）", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(mailbox_app, name="mailbox")


@mailbox_app.command("fetch")
def mailbox_fetch(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只列出将如何处理，不做任何改动")] = False,
    year: Year = None,
) -> None:
    """收取报送邮箱：先保存每封邮件，再逐个附件登记并生成回执，最后移入已登记文件夹。"""
    from tasks.mailbox.service import run_fetch

    report = run_fetch(at=now(), year=year, dry_run=dry_run)
    if dry_run:
        typer.echo(f"报送邮箱中有 {report.listed} 封邮件（试运行，未做任何改动）：")
        for line in report.preview:
            typer.echo(f"  {line}")
        return
    typer.echo(report.summary().split("；另有")[0])
    if report.failed:
        typer.echo(f"另有 {len(report.failed)} 封处理出错，已保存，下次收取时重试（详见日志）", err=True)


@mailbox_app.command("held")
def mailbox_held(fmt: Format = "table") -> None:
    """列出待省总工会确认的邮件（发件人不在通讯录等）。"""
    check_format(fmt)
    from tasks.mailbox.service import held_messages

    rows = held_messages()
    if fmt == "json":
        typer.echo(json.dumps([{"id": r.id, "received_on": r.received_on.isoformat(), "sender": r.sender,
                                "subject": r.subject, "reason": r.held_reason, "sha256": r.sha256}
                               for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("没有待确认的邮件。")
        return
    typer.echo(f"待确认的邮件（{len(rows)} 封）：")
    for r in rows:
        typer.echo(f"  #{r.id}  {r.received_on}  {r.sender}  “{r.subject or '无主题'}”  {r.held_reason}")
    typer.echo("核实后用 legalcap mailbox assign 编号 --unit 单位代码 登记；垃圾邮件等用 "
               "legalcap mailbox dismiss 编号 --reason 原因 不予登记。")


@mailbox_app.command("assign")
def mailbox_assign(
    message: Annotated[str, typer.Argument(help="mailbox held 列出的编号")],
    unit: Annotated[str, typer.Option("--unit", help="县（区）工会代码，如 340123")],
    by: Annotated[str, typer.Option("--by", help="经办人")] = "省总工会",
    year: Year = None,
) -> None:
    """为待确认的邮件指定单位并立即登记其附件（回执发往该单位）。"""
    from tasks.mailbox.service import assign_message

    p = assign_message(message, unit.strip(), at=now(), by=by, year=year)
    typer.echo(f"已指定单位 {unit}：附件 {p.files} 个，已登记 {p.registered}，未能登记 {p.refused}，"
               f"重复 {p.duplicate}，仍待确认 {p.held}")


@mailbox_app.command("dismiss")
def mailbox_dismiss(
    message: Annotated[str, typer.Argument(help="mailbox held 列出的编号")],
    reason: Annotated[str, typer.Option("--reason", help="不予登记的原因，如：垃圾邮件、与项目无关")],
    by: Annotated[str, typer.Option("--by", help="经办人")] = "省总工会",
) -> None:
    """待确认的邮件不予登记（垃圾邮件、与项目无关的来信）：不发回执，下次收取时移入已登记文件夹。"""
    from tasks.mailbox.service import dismiss_message

    row = dismiss_message(message, reason, at=now(), by=by)
    who, subject = row.sender or "无发件人", row.subject or "无主题"
    typer.echo(f"邮件 #{row.id}（{who}，“{subject}”）不予登记：{' '.join(reason.split())}")
