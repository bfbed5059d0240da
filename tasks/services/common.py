"""What the services share: a file as it arrived, and the year's programme with one database session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlmodel import Session

from config.settings import get_settings
from models.db import session_scope
from tasks.context import ProgrammeRef, load_programme
from tasks.files import readable_file, sha256_file
from tasks.runtime import get_engine
from tasks.submissions import Received

Kind = TypeVar("Kind")


def received(file: Path, on: dt.date, at: dt.datetime, by: str) -> Received:
    """The file as it arrived: readable, hashed, dated."""
    path = readable_file(file)
    return Received(path, sha256_file(path), on, at, by)


def received_as(check: Callable[[Path, str, list[Path]], tuple[Kind, Path]], file: Path, kind_text: str,
                on: dt.date, at: dt.datetime, by: str) -> tuple[Kind, Received]:
    """A document of a named kind, checked (kind, file, allowed folders) by `check`, hashed and dated."""
    kind, path = check(file, kind_text, get_settings().allowed_archive_roots())
    return kind, Received(path, sha256_file(path), on, at, by)


@contextmanager
def programme_session(year: int | None) -> Iterator[tuple[Session, ProgrammeRef]]:
    """The programme of the year (the newest when None), then a session committed on success."""
    engine = get_engine()
    ref = load_programme(engine, year)
    with session_scope(engine) as session:
        yield session, ref
