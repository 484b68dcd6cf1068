"""F1: available-to-promise as a pure calculation."""

from datetime import date
from decimal import Decimal as D

from app.services.atp import atp_on, promise_date

TODAY = date(2026, 3, 1)
RECEIPTS = [(date(2026, 3, 10), D(4)), (date(2026, 2, 20), D(1)), (date(2026, 4, 1), D(10))]


def test_f1_atp_is_on_hand_plus_receipts_by_then_minus_reserved():
    assert atp_on(D(5), D(2), RECEIPTS, TODAY) == D(4)  # 5 + 1 (due already) - 2
    assert atp_on(D(5), D(2), RECEIPTS, date(2026, 3, 10)) == D(8)
    assert atp_on(D(5), D(2), RECEIPTS, date(2026, 4, 1)) == D(18)


def test_f1_promise_date_is_the_first_day_the_whole_quantity_is_available():
    assert promise_date(D(5), D(2), RECEIPTS, D(4), TODAY) == TODAY
    assert promise_date(D(5), D(2), RECEIPTS, D(5), TODAY) == date(2026, 3, 10)
    assert promise_date(D(5), D(2), RECEIPTS, D(18), TODAY) == date(2026, 4, 1)
    assert promise_date(D(5), D(2), RECEIPTS, D(19), TODAY) is None


def test_f1_over_reserved_stock_waits_for_receipts():
    assert atp_on(D(0), D(3), [], TODAY) == D(-3)
    assert promise_date(D(0), D(3), [(date(2026, 3, 5), D(4))], D(1), TODAY) == date(2026, 3, 5)
    assert promise_date(D(0), D(0), [], D(1), TODAY) is None
