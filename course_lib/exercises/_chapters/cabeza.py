"""Ejercicios del capítulo «La cabeza clasificadora»."""

from __future__ import annotations

from typing import Any

import numpy as np

from course_lib.exercises._core import (
    CORRECT,
    EXACT_TUPLE,
    TWO_DECIMALS,
    TWO_DECIMALS_ONE,
    TWO_DECIMALS_TEXT,
    WRONG,
    Named,
    Result,
    Verdict,
    as_float,
    as_shape,
    as_vector,
    forgot_bias,
    mistake,
    real_number,
    register,
)

_Z = np.array([2.0, 1.0, 0.0])
_P = np.exp(_Z) / np.exp(_Z).sum()
_Y = np.array([0.0, 1.0, 0.0])  # la clase real es la 1
_SIGMOID = 1 / (1 + np.exp(-_Z))


@register(
    "cabeza-1",
    question="una tupla (valores que salen de Flatten, parámetros de la capa dense) con padding='same'",
    answer_format="una tupla de dos enteros, (valores de Flatten, parámetros de dense)",
    tolerance=EXACT_TUPLE,
    answer=(3136, 200768),
    hints=(
        "con padding='same' las convoluciones no cambian el alto ni el ancho; solo los poolings "
        "los reducen.",
        "Flatten da alto · ancho · canales de la última capa de la base; una capa Dense tiene "
        "(entradas + 1) · unidades parámetros.",
        "sigue el lado desde 28 por las cinco capas de la base; los canales del final son los "
        "filtros de conv_3, y dense tiene 64 unidades.",
    ),
    solution="7 · 7 · 64 = 3136 valores y (3136 + 1) · 64 = 200 768 parámetros.",
    misconceptions=(
        mistake("como 'valid'", "ese número de valores es el de la red con padding='valid'; con 'same' "
                                "las convoluciones no reducen el tamaño.", (576, 36928)),
        mistake("un pooling de menos", "Flatten recibe la salida de los dos poolings: cada uno divide "
                                       "el lado entre 2.", (12544, 802880), (50176, 3211328)),
        mistake("pool_1 o 128 canales", "o te has parado en pool_1, y Flatten recibe la salida de la "
                                        "última capa de la base, conv_3; o has tomado 128 canales al "
                                        "final, y los canales del final son los filtros de conv_3.",
                (6272, 401472)),
        mistake("Flatten sin canales", "Flatten da alto × ancho × canales: has olvidado multiplicar por "
                                       "los canales de la última capa de la base.", (49, 3200)),
        mistake("orden cambiado", "has dado los dos números en orden contrario: primero los valores de "
                                  "Flatten y después los parámetros de dense.", (200768, 3136)),
        forgot_bias("Flatten está bien, pero en dense has olvidado los sesgos: uno por unidad.",
                    (3136, 200704)),
        mistake("toda la cabeza", "Flatten está bien; se piden solo los parámetros de dense, no los de "
                                  "toda la cabeza.", (3136, 200768 + 650)),
        mistake("dense mal contada", "Flatten está bien; revisa dense: tiene (entradas + 1) · unidades "
                                     "parámetros.", (3136, 3136 * 10)),
        mistake("lado del final", "el número de valores de Flatten no sale de ese lado: con "
                                  "padding='same' solo los dos poolings cambian el lado, y cada uno lo "
                                  "divide entre 2.", (4096, 262208)),
        mistake("canales del final", "Flatten multiplica por los canales de la última capa de la base, "
                                     "los filtros de conv_3, no los de las primeras.", (1568, 100416)),
        mistake("la capa de salida", "Flatten está bien; esa es la capa de salida, la de 10 unidades; se "
                                     "pide dense, la capa oculta de la cabeza.", (3136, 31370)),
        mistake("dense de la red 'valid'", "Flatten está bien, pero esos son los parámetros de dense en la "
                                           "red con padding='valid'; aquí dense recibe los valores de tu "
                                           "Flatten.", (3136, 36928)),
    ),
)
def _cabeza_1(answer: Any) -> Verdict:
    flat, params = as_shape(answer, length=2, expected="una tupla de dos enteros: (valores, parámetros)")
    if (flat, params) == (3136, 200768):
        return Result(CORRECT, "¡bien hecho!")
    if flat == 576:
        return "como 'valid'"
    if flat in (12544, 50176):
        return "un pooling de menos"
    if flat == 14 * 14 * 32:  # la salida de pool_1, o 7 · 7 · 128
        return "pool_1 o 128 canales"
    if flat == 7 * 7:
        return "Flatten sin canales"
    if flat == 8 * 8 * 64:
        return "lado del final"
    if flat == 7 * 7 * 32:
        return "canales del final"
    if flat != 3136:
        return Result(WRONG, "el número de valores de Flatten no es correcto: sigue el alto y el ancho "
                             "capa a capa con padding='same' y multiplica por los canales del final. "
                             'Si te atascas, pide una pista: exercises.hint("cabeza-1").')
    if params == 3136 * 64:
        return "sin sesgos"
    if params == 200768 + 650:
        return "toda la cabeza"
    if params == (3136 + 1) * 10:
        return "la capa de salida"
    if params == 36928:
        return "dense de la red 'valid'"
    return "dense mal contada"


@register(
    "cabeza-2",
    question="las probabilidades softmax de los logits [2.0, 1.0, 0.0]",
    answer_format="un vector de 3 números, como np.array([0.5, 0.3, 0.2])",
    tolerance=TWO_DECIMALS_TEXT,
    answer=tuple(_P),
    atol=TWO_DECIMALS,
    hints=(
        "la softmax convierte logits en probabilidades: positivas, que suman 1 y en el mismo orden "
        "que los logits.",
        "calcula la exponencial de cada logit (np.exp) y divide cada una entre la suma de las tres.",
    ),
    solution="np.exp([2, 1, 0]) / np.exp([2, 1, 0]).sum(): unas probabilidades de 0,665, 0,245 y 0,090.",
    misconceptions=(
        mistake("solo la exponencial", "has calculado exp(z), pero falta dividir entre la suma: no "
                                       "suman 1.", np.exp(_Z)),
        mistake("sin exponencial", "has dividido los logits entre su suma sin aplicar antes la "
                                   "exponencial.", _Z / _Z.sum()),
        mistake("los logits", "esos son los logits; falta aplicarles la softmax.", _Z),
        mistake("dividir entre 3", "o has dividido entre el número de logits, o entre la suma de los "
                                   "logits sin su exponencial: la softmax divide entre la suma de las "
                                   "exponenciales.", np.exp(_Z) / 3, np.exp(_Z) / _Z.sum()),
        mistake("otra base", "la softmax usa la exponencial, e elevado a cada logit (np.exp), no "
                             "potencias de 2 o de 10.", 10**_Z / (10**_Z).sum(), 2**_Z / (2**_Z).sum()),
        mistake("orden invertido", "el logit mayor debe dar la probabilidad mayor: la softmax conserva "
                                   "el orden de los logits (¿has cambiado el signo, o el orden?).",
                _P[::-1]),
        mistake("reparto uniforme", "la softmax no reparte por igual: cuanto mayor es el logit, mayor "
                                    "es su probabilidad.", np.full(3, 1 / 3)),
        mistake("negativas", "hay probabilidades negativas: la softmax siempre da valores positivos.", -_P),
        mistake("no suman 1", "tus probabilidades suman {suma}, no 1: la softmax divide entre la suma "
                              "de las exponenciales.", [0.5, 0.3, 0.1]),
        mistake("una sola clase", "la softmax no elige una sola clase: reparte la probabilidad entre "
                                  "todas, también las de logit menor.", [1, 0, 0]),
        mistake("sigmoide", "has aplicado la sigmoide a cada logit por separado: da valores entre 0 y 1, "
                            "pero no suman 1. La softmax reparte una sola probabilidad entre las tres "
                            "clases: divide la exponencial de cada logit entre la suma de las tres.",
                _SIGMOID),
        mistake("logaritmos", "esos son los logaritmos de las probabilidades (la log-softmax, o −log p, "
                              "lo que entra en la pérdida); la softmax da las probabilidades mismas, "
                              "positivas y que suman 1, sin logaritmo.", np.log(_P), -np.log(_P)),
    ),
)
def _cabeza_2(answer: Any) -> Verdict:
    p = as_vector(answer, length=3, expected="un vector de 3 probabilidades, como np.array([0.5, 0.3, 0.2])")
    if np.allclose(p, _P, rtol=0, atol=TWO_DECIMALS):
        return Result(CORRECT, "¡bien hecho! Suman 1 y conservan el orden de los logits.")
    close = {
        "solo la exponencial": np.exp(_Z), "sin exponencial": _Z / _Z.sum(), "los logits": _Z,
        "dividir entre 3": np.exp(_Z) / 3, "orden invertido": _P[::-1], "reparto uniforme": np.full(3, 1 / 3),
        "sigmoide": _SIGMOID, "logaritmos": np.log(_P),
    }
    for name, value in close.items():
        if np.allclose(p, value, rtol=0, atol=TWO_DECIMALS):
            return name
    if any(np.allclose(p, b**_Z / (b**_Z).sum(), rtol=0, atol=TWO_DECIMALS) for b in (2, 10)):
        return "otra base"
    if np.allclose(p, -np.log(_P), rtol=0, atol=TWO_DECIMALS):
        return "logaritmos"
    if np.allclose(p, np.eye(3)[_Z.argmax()], rtol=0, atol=TWO_DECIMALS):
        return "una sola clase"
    if np.allclose(p, 100 * _P, rtol=0, atol=0.6):
        return "porcentaje"  # el error común, antes que «no suman 1»
    if (p < 0).any():
        return "negativas"
    if np.allclose(p, _P, rtol=0, atol=10 * TWO_DECIMALS):
        return None  # cerca: el error común «redondeado de más»
    if not np.isclose(p.sum(), 1, rtol=0, atol=1e-2):
        return Named("no suman 1", {"suma": f"{p.sum():.3f}".replace(".", ",")})  # coma decimal
    return None


@register(
    "cabeza-3",
    question="el gradiente de la entropía cruzada respecto a los logits [2.0, 1.0, 0.0] si la clase "
             "real es la 1",
    answer_format="un vector de 3 números, como np.array([0.1, -0.2, 0.1])",
    tolerance=TWO_DECIMALS_TEXT,
    answer=tuple(_P - _Y),
    atol=TWO_DECIMALS,
    hints=(
        "con la softmax y la entropía cruzada, el gradiente respecto a los logits tiene una forma "
        "muy sencilla: está en el capítulo.",
        "es p − y: las probabilidades softmax menos la etiqueta one-hot de la clase real.",
        "la clase real es la 1, así que y = [0, 1, 0]; p es la softmax del ejercicio 2.",
    ),
    solution="p - y = [0,665, 0,245 - 1, 0,090] = [0,665, -0,755, 0,090]: suma 0, y solo el "
             "logit de la clase real tiene gradiente negativo (bajar la pérdida es subirlo).",
    misconceptions=(
        mistake("signo cambiado", "tiene el signo cambiado: es p − y, no y − p.", _Y - _P),
        mistake("sin restar y", "son las probabilidades p; falta restar la etiqueta one-hot "
                                "y = [0, 1, 0].", _P),
        mistake("clase equivocada", "has restado el 1 en otra clase; la clase real es la 1, el segundo "
                                    "logit (se cuenta desde 0).", _P - np.array([1.0, 0.0, 0.0]),
                _P - np.array([0.0, 0.0, 1.0])),
        mistake("sin softmax", "has restado la etiqueta a los logits; antes hay que aplicar la softmax.",
                _Z - _Y),
        mistake("solo la clase real", "los otros logits también tienen gradiente: p − y tiene un valor "
                                      "por logit.", (_P - _Y) * _Y),
        mistake("respecto a p", "ese es el gradiente respecto a las probabilidades p; se pide respecto a "
                                "los logits, a través de la softmax, donde toma la forma sencilla del "
                                "capítulo.", [0, -1 / _P[1], 0]),
        mistake("la etiqueta", "esa es la etiqueta one-hot y; el gradiente compara las probabilidades "
                               "con ella.", _Y),
        mistake("valor absoluto", "el gradiente tiene signo: no tomes valores absolutos; piensa hacia "
                                  "dónde hay que mover el logit de la clase real.", np.abs(_P - _Y)),
        mistake("porcentaje", "lo has dado en porcentaje; el gradiente se da tal cual, sin multiplicar "
                              "por 100.", 100 * (_P - _Y)),
        mistake("un solo número", "has dado un solo número (¿la pérdida?); se pide el gradiente respecto "
                                  "a los logits, un valor por cada logit: un vector de 3 números.",
                float(-np.log(_P[1]))),
        mistake("derivada de la softmax", "p · (1 − p) es la derivada de cada probabilidad respecto a su "
                                          "propio logit; se pide el gradiente de la pérdida, que con la "
                                          "entropía cruzada toma la forma sencilla del capítulo.",
                _P * (1 - _P)),
        mistake("la pérdida repetida", "ese es el valor de la pérdida, −log p de la clase real, repetido; "
                                       "se pide su gradiente, un valor distinto para cada logit.",
                np.full(3, -np.log(_P[1]))),
        mistake("−log p de cada clase", "eso es −log p de cada clase (o log p): la pérdida que tendrías si "
                                        "cada una fuera la real; se pide el gradiente de la pérdida "
                                        "respecto a los logits, que con la softmax y la entropía cruzada "
                                        "toma la forma sencilla del capítulo.", -np.log(_P), np.log(_P)),
    ),
)
def _cabeza_3(answer: Any) -> Verdict:
    if real_number(answer) is not None:
        return "un solo número"
    g = as_vector(answer, length=3, expected="un vector de 3 números, como np.array([0.1, -0.2, 0.1])")
    if np.allclose(g, _P - _Y, rtol=0, atol=TWO_DECIMALS):
        return Result(CORRECT, "¡bien hecho! Suma 0: sumar lo mismo a todos los logits no cambia la pérdida.")
    close = {"signo cambiado": _Y - _P, "sin restar y": _P, "sin softmax": _Z - _Y,
             "clase equivocada": _P - np.array([1.0, 0.0, 0.0]), "solo la clase real": (_P - _Y) * _Y,
             "respecto a p": np.array([0, -1 / _P[1], 0]), "la etiqueta": _Y,
             "valor absoluto": np.abs(_P - _Y), "derivada de la softmax": _P * (1 - _P),
             "la pérdida repetida": np.full(3, -np.log(_P[1])), "−log p de cada clase": -np.log(_P)}
    for name, value in close.items():
        if np.allclose(g, value, rtol=0, atol=TWO_DECIMALS):
            return name
    if np.allclose(g, _P - np.array([0.0, 0.0, 1.0]), rtol=0, atol=TWO_DECIMALS):
        return "clase equivocada"
    if np.allclose(g, np.log(_P), rtol=0, atol=TWO_DECIMALS):
        return "−log p de cada clase"
    if np.allclose(g, 100 * (_P - _Y), rtol=0, atol=0.6):
        return "porcentaje"
    return None


@register(
    "cabeza-4",
    question="la pérdida (entropía cruzada) esperable al empezar a entrenar una red de 26 clases",
    answer_format="un número",
    tolerance=TWO_DECIMALS_ONE,
    answer=float(np.log(26)),
    atol=TWO_DECIMALS,
    hints=(
        "una red recién construida no sabe nada: reparte la probabilidad casi por igual entre las "
        "26 clases.",
        "la entropía cruzada de una imagen es −log de la probabilidad que la red da a su clase real, "
        "con el logaritmo natural (np.log).",
    ),
    solution="-log(1/26) = ln 26 ≈ 3,258 (con el logaritmo natural, np.log).",
    misconceptions=(
        mistake("log₁₀", "es log₁₀ 26; la entropía cruzada usa el logaritmo natural (np.log).", np.log10(26)),
        mistake("log₂", "es log₂ 26; la entropía cruzada de Keras usa el logaritmo natural (np.log).",
                np.log2(26)),
        mistake("10 clases", "ln 10 es para 10 clases; aquí hay 26.", np.log(10)),
        mistake("la probabilidad", "1/26 es la probabilidad que la red da a cada clase; la pérdida es la "
                                   "entropía cruzada de esa probabilidad, no la probabilidad misma.", 1 / 26),
        mistake("signo cambiado", "tiene el signo cambiado: la entropía cruzada, −log p, nunca es "
                                  "negativa.", -np.log(26)),
        mistake("el número de clases", "la pérdida no es el número de clases, sino −log de la "
                                       "probabilidad que la red da a la clase real.", 26),
        mistake("otro número de clases", "has contado mal las clases: cada una recibe 1 entre el número "
                                         "de clases del enunciado, ni una más ni una menos.",
                np.log(27), np.log(25)),
        mistake("pérdida cero", "una pérdida de 0 es la de una red que acierta con total seguridad; al "
                                "empezar, la red no sabe nada y reparte la probabilidad.", 0),
        mistake("dos clases", "ln 2 sería con dos clases; la red reparte la probabilidad entre todas las "
                              "del enunciado.", np.log(2)),
        mistake("porcentaje", "eso es la probabilidad de cada clase en porcentaje; la pérdida es −log de "
                              "la probabilidad (entre 0 y 1) que la red da a la clase real.", 100 / 26),
        mistake("tasa de error", "esa es la tasa de error de una red que adivina al azar, no su pérdida: "
                                 "la entropía cruzada es −log de la probabilidad de la clase real.",
                1 - 1 / 26),
        mistake("pérdida negativa", "la entropía cruzada nunca es negativa: es −log p, y una probabilidad p "
                                    "no pasa de 1.", -5, -1.5),
    ),
)
def _cabeza_4(answer: Any) -> Verdict:
    loss = as_float(answer)
    if abs(loss - np.log(26)) <= TWO_DECIMALS:
        return Result(CORRECT, "¡bien hecho! Si al empezar la pérdida se aleja mucho de ln 26, algo falla.")
    mistakes = [(np.log10(26), "log₁₀"), (np.log2(26), "log₂"), (np.log(10), "10 clases"),
                (1 / 26, "la probabilidad"), (-np.log(26), "signo cambiado"), (26, "el número de clases"),
                (0, "pérdida cero"), (np.log(2), "dos clases"), (100 / 26, "porcentaje"),
                (1 - 1 / 26, "tasa de error")]
    for value, name in mistakes:
        if abs(loss - value) <= TWO_DECIMALS:
            return name
    # ln 27 está a 0,004 de 3,3, el valor bueno redondeado de más: aquí se pide más precisión.
    if abs(loss - np.log(25)) <= TWO_DECIMALS or abs(loss - np.log(27)) < 1e-3:
        return "otro número de clases"
    if loss < 0:
        return "pérdida negativa"
    return None

