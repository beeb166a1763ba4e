"""Ejercicios del capítulo «La red densa»."""

from __future__ import annotations

from typing import Any

from course_lib.exercises._core import WRONG, InvalidAnswer, Result, as_int, as_shape, register, table


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


def _batch_is_none(answer: Any) -> bool:
    """Error típico: copiar la forma de model.summary(), con None como tamaño de lote.

    Es una tupla o lista como ``(None, 10)``: None en la primera posición y el resto, una
    forma válida. Se reconoce antes de validar, porque :func:`as_shape` rechaza None.
    """
    if not isinstance(answer, (tuple, list)) or len(answer) < 2 or answer[0] is not None:
        return False
    try:
        as_shape(answer[1:])
    except InvalidAnswer:
        return False
    return True


@register(
    "red_densa-2",
    question="la forma de la salida de la red densa para 128 imágenes (una tupla)",
    hint="la red da una fila de 10 probabilidades por imagen.",
    solution="(128, 10): el lote primero, luego una probabilidad por clase.",
)
def _red_densa_2(answer: Any) -> Result:
    if _batch_is_none(answer):
        return Result(WRONG, "None es el tamaño de lote cuando no se conoce; aquí sí se conoce: 128.")
    return table(answer, (128, 10), {
        (10, 128): "forma traspuesta: Keras pone primero el eje del lote.",
        (10,): "esa es la salida de una sola imagen; falta el eje del lote (128).",
        (128, 28, 28, 1): "esa es la forma de la entrada, no la de la salida.",
        (128, 512): "esa es la salida de la capa oculta; la de salida tiene 10 unidades.",
    }, as_shape)
