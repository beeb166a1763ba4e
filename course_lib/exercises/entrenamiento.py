"""Ejercicios del capítulo «El entrenamiento»."""

from __future__ import annotations

import unicodedata
from typing import Any

from course_lib.exercises._core import (
    CORRECT,
    WRONG,
    InvalidAnswer,
    Result,
    as_int,
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
