"""Ejercicios del capítulo «La convolución»."""

from __future__ import annotations

from typing import Any

from course_lib.exercises._core import Result, as_int, as_shape, register, table


@register(
    "convolucion-1",
    question="la forma de salida de Conv2D(16, (5, 5), strides=2, padding='same') sobre "
             "28 × 28 × 1 (una tupla)",
    hint="con padding='same' el lado de salida es ceil(n / s); los canales son los filtros.",
    solution="ceil(28 / 2) = 14: (14, 14, 16). Con 'valid' sería (28 - 5) // 2 + 1 = 12.",
)
def _convolucion_1(answer: Any) -> Result:
    return table(answer, (14, 14, 16), {
        (12, 12, 16): "esa es la forma con padding='valid'; con 'same' Keras rellena con ceros.",
        (28, 28, 16): "has olvidado el paso (strides=2): la ventana avanza de 2 en 2.",
        (16, 14, 14): "Keras pone los canales al final: (alto, ancho, canales).",
        (14, 14, 1): "los canales de salida son el número de filtros, no los de la entrada.",
        (24, 24, 16): "esa sería 'valid' con paso 1; aquí hay paso 2 y padding='same'.",
    }, as_shape)


@register(
    "convolucion-2",
    question="el número de parámetros de Conv2D(64, (3, 3)) sobre una entrada de 32 canales",
    hint="(kh · kw · c_in + 1) · c_out.",
    solution="(3 · 3 · 32 + 1) · 64 = 18 496.",
)
def _convolucion_2(answer: Any) -> Result:
    return table(answer, 18496, {
        3 * 3 * 32 * 64: "has olvidado los sesgos: uno por filtro (64).",
        (3 * 3 + 1) * 64: "cada filtro tiene pesos para los 32 canales de entrada, no para uno.",
        (3 * 3 + 1) * 32 * 64: "el sesgo es uno por filtro, no uno por canal de entrada.",
        (3 * 3 * 64 + 1) * 32: "has intercambiado los canales de entrada (32) y los filtros (64).",
    }, as_int)


@register(
    "convolucion-3",
    question="el número de parámetros de tres Conv2D(32, (3, 3)) apiladas sobre una entrada de "
             "32 canales (las tres juntas)",
    hint="cada capa tiene (kh · kw · c_in + 1) · c_out parámetros, y las tres son iguales.",
    solution="3 · (3 · 3 · 32 + 1) · 32 = 27 744, frente a (7 · 7 · 32 + 1) · 32 = 50 208 de "
             "una sola Conv2D de 7 × 7, que ve la misma ventana.",
)
def _convolucion_3(answer: Any) -> Result:
    return table(answer, 3 * (3 * 3 * 32 + 1) * 32, {
        3 * 3 * 3 * 32 * 32: "has olvidado los sesgos: 32 por capa.",
        3 * 3 * 3 * 32 * 32 + 32: "cada una de las tres capas tiene sus 32 sesgos.",
        (3 * 3 * 32 + 1) * 32: "esa es una sola capa; hay tres apiladas.",
        (7 * 7 * 32 + 1) * 32: "esos son los de una sola Conv2D de 7 × 7; se piden las tres de 3 × 3.",
        3 * (3 * 3 + 1) * 32: "cada filtro tiene pesos para los 32 canales de entrada, no para uno.",
    }, as_int)
