"""Kept for existing imports: the 统一社会信用代码 rules live in models/values/credit_codes.py."""

from models.values.credit_codes import CHARSET, WEIGHTS, check_character, credit_code_problem

__all__ = ["CHARSET", "WEIGHTS", "check_character", "credit_code_problem"]
