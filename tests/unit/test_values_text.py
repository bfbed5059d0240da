"""models.values.text: free text trimmed, invisible characters named, length limits."""

from __future__ import annotations

import pytest

from models.values import CellError, ValueProblem, invisible_characters, parse_text, refuse_invisible
from models.values.text import paragraph_text


def test_text_is_trimmed_and_cleaned_but_not_width_folded():
    assert parse_text("  普法讲座（第一期）：\u200b合同法 ") == "普法讲座（第一期）：合同法"
    assert parse_text(None) == "" and parse_text(12.0) == "12"
    assert parse_text("某公司   劳动 合同", collapse=True) == "某公司 劳动 合同"


def test_a_length_limit_names_both_lengths():
    assert parse_text("一二三", limit=3) == "一二三"
    with pytest.raises(ValueProblem, match="最多 3 字，实为 4 字"):
        parse_text("一二三四", limit=3)


def test_invisible_characters_are_named_visibly():
    assert invisible_characters("a\u200bb\u200b\x07\ufeff") == ["U+200B 零宽空格", "U+0007 控制字符",
                                                           "U+FEFF 字节顺序标记（BOM）"]
    assert refuse_invisible("XC-001") == "XC-001"
    with pytest.raises(ValueProblem, match="U\\+200B 零宽空格"):
        refuse_invisible("XC-001\u200b")


def test_error_cells_and_paragraphs():
    with pytest.raises(ValueProblem, match="#REF!"):
        parse_text(CellError("#REF!"))
    assert paragraph_text(" 第一行 \r\n\n 第二行\u200b ") == "第一行\n第二行"
