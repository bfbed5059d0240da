"""The e-mail route to an exact address: configured without a secret, the URL built only in memory."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from config.settings import Settings
from config.yaml_files import ConfigError
from notifications.direct_mail import mail_route, mail_route_from_settings

URL = "mailtos://ahghflb@163.com"
SECRET = "Ab/c:d@e%f g"


def test_not_configured_means_no_route() -> None:
    assert mail_route(None) is None and mail_route("  ") is None
    assert mail_route_from_settings(Settings(smtp_url=None)) is None


def test_the_url_to_an_address_carries_to_and_the_password_quoted_in_memory_only() -> None:
    route = mail_route(URL + "?smtp=smtp.163.com&to=someone@else.cn", SECRET)
    assert route is not None
    built = urlsplit(route.url_to("clerk@qq.com"))
    assert parse_qs(built.query)["to"] == ["clerk@qq.com"]      # the configured to= is replaced
    assert parse_qs(built.query)["smtp"] == ["smtp.163.com"]
    assert parse_qs(built.query)["+Auto-Submitted"] == ["auto-replied"]
    service = route.service_to("clerk@qq.com")
    assert service.password == SECRET and service.targets == [(False, "clerk@qq.com")]
    assert SECRET not in repr(route) and SECRET not in route.url
    assert "Ab" not in service.url(privacy=True).split("@")[0]


def test_163_is_recognised_from_the_address_alone() -> None:
    route = mail_route(URL, SECRET)
    assert route is not None
    service = route.service_to("clerk@qq.com")
    assert (service.smtp_host, service.port, service.user) == ("smtp.163.com", 465, "ahghflb@163.com")


@pytest.mark.parametrize(("url", "password", "said"), [
    ("mailtos://ahghflb:secret@163.com", "x", "不能包含密码"),
    ("mailtos://ahghflb@163.com?pass=secret", "x", "不能包含密码"),
    ("https://ahghflb@163.com", "x", "格式不正确"),
    ("mailtos://163.com", "x", "格式不正确"),
    ("mailtos://ahghflb@163.com:notaport", "x", "格式不正确"),
    (URL, "", "LEGALCAP_SMTP_PASSWORD"),
])
def test_a_bad_setting_is_refused_in_chinese_without_echoing_the_secret(url, password, said) -> None:
    with pytest.raises(ConfigError, match=said) as caught:
        mail_route(url, password)
    assert "secret" not in str(caught.value)


def test_the_password_comes_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("LEGALCAP_SMTP_URL", URL)
    monkeypatch.setenv("LEGALCAP_SMTP_PASSWORD", SECRET)
    route = mail_route_from_settings(Settings())
    assert route is not None and route.password == SECRET and route.url == URL
