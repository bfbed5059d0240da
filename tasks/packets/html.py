"""Render an evaluation packet's index.html (one unit) and the province index from their figures.

Self-contained pages for offline reading: inline <style> and inline <svg>, no script, no
external resources, Simplified Chinese, every value HTML-escaped (Jinja2 autoescape). Links are
relative paths inside the packet; an absolute URL or path in an href raises ValueError. The same
figures give the same bytes (no clock, no random ids; dicts are iterated in a fixed order).
Numbers stay numbers until here: the templates write fen as 元 (`yuan`), counts and scores with
`num`, dates as YYYY-MM-DD.

Unit packet (`render_unit_index`, a figures.UnitPacket; `?` may be None, dates are dt.date):
    title, as_of, version, programme {year, name, config_hash}
    unit {code, name, city_code, city_name, provider?, contract_fen?, gate_met_on?, phase_label}
    quotas [Quota], venues Venues, monthly [Month], cases [Case], legal_aid [AidCount],
    other_work [WorkCount], funds Funds (fen; items [Expense], top_up_fen, legal_aid_fen, flagged [str]),
    aid_subsidies? (models/legal_aid.AidSubsidies.as_dict(): cases, priced, total_fen?, text, lines)
    oversight {visits [{date, by, notes}], periods [{label, visits, required, state_label,
               state kept|missed|open}]}
    procurement {method_label?, decided_on?, provider?, archive [{label, present, file?, sha256?,
                 date?}], team [str], duty?}
    gates [{label, met, met_on? "YYYY-MM-DD", criteria [Criterion.as_dict() with evidence]}]
    missing [str]
    rubric {components [{key, label, weight, score (None: 待评审), reason, parts [{code, label, weight, score,
            reason}]}], total, provisional, note, suggested, suggested_label}
    verdict? {verdict, label, decided_on, by, due_on?, notes}
    documents [DocumentLink (label, href?, sha256?, present)]; files {ledger, manifest}

Province index (`render_province_index`, a figures.ProvinceIndex): title, as_of, version, programme,
    units [UnitSummary (rank, code, name, city_name, score, suggested_label, verdict_label?, missing,
           href "340123/index.html", zip "340123.zip")]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from models.funds import yuan
from tasks.packets import svg
from tasks.packets.figures import Month, ProvinceIndex, UnitPacket

TEMPLATES = Path(__file__).resolve().parent / "templates"
DASH = "—"


def relative_href(href: str) -> str:
    """The href itself if it is a relative path inside the packet, else ValueError."""
    parts = urlsplit(href)
    if not href or parts.scheme or parts.netloc or href.startswith(("/", "\\")) or ".." in href.split("/"):
        raise ValueError(f"评估材料中的链接必须是包内相对路径：{href!r}")
    return href


def dash(value: Any) -> Any:
    """None or an empty string shown as a dash."""
    return DASH if value is None or value == "" else value


def percent(value: float | int | Decimal) -> str:
    """0.4 -> '40%', 0.825 -> '82.5%'."""
    return f"{svg.fmt_number(Decimal(str(value)) * 100)}%"


def short_hash(value: str | None) -> str:
    """The first 12 hex digits of a hash followed by an ellipsis, or a dash."""
    return DASH if not value else f"{value[:12]}…"


def weighted(component: Mapping[str, Any]) -> str:
    """A rubric component's contribution to the total: weight × score (a dash while 待评审)."""
    if component["score"] is None:
        return DASH
    return svg.fmt_number(Decimal(str(component["weight"])) * Decimal(str(component["score"])))


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment for the packet templates (autoescape, strict undefined)."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(num=svg.fmt_number, dash=dash, percent=percent, short_hash=short_hash,
                       href=relative_href, weighted=weighted, yuan=yuan)
    return env


def _breakdown(by_category: Mapping[str, int], order: list[str]) -> str:
    """'法治宣传教育 3、劳动法律监督 4' in the chart's category order."""
    return "、".join(f"{name} {by_category[name]}" for name in order if name in by_category) or DASH


def _monthly_rows(months: Sequence[Month]) -> list[dict[str, Any]]:
    """The monthly table: month, total and the category breakdown as text."""
    order = svg.category_order(months)
    return [{"month": m.month, "total": m.total, "breakdown": _breakdown(m.by_category, order)}
            for m in months]


def unit_charts(doc: UnitPacket) -> dict[str, Markup]:
    """The five inline SVG charts of a unit page, by name."""
    return {"quotas": svg.quota_bars(doc.quotas), "venues": svg.venue_tiles(doc.venues),
            "monthly": svg.monthly_columns(doc.monthly), "legal_aid": svg.aid_bars(doc.legal_aid),
            "funds": svg.funds_bar(doc.funds)}


def render_unit_index(doc: UnitPacket) -> str:
    """One unit's evaluation packet index.html."""
    template = environment().get_template("unit_index.html.j2")
    return template.render(doc=doc, charts=unit_charts(doc), monthly_rows=_monthly_rows(doc.monthly))


def render_province_index(doc: ProvinceIndex) -> str:
    """The province's index.html: ranked units with links into their packets."""
    template = environment().get_template("province_index.html.j2")
    return template.render(doc=doc, chart=svg.score_bars(doc.units))
