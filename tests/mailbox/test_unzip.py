"""Safe zip: GBK names, traversal, limits, zip bombs; .rar/.7z and oversized files get a clear reason."""

from __future__ import annotations

from tasks.mailbox.parse import Attached
from tasks.mailbox.unzip import Limits, expand
from tests.support.mail_samples import plain_zip, windows_zip

LIMITS = Limits(max_file=2 << 20, max_entries=5, max_total=4 << 20, max_ratio=100)


def test_windows_gbk_names_are_decoded_and_folders_dropped() -> None:
    data = windows_zip([("肥西县工作台账.xlsx", b"a"), ("材料/附件2 工作方案.docx", b"b")])
    items = expand((Attached("材料.zip", data),), LIMITS)
    assert [(i.name, i.data, i.problem, i.source) for i in items] == [
        ("肥西县工作台账.xlsx", b"a", "", "材料.zip"), ("附件2 工作方案.docx", b"b", "", "材料.zip")]


def test_utf8_flagged_names_and_plain_files_pass_through() -> None:
    items = expand((Attached("a.zip", plain_zip([("经费支出登记表.xlsx", b"x"), ("__MACOSX/._x", b"")])),
                    Attached("工作总结.docx", b"doc")), LIMITS)
    assert [(i.name, i.problem) for i in items] == [("经费支出登记表.xlsx", ""), ("工作总结.docx", "")]


def test_office_files_are_zips_inside_but_pass_through_whole() -> None:
    docx = plain_zip([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")])
    items = expand((Attached("肥西县推荐.docx", docx), Attached("台账.XLSX", docx)), LIMITS)
    assert [(i.name, i.data, i.problem) for i in items] == [
        ("肥西县推荐.docx", docx, ""), ("台账.XLSX", docx, "")]


def test_path_traversal_refuses_the_whole_zip() -> None:
    items = expand((Attached("a.zip", plain_zip([("ok.xlsx", b"1"), ("../../etc/passwd", b"x")])),), LIMITS)
    assert len(items) == 1 and "路径不安全" in items[0].problem and items[0].data == b""


def test_too_many_entries_too_big_in_total_and_a_bomb_are_refused() -> None:
    many = expand((Attached("m.zip", plain_zip([(f"{n}.xlsx", b"1") for n in range(6)])),), LIMITS)
    assert "文件过多（6 个，上限 5 个）" in many[0].problem
    big = expand((Attached("b.zip", plain_zip([(f"{n}.bin", bytes(1_500_000)) for n in range(3)])),),
                 Limits(2 << 20, 5, 4 << 20, 10_000))
    assert "解压后过大" in big[0].problem
    bomb = expand((Attached("bomb.zip", plain_zip([("zeros.xlsx", bytes(1_900_000))])),), LIMITS)
    assert "压缩炸弹" in bomb[0].problem


def test_rar_7z_and_oversized_attachments_get_a_reason_not_a_crash() -> None:
    items = expand((Attached("材料.rar", b"Rar!\x1a\x07\x00xx"), Attached("x.bin", b"7z\xbc\xaf\x27\x1cxx"),
                    Attached("大文件.xlsx", bytes(3 << 20)), Attached("坏.zip", b"PK\x03\x04broken")), LIMITS)
    assert "RAR" in items[0].problem and ".zip" in items[0].problem
    assert "7z" in items[1].problem
    assert "附件过大（3 MB，上限 2 MB）" in items[2].problem
    assert "已损坏或加密" in items[3].problem
