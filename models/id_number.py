"""Kept for existing imports: the 居民身份证号码 rules live in models/values/id_numbers.py."""

from models.values.id_numbers import (
    CHECK_CHARACTERS,
    PROVINCES,
    id_check_character,
    id_number_checker,
    id_number_problem,
)

__all__ = ["CHECK_CHARACTERS", "PROVINCES", "id_check_character", "id_number_checker", "id_number_problem"]
