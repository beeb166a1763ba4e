"""Ejercicios del capítulo «El pooling»."""

from __future__ import annotations

from course_lib.exercises._core import EXACT, EXACT_TUPLE, as_int, as_shape, mistake, register_table

register_table(
    "pooling-1",
    question="la forma de la salida de MaxPooling2D(3) sobre 26 × 26 × 32",
    answer_format="una tupla de enteros (alto, ancho, canales), sin el eje del lote, como (28, 28, 1)",
    tolerance=EXACT_TUPLE,
    answer=(8, 8, 32),
    convert=as_shape,
    rounds=True,
    shapes=True,
    hints=(
        "MaxPooling2D(3) usa ventanas de 3 × 3 que no se solapan: el paso también es 3.",
        "cuenta cuántas ventanas enteras caben en 26 píxeles: un bloque incompleto se descarta. "
        "Los canales no cambian.",
    ),
    solution="26 // 3 = 8: (8, 8, 32); se pierden las 2 últimas filas y columnas.",
    misconceptions=(
        mistake("pooling hacia arriba", "MaxPooling2D redondea hacia abajo: los bloques incompletos se "
                                        "descartan.", (9, 9, 32)),
        mistake("ventana de 2", "esa es la salida con una ventana de 2; aquí es de 3.", (13, 13, 32)),
        mistake("como una convolución", "el pooling no funciona como una convolución 'valid' de paso 1: "
                                        "sus ventanas no se solapan.", (24, 24, 32)),
        mistake("canales cambiados", "el pooling trata cada canal por separado: los canales no "
                                     "cambian.", (8, 8, 96), (8, 8, 1), (8, 8, 10), (8, 8, 11)),
        mistake("canales primero", "Keras pone los canales al final: (alto, ancho, canales).", (32, 8, 8)),
        mistake("uno de menos", "el lado te sale 1 menor: la fórmula con paso, (n − k) // s + 1, "
                                "cuenta también la primera ventana.", (7, 7, 32)),
        mistake("sin redondear", "casi: los lados son enteros, y el pooling descarta el bloque "
                                 "incompleto.", (26 / 3, 26 / 3, 32)),
        mistake("sin cambios", "esa es la forma de la entrada: el pooling reduce el alto y el ancho, "
                               "una ventana de 3 × 3 por valor.", (26, 26, 32)),
    ),
)

register_table(
    "pooling-2",
    question="el campo receptivo de conv_3 con núcleos de 5 × 5 y los mismos poolings",
    answer_format="un entero: el lado del campo receptivo",
    tolerance=EXACT,
    answer=32,
    convert=as_int,
    hints=(
        "recorre las capas desde la entrada con dos números: el lado del campo receptivo, r, y el "
        "salto, j (cuántos píxeles de la entrada separan dos valores vecinos de la capa).",
        "con cada capa de núcleo k y paso s: r ← r + (k − 1) · j y después j ← j · s. Empieza con "
        "r = j = 1 (un píxel se ve a sí mismo).",
        "las capas son conv (k = 5, s = 1), pool (k = 2, s = 2), conv, pool y conv: aplica la regla "
        "cinco veces, también en los poolings.",
    ),
    solution="5, 6 (salto 2), 14, 16 (salto 4), 32.",
    misconceptions=(
        mistake("salto sin multiplicar", "has olvidado multiplicar (k − 1) por el salto, que cada "
                                         "pooling duplica.", 1 + 4 + 1 + 4 + 1 + 4),
        mistake("sin poolings", "has olvidado los poolings: también amplían el campo y duplican el "
                                "salto.", 1 + 4 + 4 + 4),
        mistake("núcleos de 3 × 3", "ese es el campo receptivo con núcleos de 3 × 3; aquí son de 5 × 5.",
                18),
        mistake("poolings sin sumar", "los poolings también amplían el campo: cada uno suma "
                                      "(2 − 1) · salto, además de duplicar el salto.", 29, 30),
        mistake("empezar en 0", "el campo receptivo no empieza en 0: antes de la primera capa, un "
                                "píxel ya se ve a sí mismo.", 31),
        mistake("hasta pool_2", "ese es el campo de pool_2; se pide el de conv_3, una capa más.", 16),
        mistake("área", "el campo receptivo se da por su lado, no por su área (los píxeles que "
                        "abarca).", 32 * 32),
        mistake("hasta conv_2", "te has parado en conv_2; se pide el de conv_3, dos capas más allá.", 14),
        mistake("área de la ventana", "ese es el área de una ventana de 5 × 5; el campo receptivo se da "
                                      "por su lado, y crece con cada capa hasta conv_3.", 25),
        mistake("un pooling de más", "después de conv_3 no hay otro pooling: el campo que se pide es el "
                                     "de conv_3.", 36),
        mistake("salto por k", "cada capa suma (k − 1) · salto, no k · salto: la ventana de k píxeles "
                               "solo añade k − 1 nuevos.", 5 + 2 + 10 + 4 + 20),
        mistake("sin salto y k en vez de k − 1", "dos fallos: no has multiplicado por el salto, que cada "
                                                 "pooling duplica, y en algunas capas (o en los poolings, o "
                                                 "en las convoluciones) has sumado k en lugar de k − 1: la "
                                                 "ventana de k píxeles solo añade k − 1 nuevos.",
                1 + 4 + 2 + 4 + 2 + 4),
    ),
)
