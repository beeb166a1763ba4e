"""Ejercicios del capítulo «La convolución»."""

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
    "convolucion-1",
    question="la forma de salida de Conv2D(16, (5, 5), strides=3, padding='same') sobre 28 × 28 × 1",
    answer_format="una tupla de enteros (alto, ancho, canales), sin el eje del lote, como (28, 28, 1)",
    tolerance=EXACT_TUPLE,
    answer=(10, 10, 16),
    convert=as_shape,
    rounds=True,
    shapes=True,
    hints=(
        "con padding='same', Keras rellena los bordes con ceros para que el tamaño de salida solo "
        "dependa del paso, no del núcleo.",
        "con 'same', el lado de salida es n / s redondeado hacia arriba, aquí con s = 3; los canales "
        "de salida son tantos como filtros.",
        "escribe la forma como (alto, ancho, canales), sin el eje del lote; compute_output_shape te "
        "la da con un None delante.",
    ),
    solution="ceil(28 / 3) = 10: (10, 10, 16). Con 'valid' sería (28 − 5) // 3 + 1 = 8.",
    misconceptions=(
        mistake("como 'valid'", "esa es la forma con padding='valid'; con 'same' Keras rellena con "
                                "ceros.", (8, 8, 16)),
        mistake("sin paso", "has olvidado el paso (strides=3): la ventana avanza de 3 en 3.", (28, 28, 16)),
        mistake("'valid' con paso 1", "esa sería 'valid' con paso 1; aquí hay paso 3 y padding='same'.",
                (24, 24, 16)),
        mistake("canales primero", "Keras pone los canales al final: (alto, ancho, canales).", (16, 10, 10)),
        mistake("canales de entrada", "los canales de salida son el número de filtros, no los de la "
                                      "entrada.", (10, 10, 1)),
        mistake("hacia abajo", "con padding='same' el lado es n / s redondeado hacia arriba: la última "
                               "ventana, aunque quede incompleta, también cuenta.", (9, 9, 16)),
        # El mensaje común de «uno de más» habla de descartar los bloques incompletos: con
        # padding='same' es al revés.
        mistake("uno de más", "el lado te sale 1 mayor: con padding='same' el lado es solo n / s "
                              "redondeado hacia arriba; el + 1 es de la fórmula de 'valid'.", (11, 11, 16)),
        mistake("paso 2", "esa sería la forma con paso 2, la del ejemplo del capítulo; aquí strides=3: "
                          "la ventana avanza de 3 en 3.", (14, 14, 16)),
        mistake("'valid' sin el + 1", "esa sale de (n − k) / s, la fórmula de 'valid' sin el + 1; con "
                                      "padding='same' el lado ni siquiera depende del núcleo.", (7, 7, 16)),
        mistake("núcleo como canales", "los canales de salida son el número de filtros, no los píxeles "
                                       "del núcleo de 5 × 5.", (10, 10, 25)),
        # El enunciado no dice cómo redondear: el mensaje común («redondea como indica el
        # enunciado») no sería cierto.
        mistake("sin redondear", "casi: un lado es un número entero de posiciones de la ventana, y n / s "
                                 "no sale entero porque la última ventana no cabe completa. Piensa qué "
                                 "hace con ella padding='same', que rellena los bordes con ceros.",
                (28 / 3, 28 / 3, 16)),
    ),
)

register_table(
    "convolucion-2",
    question="el número de parámetros de Conv2D(64, (5, 5)) sobre una entrada de 32 canales",
    answer_format="un entero",
    tolerance=EXACT,
    answer=51264,
    convert=as_int,
    hints=(
        "cuenta los parámetros de un filtro y multiplica por el número de filtros.",
        "un filtro tiene un peso por cada posición del núcleo y cada canal de entrada, y un sesgo: "
        "(kh · kw · c_in + 1) · c_out, con c_in los canales que llegan a la capa.",
    ),
    solution="(5 · 5 · 32 + 1) · 64 = 51 264.",
    misconceptions=(
        forgot_bias("has olvidado los sesgos: uno por filtro (64).", 5 * 5 * 32 * 64),
        mistake("un canal de entrada", "cada filtro tiene pesos para los 32 canales de entrada, no "
                                       "para uno.", (5 * 5 + 1) * 64),
        mistake("sesgo por canal", "el sesgo es uno por filtro, no uno por canal de entrada.",
                (5 * 5 + 1) * 32 * 64),
        mistake("entrada y filtros cambiados", "o has intercambiado los canales de entrada (32) y los "
                                               "filtros (64), o has sumado un sesgo por canal de "
                                               "entrada en lugar de uno por filtro.",
                (5 * 5 * 64 + 1) * 32, 5 * 5 * 32 * 64 + 32),
        mistake("c_in de otra capa", "has usado 64 canales de entrada; esta capa recibe la salida de "
                                     "una con 32 filtros.", (5 * 5 * 64 + 1) * 64),
        mistake("sin el núcleo", "cada filtro tiene kh · kw pesos por canal de entrada: falta el "
                                 "tamaño del núcleo.", (32 + 1) * 64),
        mistake("un solo sesgo", "hay un sesgo por filtro, no uno para toda la capa.", 5 * 5 * 32 * 64 + 1),
        mistake("núcleo de 3 × 3", "esa es la Conv2D de 3 × 3 del capítulo (conv_2); aquí el núcleo es "
                                   "de 5 × 5.", (3 * 3 * 32 + 1) * 64),
        mistake("lado en vez de área", "el núcleo es de 5 × 5: cada filtro tiene kh · kw pesos por canal "
                                       "de entrada, no solo el lado.", (5 * 32 + 1) * 64),
        mistake("un solo filtro", "esos son los parámetros de un solo filtro; la capa tiene uno por cada "
                                  "canal de salida: multiplica por el número de filtros.", 5 * 5 * 32 + 1),
    ),
)

register_table(
    "convolucion-3",
    question="el número de parámetros de tres Conv2D(32, (3, 3)) apiladas sobre una entrada de "
             "32 canales (las tres juntas)",
    answer_format="un entero",
    tolerance=EXACT,
    answer=3 * (3 * 3 * 32 + 1) * 32,
    convert=as_int,
    hints=(
        "las tres capas son iguales: cuenta una y multiplica por 3.",
        "cada una tiene (kh · kw · c_in + 1) · c_out parámetros; aquí entran 32 canales y salen 32.",
    ),
    solution="3 · (3 · 3 · 32 + 1) · 32 = 27 744, frente a (7 · 7 · 32 + 1) · 32 = 50 208 de "
             "una sola Conv2D de 7 × 7, que ve la misma ventana.",
    misconceptions=(
        forgot_bias("has olvidado los sesgos: 32 por capa.", 3 * 3 * 3 * 32 * 32),
        mistake("sesgos de una capa", "o has contado los sesgos de una sola capa, o has tomado las tres "
                                      "capas como un solo núcleo de 3 × 3 × 3: cada una de las tres "
                                      "capas tiene sus propios pesos y sus 32 sesgos.",
                3 * 3 * 3 * 32 * 32 + 32),
        mistake("una sola capa", "esa es una sola capa; hay tres apiladas.", (3 * 3 * 32 + 1) * 32),
        mistake("la de 7 × 7", "esos son los de una sola Conv2D de 7 × 7; se piden las tres de 3 × 3.",
                (7 * 7 * 32 + 1) * 32),
        mistake("un canal de entrada", "cada filtro tiene pesos para los 32 canales de entrada, no "
                                       "para uno.", 3 * (3 * 3 + 1) * 32),
        mistake("la diferencia", "esa es la diferencia con la Conv2D de 7 × 7; se pide el total de las "
                                 "tres de 3 × 3.", (7 * 7 * 32 + 1) * 32 - 3 * (3 * 3 * 32 + 1) * 32),
        mistake("dos capas", "esas son dos capas; hay tres apiladas.", 2 * (3 * 3 * 32 + 1) * 32),
        mistake("primera capa de un canal", "la primera capa también recibe 32 canales: la entrada del "
                                            "enunciado ya los tiene, no es una imagen de un canal.",
                (3 * 3 + 1) * 32 + 2 * (3 * 3 * 32 + 1) * 32),
        mistake("un solo sesgo", "hay un sesgo por filtro en cada capa, no uno para todo el bloque.",
                3 * 3 * 3 * 32 * 32 + 1),
        mistake("un filtro por capa", "has contado un solo filtro en cada capa: cada capa tiene 32, cada "
                                      "uno con sus pesos y su sesgo.", 3 * (3 * 3 * 32 + 1)),
        mistake("multiplicadas", "los parámetros de las capas se suman, no se multiplican: cada capa "
                                 "tiene los suyos.", ((3 * 3 * 32 + 1) * 32) ** 3),
    ),
)
