"""Ejercicios del capítulo «¿Qué ha aprendido la red?»."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from course_lib.exercises._core import (
    CORRECT,
    EXACT,
    EXACT_TUPLE,
    InvalidAnswer,
    Named,
    Result,
    Verdict,
    as_int,
    as_shape,
    mistake,
    real_number,
    register,
    rows_for_columns,
)

FIVES = 892
"""Los cincos del conjunto de prueba de MNIST: la suma de la fila 5 de cualquier matriz de confusión."""
BOOK_RUN = {"columna": 882, "diagonal": 875, "errores": 17}
"""Lo que dan la columna 5, la casilla (5, 5) y los errores de la fila 5 en la ejecución del libro
(si el estudiante no pasa su matriz, se comparan con estos)."""
FOURS = 982
"""Los cuatros del conjunto de prueba: la fila 4, la que suma quien cuenta las filas desde 1."""
SIXES = 958
"""Los seises del conjunto de prueba: la fila 6, la de al lado por el otro extremo."""
TEST_IMAGES = 10000
"""Las imágenes del conjunto de prueba: la suma de toda la matriz."""


def _as_confusion_matrix(matrix: Any) -> np.ndarray:
    """La matriz de confusión del cuaderno: cuadrada, numérica y sin valores no finitos."""
    message = "matrix debe ser la matriz de confusión: una matriz cuadrada de números."
    try:
        grid = np.asarray(matrix)
    except Exception:  # un objeto cualquiera que dice ser un array y no lo es
        raise InvalidAnswer(message) from None
    if grid.ndim != 2 or grid.shape[0] != grid.shape[1] or grid.shape[0] < 2:
        raise InvalidAnswer(message)
    if grid.dtype.kind not in "iuf" or not np.isfinite(grid).all():
        raise InvalidAnswer(message)
    return grid


@register(
    "aprendido-1",
    question="cuántas imágenes suma la fila de la clase 5 de la matriz de confusión",
    answer_format="un entero: la suma de la fila de la clase 5",
    tolerance=EXACT,
    answer=FIVES,
    optional_context=("matrix",),
    hints=(
        "en la matriz de confusión, cada fila es una clase real y cada columna, la clase que "
        "predijo la red.",
        "la fila de la clase 5 reparte todos los cincos de prueba entre las predicciones: súmala "
        "entera, con la casilla de la diagonal (los aciertos) incluida.",
    ),
    solution="892, el número de cincos del conjunto de prueba: np.sum(y_test == 5).",
    misconceptions=(
        rows_for_columns("esa es la suma de la columna 5: las imágenes que la red predijo como 5. La "
                         "fila cuenta las que de verdad son un 5.", BOOK_RUN["columna"]),
        mistake("solo la diagonal", "esa es la casilla de la diagonal, los cincos acertados; la fila "
                                    "suma también los cincos que la red confundió.", BOOK_RUN["diagonal"]),
        mistake("solo los errores", "esos son solo los cincos mal clasificados; la fila suma también los "
                                    "acertados, los de la diagonal.", BOOK_RUN["errores"]),
        mistake("filas desde 1", "esa es la fila de la clase 4: las filas se cuentan desde 0, como las "
                                 "clases.", FOURS),
        mistake("1000 por clase", "no todas las clases tienen 1000 imágenes de prueba: cuenta los "
                                  "cincos.", 1000),
        mistake("entrenamiento", "esos son los cincos de entrenamiento; la matriz es del conjunto de "
                                 "prueba.", 5421),
        mistake("fracción", "se pide cuántas imágenes suma la fila (un recuento), no qué fracción o "
                            "porcentaje del total son.", FIVES / 10000, FIVES / 100),
        mistake("toda la matriz", "esa es la suma de toda la matriz, todas las imágenes de prueba; se "
                                  "pide solo la fila de la clase 5.", TEST_IMAGES),
        mistake("la fila de al lado", "esa es la fila de la clase 6, la de al lado: las filas se cuentan "
                                      "desde 0, como las clases.", SIXES),
        mistake("errores de la columna", "esos son los que la red predijo como 5 sin serlo (la columna "
                                         "sin la diagonal); la fila cuenta los que de verdad son un 5, "
                                         "acertados o no.", BOOK_RUN["columna"] - BOOK_RUN["diagonal"]),
    ),
)
def _aprendido_1(answer: Any, matrix: Any = None) -> Verdict:
    if matrix is not None:
        grid = _as_confusion_matrix(matrix)
        if grid.shape[0] < 6:
            raise InvalidAnswer("matrix debe ser la matriz de confusión de las 10 clases.")
        column, diagonal, row = grid[:, 5].sum(), grid[5, 5], grid[5].sum()
        known = {grid.sum(): "toda la matriz", grid[6].sum(): "la fila de al lado",
                 column - diagonal: "errores de la columna", column: "filas por columnas",
                 diagonal: "solo la diagonal", row - diagonal: "solo los errores",
                 grid[4].sum(): "filas desde 1"}
    else:
        row = FIVES
        known = {TEST_IMAGES: "toda la matriz", SIXES: "la fila de al lado",
                 BOOK_RUN["columna"] - BOOK_RUN["diagonal"]: "errores de la columna",
                 BOOK_RUN["columna"]: "filas por columnas", BOOK_RUN["diagonal"]: "solo la diagonal",
                 BOOK_RUN["errores"]: "solo los errores", FOURS: "filas desde 1"}
    known |= {1000: "1000 por clase", 5421: "entrenamiento"}
    try:
        count = as_int(answer)
    except InvalidAnswer:
        number = real_number(answer)
        if number is not None and any(math.isclose(number, f) for f in (FIVES / 10000, FIVES / 100)):
            return "fracción"
        raise
    # Con la matriz del estudiante, la fila 5 es la suya (como en aprendido-2).
    if count == row:
        return Result(CORRECT, "¡bien hecho!")
    return known.get(count)


@register(
    "aprendido-2",
    question="la confusión más frecuente de la red (si hay empate, cualquiera de ellas)",
    answer_format="una tupla de dos enteros, (clase real, clase predicha)",
    tolerance=EXACT_TUPLE,
    needs_context=("matrix",),
    hints=(
        "las confusiones son las casillas de fuera de la diagonal: la fila es la clase real y la "
        "columna, la predicha.",
        "pon a 0 la diagonal de una copia de matrix (np.fill_diagonal) y busca la casilla mayor; "
        "np.unravel_index convierte la posición que da argmax en (fila, columna).",
    ),
    solution="off = matrix.copy(); np.fill_diagonal(off, 0); "
             "np.unravel_index(off.argmax(), off.shape) (si hay empate, vale cualquiera de las "
             "casillas mayores).",
    misconceptions=(
        rows_for_columns("has invertido el orden: las filas son la clase real y las columnas la "
                         "predicha.", (1, 2)),
        mistake("en la diagonal", "esa casilla está en la diagonal: son aciertos, no confusiones.", (2, 2)),
        mistake("clases desde 1", "las clases van de 0 a 9, como las filas y las columnas de matrix: has "
                                  "sumado 1 a cada clase.", (3, 2)),
        mistake("índice plano", "has dado un solo número, la posición de la casilla en la matriz "
                                "aplanada: conviértelo en (fila, columna) con np.unravel_index.", 7),
        mistake("casilla menor", "la casilla {casilla} tiene {errores}; hay otra con más.", (0, 1)),
    ),
)
def _aprendido_2(answer: Any, matrix: Any) -> Verdict:
    off = _as_confusion_matrix(matrix).copy()
    classes = off.shape[0]
    np.fill_diagonal(off, 0)
    flat = real_number(answer)
    if flat is not None and flat.is_integer() and 0 <= flat < off.size:
        real, predicted = divmod(int(flat), classes)
        if off[real, predicted] == off.max():
            return "índice plano"
    expected = "una tupla de dos clases: (real, predicha)"
    real, predicted = as_shape(answer, length=2, expected=expected, minimum=None)
    if not (0 <= real < classes and 0 <= predicted < classes):
        if 1 <= real <= classes and 1 <= predicted <= classes and off[real - 1, predicted - 1] == off.max():
            return "clases desde 1"
        raise InvalidAnswer(f"se esperaba {expected}, y las clases van de 0 a {classes - 1}: "
                            f"has dado ({real}, {predicted}).")
    if real == predicted:
        return "en la diagonal"
    # Con un empate, cualquiera de las casillas mayores es correcta; el mensaje vale para los
    # dos casos, porque la salida del cuaderno no debe depender de que haya empate.
    if off[real, predicted] == off.max():
        return Result(CORRECT, "¡bien hecho! Ninguna casilla fuera de la diagonal tiene más.")
    if off[predicted, real] == off.max():
        return "filas por columnas"
    if real >= 1 and predicted >= 1 and off[real - 1, predicted - 1] == off.max():
        return "clases desde 1"
    errors = int(off[real, predicted])
    return Named("casilla menor", {"casilla": f"({real}, {predicted})",
                                   "errores": f"{errors} error" if errors == 1 else f"{errors} errores"})
