"""Formato de números en español (coma decimal, espacio de miles), para la prosa y las figuras.

Toda la conversión a coma decimal del proyecto pasa por :func:`decimal_comma`; las
demás funciones (:func:`format_number`, :func:`scientific`, :func:`power_of_ten`,
:func:`number`, :func:`percent`) y los gráficos de :mod:`course_lib.plotting` la usan.
"""

from __future__ import annotations

import re

from course_lib import _validation

_NBSP = "\u00a0"  # espacio de no separación: «99,13 %» no se parte al final de línea

MINUS_SIGN = "\u2212"
"""Signo menos tipográfico («−», U+2212), el que matplotlib usa en los ejes."""

# Lo que escribe format() de Python para un número sin separador de miles ni «%».
_PLAIN_NUMBER = re.compile(r"[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|nan|inf)", re.IGNORECASE)


def decimal_comma(text: str, *, typographic_minus: bool = False) -> str:
    """Pasa a la española un número ya escrito en notación inglesa: ``'0.25'`` -> ``'0,25'``.

    Es la única conversión a coma decimal del proyecto. El punto decimal pasa a
    coma y, con ``typographic_minus=True``, cada guion pasa a signo menos
    tipográfico (U+2212), también el del exponente: ``'-0.25'`` -> ``'−0,25'``,
    ``'1e-05'`` -> ``'1e−05'`` (así escribe matplotlib los números de los ejes).
    Sin esa opción el guion se queda: ``'4.8e-07'`` -> ``'4,8e-07'``.

    Parameters
    ----------
    text : str
        Un número tal como lo escribe :func:`format` de Python, sin separador de
        miles ni signo «%» (``'-0.25'``, ``'4.8e-07'``, ``'3'``, ``'nan'``).
    typographic_minus : bool
        Cambiar el guion («-») por el signo menos tipográfico («−»).

    Returns
    -------
    str
        El mismo número con coma decimal.

    Raises
    ------
    TypeError
        Si ``text`` no es una cadena.
    ValueError
        Si ``text`` no es un número escrito así (p. ej. ``'1,234.5'`` o ``'50%'``).
    """
    if not isinstance(text, str):
        raise TypeError(f"«text» debe ser una cadena (str); se recibió {type(text).__name__}.")
    if not _PLAIN_NUMBER.fullmatch(text):
        raise ValueError(
            "«text» debe ser un número escrito con punto decimal, sin separador de miles ni «%» "
            f"(p. ej. '-0.25' o '4.8e-07'); se recibió {text!r}."
        )
    text = text.replace(".", ",")
    return text.replace("-", MINUS_SIGN) if typographic_minus else text


def format_number(value: float, spec: str = "g", *, typographic_minus: bool = False) -> str:
    """Escribe un número con un formato de Python y coma decimal: ``(0.25, '.2f')`` -> ``'0,25'``.

    Equivale a ``decimal_comma(format(value, spec))`` tras comprobar que ``value``
    es un número real finito.

    Parameters
    ----------
    value : float
        El número (vale cualquier real: ``int``, ``float``, escalares de NumPy).
    spec : str
        Especificación de formato de Python sin separador de miles ni «%»:
        ``'g'``, ``'.2f'``, ``'.1e'``, ``'.3g'``, ``'d'``...
    typographic_minus : bool
        Escribir los negativos con «−» (U+2212) en vez de «-», como en los ejes
        de las figuras.

    Returns
    -------
    str
        El número formateado: ``(-0.25, 'g', typographic_minus=True)`` -> ``'−0,25'``,
        ``(4.8e-07, '.1e')`` -> ``'4,8e-07'``, ``(3, 'd')`` -> ``'3'``.

    Raises
    ------
    TypeError
        Si ``value`` no es un número real o ``spec`` no es una cadena.
    ValueError
        Si ``value`` no es finito (NaN, infinito) o ``spec`` no es un formato válido
        que dé un número sin separador de miles.
    """
    _validation.real(value, "value")
    if not isinstance(spec, str):
        raise TypeError(f"«spec» debe ser una cadena (str); se recibió {type(spec).__name__}.")
    try:
        text = format(value, spec)
    except (TypeError, ValueError):
        raise ValueError(f"«spec» no es un formato válido para {value!r}: {spec!r}.") from None
    if not _PLAIN_NUMBER.fullmatch(text):
        raise ValueError(
            f"«spec» debe dar un número sin separador de miles ni «%»; {spec!r} da {text!r} "
            "(para miles usa formatting.number y para porcentajes formatting.percent)."
        )
    return decimal_comma(text, typographic_minus=typographic_minus)


def scientific(value: float, decimals: int = 1) -> str:
    """Escribe un número en notación científica con coma decimal: ``4.83e-07`` -> ``'4,8e-07'``.

    El exponente conserva el guion de Python (``e-07``), como en el texto del libro.

    Parameters
    ----------
    value : float
        El número que se escribe.
    decimals : int
        Cifras decimales de la mantisa.

    Returns
    -------
    str
        El número formateado (igual que ``f"{value:.{decimals}e}"`` con coma decimal).
    """
    return format_number(value, f".{_validation.integer(decimals, 'decimals', minimum=0)}e")


_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def power_of_ten(value: float, decimals: int = 1) -> str:
    """Escribe un número como en un texto de ciencias: ``4.83e-07`` -> ``'4,8 · 10⁻⁷'``.

    Es la forma de la notación científica para la prosa (la de :func:`scientific`,
    ``4,8e-07``, es la de la salida de un programa). Si el exponente es 0 solo se
    escribe la mantisa, y el cero exacto se escribe «0» (no «0,0»), sea cual sea
    ``decimals``.

    Parameters
    ----------
    value : float
        El número que se escribe.
    decimals : int
        Cifras decimales de la mantisa.

    Returns
    -------
    str
        El número formateado, con signo menos tipográfico (−) si es negativo.
    """
    mantissa, _, exponent = scientific(value, decimals).partition("e")
    if float(value) == 0:  # también −0.0: un cero exacto no tiene cifras decimales que dar
        return "0"
    mantissa = mantissa.replace("-", MINUS_SIGN)
    power = int(exponent)
    if power == 0:
        return mantissa
    return f"{mantissa} · 10{str(power).translate(_SUPERSCRIPTS)}"


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
    number_ = _validation.real(value, "value")
    text = format_number(number_, f".{_validation.integer(decimals, 'decimals', minimum=0)}f")  # '-12345,5'
    sign = "-" if text.startswith("-") else ""
    digits, comma, fraction = text.lstrip("-").partition(",")
    if len(digits) > 4:
        digits = f"{int(digits):,}".replace(",", _NBSP)
    return sign + digits + comma + fraction


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
    return number(_validation.real(fraction, "fraction") * 100, decimals) + _NBSP + "%"
