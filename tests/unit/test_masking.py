"""Masking of workers' personal data (PIPL) and neutralising spreadsheet formulas: pure rules."""

from __future__ import annotations

import re

import pytest

from models.ledger_schema import ADDRESS, ID_NUMBER, PHONE, SHEETS, WORKER_NAME
from models.masking import (
    ADDRESS_WITHHELD,
    EXPORTED_PERSONAL,
    ID_WITHHELD,
    MASKINGS,
    free_text_scrubber,
    mask_address,
    mask_name,
    mask_personal,
    mask_phone,
    neutralise_formula,
)


@pytest.mark.parametrize(("name", "masked"), [
    ("张三", "张*"),
    ("张三丰", "张*"),
    ("欧阳娜娜", "欧*"),
    ("司马相如", "司*"),
    ("王", "王*"),
    ("  李四 ", "李*"),
    ("买买提·艾力", "买*"),
    ("", ""),
    ("   ", ""),
])
def test_a_name_keeps_only_its_first_character(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(("phone", "masked"), [
    ("13812341234", "138****1234"),
    ("+86 138 1234 5678", "138****5678"),
    ("+86-138-1234-5678", "138****5678"),
    ("+8613812345678", "138****5678"),
    ("008613812345678", "138****5678"),
    ("138 1234 5678", "138****5678"),
    (" 19912345678 ", "199****5678"),
    ("0551-62345678", "0551-****5678"),
    ("(0551)62345678", "0551-****5678"),
    ("（0551）6234 5678", "0551-****5678"),
    ("055162345678", "0551-****5678"),
    ("010-12345678", "010-****5678"),
    ("021 6234 5678", "021-****5678"),
    ("0551-6234567", "0551-****4567"),
    ("0551-62345678-123", "0551-****5678"),
    ("0551-62345678转8", "0551-****5678"),
    ("62345678", "****5678"),
    ("1234567", "****4567"),
    ("电话 12345 67890 1234", "****1234"),
    ("123456", "****"),
    ("无", "****"),
    ("", ""),
])
def test_a_phone_keeps_at_most_its_prefix_and_last_four_digits(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize("phone", ["13812341234", "0551-62345678", "1234567", "62345678", "+86 138 1234 5678",
                                   "12345678901234567890"])
def test_a_phone_with_seven_digits_or_more_never_comes_back_unchanged_nor_whole(phone: str) -> None:
    masked = mask_phone(phone)
    kept = re.sub(r"\D", "", masked)
    assert masked != phone
    assert "****" in masked
    assert len(kept) < len(re.sub(r"\D", "", phone))
    assert len(kept) <= 8


@pytest.mark.parametrize(("address", "masked"), [
    ("安徽省合肥市肥西县上派镇某路12号", "安徽省合肥市肥西县"),
    ("合肥市蜀山区长江西路100号3栋", "合肥市蜀山区"),
    ("安徽合肥包河区徽州大道1号", "安徽合肥包河区"),
    ("肥西县上派镇", "肥西县"),
    ("安徽省安庆市桐城市文昌街道", "安徽省安庆市桐城市"),
    ("桐城市文昌街道龙眠路5号", "桐城市"),
    ("黄山市黄山区甘棠镇", "黄山市黄山区"),
    ("铜陵市郊区大通镇", "铜陵市郊区"),
    ("宿州市萧县龙城镇", "宿州市萧县"),
    ("和县历阳镇", "和县"),
    ("张三家住肥西县上派镇", "合肥市肥西县"),
    ("浙江省杭州市西湖区文三路1号", "浙江省杭州市西湖区"),
    ("北京市朝阳区建国路88号", "北京市朝阳区"),
    ("上海市浦东新区世纪大道100号", "上海市浦东新区"),
    ("江苏省苏州市昆山市玉山镇", "江苏省苏州市昆山市"),
    ("内蒙古自治区呼和浩特市新城区", "内蒙古自治区呼和浩特市新城区"),
    ("新疆维吾尔自治区阿克苏地区库车市", "新疆维吾尔自治区阿克苏地区库车市"),
    ("湖北省恩施土家族苗族自治州恩施市舒家湾", "湖北省恩施土家族苗族自治州恩施市"),
    ("湖北省武汉市洪山区寿县路8号", "湖北省武汉市洪山区"),
    ("浙江杭州西湖区文三路", "浙江杭州西湖区"),
    ("合肥市长江西路100号", ADDRESS_WITHHELD),
    ("安徽省合肥市某某小区3栋", ADDRESS_WITHHELD),
    ("某某小区3栋201室", ADDRESS_WITHHELD),
    ("不详", ADDRESS_WITHHELD),
    ("", ""),
])
def test_an_address_is_cut_after_its_county_level_part(address: str, masked: str) -> None:
    assert mask_address(address) == masked


@pytest.mark.parametrize(("text", "neutralised"), [
    ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    ("+1", "'+1"),
    ("-1", "'-1"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("=1+1", "'=1+1"),
    ("普法讲座", "普法讲座"),
    ("a=1", "a=1"),
    (" =1", " =1"),
    ("'already", "'already"),
    ("", ""),
])
def test_text_that_could_start_a_formula_gets_one_leading_quote(text: str, neutralised: str) -> None:
    assert neutralise_formula(text) == neutralised


def test_every_personal_ledger_column_has_a_treatment_and_the_id_number_is_dropped() -> None:
    personal = {c.key for sheet in SHEETS for c in sheet.columns if c.personal}
    assert personal == set(MASKINGS) == {WORKER_NAME, PHONE, ID_NUMBER, ADDRESS}
    assert not MASKINGS[ID_NUMBER].exported
    assert EXPORTED_PERSONAL == (WORKER_NAME, PHONE, ADDRESS)


def test_masking_a_row_masks_each_column_and_leaves_out_the_id_number_and_unknown_keys() -> None:
    row = {WORKER_NAME: "张三丰", PHONE: "13812345678", ID_NUMBER: "34012319850612123X",
           ADDRESS: "安徽省合肥市肥西县上派镇某路12号", "email": "zs@example.com"}
    assert mask_personal(row) == {WORKER_NAME: "张*", PHONE: "138****5678", ADDRESS: "安徽省合肥市肥西县"}


def test_masking_a_row_without_personal_values_gives_blanks() -> None:
    assert mask_personal({}) == {WORKER_NAME: "", PHONE: "", ADDRESS: ""}


def test_free_text_loses_known_names_mobiles_and_id_numbers_but_keeps_hashes_and_dates():
    scrub = free_text_scrubber(["张三丰", "欧阳娜娜", " ", "王"])
    text = "为张三丰（13812345678，身份证 34012319800101123X）与欧阳娜娜调解，2026-06-01 结案"
    assert scrub(text) == f"为张*（138****5678，身份证 {ID_WITHHELD}）与欧*调解，2026-06-01 结案"
    digest = "ab340123198001011234cd" + "0" * 42
    assert scrub(digest) == digest  # 18 digits inside a hash are no ID number
    assert scrub("王师傅来电") == "王师傅来电"  # one-character names are too common to mask


def test_free_text_masks_a_longer_name_before_a_shorter_one_inside_it():
    assert free_text_scrubber(["欧阳", "欧阳娜娜"])("欧阳娜娜与欧阳") == "欧*与欧*"
