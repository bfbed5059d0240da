"""门户账号命令：users add / list / disable / reset-password（密码只以 argon2 散列保存，从不显示）。"""

from __future__ import annotations

import getpass
import sys
from typing import Annotated

import typer

from flows.cli.common import Format, UserError, check_format, now

users_app = typer.Typer(help="门户（legalcap web）账号管理", no_args_is_help=True)
COLUMNS = ("用户名", "姓名/单位", "角色", "范围", "状态", "创建", "最近登录")
PasswordStdin = Annotated[bool, typer.Option(
    "--password-stdin", help="从标准输入读取密码（一行），用于脚本；默认在终端提示输入两次（不回显）")]
By = Annotated[str, typer.Option("--by", help="操作人（记入审计）")]


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")


def read_password(from_stdin: bool) -> str:
    """The new password: one line of stdin, or typed twice at a hidden prompt."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("新密码（至少 10 位，不能全是数字）：")
    if getpass.getpass("再次输入新密码：") != first:
        raise UserError("两次输入的密码不一致，账号未改动")
    return first


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="用户名（小写字母、数字、点、短横线、下划线）")],
    role: Annotated[str, typer.Option("--role", help="province 省总工会、city 市总工会、unit 县区工会、"
                                                       "evaluator 评估组")],
    name: Annotated[str, typer.Option("--name", help="姓名或单位名称（页面上显示）")],
    scope: Annotated[str | None, typer.Option(
        "--scope", help="范围：县区账号 unit-340123，市账号 city-340100；省与评估组不填")] = None,
    password_stdin: PasswordStdin = False,
    by: By = "命令行",
) -> None:
    """新建门户账号（首个省总工会账号只能这样建立；没有默认密码）。"""
    from models.db import session_scope
    from tasks.runtime import get_engine
    from tasks.web_users import add_user

    password = read_password(password_stdin)
    with session_scope(get_engine()) as session:
        user = add_user(session, username=username, display_name=name, role=role, scope=scope,
                        password=password, at=now(), by=by)
        typer.echo(f"已建立账号 {user.username}（{_role_text(user.role, user.scope)}，{user.display_name}）")


@users_app.command("list")
def users_list(fmt: Format = "table") -> None:
    """全部门户账号（不显示密码）。"""
    from flows.console import print_records, records_table
    from models.db import session_scope
    from tasks.runtime import get_engine
    from tasks.web_users import list_users

    check_format(fmt)
    with session_scope(get_engine()) as session:
        rows = [_row(u) for u in list_users(session)]
    print_records(fmt, {"users": rows}, rows, "尚无门户账号（用 legalcap users add 建立）",
                  lambda: records_table("门户账号", COLUMNS, map(_cells, rows)))


@users_app.command("disable")
def users_disable(username: Annotated[str, typer.Argument(help="用户名")], by: By = "命令行") -> None:
    """停用账号：不能再登录，已登录的会话立即失效。"""
    from models.db import session_scope
    from tasks.runtime import get_engine
    from tasks.web_users import disable_user

    with session_scope(get_engine()) as session:
        user = disable_user(session, username, at=now(), by=by)
        typer.echo(f"已停用账号 {user.username}")


@users_app.command("reset-password")
def users_reset_password(username: Annotated[str, typer.Argument(help="用户名")],
                         password_stdin: PasswordStdin = False, by: By = "命令行") -> None:
    """重设密码（同时解除锁定，已登录的会话失效）。"""
    from models.db import session_scope
    from tasks.runtime import get_engine
    from tasks.web_users import reset_password

    password = read_password(password_stdin)
    with session_scope(get_engine()) as session:
        user = reset_password(session, username, password, at=now(), by=by)
        typer.echo(f"已重设账号 {user.username} 的密码")


def _role_text(role: str, scope: str | None) -> str:
    from models.web_rules import ROLE_LABELS, Role

    return ROLE_LABELS[Role(role)] + (f" {scope}" if scope else "")


def _row(user) -> dict:
    return {"username": user.username, "display_name": user.display_name, "role": user.role,
            "scope": user.scope, "active": user.active,
            "created_at": user.created_at.isoformat(timespec="seconds"), "created_by": user.created_by,
            "last_login_at": user.last_login_at.isoformat(timespec="seconds") if user.last_login_at else None}


def _cells(r: dict) -> tuple[str, ...]:
    state = "正常" if r["active"] else "已停用"
    return (r["username"], r["display_name"], _role_text(r["role"], None), r["scope"] or "—", state,
            f"{r['created_at'][:10]} {r['created_by']}", (r["last_login_at"] or "—")[:16])
