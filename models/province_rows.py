"""The province table's last computed rows, one row per programme (web/province_cache serves them)."""

import datetime as dt

from sqlmodel import Field, SQLModel


class ProvinceTableRows(SQLModel, table=True):
    """The rows of the province's table of every unit as of `day`, computed at `computed_at` (UTC) on
    data whose fingerprint (max ids of ledger, audit and outbox rows) was `fingerprint`."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", unique=True)
    day: dt.date
    computed_at: dt.datetime
    fingerprint: str = Field(max_length=100)
    rows_json: str
