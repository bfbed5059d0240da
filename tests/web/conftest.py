"""Portal fixtures: a cheap argon2 for speed (still argon2id), accounts of every role, the app's client."""

from __future__ import annotations

import pytest
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from tasks import web_users

CHEAP = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=8 * 1024, parallelism=1),))


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests hash many passwords: the same algorithm at a lower cost."""
    monkeypatch.setattr(web_users, "password_hasher", lambda: CHEAP)
