"""通讯录命令：导入、列出报送邮件的发件人（县区工会、市总工会、省总工会）。"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from flows.cli.common import Format, check_format, now

contacts_app = typer.Typer(help="通讯录（报送邮件的发件人）", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(contacts_app, name="contacts")


@contacts_app.command("import")
def contacts_import(
    file: Annotated[Path, typer.Argument(help="通讯录（.xlsx 或 .csv），表头：邮箱、姓名、类别、单位")],
    by: Annotated[str, typer.Option("--by", help="经办人")] = "省总工会",
) -> None:
    """导入通讯录：逐行校验（一次列出全部问题）；同一邮箱再次导入时更新。"""
    from tasks.mailbox.service import import_contacts

    added, updated = import_contacts(file, at=now(), by=by)
    typer.echo(f"通讯录已导入：新增 {added} 个，更新 {updated} 个（{file.name}）")


@contacts_app.command("list")
def contacts_list(fmt: Format = "table") -> None:
    """列出通讯录。"""
    check_format(fmt)
    from models.mailbox import CONTACT_ROLE_LABELS, ContactRole
    from tasks.mailbox.service import contacts

    rows = contacts()
    if fmt == "json":
        typer.echo(json.dumps([{"address": c.address, "name": c.name, "role": c.role, "code": c.code,
                                "source": c.source} for c in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("通讯录为空：请用 legalcap contacts import 导入。")
        return
    for c in rows:
        typer.echo(f"  {c.address}  {c.name}  {CONTACT_ROLE_LABELS[ContactRole(c.role)]}  {c.code}")
