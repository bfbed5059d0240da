"""The session signer derives its key once per process and signs exactly as itsdangerous' own signer."""

from __future__ import annotations

import pytest
from itsdangerous import BadSignature, Signer, URLSafeSerializer

from web import security

KEY = "k" * 40


def test_same_cookies_as_itsdangerous() -> None:
    plain = URLSafeSerializer(KEY, salt="legalcap-web-session")
    kept = security.serializer(KEY)
    data = {"u": 1, "e": 0, "c": "csrf", "i": 10, "s": 20}
    assert kept.dumps(data) == plain.dumps(data)
    assert kept.loads(plain.dumps(data)) == data


def test_tampered_or_other_key_rejected() -> None:
    cookie = security.serializer(KEY).dumps({"u": 1})
    with pytest.raises(BadSignature):
        security.serializer(KEY).loads(cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB"))
    with pytest.raises(BadSignature):
        security.serializer("o" * 40).loads(cookie)


def test_key_derived_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []
    derive = Signer.derive_key

    def counted(self: Signer, secret_key: str | bytes | None = None) -> bytes:
        calls.append(b"")
        return derive(self, secret_key)

    monkeypatch.setattr(Signer, "derive_key", counted)
    monkeypatch.setattr(security, "DERIVED", {})
    signer = security.serializer(KEY)
    for n in range(5):
        assert signer.loads(signer.dumps({"n": n})) == {"n": n}
    assert len(calls) == 1
