"""Ejercicios con corrección automática: comprobación, pista y solución de cada ejercicio.

En un cuaderno::

    from course_lib import exercises
    respuesta = (14, 14, 16)
    exercises.check("convolucion-1", respuesta)   # imprime la corrección
    exercises.hint("convolucion-1")               # una pista
    exercises.solution("convolucion-1")           # la solución

Cada corrector reconoce los errores típicos (olvidar el sesgo, confundir ``same`` y
``valid``, una forma traspuesta, probabilidades que no suman 1...) y dice qué está mal.
Una respuesta sin hacer (``None``) da «pendiente», y una entrada mal formada da una
indicación, nunca un error de Python.
"""

from __future__ import annotations

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


_REGISTRY: dict[str, Exercise] = {}


class InvalidAnswer(Exception):
    """La respuesta no tiene la forma pedida; el mensaje dice qué se esperaba."""


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
    """Corrige ``answer`` sin imprimir nada y devuelve el :class:`Result`."""
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
    except Exception as error:  # cualquier otra cosa: orientación, nunca una traza
        return Result(
            INVALID,
            f"no he podido interpretar tu respuesta ({type(error).__name__}). "
            f"Se pide: {exercise.question}",
        )


def check(exercise_id: str, answer: Any, *context: Any) -> None:
    """Corrige ``answer`` e imprime la corrección en español."""
    print(evaluate(exercise_id, answer, *context))


def hint(exercise_id: str) -> None:
    """Imprime la pista del ejercicio."""
    print(f"💡 Pista: {get(exercise_id).hint}")


def solution(exercise_id: str) -> None:
    """Imprime la solución del ejercicio."""
    print(f"📖 Solución: {get(exercise_id).solution}")


# --- Conversión de respuestas --------------------------------------------------------


def as_int(answer: Any) -> int:
    """Entero (acepta 3.0, no acepta 3.5 ni texto)."""
    if isinstance(answer, bool) or not isinstance(answer, Real):
        raise InvalidAnswer(f"se esperaba un número entero y has dado {type(answer).__name__} ({answer!r}).")
    if isinstance(answer, Integral) or float(answer).is_integer():
        return int(answer)
    raise InvalidAnswer(
        f"se esperaba un número entero y has dado {answer}: los parámetros, pasos y tamaños "
        "se cuentan con enteros (¿has redondeado hacia el lado correcto?)."
    )


def as_shape(answer: Any) -> tuple[int, ...]:
    """Tupla de enteros, como ``(14, 14, 16)``."""
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Sequence):
        raise InvalidAnswer(f"se esperaba una forma como (14, 14, 16) y has dado {answer!r}.")
    return tuple(as_int(v) if v is not None else -1 for v in answer)


def table(answer: Any, expected: Any, mistakes: dict[Any, str], convert: Callable[[Any], Any]) -> Result:
    """Corrector por tabla: la respuesta correcta y un mensaje por cada error típico."""
    value = convert(answer)
    if value == expected:
        return Result(CORRECT, "¡bien hecho!")
    if value in mistakes:
        return Result(WRONG, mistakes[value])
    return Result(WRONG, f"{value!r} no es correcto. Usa exercises.hint(...) si necesitas una pista.")


# Los correctores de cada capítulo se registran al importarlos.
from course_lib import _exercise_bank  # noqa: E402,F401
