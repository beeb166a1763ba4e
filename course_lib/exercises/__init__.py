"""Ejercicios con corrección automática: comprobación, pista y solución de cada ejercicio.

En un cuaderno::

    from course_lib import exercises
    respuesta = (14, 14, 16)
    exercises.check("convolucion-1", respuesta)   # imprime la corrección
    exercises.hint("convolucion-1")               # una pista
    exercises.solution("convolucion-1")           # la solución

Cada corrector reconoce los errores frecuentes (olvidar el sesgo, confundir ``same`` y
``valid``, una forma traspuesta, probabilidades que no suman 1...) y dice qué está mal.
Una respuesta sin hacer (``None``) da «pendiente», y una entrada mal formada (``None``
dentro de una tupla, negativos, texto donde se pide un número...) da «entrada no válida»
con una indicación, nunca un error de Python.

El núcleo está en :mod:`course_lib.exercises._core`; los correctores, en un módulo por
capítulo, que solo importa el núcleo. Este paquete importa los capítulos en el orden del
libro, así que el registro sigue ese orden.
"""

from __future__ import annotations

from course_lib.exercises._core import (
    CORRECT,
    INVALID,
    PENDING,
    PLACEHOLDER,
    WRONG,
    Exercise,
    InvalidAnswer,
    Result,
    as_float,
    as_int,
    as_shape,
    as_vector,
    check,
    evaluate,
    exercise_ids,
    get,
    hint,
    register,
    solution,
    table,
)

# Cada capítulo registra sus correctores al importarse, en el orden del libro.
from course_lib.exercises import (  # noqa: F401  isort: skip
    red_densa,
    convnet_intro,
    convolucion,
    pooling,
    cabeza,
    entrenamiento,
    aprendido,
    mejorar,
    tu_digito,
)

CHAPTERS = (
    "red_densa", "convnet_intro", "convolucion", "pooling", "cabeza", "entrenamiento", "aprendido", "mejorar",
    "tu_digito",
)
"""Módulos de los capítulos, en el orden del libro."""

__all__ = [
    "CHAPTERS",
    "CORRECT",
    "INVALID",
    "PENDING",
    "PLACEHOLDER",
    "WRONG",
    "Exercise",
    "InvalidAnswer",
    "Result",
    "as_float",
    "as_int",
    "as_shape",
    "as_vector",
    "check",
    "evaluate",
    "exercise_ids",
    "get",
    "hint",
    "register",
    "solution",
    "table",
]
