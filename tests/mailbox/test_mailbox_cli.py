"""`legalcap contacts …` and `legalcap mailbox …` through the console script, against a real Dovecot."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from config.divisions import county_by_name
from tasks.demo.documents import demo_recommendation
from tasks.forms.recommendation_docx import write_recommendation_docx
from tests.e2e.conftest import run_cli
from tests.support.dovecot import DovecotServer
from tests.support.mail_samples import mail

MAY_8 = dt.datetime(2026, 5, 8, 2, 0, tzinfo=dt.UTC).timestamp()
CONTACTS = "邮箱,姓名,类别,单位\nhefei@hf.cn,张三,市总工会,合肥市\nFX@feixi.cn,李四,县（区）工会,340123\n"


@pytest.fixture(scope="module")
def started(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("mailbox-cli")
    result = run_cli(home, "programme", "start", "--year", "2026")
    assert result.returncode == 0, result.stderr
    return home


def _env(server: DovecotServer, user: str, password: str | None = None) -> dict[str, str]:
    return {"LEGALCAP_MAILBOX_URL": server.url(user), "LEGALCAP_MAILBOX_PROCESSED_FOLDER": "Processed",
            "LEGALCAP_MAILBOX_PASSWORD": password or server.password}


def _recommendation(folder: Path) -> bytes:
    path = folder / "肥西县推荐.docx"
    form = demo_recommendation(county_by_name("340100", "肥西县"), dt.date(2026, 5, 8))
    write_recommendation_docx(path, form)
    return path.read_bytes()


def test_contacts_import_list_and_a_bad_file(started: Path) -> None:
    good = started / "通讯录.csv"
    good.write_text(CONTACTS, encoding="utf-8")
    result = run_cli(started, "contacts", "import", str(good))
    assert result.returncode == 0, result.stderr
    assert "通讯录已导入：新增 2 个，更新 0 个" in result.stdout
    listed = json.loads(run_cli(started, "contacts", "list", "--format", "json").stdout)
    assert {(c["address"], c["role"], c["code"]) for c in listed} == {
        ("hefei@hf.cn", "city", "340100"), ("fx@feixi.cn", "unit", "340123")}
    bad = started / "坏通讯录.csv"
    bad.write_text("邮箱,姓名,类别,单位\nnot-an-address,王五,县（区）工会,不存在县\n", encoding="gbk")
    result = run_cli(started, "contacts", "import", str(bad))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "第 2 行，“邮箱”：“not-an-address”不是有效的邮箱地址" in result.stderr
    assert "第 2 行，“单位”：找不到县（区）“不存在县”" in result.stderr


def test_fetch_registers_a_city_s_form_holds_a_stranger_then_assign(started, dovecot, imap_user) -> None:
    assert run_cli(started, "contacts", "import", str(_contacts(started))).returncode == 0
    dovecot.append(imap_user, mail(sender="hefei@hf.cn", subject="合肥市推荐肥西县", style="qq",
                                   attachments=[("肥西县推荐.docx", _recommendation(started))]), when=MAY_8)
    dovecot.append(imap_user, mail(sender="who@qq.com", subject="材料", style="163",
                                   attachments=[("说明.txt", "请查收".encode())]), when=MAY_8)
    env = _env(dovecot, imap_user)
    dry = run_cli(started, "mailbox", "fetch", "--dry-run", env=env)
    assert dry.returncode == 0 and "不在通讯录" in dry.stdout and dovecot.count(imap_user) == 2
    result = run_cli(started, "mailbox", "fetch", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "收取 2 封：新保存 2 封" in result.stdout and "已登记 1" in result.stdout
    assert (dovecot.count(imap_user), dovecot.count(imap_user, "Processed")) == (1, 1)
    outbox = json.loads(run_cli(started, "notifications", "list", "--format", "json").stdout)
    [receipt] = [n for n in outbox if n["rule"] == "mailbox_receipt"]
    assert receipt["audience"] == "city-340100"
    assert receipt["to_address"] == "hefei@hf.cn"         # the exact address the receipt goes to
    assert receipt["title"] == "回执：已收到并登记（合肥市推荐肥西县）"
    held = json.loads(run_cli(started, "mailbox", "held", "--format", "json").stdout)
    assert [(h["sender"], h["received_on"]) for h in held] == [("who@qq.com", "2026-05-08")]
    assigned = run_cli(started, "mailbox", "assign", str(held[0]["id"]), "--unit", "340123")
    assert assigned.returncode == 0, assigned.stdout + assigned.stderr
    assert json.loads(run_cli(started, "mailbox", "held", "--format", "json").stdout) == []
    wrong = run_cli(started, "mailbox", "assign", "999", "--unit", "340123")
    assert wrong.returncode == 2 and "找不到邮件 999" in wrong.stderr


def test_spam_is_held_then_dismissed_with_a_reason_and_archived(started, dovecot, imap_user) -> None:
    assert run_cli(started, "contacts", "import", str(_contacts(started))).returncode == 0
    dovecot.append(imap_user, mail(sender="promo@spam.example", subject="发票代开", style="163",
                                   attachments=[("优惠.txt", "广告".encode())]), when=MAY_8)
    env = _env(dovecot, imap_user)
    assert run_cli(started, "mailbox", "fetch", env=env).returncode == 0
    [held] = [h for h in json.loads(run_cli(started, "mailbox", "held", "--format", "json").stdout)
              if h["sender"] == "promo@spam.example"]
    bare = run_cli(started, "mailbox", "dismiss", str(held["id"]), "--reason", "  ")
    assert bare.returncode == 2 and "请写明不予登记的原因" in bare.stderr and "Traceback" not in bare.stderr
    done = run_cli(started, "mailbox", "dismiss", str(held["id"]), "--reason", "垃圾邮件")
    assert done.returncode == 0 and "不予登记：垃圾邮件" in done.stdout, done.stdout + done.stderr
    left = json.loads(run_cli(started, "mailbox", "held", "--format", "json").stdout)
    assert held["id"] not in [h["id"] for h in left]
    again = run_cli(started, "mailbox", "dismiss", str(held["id"]), "--reason", "垃圾邮件")
    assert again.returncode == 2 and "当前：不予登记" in again.stderr
    assert run_cli(started, "mailbox", "fetch", env=env).returncode == 0
    assert (dovecot.count(imap_user), dovecot.count(imap_user, "Processed")) == (0, 1)


def test_a_refused_login_is_one_chinese_line_exit_2_and_the_password_is_nowhere(started, dovecot,
                                                                                imap_user) -> None:
    secret = "Wrong-Secret-8812"
    result = run_cli(started, "mailbox", "fetch", env=_env(dovecot, imap_user, password=secret))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert result.stderr.startswith("错误：邮箱服务器 127.0.0.1:") and "拒绝登录" in result.stderr
    assert secret not in result.stdout + result.stderr
    for path in started.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def _contacts(home: Path) -> Path:
    path = home / "通讯录.csv"
    path.write_text(CONTACTS, encoding="utf-8")
    return path
