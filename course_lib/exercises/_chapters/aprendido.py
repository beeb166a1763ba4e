"""Ejercicios del capítulo «¿Qué ha aprendido la red?»."""

from __future__ import annotations

from typing import Any

import numpy as np

from course_lib.exercises._core import (
    CORRECT,
    WRONG,
    InvalidAnswer,
    Result,
    as_int,
    as_shape,
    register,
    table,
)


@register(
    "aprendido-1",
    question="cuántas imágenes suma la fila de la clase 5 de la matriz de confusión (un entero)",
    hint="cada fila es una clase real: cuenta todas las imágenes de prueba que son un 5.",
    solution="892, el número de cincos del conjunto de prueba: np.sum(y_test == 5).",
)
def _aprendido_1(answer: Any) -> Result:
    return table(answer, 892, {
        1000: "no todas las clases tienen 1000 imágenes de prueba: cuenta los cincos.",
        5421: "esos son los cincos de entrenamiento; la matriz es del conjunto de prueba.",
    }, as_int)


def _as_confusion_matrix(matrix: Any) -> np.ndarray:
    """La matriz de confusión del cuaderno: cuadrada, numérica y sin valores no finitos."""
    message = "matrix debe ser la matriz de confusión: una matriz cuadrada de números."
    try:
        grid = np.asarray(matrix)
    except (TypeError, ValueError):
        raise InvalidAnswer(message) from None
    if grid.ndim != 2 or grid.shape[0] != grid.shape[1] or grid.shape[0] < 2:
        raise InvalidAnswer(message)
    if grid.dtype.kind not in "iuf" or not np.isfinite(grid).all():
        raise InvalidAnswer(message)
    return grid


@register(
    "aprendido-2",
    question="la confusión más frecuente de la red (si hay empate, cualquiera de ellas), como una "
             "tupla (clase real, clase predicha)",
    hint="busca la casilla mayor fuera de la diagonal de matrix (np.fill_diagonal y argmax).",
    solution="off = matrix.copy(); np.fill_diagonal(off, 0); "
             "np.unravel_index(off.argmax(), off.shape) (si hay empate, vale cualquiera de las "
             "casillas mayores).",
    needs_context=("matrix",),
)
def _aprendido_2(answer: Any, matrix: Any) -> Result:
    expected = "una tupla de dos clases: (real, predicha)"
    real, predicted = as_shape(answer, length=2, expected=expected, minimum=None)
    off = _as_confusion_matrix(matrix).copy()
    classes = off.shape[0]
    if not (0 <= real < classes and 0 <= predicted < classes):
        raise InvalidAnswer(f"se esperaba {expected}, y las clases van de 0 a {classes - 1}: "
                            f"has dado ({real}, {predicted}).")
    np.fill_diagonal(off, 0)
    if real == predicted:
        return Result(WRONG, "esa casilla está en la diagonal: son aciertos, no confusiones.")
    # Con un empate, cualquiera de las casillas mayores es correcta; el mensaje vale para los
    # dos casos, porque la salida del cuaderno no debe depender de que haya empate.
    if off[real, predicted] == off.max():
        return Result(CORRECT, "¡bien hecho! Ninguna casilla fuera de la diagonal tiene más.")
    if off[predicted, real] == off.max():
        return Result(WRONG, "has invertido el orden: las filas son la clase real y las columnas "
                             "la predicha.")
    return Result(WRONG, f"la casilla ({real}, {predicted}) tiene {off[real, predicted]} errores; "
                         "hay otra con más.")
