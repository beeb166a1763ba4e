import pytest

from course_lib import formatting

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (93322, 0, f"93{NBSP}322"),
        (1234, 0, "1234"),  # cuatro cifras: sin separador (RAE)
        (60000, 0, f"60{NBSP}000"),
        (1234567.891, 2, f"1{NBSP}234{NBSP}567,89"),
        (0.5, 1, "0,5"),
        (-12345.5, 1, f"-12{NBSP}345,5"),
    ],
)
def test_number_uses_spanish_separators(value, decimals, expected):
    assert formatting.number(value, decimals) == expected


def test_percent_uses_decimal_comma_and_space_before_sign():
    assert formatting.percent(0.9913) == f"99,13{NBSP}%"
    assert formatting.percent(0.59231, 1) == f"59,2{NBSP}%"


@pytest.mark.parametrize("bad", [None, "0.5", True, float("nan"), float("inf")])
def test_percent_rejects_non_numbers(bad):
    with pytest.raises((TypeError, ValueError), match="fraction"):
        formatting.percent(bad)


def test_number_rejects_bad_decimals():
    with pytest.raises(ValueError, match="decimals"):
        formatting.number(1.0, -1)
