"""统一社会信用代码 (GB 32100-2015): 18 characters, the last one a check character."""

from __future__ import annotations

import unicodedata

from models.values.cells import CellError, cell_error, cell_text
from models.values.problem import ValueProblem

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(body: str) -> str:
    """The check character for the first 17 characters."""
    total = sum(CHARSET.index(c) * w for c, w in zip(body, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """None if the code is valid, else the reason in Chinese."""
    code = code.strip().upper()
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位，实为 {len(code)} 位"
    bad = sorted({c for c in code if c not in CHARSET})
    if bad:
        return f"统一社会信用代码含不允许的字符：{''.join(bad)}（不使用 I、O、Z、S、V）"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位错误：第 18 位应为 {expected}，实为 {code[17]}"
    return None


def parse_credit_code(value: object) -> str | None:
    """A valid code (upper-cased, full-width folded) from a cell; None when blank; ValueProblem otherwise."""
    if value.__class__ is CellError:
        raise ValueProblem(cell_error(value))
    code = unicodedata.normalize("NFKC", cell_text(value)).upper()
    if not code:
        return None
    problem = credit_code_problem(code)
    if problem:
        raise ValueProblem(problem)
    return code
