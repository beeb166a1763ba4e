"""Ejercicios del capítulo «La red densa»."""

from __future__ import annotations

from course_lib.exercises._core import (
    EXACT,
    EXACT_TUPLE,
    as_int,
    as_shape,
    forgot_bias,
    mistake,
    register_table,
)

register_table(
    "red_densa-1",
    question="el número de parámetros de la red densa con 64 unidades ocultas",
    answer_format="un entero",
    tolerance=EXACT,
    answer=(784 + 1) * 64 + (64 + 1) * 10,
    convert=as_int,
    hints=(
        "cuenta por separado las dos capas Dense, la oculta y la de salida, y suma.",
        "una capa Dense tiene un peso por cada pareja (entrada, unidad) y un sesgo por unidad: "
        "(entradas + 1) × unidades.",
        "la capa oculta recibe la imagen aplanada, 28 × 28 valores; la de salida recibe lo que "
        "da la oculta.",
    ),
    solution="(784 + 1) · 64 + (64 + 1) · 10 = 50 240 + 650 = 50 890.",
    misconceptions=(
        forgot_bias("has olvidado los sesgos: cada unidad tiene uno, en las dos capas.", 784 * 64 + 64 * 10),
        mistake("solo la capa oculta", "esa es solo la capa oculta; suma también la capa de salida.",
                (784 + 1) * 64),
        mistake("solo la capa de salida", "esa es solo la capa de salida; suma también la capa oculta.",
                (64 + 1) * 10),
        mistake("512 unidades", "ese es el total con 512 unidades; aquí son 64.",
                (784 + 1) * 512 + (512 + 1) * 10),
        mistake("un sesgo por capa", "cada unidad tiene su propio sesgo, no uno por capa.",
                784 * 64 + 1 + 64 * 10 + 1),
        mistake("sin aplanar", "la capa oculta recibe la imagen aplanada, todos sus píxeles, no una "
                               "fila de 28.", (28 + 1) * 64 + (64 + 1) * 10),
        mistake("un solo juego de sesgos", "te falta el sesgo de una de las dos capas: cada unidad tiene "
                                           "uno, también en la otra capa.",
                784 * 64 + (64 + 1) * 10, (784 + 1) * 64 + 64 * 10),
        mistake("salida desde 512", "la capa de salida recibe lo que da la oculta, que ahora tiene 64 "
                                    "unidades, no 512.", (784 + 1) * 64 + (512 + 1) * 10),
        mistake("solo los pesos de la oculta", "ese es solo el número de pesos de la capa oculta; "
                                               "faltan sus sesgos y toda la capa de salida.", 784 * 64),
        mistake("un sesgo por entrada", "el sesgo es uno por unidad, no uno por entrada: cada capa tiene "
                                        "tantos sesgos como unidades.",
                784 * 64 + 784 + (64 + 1) * 10, 784 * 64 + 784 + 64 * 10 + 64),
        mistake("salida de 64", "la capa de salida tiene una unidad por clase, no tantas como la "
                                "oculta.", (784 + 1) * 64 + (64 + 1) * 64),
        mistake("sesgos de la oculta dos veces", "has contado dos veces los sesgos de la capa oculta: "
                                                  "cada unidad tiene un solo sesgo, y ya va en "
                                                  "(entradas + 1) × unidades.",
                (784 + 1) * 64 + 64 + (64 + 1) * 10),
    ),
)


register_table(
    "red_densa-2",
    question="la forma de la salida de la red densa para 128 imágenes",
    answer_format="una tupla de enteros, como (32, 5)",
    tolerance=EXACT_TUPLE,
    answer=(128, 10),
    convert=as_shape,
    hints=(
        "la red da una fila de probabilidades por cada imagen que recibe.",
        "la salida tiene dos ejes: primero el lote (cuántas imágenes), después lo que da la red "
        "para cada una (una probabilidad por clase).",
    ),
    solution="(128, 10): el lote primero, luego una probabilidad por clase.",
    misconceptions=(
        mistake("lote sin fijar", "None es el tamaño del lote cuando Keras no lo conoce; aquí sí lo "
                                  "conoces: es el número de imágenes que le das a predict.", (None, 10)),
        mistake("orden cambiado", "forma traspuesta: Keras pone primero el eje del lote.", (10, 128)),
        mistake("una sola imagen", "esa es la salida de una sola imagen; falta el eje del lote.", (10,)),
        mistake("lote de una imagen", "esa sería la salida de un lote de una imagen; aquí le das más.",
                (1, 10)),
        mistake("forma de la entrada", "esa es la forma de la entrada, no la de la salida.",
                (128, 28, 28, 1), (128, 28, 28), (128, 784)),
        mistake("capa oculta", "esa es la salida de la capa oculta; la de salida tiene una unidad por "
                               "clase.", (128, 512)),
        mistake("las etiquetas", "esa sería la forma de las etiquetas (una clase por imagen, como tras "
                                 "argmax); la red da una probabilidad por cada clase.", (128,)),
        mistake("una sola salida", "la capa de salida tiene una unidad por clase, no una sola: da una "
                                   "probabilidad por cada dígito.", (128, 1)),
        mistake("lote de uno de menos", "el primer número es el tamaño del lote: tantas filas como "
                                        "imágenes le das a predict, ni una menos.", (127, 10), (129, 10)),
        mistake("todo el conjunto de prueba", "esa sería la salida con todo el conjunto de prueba; aquí "
                                              "le das solo las imágenes del lote.", (10000, 10)),
    ),
)
