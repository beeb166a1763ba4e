"""Ejercicios del capítulo «Tu propio dígito»."""

from __future__ import annotations

from typing import Any

from course_lib.exercises._core import CORRECT, WRONG, Result, as_shape, register

CROP = (60, 24)
"""La caja del dígito del ejercicio 1: 60 filas × 24 columnas de tinta."""
CENTRE = (9.3, 4.6)
"""El centro de masas (fila, columna) del dígito escalado del ejercicio 2, de 20 × 8."""


@register(
    "tu_digito-1",
    question="el tamaño (filas, columnas) del dígito de 60 × 24 píxeles tras escalarlo como MNIST",
    hint="el lado mayor pasa a medir 20 píxeles y el otro se escala con el mismo factor, "
         "20 / 60, redondeando al entero más cercano.",
    solution="el factor es 20 / 60 = 1/3: 60 / 3 = 20 filas y 24 / 3 = 8 columnas, (20, 8).",
)
def _tu_digito_1(answer: Any) -> Result:
    shape = as_shape(answer, length=2, expected="una tupla (filas, columnas), como (20, 10)")
    if shape == (20, 8):
        return Result(CORRECT, "¡bien hecho! El lado mayor mide 20 y el dígito no se deforma.")
    if shape == (8, 20):
        return Result(WRONG, "has cambiado el orden: el dígito es más alto que ancho, (filas, columnas).")
    if shape == (20, 20):
        return Result(WRONG, "así se deformaría: MNIST conserva la proporción, solo el lado mayor "
                             "mide 20 píxeles.")
    if shape in ((28, 11), (28, 28)):
        return Result(WRONG, "el dígito se escala a una caja de 20 × 20; el marco de 28 × 28 deja "
                             "un margen alrededor.")
    if shape == (20, 7):
        return Result(WRONG, "casi: 24 / 3 = 8 exactamente; no hay que redondear hacia abajo.")
    return Result(WRONG, "el factor de escala es 20 dividido entre el lado mayor, 60; aplícalo a los "
                         "dos lados.")


@register(
    "tu_digito-2",
    question="la fila y la columna del marco de 28 × 28 donde va la esquina superior izquierda "
             "del dígito de 20 × 8 con centro de masas en (9,3; 4,6)",
    hint="el centro de masas tiene que acabar en el píxel (14, 14): la esquina va en 14 − 9,3 y "
         "14 − 4,6, redondeados al entero más cercano.",
    solution="14 − 9,3 = 4,7, que se redondea a 5, y 14 − 4,6 = 9,4, que se redondea a 9: (5, 9).",
)
def _tu_digito_2(answer: Any) -> Result:
    corner = as_shape(answer, length=2, expected="una tupla (fila, columna), como (3, 10)")
    if corner == (5, 9):
        return Result(CORRECT, "¡bien hecho! El centro de masas cae en (14,3; 13,6), el píxel (14, 14) "
                               "al redondear.")
    if corner == (4, 10):
        return Result(WRONG, "así centras la caja de 20 × 8 ((28 − 20) / 2 y (28 − 8) / 2), no su "
                             "centro de masas, que es lo que hicieron los autores de MNIST.")
    if corner == (4, 9):
        return Result(WRONG, "has redondeado 4,7 hacia abajo: redondea al entero más cercano.")
    if corner == (9, 5):
        return Result(WRONG, "has cambiado el orden: primero la fila y después la columna.")
    if corner == (23, 19):
        return Result(WRONG, "la esquina va en 14 menos el centro de masas, no en 14 más.")
    return Result(WRONG, "la esquina va en (14 − 9,3; 14 − 4,6), cada número redondeado al entero "
                         "más cercano.")
