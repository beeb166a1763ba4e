"""Cada ejercicio, como lo usaría un estudiante: la respuesta correcta en todas las formas que
se aceptan, cada error frecuente con su propio mensaje (los de su lista y los comunes), los
errores que la prueba con estudiantes encontró sin nombre o mal nombrados
(``student_run.md``, §4) y ningún mensaje ni pista que dé la respuesta."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import nbformat
import numpy as np
import pytest

from course_lib.exercises import _core as core
from course_lib.exercises._core import BATCH_NONE, CORRECT, WRONG

ROOT = Path(__file__).resolve().parents[1]

# Una matriz de confusión pequeña (la confusión más frecuente es (2, 1)) y otra como la del
# libro: la más frecuente, 5 → 3, empatada con 9 → 5.
MATRIX = np.array([[50, 0, 3], [1, 40, 0], [0, 7, 60]])
BOOK_MATRIX = np.diag([975, 1130, 1020, 1000, 970, 880, 950, 1015, 960, 995])
BOOK_MATRIX[5, 3] = BOOK_MATRIX[9, 5] = 8
BOOK_MATRIX[5, 0] = BOOK_MATRIX[5, 8] = 2
BOOK_MATRIX[3, 5] = 7
BOOK_MATRIX[4, 9] = 6

SOFTMAX = np.exp([2.0, 1.0, 0.0]) / np.exp([2.0, 1.0, 0.0]).sum()
BATCH = np.array([1.0, 2.0, 3.0, 6.0])

CORRECT_ANSWERS: dict[str, Any] = {
    "red_densa-1": 50890,
    "red_densa-2": (128, 10),
    "convnet_intro-1": [(24, 24, 32), (12, 12, 32), (10, 10, 64), (5, 5, 64), (3, 3, 64)],
    "convnet_intro-2": 83946,
    "convnet_intro-3": 460800,
    "convolucion-1": (10, 10, 16),
    "convolucion-2": 51264,
    "convolucion-3": 27744,
    "pooling-1": (8, 8, 32),
    "pooling-2": 32,
    "cabeza-1": (3136, 200768),
    "cabeza-2": tuple(SOFTMAX),
    "cabeza-3": tuple(SOFTMAX - [0.0, 1.0, 0.0]),
    "cabeza-4": float(np.log(26)),
    "entrenamiento-1": 4690,
    "entrenamiento-2": "validación",
    "entrenamiento-3": (0.001, 0.001),
    "aprendido-1": 892,
    "aprendido-2": (2, 1),
    "mejorar-1": tuple((BATCH - 3) / np.sqrt(3.5)),
    "mejorar-2": 126,
    "mejorar-3": 1,
    "mejorar-4": 14,
    "mejorar-5": 704,
    "tu_digito-1": (20, 8),
    "tu_digito-2": (5, 9),
    "donde_mira-1": 26,
    "donde_mira-2": 37,
}
CONTEXT: dict[str, tuple[Any, ...]] = {"aprendido-2": (MATRIX,)}
TWO_DECIMALS = {"cabeza-2", "cabeza-3", "cabeza-4", "mejorar-1"}
"""Los ejercicios cuyo enunciado dirá que basta con 2 decimales."""


class FakeTensor:
    """Un tensor de otro motor (como los de Keras, JAX o PyTorch): no es un número ni una
    secuencia de Python, pero se convierte con ``__array__`` o con ``numpy()``."""

    def __init__(self, value: Any) -> None:
        self._value = np.asarray(value)

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return self._value if dtype is None else self._value.astype(dtype)

    def numpy(self) -> np.ndarray:
        return self._value

    def __repr__(self) -> str:
        return f"FakeTensor({self._value.tolist()!r})"


def _evaluate(exercise_id: str, answer: Any) -> core.Result:
    return core.evaluate(exercise_id, answer, *CONTEXT.get(exercise_id, ()))


def _accepted_forms(exercise_id: str, answer: Any) -> list[Any]:
    """Las formas en que se acepta la respuesta: tipos de Python, de NumPy y tensores, y los
    valores redondeados que el enunciado permite."""
    if isinstance(answer, int):
        return [answer, np.int64(answer), np.int32(answer), float(answer), np.float32(answer),
                np.array(answer), Decimal(answer), Fraction(answer), FakeTensor(answer),
                FakeTensor(float(answer))]
    if isinstance(answer, float):
        return [answer, np.float32(answer), np.array(answer), FakeTensor(answer), Decimal(str(answer)),
                round(answer, 3), round(answer, 2), math.trunc(answer * 100) / 100]
    if isinstance(answer, str):
        return [answer, answer.upper(), f"  {answer} ", answer.replace("ó", "o"), "validacio\u0301n"]
    if isinstance(answer, list):  # una lista de formas
        return [answer, tuple(answer), [list(s) for s in answer], np.array(answer),
                [np.array(s) for s in answer], [tuple(float(v) for v in s) for s in answer]]
    if all(isinstance(v, int) for v in answer):
        return [answer, list(answer), np.array(answer), np.array(answer, dtype=np.int32),
                np.array(answer, dtype=float), tuple(np.int64(v) for v in answer),
                tuple(float(v) for v in answer), FakeTensor(answer), tuple(FakeTensor(v) for v in answer)]
    values = np.array(answer)
    forms = [answer, list(answer), values, values.astype(np.float32), FakeTensor(values),
             tuple(FakeTensor(v) for v in values), list(np.round(values, 3))]
    if exercise_id in TWO_DECIMALS:  # «bastan 2 decimales»: redondeados o truncados
        forms += [list(np.round(values, 2)), list(np.trunc(values * 100) / 100)]
    return forms


ACCEPTED = [(i, form) for i, answer in CORRECT_ANSWERS.items() for form in _accepted_forms(i, answer)]

EXTRA_ACCEPTED = [
    # Lo que da Keras sin el eje del lote, o el cálculo a mano con NumPy.
    ("convolucion-1", (np.ceil(28 / 3), np.ceil(28 / 3), 16)),
    ("pooling-1", (26 // 3, 26 / 3 // 1, 32.0)),
    ("tu_digito-1", (60 * 20 / 60, 24 * 20 / 60)),
    ("tu_digito-2", (round(14 - 9.3), round(14 - 4.6))),
    ("tu_digito-2", (np.round(14 - 9.3), np.round(14 - 4.6))),
    # La softmax de los logits + 1 (es la misma) y redondeos a 2 decimales que suman 1.
    ("cabeza-2", np.exp([3.0, 2.0, 1.0]) / np.exp([3.0, 2.0, 1.0]).sum()),
    ("cabeza-2", [0.67, 0.24, 0.09]),
    ("cabeza-2", [0.66, 0.25, 0.09]),
    ("mejorar-1", [-1.07, -0.53, 0.0, 1.6]),
    ("cabeza-4", 3.26),
    # Truncados a 2 decimales, como en la tercera prueba con estudiantes (cabeza-4 rechazaba 3,25).
    ("cabeza-4", 3.25),
    ("cabeza-2", [0.66, 0.24, 0.09]),
    ("cabeza-3", [0.66, -0.75, 0.09]),
    ("mejorar-1", [-1.06, -0.53, 0.0, 1.60]),
    ("entrenamiento-3", (1e-3, 0.0009995)),
    ("entrenamiento-2", "validation"),
    ("mejorar-3", np.int64(1)),
]


@pytest.mark.parametrize(("exercise_id", "answer"), ACCEPTED + EXTRA_ACCEPTED, ids=repr)
def test_the_correct_answer_passes_in_every_accepted_form(exercise_id: str, answer: Any) -> None:
    result = _evaluate(exercise_id, answer)
    assert result.status == CORRECT, result


def test_every_exercise_has_its_correct_answer_here() -> None:
    assert list(CORRECT_ANSWERS) == core.exercise_ids()


@pytest.mark.parametrize("exercise_id", sorted(CORRECT_ANSWERS))
def test_the_registered_answer_is_the_right_one(exercise_id: str) -> None:
    """La respuesta del registro (la que usan los errores comunes) es la de las pruebas."""
    registered = core.get(exercise_id).answer
    expected = CORRECT_ANSWERS[exercise_id]
    if registered is None:  # depende del cuaderno (la matriz de confusión) o es un texto
        assert exercise_id in CONTEXT or isinstance(expected, str)
    elif isinstance(expected, tuple) and isinstance(expected[0], float) or isinstance(expected, float):
        assert np.allclose(registered, expected)
    else:
        assert registered == expected


# --------------------------------------------------------------------------------------
# Cada error frecuente de la lista de cada ejercicio, con su propio mensaje
# --------------------------------------------------------------------------------------

OWN = [(e.id, m.name, example) for e in map(core.get, core.exercise_ids())
       for m in e.misconceptions for example in m.examples]


def _assert_named(result: core.Result, exercise_id: str, name: str) -> None:
    """El resultado es «incorrecto» con el mensaje del error frecuente ``name``."""
    assert result.status == WRONG, result
    assert result.misconception == name, result
    message = core.get(exercise_id).misconception(name).message
    fixed = message.split("{")[0]  # lo que va antes del primer hueco
    assert result.message.startswith(fixed), result.message
    if "{" not in message:
        assert result.message == message


@pytest.mark.parametrize(("exercise_id", "name", "answer"), OWN, ids=lambda a: repr(a)[:40])
def test_each_listed_misconception_gets_its_own_message(exercise_id: str, name: str, answer: Any) -> None:
    _assert_named(_evaluate(exercise_id, answer), exercise_id, name)


@pytest.mark.parametrize("exercise_id", sorted(CORRECT_ANSWERS))
def test_every_exercise_lists_its_misconceptions_each_with_an_example(exercise_id: str) -> None:
    own = core.get(exercise_id).misconceptions
    assert len(own) >= 2, exercise_id
    for misconception in own:
        assert misconception.examples, f"{exercise_id}: «{misconception.name}» sin respuestas que lo delaten"
        assert misconception.message.endswith((".", "?")), misconception


def _same(answer: Any, example: Any) -> bool:
    """Si dos respuestas son la misma (tuplas, listas o arrays con los mismos números)."""
    try:
        return bool(np.array_equal(np.asarray(answer, dtype=float), np.asarray(example, dtype=float)))
    except (TypeError, ValueError):
        return False


def _shared_example(name: str, answer: Any) -> Any:
    """Una respuesta que comete el error común ``name`` a partir de la respuesta correcta."""
    if isinstance(answer, list):  # una lista de formas
        return {
            BATCH_NONE: [(None, *s) for s in answer],
            "canales primero": [(s[2], s[0], s[1]) for s in answer],
            "sin canales": [s[:2] for s in answer],
            "dos respuestas": [answer, answer],
            "entre corchetes": [answer],
        }[name]
    if isinstance(answer, str):
        return {"dos respuestas": [answer, "prueba"], "entre corchetes": [answer]}[name]
    two = (*answer, 0) if isinstance(answer, tuple) else (answer, 0)
    examples: dict[str, Any] = {"dos respuestas": two, "entre corchetes": [answer]}
    if isinstance(answer, int):
        examples["sin redondear"] = answer + 0.4
    elif isinstance(answer, float):
        examples["redondeado de más"] = round(answer, 1)
    elif all(isinstance(v, int) for v in answer):
        examples |= {
            BATCH_NONE: (None, *answer), "eje del lote de más": (1, *answer),
            "canales primero": (answer[-1], *answer[:-1]), "sin canales": answer[:2],
            "uno de menos": (answer[0] - 1, answer[1] - 1, *answer[2:]),
            "uno de más": (answer[0] + 1, answer[1] + 1, *answer[2:]),
            "orden cambiado": answer[::-1], "sin redondear": tuple(v + 0.4 for v in answer),
        }
    else:
        examples |= {"redondeado de más": tuple(np.round(answer, 1)),
                     "porcentaje": tuple(100 * np.array(answer))}
    return examples[name]


SHARED = [(e.id, name) for e in map(core.get, core.exercise_ids()) for name in e.shared_names()]


@pytest.mark.parametrize(("exercise_id", "name"), SHARED)
def test_each_shared_misconception_works_in_every_exercise_it_applies_to(exercise_id: str, name: str) -> None:
    """Los errores comunes, gratis: el None del lote, los canales al principio, 1 de más o de
    menos, el orden cambiado, sin redondear, redondeado de más, el porcentaje, dos respuestas en
    una y la respuesta entre corchetes."""
    answer = _shared_example(name, CORRECT_ANSWERS[exercise_id])
    own = [m.name for m in core.get(exercise_id).misconceptions if any(_same(answer, e) for e in m.examples)]
    # Si la respuesta es además un error propio del ejercicio, más concreto, gana el propio.
    _assert_named(_evaluate(exercise_id, answer), exercise_id, own[0] if own else name)


def test_every_shared_misconception_is_used_somewhere() -> None:
    assert {name for _, name in SHARED} == set(core.SHARED)


def test_shape_exercises_share_the_batch_axis_rule() -> None:
    """El None del eje del lote (lo que da compute_output_shape o summary()) recibe siempre el
    mismo mensaje, que dice qué hacer; si además hay otro error, se nombran los dos."""
    shapes = [i for i in core.exercise_ids() if core.get(i).shapes]
    assert shapes == ["convnet_intro-1", "convolucion-1", "pooling-1"]
    for exercise_id in shapes:
        answer = CORRECT_ANSWERS[exercise_id]
        with_none = [(None, *s) for s in answer] if isinstance(answer, list) else (None, *answer)
        result = _evaluate(exercise_id, with_none)
        assert result.misconception == BATCH_NONE, result
        assert "eje del lote" in result.message
        assert "[1:]" in result.message
    both = _evaluate("convolucion-1", (None, 8, 8, 16))
    assert both.misconception == BATCH_NONE
    assert both.message.endswith("Y, sin él, esa es la forma con padding='valid'; con 'same' Keras rellena "
                                 "con ceros.")
    floor = _evaluate("convolucion-1", (None, 9, 9, 16))  # y el lado redondeado hacia abajo
    assert floor.misconception == BATCH_NONE
    assert floor.message.endswith("Y, sin él, " + core.get("convolucion-1").message("hacia abajo"))
    # En la red densa se pide la forma de un lote que sí se conoce: el None es otro error.
    assert _evaluate("red_densa-2", [None, 10]).misconception == "lote sin fijar"


# --------------------------------------------------------------------------------------
# Los errores de la prueba con estudiantes (student_run.md, §4) que recibían el mensaje
# genérico, uno equivocado o uno que daba la cuenta
# --------------------------------------------------------------------------------------

BOOK_ARGMAX = int(np.argmax(np.where(np.eye(10, dtype=bool), 0, BOOK_MATRIX)))

STUDENT_RUN = [
    ("convolucion-1", (9, 9, 16), "hacia abajo"),
    ("convolucion-1", (28 // 3, 28 // 3, 16), "hacia abajo"),
    ("convolucion-1", (11, 11, 16), "uno de más"),
    ("convolucion-1", (28 / 3, 28 / 3, 16), "sin redondear"),
    ("convolucion-1", (1, 10, 10, 16), "eje del lote de más"),
    ("convolucion-1", (10, 10), "sin canales"),
    ("convolucion-1", (None, 10, 10, 16), BATCH_NONE),
    ("convolucion-2", 102464, "c_in de otra capa"),
    ("convolucion-2", (32 + 1) * 64, "sin el núcleo"),
    ("convolucion-2", 5 * 5 * 32 * 64 + 1, "un solo sesgo"),
    ("convolucion-2", (3 * 3 * 32 + 1) * 64, "núcleo de 3 × 3"),
    ("pooling-1", (7, 7, 32), "uno de menos"),
    ("pooling-1", (8, 8), "sin canales"),
    ("pooling-1", (8, 8, 32, 2), "dos respuestas"),
    ("pooling-1", ((8, 8, 32), 2), "dos respuestas"),
    ("pooling-1", (None, 8, 8, 32), BATCH_NONE),
    ("pooling-1", (32, 8, 8), "canales primero"),
    ("pooling-1", (26 / 3, 26 / 3, 32), "sin redondear"),
    ("pooling-2", 29, "poolings sin sumar"),
    ("pooling-2", 30, "poolings sin sumar"),
    ("pooling-2", 31, "empezar en 0"),
    ("pooling-2", 16, "hasta pool_2"),
    ("pooling-2", 32 * 32, "área"),
    ("pooling-2", (32, 32), "dos respuestas"),
    ("cabeza-1", (12544, 802880), "un pooling de menos"),
    ("cabeza-1", (200768, 3136), "orden cambiado"),
    ("cabeza-1", (6272, 401472), "pool_1 o 128 canales"),
    ("cabeza-1", (3136, 200768 + 650), "toda la cabeza"),
    ("cabeza-2", [0.090, 0.245, 0.665], "orden invertido"),
    ("cabeza-2", np.exp([-2.0, -1.0, 0.0]) / np.exp([-2.0, -1.0, 0.0]).sum(), "orden invertido"),
    ("cabeza-2", [1 / 3, 1 / 3, 1 / 3], "reparto uniforme"),
    ("cabeza-2", [66.52, 24.47, 9.0], "porcentaje"),
    ("cabeza-2", np.exp([2.0, 1.0, 0.0]) / 3, "dividir entre 3"),
    ("cabeza-2", [2.0, 1.0, 0.0], "los logits"),
    ("cabeza-2", [SOFTMAX, np.exp([3.0, 2.0, 1.0]) / np.exp([3.0, 2.0, 1.0]).sum()], "dos respuestas"),
    ("cabeza-2", np.array([SOFTMAX]), "entre corchetes"),
    ("cabeza-2", [0.7, 0.2, 0.1], "redondeado de más"),
    ("aprendido-1", 882, "filas por columnas"),
    ("aprendido-1", 875, "solo la diagonal"),
    ("aprendido-1", 17, "solo los errores"),
    ("aprendido-1", 982, "filas desde 1"),
    ("aprendido-1", (np.int64(892), np.int64(882)), "dos respuestas"),
    ("aprendido-1", 892 / 10000, "fracción"),
    ("tu_digito-1", (20, 7), "hacia abajo"),
    ("tu_digito-2", (round(13.5 - 9.3), round(13.5 - 4.6)), "centro 13,5 o truncar"),
    ("tu_digito-2", (int(14 - 9.3), int(14 - 4.6)), "centro 13,5 o truncar"),
    ("tu_digito-2", (5, 10), "hacia arriba"),
    ("tu_digito-2", (14 - 9.3, 14 - 4.6), "sin redondear"),
    ("convnet_intro-1", [(32, 24, 24), (32, 12, 12), (64, 10, 10), (64, 5, 5), (64, 3, 3)],
     "canales primero"),
    ("convnet_intro-1", [(23, 23, 32), (11, 11, 32), (9, 9, 64), (4, 4, 64), (2, 2, 64)], "uno de menos"),
    ("convnet_intro-1", (24, 24, 32), "una sola forma"),
    ("convnet_intro-1", [(None, 24, 24, 32), (None, 12, 12, 32), (None, 10, 10, 64), (None, 5, 5, 64),
                         (None, 3, 3, 64)], BATCH_NONE),
    ("convnet_intro-2", 83946 - 36928 + (9 * 16 + 1) * 64, "conv_3 también"),
    ("mejorar-2", 127, "hacia arriba"),
    ("mejorar-2", 0.1 * 1266, "sin redondear"),
    ("mejorar-4", 15, "hacia arriba"),
    ("mejorar-4", 12, "imagen de 28"),
    ("mejorar-4", (32 - 5) / 2 + 1, "sin redondear"),
    ("entrenamiento-1", 300000 / 64, "hacia abajo"),
    ("entrenamiento-3", (-0.001, 0.001), "con signo"),
]


# La tercera prueba con estudiantes (notes/i25/student_run_3.md, §4): los errores típicos que
# recibían el mensaje genérico o uno equivocado, con los números exactos que probó.
SOFTMAX_LOSS = float(-np.log(SOFTMAX[1]))
STUDENT_RUN_3 = [
    ("red_densa-1", 784 * 64 + 784 + 650, "un sesgo por entrada"),
    ("convnet_intro-2", 83946 - 16 - 64 - 64, "sin los sesgos de las convoluciones"),
    ("convnet_intro-2", 46661, "la mitad"),
    ("convnet_intro-2", (9 * 16 + 1) * 16 + 9280 + 36928 + 36928 + 650, "c_in de conv_1"),
    ("convnet_intro-3", 800, "parámetros"),
    ("convnet_intro-3", 24 * 24 * 32 * 5, "lado en vez de área"),
    ("convnet_intro-3", 25 * 25 * 32 * 25, "lado de más"),
    ("convolucion-1", (7, 7, 16), "'valid' sin el + 1"),
    ("convolucion-1", (10, 10, 25), "núcleo como canales"),
    ("convolucion-2", 801, "un solo filtro"),
    ("convolucion-3", (9 + 1) * 32 + 9248 * 2, "primera capa de un canal"),
    ("convolucion-3", 3 * 9 * 32 * 32 + 1, "un solo sesgo"),
    ("convolucion-3", 3 * 289, "un filtro por capa"),
    ("pooling-1", (8, 8, 10), "canales cambiados"),
    ("pooling-2", 25, "área de la ventana"),
    ("cabeza-1", (6272, 6272 * 64 + 64), "pool_1 o 128 canales"),
    ("cabeza-1", (49, 49 * 64 + 64), "Flatten sin canales"),
    ("cabeza-3", SOFTMAX * (1 - SOFTMAX), "derivada de la softmax"),
    ("cabeza-3", [SOFTMAX_LOSS] * 3, "la pérdida repetida"),
    ("cabeza-4", -5, "pérdida negativa"),
    ("cabeza-4", 3.21, "otro número de clases"),  # ln 25 truncado
    ("entrenamiento-1", 320, "lote por épocas"),
    ("entrenamiento-3", (0.001 * 0.1 * 0.5, 0.001 * 0.1 * 0.0005), "momento sin corregir, sin dividir"),
    ("entrenamiento-3", (0.001 * math.sqrt(0.5), 0.001 * math.sqrt(0.0005)), "entre √g"),
    ("entrenamiento-3", (0.000707, 0.0000224), "entre √g"),
    ("mejorar-1", BATCH / BATCH.mean(), "entre la media"),
    ("mejorar-1", (BATCH - BATCH.mean()) / BATCH.var(ddof=1), "varianza entre n − 1, sin raíz"),
    ("mejorar-2", 12, "el 1 %"),
    ("mejorar-4", 32 // 2 - 5 + 1, "imagen de 28"),
    ("mejorar-5", 896, "γ y β, sin la densa"),
    ("tu_digito-1", (30, 12), "la mitad"),
    ("tu_digito-2", (6, 10), "el marco desde 1"),
]


# La cuarta prueba con estudiantes (notes/i25/student_run_4.md, §3.2 y §4): los nueve errores que
# recibían el mensaje genérico, los dos equivocados y los tres que solo se nombraban a medias, con
# los números exactos que probó (y la otra cuenta que da el mismo número, donde la hay).
NORMALISED = (BATCH - BATCH.mean()) / BATCH.std()
STUDENT_RUN_4 = [
    ("red_densa-1", 50954, "sesgos de la oculta dos veces"),
    ("convnet_intro-2", 83930, "sin los sesgos de conv_1"),
    ("convnet_intro-3", 19600, "entrada y un filtro"),
    ("pooling-2", 17, "sin salto y k en vez de k − 1"),
    ("cabeza-3", -np.log(SOFTMAX), "−log p de cada clase"),
    ("cabeza-3", [0.41, 1.41, 2.41], "−log p de cada clase"),
    ("cabeza-3", np.log(SOFTMAX), "−log p de cada clase"),
    ("entrenamiento-3", (0.001, 5e-7), "Adam y SGD mezclados"),
    ("entrenamiento-3", (0.0005, 0.001), "Adam y SGD mezclados"),
    ("entrenamiento-3", (0.00025, 2.5e-10), "η · g²"),
    ("mejorar-1", NORMALISED[::-1], "orden contrario"),
    ("mejorar-1", [1.6, 0.0, -0.53, -1.07], "orden contrario"),
    ("mejorar-5", 64, "una sola normalización"),
    ("mejorar-5", 256, "una sola normalización"),
    ("convolucion-1", (28 / 3, 28 / 3, 16), "sin redondear"),
    ("convolucion-1", (9.33, 9.33, 16), "sin redondear"),
    ("mejorar-3", 99.52, "una exactitud"),
    ("mejorar-3", 0.9952, "una exactitud"),
    ("mejorar-3", 99.56, "una exactitud"),
    ("mejorar-3", 2, "elegir con la prueba"),
    ("mejorar-3", 3, "fuera de la lista"),
    ("cabeza-2", 1 / (1 + np.exp(-np.array([2.0, 1.0, 0.0]))), "sigmoide"),
    ("cabeza-2", np.log(SOFTMAX), "logaritmos"),
    ("cabeza-2", -np.log(SOFTMAX), "logaritmos"),
]

# La quinta prueba con estudiantes: la función del curso con el paso como tercer argumento (que es el
# relleno) y la posición de partida sumada dos veces.
STUDENT_RUN_5 = [
    ("mejorar-4", 32, "el relleno por paso"),
    ("mejorar-4", 15, "hacia arriba"),
]


@pytest.mark.parametrize(("exercise_id", "answer", "name"),
                         STUDENT_RUN + STUDENT_RUN_3 + STUDENT_RUN_4 + STUDENT_RUN_5,
                         ids=lambda a: repr(a)[:40])
def test_the_student_run_mistakes_are_named(exercise_id: str, answer: Any, name: str) -> None:
    _assert_named(_evaluate(exercise_id, answer), exercise_id, name)


def test_the_messages_of_the_third_student_run_are_true_for_the_answer() -> None:
    """Los dos mensajes equivocados de la tercera prueba: 6272 no es solo «un pooling de menos» (es
    la salida de pool_1, o 7 · 7 · 128), y 12 en mejorar-4 sale también de dividir entre el paso
    antes de encajar la ventana; cabeza-4 trata el truncado como cabeza-2."""
    flat = _evaluate("cabeza-1", (6272, 401472)).message
    assert "pool_1" in flat
    assert "128" in flat
    side = _evaluate("mejorar-4", 12).message
    assert "28 × 28" in side
    assert "paso" in side
    assert _evaluate("cabeza-4", 3.25).ok
    assert _evaluate("cabeza-2", [0.66, 0.24, 0.09]).ok
    assert core.get("cabeza-4").atol == core.get("cabeza-2").atol == core.get("mejorar-1").atol
    assert "truncados" in core.get("cabeza-4").tolerance
    assert "no pasa de 1" in _evaluate("cabeza-4", -0.7).message
    # «Redondeado de más» solo si lleva menos de 2 decimales: 3,27 tiene los que se piden.
    assert _evaluate("cabeza-4", 3.3).misconception == "redondeado de más"
    assert _evaluate("cabeza-4", 3.27).misconception is None


def test_the_messages_of_the_fourth_student_run_are_true_for_the_answer() -> None:
    """Los tres mensajes equivocados de la cuarta prueba: convolucion-1 no pide un redondeo en el
    enunciado; 99,52 en mejorar-3 es una exactitud, no una división sin redondear; 2 en mejorar-3
    puede ser contar desde 1; y los tres que se nombraban a medias lo dicen todo."""
    unrounded = _evaluate("convolucion-1", (9.33, 9.33, 16)).message
    assert "como indica el enunciado" not in unrounded
    assert "padding='same'" in unrounded
    accuracy = _evaluate("mejorar-3", 99.52)
    assert accuracy.status == WRONG
    assert "exactitud" in accuracy.message
    assert "redondea" not in accuracy.message
    assert "desde 1" in _evaluate("mejorar-3", 2).message
    assert "prueba" in _evaluate("mejorar-3", 2).message
    assert "sigmoide" in _evaluate("cabeza-2", [0.88, 0.73, 0.5]).message
    assert "log-softmax" in _evaluate("cabeza-2", [-0.41, -1.41, -2.41]).message
    assert _evaluate("mejorar-3", 1).ok


@pytest.mark.parametrize(("answer", "name", "fragment"), [
    ((6, 4), "clases desde 1", "has sumado 1"),
    (BOOK_ARGMAX, "índice plano", "np.unravel_index"),
    ((3, 5), "filas por columnas", "filas son la clase real"),
    ((5, 5), "en la diagonal", "aciertos"),
    ((4, 9), "casilla menor", "la casilla (4, 9) tiene 6 errores"),
    ((5, 0), "casilla menor", "la casilla (5, 0) tiene 2 errores"),
    ((0, 1), "casilla menor", "la casilla (0, 1) tiene 0 errores"),
], ids=repr)
def test_the_confusion_pair_names_its_mistakes_with_the_students_matrix(
        answer: Any, name: str, fragment: str) -> None:
    result = core.evaluate("aprendido-2", answer, BOOK_MATRIX)
    assert result.misconception == name, result
    assert fragment in result.message
    assert core.evaluate("aprendido-2", (9, 5), BOOK_MATRIX).ok  # el empate


def test_one_error_is_singular() -> None:
    matrix = BOOK_MATRIX.copy()
    matrix[7, 2] = 1
    assert "la casilla (7, 2) tiene 1 error;" in core.evaluate("aprendido-2", (7, 2), matrix).message


def test_the_row_sum_compares_with_the_students_own_matrix() -> None:
    """Con la matriz del estudiante (opcional), la columna, la diagonal y la fila 4 son las suyas."""
    matrix = BOOK_MATRIX.copy()
    matrix[9, 5] = 11  # otra columna 5 que la del libro
    column = int(matrix[:, 5].sum())
    assert column != 882
    assert core.evaluate("aprendido-1", column, matrix).misconception == "filas por columnas"
    assert core.evaluate("aprendido-1", int(matrix[5, 5]), matrix).misconception == "solo la diagonal"
    assert core.evaluate("aprendido-1", int(matrix[4].sum()), matrix).misconception == "filas desde 1"
    assert core.evaluate("aprendido-1", 892, matrix).ok
    assert core.evaluate("aprendido-1", 892, "matriz").status == core.INVALID
    # La matriz traspuesta: su fila 5 es la columna 5 de la buena, y así se corrige (como aprendido-2).
    assert core.evaluate("aprendido-1", column, matrix.T).ok
    assert core.evaluate("aprendido-1", 892, matrix.T).misconception == "filas por columnas"


def test_partial_credit_in_the_head_does_not_give_the_calculation() -> None:
    result = _evaluate("cabeza-1", (5000, 320064))
    assert result.status == WRONG
    assert "Flatten" in result.message
    assert 'exercises.hint("cabeza-1")' in result.message


@pytest.mark.parametrize(("exercise_id", "answer"), [
    ("pooling-2", 99), ("convolucion-2", 12345), ("tu_digito-2", (6, 6)), ("cabeza-3", [0.5, 0.5, 0.5]),
    ("mejorar-1", [1, 1, 1, 1]), ("aprendido-1", 500), ("convolucion-1", (3, 4, 5)),
], ids=repr)
def test_the_generic_message_names_the_exercise_and_what_to_do(exercise_id: str, answer: Any) -> None:
    result = _evaluate(exercise_id, answer)
    assert result.status == WRONG
    assert result.misconception is None
    assert f"«{exercise_id}»" in result.message
    assert f'exercises.hint("{exercise_id}")' in result.message
    assert "..." not in result.message


# --------------------------------------------------------------------------------------
# Tensores de Keras de verdad
# --------------------------------------------------------------------------------------


def test_keras_tensors_and_shapes_are_accepted() -> None:
    import keras

    assert _evaluate("convolucion-2", keras.ops.convert_to_tensor(51264)).ok
    assert _evaluate("cabeza-4", keras.ops.log(26.0)).ok
    assert _evaluate("cabeza-2", keras.ops.softmax(keras.ops.convert_to_tensor([2.0, 1.0, 0.0]))).ok
    batch = keras.ops.softmax(keras.ops.convert_to_tensor([[2.0, 1.0, 0.0]]))
    assert _evaluate("cabeza-2", batch).misconception == "entre corchetes"
    layer = keras.layers.Conv2D(16, (5, 5), strides=3, padding="same")
    shape = layer.compute_output_shape((None, 28, 28, 1))
    assert _evaluate("convolucion-1", shape).misconception == BATCH_NONE
    assert _evaluate("convolucion-1", shape[1:]).ok
    pooled = keras.layers.MaxPooling2D(3).compute_output_shape((None, 26, 26, 32))
    assert _evaluate("pooling-1", pooled[1:]).ok


# --------------------------------------------------------------------------------------
# Ninguna pista ni ningún mensaje da la respuesta
# --------------------------------------------------------------------------------------

_BEFORE = r"(?<![\d.,])"
_AFTER = r"(?![\d])"
_SEP = r"\s*[,;×x·*]\s*"


def _integer(n: int) -> str:
    """Un entero escrito con o sin separador de millares (18496, 18 496, 18.496, 18,496)."""
    digits = str(abs(n))
    groups = [digits[max(0, i - 3):i] for i in range(len(digits), 0, -3)][::-1]
    return r"[\s\u00a0\u202f\u2009.,]?".join(groups)


def _decimal(x: float) -> list[str]:
    """Un número con decimales, con 3 y con 2 decimales, con coma o con punto."""
    forms = []
    for places in (3, 2):
        text = f"{abs(x):.{places}f}"
        if float(text) != 0:
            forms.append(re.escape(text).replace(r"\.", "[.,]"))
    return forms


def _answer_patterns(answer: Any) -> list[str]:
    """Expresiones regulares de la respuesta escrita de las formas habituales."""
    if isinstance(answer, str):
        return [answer, answer.replace("ó", "o")]
    if isinstance(answer, int):
        return [_BEFORE + _integer(answer) + _AFTER] if answer >= 10 else []
    if isinstance(answer, float):
        return [_BEFORE + form + _AFTER for form in _decimal(answer)]
    if isinstance(answer, list):
        return [p for shape in answer for p in _answer_patterns(shape)]
    if all(isinstance(v, int) for v in answer):
        whole = _BEFORE + _SEP.join(_integer(v) for v in answer) + _AFTER
        return [whole, *[_BEFORE + _integer(v) + _AFTER for v in answer if v >= 100]]
    return [p for v in answer for p in _answer_patterns(float(v))]


# Las cuentas que dan la respuesta sin escribirla (las que encontró la prueba con estudiantes,
# y otras así).
GIVEAWAYS: dict[str, list[str]] = {
    "red_densa-1": ["(784 + 1) · 64 + (64 + 1) · 10"],
    "convnet_intro-1": ["28 - 5 + 1 = 24", "28 − 5 + 1 = 24"],
    "convnet_intro-3": ["24 · 24 · 32", "24 × 24 × 32"],
    "convolucion-1": ["ceil(28 / 3)", "28 / 3"],
    "convolucion-2": ["(5 · 5 · 32 + 1) · 64", "5 · 5 · 32 + 1"],
    "pooling-1": ["26 // 3", "26 / 3"],
    "pooling-2": ["5, 6", "14, 16", "te falta 1", "falta 1:"],
    "cabeza-1": ["7 · 7 · 64", "7 × 7 × 64", "28 → 14 → 14 → 7 → 7", "(3136 + 1)"],
    "cabeza-4": ["ln 26", "log(26)", "log 26", "log(1/26)", "log(1 / 26)"],
    "entrenamiento-1": ["5 · 938", "60 000 / 64"],
    "aprendido-1": ["y_test == 5", "matrix[5].sum()"],
    "mejorar-2": ["int(0.1 * 1266)", "1266 // 10"],
    "mejorar-3": ["la 1", "red 1", "candidata 1", "la de mayor exactitud de validación"],
    "mejorar-4": ["(32 − 5) // 2 + 1", "13 + 1", "(32 − 5) // 2", "32 − 5"],
    "mejorar-5": ["2 · (32 + 64 + 128 + 128)"],
    "tu_digito-1": ["24 / 3", "60 / 3", "1/3"],
    "tu_digito-2": ["14 − 9,3", "14 - 9.3", "14 − 4,6", "4,7", "9,4"],
    "donde_mira-1": ["18 + 8", "18 + (3 − 1) · 4", "(3 − 1) · 4 = 8"],
    "donde_mira-2": ["6 · 6", "36 + 1", "6 × 6", "= 6 posiciones"],
}
OPTIONS = "'entrenamiento', 'validación' o 'prueba'"
"""La lista de opciones del ejercicio 2 del entrenamiento, que sí puede aparecer."""


class _Blanks(dict[str, str]):
    """Los huecos de un mensaje, rellenos con algo neutro."""

    def __missing__(self, key: str) -> str:
        return f"‹{key}›"


def _gives_away(exercise_id: str, text: str, given: str = "") -> list[str]:
    """Lo que ``text`` dice de la respuesta (salvo lo que ya estaba en la respuesta ``given``)."""
    text = text.replace(OPTIONS, "")
    found = [p for p in _answer_patterns(CORRECT_ANSWERS[exercise_id]) if re.search(p, text, re.IGNORECASE)
             and not re.search(p, given, re.IGNORECASE)]
    return found + [g for g in GIVEAWAYS.get(exercise_id, []) if g in text and g not in given]


def _static_texts(exercise: core.Exercise) -> list[str]:
    """Todo lo que el ejercicio puede imprimir, menos la solución y «correcto»: pistas,
    mensajes de sus errores frecuentes (propios y comunes) y el mensaje genérico."""
    blanks = _Blanks(formato=exercise.answer_format, tolerancia=exercise.tolerance)
    return [*exercise.hints, exercise.unknown().message,
            *(m.message.format_map(blanks) for m in exercise.all_misconceptions())]


@pytest.mark.parametrize("exercise_id", sorted(CORRECT_ANSWERS))
def test_no_hint_or_message_states_the_answer(exercise_id: str) -> None:
    exercise = core.get(exercise_id)
    for text in _static_texts(exercise):
        assert not _gives_away(exercise_id, text), (text, _gives_away(exercise_id, text))


def _answers_to_try() -> list[tuple[str, Any]]:
    runs = STUDENT_RUN + STUDENT_RUN_3 + STUDENT_RUN_4 + STUDENT_RUN_5
    answers = [(i, a) for i, _, a in OWN] + [(i, a) for i, a, _ in runs]
    answers += [(i, _shared_example(n, CORRECT_ANSWERS[i])) for i, n in SHARED]
    junk: list[Any] = ["texto", "3136", -1, 3.5, (None, 4), (1, 2, 3, 4, 5), [[1, 2], [3]], float("nan"),
                       (-3, 4), np.zeros((2, 2)), (0.5, 0.5), [0.1, 0.2, 0.3, 0.4]]
    return answers + [(i, a) for i in CORRECT_ANSWERS for a in junk]


@pytest.mark.parametrize("exercise_id", sorted(CORRECT_ANSWERS))
def test_no_reply_to_a_wrong_answer_states_the_answer(exercise_id: str) -> None:
    """Tampoco lo que responde el corrector a los errores, a los de la prueba con estudiantes
    ni a la basura (salvo lo que el estudiante ya había escrito)."""
    for tried_id, answer in _answers_to_try():
        if tried_id != exercise_id:
            continue
        result = _evaluate(exercise_id, answer)
        assert not result.ok, answer
        leaks = _gives_away(exercise_id, result.message, given=f"{answer!r} {answer}")
        assert not leaks, (answer, result.message, leaks)


def test_the_answer_check_catches_the_old_giveaways() -> None:
    """La prueba anterior detecta los mensajes que daban la respuesta antes de este cambio."""
    assert _gives_away("cabeza-1", "Flatten no da 12544 valores: calcula 7 · 7 · 64.")
    assert _gives_away("tu_digito-2", "la esquina va en (14 − 9,3; 14 − 4,6), cada número redondeado.")
    assert _gives_away("mejorar-4", "has redondeado hacia arriba: con la primera posición, 14.")
    assert _gives_away("mejorar-2", "casi: el enunciado pide redondear hacia abajo (int(0.1 * 1266) = 126).")
    assert _gives_away("convolucion-2", "(5 · 5 · 32 + 1) · 64 = 51 264.")
    assert _gives_away("convolucion-1", "la forma es 10 × 10 × 16")
    assert _gives_away("convolucion-1", "con 'same', el lado es ceil(28 / 3)")
    assert _gives_away("cabeza-2", "unas probabilidades de 0,665, 0,245 y 0,090")
    assert not _gives_away("convolucion-2", "has dado 51 265 parámetros")
    # Las cuatro de la segunda prueba con estudiantes.
    assert _gives_away("pooling-2", "te falta 1: el campo empieza en r = 1 (un píxel se ve a sí mismo).")
    assert _gives_away("mejorar-3", "no es la de mayor exactitud de validación.")
    assert _gives_away("mejorar-4", "casi: (32 − 5) // 2 cuenta los saltos; falta la primera posición.")
    assert _gives_away("mejorar-4", "32 − 5 es lo que puede desplazarse la ventana; falta dividir.")


# --------------------------------------------------------------------------------------
# Lo que guardan los cuadernos del docente
# --------------------------------------------------------------------------------------


def test_the_notebooks_store_the_current_correct_messages() -> None:
    """Cada corrección guardada en los cuadernos es la que da hoy la respuesta correcta: cambiar
    un mensaje de «correcto» obligaría a volver a ejecutarlos."""
    seen = set()
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            match = re.match(r'exercises\.check\("([^"]+)"', cell.source)
            if cell.cell_type != "code" or not match:
                continue
            exercise_id = match.group(1)
            stored = "".join(o.get("text", "") for o in cell.outputs).strip()
            assert stored == str(_evaluate(exercise_id, CORRECT_ANSWERS[exercise_id])), (path.name, stored)
            seen.add(exercise_id)
    assert seen == set(CORRECT_ANSWERS)
