"""Ejercicios del capítulo «¿Dónde mira la red?»."""

from __future__ import annotations

from course_lib.exercises._core import EXACT, as_int, mistake, register_table

register_table(
    "donde_mira-1",
    question="el campo receptivo de una cuarta convolución de 3 × 3 puesta justo después de conv_3",
    answer_format="un entero: el lado del campo receptivo, en píxeles",
    tolerance=EXACT,
    answer=26,
    convert=as_int,
    correct="¡bien hecho! Cada posición de esa capa mira 26 × 26 de los 28 × 28 píxeles.",
    hints=(
        "parte del campo receptivo de conv_3 (18 píxeles) y de su salto (4), que imprime la celda "
        "de los campos receptivos.",
        "una convolución de k × k agranda el campo en (k − 1) veces el salto: sus posiciones vecinas "
        "están a un salto de distancia en la imagen.",
    ),
    solution="18 + (3 − 1) · 4 = 26: el salto de conv_3 es 4, y sin pooling no cambia.",
    misconceptions=(
        mistake("salto olvidado", "has sumado (k − 1) sin multiplicar por el salto: dos posiciones "
                                  "vecinas de conv_3 están a 4 píxeles en la imagen.", 20),
        mistake("el núcleo entero", "se suma (k − 1) veces el salto, no k veces: el núcleo de 3 × 3 "
                                    "solo añade 2 posiciones a las que ya mira la del centro.", 30, 21),
        mistake("salto doblado", "sin pooling, el salto no cambia: sigue siendo 4, no 8.", 34),
        mistake("solo el núcleo", "el campo receptivo se mide en píxeles de la imagen, no en "
                                  "posiciones de la capa anterior.", 3),
        mistake("el de conv_3", "ese es el campo receptivo de conv_3; falta lo que añade la nueva "
                                "convolución.", 18),
        mistake("multiplicar", "el campo receptivo crece sumando (k − 1) saltos a cada capa, no "
                               "multiplicando.", 54, 72),
        mistake("la imagen entera", "el campo receptivo no llega a toda la imagen de 28 × 28: "
                                    "calcúlalo con la regla de las capas.", 28),
        mistake("el salto", "ese es el salto; se pide el lado del campo receptivo.", 4),
    ),
)

register_table(
    "donde_mira-2",
    question="las predicciones de un mapa de oclusión con un parche de 8 × 8 y paso 4 sobre 28 × 28, "
             "con la de la imagen sin tapar",
    answer_format="un entero: el número de predicciones",
    tolerance=EXACT,
    answer=37,
    convert=as_int,
    correct="¡bien hecho! Una predicción por posición del parche, más la de la imagen sin tapar.",
    hints=(
        "cuenta primero las posiciones por lado: el parche empieza en 0, 4, 8… mientras quepa entero "
        "en 28 píxeles.",
        "por lado hay (28 − 8) // 4 + 1 posiciones; el mapa es cuadrado, y hay que sumar la "
        "predicción de la imagen sin tapar.",
    ),
    solution="(28 − 8) // 4 + 1 = 6 posiciones por lado: 6 · 6 = 36 imágenes tapadas, más 1: 37.",
    misconceptions=(
        mistake("sin la original", "casi: falta la predicción de la imagen sin tapar, con la que se "
                                   "compara cada imagen tapada.", 36),
        mistake("28 entre 4", "con 28 / 4 = 7 posiciones por lado, la última dejaría el parche fuera "
                              "de la imagen: cuenta solo las posiciones en que cabe entero.", 50, 49),
        mistake("un lado", "ese es el número de posiciones de un lado; el parche se mueve en filas y "
                           "en columnas.", 6, 7),
        mistake("uno de menos", "te falta una posición por lado: la fórmula, (n − k) // s + 1, cuenta "
                                "también la primera.", 26, 25),
        mistake("paso 1", "así sería con paso 1; aquí el parche avanza 4 píxeles cada vez.", 442, 441),
        mistake("parches sin solapar", "con paso 4 y parche de 8 los parches se solapan: no se divide "
                                       "28 entre 8.", 10, 9, 17, 16),
        mistake("píxeles tapados", "se pide cuántas predicciones, no cuántos píxeles tapa el parche.",
                64, 65),
    ),
)
