"""专款专用: the subsidy spent on legal service, vouchered, in the year; top-ups shown, never penalised."""

from __future__ import annotations

import pytest

from models.fund_use import NO_VOUCHER, OTHER_USE, OUT_OF_YEAR, Payment, assess_fund_use, fund_use_score
from tests.unit.factories import d

SUBSIDY = 5_000_000
YEAR = (d("2026-04-01"), d("2027-05-31"))
DEMO_PAYMENTS = tuple(Payment(d(on), yuan * 100, purpose, f"PZ-{n}") for n, (on, yuan, purpose) in enumerate((
    ("2026-06-10", 16800, "法律服务费（合同首付）"), ("2026-10-10", 16800, "法律服务费（进度款）"),
    ("2027-02-10", 11200, "法律服务费（进度款）"), ("2027-04-28", 11200, "法律服务费（尾款）"))))


def test_a_56000_yuan_contract_with_a_top_up_scores_full_marks_and_shows_the_top_up() -> None:
    use = assess_fund_use(DEMO_PAYMENTS, SUBSIDY, YEAR)
    score, reason = fund_use_score(use)
    assert score == 100.0 and use.top_up_fen == 600_000 and not use.flagged
    assert "单位自筹 6,000.00 元" in reason and "不扣分" in reason


@pytest.mark.parametrize("paid_yuan, score", [(0, 0.0), (16800, 33.6), (40000, 80.0), (50000, 100.0),
                                              (80000, 100.0)])
def test_the_score_is_the_share_of_the_subsidy_documented_as_legal_service(paid_yuan, score) -> None:
    use = assess_fund_use((Payment(d("2026-07-01"), paid_yuan * 100, "法律服务费（一次付清）", "PZ"),),
                          SUBSIDY, YEAR)
    assert fund_use_score(use)[0] == pytest.approx(score)


def test_other_uses_of_subsidy_money_are_flagged_and_do_not_count() -> None:
    payments = (Payment(d("2026-07-01"), 4_000_000, "法律服务费（进度款）", "PZ-1"),
                Payment(d("2026-08-01"), 1_000_000, "办公用品采购", "PZ-2"))
    use = assess_fund_use(payments, SUBSIDY, YEAR)
    score, reason = fund_use_score(use)
    assert score == pytest.approx(80.0) and use.other_fen == 1_000_000
    assert [f.why for f in use.flagged] == [OTHER_USE]
    assert "需核实：2026-08-01 办公用品采购 10,000.00 元：非购买法律服务用途" in reason


def test_a_payment_without_voucher_or_outside_the_year_is_flagged_and_not_counted() -> None:
    payments = (Payment(d("2026-07-01"), 2_000_000, "法律服务费（首付）", ""),
                Payment(d("2027-07-01"), 2_000_000, "法律服务费（尾款）", "PZ-9"),
                Payment(d("2026-09-01"), 1_000_000, "法律服务费（进度款）", "PZ-3"))
    use = assess_fund_use(payments, SUBSIDY, YEAR)
    assert [f.why for f in use.flagged] == [NO_VOUCHER, OUT_OF_YEAR]
    assert use.proper_fen == 1_000_000 and fund_use_score(use)[0] == pytest.approx(20.0)


def test_legal_aid_subsidies_are_their_own_line_not_counted_against_the_subsidy() -> None:
    payments = (*DEMO_PAYMENTS[:2], Payment(d("2026-12-01"), 300_000, "法律援助补贴", "PZ-A"))
    use = assess_fund_use(payments, SUBSIDY, YEAR)
    assert use.legal_aid_fen == 300_000 and use.against_subsidy_fen == 3_360_000 and use.top_up_fen == 0
    assert "法律援助补贴 3,000.00 元另列，不计入补助" in fund_use_score(use)[1]


def test_no_subsidy_cannot_be_judged() -> None:
    assert fund_use_score(assess_fund_use((), 0, YEAR)) == (0.0, "无补助金额，无法评价经费使用")
