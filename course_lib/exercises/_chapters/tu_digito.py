"""Ejercicios del capítulo «Tu propio dígito»."""

from __future__ import annotations

from course_lib.exercises._core import EXACT_TUPLE, as_shape, mistake, register_table

CROP = (60, 24)
"""La caja del dígito del ejercicio 1: 60 filas × 24 columnas de tinta."""
CENTRE = (9.3, 4.6)
"""El centro de masas (fila, columna) del dígito escalado del ejercicio 2."""
FRAME_CENTRE = 14
"""El píxel del marco de 28 × 28 donde MNIST pone el centro de masas: (14, 14)."""


def _pair(answer: object) -> tuple[int, ...]:
    return as_shape(answer, length=2, expected="una tupla (filas, columnas), como (20, 10)")


def _corner(answer: object) -> tuple[int, ...]:
    return as_shape(answer, length=2, expected="una tupla (fila, columna), como (3, 10)")


register_table(
    "tu_digito-1",
    question="el tamaño (filas, columnas) del dígito de 60 × 24 píxeles tras escalarlo como MNIST",
    answer_format="una tupla de dos enteros, (filas, columnas)",
    tolerance=EXACT_TUPLE,
    answer=(20, 8),
    convert=_pair,
    rounds=True,
    correct="¡bien hecho! El lado mayor mide 20 y el dígito no se deforma.",
    hints=(
        "MNIST escala cada dígito, sin deformarlo, hasta que su lado mayor mide 20 píxeles.",
        "el factor de escala es 20 dividido entre el lado mayor; multiplica los dos lados por ese "
        "mismo factor.",
    ),
    solution="el factor es 20 / 60 = 1/3: 60 / 3 = 20 filas y 24 / 3 = 8 columnas, (20, 8).",
    misconceptions=(
        mistake("orden cambiado", "has cambiado el orden: el dígito es más alto que ancho, "
                                  "(filas, columnas).", (8, 20)),
        mistake("deformado", "así se deformaría: MNIST conserva la proporción, solo el lado mayor mide "
                             "20 píxeles.", (20, 20)),
        mistake("el marco de 28", "el dígito se escala a una caja de 20 × 20; el marco de 28 × 28 deja "
                                  "un margen alrededor.", (28, 11), (28, 28)),
        mistake("hacia abajo", "casi: aquí el factor da un número entero de columnas; no hay que "
                               "redondear hacia abajo.", (20, 7)),
        mistake("factor del lado menor", "el factor de escala se calcula con el lado mayor, no con el "
                                         "menor.", (50, 20)),
        mistake("solo el lado mayor", "has escalado solo el lado mayor: el mismo factor se aplica a los "
                                      "dos lados.", (20, 24)),
        mistake("sin escalar", "esas son las medidas originales; MNIST escala el dígito hasta que su "
                               "lado mayor cabe en la caja de 20 × 20.", (60, 24)),
        mistake("el ejemplo", "esas son las medidas de otro dígito, el del ejemplo; calcula el factor de "
                              "escala con las medidas de este.", (20, 10)),
        mistake("hacia arriba", "el lado menor se escala con el mismo factor que el mayor, y aquí da un "
                                "número entero de columnas: no hay nada que redondear.", (20, 9)),
        mistake("la mitad", "has dividido los dos lados entre 2; el factor de escala es el que deja el "
                            "lado mayor en 20 píxeles.", (30, 12)),
    ),
)

register_table(
    "tu_digito-2",
    question="la fila y la columna del marco de 28 × 28 donde va la esquina superior izquierda del "
             "dígito escalado, con centro de masas en (9,3; 4,6)",
    answer_format="una tupla de dos enteros, (fila, columna), contando desde 0",
    tolerance="exacta, con enteros: redondea cada número al entero más cercano",
    answer=(5, 9),
    convert=_corner,
    rounds=True,
    correct="¡bien hecho! El centro de masas cae en (14,3; 13,6), el píxel (14, 14) al redondear.",
    hints=(
        "MNIST coloca el dígito de modo que su centro de masas caiga en el centro del marco, el "
        "píxel (14, 14).",
        "si la esquina va en (f, c), el centro de masas acaba en (f + 9,3; c + 4,6): despeja f y c y "
        "redondea cada uno al entero más cercano.",
    ),
    solution="14 − 9,3 = 4,7, que se redondea a 5, y 14 − 4,6 = 9,4, que se redondea a 9: (5, 9).",
    misconceptions=(
        mistake("centro 13,5 o truncar", "o has tomado 13,5 como centro del marco, o has redondeado "
                                         "hacia abajo: MNIST lleva el centro de masas al píxel (14, 14), "
                                         "y cada número se redondea al entero más cercano.", (4, 9)),
        mistake("hacia arriba", "has redondeado hacia arriba; redondea cada número al entero más "
                                "cercano.", (5, 10)),
        mistake("caja centrada", "así centras la caja del dígito (el mismo margen a cada lado), no su "
                                 "centro de masas, que es lo que hicieron los autores de MNIST.", (4, 10)),
        mistake("orden cambiado", "has cambiado el orden: primero la fila y después la columna.", (9, 5)),
        mistake("sumar el centro", "la esquina va en 14 menos el centro de masas, no en 14 más.", (23, 19)),
        mistake("el centro, no la esquina", "(14, 14) es donde debe caer el centro de masas; se pide "
                                            "dónde va la esquina superior izquierda del dígito.", (14, 14)),
        mistake("sin redondear", "casi: la esquina tiene que caer en un píxel; redondea cada número al "
                                 "entero más cercano.", (14 - 9.3, 14 - 4.6)),
        mistake("contar desde 1", "el centro de masas del enunciado ya se cuenta desde 0, como los "
                                  "píxeles: no le sumes 1.", (4, 8)),
        mistake("esquina inferior derecha", "esa es la esquina inferior derecha; se pide la superior "
                                            "izquierda, donde empieza el dígito.", (25, 17)),
        mistake("media caja", "has sumado media caja: el centro de masas ya se mide desde la esquina "
                              "superior izquierda del dígito, no desde el centro de su caja.", (15, 13)),
        mistake("el marco desde 1", "las filas y las columnas del marco se cuentan desde 0, como los "
                                    "píxeles en NumPy, no desde 1.", (6, 10)),
        mistake("desde el borde", "has restado del borde del marco; el centro de masas tiene que caer en "
                                  "el centro del marco, no en su borde.", (19, 23)),
    ),
)
