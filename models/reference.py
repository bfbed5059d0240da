"""Reference tables: cities and counties (GB/T 2260 codes) and the annual programme."""

import datetime as dt

from sqlmodel import Field, SQLModel


class City(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=6)
    name: str


class Unit(SQLModel, table=True):
    """A county/district union; it becomes an implementing unit when recommended."""

    code: str = Field(primary_key=True, max_length=6)
    name: str
    city_code: str = Field(foreign_key="city.code", index=True)


class Programme(SQLModel, table=True):
    """One annual programme with the configuration it was started with (pinned)."""

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(unique=True)
    name: str
    config_json: str
    config_hash: str = Field(max_length=64)
    config_source: str
    started_on: dt.date
    started_at: dt.datetime
    started_by: str
