"""Portal accounts and login attempts: who may sign in to `legalcap web`, with which role and scope."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel


class WebUser(SQLModel, table=True):
    """One person's portal account; the password is kept only as an argon2 hash."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=64, description="login name, lower case")
    display_name: str = Field(description="姓名或单位名称，页面上显示")
    role: str = Field(index=True, description="province, city, unit or evaluator")
    scope: str | None = Field(default=None, max_length=6, index=True,
                              description="division code: the county (unit) or the city; none otherwise")
    password_hash: str = Field(description="argon2 (PHC string), never the password")
    active: bool = True
    failed_attempts: int = Field(default=0, description="consecutive failed logins")
    locked_until: dt.datetime | None = None
    session_epoch: int = Field(default=0, description="raised on reset or disable: older sessions end")
    created_at: dt.datetime
    created_by: str
    last_login_at: dt.datetime | None = None


class WebLoginAttempt(SQLModel, table=True):
    """One login attempt from an address (for the per-address limit and the audit)."""

    id: int | None = Field(default=None, primary_key=True)
    address: str = Field(index=True, max_length=64, description="client IP address")
    username: str = Field(max_length=64, description="the name typed, lower case")
    at: dt.datetime = Field(index=True)
    succeeded: bool = False
