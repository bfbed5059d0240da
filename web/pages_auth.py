"""Login, logout, change of password, and / (each role's home)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Form, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from models.db import session_scope
from models.errors import Refusal
from models.web_rules import Role, safe_next
from tasks.web_users import authenticate, change_password, find_user
from web.permissions import Viewer, viewer_of
from web.render import page
from web.security import new_session

EXPIRED = "登录已超时，请重新登录"


def home_path(viewer: Viewer) -> str:
    """Where each role starts: a county its unit page, the others their role's page."""
    if viewer.role is Role.unit:
        return f"/units/{viewer.scope}"
    return {Role.city: "/city", Role.province: "/province", Role.evaluator: "/evaluator"}[viewer.role]


def login_form(request: Request, expired: int = 0, back: str = Query("", alias="next")) -> Response:
    return page(request, "login.html", "登录", notice=EXPIRED if expired else "", username="",
                next=safe_next(back))


def login(request: Request, username: str = Form(""), password: str = Form(""),
          back: str = Form("", alias="next")) -> Response:
    app = request.app.state
    address = request.client.host if request.client else "unknown"
    with session_scope(app.engine) as db:
        result = authenticate(db, username, password, address, at=request.state.now, policy=app.lockout)
        if result.user is None:
            status = 429 if "锁定" in result.reason or "过多" in result.reason else 401
            return page(request, "login.html", "登录", status_code=status, error=result.reason,
                        username=username[:64], next=safe_next(back))
        user = result.user
        request.state.session = new_session(request.state.now, user.id, user.session_epoch)
        viewer = Viewer(user.id or 0, user.username, user.display_name, Role(user.role), user.scope)
    return RedirectResponse(safe_next(back) or home_path(viewer), status_code=303)


def logout(request: Request) -> Response:
    request.state.session = new_session(request.state.now)
    return RedirectResponse("/login", status_code=303)


def home(request: Request) -> Response:
    return RedirectResponse(home_path(viewer_of(request)), status_code=303)


def password_form(request: Request) -> Response:
    return page(request, "password.html", "修改密码")


def password_change(request: Request, old_password: str = Form(""), new_password: str = Form(""),
                    new_password2: str = Form("")) -> Response:
    if new_password != new_password2:
        return page(request, "password.html", "修改密码", status_code=400, error="两次输入的新密码不一致")
    try:
        epoch = _change(request, old_password, new_password)
    except Refusal as refusal:
        return page(request, "password.html", "修改密码", status_code=400, error="；".join(refusal.lines()))
    request.state.session = new_session(request.state.now, viewer_of(request).id, epoch)
    return page(request, "password.html", "修改密码", done=True)


def _change(request: Request, old: str, new: str) -> int:
    """Change the viewer's password; its new session epoch (other sessions end)."""
    with session_scope(request.app.state.engine) as db:
        user = find_user(db, viewer_of(request).username)
        assert user is not None  # authorize loaded it a moment ago
        change_password(db, user, old, new, at=request.state.now)
        return user.session_epoch


HANDLERS: dict[str, Callable[..., Response]] = {
    "login_form": login_form,
    "login": login,
    "logout": logout,
    "home": home,
    "password_form": password_form,
    "password_change": password_change,
}
