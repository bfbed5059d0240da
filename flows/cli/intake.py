"""登记收到的材料：自动识别类别与所属单位，交由对应的导入办理，逐个给出回执。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flows.cli.common import Year, now
from flows.cli.received import ReceivedOn, received_day
from models.intake import Receipt

Files = Annotated[list[Path], typer.Argument(help="收到的文件（可多个）")]
Sender = Annotated[str | None, typer.Option("--from", help="发件人邮箱（可选）")]
Subject = Annotated[str, typer.Option("--subject", help="邮件主题（可选，用于识别材料类别）")]
Unit = Annotated[str | None, typer.Option(
    "--unit", help="所属实施单位（县区）6 位代码：文件中未写明单位时使用（如工作总结、采购档案）")]
By = Annotated[str, typer.Option("--by", help="经办人")]
Kind = Annotated[str, typer.Option(
    "--kind", help="材料类别（用于待确认的文件）：如 工作总结、成果报告、中标公示、服务合同；不填则自动识别")]


def register(app: typer.Typer) -> None:
    app.command("intake")(intake)


def intake(files: Files, sender: Sender = None, on: ReceivedOn = None, subject: Subject = "",
           unit: Unit = None, kind: Kind = "", by: By = "省总工会权益保障部", year: Year = None) -> None:
    """登记收到的材料：推荐表、工作方案、遴选材料、工作台账、经费支出、工作总结、成果报告、采购档案。

    按文件内容识别类别（工作表与表头、文档标题），其次按文件名和邮件主题；单位取自文件内容，
    其次取 --unit。无法识别的文件列为待确认，不登记（确认后用 --kind、--unit 再次登记）；
    有文件未能登记时退出码为 2。
    """
    from models.intake import ReceivedFile
    from tasks.intake import intake as take

    day, at = received_day(on), now()
    receipts = [take(ReceivedFile(name=f.name, path=f, received_on=day, registered_at=at, registered_by=by,
                                  sender=sender, subject=subject, unit_hint=unit, kind=kind), year=year)
                for f in files]
    for receipt in receipts:
        typer.echo("\n".join(receipt.lines(command_line=True)))
        if receipt.rejects:
            typer.echo(f"问题行已写入：{receipt.rejects}")
    _tally(receipts)


def _tally(receipts: list[Receipt]) -> None:
    """The count of each outcome, the held files by name; exit 2 when a file was refused."""
    held = [r for r in receipts if r.held]
    refused = [r for r in receipts if r.refused]
    typer.echo(f"共 {len(receipts)} 个文件：已登记 {len(receipts) - len(held) - len(refused)} 个，"
               f"未能登记 {len(refused)} 个，待确认 {len(held)} 个")
    if held:
        typer.echo("待确认（未登记）：" + "、".join(r.file for r in held)
                   + "。请用 --kind 指明材料类别、--unit 指明单位后再次登记")
    if refused:
        raise typer.Exit(2)
