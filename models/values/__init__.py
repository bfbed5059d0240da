"""One input vocabulary: every value people type into our forms, parsed the same way by every reader.

Pure functions, no I/O. Each parser takes a raw cell or field value (str, int, float, bool, date,
datetime, None or a CellError from the spreadsheet reader) and returns the value — None ('' for text)
when the cell is blank — or raises `ValueProblem`, a ValueError whose message is the Chinese reason.
Callers decide whether a blank is allowed (`MISSING` is the reason “未填写”) and turn a ValueProblem into
models.errors.Problem with file, sheet, row and column.

    parse_date(v) -> date | None          every accepted form: date_formats_text() (for 填写说明 sheets);
                                          read_date(v) the same without the 2000–2099 check
    find_date(text) -> date | None        the first date inside a longer text
    parse_fen(v, maximum_yuan=1亿) -> int | None   yuan → fen; the float rule: fen_from_float
    parse_count(v, maximum=10**9) -> int | None    whole number ≥ 0 (3.0 is 3, 3.5 is refused)
    parse_phone(v) -> str | None          mobile '13912345678' or landline '0551-62345678[-801]'
    find_phone(text) -> str               the phone inside a contact text
    parse_id_number(v, today=) -> str | None   居民身份证号码 GB 11643 (id_number_problem for the reason)
    parse_credit_code(v) -> str | None    统一社会信用代码 GB 32100 (credit_code_problem)
    parse_division_code(v, known) -> str | None   6-digit county code among `known`
    parse_text(v, limit=, collapse=) -> str        free text; invisible_characters / refuse_invisible
    cell_text(v) -> str                   any cell as a person reads it

The check digits are ours (fast, with the Chinese reasons); tests cross-check them with python-stdnum.
"""

from models.values.cells import CellError, cell_error, cell_text
from models.values.counts import MAX_COUNT, parse_count
from models.values.credit_codes import credit_code_problem, parse_credit_code
from models.values.dates import (
    EARLIEST_DATE,
    LATEST_DATE,
    date_formats_text,
    find_date,
    parse_date,
    read_date,
)
from models.values.divisions import parse_division_code
from models.values.id_numbers import id_number_problem, parse_id_number
from models.values.money import FLOAT_TOLERANCE_YUAN, MAX_YUAN, fen_from_float, parse_fen, yuan_text
from models.values.phones import PHONE_HINT, find_phone, parse_phone, phone_or_none
from models.values.problem import MISSING, ValueProblem
from models.values.text import invisible_characters, paragraph_text, parse_text, refuse_invisible

__all__ = [
    "EARLIEST_DATE",
    "FLOAT_TOLERANCE_YUAN",
    "LATEST_DATE",
    "MAX_COUNT",
    "MAX_YUAN",
    "MISSING",
    "PHONE_HINT",
    "CellError",
    "ValueProblem",
    "cell_error",
    "cell_text",
    "credit_code_problem",
    "date_formats_text",
    "fen_from_float",
    "find_date",
    "find_phone",
    "id_number_problem",
    "invisible_characters",
    "paragraph_text",
    "parse_count",
    "parse_credit_code",
    "parse_date",
    "parse_division_code",
    "parse_fen",
    "parse_id_number",
    "parse_phone",
    "parse_text",
    "phone_or_none",
    "read_date",
    "refuse_invisible",
    "yuan_text",
]
