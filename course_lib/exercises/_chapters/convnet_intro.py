"""Ejercicios del capítulo «Redes convolucionales: introducción»."""

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
    describe,
    register,
    table,
)

_FIRST_5x5 = [(24, 24, 32), (12, 12, 32), (10, 10, 64), (5, 5, 64), (3, 3, 64)]
_NAMES = ["conv_1", "pool_1", "conv_2", "pool_2", "conv_3"]
_EXPECTED = "una lista de cinco formas, como [(24, 24, 32), ...]"


def _as_shapes(answer: Any) -> list[tuple[int, ...]]:
    """Lista de formas: una lista o tupla de formas, o un array de NumPy de dos dimensiones."""
    if isinstance(answer, np.ndarray) and answer.ndim == 2:
        answer = list(answer)
    if isinstance(answer, (str, bytes, bytearray)) or not isinstance(answer, (list, tuple)):
        raise InvalidAnswer(f"se esperaba {_EXPECTED} y has dado {describe(answer)}.")
    if not answer:
        raise InvalidAnswer(f"se esperaba {_EXPECTED} y has dado una lista vacía.")
    return [
        as_shape(shape, expected=f"una forma como (24, 24, 32) en el elemento {position} de la lista")
        for position, shape in enumerate(answer, start=1)
    ]


@register(
    "convnet_intro-1",
    question="la lista de las cinco formas de salida de la base convolucional con la primera "
             "convolución de 5 × 5 (p. ej. [(24, 24, 32), ...])",
    hint="una convolución 'valid' de lado k pasa de n a n - k + 1; un pooling 2 × 2 divide "
         "entre 2 hacia abajo.",
    solution="28 → 24 (conv 5 × 5) → 12 (pool) → 10 (conv 3 × 3) → 5 (pool) → 3 (conv 3 × 3): "
             "[(24, 24, 32), (12, 12, 32), (10, 10, 64), (5, 5, 64), (3, 3, 64)].",
)
def _convnet_intro_1(answer: Any) -> Result:
    shapes = _as_shapes(answer)
    if len(shapes) != 5:
        return Result(WRONG, f"la base convolucional tiene 5 capas y has dado {len(shapes)} formas.")
    for name, got, want in zip(_NAMES, shapes, _FIRST_5x5, strict=True):
        if got == want:
            continue
        if len(got) != 3:
            return Result(WRONG, f"cada forma tiene tres números (alto, ancho, canales); la de {name} "
                                 f"tiene {len(got)}.")
        if got[-1] != want[-1]:
            return Result(WRONG, f"en {name} los canales son {want[-1]}: el número de filtros "
                                 "de la última convolución (el pooling no los cambia).")
        if name == "conv_1" and got[0] == 26:
            return Result(WRONG, "conv_1 tiene ahora un núcleo de 5 × 5: 28 - 5 + 1 = 24.")
        if name.startswith("pool") and got[0] == want[0] + 1:
            return Result(WRONG, f"en {name} el pooling redondea hacia abajo.")
        if name.startswith("conv") and got[0] == want[0] + 2:
            return Result(WRONG, f"en {name} la convolución 'valid' de 3 × 3 resta 2 al lado.")
        return Result(WRONG, f"la forma de {name} no es correcta (las anteriores sí).")
    return Result(CORRECT, "¡bien hecho! Las cinco formas son correctas.")


@register(
    "convnet_intro-2",
    question="el número total de parámetros de build_convnet(filters=(16, 64, 64)) (un entero)",
    hint="cambian dos capas: conv_1 (16 filtros) y conv_2, que ahora recibe 16 canales.",
    solution="conv_1: (9 + 1) · 16 = 160; conv_2: (9 · 16 + 1) · 64 = 9280; el resto no cambia: "
             "93 322 - 320 + 160 - 18 496 + 9280 = 83 946.",
)
def _convnet_intro_2(answer: Any) -> Result:
    return table(answer, 83946, {
        93322 - 320 + 160: "has cambiado conv_1, pero conv_2 también cambia: ahora ve 16 canales.",
        93322: "ese es el total con 32 filtros; con 16 cambian conv_1 y conv_2.",
        83946 - 16 - 64: "has olvidado los sesgos de conv_1 y conv_2.",
    }, as_int)


@register(
    "convnet_intro-3",
    question="las multiplicaciones por imagen de la primera convolución si fuera de 5 × 5 "
             "(un entero)",
    hint="cada valor de la salida de conv_1 usa 5 · 5 · 1 pesos; ¿qué forma tiene ahora esa "
         "salida? (la calculaste en el ejercicio 1).",
    solution="la salida es de 24 × 24 × 32 y cada valor hace 5 · 5 · 1 = 25 multiplicaciones: "
             "24 · 24 · 32 · 25 = 460 800.",
)
def _convnet_intro_3(answer: Any) -> Result:
    return table(answer, 24 * 24 * 32 * 25, {
        26 * 26 * 32 * 25: "con una ventana de 5 × 5 la salida ya no es de 26 × 26: 28 - 5 + 1 = 24.",
        24 * 24 * 25: "has contado un solo filtro: conv_1 tiene 32, y cada uno hace sus cuentas.",
        24 * 24 * 32 * 9: "la ventana es ahora de 5 × 5: cada valor usa 25 pesos, no 9.",
        (5 * 5 * 1 + 1) * 32: "ese es el número de parámetros; cada peso se usa en todas las "
                              "posiciones de la salida.",
        24 * 24 * 32 * 26: "los sesgos se suman, no se multiplican: cuenta solo los 25 pesos.",
    }, as_int)
