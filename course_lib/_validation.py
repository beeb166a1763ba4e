"""Las comprobaciones de argumentos de la biblioteca, cada una escrita una vez.

Cada función devuelve el valor si sirve y, si no, lanza una excepción cuyo mensaje en español
dice qué argumento, qué se esperaba y qué se recibió. Un booleano nunca cuenta como número
(``True`` no es un tamaño de lote) y los enteros son los ``int`` de Python.
"""

from __future__ import annotations

import math
from numbers import Real
from typing import TYPE_CHECKING, TypeGuard

import numpy as np

if TYPE_CHECKING:
    import keras

_INTEGERS = {None: "un entero", 0: "un entero no negativo", 1: "un entero positivo"}


def is_integer(value: object, *, minimum: int | None = None) -> TypeGuard[int]:
    """``True`` si ``value`` es un ``int`` (no un booleano) y no es menor que ``minimum``."""
    return (
        isinstance(value, int) and not isinstance(value, bool) and (minimum is None or value >= minimum)
    )


def integer(value: object, name: str, *, minimum: int | None = 1) -> int:
    """``value`` si es un entero no menor que ``minimum`` (por omisión, positivo); si no, ``ValueError``."""
    if not is_integer(value, minimum=minimum):
        expected = _INTEGERS.get(minimum, f"un entero >= {minimum}")
        raise ValueError(f"«{name}» debe ser {expected}; se recibió {value!r}.")
    return value


def real(value: object, name: str) -> float:
    """``value`` como ``float`` si es un número real finito.

    Lanza ``TypeError`` si no es un número (o es un booleano) y ``ValueError`` si no es finito.
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"«{name}» debe ser un número real; se recibió {type(value).__name__}.")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"«{name}» debe ser un número finito; se recibió {number}.")
    return number


def in_interval(value: object, name: str, low: float, high: float, bounds: str = "[)") -> float:
    """``value`` como ``float`` si es un número del intervalo; si no, ``ValueError``.

    ``bounds`` dice qué extremos entran, como en matemáticas: ``"[)"`` es ``low <= value < high``
    y ``"(]"``, ``low < value <= high``.
    """
    if isinstance(value, Real) and not isinstance(value, bool):
        number = float(value)
        above = number >= low if bounds[0] == "[" else number > low
        below = number <= high if bounds[1] == "]" else number < high
        if above and below:
            return number
    raise ValueError(
        f"«{name}» debe ser un número en {bounds[0]}{low:g}, {high:g}{bounds[1]}; se recibió {value!r}."
    )


def ndarray(value: object, name: str) -> np.ndarray:
    """``value`` si es un ``numpy.ndarray``; si no, ``TypeError``."""
    if not isinstance(value, np.ndarray):
        raise TypeError(f"«{name}» debe ser un numpy.ndarray; se recibió {type(value).__name__}.")
    return value


def keras_model(value: object, name: str = "model") -> keras.Model:
    """``value`` si es un ``keras.Model``; si no, ``TypeError``."""
    import keras  # importación diferida: comprobar un número no debe cargar Keras

    if not isinstance(value, keras.Model):
        raise TypeError(f"«{name}» debe ser un keras.Model; se recibió {type(value).__name__}.")
    return value
