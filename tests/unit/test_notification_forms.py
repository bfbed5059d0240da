"""Per-channel forms of a message, digests and secret handling — no database, no network."""

from __future__ import annotations

import datetime as dt
import logging

import apprise
import pytest

from config.yaml_files import ConfigError
from notifications.channels import WECOM_MAX_BYTES, channel_kind, payloads_for, split_utf8
from notifications.digest import PendingItem, plan_batches
from notifications.routes import expand_secrets
from notifications.secrets import guard_loggers, scrub

DAY = dt.date(2026, 5, 13)


def _item(id_: int, audience: str = "city-340100", urgent: bool = False, day: dt.date = DAY,
          delivered: frozenset[str] = frozenset()) -> PendingItem:
    return PendingItem(id_, audience, day, urgent, f"标题{id_}", f"正文{id_}", delivered)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("wecombot://abcdefghijklmnopqrstuvwxyz012345", "wecom"),
        ("dingtalk://abcdefghijklmnopqrstuvwxyz0123456789", "dingtalk"),
        ("mailtos://user:pass@163.com", "email"),
        ("mailto://user:pass@example.org", "email"),
        ("json://127.0.0.1:9/hook", "text"),
    ],
)
def test_each_service_is_given_the_form_of_its_channel(url, kind):
    assert channel_kind(apprise.Apprise.instantiate(url)) == kind


def test_a_short_wecom_message_goes_as_one_plain_text_with_its_title():
    [payload] = payloads_for("wecom", "【提醒】合肥市", "尚未收到推荐表。")
    assert payload.title == ""
    assert payload.body == "【提醒】合肥市\n尚未收到推荐表。"
    assert payload.body_format == "text"


def test_a_long_wecom_message_is_split_into_numbered_parts_of_at_most_2048_bytes():
    body = "\n".join(f"{n}. 肥西县总工会法治宣传台账缺少第 {n} 条记录，请补录。" for n in range(200))
    parts = split_utf8("【每日汇总】2026-05-13 共 200 项提醒", body)
    assert len(parts) > 1
    assert all(len(p.encode("utf-8")) <= WECOM_MAX_BYTES for p in parts)
    assert parts[0].startswith("【每日汇总】2026-05-13 共 200 项提醒（1/")
    assert parts[-1].startswith(f"【每日汇总】2026-05-13 共 200 项提醒（{len(parts)}/{len(parts)}）")
    rejoined = "\n".join(p.split("\n", 1)[1] for p in parts)
    assert rejoined == body  # nothing lost between the parts


def test_a_single_overlong_line_is_cut_with_a_pointer_to_the_rest():
    parts = split_utf8("标题", "长" * 3000)
    assert all(len(p.encode("utf-8")) <= WECOM_MAX_BYTES for p in parts)
    assert "过长已截断，全文见同一提醒的邮件" in parts[0] and "legalcap " not in parts[0]


def test_dingtalk_gets_markdown_and_email_gets_escaped_html_with_attachments():
    [ding] = payloads_for("dingtalk", "标题", "第一行\n第二行")
    assert ding.body_format == "markdown" and ding.body == "第一行  \n第二行"
    [mail] = payloads_for("email", "标题", "<script>x</script>\n第二行", attach=())
    assert mail.body_format == "html"
    assert "&lt;script&gt;" in mail.body and "<script>" not in mail.body
    [text] = payloads_for("text", "标题", "正文")
    assert text.attach == ()


def test_only_email_carries_attachments(tmp_path):
    file = tmp_path / "packet.zip"
    file.write_bytes(b"x")
    assert payloads_for("email", "t", "b", (file,))[0].attach == (str(file),)
    for kind in ("wecom", "dingtalk", "text"):
        assert all(p.attach == () for p in payloads_for(kind, "t", "b", (file,)))


def test_non_urgent_rows_for_one_recipient_and_day_become_one_digest():
    batches = plan_batches([_item(1), _item(2), _item(3)])
    assert len(batches) == 1
    digest = batches[0]
    assert digest.ids == [1, 2, 3]
    assert digest.title == "【每日汇总】2026-05-13 共 3 项提醒"
    for n in (1, 2, 3):
        assert f"编号 #{n}" in digest.body and f"标题{n}" in digest.body


def test_urgent_rows_go_alone_and_other_recipients_and_days_are_kept_apart():
    items = [_item(1, urgent=True), _item(2), _item(3, audience="province"),
             _item(4, day=DAY + dt.timedelta(1)), _item(5)]
    batches = plan_batches(items)
    assert [b.ids for b in batches] == [[1], [2, 5], [3], [4]]
    assert batches[0].urgent and not batches[1].urgent


def test_rows_already_delivered_to_some_targets_are_not_mixed_with_fresh_ones():
    batches = plan_batches([_item(1), _item(2, delivered=frozenset({"mail"}))])
    assert [b.ids for b in batches] == [[1], [2]]
    assert batches[1].delivered == frozenset({"mail"})


def test_a_single_row_is_sent_as_itself_with_its_number():
    [batch] = plan_batches([_item(7)])
    assert batch.title == "标题7"
    assert batch.body == "正文7\n（编号 #7）"


def test_secrets_in_a_route_file_come_from_the_environment():
    text = "urls:\n  - json://u:${TOKEN}@127.0.0.1/x:\n      - tag: province\n# ${NOT_NEEDED}\n"
    assert "json://u:s3cret@127.0.0.1/x" in expand_secrets(text, "n.yaml", {"TOKEN": "s3cret"})


def test_a_missing_secret_is_named_and_never_shown():
    with pytest.raises(ConfigError) as info:
        expand_secrets("- json://${ONE}@h/${TWO}", "n.yaml", {"ONE": "visible-secret"})
    assert "TWO" in str(info.value) and "n.yaml" in str(info.value)
    assert "visible-secret" not in str(info.value)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("json://user:Passw0rdPassw0rd@127.0.0.1/hook", "Passw0rdPassw0rd"),
        ("https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef0123", "0123456789abcdef0123"),
        ("wecombot://ABCDEFGHIJKLMNOPQRSTUVWXYZ012345 failed", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"),
        ("sign=abc123&timestamp=1", "abc123"),
    ],
)
def test_scrub_masks_credentials(text, secret):
    assert secret not in scrub(text)


def test_third_party_loggers_are_kept_at_info_or_above():
    for name in ("apprise", "urllib3"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    guard_loggers()
    assert logging.getLogger("apprise").level == logging.INFO
    assert logging.getLogger("urllib3").level == logging.INFO
