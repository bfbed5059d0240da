"""The ledger's cells, one column at a time: the vocabulary of models.values behind one fast path.

Each column has one single-cell parser (`cell_parser`) built from models.values, and one whole-column
parser (`column_check(...).bulk`) whose inline test accepts only the ordinary value — a date cell in
range, a known label, an 11-digit mobile, a float that is a whole number or a two-decimal amount — and
hands everything else to the single-cell parser. The inline tests are exactly the parser's rule for
those values; tests/unit/test_ledger_cells.py proves the two give the same value or the same reason for
generated cells. This keeps 100,000-row files close to the cost of reading them at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from models.ledger_schema import ID_NUMBER, MAX_AMOUNT_YUAN, PHONE, TEXT_LIMIT, WORKER_NAME, Column
from models.text_clean import visible_text
from models.values import (
    MISSING,
    CellError,
    ValueProblem,
    cell_error,
    parse_count,
    parse_date,
    parse_division_code,
    parse_fen,
    parse_id_number,
    parse_phone,
    parse_text,
)
from models.values.counts import MAX_COUNT
from models.values.dates import EARLIEST_DATE, LATEST_DATE, read_date
from models.values.id_numbers import id_number_checker
from models.values.money import FLOAT_TOLERANCE_YUAN

KEY_TEXT = {"title", "case_no", WORKER_NAME}  # identity parts: inner whitespace collapsed
MOBILE_SECOND = frozenset("3456789")
_TOLERANCE_FEN = FLOAT_TOLERANCE_YUAN * 100
_MISSING = object()

Parse = Callable[[object], Any]


class Refused:
    """A cell's refusal, standing in the parsed column where the value would be."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def __eq__(self, other: object) -> bool:
        return other.__class__ is Refused and other.reason == self.reason  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self.reason)

    def __repr__(self) -> str:
        return f"Refused({self.reason!r})"


@dataclass(frozen=True)
class Limits:
    """What a cell is checked against: the import day, the programme window, the units taking part."""

    as_of: dt.date
    window: tuple[dt.date, dt.date]
    known_units: frozenset[str]


# ---------------------------------------------------------------- single cells


def _required(column: Column, parse: Parse, blank: object) -> Parse:
    """`parse` giving `blank` for an empty cell, or refusing it with 未填写 when the column is required."""
    def parsed(value: object) -> Any:
        result = parse(value)
        if result is None or result == "":
            if column.required:
                raise ValueProblem(MISSING)
            return blank
        return result
    return parsed


def _choice_parser(column: Column) -> Parse:
    lookup = {label: code for code, label in column.choices} | {code: code for code, _ in column.choices}
    allowed = "、".join(label for _, label in column.choices)

    def parse(value: object) -> str:
        text = parse_text(value)
        code = lookup.get(text)
        if code is not None:
            return code
        if not text:
            if column.required:
                raise ValueProblem(f"{MISSING}（应为 {allowed} 之一）")
            return ""
        raise ValueProblem(f"“{text}”不是可选的{column.header}（应为 {allowed} 之一）")
    return parse


def date_range(window: tuple[dt.date, dt.date] | None, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The accepted (first, last) date: within the window and not after as_of; any date without a window."""
    if window is None:
        return EARLIEST_DATE, LATEST_DATE
    return window[0], min(window[1], as_of)


def _date_parser(window: tuple[dt.date, dt.date] | None, as_of: dt.date) -> Parse:
    """A date; event dates (window given) must lie in the window and not after as_of."""
    low, latest = date_range(window, as_of)
    read = parse_date if window is None else read_date   # the window is narrower than 2000–2099

    def parse(value: object) -> dt.date | None:
        day = read(value)
        if day is None or low <= day <= latest:
            return day
        if window and as_of < day <= window[1]:
            raise ValueProblem(f"日期 {day} 晚于导入日期 {as_of}，不能登记尚未发生的事项")
        if window:
            raise ValueProblem(f"日期 {day} 不在项目实施期（{low} 至 {window[1]}）内")
        raise ValueProblem(f"日期 {day} 不合理")
    return parse


def text_limit(column: Column) -> int:
    """The longest text a column takes, in characters."""
    return column.maximum if column.maximum is not None else TEXT_LIMIT


def _value_parser(column: Column, limits: Limits) -> tuple[Parse, object]:
    """The column's parser from the vocabulary and what an empty optional cell gives."""
    key, kind = column.key, column.kind
    if key == "unit_code":
        return (lambda value: parse_division_code(value, limits.known_units)), ""
    if key == PHONE:
        return parse_phone, ""
    if key == ID_NUMBER:
        return (lambda value: parse_id_number(value, today=limits.as_of)), ""
    if kind == "date":
        # 答复期限 is a deadline and may lie ahead; every other date is something that happened
        return _date_parser(None if key == "reply_due" else limits.window, limits.as_of), None
    if kind == "int":
        top = column.maximum if column.maximum is not None else MAX_COUNT
        return (lambda value: parse_count(value, maximum=top)), None
    if kind == "money":
        top = column.maximum or MAX_AMOUNT_YUAN
        return (lambda value: parse_fen(value, maximum_yuan=top)), None
    limit, collapse = text_limit(column), key in KEY_TEXT
    return (lambda value: parse_text(value, limit=limit, collapse=collapse)), ""


def cell_parser(column: Column, limits: Limits) -> Parse:
    """The single-cell parser of a column: the value, or a Refused holding the Chinese reason."""
    if column.kind == "choice":
        parse = _choice_parser(column)
    else:
        parse = _required(column, *_value_parser(column, limits))

    def one(value: object) -> Any:
        if value.__class__ is CellError:
            return Refused(cell_error(value))
        if value.__class__ is str and not value.isprintable():  # type: ignore[attr-defined]
            value = visible_text(value)  # type: ignore[arg-type]
        try:
            return parse(value)
        except ValueProblem as error:
            return Refused(str(error))
    return one


# ---------------------------------------------------------------- whole columns


@dataclass
class ColumnCheck:
    """One column's parsers: `one` cell at a time, or the `bulk` of a column; `refused` counts the
    refusals of the last bulk run."""

    column: Column
    index: int
    one: Parse = field(init=False)
    bulk: Callable[[list], list] = field(init=False)
    refused: list[int] = field(default_factory=lambda: [0])


def column_check(column: Column, index: int, limits: Limits) -> ColumnCheck:
    """The parsers of one column read from cell `index` of each row."""
    check = ColumnCheck(column, index)
    check.one = cell_parser(column, limits)
    refused, one = check.refused, check.one

    def slow(value: object) -> Any:
        result = one(value)
        if result.__class__ is Refused:
            refused[0] += 1
        return result

    check.bulk = _bulk(column, slow, limits, refused)
    return check


def _bulk(column: Column, slow: Parse, limits: Limits, refused: list[int]) -> Callable[[list], list]:
    """The whole-column parser: the common case inline, everything else through `slow`."""
    key, kind, required = column.key, column.kind, column.required
    if key == "unit_code":
        known = limits.known_units
        return lambda values: [v if v in known else slow(v) for v in values]
    if key == PHONE:
        second = MOBILE_SECOND
        return lambda values: ["" if v == "" else v if v.__class__ is str and len(v) == 11
                               and v.isascii() and v.isdigit() and v[0] == "1" and v[1] in second
                               else slow(v) for v in values]
    if key == ID_NUMBER:
        valid_id = id_number_checker(limits.as_of)  # canonical numbers only: others get reasons via `slow`
        return lambda values: ["" if v == "" else v if v.__class__ is str and valid_id(v) else slow(v)
                               for v in values]
    if kind == "choice":
        lookup = {label: code for code, label in column.choices} | {code: code for code, _ in column.choices}
        if not required:
            lookup[""] = ""
        get = lookup.get
        return lambda values: [c if (c := get(v, _MISSING)) is not _MISSING else slow(v) for v in values]
    if kind == "date":
        return _bulk_dates(column, slow, limits)
    if kind == "int":
        top = float(column.maximum if column.maximum is not None else MAX_COUNT)
        return lambda values: [None if v == "" and not required else int(v) if v.__class__ is float
                               and 0.0 <= v <= top and v.is_integer() else slow(v) for v in values]
    if kind == "money":
        return _bulk_money(column, slow)
    return _bulk_texts(column, slow, refused)


def _bulk_dates(column: Column, slow: Parse, limits: Limits) -> Callable[[list], list]:
    low, latest = date_range(None if column.key == "reply_due" else limits.window, limits.as_of)
    date_class = dt.date
    if column.required:
        return lambda values: [v if v.__class__ is date_class and low <= v <= latest else slow(v)
                               for v in values]
    return lambda values: [None if v == "" else v if v.__class__ is date_class and low <= v <= latest
                           else slow(v) for v in values]


def _bulk_money(column: Column, slow: Parse) -> Callable[[list], list]:
    """A float within the tolerance of a two-decimal amount is that amount (models.values.money's rule)."""
    top, tolerance, required = float(column.maximum or MAX_AMOUNT_YUAN), _TOLERANCE_FEN, column.required
    return lambda values: [None if v == "" and not required else fen if v.__class__ is float
                           and 0.0 <= v <= top and abs((f := v * 100.0) - (fen := round(f))) <= tolerance
                           else slow(v) for v in values]


def _bulk_texts(column: Column, slow: Parse, refused: list[int]) -> Callable[[list], list]:
    limit = text_limit(column)
    if column.key in KEY_TEXT:
        texts = lambda values: [" ".join(v.split()) if v.__class__ is str and v.isprintable()  # noqa: E731
                                and len(v) <= limit else slow(v) for v in values]
    else:
        texts = lambda values: [v.strip() if v.__class__ is str and v.isprintable()  # noqa: E731
                                and len(v) <= limit else slow(v) for v in values]
    if not column.required:
        return texts

    def required_texts(values: list) -> list:
        out = texts(values)
        if "" in out:
            refused[0] += 1
            out = [Refused(MISSING) if v == "" else v for v in out]
        return out
    return required_texts
