"""Ejercicios del capítulo «El pooling»."""

from __future__ import annotations

from typing import Any

from course_lib.exercises._core import Result, as_int, as_shape, register, table


@register(
    "pooling-1",
    question="la forma de la salida de MaxPooling2D(3) sobre 26 × 26 × 32 (una tupla)",
    hint="el lado se divide entre 3 redondeando hacia abajo; los canales no cambian.",
    solution="26 // 3 = 8: (8, 8, 32); se pierden las 2 últimas filas y columnas.",
)
def _pooling_1(answer: Any) -> Result:
    return table(answer, (8, 8, 32), {
        (9, 9, 32): "MaxPooling2D redondea hacia abajo: los bloques incompletos se descartan.",
        (13, 13, 32): "esa es la salida con una ventana de 2; aquí es de 3.",
        (24, 24, 32): "el pooling no funciona como una convolución 'valid': divide, no resta.",
        (8, 8, 96): "el pooling trata cada canal por separado: los canales no cambian.",
        (8, 8, 1): "el pooling trata cada canal por separado: siguen siendo 32.",
    }, as_shape)


@register(
    "pooling-2",
    question="el campo receptivo de conv_3 con núcleos de 5 × 5 y los mismos poolings (el lado, "
             "un entero)",
    hint="r ← r + (k - 1) · j y j ← j · s, capa a capa, empezando con r = j = 1.",
    solution="5, 6 (salto 2), 14, 16 (salto 4), 32.",
)
def _pooling_2(answer: Any) -> Result:
    return table(answer, 32, {
        1 + 4 + 1 + 4 + 1 + 4: "has olvidado multiplicar (k - 1) por el salto, que cada pooling duplica.",
        1 + 4 + 4 + 4: "has olvidado los poolings: también amplían el campo y duplican el salto.",
        18: "ese es el campo receptivo con núcleos de 3 × 3; aquí son de 5 × 5.",
        30: "revisa los poolings: cada uno suma (2 - 1) · salto.",
    }, as_int)
