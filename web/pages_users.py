"""The province's account management: list, create (role and scope), disable, reset a password.

Through tasks/web_users (as `legalcap users …`), audited with the acting account. A new or reset password
is random and shown once on the page that made it; only its argon2 hash is stored.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Form, Request
from starlette.responses import Response

from models.db import session_scope
from models.errors import Refusal
from tasks import web_users
from web.permissions import viewer_of
from web.render import page


def _users(request: Request, status_code: int = 200, **context: object) -> Response:
    with session_scope(request.app.state.engine) as db:
        users = [{"username": u.username, "display_name": u.display_name, "role": u.role, "scope": u.scope,
                  "active": u.active, "last_login_at": u.last_login_at} for u in web_users.list_users(db)]
    return page(request, "province_users.html", "门户账号管理", status_code=status_code, users=users,
                **context)


def province_users(request: Request) -> Response:
    """Every account, with forms to add one, disable one or reset its password."""
    return _users(request)


def _act(request: Request, action: Callable[..., object], done: str, password: str | None = None
         ) -> Response:
    """Run one account change in a transaction; a refusal is shown on the page (nothing stored)."""
    try:
        with session_scope(request.app.state.engine) as db:
            action(db)
    except Refusal as refusal:
        return _users(request, 400, error="；".join(refusal.lines()))
    return _users(request, notice=done, password=password)


def province_user_add(request: Request, username: str = Form(""), display_name: str = Form(""),
                      role: str = Form(""), scope: str = Form("")) -> Response:
    """A new account with a random password shown once."""
    password, by, at = web_users.random_password(), viewer_of(request).username, request.state.now
    return _act(request, lambda db: web_users.add_user(
        db, username=username, display_name=display_name, role=role, scope=scope.strip() or None,
        password=password, at=at, by=by), f"已建立账号 {username.strip().lower()}", password)


def province_user_disable(request: Request, username: str) -> Response:
    """Refuse the account's logins and end its sessions."""
    if username == viewer_of(request).username:
        return _users(request, 400, error="不能停用自己正在使用的账号")
    by, at = viewer_of(request).username, request.state.now
    return _act(request, lambda db: web_users.disable_user(db, username, at=at, by=by),
                f"已停用账号 {username}")


def province_user_reset(request: Request, username: str) -> Response:
    """A new random password shown once; the account is unlocked and its sessions end."""
    password, by, at = web_users.random_password(), viewer_of(request).username, request.state.now
    return _act(request, lambda db: web_users.reset_password(db, username, password, at=at, by=by),
                f"已重设账号 {username} 的密码", password)


HANDLERS: dict[str, Callable[..., Response]] = {
    "province_users": province_users,
    "province_user_add": province_user_add,
    "province_user_disable": province_user_disable,
    "province_user_reset": province_user_reset,
}
