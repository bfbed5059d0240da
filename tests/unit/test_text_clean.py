"""Invisible and control characters are removed as a reader would not see them."""

from models.text_clean import has_control, visible_text


def test_zero_width_and_bom_disappear_from_a_code() -> None:
    assert visible_text("\ufeff3401\u200b23\u200d") == "340123"


def test_control_characters_are_dropped_but_line_breaks_kept() -> None:
    assert visible_text("张\x01三\n李\x1f四\t") == "张三\n李四\t"


def test_full_width_and_no_break_spaces_become_plain_spaces() -> None:
    assert visible_text("合肥\u3000市\u00a0总工会") == "合肥 市 总工会"


def test_has_control_spots_a_hidden_control_character() -> None:
    assert has_control("abc\x07") and not has_control("abc\n")
