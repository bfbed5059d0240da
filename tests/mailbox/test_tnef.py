"""Outlook's winmail.dat is unpacked into its files; a zip inside a zip is opened once, within one budget."""

from __future__ import annotations

import datetime as dt

from tasks.intake import intake
from tasks.mailbox import tnef
from tasks.mailbox.parse import Attached, parse_mail
from tasks.mailbox.unzip import Limits, expand
from tests.integration.test_intake_route import _ledger, feixi, wired  # noqa: F401  (fixtures)
from tests.mailbox.helpers import add_contact, context, outbox, process_stored, put
from tests.support.mail_samples import mail, plain_zip, windows_zip
from tests.support.tnef_samples import winmail

LIMITS = Limits(max_file=2 << 20, max_entries=5, max_total=4 << 20, max_ratio=100)
LEDGER = ("肥西县2026年5月工作台账.xlsx", b"ledger-bytes")
PLAN = ("附件2 工作方案（修改稿）.docx", b"plan-bytes")
ARRIVED = dt.datetime(2026, 7, 3, 2, 0, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 7, 3, 10, 0, tzinfo=dt.UTC)


def _seen(items) -> list[tuple[str, bytes, str, str]]:
    return [(i.name, i.data, i.problem, i.source) for i in items]


def test_winmail_dat_gives_its_files_with_their_chinese_names() -> None:
    items = expand((Attached("winmail.dat", winmail([LEDGER, PLAN])),), LIMITS)
    assert _seen(items) == [(*LEDGER, "", "winmail.dat"), (*PLAN, "", "winmail.dat")]


def test_short_names_in_the_gbk_code_page_decode_without_the_long_name() -> None:
    items = expand((Attached("WINMAIL.DAT", winmail([LEDGER], long_names=False)),), LIMITS)
    assert _seen(items) == [(*LEDGER, "", "WINMAIL.DAT")]


def test_a_tnef_attachment_is_recognised_by_its_bytes_under_another_name() -> None:
    assert tnef.is_tnef(Attached("ATT00001.dat", winmail([LEDGER])))
    assert not tnef.is_tnef(Attached("台账.xlsx", LEDGER[1]))
    items = expand((Attached("ATT00001.dat", winmail([LEDGER])),), LIMITS)
    assert [i.name for i in items] == [LEDGER[0]]


def test_a_zip_inside_winmail_dat_is_opened_and_limits_still_apply() -> None:
    packed = windows_zip([LEDGER, PLAN])
    bomb = plain_zip([("zeros.xlsx", bytes(1_900_000))])
    items = expand((Attached("winmail.dat", winmail([("材料.zip", packed), ("炸弹.zip", bomb)])),), LIMITS)
    assert _seen(items)[:2] == [(*LEDGER, "", "材料.zip"), (*PLAN, "", "材料.zip")]
    assert items[2].name == "炸弹.zip" and "压缩炸弹" in items[2].problem and items[2].data == b""


def test_a_damaged_or_empty_winmail_dat_says_what_to_do_in_chinese() -> None:
    damaged = expand((Attached("winmail.dat", winmail([LEDGER])[:30]),), LIMITS)
    empty = expand((Attached("winmail.dat", winmail([])),), LIMITS)
    garbage = expand((Attached("winmail.dat", b"not tnef at all"),), LIMITS)
    for items in (damaged, empty, garbage):
        assert len(items) == 1 and items[0].data == b""
        assert "winmail.dat" in items[0].problem and "HTML" in items[0].problem
    assert "没有文件" in empty[0].problem


def test_winmail_dat_in_a_real_outlook_message_parses_and_expands() -> None:
    raw = mail(sender="fx@feixi.cn", subject="5月台账", style="outlook",
               attachments=[("winmail.dat", winmail([LEDGER]))])
    items = expand(parse_mail(raw).attachments, LIMITS)
    assert _seen(items) == [(*LEDGER, "", "winmail.dat")]


def test_a_zip_inside_a_zip_is_opened_once_and_named_from_the_outer_zip() -> None:
    inner = windows_zip([LEDGER])
    outer = windows_zip([("5月/台账.zip", inner), PLAN])
    items = expand((Attached("材料.zip", outer),), LIMITS)
    assert _seen(items) == [(*LEDGER, "", "材料.zip/台账.zip"), (*PLAN, "", "材料.zip")]


def test_a_third_level_zip_is_refused_and_the_budget_is_shared() -> None:
    deepest = plain_zip([("x.xlsx", b"1")])
    items = expand((Attached("a.zip", plain_zip([("b.zip", plain_zip([("c.zip", deepest)]))])),), LIMITS)
    assert [(i.name, "嵌套层数过多" in i.problem, i.data) for i in items] == [("c.zip", True, b"")]
    # 3 files outside + an inner zip of 3: 7 entries together against a limit of 5
    crowded = plain_zip([("in.zip", plain_zip([(f"{n}.xlsx", b"1") for n in range(3)])),
                    *[(f"o{n}.xlsx", b"1") for n in range(3)]])
    items = expand((Attached("a.zip", crowded),), LIMITS)
    assert next(i for i in items if "文件过多" in i.problem).name == "in.zip"
    assert sorted(i.name for i in items if not i.problem) == ["o0.xlsx", "o1.xlsx", "o2.xlsx"]


def test_a_ledger_inside_outlook_s_winmail_dat_is_registered_by_the_real_intake(feixi, tmp_path) -> None:  # noqa: F811
    home = tmp_path / "home"
    ledger = _ledger(tmp_path, bad=0)
    add_contact(feixi, "fx@feixi.cn")
    packed = winmail([(ledger.name, ledger.read_bytes())])
    put(feixi, home, mail(sender="fx@feixi.cn", subject="7月台账", style="outlook",
                          attachments=[("winmail.dat", packed)]), arrived=ARRIVED)
    report = process_stored(feixi, context(home, intake, now=NOW))
    assert (report.files, report.registered) == (1, 1)
    [row] = outbox(feixi, "mailbox_receipt")
    assert "已收到并登记" in row.title and ledger.name in row.body and "winmail" not in row.body
