"""Ejercicios del capítulo «El entrenamiento»."""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np

from course_lib.exercises._core import (
    CORRECT,
    EXACT,
    InvalidAnswer,
    Result,
    Verdict,
    as_int,
    as_vector,
    describe,
    mistake,
    register,
    register_table,
)

register_table(
    "entrenamiento-1",
    question="el número de pasos de entrenamiento en 5 épocas con 60 000 imágenes y lotes de 64",
    answer_format="un entero",
    tolerance=EXACT,
    answer=4690,
    convert=as_int,
    rounds=True,
    hints=(
        "un paso procesa un lote; una época recorre las 60 000 imágenes una vez.",
        "en cada época, el último lote puede quedar incompleto, pero también es un paso: redondea "
        "hacia arriba los pasos de una época y después multiplica por las épocas.",
    ),
    solution="ceil(60 000 / 64) = 938 pasos por época; 5 · 938 = 4690.",
    misconceptions=(
        mistake("una época", "esos son los pasos de una época; multiplica por 5.", 938),
        mistake("hacia abajo", "el último lote, incompleto, también es un paso: redondea hacia arriba "
                               "los pasos de cada época.", 937 * 5, 300000 // 64, 300000 / 64),
        mistake("imágenes", "esas son imágenes vistas, no pasos: cada paso usa un lote de 64.", 5 * 60000),
        mistake("con validación", "esos son los pasos con validation_split=0.1 (54 000 imágenes); aquí "
                                  "se entrena con las 60 000.", 5 * 844),
        mistake("lotes de 32", "ese es el recuento con lotes de 32, el valor por defecto de Keras; aquí "
                               "el lote es de 64.", 1875 * 5),
        mistake("redondear el total", "has redondeado el total de las 5 épocas; el redondeo va en cada "
                                      "época, porque cada una acaba con su propio lote incompleto.", 4688),
        mistake("4 épocas", "ese es el recuento de 4 épocas; aquí son 5.", 938 * 4),
        mistake("una época hacia abajo", "esos son los pasos de una época, y redondeados hacia abajo: el "
                                         "último lote, incompleto, también es un paso, y hay 5 épocas.",
                937),
        mistake("lote por épocas", "has multiplicado el tamaño del lote por las épocas; un paso procesa "
                                   "un lote, así que cuenta cuántos lotes hacen falta para recorrer las "
                                   "imágenes en cada época.", 64 * 5),
    ),
)


_SYNONYMS = {"validacion": "validación", "validation": "validación", "prueba": "prueba", "test": "prueba",
             "entrenamiento": "entrenamiento", "training": "entrenamiento", "train": "entrenamiento"}


@register(
    "entrenamiento-2",
    question="con qué conjunto se elige el optimizador: 'entrenamiento', 'validación' o 'prueba'",
    answer_format="un texto: 'entrenamiento', 'validación' o 'prueba'",
    tolerance="da igual la tilde, las mayúsculas y los espacios de alrededor",
    hints=(
        "piensa en qué datos miramos para comparar los optimizadores, y en cuáles no debemos mirar "
        "hasta el final.",
        "con los datos de entrenamiento se premia memorizar; los de prueba se reservan para una "
        "única medida final, con la red ya elegida.",
    ),
    solution="'validación': las decisiones se toman con datos que la red no ha usado para "
             "entrenar y que no son los de prueba.",
    misconceptions=(
        mistake("prueba", "si eliges con la prueba, su exactitud deja de ser una estimación honesta: "
                          "acabas eligiendo lo que mejor funciona en esas imágenes.", "prueba"),
        mistake("entrenamiento", "con los datos de entrenamiento premiarías al que más memoriza, no al "
                                 "que mejor generaliza.", "entrenamiento"),
    ),
)
def _entrenamiento_2(answer: Any) -> Verdict:
    if not isinstance(answer, str):
        raise InvalidAnswer("se esperaba un texto: 'entrenamiento', 'validación' o 'prueba'; "
                            f"has dado {describe(answer)}.")
    decomposed = unicodedata.normalize("NFKD", answer.strip().lower())
    value = _SYNONYMS.get("".join(c for c in decomposed if not unicodedata.combining(c)))
    if value == "validación":
        return Result(CORRECT, "¡bien hecho! Así la exactitud en prueba sigue siendo honesta.")
    if value is None:
        raise InvalidAnswer("responde 'entrenamiento', 'validación' o 'prueba'.")
    return value


_ADAM = (0.001, 0.001)


@register(
    "entrenamiento-3",
    question="el tamaño del primer paso de Adam (η = 0,001) con gradientes 0,5 y 0,0005",
    answer_format="una tupla de dos números, los dos tamaños del paso en valor absoluto, como (0.002, 0.003)",
    tolerance="se acepta un 2 % de diferencia en cada número (por ejemplo, 2 cifras significativas)",
    answer=_ADAM,
    hints=(
        "escribe m y s tras el primer paso, empezando en 0, y aplica la corrección del sesgo.",
        "en el primer paso, la corrección del sesgo deja m̂ = g y ŝ = g²: el paso es "
        "η · m̂ / (√ŝ + ε). ¿Cuánto vale g / √(g²)?",
    ),
    solution="m̂ = g y ŝ = g², así que el paso es η · g / (|g| + ε) ≈ η = 0,001 para los dos: "
             "(0.001, 0.001).",
    misconceptions=(
        mistake("paso de SGD", "ese sería el paso de SGD, η · g; Adam divide entre √ŝ, que en el primer "
                               "paso vale |g|.", (0.0005, 5e-7)),
        mistake("sin corrección del sesgo", "o te has olvidado de la corrección del sesgo (m̂ = m / (1 − 0,9) "
                                            "y ŝ = s / (1 − 0,999)), o has usado la fórmula de RMSprop, "
                                            "sin el momento m de Adam.", (0.0031623, 0.0031623)),
        mistake("m sin corregir", "m = 0,1 · g hay que dividirlo entre 1 − 0,9: m̂ = g.", (0.0001, 0.0001)),
        mistake("iguales, pero no de ese tamaño", "bien: los dos pasos son iguales, pero no de ese "
                                                  "tamaño. ¿Cuánto vale η · g / |g|?", (0.01, 0.01)),
        mistake("con signo", "el tamaño del paso es un valor absoluto: quita el signo.", (-0.001, -0.001)),
        mistake("sin raíz", "has dividido entre ŝ = g²; Adam divide entre su raíz, √ŝ.", (0.002, 2.0)),
        mistake("pasos distintos", "en el primer paso de Adam el tamaño del gradiente se cancela, sea "
                                   "grande o pequeño: los dos pasos miden lo mismo.", (0.001, 0.0005)),
        mistake("porcentaje", "lo has dado en porcentaje; se pide el tamaño del paso tal cual.", (0.1, 0.1)),
        mistake("el gradiente", "esos son los gradientes; se pide cuánto cambia cada peso en el primer "
                                "paso de Adam.", (0.5, 0.0005)),
        mistake("momento sin corregir, sin dividir", "has dado η · m, con m = (1 − β₁) · g sin corregir, y "
                                                     "sin dividir entre √ŝ: Adam corrige m y s del sesgo "
                                                     "y divide entre √ŝ.", (5e-5, 5e-8)),
        mistake("entre √g", "has dividido entre √|g|; en el primer paso ŝ = g², y Adam divide entre √ŝ, "
                            "que es |g|.", (0.001 * 0.5**0.5, 0.001 * 0.0005**0.5)),
        mistake("Adam y SGD mezclados", "has mezclado dos reglas: un paso con Adam y el otro con la de SGD, "
                                        "η · g. Adam trata igual los dos gradientes: en el primer paso "
                                        "divide cada uno entre su propio √ŝ.",
                (0.001, 5e-7), (0.0005, 0.001)),
        mistake("η · g²", "has multiplicado η por g², que es ŝ; en el primer paso Adam pone m̂ = g arriba y "
                          "divide entre √ŝ.", (0.00025, 2.5e-10)),
    ),
)
def _entrenamiento_3(answer: Any) -> Verdict:
    given = as_vector(answer, length=2, expected="una tupla de dos números, como (0.002, 0.003)")
    steps = np.abs(given)
    if np.allclose(steps, _ADAM, rtol=0.02, atol=0) and (given < 0).any():
        return "con signo"
    if np.allclose(steps, _ADAM, rtol=0.02, atol=0):
        return Result(CORRECT, "¡bien hecho! El primer paso de Adam mide casi η, sea cual sea el "
                               "gradiente: solo cuenta su signo.")
    known = {"paso de SGD": [0.0005, 5e-7], "sin corrección del sesgo": 0.001 * 0.1 / np.sqrt(0.001),
             "m sin corregir": 0.0001, "sin raíz": [0.002, 2.0], "pasos distintos": [0.001, 0.0005],
             "porcentaje": [0.1, 0.1], "el gradiente": [0.5, 0.0005],
             "momento sin corregir, sin dividir": [5e-5, 5e-8], "entre √g": 0.001 * np.sqrt([0.5, 0.0005]),
             "Adam y SGD mezclados": [0.001, 5e-7], "η · g²": 0.001 * np.square([0.5, 0.0005])}
    for name, value in known.items():
        if np.allclose(steps, value, rtol=0.02, atol=0):
            return name
    if np.allclose(steps, [0.0005, 0.001], rtol=0.02, atol=0):
        return "Adam y SGD mezclados"
    if np.isclose(steps[0], steps[1], rtol=0.02, atol=0):
        return "iguales, pero no de ese tamaño"
    return None
