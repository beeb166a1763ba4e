"""Ejercicios del capítulo «La cabeza clasificadora»."""

from __future__ import annotations

from typing import Any

import numpy as np

from course_lib.exercises._core import CORRECT, WRONG, Result, as_float, as_shape, as_vector, register


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


_Z = np.array([2.0, 1.0, 0.0])
_P = np.exp(_Z) / np.exp(_Z).sum()
_Y = np.array([0.0, 1.0, 0.0])  # la clase real es la 1


@register(
    "cabeza-3",
    question="el gradiente de la entropía cruzada respecto a los logits [2.0, 1.0, 0.0] si la "
             "clase real es la 1 (un vector de 3 números)",
    hint="es p - y: las probabilidades softmax menos la etiqueta one-hot [0, 1, 0].",
    solution="p - y = [0,665, 0,245 - 1, 0,090] = [0,665, -0,755, 0,090]: suma 0, y solo el "
             "logit de la clase real tiene gradiente negativo (bajar la pérdida es subirlo).",
)
def _cabeza_3(answer: Any) -> Result:
    g = as_vector(answer, length=3, expected="un vector de 3 números, como np.array([0.1, -0.2, 0.1])")
    if np.allclose(g, _P - _Y, atol=1e-3):
        return Result(CORRECT, "¡bien hecho! Suma 0: sumar lo mismo a todos los logits no cambia la pérdida.")
    if np.allclose(g, _Y - _P, atol=1e-3):
        return Result(WRONG, "tiene el signo cambiado: es p - y, no y - p.")
    if np.allclose(g, _P, atol=1e-3):
        return Result(WRONG, "son las probabilidades p; falta restar la etiqueta one-hot y = [0, 1, 0].")
    if np.allclose(g, _P - np.array([1.0, 0.0, 0.0]), atol=1e-3):
        return Result(WRONG, "has restado el 1 en la clase 0; la clase real es la 1 (el segundo logit).")
    if np.allclose(g, _Z - _Y, atol=1e-3):
        return Result(WRONG, "has restado la etiqueta a los logits; antes hay que aplicar la softmax.")
    return Result(WRONG, "calcula primero p = softmax(z) y réstale y = [0, 1, 0].")


@register(
    "cabeza-4",
    question="la pérdida (entropía cruzada) esperable al empezar a entrenar una red de 26 clases "
             "(un número)",
    hint="una red sin entrenar da a las 26 clases probabilidades parecidas, cerca de 1/26.",
    solution="-log(1/26) = ln 26 ≈ 3,258 (con el logaritmo natural, np.log).",
)
def _cabeza_4(answer: Any) -> Result:
    loss = as_float(answer)
    if abs(loss - np.log(26)) < 5e-3:
        return Result(CORRECT, "¡bien hecho! Si al empezar la pérdida se aleja mucho de ln 26, algo falla.")
    mistakes = [
        (np.log10(26), "es log₁₀ 26; la entropía cruzada usa el logaritmo natural (np.log)."),
        (np.log(10), "ln 10 es para 10 clases; aquí hay 26."),
        (1 / 26, "1/26 es la probabilidad de cada clase; la pérdida es -log de esa probabilidad."),
        (-np.log(26), "tiene el signo cambiado: la pérdida es -log(1/26), positiva."),
    ]
    for value, message in mistakes:
        if abs(loss - value) < 5e-3:
            return Result(WRONG, message)
    return Result(WRONG, "calcula -log(p) con p = 1/26, la probabilidad de cada clase.")
