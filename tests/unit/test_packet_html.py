"""The evaluation packet pages: self-contained, escaped, deterministic HTML with inline SVG charts."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from tasks.packets import svg
from tasks.packets.figures import AidCount, Funds, Month, Quota
from tasks.packets.html import relative_href, render_province_index, render_unit_index
from tests.support.packet_sample import (
    CONFIG_HASH,
    PROVINCE_TITLE,
    TITLE,
    empty_unit_packet,
    sample_province_index,
    sample_unit_packet,
)

SECTION_HEADINGS = [
    "概况", "任务指标完成情况", "普法“五进”覆盖", "月度台账", "劳动法律监督（一函两书）", "职工法律援助",
    "集体协商、合法性审查及其他工作", "市总工会督导", "经费使用", "采购档案", "关口记录与证据", "尚缺材料",
    "评分预评", "附件与文件",
]
UNIT_CHARTS = 5
FORBIDDEN_TAGS = {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
CJK = re.compile(r"[\u4e00-\u9fff]")


class Page(HTMLParser):
    """Tags, link targets, h2 texts and SVG attributes of one page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.targets: list[str] = []
        self.svgs: list[dict[str, str | None]] = []
        self.h2: list[str] = []
        self.title = ""
        self._in: str | None = None
        self._svg_depth = 0
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        self.targets.extend(v or "" for k, v in attrs if k in {"src", "href", "xlink:href", "action"})
        if tag == "svg":
            self.svgs.append(values)
            self._svg_depth += 1
        if tag in {"h2", "title"} and not self._svg_depth:
            self._in = tag
            if tag == "h2":
                self.h2.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._svg_depth -= 1
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "h2":
            self.h2[-1] += data
        elif self._in == "title":
            self.title += data


def test_rendering_the_same_packet_twice_gives_the_same_bytes() -> None:
    doc = sample_unit_packet()
    first = render_unit_index(doc)
    assert render_unit_index(copy.deepcopy(doc)) == first
    assert render_unit_index(sample_unit_packet()).encode() == first.encode()
    assert render_province_index(sample_province_index()) == render_province_index(sample_province_index())


def test_user_text_is_escaped_and_no_script_element_is_emitted() -> None:
    html = render_unit_index(sample_unit_packet())
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "script" not in Page(html).tags


@pytest.mark.parametrize("render", ["unit", "province"])
def test_nothing_is_loaded_from_outside_the_page(render: str) -> None:
    html = (render_unit_index(sample_unit_packet()) if render == "unit"
            else render_province_index(sample_province_index()))
    page = Page(html)
    assert not FORBIDDEN_TAGS & set(page.tags)
    assert page.targets
    for target in page.targets:
        assert not target.lower().startswith(("http:", "https:", "//", "/", "file:", "data:")), target
    assert "<style>" in html
    assert "@import" not in html and "url(" not in html


def test_the_unit_page_is_chinese_and_has_every_section_heading_in_order() -> None:
    html = render_unit_index(sample_unit_packet())
    page = Page(html)
    assert '<html lang="zh-CN">' in html
    assert TITLE in page.title and "肥西县总工会" in page.title
    assert page.h2 == SECTION_HEADINGS


def test_the_footer_names_the_date_the_version_and_the_config_hash() -> None:
    html = render_unit_index(sample_unit_packet())
    footer = html[html.index('<footer class="page">'):]
    assert "2027-05-06" in footer and "0.1.0" in footer and CONFIG_HASH in footer


def test_each_chart_is_one_inline_svg_with_a_chinese_label() -> None:
    html = render_unit_index(sample_unit_packet())
    page = Page(html)
    assert html.count("<svg") == UNIT_CHARTS == len(page.svgs)
    for attrs in page.svgs:
        assert attrs["role"] == "img"
        assert CJK.search(attrs["aria-label"] or "")
        assert "Noto Sans CJK SC" in (attrs["font-family"] or "")
    assert html.count("<title>") == UNIT_CHARTS + 1


def test_masked_workers_stay_masked_and_tables_show_the_cases() -> None:
    html = render_unit_index(sample_unit_packet())
    assert "张*" in html
    assert "JD-01" in html and "JD-02" in html and "逾期" in html


def test_a_unit_with_empty_lists_still_renders_with_无() -> None:
    html = render_unit_index(empty_unit_packet())
    page = Page(html)
    assert page.h2 == SECTION_HEADINGS
    assert html.count('<p class="none">无</p>') >= 8
    assert "未评审" in html and "未确定" in html and "未过关" in html
    assert html.count("<svg") == UNIT_CHARTS


def test_the_province_index_links_each_unit_packet_by_a_relative_href() -> None:
    html = render_province_index(sample_province_index())
    page = Page(html)
    assert PROVINCE_TITLE in page.title
    for code in ("340123", "340521", "341226"):
        assert f"{code}/index.html" in page.targets
        assert f"{code}.zip" in page.targets
    assert html.count("<svg") == 1
    assert "91.2" in html and "肥西县总工会" in html


def test_an_empty_province_index_still_renders() -> None:
    html = render_province_index(dataclasses.replace(sample_province_index(), units=[]))
    assert "无" in html and html.count("<svg") == 1


@pytest.mark.parametrize("href", ["https://example.com/a.pdf", "http://x", "//cdn/x.css", "/etc/passwd",
                                  "../other/index.html", "file:///tmp/a", ""])
def test_a_link_that_leaves_the_packet_is_refused(href: str) -> None:
    with pytest.raises(ValueError, match="相对路径"):
        relative_href(href)
    doc = sample_unit_packet()
    doc.files["manifest"] = href
    with pytest.raises(ValueError):
        render_unit_index(doc)


def test_relative_hrefs_inside_the_packet_are_kept() -> None:
    assert relative_href("documents/summary.docx") == "documents/summary.docx"
    assert relative_href("340123/index.html") == "340123/index.html"


def test_svg_labels_are_escaped() -> None:
    quota = Quota("x", "<b>宣传</b>", "场", 1, 2, 1.0, "behind\"><x", "落后&", 2)
    markup = str(svg.quota_bars([quota]))
    assert "<b>" not in markup and "&lt;b&gt;宣传&lt;/b&gt;" in markup
    assert 'behind"' not in markup and "落后&amp;" in markup
    aid = str(svg.aid_bars([AidCount("<i>调解</i>", 2)]))
    assert "<i>" not in aid and "&lt;i&gt;" in aid


def test_quota_bars_are_coloured_by_status_with_a_tick_at_the_expected_pace() -> None:
    markup = str(svg.quota_bars(sample_unit_packet().quotas))
    for status, colour in svg.STATUS_COLOURS.items():
        assert f'fill="{colour}" data-status="{status}"' in markup
    assert markup.count(f'stroke="{svg.TICK_COLOUR}"') == 4


def test_venue_tiles_fill_the_reached_venues_in_the_canonical_order() -> None:
    markup = str(svg.venue_tiles(sample_unit_packet().venues))
    names = re.findall(r">(进[\u4e00-\u9fff]{2})<", markup)
    assert names == ["进企业", "进园区", "进社区", "进校园", "进工地"]
    assert markup.count(f'fill="{svg.VENUE_REACHED_COLOUR}"') == 4
    assert markup.count(f'fill="{svg.VENUE_MISSING_COLOUR}"') == 1
    assert "未覆盖" in markup


def test_monthly_columns_stack_by_category_and_fall_back_to_the_total() -> None:
    months = [Month("2026-06", 7, {"劳动法律监督": 4, "法治宣传教育": 3}), Month("2026-07", 2, {})]
    markup = str(svg.monthly_columns(months))
    assert markup.index("法治宣传教育") < markup.index("劳动法律监督")
    assert svg.CATEGORY_COLOURS["法治宣传教育"] in markup and svg.CATEGORY_COLOURS["劳动法律监督"] in markup
    assert ">7<" in markup and ">2<" in markup


def test_spending_beyond_the_subsidy_is_drawn_as_the_units_own_top_up() -> None:
    funds = Funds(5_000_000, 5_650_000, 1.13, "113.0%", True, "超出补助")
    markup = str(svg.funds_bar(funds))
    assert "超出补助 6,500.00 元（单位自筹，不扣分）" in markup and "#d62728" not in markup
    over = re.search(r'<rect [^>]*width="([\d.]+)"[^>]*fill="#7f9f8f" data-over="true"', markup)
    assert over and float(over.group(1)) > 0
    within = str(svg.funds_bar(dataclasses.replace(funds, spent_fen=4_120_000, share_label="82.4%")))
    assert re.search(r'width="0" height="28" fill="#7f9f8f" data-over="true"', within)
    assert "超出补助 " not in within


def test_numbers_are_formatted_the_same_way_every_time() -> None:
    values = (12, 10.0, 84.25, 0.1 + 0.2, 91.2)
    assert [svg.fmt_number(v) for v in values] == ["12", "10", "84.3", "0.3", "91.2"]


def test_money_stays_in_fen_until_the_page_writes_it_as_yuan() -> None:
    doc = sample_unit_packet()
    doc.unit["contract_fen"] = 123_456_789
    doc = dataclasses.replace(doc, funds=dataclasses.replace(doc.funds, spent_fen=4_120_001))
    html = render_unit_index(doc)
    assert "1,234,567.89 元" in html
    assert "已支出 41,200.01 元" in html and 'class="num">1,200.00</td>' in html
    assert "已支出 41,200.01 元 / 补助 50,000.00 元" in str(svg.funds_bar(doc.funds))


def test_a_contract_of_zero_fen_is_shown_and_no_contract_is_a_dash() -> None:
    doc = sample_unit_packet()
    doc.unit["contract_fen"] = 0
    assert "<th>合同金额</th><td>0.00 元</td>" in render_unit_index(doc)
    doc.unit["contract_fen"] = None
    assert "<th>合同金额</th><td>—</td>" in render_unit_index(doc)


def test_dates_are_written_as_iso_days() -> None:
    html = render_unit_index(sample_unit_packet())
    assert "<td>2026-06-30</td><td>第一期法律服务费</td>" in html
    assert "数据截至 2027-05-06" in html and dt.date(2026, 9, 18).isoformat() in html


def test_a_report_not_submitted_reads_缺_未提交_never_none() -> None:
    from tasks.packets.figures import DocumentLink

    doc = dataclasses.replace(sample_unit_packet(), documents=[DocumentLink("成果报告", None, None, False)])
    html = render_unit_index(doc)
    assert "<td>成果报告</td>" in html and "缺</span>（未提交）" in html
    assert "None" not in html


def test_the_page_shows_each_components_reason_the_top_up_and_the_payments_to_check() -> None:
    doc = sample_unit_packet()
    funds = dataclasses.replace(doc.funds, top_up_fen=600_000, legal_aid_fen=250_000,
                                flagged=["2026-11-02 办公用品采购 3,000.00 元：非购买法律服务用途"])
    html = render_unit_index(dataclasses.replace(doc, funds=funds))
    assert "<th>依据</th>" in html and "<td>评审人评定 82 分</td>" in html
    assert "单位自筹 6,000.00 元（项目经费不足部分由项目实施单位承担，不扣分）" in html
    assert "法律援助补贴 2,500.00 元，另列" in html
    assert "<li>2026-11-02 办公用品采购 3,000.00 元：非购买法律服务用途</li>" in html


def test_the_legal_aid_section_counts_subsidy_cases_without_amounts_until_rates_are_entered() -> None:
    from models.legal_aid import aid_subsidies
    from tests.unit.factories import programme_config

    subsidies = aid_subsidies({"mediation": 7, "arbitration": 1}, 5, programme_config().legal_aid_rates)
    html = render_unit_index(dataclasses.replace(sample_unit_packet(), aid_subsidies=subsidies.as_dict()))
    assert "可申请法律援助补贴 3 件：超出基本服务的协商调解 2 件、代理仲裁 1 件" in html
    assert "补贴标准待省总工会确认，暂只统计件数（另列，不计入项目补助）" in html


def test_a_criterions_shortfall_is_shown_as_the_rule_words_it() -> None:
    html = render_unit_index(sample_unit_packet())
    assert '<span class="no">工作总结尚未提交</span>' in html and "缺少：工作总结" not in html
