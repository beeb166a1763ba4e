"""Formato de números para la prosa en español (coma decimal, espacio de miles)."""

from __future__ import annotations

import math
from numbers import Real

_NBSP = "\u00a0"  # espacio de no separación: «99,13 %» no se parte al final de línea


def _check_real(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"«{name}» debe ser un número real; se recibió {type(value).__name__}.")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"«{name}» debe ser un número finito; se recibió {number}.")
    return number


def _check_decimals(decimals: object) -> int:
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise ValueError(f"«decimals» debe ser un entero >= 0; se recibió {decimals!r}.")
    return decimals


def number(value: float, decimals: int = 0) -> str:
    """Escribe un número a la española: ``93322`` -> ``'93 322'``, ``0.5`` -> ``'0,5'``.

    Los miles se separan con un espacio de no separación (norma de la RAE para
    números de más de cuatro cifras) y los decimales con coma.

    Parameters
    ----------
    value : float
        El número que se escribe.
    decimals : int
        Número de cifras decimales.

    Returns
    -------
    str
        El número formateado.
    """
    number_ = _check_real(value, "value")
    decimals = _check_decimals(decimals)
    text = f"{number_:,.{decimals}f}"  # formato inglés: 93,322.50
    integer, _, fraction = text.partition(".")
    sign = "-" if integer.startswith("-") else ""
    digits = integer.lstrip("-").replace(",", "")
    if len(digits) > 4:
        digits = f"{int(digits):,}".replace(",", _NBSP)
    return sign + digits + ("," + fraction if fraction else "")


def percent(fraction: float, decimals: int = 2) -> str:
    """Escribe una fracción como porcentaje a la española: ``0.9913`` -> ``'99,13 %'``.

    Parameters
    ----------
    fraction : float
        Valor entre 0 y 1 (puede salir de ese intervalo, p. ej. un aumento del 150 %).
    decimals : int
        Número de cifras decimales del porcentaje.

    Returns
    -------
    str
        El porcentaje, con un espacio de no separación antes del signo «%».
    """
    return number(_check_real(fraction, "fraction") * 100, decimals) + _NBSP + "%"
