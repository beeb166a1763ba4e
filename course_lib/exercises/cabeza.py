"""Ejercicios del capítulo «La cabeza clasificadora»."""

from __future__ import annotations

from typing import Any

import numpy as np

from course_lib.exercises._core import CORRECT, WRONG, Result, as_shape, as_vector, register


@register(
    "cabeza-1",
    question="una tupla (valores que salen de Flatten, parámetros de la capa dense) con "
             "padding='same'",
    hint="con 'same' las convoluciones no reducen el tamaño: 28 → 14 → 14 → 7 → 7.",
    solution="7 · 7 · 64 = 3136 valores y (3136 + 1) · 64 = 200 768 parámetros.",
)
def _cabeza_1(answer: Any) -> Result:
    flat, params = as_shape(answer, length=2, expected="una tupla de dos enteros: (valores, parámetros)")
    if flat != 3136:
        mistakes = {
            576: "576 es el valor con padding='valid'; con 'same' las convoluciones no reducen el tamaño.",
            6272: "revisa los poolings: hay dos, 28 → 14 → 7.",
        }
        return Result(WRONG, mistakes.get(flat, f"Flatten no da {flat} valores: calcula 7 · 7 · 64."))
    if params == 3136 * 64:
        return Result(WRONG, "Flatten está bien, pero en dense has olvidado los 64 sesgos.")
    if params != (3136 + 1) * 64:
        return Result(WRONG, "Flatten está bien; los parámetros de dense son (entradas + 1) · unidades.")
    return Result(CORRECT, "¡bien hecho!")


@register(
    "cabeza-2",
    question="las probabilidades softmax de los logits [2.0, 1.0, 0.0] (un vector de 3 números)",
    hint="exp de cada logit, dividido entre la suma de los tres exp.",
    solution="np.exp([2, 1, 0]) / np.exp([2, 1, 0]).sum(): unas probabilidades de 0,665, 0,245 y 0,090.",
)
def _cabeza_2(answer: Any) -> Result:
    p = as_vector(answer, length=3, expected="un vector de 3 probabilidades, como np.array([0.5, 0.3, 0.2])")
    z = np.array([2.0, 1.0, 0.0])
    expected = np.exp(z) / np.exp(z).sum()
    if np.allclose(p, expected, atol=1e-3):
        return Result(CORRECT, "¡bien hecho! Suman 1 y conservan el orden de los logits.")
    if np.allclose(p, np.exp(z), rtol=1e-3):
        return Result(WRONG, "has calculado exp(z), pero falta dividir entre la suma: no suman 1.")
    if np.allclose(p, z / z.sum(), atol=1e-3):
        return Result(WRONG, "has dividido los logits entre su suma sin aplicar antes la exponencial.")
    if (p < 0).any():
        return Result(WRONG, "hay probabilidades negativas: la softmax siempre da valores positivos.")
    if not np.isclose(p.sum(), 1, atol=1e-3):
        total = f"{p.sum():.3f}".replace(".", ",")  # coma decimal, como en el libro
        return Result(WRONG, f"tus probabilidades suman {total}, no 1.")
    return Result(WRONG, "suman 1, pero no son la softmax de [2, 1, 0]; revisa el cálculo.")
