"""Correctores de los ejercicios de cada capítulo (los registra :mod:`course_lib.exercises`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from course_lib.exercises import (
    CORRECT,
    WRONG,
    InvalidAnswer,
    Result,
    as_int,
    as_shape,
    register,
    table,
)

# --- La red densa ----------------------------------------------------------------------


@register(
    "red_densa-1",
    question="el número de parámetros de la red densa con 64 unidades ocultas (un entero)",
    hint="cada capa Dense tiene (entradas + 1) × unidades parámetros; hay dos capas.",
    solution="(784 + 1) · 64 + (64 + 1) · 10 = 50 240 + 650 = 50 890.",
)
def _red_densa_1(answer: Any) -> Result:
    return table(answer, 50890, {
        784 * 64 + 64 * 10: "has olvidado los sesgos: cada unidad tiene uno, en las dos capas.",
        (784 + 1) * 64: "esa es solo la capa oculta; suma también la capa de salida.",
        (64 + 1) * 10: "esa es solo la capa de salida; suma también la capa oculta.",
        (784 + 1) * 512 + (512 + 1) * 10: "ese es el total con 512 unidades; aquí son 64.",
    }, as_int)


@register(
    "red_densa-2",
    question="la forma de la salida de la red densa para 128 imágenes (una tupla)",
    hint="la red da una fila de 10 probabilidades por imagen.",
    solution="(128, 10): el lote primero, luego una probabilidad por clase.",
)
def _red_densa_2(answer: Any) -> Result:
    return table(answer, (128, 10), {
        (10, 128): "forma traspuesta: Keras pone primero el eje del lote.",
        (10,): "esa es la salida de una sola imagen; falta el eje del lote (128).",
        (-1, 10): "None es el tamaño de lote cuando no se conoce; aquí sí se conoce: 128.",
        (128, 28, 28, 1): "esa es la forma de la entrada, no la de la salida.",
        (128, 512): "esa es la salida de la capa oculta; la de salida tiene 10 unidades.",
    }, as_shape)


# --- Redes convolucionales: introducción -----------------------------------------------

_FIRST_5x5 = [(24, 24, 32), (12, 12, 32), (10, 10, 64), (5, 5, 64), (3, 3, 64)]


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
    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__len__"):
        raise InvalidAnswer("se esperaba una lista de cinco formas, como [(24, 24, 32), ...].")
    shapes = [as_shape(a) for a in answer]
    if len(shapes) != 5:
        return Result(WRONG, f"la base convolucional tiene 5 capas y has dado {len(shapes)} formas.")
    names = ["conv_1", "pool_1", "conv_2", "pool_2", "conv_3"]
    for name, got, want in zip(names, shapes, _FIRST_5x5):
        if got == want:
            continue
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


# --- La convolución ----------------------------------------------------------------------


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


# --- El pooling --------------------------------------------------------------------------


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


# --- La cabeza clasificadora ----------------------------------------------------------------


@register(
    "cabeza-1",
    question="una tupla (valores que salen de Flatten, parámetros de la capa dense) con "
             "padding='same'",
    hint="con 'same' las convoluciones no reducen: 28 → 14 → 14 → 7 → 7.",
    solution="7 · 7 · 64 = 3136 valores y (3136 + 1) · 64 = 200 768 parámetros.",
)
def _cabeza_1(answer: Any) -> Result:
    flat, params = as_shape(answer) if hasattr(answer, "__len__") and len(answer) == 2 else (None, None)
    if flat is None:
        raise InvalidAnswer("se esperaba una tupla de dos enteros: (valores, parámetros).")
    if flat != 3136:
        mistakes = {
            576: "576 es el valor con padding='valid'; con 'same' las convoluciones no reducen.",
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
    solution="exp([2, 1, 0]) / exp([2, 1, 0]).sum() ≈ [0.665, 0.245, 0.090].",
)
def _cabeza_2(answer: Any) -> Result:
    try:
        p = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        raise InvalidAnswer("se esperaba un vector de tres números, como np.array([0.5, 0.3, 0.2]).") from None
    if p.shape != (3,):
        raise InvalidAnswer(f"se esperaba un vector de 3 probabilidades y tiene forma {p.shape}.")
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
        return Result(WRONG, f"tus probabilidades suman {p.sum():.3f}, no 1.")
    return Result(WRONG, "suman 1, pero no son la softmax de [2, 1, 0]; revisa el cálculo.")


# --- El entrenamiento ---------------------------------------------------------------------


@register(
    "entrenamiento-1",
    question="el número de pasos del optimizador en 5 épocas con 60 000 imágenes y lotes de 64",
    hint="pasos por época = ceil(60 000 / 64); luego multiplica por las épocas.",
    solution="ceil(60 000 / 64) = 938 pasos por época; 5 · 938 = 4690.",
)
def _entrenamiento_1(answer: Any) -> Result:
    return table(answer, 4690, {
        938: "esos son los pasos de una época; multiplica por 5.",
        937 * 5: "el último lote, con solo 32 imágenes, también es un paso: redondea hacia arriba.",
        300000 // 64: "el último lote, incompleto, también cuenta: redondea hacia arriba cada época.",
        5 * 60000: "esas son imágenes vistas, no pasos: cada paso usa un lote de 64.",
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
        raise InvalidAnswer("se esperaba un texto: 'entrenamiento', 'validación' o 'prueba'.")
    value = answer.strip().lower().replace("ó", "o")
    if value == "validacion":
        return Result(CORRECT, "¡bien hecho! Así la exactitud en prueba sigue siendo honesta.")
    if value == "prueba":
        return Result(WRONG, "si eliges con la prueba, su exactitud deja de ser una estimación "
                             "honesta: acabas eligiendo lo que mejor funciona en esas imágenes.")
    if value == "entrenamiento":
        return Result(WRONG, "con los datos de entrenamiento premiarías al que más memoriza, "
                             "no al que mejor generaliza.")
    raise InvalidAnswer("responde 'entrenamiento', 'validación' o 'prueba'.")


# --- ¿Qué ha aprendido la red? ------------------------------------------------------------


@register(
    "aprendido-1",
    question="cuántas imágenes suma la fila de la clase 5 de la matriz de confusión (un entero)",
    hint="cada fila es una clase real: cuenta todas las imágenes de prueba que son un 5.",
    solution="892, el número de cincos del conjunto de prueba: np.sum(y_test == 5).",
)
def _aprendido_1(answer: Any) -> Result:
    return table(answer, 892, {
        1000: "no todas las clases tienen 1000 imágenes de prueba: cuenta los cincos.",
        5421: "esos son los cincos de entrenamiento; la matriz es del conjunto de prueba.",
    }, as_int)


@register(
    "aprendido-2",
    question="la confusión más frecuente de la red, como una tupla (clase real, clase predicha)",
    hint="busca la casilla mayor fuera de la diagonal de matrix (np.fill_diagonal y argmax).",
    solution="off = matrix.copy(); np.fill_diagonal(off, 0); "
             "np.unravel_index(off.argmax(), off.shape).",
    needs_context=("matrix",),
)
def _aprendido_2(answer: Any, matrix: Any) -> Result:
    pair = as_shape(answer) if hasattr(answer, "__len__") and len(answer) == 2 else (None, None)
    real, predicted = pair
    if real is None:
        raise InvalidAnswer("se esperaba una tupla de dos clases: (real, predicha).")
    matrix = np.asarray(matrix)
    off = matrix.copy()
    np.fill_diagonal(off, 0)
    best = tuple(int(v) for v in np.unravel_index(off.argmax(), off.shape))
    if (real, predicted) == best or off[real, predicted] == off.max() and real != predicted:
        return Result(CORRECT, "¡bien hecho! Es la casilla mayor fuera de la diagonal.")
    if real == predicted:
        return Result(WRONG, "esa casilla está en la diagonal: son aciertos, no confusiones.")
    if (predicted, real) == best:
        return Result(WRONG, "has invertido el orden: las filas son la clase real y las columnas la predicha.")
    return Result(WRONG, f"la casilla ({real}, {predicted}) tiene {off[real, predicted]} errores; hay otra con más.")
