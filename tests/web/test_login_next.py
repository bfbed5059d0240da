"""After login the visitor lands on the page that sent her to the login page (a link in a message), never
on another site: next= is a path on this portal or ignored."""

from __future__ import annotations

import pytest

from models.web_rules import safe_next
from tests.web.conftest import PASSWORD, Portal, csrf_of

PACKET_INDEX = "/evaluator/packets/index.html"


@pytest.mark.parametrize(("value", "kept"), [
    ("/evaluator/packets/2026/index.html", True), ("/units/340123?receipts=1", True),
    ("//evil.example/x", False), ("https://evil.example/", False), ("/\\evil.example", False),
    ("evil", False), ("/login", False), ("/logout?x=1", False), ("/", False), ("/a\r\nSet-Cookie: x", False),
    ("/" + "a" * 1200, False), ("", False),
])
def test_only_a_path_on_this_portal_is_kept(value: str, kept: bool) -> None:
    assert safe_next(value) == (value if kept else "")


def test_a_link_opened_before_login_is_where_the_login_lands(portal: Portal) -> None:
    client = portal.client()
    sent = client.get(PACKET_INDEX)
    login = "/login?next=%2Fevaluator%2Fpackets%2Findex.html"
    assert (sent.status_code, sent.headers["location"]) == (303, login)
    form = client.get(sent.headers["location"]).text
    assert f'name="next" value="{PACKET_INDEX}"' in form
    token = csrf_of(client, sent.headers["location"])
    done = client.post("/login", data={"csrf_token": token, "username": "eval", "password": PASSWORD,
                                       "next": PACKET_INDEX})
    assert (done.status_code, done.headers["location"]) == (303, PACKET_INDEX)


def test_a_wrong_password_keeps_the_page_to_come_back_to(portal: Portal) -> None:
    client = portal.client()
    token = csrf_of(client, "/login")
    wrong = client.post("/login", data={"csrf_token": token, "username": "eval", "password": "x" * 12,
                                        "next": PACKET_INDEX})
    assert wrong.status_code == 401 and f'name="next" value="{PACKET_INDEX}"' in wrong.text


def test_another_site_in_next_is_ignored(portal: Portal) -> None:
    client = portal.client()
    assert 'name="next"' not in client.get("/login?next=//evil.example/").text
    token = csrf_of(client, "/login")
    done = client.post("/login", data={"csrf_token": token, "username": "eval", "password": PASSWORD,
                                       "next": "https://evil.example/"})
    assert (done.status_code, done.headers["location"]) == (303, "/evaluator")
