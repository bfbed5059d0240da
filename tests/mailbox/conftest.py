"""Mailbox fixtures: one real Dovecot for the session, and an empty mailbox (user) per test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.support.dovecot import DovecotServer, dovecot_server

_users = itertools.count(1)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotServer]:
    """Dovecot on 127.0.0.1 (skipped without the binary, failed instead when CI=true)."""
    with dovecot_server() as server:
        yield server


@pytest.fixture
def imap_user(dovecot: DovecotServer) -> str:
    """A user name never used before in this session: its INBOX is empty."""
    return f"ahghflb{next(_users)}"
