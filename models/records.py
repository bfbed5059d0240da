"""Cross-cutting tables: the notification outbox and the audit trail."""

import datetime as dt

from sqlmodel import Field, SQLModel

from models.enums import NotificationStatus


class Notification(SQLModel, table=True):
    """Outbox row: written before anything is sent; the idempotency key makes it once-only."""

    id: int | None = Field(default=None, primary_key=True)
    idempotency_key: str = Field(unique=True, max_length=255)
    programme_id: int | None = Field(default=None, foreign_key="programme.id", index=True)
    rule: str = Field(index=True)
    subject: str = Field(index=True)
    rung: int = 0
    period: str = ""
    audience: str = Field(index=True,
                          description="Apprise tag: province, city-340100, unit-340123, evaluator")
    channel: str = ""
    urgent: bool = False
    title: str
    body: str
    status: str = Field(default=NotificationStatus.pending.value, index=True)
    attempts: int = 0
    last_error: str = ""
    results_json: str = Field(default="{}", description="per target (Apprise url_id): name, url, ok, error")
    created_on: dt.date = Field(index=True)
    next_attempt_at: dt.datetime | None = None
    sent_at: dt.datetime | None = None
    claim_token: str | None = Field(default=None, index=True, max_length=32,
                                    description="the dispatcher run sending this row (none when unclaimed)")
    claim_expires_at: dt.datetime | None = Field(default=None, description="real time the claim lapses")
    attachments_json: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"},
                                  description="files to attach: path under home, name, sha256, bytes")
    to_address: str = Field(default="", sa_column_kwargs={"server_default": ""},
                            description="e-mail address a mailbox receipt goes to ('' = audience's routes)")


class AuditEvent(SQLModel, table=True):
    """Who did what, when, with which evidence (file hash, row)."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int | None = Field(default=None, foreign_key="programme.id", index=True)
    at: dt.datetime
    on_date: dt.date
    actor: str
    action: str = Field(index=True)
    subject: str = ""
    details_json: str = "{}"
