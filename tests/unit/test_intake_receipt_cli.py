"""A refused receipt said on the command line: options as typed and each hint; a reply or a page: plain."""

from __future__ import annotations

from models.errors import Problem
from models.intake import Counts, IntakeKind, Receipt

UNIT = Problem("--unit 340999", "不是已知的县（区）行政区划代码", hint="（6 位代码）")


def test_the_command_line_names_the_option_and_adds_the_hint_a_reply_does_not() -> None:
    receipt = Receipt(file="总结.txt", ok=False, kind=IntakeKind.summary, problems=(UNIT,))
    said = receipt.lines(command_line=True)[1]
    assert said == "1. --unit 340999：不是已知的县（区）行政区划代码（6 位代码）"
    assert "--unit" not in "".join(receipt.lines()) and "（6 位代码）" not in "".join(receipt.lines())


def test_a_message_refusal_keeps_its_hint_for_the_command_line_only() -> None:
    receipt = Receipt(file="台账.xlsx", ok=False, message="尚未启动项目",
                      hint="：请先运行 legalcap programme start")
    assert receipt.lines(command_line=True)[1] == "1. 尚未启动项目：请先运行 legalcap programme start"
    assert receipt.lines()[1] == "1. 尚未启动项目"


def test_counts_are_said_in_their_word() -> None:
    assert Counts(new=3, word="笔").text() == "新增 3 笔，更新 0 笔，未变 0 笔"
    assert Counts(unchanged=2).text() == "新增 0 条，更新 0 条，未变 2 条"
