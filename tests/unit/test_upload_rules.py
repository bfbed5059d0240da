"""What the portal accepts before any importer: size, and type by extension and magic bytes; a reminder's
due date read from its text."""

from __future__ import annotations

import datetime as dt

import pytest

from models.reminder_view import due_in
from models.upload_rules import MB, size_problem, suffix_of, type_problem

PK = b"PK\x03\x04" + b"\0" * 40


@pytest.mark.parametrize(("name", "head"), [
    ("台账.xlsx", PK), ("方案.DOCX", PK), ("材料.zip", PK), ("总结.pdf", b"%PDF-1.7\n"),
    ("说明.txt", "督导情况说明".encode()), ("说明.md", "# 标题".encode("gb18030")),
    ("截断.txt", "督导".encode()[:-1]),        # a character cut by the head's limit is still text
])
def test_the_allowed_kinds_pass_when_their_content_is_that_kind(name: str, head: bytes) -> None:
    assert type_problem(name, head) is None


@pytest.mark.parametrize(("name", "head", "says"), [
    ("page.html", b"<html>", "不接受 .html 类型的文件"),
    ("page.htm", b"<html>", "不接受 .htm 类型的文件"),
    ("run.exe", b"MZ", "不接受 .exe 类型的文件"),
    ("noext", PK, "不接受 （无扩展名） 类型的文件"),
    ("假表.xlsx", b"<html><body>", "文件扩展名是 .xlsx，内容却不是Excel 工作簿"),
    ("假.pdf", PK, "文件扩展名是 .pdf，内容却不是PDF 文件"),
    ("页.txt", b"\xef\xbb\xbf  <!DOCTYPE html><html>", "内容却不是文本文件"),
    ("页.md", b"hello <script>alert(1)</script>", "内容却不是文本文件"),
    ("bin.txt", b"ab\x00cd", "内容却不是文本文件"),
])
def test_other_kinds_and_disguised_content_are_refused_in_chinese(name: str, head: bytes, says: str) -> None:
    problem = type_problem(name, head)
    assert problem is not None and says in problem


def test_size_is_refused_over_the_limit_and_when_empty() -> None:
    assert size_problem(20 * MB, 20 * MB) is None
    assert "超过门户上传上限 20 MB" in (size_problem(50 * MB, 20 * MB) or "")
    assert "文件为空" in (size_problem(0, 20 * MB) or "")


def test_a_suffix_is_the_last_extension_of_the_base_name() -> None:
    names = ("a/b.tar.XLSX", "C:\\x\\.bashrc", "无扩展名")
    assert [suffix_of(n) for n in names] == [".xlsx", "", ""]


def test_a_reminders_due_date_is_read_from_its_text() -> None:
    assert due_in("请尽快报送。\n截止日期：2026-06-30（还剩 5 个工作日）。") == dt.date(2026, 6, 30)
    assert due_in("截止日期: 2027-02-29") is None and due_in("无期限") is None
