"""Ejercicios del capítulo «El entrenamiento»."""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np

from course_lib.exercises._core import (
    CORRECT,
    WRONG,
    InvalidAnswer,
    Result,
    as_int,
    as_vector,
    describe,
    register,
    table,
)


@register(
    "entrenamiento-1",
    question="el número de pasos de entrenamiento en 5 épocas con 60 000 imágenes y lotes de 64",
    hint="pasos por época = ceil(60 000 / 64); luego multiplica por las épocas.",
    solution="ceil(60 000 / 64) = 938 pasos por época; 5 · 938 = 4690.",
)
def _entrenamiento_1(answer: Any) -> Result:
    return table(answer, 4690, {
        938: "esos son los pasos de una época; multiplica por 5.",
        937 * 5: "el último lote, con solo 32 imágenes, también es un paso: redondea hacia arriba.",
        300000 // 64: "el último lote, incompleto, también cuenta: redondea hacia arriba cada época.",
        5 * 60000: "esas son imágenes vistas, no pasos: cada paso usa un lote de 64.",
        5 * 844: "esos son los pasos con validation_split=0.1 (54 000 imágenes); aquí se "
                 "entrena con las 60 000.",
    }, as_int)


@register(
    "entrenamiento-2",
    question="con qué conjunto se elige el optimizador: 'entrenamiento', 'validación' o 'prueba'",
    hint="el conjunto de prueba se usa una sola vez, al final.",
    solution="'validación': las decisiones se toman con datos que la red no ha usado para "
             "entrenar y que no son los de prueba.",
)
def _entrenamiento_2(answer: Any) -> Result:
    if not isinstance(answer, str):
        raise InvalidAnswer("se esperaba un texto: 'entrenamiento', 'validación' o 'prueba'; "
                            f"has dado {describe(answer)}.")
    value = unicodedata.normalize("NFC", answer).strip().lower().replace("ó", "o")
    if value == "validacion":
        return Result(CORRECT, "¡bien hecho! Así la exactitud en prueba sigue siendo honesta.")
    if value == "prueba":
        return Result(WRONG, "si eliges con la prueba, su exactitud deja de ser una estimación "
                             "honesta: acabas eligiendo lo que mejor funciona en esas imágenes.")
    if value == "entrenamiento":
        return Result(WRONG, "con los datos de entrenamiento premiarías al que más memoriza, "
                             "no al que mejor generaliza.")
    raise InvalidAnswer("responde 'entrenamiento', 'validación' o 'prueba'.")


@register(
    "entrenamiento-3",
    question="el tamaño del primer paso de Adam (η = 0,001) con gradientes 0,5 y 0,0005",
    hint="en el primer paso, la corrección del sesgo deja m̂ = g y ŝ = g²: ¿cuánto vale g / √ŝ?",
    solution="m̂ = g y ŝ = g², así que el paso es η · g / (|g| + ε) ≈ η = 0,001 para los dos: "
             "(0.001, 0.001).",
)
def _entrenamiento_3(answer: Any) -> Result:
    steps = np.abs(as_vector(answer, length=2, expected="una tupla de dos números, como (0.002, 0.003)"))
    if np.allclose(steps, 0.001, rtol=0.02):
        return Result(CORRECT, "¡bien hecho! El primer paso de Adam mide casi η, sea cual sea el "
                               "gradiente: solo cuenta su signo.")
    if np.allclose(steps, [0.0005, 5e-7], rtol=0.02):
        return Result(WRONG, "ese sería el paso de SGD, η · g; Adam divide entre √ŝ, que en el "
                             "primer paso vale |g|.")
    if np.allclose(steps, 0.001 * 0.1 / np.sqrt(0.001), rtol=0.02):
        return Result(WRONG, "te has olvidado de la corrección del sesgo: m̂ = m / (1 − 0,9) y "
                             "ŝ = s / (1 − 0,999).")
    if np.allclose(steps, 0.0001, rtol=0.02):
        return Result(WRONG, "m = 0,1 · g hay que dividirlo entre 1 − 0,9: m̂ = g.")
    if np.isclose(steps[0], steps[1], rtol=0.02):
        return Result(WRONG, "bien: los dos pasos son iguales, pero no de ese tamaño. "
                             "¿Cuánto vale η · g / |g|?")
    return Result(WRONG, "escribe m̂ y ŝ tras el primer paso y calcula η · m̂ / (√ŝ + ε).")
