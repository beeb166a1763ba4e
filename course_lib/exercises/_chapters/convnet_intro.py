"""Ejercicios del capítulo «Redes convolucionales: introducción»."""

from __future__ import annotations

from typing import Any

import numpy as np

from course_lib.exercises._core import (
    CORRECT,
    EXACT,
    EXACT_TUPLE,
    WRONG,
    InvalidAnswer,
    Named,
    Result,
    Verdict,
    as_int,
    as_shape,
    describe,
    forgot_bias,
    mistake,
    register,
    register_table,
)

_FIRST_5x5 = [(24, 24, 32), (12, 12, 32), (10, 10, 64), (5, 5, 64), (3, 3, 64)]
_ORIGINAL = [(26, 26, 32), (13, 13, 32), (11, 11, 64), (5, 5, 64), (3, 3, 64)]
_NAMES = ["conv_1", "pool_1", "conv_2", "pool_2", "conv_3"]
_SIDE_IN = [28, 24, 12, 10, 5]
"""El lado que recibe cada capa de la base con la primera convolución de 5 × 5."""
_EXPECTED = "una lista de cinco formas, como [(28, 28, 1), ...]"


def _is_one_shape(answer: Any) -> bool:
    """Una sola forma, como (24, 24, 32), en lugar de una lista de formas."""
    if isinstance(answer, np.ndarray):
        return answer.ndim == 1
    return isinstance(answer, (list, tuple)) and bool(answer) and all(
        isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) for v in answer)


def _as_shapes(answer: Any) -> list[tuple[int, ...]]:
    """Lista de formas: una lista o tupla de formas, o un array de NumPy de dos dimensiones."""
    if isinstance(answer, np.ndarray) and answer.ndim == 2:
        answer = list(answer)
    if isinstance(answer, (str, bytes, bytearray)) or not isinstance(answer, (list, tuple)):
        raise InvalidAnswer(f"se esperaba {_EXPECTED} y has dado {describe(answer)}.")
    if not answer:
        raise InvalidAnswer(f"se esperaba {_EXPECTED} y has dado una lista vacía.")
    return [
        as_shape(shape, expected=f"una forma como (28, 28, 1) en el elemento {position} de la lista")
        for position, shape in enumerate(answer, start=1)
    ]


@register(
    "convnet_intro-1",
    question="la lista de las cinco formas de salida de la base convolucional con la primera "
             "convolución de 5 × 5",
    answer_format="una lista de cinco tuplas (alto, ancho, canales), una por capa, sin el eje del lote",
    tolerance=EXACT_TUPLE,
    answer=_FIRST_5x5,
    shapes=True,
    hints=(
        "sigue la imagen capa a capa: cada capa recibe la salida de la anterior, así que un cambio "
        "en conv_1 se arrastra hasta el final.",
        "una convolución 'valid' de lado k pasa de n a n − k + 1 y da tantos canales como filtros; "
        "un pooling de 2 × 2 divide el lado entre 2, redondeando hacia abajo, y no cambia los canales.",
        "solo cambia el núcleo de conv_1; las demás capas son las de siempre, pero reciben otro "
        "tamaño: recalcúlalas todas.",
    ),
    solution="28 → 24 (conv 5 × 5) → 12 (pool) → 10 (conv 3 × 3) → 5 (pool) → 3 (conv 3 × 3): "
             "[(24, 24, 32), (12, 12, 32), (10, 10, 64), (5, 5, 64), (3, 3, 64)].",
    misconceptions=(
        mistake("núcleo de 3 × 3", "conv_1 tiene ahora un núcleo de 5 × 5: una convolución 'valid' "
                                   "resta k − 1 al lado, y con k = 5 eso ya no es 2.", _ORIGINAL),
        mistake("uno de menos", "en {capa} falta el + 1: una convolución 'valid' de lado k deja "
                                "n − k + 1 posiciones.",
                [(23, 23, 32), (11, 11, 32), (9, 9, 64), (4, 4, 64), (2, 2, 64)],
                [(24, 24, 32), (12, 12, 32), (9, 9, 64), (4, 4, 64), (2, 2, 64)]),
        mistake("como 'same'", "en {capa} has mantenido el lado de la entrada: sin relleno "
                               "(padding='valid'), la ventana no cabe en los bordes y el lado se reduce.",
                [(28, 28, 32), (14, 14, 32), (12, 12, 64), (6, 6, 64), (4, 4, 64)],
                [(24, 24, 32), (12, 12, 32), (12, 12, 64), (6, 6, 64), (6, 6, 64)]),
        mistake("pooling hacia arriba", "en {capa} el pooling de 2 × 2 redondea hacia abajo: la fila "
                                        "que sobra se descarta.",
                [(24, 24, 32), (12, 12, 32), (10, 10, 64), (6, 6, 64), (4, 4, 64)]),
        mistake("canales del pooling", "en {capa} los canales son los de la convolución anterior: el "
                                       "pooling no los cambia.",
                [(24, 24, 32), (12, 12, 64), (10, 10, 64), (5, 5, 64), (3, 3, 64)]),
        mistake("canales de la convolución", "en {capa} los canales son el número de filtros de esa "
                                             "convolución, no los que le llegan.",
                [(24, 24, 32), (12, 12, 32), (10, 10, 32), (5, 5, 64), (3, 3, 64)]),
        mistake("canales primero", "Keras pone los canales al final, (alto, ancho, canales), y tú "
                                   "los has puesto al principio en todas las formas.",
                [(32, 24, 24), (32, 12, 12), (64, 10, 10), (64, 5, 5), (64, 3, 3)]),
        mistake("sin canales", "falta el número de canales: cada forma tiene tres números, "
                               "(alto, ancho, canales).",
                [(24, 24), (12, 12), (10, 10), (5, 5), (3, 3)]),
        mistake("número de capas", "la base convolucional tiene cinco capas y has dado {formas} formas.",
                [(24, 24, 32)], [(28, 28, 1), *_FIRST_5x5]),
        mistake("una sola forma", "has dado una sola forma; se pide una lista con la forma de cada "
                                  "una de las cinco capas, [(alto, ancho, canales), ...].", (24, 24, 32)),
        mistake("5 × 5 en todas", "en {capa} la ventana sigue siendo de 3 × 3: solo conv_1 cambia de "
                                  "núcleo.",
                [(24, 24, 32), (12, 12, 32), (8, 8, 64), (4, 4, 64), (0, 0, 64)]),
    ),
)
def _convnet_intro_1(answer: Any) -> Verdict:
    if _is_one_shape(answer):
        return "una sola forma"
    shapes = _as_shapes(answer)
    if shapes == _FIRST_5x5:
        return Result(CORRECT, "¡bien hecho! Las cinco formas son correctas.")
    if len(shapes) != 5:
        return Named("número de capas", {"formas": len(shapes)})
    if shapes == [(s[2], s[0], s[1]) for s in _FIRST_5x5]:
        return "canales primero"
    if shapes == [s[:2] for s in _FIRST_5x5]:
        return "sin canales"
    if shapes[0] == _ORIGINAL[0]:
        return "núcleo de 3 × 3"
    for name, got, want, side_in in zip(_NAMES, shapes, _FIRST_5x5, _SIDE_IN, strict=True):
        if got == want:
            continue
        if len(got) != 3:
            return Result(WRONG, f"cada forma tiene tres números (alto, ancho, canales); la de {name} "
                                 f"tiene {len(got)}.")
        capa = {"capa": name}
        if got[-1] != want[-1]:
            kind = "canales del pooling" if name.startswith("pool") else "canales de la convolución"
            return Named(kind, capa)
        if name.startswith("pool") and got[0] == want[0] + 1:
            return Named("pooling hacia arriba", capa)
        if name.startswith("conv") and got[0] == want[0] - 1:
            return Named("uno de menos", capa)
        if name.startswith("conv") and got[0] == side_in:
            return Named("como 'same'", capa)
        if name != "conv_1" and name.startswith("conv") and got[0] == max(side_in - 4, 0):
            return Named("5 × 5 en todas", capa)
        before = "empieza por ahí" if name == "conv_1" else "las anteriores sí lo son"
        return Result(WRONG, f"la forma de {name} no es correcta ({before}). Pide una pista: "
                             'exercises.hint("convnet_intro-1").')
    return None  # no se llega: cinco formas iguales a las esperadas ya son correctas


register_table(
    "convnet_intro-2",
    question="el número total de parámetros de build_convnet(filters=(16, 64, 64))",
    answer_format="un entero",
    tolerance=EXACT,
    answer=83946,
    convert=as_int,
    hints=(
        "cambian dos capas: conv_1, que ahora tiene 16 filtros, y conv_2, que ahora recibe 16 "
        "canales. Las demás siguen igual.",
        "una Conv2D tiene (kh · kw · c_in + 1) · c_out parámetros: calcula las dos capas que "
        "cambian y suma las que no cambian (model.summary() de la red original te da sus números).",
    ),
    solution="conv_1: (9 + 1) · 16 = 160; conv_2: (9 · 16 + 1) · 64 = 9280; el resto no cambia: "
             "93 322 - 320 + 160 - 18 496 + 9280 = 83 946.",
    misconceptions=(
        mistake("solo conv_1", "has cambiado conv_1, pero conv_2 también cambia: ahora ve 16 canales.",
                93322 - 320 + 160),
        mistake("sin cambios", "ese es el total de la red original, con 32 filtros; con 16 cambian "
                               "conv_1 y conv_2.", 93322),
        forgot_bias("has olvidado los sesgos de conv_1 y conv_2.", 83946 - 16 - 64),
        mistake("sin los sesgos de conv_1", "te faltan los sesgos de conv_1: con 16 filtros, también "
                                            "tiene uno por filtro.", 83946 - 16),
        mistake("conv_3 también", "conv_3 no cambia: sigue recibiendo los 64 canales de conv_2.",
                83946 - 36928 + (9 * 16 + 1) * 64),
        mistake("solo las capas que cambian", "esos son solo los parámetros de conv_1 y conv_2; se "
                                              "pide el total de la red.", 160 + 9280),
        mistake("solo conv_2", "has cambiado conv_2, pero conv_1 también cambia: ahora tiene 16 "
                               "filtros.", 93322 - 18496 + 9280),
        mistake("ningún sesgo", "has olvidado los sesgos: cada capa, convolucional o densa, tiene uno "
                                "por filtro o por unidad.", 83946 - 16 - 64 - 64 - 64 - 10),
        mistake("solo las convoluciones", "esas son solo las convoluciones; el total de la red incluye "
                                          "también las capas densas de la cabeza.", 160 + 9280 + 36928),
        mistake("solo una capa", "esos son solo los parámetros de conv_1; se pide el total de la red.",
                160),
        mistake("sesgo por canal", "en conv_2 el sesgo es uno por filtro, no uno por canal de entrada.",
                160 + (9 + 1) * 16 * 64 + 36928 + 36928 + 650),
        mistake("sin los sesgos de las convoluciones", "has olvidado los sesgos de las convoluciones: cada "
                                                       "filtro tiene el suyo, también en conv_3.",
                83946 - 16 - 64 - 64),
        mistake("la mitad", "los parámetros no se reducen a la mitad: con 16 filtros solo cambian conv_1 y "
                            "conv_2; conv_3 y la cabeza siguen igual.", 93322 // 2),
        mistake("c_in de conv_1", "conv_1 recibe la imagen, de un solo canal: 16 son sus filtros (los "
                                  "canales que da), no los canales que le llegan.",
                (9 * 16 + 1) * 16 + 9280 + 36928 + 36928 + 650),
    ),
)

register_table(
    "convnet_intro-3",
    question="las multiplicaciones por imagen de la primera convolución si fuera de 5 × 5",
    answer_format="un entero",
    tolerance=EXACT,
    answer=24 * 24 * 32 * 25,
    convert=as_int,
    hints=(
        "cada valor de la salida de conv_1 es una suma de productos: cuenta cuántos productos "
        "hace uno y cuántos valores hay.",
        "cada valor usa 5 · 5 · 1 pesos; la salida tiene la forma que calculaste en el ejercicio 1, "
        "con sus 32 canales.",
    ),
    solution="la salida es de 24 × 24 × 32 y cada valor hace 5 · 5 · 1 = 25 multiplicaciones: "
             "24 · 24 · 32 · 25 = 460 800.",
    misconceptions=(
        mistake("lado de 3 × 3", "con una ventana de 5 × 5 la salida ya no es de 26 × 26: recalcula "
                                 "su lado.", 26 * 26 * 32 * 25),
        mistake("un solo filtro", "has contado un solo filtro: conv_1 tiene 32, y cada uno hace sus "
                                  "cuentas.", 24 * 24 * 25),
        mistake("núcleo de 3 × 3", "la ventana es ahora de 5 × 5: cada valor usa 25 pesos, no 9.",
                24 * 24 * 32 * 9),
        mistake("parámetros", "ese es el número de parámetros (o de pesos) de conv_1; cada peso se usa "
                              "en todas las posiciones de la salida.", (5 * 5 * 1 + 1) * 32, 5 * 5 * 32),
        mistake("sesgos multiplicados", "los sesgos se suman, no se multiplican: cuenta solo los "
                                        "pesos.", 24 * 24 * 32 * 26),
        mistake("posiciones de la entrada", "las multiplicaciones se hacen en cada posición de la "
                                            "salida, no de la entrada: la ventana no cabe en los "
                                            "bordes.", 28 * 28 * 32 * 25),
        mistake("el cuaderno original", "ese es el recuento de la conv_1 original, de 3 × 3; con una "
                                        "ventana de 5 × 5 cambian los pesos de cada valor y el lado de "
                                        "la salida.", 26 * 26 * 32 * 9),
        mistake("sin el núcleo", "ese es el número de valores de la salida; cada uno es una suma de "
                                 "productos, uno por cada peso de la ventana.", 24 * 24 * 32),
        mistake("n − k posiciones", "el lado de la salida te sale 1 menor: la ventana también cabe en "
                                    "su primera posición (el + 1).", 23 * 23 * 32 * 25),
        mistake("un solo lado", "la salida es un cuadrado: sus posiciones son alto × ancho, no solo el "
                                "lado.", 24 * 32 * 25),
        mistake("lado en vez de área", "la ventana es de 5 × 5: cada valor usa un peso por cada píxel de "
                                       "la ventana (alto × ancho), no solo su lado.", 24 * 24 * 32 * 5),
        mistake("lado de más", "el lado de la salida te sale 1 mayor: una ventana 'valid' de lado k deja "
                               "n − k + 1 posiciones, no n − k + 2.", 25 * 25 * 32 * 25),
        mistake("toda la red", "se piden solo las multiplicaciones de la primera convolución, no las de "
                               "toda la red.", 2794240),
        mistake("entrada y un filtro", "has contado las posiciones de la entrada y un solo filtro: las "
                                       "multiplicaciones se hacen en cada posición de la salida (la "
                                       "ventana no cabe en los bordes), y para cada uno de los filtros de "
                                       "conv_1.", 28 * 28 * 25),
    ),
)
