import numpy as np
import pytest

from course_lib import formatting

NBSP = "\u00a0"
MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (93322, 0, f"93{NBSP}322"),
        (1234, 0, "1234"),  # cuatro cifras: sin separador (RAE)
        (60000, 0, f"60{NBSP}000"),
        (1234567.891, 2, f"1{NBSP}234{NBSP}567,89"),
        (0.5, 1, "0,5"),
        (-12345.5, 1, f"-12{NBSP}345,5"),
        (-0.25, 2, "-0,25"),
        (12345, 2, f"12{NBSP}345,00"),
        (np.float32(0.5), 2, "0,50"),
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


class TestDecimalComma:
    """decimal_comma: la única conversión a coma decimal del proyecto."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("0.25", "0,25"),
            ("-0.25", "-0,25"),
            ("3", "3"),
            ("-7", "-7"),
            ("4.8e-07", "4,8e-07"),
            ("1.5e+06", "1,5e+06"),
            ("1e-05", "1e-05"),
            (".5", ",5"),
            ("nan", "nan"),
        ],
    )
    def test_keeps_the_hyphen_by_default(self, text, expected):
        assert formatting.decimal_comma(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("-0.25", f"{MINUS}0,25"),
            ("0.25", "0,25"),
            ("-3", f"{MINUS}3"),
            ("1e-05", f"1e{MINUS}05"),
            ("-1.1e-05", f"{MINUS}1,1e{MINUS}05"),
            ("-inf", f"{MINUS}inf"),
        ],
    )
    def test_typographic_minus(self, text, expected):
        assert formatting.decimal_comma(text, typographic_minus=True) == expected

    @pytest.mark.parametrize("bad", [0.25, None, b"0.25"])
    def test_rejects_non_strings(self, bad):
        with pytest.raises(TypeError, match="«text» debe ser una cadena"):
            formatting.decimal_comma(bad)

    @pytest.mark.parametrize("bad", ["1,234.5", "50.0%", "0,25", "", "abc", "1 000", "1.2.3"])
    def test_rejects_text_that_is_not_a_plain_number(self, bad):
        with pytest.raises(ValueError, match="punto decimal, sin separador de miles"):
            formatting.decimal_comma(bad)

    def test_minus_sign_constant(self):
        assert formatting.MINUS_SIGN == "−" == MINUS


class TestFormatNumber:
    """format_number: un formato de Python (spec) con coma decimal."""

    @pytest.mark.parametrize(
        ("value", "spec", "expected"),
        [
            (0.25, ".2f", "0,25"),
            (0.25, "g", "0,25"),
            (2.3026, ".3g", "2,3"),
            (-0.3, ".2f", "-0,30"),
            (4.83e-07, ".1e", "4,8e-07"),
            (1500000.0, ".2e", "1,50e+06"),
            (3, "d", "3"),
            (-42, "d", "-42"),
            (3, "g", "3"),
            (np.int64(7), "d", "7"),
            (np.float64(0.05), "g", "0,05"),
            (np.float32(0.5), ".1f", "0,5"),
            (12345.678, ".1f", "12345,7"),  # sin separador de miles: para eso, number()
        ],
    )
    def test_formats_with_decimal_comma(self, value, spec, expected):
        assert formatting.format_number(value, spec) == expected

    def test_default_spec_is_g(self):
        assert formatting.format_number(0.125) == "0,125"

    @pytest.mark.parametrize(
        ("value", "spec", "expected"),
        [
            (-0.25, "g", f"{MINUS}0,25"),
            (-2, "d", f"{MINUS}2"),
            (1e-5, "g", f"1e{MINUS}05"),
            (0.5, ".1f", "0,5"),
        ],
    )
    def test_typographic_minus(self, value, spec, expected):
        assert formatting.format_number(value, spec, typographic_minus=True) == expected

    @pytest.mark.parametrize("bad", [None, "0.5", True, [0.5], np.array([0.5])])
    def test_rejects_non_numbers(self, bad):
        with pytest.raises(TypeError, match="«value» debe ser un número real"):
            formatting.format_number(bad, "g")

    @pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf"), np.float64("nan")])
    def test_rejects_nan_and_infinity(self, bad):
        with pytest.raises(ValueError, match="«value» debe ser un número finito"):
            formatting.format_number(bad, "g")

    def test_rejects_bad_spec(self):
        with pytest.raises(TypeError, match="«spec» debe ser una cadena"):
            formatting.format_number(0.5, 2)
        with pytest.raises(ValueError, match="«spec» no es un formato válido"):
            formatting.format_number(0.5, "d")  # un float no admite «d»
        with pytest.raises(ValueError, match="«spec» no es un formato válido"):
            formatting.format_number(0.5, ".2q")

    @pytest.mark.parametrize("spec", [",.2f", "_.2f", ".1%", ">10.2f"])
    def test_rejects_specs_that_do_not_give_a_plain_number(self, spec):
        with pytest.raises(ValueError, match="sin separador de miles ni «%»"):
            formatting.format_number(12345.5, spec)


class TestScientific:
    """scientific: lo que el capítulo de convolución pone en la prosa (p. ej. «4,8e-07»)."""

    @pytest.mark.parametrize(
        "value", [4.83e-07, 2.4e-07, 9.99e-06, 1e-05, 0.0, 123456.0, -3.2e-08, np.float32(4.8e-07)]
    )
    def test_same_text_as_the_old_inline_expression(self, value):
        assert formatting.scientific(value) == f"{value:.1e}".replace(".", ",")

    def test_values(self):
        assert formatting.scientific(4.83e-07) == "4,8e-07"
        assert formatting.scientific(4.83e-07, 2) == "4,83e-07"
        assert formatting.scientific(12345, 0) == "1e+04"
        assert formatting.scientific(-0.00025) == "-2,5e-04"  # guion, como en la prosa

    def test_rejects_bad_input(self):
        with pytest.raises(ValueError, match="decimals"):
            formatting.scientific(1.0, -1)
        with pytest.raises(ValueError, match="finito"):
            formatting.scientific(float("nan"))
        with pytest.raises(TypeError, match="número real"):
            formatting.scientific("4.8e-07")


class TestPowerOfTen:
    """power_of_ten: la notación científica de la prosa (4,8 · 10⁻⁷), nunca «4,8e-07»."""

    @pytest.mark.parametrize(
        ("value", "decimals", "expected"),
        [
            (4.83e-07, 1, "4,8 · 10⁻⁷"),
            (4.83e-07, 2, "4,83 · 10⁻⁷"),
            (12345, 0, "1 · 10⁴"),
            (-0.00025, 1, "−2,5 · 10⁻⁴"),
            (3.0, 1, "3,0"),
            (1.5e12, 1, "1,5 · 10¹²"),
            (0.0, 1, "0"),
            (-0.0, 2, "0"),
            (0, 0, "0"),
        ],
    )
    def test_values(self, value, decimals, expected):
        assert formatting.power_of_ten(value, decimals) == expected

    def test_no_e_notation_and_no_hyphen(self):
        for value in (1e-30, -7.25e-3, 6.02e23):
            text = formatting.power_of_ten(value)
            assert "e" not in text, text
            assert "-" not in text, text

    @pytest.mark.parametrize("bad", [float("nan"), float("inf"), "4.8e-07"])
    def test_bad_values(self, bad):
        with pytest.raises((TypeError, ValueError)):
            formatting.power_of_ten(bad)
