"""Ejercicios del capítulo «Mejorar la red»."""

from __future__ import annotations

from typing import Any

import numpy as np

from course_lib.exercises._core import CORRECT, WRONG, Result, as_int, as_vector, register, table

BATCH = np.array([1.0, 2.0, 3.0, 6.0])
"""El lote del ejercicio 1: cuatro valores de un mismo canal."""

CANDIDATES = {"validación": [0.9937, 0.9952, 0.9945], "prueba": [0.9951, 0.9941, 0.9956]}
"""Las exactitudes del ejercicio 3: tres redes candidatas, en validación y en prueba."""


@register(
    "mejorar-1",
    question="el lote [1, 2, 3, 6] normalizado como BatchNormalization al entrenar "
             "(gamma = 1, beta = 0, epsilon = 0): un vector de 4 números",
    hint="resta la media del lote y divide entre su desviación típica (np.std, con la varianza "
         "dividida entre el número de valores, 4).",
    solution="media 3 y varianza (4 + 1 + 0 + 9) / 4 = 3,5: (x − 3) / √3,5 ≈ "
             "[−1,069; −0,535; 0; 1,604].",
)
def _mejorar_1(answer: Any) -> Result:
    values = as_vector(answer, length=4, expected="un vector de 4 números, como np.array([...])")
    mean = BATCH.mean()
    expected = (BATCH - mean) / BATCH.std()
    if np.allclose(values, expected, atol=1e-3):
        return Result(CORRECT, "¡bien hecho! Media 0 y varianza 1 en el lote.")
    if np.allclose(values, (BATCH - mean) / BATCH.std(ddof=1), atol=1e-3):
        return Result(WRONG, "has dividido la varianza entre n − 1 = 3 (np.std(ddof=1), o el std de "
                             "pandas): BatchNormalization la divide entre n = 4.")
    if np.allclose(values, (BATCH - mean) / BATCH.var(), atol=1e-3):
        return Result(WRONG, "has dividido entre la varianza; se divide entre su raíz, la desviación típica.")
    if np.allclose(values, BATCH / BATCH.std(), atol=1e-3):
        return Result(WRONG, "falta restar la media del lote antes de dividir.")
    if np.allclose(values, BATCH - mean, atol=1e-3):
        return Result(WRONG, "has restado la media; falta dividir entre la desviación típica del lote.")
    return Result(WRONG, "no es (x − media) / desviación típica del lote; revisa el cálculo.")


@register(
    "mejorar-2",
    question="los pasos de calentamiento: 54 000 imágenes, lotes de 128, 3 épocas y un 10 % "
             "de los pasos para calentar (redondeando hacia abajo)",
    hint="pasos por época = ceil(54 000 / 128); total = 3 · pasos por época; el calentamiento es "
         "el 10 % del total.",
    solution="ceil(54 000 / 128) = 422 pasos por época, 1266 en total, y el 10 %: 126 pasos.",
)
def _mejorar_2(answer: Any) -> Result:
    return table(answer, 126, {
        1266: "ese es el total de pasos de las 3 épocas; el calentamiento es el 10 %.",
        422: "esos son los pasos de una época; el calentamiento es el 10 % de los pasos de las 3.",
        42: "ese es el 10 % de una época; el calentamiento es el 10 % de los pasos de las 3 épocas.",
        5400: "eso son imágenes (el 10 % de 54 000), no pasos: cada paso usa un lote de 128.",
        16200: "eso son imágenes, no pasos: divide entre el tamaño del lote.",
        127: "casi: el enunciado pide redondear hacia abajo (int(0.1 * 1266) = 126).",
    }, as_int)


@register(
    "mejorar-3",
    question="cuál de las tres redes candidatas eliges (0, 1 o 2), con la tabla de exactitudes "
             "de validación y de prueba",
    hint="el conjunto de prueba se mira una sola vez, al final, con la red ya elegida.",
    solution="la de mayor exactitud de validación. La exactitud de prueba solo se mira para la "
             "elegida, una vez, como estimación honesta.",
)
def _mejorar_3(answer: Any) -> Result:
    choice = as_int(answer)
    val, tst = np.array(CANDIDATES["validación"]), np.array(CANDIDATES["prueba"])
    if choice >= len(val):
        return Result(WRONG, f"solo hay {len(val)} candidatas: responde 0, 1 o 2.")
    if choice == int(val.argmax()):
        return Result(CORRECT, "¡bien hecho! Eliges con validación, y su exactitud de prueba queda "
                               "como estimación honesta de cómo le irá con dígitos nuevos.")
    if choice == int(tst.argmax()):
        return Result(WRONG, "has elegido por la exactitud de prueba: entonces ese número ya no es "
                             "una estimación honesta, porque lo has usado para decidir.")
    return Result(WRONG, "no es la de mayor exactitud de validación.")


@register(
    "mejorar-4",
    question="el alto del mapa de características de la primera convolución de la red mejorada: "
             "imagen de 28 × 28, núcleo de 5 × 5, paso 2 y sin relleno (padding='valid')",
    hint="sin relleno, la ventana de 5 × 5 tiene que caber entera en la imagen: cuenta cuántas "
         "veces puede saltar 2 píxeles desde la primera posición (la fórmula está en el capítulo "
         "sobre la convolución).",
    solution="(28 − 5) // 2 + 1 = 11 + 1 = 12: el mapa es de 12 × 12.",
)
def _mejorar_4(answer: Any) -> Result:
    return table(answer, 12, {
        24: "ese sería el alto con paso 1 (28 − 5 + 1); con paso 2 la ventana salta de 2 en 2.",
        14: "ese es el alto con relleno (padding='same', 28 / 2); sin relleno, la ventana de 5 × 5 "
            "tiene que caber entera dentro de la imagen.",
        11: "casi: (28 − 5) // 2 = 11 son los saltos; falta sumar 1, la primera posición de la ventana.",
        13: "has redondeado hacia arriba: (28 − 5) / 2 = 11,5, pero solo caben 11 saltos enteros; "
            "con la primera posición, 12.",
        26: "ese es el alto con un núcleo de 3 × 3 y paso 1, el de la red del cuaderno original.",
        23: "28 − 5 = 23 es lo que puede desplazarse la ventana; falta dividir entre el paso y "
            "sumar 1.",
    }, as_int)



IMPROVED_BN_CHANNELS = (32, 64, 128, 128)
"""Los canales de las cuatro normalizaciones de la red mejorada (ejercicio 5): tras sus tres
convoluciones y tras su capa densa."""


@register(
    "mejorar-5",
    question="cuántos parámetros de la red mejorada no se entrenan (normalización por lotes "
             "tras sus convoluciones de 32, 64 y 128 filtros y tras su capa densa de 128 unidades)",
    hint="cada BatchNormalization guarda 4 números por canal; ¿cuáles cambia el gradiente y "
         "cuáles la regla de la media móvil?",
    solution="las medias y las varianzas móviles, 2 por canal: 2 · (32 + 64 + 128 + 128) = 704.",
)
def _mejorar_5(answer: Any) -> Result:
    channels = sum(IMPROVED_BN_CHANNELS)
    return table(answer, 2 * channels, {
        4 * channels: "también has contado γ y β, que sí se entrenan con el gradiente: solo las "
                      "medias y varianzas móviles quedan fuera.",
        channels: "casi: la capa guarda dos estadísticas móviles por canal, la media y la varianza.",
        2 * (channels - IMPROVED_BN_CHANNELS[-1]): "te falta la normalización que va tras la capa "
                                                   "densa, de 128 unidades.",
    }, as_int)
