"""Inline SVG charts for the evaluation packet pages: pure functions from the packet's figures to markup.

No JavaScript, no external references, no randomness: the same data gives the same bytes.
Every label that comes from the data is HTML-escaped. Coordinates are written with one
decimal place; counts are formatted by fmt_number, money (fen) by models.funds.yuan.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from markupsafe import Markup, escape

from models.funds import yuan
from tasks.packets.figures import AidCount, Funds, Month, Quota, UnitSummary, Venues

FONT_FAMILY = '"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei","PingFang SC",sans-serif'

STATUS_COLOURS: dict[str, str] = {
    "on_track": "#1b9e4b",
    "behind": "#e08a00",
    "at_risk": "#d62728",
    "done": "#1f5fbf",
}
STATUS_LABELS: dict[str, str] = {
    "on_track": "进度正常", "behind": "进度落后", "at_risk": "有风险", "done": "已完成",
}
UNKNOWN_STATUS_COLOUR = "#7f7f7f"

TRACK_COLOUR = "#e6e8eb"
INK_COLOUR = "#222222"
MUTED_COLOUR = "#666666"
TICK_COLOUR = "#111111"
VENUE_REACHED_COLOUR = "#1b9e4b"
VENUE_MISSING_COLOUR = "#f2f3f5"
FUNDS_SPENT_COLOUR = "#1f5fbf"
FUNDS_OVER_COLOUR = "#7f9f8f"  # the unit's own top-up: shown, not a fault
AID_COLOUR = "#7b3fa0"
SCORE_COLOUR = "#0f7c8c"
UNCATEGORISED_COLOUR = "#b0b0b0"

VENUE_ORDER: tuple[tuple[str, str], ...] = (
    ("enterprise", "进企业"),
    ("industrial_park", "进园区"),
    ("community", "进社区"),
    ("construction_site", "进工地"),
    ("campus", "进校园"),
)
CATEGORY_COLOURS: dict[str, str] = {
    "法治宣传教育": "#1b9e4b",
    "劳动法律监督": "#1f5fbf",
    "职工法律援助": "#7b3fa0",
    "参与集体协商": "#e08a00",
    "集体协商": "#e08a00",
    "合法性审查": "#0f7c8c",
    "其他法律工作": "#8c564b",
    "企业用工体检": "#c2185b",
}
EXTRA_PALETTE: tuple[str, ...] = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#9c755f", "#76b7b2")

WIDTH = 720
LABEL_WIDTH = 170
BAR_WIDTH = 380
ROW_HEIGHT = 34


def fmt_number(value: float | int | Decimal) -> str:
    """A count or score: integers without decimals, others with one decimal place (half up)."""
    number = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{number:.0f}" if number == number.to_integral_value() else f"{number:.1f}"


def _coord(value: float) -> str:
    """A coordinate with one decimal place (trailing .0 dropped)."""
    return fmt_number(round(float(value), 1))


def _text(x: float, y: float, content: Any, *, anchor: str = "start", size: int = 13,
          colour: str = INK_COLOUR, weight: str = "normal") -> str:
    """One escaped <text> element."""
    return (f'<text x="{_coord(x)}" y="{_coord(y)}" text-anchor="{anchor}" font-size="{size}" '
            f'fill="{colour}" font-weight="{weight}">{escape(content)}</text>')


def _rect(x: float, y: float, width: float, height: float, fill: str, *, extra: str = "") -> str:
    """One <rect> element; extra attributes are trusted constants."""
    tail = f" {extra}" if extra else ""
    return (f'<rect x="{_coord(x)}" y="{_coord(y)}" width="{_coord(max(width, 0.0))}" '
            f'height="{_coord(height)}" fill="{fill}"{tail}/>')


def _svg(label: str, height: float, body: Iterable[str], *, css_class: str) -> Markup:
    """The root <svg> with role, aria-label, <title> and the CJK font stack."""
    safe_label = escape(label)
    return Markup(
        f'<svg class="chart {css_class}" role="img" '
        f'aria-label="{safe_label}" viewBox="0 0 {WIDTH} {_coord(height)}" width="{WIDTH}" '
        f'height="{_coord(height)}" font-family=\'{FONT_FAMILY}\'>'
        f"<title>{safe_label}</title>" + "".join(body) + "</svg>"
    )


def _empty(label: str, css_class: str) -> Markup:
    """A small chart that says there is nothing to draw (无)."""
    return _svg(label, 40, [_text(10, 26, "无数据", colour=MUTED_COLOUR)], css_class=css_class)


def _scale(value: float, maximum: float, width: float = BAR_WIDTH) -> float:
    """value on a 0..maximum axis drawn `width` pixels wide."""
    return 0.0 if maximum <= 0 else width * float(value) / float(maximum)


def _legend(items: Sequence[tuple[str, str]], y: float) -> list[str]:
    """A row of colour swatches with labels, left to right."""
    parts: list[str] = []
    x = 10.0
    for label, colour in items:
        parts.append(_rect(x, y - 10, 12, 12, colour))
        parts.append(_text(x + 16, y, label, size=12, colour=MUTED_COLOUR))
        x += 28 + 13 * len(label)
    return parts


def _quota_row(quota: Quota, y: float) -> list[str]:
    """One quota: track to the target, bar to the count, a tick at the expected pace."""
    count, target, expected = float(quota.count), float(quota.target), float(quota.expected)
    maximum = max(count, target, expected, 1.0)
    colour = STATUS_COLOURS.get(quota.status, UNKNOWN_STATUS_COLOUR)
    x0 = LABEL_WIDTH
    tick_x = x0 + _scale(expected, maximum)
    summary = f"{fmt_number(count)} / {fmt_number(target)} {quota.unit}".strip()
    status = quota.status_label or STATUS_LABELS.get(quota.status, "")
    data_status = f'data-status="{escape(quota.status)}"'
    return [
        _text(10, y + 17, quota.label),
        _rect(x0, y + 4, _scale(target, maximum), 18, TRACK_COLOUR),
        _rect(x0, y + 4, _scale(count, maximum), 18, colour, extra=data_status),
        f'<line x1="{_coord(tick_x)}" y1="{_coord(y)}" x2="{_coord(tick_x)}" y2="{_coord(y + 26)}" '
        f'stroke="{TICK_COLOUR}" stroke-width="2"/>',
        _text(x0 + BAR_WIDTH + 10, y + 17, f"{summary} · {status}", size=12),
    ]


def quota_bars(quotas: Sequence[Quota]) -> Markup:
    """Horizontal bar per quota: count vs target, a tick at `expected`, coloured by status."""
    label = "任务指标完成情况：各项指标的完成数、目标数与应达进度"
    if not quotas:
        return _empty(label, "quota-bars")
    body: list[str] = []
    for index, quota in enumerate(quotas):
        body.extend(_quota_row(quota, 8 + index * ROW_HEIGHT))
    legend_y = 8 + len(quotas) * ROW_HEIGHT + 16
    legend = [(STATUS_LABELS[key], STATUS_COLOURS[key]) for key in STATUS_COLOURS]
    body.extend(_legend([*legend, ("竖线＝应达进度", TICK_COLOUR)], legend_y))
    return _svg(label, legend_y + 12, body, css_class="quota-bars")


def _venue_rank(name: str) -> int:
    """Position of a venue name in the canonical 五进 order (unknown ones last)."""
    names = [venue_name for _, venue_name in VENUE_ORDER]
    return names.index(name) if name in names else len(names)


def _venue_list(venues: Venues) -> list[tuple[str, int | None]]:
    """(name, count or None when missing) in the canonical 五进 order, then by name."""
    codes = [code for code, _ in VENUE_ORDER]
    reached = sorted(venues.reached,
                     key=lambda v: (codes.index(v.code) if v.code in codes else len(codes), v.code))
    items: list[tuple[str, int | None]] = [(v.name, v.count) for v in reached]
    missing = sorted(venues.missing, key=lambda n: (_venue_rank(n), n))
    items.extend((name, None) for name in missing)
    return items


def _venue_tile(name: str, count: int | None, x: float) -> list[str]:
    """One tile: filled green with the count when reached, pale with 未覆盖 when missing."""
    reached = count is not None
    fill = VENUE_REACHED_COLOUR if reached else VENUE_MISSING_COLOUR
    ink = "#ffffff" if reached else MUTED_COLOUR
    detail = f"{count} 场" if reached else "未覆盖"
    return [
        _rect(x, 8, 124, 76, fill, extra=f'rx="8" stroke="{VENUE_REACHED_COLOUR}" stroke-width="2"'),
        _text(x + 62, 40, name, anchor="middle", size=16, colour=ink, weight="bold"),
        _text(x + 62, 66, detail, anchor="middle", size=13, colour=ink),
    ]


def venue_tiles(venues: Venues) -> Markup:
    """Five tiles, one per 五进 venue; reached ones filled."""
    items = _venue_list(venues)
    label = f"普法“五进”覆盖：已覆盖 {venues.count} 类，共 {venues.of} 类"
    if not items:
        return _empty(label, "venue-tiles")
    body: list[str] = []
    for index, (name, count) in enumerate(items):
        body.extend(_venue_tile(name, count, 10 + index * 140))
    return _svg(label, 92, body, css_class="venue-tiles")


def category_order(months: Sequence[Month]) -> list[str]:
    """Categories seen in any month: known ones in ledger order, then others by name."""
    known = list(CATEGORY_COLOURS)
    seen = {name for month in months for name in month.by_category}
    return sorted(seen, key=lambda name: (known.index(name) if name in known else len(known), name))


def _category_colours(categories: Sequence[str]) -> dict[str, str]:
    """A fixed colour per known category, the extra palette in order for the others."""
    colours: dict[str, str] = {}
    extra = 0
    for name in categories:
        if name in CATEGORY_COLOURS:
            colours[name] = CATEGORY_COLOURS[name]
        else:
            colours[name] = EXTRA_PALETTE[extra % len(EXTRA_PALETTE)]
            extra += 1
    return colours


def _month_segments(month: Month, categories: Sequence[str],
                    colours: dict[str, str]) -> list[tuple[int, str]]:
    """(count, colour) from the bottom up; a remainder beyond the categories is grey."""
    by_category = month.by_category
    segments = [(by_category[name], colours[name]) for name in categories if by_category.get(name)]
    remainder = month.total - sum(count for count, _ in segments)
    if remainder > 0:
        segments.append((remainder, UNCATEGORISED_COLOUR if segments else FUNDS_SPENT_COLOUR))
    return segments


def _month_column(month: Month, segments: Sequence[tuple[int, str]], x: float,
                  width: float, maximum: int) -> list[str]:
    """One stacked column with its total above and the month below."""
    base, plot = 200.0, 170.0
    parts: list[str] = []
    y = base
    for count, colour in segments:
        height = _scale(count, maximum, plot)
        y -= height
        parts.append(_rect(x, y, width, height, colour))
    total = month.total or sum(count for count, _ in segments)
    parts.append(_text(x + width / 2, y - 4, total, anchor="middle", size=11))
    parts.append(_text(x + width / 2, base + 16, month.month[2:], anchor="middle", size=11,
                       colour=MUTED_COLOUR))
    return parts


def monthly_columns(months: Sequence[Month]) -> Markup:
    """Column chart of ledger entries per month, stacked by category (or the total alone)."""
    label = "月度台账：每月登记的工作条数（按类别堆叠）"
    if not months:
        return _empty(label, "monthly-columns")
    categories = category_order(months)
    colours = _category_colours(categories)
    maximum = max(max(m.total, sum(m.by_category.values())) for m in months)
    slot = (WIDTH - 60) / len(months)
    width = min(40.0, slot * 0.7)
    body = [f'<line x1="40" y1="200" x2="{WIDTH - 10}" y2="200" stroke="{MUTED_COLOUR}" stroke-width="1"/>']
    for index, month in enumerate(months):
        segments = _month_segments(month, categories, colours)
        x = 50 + index * slot + (slot - width) / 2
        body.extend(_month_column(month, segments, x, width, max(maximum, 1)))
    body.extend(_legend([(name, colours[name]) for name in categories], 244))
    return _svg(label, 256, body, css_class="monthly-columns")


def funds_bar(funds: Funds) -> Markup:
    """Spent vs subsidy: spent within the subsidy in blue, the unit's own top-up beyond it in grey-green."""
    subsidy, spent = Decimal(funds.subsidy_fen).scaleb(-2), Decimal(funds.spent_fen).scaleb(-2)  # 元
    over_fen, share = max(funds.spent_fen - funds.subsidy_fen, 0), funds.share_label
    spent_text, subsidy_text = yuan(funds.spent_fen), yuan(funds.subsidy_fen)
    label = f"经费使用：已支出 {spent_text} 元，补助 {subsidy_text} 元（{share}）"
    maximum = float(max(subsidy, spent, Decimal(1)))
    within, over = min(spent, subsidy), max(spent - subsidy, Decimal(0))
    x0, width = 10.0, WIDTH - 20.0
    body = [
        _rect(x0, 30, _scale(float(subsidy), maximum, width), 28, TRACK_COLOUR),
        _rect(x0, 30, _scale(float(within), maximum, width), 28, FUNDS_SPENT_COLOUR),
        _rect(x0 + _scale(float(subsidy), maximum, width), 30, _scale(float(over), maximum, width), 28,
              FUNDS_OVER_COLOUR, extra='data-over="true"'),
        _text(x0, 20, f"已支出 {spent_text} 元 / 补助 {subsidy_text} 元（{share}）", size=13),
    ]
    if over_fen > 0:
        body.append(_text(x0 + width, 78, f"超出补助 {yuan(over_fen)} 元（单位自筹，不扣分）", anchor="end",
                          colour=FUNDS_OVER_COLOUR, size=12))
    body.extend(_legend([("补助内支出", FUNDS_SPENT_COLOUR), ("单位自筹", FUNDS_OVER_COLOUR),
                         ("补助额度", TRACK_COLOUR)], 100))
    return _svg(label, 110, body, css_class="funds-bar")


def count_bars(rows: Sequence[tuple[str, float, str]], label: str, css_class: str, *,
               maximum: float | None = None, suffix: str = "") -> Markup:
    """Horizontal bars: (label, value, colour) per row with the value at the end (the portal uses it too)."""
    if not rows:
        return _empty(label, css_class)
    top = maximum if maximum is not None else max(max(value for _, value, _ in rows), 1.0)
    body: list[str] = []
    for index, (name, value, colour) in enumerate(rows):
        y = 8 + index * ROW_HEIGHT
        body.append(_text(10, y + 17, name))
        body.append(_rect(LABEL_WIDTH, y + 4, _scale(value, top), 18, colour))
        body.append(_text(LABEL_WIDTH + _scale(value, top) + 8, y + 17, f"{fmt_number(value)}{suffix}",
                          size=12))
    return _svg(label, 8 + len(rows) * ROW_HEIGHT + 4, body, css_class=css_class)


def aid_bars(legal_aid: Sequence[AidCount]) -> Markup:
    """Horizontal bars of legal-aid cases per type."""
    rows = [(item.type_label, float(item.count), AID_COLOUR) for item in legal_aid]
    return count_bars(rows, "职工法律援助：各类援助件数", "aid-bars", suffix=" 件")


def score_bars(units: Sequence[UnitSummary]) -> Markup:
    """Province index: one bar per unit's score on a 0-100 axis, in rank order."""
    ordered = sorted(units, key=lambda u: (u.rank, u.code))
    rows = [(f"{u.rank}. {u.name}", float(u.score), SCORE_COLOUR) for u in ordered]
    return count_bars(rows, "各单位评分预评（满分 100）", "score-bars", maximum=100.0, suffix=" 分")
