"""Núcleo de los ejercicios: resultados, registro, corrección y conversión de respuestas.

Es la interfaz de quien escribe ejercicios (y de las pruebas); quien estudia usa solo
``check``, ``hint`` y ``solution`` desde :mod:`course_lib.exercises`. Este módulo no importa
nada de los capítulos (ni de :mod:`course_lib.exercises`): los módulos de cada capítulo, en
:mod:`course_lib.exercises._chapters`, lo importan a él y registran sus correctores con
:func:`register`.

Un corrector recibe la respuesta (y el contexto que declare) y devuelve un
:class:`Result`. Antes de juzgar, convierte la respuesta con :func:`as_int`,
:func:`as_shape` o :func:`as_vector`, que lanzan :class:`InvalidAnswer` con un mensaje
en español si la respuesta no tiene la forma pedida. :func:`evaluate` convierte esa
excepción en un resultado «entrada no válida»; cualquier otra excepción es un fallo del
corrector y se propaga.
"""

from __future__ import annotations

import math
import reprlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from numbers import Integral, Real
from typing import Any

import numpy as np

PLACEHOLDER = "# TU CÓDIGO AQUÍ"
"""Marca que la edición del estudiante pone en lugar de cada solución."""

CORRECT, WRONG, PENDING, INVALID = "correcto", "incorrecto", "pendiente", "entrada no válida"
_ICONS = {CORRECT: "✅", WRONG: "❌", PENDING: "⏳", INVALID: "⚠️"}


@dataclass(frozen=True)
class Result:
    """Resultado de corregir una respuesta."""

    status: str
    message: str

    @property
    def ok(self) -> bool:
        """``True`` si la respuesta es correcta."""
        return self.status == CORRECT

    def __str__(self) -> str:
        return f"{_ICONS[self.status]} {self.status.capitalize()}: {self.message}"


@dataclass(frozen=True)
class Exercise:
    """Un ejercicio: su corrector, una pista y la solución."""

    id: str
    question: str
    checker: Callable[..., Result]
    hint: str
    solution: str
    needs_context: tuple[str, ...] = field(default=())


class InvalidAnswer(Exception):
    """La respuesta no tiene la forma pedida; el mensaje dice qué se esperaba y qué ha llegado."""


_REGISTRY: dict[str, Exercise] = {}


def register(
    exercise_id: str, *, question: str, hint: str, solution: str, needs_context: Sequence[str] = ()
) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """Decorador que registra el corrector de un ejercicio."""

    def decorator(checker: Callable[..., Result]) -> Callable[..., Result]:
        if exercise_id in _REGISTRY:
            raise ValueError(f"El ejercicio «{exercise_id}» ya está registrado.")
        _REGISTRY[exercise_id] = Exercise(
            exercise_id, question, checker, hint, solution, tuple(needs_context)
        )
        return checker

    return decorator


def exercise_ids() -> list[str]:
    """Identificadores de todos los ejercicios, en orden de registro."""
    return list(_REGISTRY)


def get(exercise_id: str) -> Exercise:
    """Devuelve el ejercicio ``exercise_id`` o explica cuáles existen."""
    if exercise_id not in _REGISTRY:
        raise KeyError(
            f"No existe el ejercicio «{exercise_id}». Los ejercicios son: {', '.join(_REGISTRY)}."
        )
    return _REGISTRY[exercise_id]


def evaluate(exercise_id: str, answer: Any, *context: Any) -> Result:
    """Corrige ``answer`` sin imprimir nada y devuelve el :class:`Result`.

    Solo :class:`InvalidAnswer` se convierte en «entrada no válida»; cualquier otra
    excepción del corrector es un fallo suyo y se propaga.
    """
    exercise = get(exercise_id)
    if answer is None or answer is Ellipsis:
        return Result(PENDING, "sustituye None por tu respuesta y vuelve a ejecutar la celda.")
    if len(context) != len(exercise.needs_context):
        names = ", ".join(exercise.needs_context) or "nada más"
        return Result(INVALID, f"este corrector necesita, además de la respuesta: {names}.")
    try:
        return exercise.checker(answer, *context)
    except InvalidAnswer as error:
        return Result(INVALID, str(error))


def check(exercise_id: str, answer: Any, *context: Any) -> None:
    """Corrige ``answer`` e imprime la corrección en español."""
    print(evaluate(exercise_id, answer, *context))


def hint(exercise_id: str) -> None:
    """Imprime la pista del ejercicio."""
    print(f"💡 Pista: {get(exercise_id).hint}")


def solution(exercise_id: str) -> None:
    """Imprime la solución del ejercicio."""
    print(f"📖 Solución: {get(exercise_id).solution}")


# --- Conversión y validación de respuestas ---------------------------------------------

_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60
_REPR.maxtuple = _REPR.maxlist = 10


def describe(value: Any) -> str:
    """Describe un valor para los mensajes: su tipo y su representación, abreviada."""
    return f"{type(value).__name__} ({_REPR.repr(value)})"


def _scalar(value: Any) -> Any:
    """Un array de NumPy de dimensión 0 se trata como el número que contiene."""
    return value.item() if isinstance(value, np.ndarray) and value.ndim == 0 else value


def _is_number(value: Any) -> bool:
    """Número real que no es un booleano (``True`` no es una respuesta numérica)."""
    return isinstance(value, Real) and not isinstance(value, (bool, np.bool_))


def as_int(answer: Any, *, minimum: int | None = 0) -> int:
    """Entero mayor o igual que ``minimum`` (acepta 3, ``np.int64(3)`` y 3.0; no 3.5 ni texto).

    Con ``minimum=None`` acepta también negativos.
    """
    answer = _scalar(answer)
    if not _is_number(answer):
        raise InvalidAnswer(f"se esperaba un número entero y has dado {describe(answer)}.")
    if isinstance(answer, Integral):
        value = int(answer)
    else:
        number = _finite_float(answer, "un número entero")
        if not number.is_integer():
            raise InvalidAnswer(
                f"se esperaba un número entero y has dado {answer}: los parámetros, pasos y tamaños "
                "se cuentan con enteros (¿has redondeado hacia el lado correcto?)."
            )
        value = int(number)
    if minimum is not None and value < minimum:
        raise InvalidAnswer(
            f"se esperaba un número entero mayor o igual que {minimum} y has dado {value}: "
            "los tamaños, las cuentas y las posiciones no pueden ser negativos."
        )
    return value


def as_float(answer: Any) -> float:
    """Número real finito (no booleano, ni ``nan`` ni ``inf``)."""
    answer = _scalar(answer)
    if not _is_number(answer):
        raise InvalidAnswer(f"se esperaba un número y has dado {describe(answer)}.")
    return _finite_float(answer, "un número")


def _finite_float(number: Any, expected: str) -> float:
    """Convierte ``number`` (ya comprobado que es real) en un ``float`` finito."""
    try:
        value = float(number)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        raise InvalidAnswer(f"se esperaba {expected} y has dado {number}, que no es un número finito.")
    return value


def _elements(answer: Any, expected: str) -> list[Any]:
    """Los elementos de una tupla, una lista o un array de NumPy de una dimensión."""
    if isinstance(answer, (str, bytes, bytearray)):
        raise InvalidAnswer(f"se esperaba {expected} y has dado un texto: {describe(answer)}.")
    if not isinstance(answer, (Sequence, np.ndarray)) and hasattr(answer, "__array__"):
        try:  # un tensor u otro objeto que se convierte en array
            answer = np.asarray(answer)
        except (TypeError, ValueError):
            raise InvalidAnswer(f"se esperaba {expected} y has dado {describe(answer)}.") from None
    if isinstance(answer, np.ndarray):
        if answer.ndim != 1:
            raise InvalidAnswer(
                f"se esperaba {expected} y has dado un array de forma {answer.shape}; "
                "debe tener una sola dimensión."
            )
        return list(answer.tolist())
    if not isinstance(answer, Sequence):
        raise InvalidAnswer(f"se esperaba {expected} y has dado {describe(answer)}.")
    return list(answer)


def _check_length(values: list[Any], length: int | None, expected: str) -> None:
    """Comprueba que hay elementos y, si se pide, exactamente ``length``."""
    if not values:
        raise InvalidAnswer(f"se esperaba {expected} y has dado una secuencia vacía.")
    if length is not None and len(values) != length:
        raise InvalidAnswer(
            f"se esperaba {expected}, con {length} números, y has dado {len(values)}."
        )


def as_shape(
    answer: Any,
    *,
    length: int | None = None,
    expected: str = "una forma: una tupla de enteros como (28, 28, 1)",
    minimum: int | None = 0,
) -> tuple[int, ...]:
    """Tupla de enteros, como ``(28, 28, 1)``: acepta tuplas, listas y arrays de una dimensión.

    Rechaza ``None`` en cualquier posición, los negativos (salvo con ``minimum=None``), la
    secuencia vacía y, si se da ``length``, otra longitud.
    """
    values = _elements(answer, expected)
    _check_length(values, length, expected)
    shape = []
    for position, value in enumerate(values, start=1):
        if value is None:
            raise InvalidAnswer(
                f"se esperaba {expected} y en la posición {position} has puesto None: "
                "cada posición necesita un número entero."
            )
        try:
            shape.append(as_int(value, minimum=minimum))
        except InvalidAnswer as error:
            raise InvalidAnswer(f"se esperaba {expected}; en la posición {position}, {error}") from None
    return tuple(shape)


def as_vector(answer: Any, *, length: int, expected: str) -> np.ndarray:
    """Vector de ``length`` números reales finitos (tupla, lista o array de una dimensión)."""
    values = _elements(answer, expected)
    _check_length(values, length, expected)
    numbers = []
    for position, value in enumerate(values, start=1):
        try:
            numbers.append(as_float(value))
        except InvalidAnswer as error:
            raise InvalidAnswer(f"se esperaba {expected}; en la posición {position}, {error}") from None
    return np.array(numbers)


def table(answer: Any, expected: Any, mistakes: dict[Any, str], convert: Callable[[Any], Any]) -> Result:
    """Corrector por tabla: la respuesta correcta y un mensaje por cada error frecuente."""
    value = convert(answer)
    if value == expected:
        return Result(CORRECT, "¡bien hecho!")
    if value in mistakes:
        return Result(WRONG, mistakes[value])
    shown = _REPR.repr(value)  # igual que repr(value), abreviado si es muy largo
    return Result(WRONG, f"{shown} no es correcto. Usa exercises.hint(...) si necesitas una pista.")
