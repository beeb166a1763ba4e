"""Ejercicios del capítulo «Mejorar la red»."""

from __future__ import annotations

from typing import Any

import numpy as np

from course_lib.exercises._core import (
    CORRECT,
    EXACT,
    TWO_DECIMALS,
    TWO_DECIMALS_TEXT,
    Result,
    Verdict,
    as_int,
    as_vector,
    mistake,
    real_number,
    register,
    register_table,
)

BATCH = np.array([1.0, 2.0, 3.0, 6.0])
"""El lote del ejercicio 1: cuatro valores de un mismo canal."""
_NORMALISED = (BATCH - BATCH.mean()) / BATCH.std()

CANDIDATES = {"validación": [0.9937, 0.9952, 0.9945], "prueba": [0.9951, 0.9941, 0.9956]}
"""Las exactitudes del ejercicio 3: tres redes candidatas, en validación y en prueba."""


@register(
    "mejorar-1",
    question="el lote [1, 2, 3, 6] normalizado como BatchNormalization al entrenar "
             "(gamma = 1, beta = 0, epsilon = 0)",
    answer_format="un vector de 4 números, como np.array([0.1, 0.2, 0.3, 0.4])",
    tolerance=TWO_DECIMALS_TEXT,
    answer=tuple(_NORMALISED),
    atol=TWO_DECIMALS,
    hints=(
        "al entrenar, BatchNormalization usa la media y la desviación típica del propio lote, no "
        "las de todo el conjunto.",
        "resta la media del lote y divide entre su desviación típica, con la varianza dividida "
        "entre el número de valores (np.std lo hace así por defecto).",
    ),
    solution="media 3 y varianza (4 + 1 + 0 + 9) / 4 = 3,5: (x − 3) / √3,5 ≈ "
             "[−1,069; −0,535; 0; 1,604].",
    misconceptions=(
        mistake("varianza entre n − 1", "has dividido la varianza entre n − 1 = 3 (np.std(ddof=1), o el "
                                        "std de pandas): BatchNormalization la divide entre n = 4.",
                (BATCH - BATCH.mean()) / BATCH.std(ddof=1)),
        mistake("entre la varianza", "has dividido entre la varianza; se divide entre su raíz, la "
                                     "desviación típica.", (BATCH - BATCH.mean()) / BATCH.var()),
        mistake("sin restar la media", "falta restar la media del lote antes de dividir.",
                BATCH / BATCH.std()),
        mistake("sin dividir", "has restado la media; falta dividir entre la desviación típica del lote.",
                BATCH - BATCH.mean()),
        mistake("entre 0 y 1", "eso es escalar entre 0 y 1 con el mínimo y el máximo; la normalización "
                               "por lotes usa la media y la desviación típica.",
                (BATCH - BATCH.min()) / (BATCH.max() - BATCH.min())),
        mistake("al predecir", "esa es la salida de la capa al predecir (training=False): usa sus "
                               "medias y varianzas móviles, que al empezar valen 0 y 1 y dejan el lote "
                               "casi igual. Al entrenar usa la media y la desviación típica del propio "
                               "lote.", BATCH),
        mistake("entre el máximo", "has dividido entre el máximo; la normalización por lotes resta la "
                                   "media y divide entre la desviación típica.", BATCH / BATCH.max()),
        mistake("signo cambiado", "tiene el signo cambiado: a cada valor se le resta la media, x − media, "
                                  "no al revés.", -_NORMALISED),
        mistake("la mediana", "has restado la mediana; la normalización por lotes resta la media del "
                              "lote.", (BATCH - np.median(BATCH)) / BATCH.std()),
        mistake("suman 1", "has repartido el lote para que sume 1; la normalización por lotes da media 0 "
                           "y varianza 1.", BATCH / BATCH.sum()),
        mistake("porcentaje", "lo has dado en porcentaje; los valores normalizados se dan tal cual, sin "
                              "multiplicar por 100.", 100 * _NORMALISED),
        mistake("entre la media", "has dividido entre la media; la normalización por lotes resta la media "
                                  "y divide entre la desviación típica.", BATCH / BATCH.mean()),
        mistake("varianza entre n − 1, sin raíz", "has dividido entre la varianza, y calculada entre "
                                                   "n − 1: se divide entre su raíz, la desviación típica, "
                                                   "con la varianza dividida entre n = 4.",
                (BATCH - BATCH.mean()) / BATCH.var(ddof=1)),
        mistake("orden contrario", "tus valores están en orden contrario: cada valor normalizado va en la "
                                   "posición del valor del lote del que sale, en el orden [1, 2, 3, 6].",
                _NORMALISED[::-1]),
    ),
)
def _mejorar_1(answer: Any) -> Verdict:
    values = as_vector(answer, length=4, expected="un vector de 4 números, como np.array([...])")
    if np.allclose(values, _NORMALISED, rtol=0, atol=TWO_DECIMALS):
        return Result(CORRECT, "¡bien hecho! Media 0 y varianza 1 en el lote.")
    mean = BATCH.mean()
    known = {
        "varianza entre n − 1": (BATCH - mean) / BATCH.std(ddof=1),
        "entre la varianza": (BATCH - mean) / BATCH.var(),
        "sin restar la media": BATCH / BATCH.std(),
        "sin dividir": BATCH - mean,
        "entre 0 y 1": (BATCH - BATCH.min()) / (BATCH.max() - BATCH.min()),
        "al predecir": BATCH, "entre el máximo": BATCH / BATCH.max(),
        "signo cambiado": -_NORMALISED, "la mediana": (BATCH - np.median(BATCH)) / BATCH.std(),
        "suman 1": BATCH / BATCH.sum(), "entre la media": BATCH / mean,
        "varianza entre n − 1, sin raíz": (BATCH - mean) / BATCH.var(ddof=1),
        "orden contrario": _NORMALISED[::-1],
    }
    for name, value in known.items():
        if np.allclose(values, value, rtol=0, atol=TWO_DECIMALS):
            return name
    if np.allclose(values, 100 * _NORMALISED, rtol=0, atol=0.6):
        return "porcentaje"
    return None


register_table(
    "mejorar-2",
    question="los pasos de calentamiento: 54 000 imágenes, lotes de 128, 3 épocas y un 10 % de los "
             "pasos para calentar (redondeando hacia abajo)",
    answer_format="un entero",
    tolerance=EXACT,
    answer=126,
    convert=as_int,
    rounds=True,
    hints=(
        "cuenta primero los pasos de una época: cada paso es un lote, y el último, aunque esté "
        "incompleto, también cuenta.",
        "multiplica por las 3 épocas y toma el 10 % de ese total, redondeando hacia abajo.",
    ),
    solution="ceil(54 000 / 128) = 422 pasos por época, 1266 en total, y el 10 %: 126 pasos.",
    misconceptions=(
        mistake("el total", "ese es el total de pasos de las 3 épocas; el calentamiento es el 10 %.", 1266),
        mistake("una época", "esos son los pasos de una época; el calentamiento es el 10 % de los pasos "
                             "de las 3.", 422),
        mistake("10 % de una época", "ese es el 10 % de una época; el calentamiento es el 10 % de los "
                                     "pasos de las 3 épocas.", 42),
        mistake("imágenes", "eso son imágenes, no pasos: cada paso usa un lote de 128.", 5400, 16200),
        mistake("hacia arriba", "casi: el enunciado pide redondear hacia abajo.", 127),
        mistake("sin redondear", "casi: el 10 % no sale entero; el enunciado pide redondear hacia abajo.",
                0.1 * 1266),
        mistake("60 000 imágenes", "esos son los pasos con las 60 000 imágenes; aquí se entrena con 54 000 "
                                   "(la validación se aparta).", 140),
        mistake("lotes de 64", "ese es el recuento con lotes de 64; aquí el lote es de 128.", 253),
        mistake("5 épocas", "ese es el recuento con 5 épocas; aquí son 3.", 211),
        mistake("10 veces", "has multiplicado por 10; tomar el 10 % es dividir entre 10.", 12660),
        mistake("el 1 %", "eso es el 1 % de los pasos (¿has dividido entre 100?); el calentamiento es el "
                          "10 %.", 12, 0.01 * 1266),
    ),
)


@register(
    "mejorar-3",
    question="cuál de las tres redes candidatas eliges, con la tabla de exactitudes de validación y "
             "de prueba",
    answer_format="un entero: 0, 1 o 2",
    tolerance=EXACT,
    answer=1,
    hints=(
        "cada conjunto tiene su papel: uno sirve para decidir y otro, para una única estimación "
        "final con la red ya elegida.",
        "compara las tres candidatas solo por la columna que sirve para decidir.",
    ),
    solution="la de mayor exactitud de validación. La exactitud de prueba solo se mira para la "
             "elegida, una vez, como estimación honesta.",
    misconceptions=(
        mistake("elegir con la prueba", "o has elegido por la exactitud de prueba, y entonces ese número ya "
                                        "no es una estimación honesta, porque lo has usado para decidir; "
                                        "o has numerado las redes desde 1, y la tabla las numera desde 0.",
                2),
        mistake("otra candidata", "esa candidata no es la mejor en validación: alguna de las otras la "
                                  "supera en esa columna.", 0),
        mistake("fuera de la lista", "solo hay 3 candidatas, numeradas desde 0 como en la tabla: responde "
                                     "0, 1 o 2.", 3),
        mistake("una exactitud", "has dado una exactitud de la tabla; se pide cuál de las tres redes "
                                 "eliges: su número en la tabla, 0, 1 o 2.", 99.52, 0.9952, 99.56),
    ),
)
def _mejorar_3(answer: Any) -> Verdict:
    number = real_number(answer)
    accuracies = [a for column in CANDIDATES.values() for a in column]
    if number is not None and any(np.isclose(number, [a, 100 * a], rtol=0, atol=5e-5).any()
                                  for a in accuracies):
        return "una exactitud"
    choice = as_int(answer)
    val, tst = np.array(CANDIDATES["validación"]), np.array(CANDIDATES["prueba"])
    if choice >= len(val):
        return "fuera de la lista"
    if choice == int(val.argmax()):
        return Result(CORRECT, "¡bien hecho! Eliges con validación, y su exactitud de prueba queda "
                               "como estimación honesta de cómo le irá con dígitos nuevos.")
    if choice == int(tst.argmax()):
        return "elegir con la prueba"
    return "otra candidata"


register_table(
    "mejorar-4",
    question="el alto del mapa de características de la primera convolución de la red rápida (16 "
             "filtros de 5 × 5, paso 2 y sin relleno, padding='valid') sobre una imagen de 32 × 32, "
             "como las de CIFAR-10",
    answer_format="un entero",
    tolerance=EXACT,
    answer=14,
    convert=as_int,
    rounds=True,
    hints=(
        "sin relleno, la ventana de 5 × 5 tiene que caber entera dentro de la imagen.",
        "cuenta cuántos saltos de 2 píxeles puede dar la ventana desde su primera posición y suma esa "
        "primera posición (la fórmula está en el capítulo sobre la convolución).",
    ),
    solution="(32 − 5) // 2 + 1 = 13 + 1 = 14: el mapa es de 14 × 14.",
    misconceptions=(
        mistake("sin paso", "ese sería el alto con paso 1; con paso 2 la ventana salta de 2 en 2.", 28),
        mistake("con relleno", "ese es el alto con relleno (padding='same'); sin relleno, la ventana de "
                               "5 × 5 tiene que caber entera dentro de la imagen.", 16),
        mistake("uno de menos", "casi: has contado los saltos de la ventana, pero no su primera "
                                "posición.", 13),
        mistake("hacia arriba", "o has redondeado hacia arriba (solo cuentan los saltos enteros que "
                                "caben), o has sumado dos veces la posición de partida, o has usado un "
                                "núcleo de 3 × 3 (aquí es de 5 × 5).", 15),
        mistake("el relleno por paso", "¿has usado models.conv_output_size(32, 5, 2)? Su tercer "
                                       "argumento es el relleno (padding), no el paso: con un relleno de 2 "
                                       "y paso 1, el mapa no se encoge. Pasa el paso por su nombre, "
                                       "stride=.", 32),
        mistake("el cuaderno original", "ese es el alto con un núcleo de 3 × 3 y paso 1, el de la red del "
                                        "cuaderno original.", 30),
        mistake("sin dividir", "eso es lo que puede desplazarse la ventana, no cuántas posiciones "
                               "ocupa: el paso y la posición de partida también cuentan.", 27),
        mistake("sin redondear", "casi: la ventana solo da saltos enteros, así que la división entre el "
                                 "paso se redondea hacia abajo.", (32 - 5) / 2 + 1),
        mistake("imagen de 28", "o has usado una imagen de 28 × 28, la de MNIST (aquí es de 32 × 32), o "
                                "has dividido el lado entre el paso antes de encajar la ventana: la "
                                "ventana de 5 × 5 ocupa primero su posición de partida y desde ahí da "
                                "saltos de 2.", 12),
    ),
)


IMPROVED_BN_CHANNELS = (32, 64, 128, 128)
"""Los canales de las cuatro normalizaciones de la red mejorada (ejercicio 5): tras sus tres
convoluciones y tras su capa densa."""
_CHANNELS = sum(IMPROVED_BN_CHANNELS)

register_table(
    "mejorar-5",
    question="cuántos parámetros de la red mejorada no se entrenan (normalización por lotes tras sus "
             "convoluciones de 32, 64 y 128 filtros y tras su capa densa de 128 unidades)",
    answer_format="un entero",
    tolerance=EXACT,
    answer=2 * _CHANNELS,
    convert=as_int,
    hints=(
        "cada BatchNormalization guarda 4 números por canal: γ, β, una media móvil y una varianza "
        "móvil.",
        "¿cuáles cambia el gradiente y cuáles la regla de la media móvil? Solo estos últimos no se "
        "entrenan: súmalos en las cuatro normalizaciones.",
    ),
    solution="las medias y las varianzas móviles, 2 por canal: 2 · (32 + 64 + 128 + 128) = 704.",
    misconceptions=(
        mistake("γ y β también", "también has contado γ y β, que sí se entrenan con el gradiente: solo "
                                 "las medias y varianzas móviles quedan fuera.", 4 * _CHANNELS),
        mistake("uno por canal", "casi: la capa guarda dos estadísticas móviles por canal, la media y la "
                                 "varianza.", _CHANNELS),
        mistake("sin la densa", "te falta la normalización que va tras la capa densa, de 128 unidades.",
                2 * (_CHANNELS - IMPROVED_BN_CHANNELS[-1])),
        mistake("una estadística, sin la densa", "has contado una sola estadística y solo las "
                                                 "normalizaciones de las convoluciones: cada normalización, "
                                                 "también la de la capa densa, guarda dos por canal.",
                _CHANNELS - IMPROVED_BN_CHANNELS[-1]),
        mistake("ninguno", "la normalización por lotes sí tiene parámetros que no se entrenan: los que "
                           "se actualizan con una media móvil, no con el gradiente.", 0),
        mistake("matrices, no números", "has contado las matrices de pesos (dos por normalización); se "
                                        "piden los números que contienen, uno por canal en cada una.", 8),
        mistake("ε como parámetro", "ε es una constante de la capa, no un parámetro por canal: las que no "
                                    "se entrenan son solo las estadísticas móviles.", 3 * _CHANNELS),
        mistake("γ y β, sin la densa", "has contado los 4 números de cada canal, también γ y β, que se "
                                       "entrenan, y solo las normalizaciones de las convoluciones: falta "
                                       "la que va tras la capa densa.",
                4 * (_CHANNELS - IMPROVED_BN_CHANNELS[-1])),
        mistake("densa de 10", "la última normalización va tras la capa densa oculta, de 128 unidades, no "
                               "tras la salida de 10.", 2 * (_CHANNELS - IMPROVED_BN_CHANNELS[-1] + 10)),
        mistake("una sola normalización", "has contado una sola normalización: la red tiene cuatro, tras "
                                          "sus tres convoluciones y tras su capa densa, y cada una guarda "
                                          "dos estadísticas móviles por canal.", 2 * 32, 2 * 64, 2 * 128),
    ),
)
