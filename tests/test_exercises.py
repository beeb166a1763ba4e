"""Cada corrector: la respuesta correcta pasa, cada error típico tiene su mensaje y la
entrada mal formada recibe orientación (nunca una excepción, nunca «correcto»)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from course_lib import exercises
from course_lib.exercises import _core as core
from course_lib.exercises._core import CORRECT, INVALID, PENDING, WRONG

MATRIX = np.array([[50, 0, 3], [1, 40, 0], [0, 7, 60]])  # confusión más frecuente: (2, 1)

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
    "cabeza-2": np.exp([2.0, 1.0, 0.0]) / np.exp([2.0, 1.0, 0.0]).sum(),
    "cabeza-3": np.exp([2.0, 1.0, 0.0]) / np.exp([2.0, 1.0, 0.0]).sum() - [0.0, 1.0, 0.0],
    "cabeza-4": np.log(26),
    "entrenamiento-1": 4690,
    "entrenamiento-2": "validación",
    "entrenamiento-3": (0.001, 0.001),
    "aprendido-1": 892,
    "aprendido-2": (2, 1),
    "mejorar-1": (np.array([1.0, 2.0, 3.0, 6.0]) - 3) / np.sqrt(3.5),
    "mejorar-2": 126,
    "mejorar-3": 1,
    "mejorar-4": 14,
    "mejorar-5": 704,
    "tu_digito-1": (20, 8),
    "tu_digito-2": (5, 9),
    "donde_mira-1": 26,
    "donde_mira-2": 37,
}

# El orden del libro: el registro debe conservarlo.
BOOK_ORDER = [
    "red_densa-1", "red_densa-2", "convnet_intro-1", "convnet_intro-2", "convnet_intro-3",
    "convolucion-1", "convolucion-2", "convolucion-3",
    "pooling-1", "pooling-2", "cabeza-1", "cabeza-2", "cabeza-3", "cabeza-4",
    "entrenamiento-1",
    "entrenamiento-2", "entrenamiento-3",
    "aprendido-1", "aprendido-2", "mejorar-1", "mejorar-2", "mejorar-3",
    "mejorar-4", "mejorar-5", "tu_digito-1", "tu_digito-2", "donde_mira-1", "donde_mira-2",
]

CONTEXT = {"aprendido-2": (MATRIX,)}

TYPICAL_MISTAKES = [
    ("red_densa-1", 50816, "olvidado los sesgos"),
    ("red_densa-1", 50240, "solo la capa oculta"),
    ("red_densa-2", (10, 128), "traspuesta"),
    ("red_densa-2", (None, 10), "None es el tamaño del lote"),
    ("red_densa-2", (128, 28, 28, 1), "forma de la entrada"),
    ("convnet_intro-1", [(26, 26, 32), (13, 13, 32), (11, 11, 64), (5, 5, 64), (3, 3, 64)],
     "núcleo de 5 × 5"),
    ("convnet_intro-1", [(24, 24, 32), (12, 12, 32), (10, 10, 64), (6, 6, 64), (4, 4, 64)],
     "redondea hacia abajo"),
    ("convnet_intro-1", [(24, 24, 32), (12, 12, 32), (10, 10, 32), (5, 5, 64), (3, 3, 64)],
     "número de filtros de esa convolución"),
    ("convnet_intro-1", [(24, 24, 32)], "cinco capas"),
    ("convnet_intro-2", 93162, "conv_2 también cambia"),
    ("convnet_intro-2", 83866, "olvidado los sesgos"),
    ("convnet_intro-3", 540800, "ya no es de 26 × 26"),
    ("convnet_intro-3", 14400, "un solo filtro"),
    ("convnet_intro-3", 165888, "25 pesos, no 9"),
    ("convnet_intro-3", 832, "número de parámetros"),
    ("convnet_intro-3", 479232, "los sesgos se suman"),
    ("convolucion-1", (8, 8, 16), "padding='valid'"),
    ("convolucion-1", (28, 28, 16), "paso"),
    ("convolucion-1", (16, 10, 10), "canales al final"),
    ("convolucion-1", (9, 9, 16), "redondeado hacia arriba"),
    ("convolucion-1", (11, 11, 16), "fórmula de 'valid'"),
    ("convolucion-2", 51200, "olvidado los sesgos"),
    ("convolucion-2", 1664, "32 canales de entrada"),
    ("convolucion-2", 53248, "uno por filtro"),
    ("convolucion-2", 18496, "núcleo es de 5 × 5"),
    ("convolucion-3", 27648, "olvidado los sesgos"),
    ("convolucion-3", 27680, "sus 32 sesgos"),
    ("convolucion-3", 9248, "una sola capa"),
    ("convolucion-3", 50208, "7 × 7"),
    ("convolucion-3", 960, "32 canales de entrada"),
    ("pooling-1", (9, 9, 32), "redondea hacia abajo"),
    ("pooling-1", (8, 8, 96), "canales no cambian"),
    ("pooling-2", 15, "multiplicar (k − 1) por el salto"),
    ("pooling-2", 18, "3 × 3"),
    ("cabeza-1", (576, 36928), "padding='valid'"),
    ("cabeza-1", (3136, 200704), "olvidado los sesgos"),
    ("cabeza-2", np.exp([2.0, 1.0, 0.0]), "falta dividir entre la suma"),
    ("cabeza-2", [2 / 3, 1 / 3, 0.0], "sin aplicar antes la exponencial"),
    ("cabeza-2", [0.5, 0.3, 0.1], "suman 0,900, no 1"),
    ("cabeza-2", [1.2, -0.1, -0.1], "negativas"),
    ("cabeza-3", [-0.665, 0.755, -0.090], "signo cambiado"),
    ("cabeza-3", [0.665, 0.245, 0.090], "falta restar la etiqueta"),
    ("cabeza-3", [-0.335, 0.245, 0.090], "la clase real es la 1"),
    ("cabeza-3", [2.0, 0.0, 0.0], "antes hay que aplicar la softmax"),
    ("cabeza-4", np.log10(26), "logaritmo natural"),
    ("cabeza-4", np.log(10), "aquí hay 26"),
    ("cabeza-4", 1 / 26, "no la probabilidad misma"),
    ("cabeza-4", -np.log(26), "signo cambiado"),
    ("entrenamiento-1", 938, "una época"),
    ("entrenamiento-1", 4685, "redondea hacia arriba"),
    ("entrenamiento-2", "prueba", "honesta"),
    ("entrenamiento-2", "Entrenamiento", "memoriza"),
    ("entrenamiento-3", (0.0005, 5e-7), "SGD"),
    ("entrenamiento-3", (0.0031623, 0.0031623), "corrección del sesgo"),
    ("entrenamiento-3", (0.0001, 0.0001), "m̂ = g"),
    ("aprendido-1", 1000, "no todas las clases"),
    ("aprendido-2", (1, 2), "invertido el orden"),
    ("aprendido-2", (2, 2), "diagonal"),
    ("mejorar-1", (np.array([1.0, 2.0, 3.0, 6.0]) - 3) / np.sqrt(14 / 3), "n − 1 = 3"),
    ("mejorar-1", (np.array([1.0, 2.0, 3.0, 6.0]) - 3) / 3.5, "entre la varianza"),
    ("mejorar-1", np.array([1.0, 2.0, 3.0, 6.0]) / np.sqrt(3.5), "restar la media"),
    ("mejorar-1", [-2, -1, 0, 3], "falta dividir"),
    ("mejorar-2", 1266, "total de pasos"),
    ("mejorar-2", 42, "10 % de una época"),
    ("mejorar-2", 5400, "imágenes"),
    ("mejorar-2", 127, "hacia abajo"),
    ("mejorar-3", 2, "honesta"),
    ("mejorar-3", 5, "solo hay 3"),
    ("mejorar-4", 28, "paso 1"),
    ("mejorar-4", 16, "relleno"),
    ("mejorar-4", 13, "pero no su primera posición"),
    ("mejorar-4", 15, "hacia arriba"),
    ("mejorar-4", 30, "cuaderno original"),
    ("mejorar-4", 27, "el paso y la posición de partida"),
    ("mejorar-4", 12, "MNIST"),
    ("mejorar-5", 1408, "γ y β"),
    ("mejorar-5", 352, "dos estadísticas"),
    ("mejorar-5", 448, "tras la capa densa"),
    ("tu_digito-1", (8, 20), "orden"),
    ("tu_digito-1", (20, 20), "deformaría"),
    ("tu_digito-1", (28, 11), "margen"),
    ("tu_digito-1", [20, 7], "redondear hacia abajo"),
    ("tu_digito-2", (4, 10), "centras la caja"),
    ("tu_digito-2", (4, 9), "hacia abajo"),
    ("tu_digito-2", (9, 5), "orden"),
    ("tu_digito-2", (23, 19), "14 más"),
    ("donde_mira-1", 20, "sin multiplicar por el salto"),
    ("donde_mira-1", 34, "sigue siendo 4"),
    ("donde_mira-1", 18, "falta lo que añade"),
    ("donde_mira-2", 36, "sin tapar"),
    ("donde_mira-2", 50, "fuera de la imagen"),
    ("donde_mira-2", 442, "paso 1"),
]

MALFORMED = [None, ..., "texto", object(), {"a": 1}, [[["x"]]], 3.5, True]


class _Opaque:
    """Un objeto cualquiera, sin nada de número ni de secuencia."""


# Respuestas basura: ninguna puede ser «correcto» en ningún ejercicio, ni lanzar una excepción.
JUNK: list[Any] = [
    # None dentro de formas y tuplas
    (None,), (None, 4), (4, None), (None, None), (None, 14, 16), (14, 14, None), [None, 10],
    np.array([None, 10], dtype=object),
    # negativos y números fuera de rango
    -1, -4690, (-1, 4), (9, -6), (-14, -14, -16), (-3136, -200768), np.int64(-5), -3.0,
    10**30, 10**400, 2**63, (10**30, 1), (2, 10**30), (9, 9), (3, 1), (1, 3),
    # NaN, infinitos y números no enteros
    float("nan"), float("inf"), -float("inf"), np.float64("nan"), 3.5, 1e400, (2.5, 1), (np.nan, 4),
    (14.5, 14, 16), [float("nan"), 0.5, 0.5], np.array([np.nan, 0.5, 0.5]), np.array([1.0, np.inf]),
    (float("inf"), 1), [0.5, 0.5, float("inf")], 1j, [1j, 0, 0],
    # vacíos, longitudes equivocadas y formas anidadas
    (), [], np.array([]), (1,), (1, 2, 3, 4, 5), (2, 1, 0), ((14, 14, 16),), [[2, 1]], [2, [1]],
    [[1, 2], [3]], [(24, 24, 32)] * 4 + [()], [(24, 24, 32)] * 4 + [None], [[None, 24, 24, 32]] * 5,
    np.zeros((2, 2)), np.zeros((5, 3)), np.ones((3, 3)), np.array([[2, 1]]), np.array(7.5),
    # tipos equivocados
    "texto", "", "(14, 14, 16)", "50890", "validacion?", b"bytes", bytearray(b"ab"), {"a": 1}, {},
    {1, 2}, set(), frozenset({2, 1}), object(), _Opaque(), True, False, np.bool_(True), (True, 1),
    [True, False, False], np.array([True, False, True]), ["a", "b"], ["14", "14", "16"], ("2", "1"),
    [b"x", b"y", b"z"], {"real": 2, "predicha": 1}, (x for x in (2, 1)), print, int,
]


def _evaluate(exercise_id: str, answer: Any) -> core.Result:
    return core.evaluate(exercise_id, answer, *CONTEXT.get(exercise_id, ()))


def test_every_exercise_has_a_test() -> None:
    assert set(CORRECT_ANSWERS) == set(core.exercise_ids())


def test_exercises_keep_the_book_order() -> None:
    assert core.exercise_ids() == BOOK_ORDER


@pytest.mark.parametrize("exercise_id", sorted(CORRECT_ANSWERS))
def test_correct_answer_passes(exercise_id: str) -> None:
    result = _evaluate(exercise_id, CORRECT_ANSWERS[exercise_id])
    assert result.status == CORRECT, result


@pytest.mark.parametrize(("exercise_id", "answer", "fragment"), TYPICAL_MISTAKES)
def test_typical_mistake_gets_its_specific_message(exercise_id: str, answer: Any, fragment: str) -> None:
    result = _evaluate(exercise_id, answer)
    assert result.status == WRONG, result
    assert fragment in result.message, result.message


@pytest.mark.parametrize("exercise_id", sorted(CORRECT_ANSWERS))
def test_every_exercise_recognises_at_least_one_typical_mistake(exercise_id: str) -> None:
    assert any(m[0] == exercise_id for m in TYPICAL_MISTAKES)


@pytest.mark.parametrize("exercise_id", sorted(CORRECT_ANSWERS))
# Identificadores estables (sin direcciones de memoria): pytest-xdist los compara entre procesos.
@pytest.mark.parametrize("answer", MALFORMED,
                         ids=[f"mal{i}-{type(a).__name__}" for i, a in enumerate(MALFORMED)])
def test_malformed_input_gets_guidance_not_a_traceback(exercise_id: str, answer: Any) -> None:
    result = _evaluate(exercise_id, answer)
    if answer is None or answer is ...:
        assert result.status == PENDING
    else:
        assert result.status in (INVALID, WRONG), result
        assert result.message


@pytest.mark.parametrize("exercise_id", BOOK_ORDER)
@pytest.mark.parametrize("answer", JUNK, ids=[f"basura{i}-{type(a).__name__}" for i, a in enumerate(JUNK)])
def test_junk_is_never_correct_and_never_raises(exercise_id: str, answer: Any) -> None:
    result = _evaluate(exercise_id, answer)
    assert result.status in (WRONG, INVALID), result
    assert result.message
    assert str(result)


@pytest.mark.parametrize("answer", [(None, 4), (-1, 4), (9, -6), (None, 1), (2, None), (3, 1), (2.5, 1)])
def test_confusion_pair_out_of_range_or_with_none_is_invalid(answer: Any) -> None:
    """El fallo conocido: (None, 4) y los negativos llegaban a la casilla mayor y eran «correcto»."""
    result = core.evaluate("aprendido-2", answer, MATRIX)
    assert result.status == INVALID, result


def test_confusion_pair_uses_the_size_of_the_matrix() -> None:
    big = np.zeros((10, 10), dtype=int)
    big[9, 4] = 7
    assert core.evaluate("aprendido-2", (9, 4), big).status == CORRECT
    result = core.evaluate("aprendido-2", (10, 4), big)
    assert result.status == INVALID, result
    assert "de 0 a 9" in result.message, result


def test_confusion_pair_accepts_any_tied_maximum() -> None:
    """Con un empate en la casilla mayor, cualquiera de las empatadas es correcta."""
    tied = np.array([[50, 4, 0], [1, 40, 4], [0, 2, 60]])  # (0, 1) y (1, 2) empatan con 4
    for pair in [(0, 1), (1, 2)]:
        assert core.evaluate("aprendido-2", pair, tied).status == CORRECT, pair
    assert "invertido" in core.evaluate("aprendido-2", (2, 1), tied).message
    assert core.evaluate("aprendido-2", (2, 1), tied).status == WRONG
    assert core.evaluate("aprendido-2", (1, 0), tied).status == WRONG


@pytest.mark.parametrize("matrix", ["texto", [[1, 2], [3]], np.zeros((2, 3)), np.array([[np.nan, 1], [1, 0]]),
                                    np.array([["a", "b"], ["c", "d"]]), np.zeros(4), None])
def test_a_malformed_confusion_matrix_is_invalid(matrix: Any) -> None:
    assert core.evaluate("aprendido-2", (1, 0), matrix).status == INVALID


def _equivalent_forms(answer: Any) -> list[Any]:
    """Formas equivalentes de una respuesta entera o de una tupla de enteros."""
    if isinstance(answer, int):
        return [np.int64(answer), np.int32(answer), float(answer), np.float64(answer), np.array(answer)]
    return [
        list(answer), tuple(answer), np.array(answer), np.array(answer, dtype=np.int32),
        tuple(np.int64(v) for v in answer), tuple(float(v) for v in answer), np.array(answer, dtype=float),
    ]


EQUIVALENT = [
    (exercise_id, form)
    for exercise_id, answer in CORRECT_ANSWERS.items()
    if isinstance(answer, int) or (isinstance(answer, tuple) and all(isinstance(v, int) for v in answer))
    for form in _equivalent_forms(answer)
]


@pytest.mark.parametrize(("exercise_id", "answer"), EQUIVALENT, ids=lambda a: repr(a)[:40])
def test_equivalent_forms_of_the_correct_answer_pass(exercise_id: str, answer: Any) -> None:
    result = _evaluate(exercise_id, answer)
    assert result.status == CORRECT, result


@pytest.mark.parametrize(("exercise_id", "answer"), [
    ("aprendido-2", [2, 1]),
    ("aprendido-2", np.array([2, 1])),
    ("aprendido-2", (np.int64(2), np.int64(1))),
    ("aprendido-2", (2.0, 1.0)),
    ("convnet_intro-1", np.array(CORRECT_ANSWERS["convnet_intro-1"])),
    ("convnet_intro-1", tuple(list(s) for s in CORRECT_ANSWERS["convnet_intro-1"])),
    ("convnet_intro-1", [np.array(s) for s in CORRECT_ANSWERS["convnet_intro-1"]]),
    ("cabeza-2", list(CORRECT_ANSWERS["cabeza-2"])),
    ("cabeza-2", tuple(CORRECT_ANSWERS["cabeza-2"])),
    ("cabeza-2", CORRECT_ANSWERS["cabeza-2"].astype(np.float32)),
    ("cabeza-2", [0.665, 0.245, 0.090]),
    ("entrenamiento-2", " Validacion "),
    ("entrenamiento-2", "VALIDACIÓN"),
    ("entrenamiento-2", "validacio\u0301n"),  # la tilde como carácter combinado
], ids=repr)
def test_other_equivalent_forms_pass(exercise_id: str, answer: Any) -> None:
    result = _evaluate(exercise_id, answer)
    assert result.status == CORRECT, result


@pytest.mark.parametrize(("exercise_id", "answer", "fragments"), [
    ("convolucion-1", (10, None, 16), ["una tupla de enteros", "posición 2", "None"]),
    ("convolucion-2", -51264, ["mayor o igual que 0", "-51264"]),
    ("convolucion-2", "51264", ["número entero", "un texto, '51264'", "sin comillas"]),
    ("convolucion-2", 51264.5, ["número entero", "51264.5"]),
    ("convolucion-2", float("nan"), ["número entero", "nan"]),
    ("convolucion-2", True, ["número entero", "bool (True)"]),
    ("cabeza-1", (3136, 2, 1), ["dos enteros", "2 números", "has dado 3"]),
    ("cabeza-2", np.zeros((3, 3)), ["vector de 3", "(3, 3)"]),
    ("cabeza-2", [0.5, float("nan"), 0.5], ["posición 2", "nan"]),
    ("aprendido-2", (9, -6), ["de 0 a 2", "(9, -6)"]),
    ("entrenamiento-2", 3, ["'validación'", "int (3)"]),
], ids=repr)
def test_invalid_answers_say_what_was_expected_and_what_arrived(
    exercise_id: str, answer: Any, fragments: list[str]
) -> None:
    result = _evaluate(exercise_id, answer)
    assert result.status == INVALID, result
    for fragment in fragments:
        assert fragment in result.message, result.message


def test_a_bug_in_a_checker_propagates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Solo InvalidAnswer se convierte en «entrada no válida»; un fallo del corrector no se esconde."""
    def buggy(answer: Any) -> core.Result:
        return core.Result(CORRECT, str(1 / 0))

    def strict(answer: Any) -> core.Result:
        raise core.InvalidAnswer("se esperaba otra cosa.")

    for exercise_id, checker in [("prueba-fallo", buggy), ("prueba-estricta", strict)]:
        exercise = core.Exercise(exercise_id, "?", "un entero", "exacta", ("", ""), "", checker)
        monkeypatch.setitem(core._REGISTRY, exercise_id, exercise)
    with pytest.raises(ZeroDivisionError):
        core.evaluate("prueba-fallo", 1)
    assert core.evaluate("prueba-estricta", 1) == core.Result(INVALID, "se esperaba otra cosa.")


def test_registering_twice_is_an_error() -> None:
    def checker(answer: Any) -> core.Result:
        return core.Result(CORRECT, "")

    with pytest.raises(ValueError, match="ya está registrado"):
        core.register("convolucion-1", question="", answer_format="", tolerance="", hints=("", ""),
                      solution="")(checker)
    assert core.get("convolucion-1").checker is not checker


def test_unfinished_placeholder_reports_pending(capsys: pytest.CaptureFixture[str]) -> None:
    exercises.check("convolucion-1", None)
    assert capsys.readouterr().out.startswith("⏳ Pendiente")


def test_missing_context_is_explained() -> None:
    result = core.evaluate("aprendido-2", (2, 1))
    assert result.status == INVALID
    assert "matrix" in result.message


def test_check_hint_and_solution_print_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    exercises.check("convolucion-2", 51264)
    exercises.hint("convolucion-2")
    exercises.solution("convolucion-2")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("✅ Correcto")
    assert out[1].startswith("💡 Pista 1 de 2:")
    assert out[2].startswith("📖 Solución:")


def test_messages_printed_in_the_notebooks_do_not_change() -> None:
    """Los cuadernos guardan estas salidas: cambiarlas obliga a volver a ejecutarlos."""
    assert str(_evaluate("convolucion-1", (10, 10, 16))) == "✅ Correcto: ¡bien hecho!"
    assert str(_evaluate("aprendido-2", (2, 1))) == (
        "✅ Correcto: ¡bien hecho! Ninguna casilla fuera de la diagonal tiene más.")
    assert str(_evaluate("convnet_intro-1", CORRECT_ANSWERS["convnet_intro-1"])) == (
        "✅ Correcto: ¡bien hecho! Las cinco formas son correctas.")
    assert str(_evaluate("cabeza-2", CORRECT_ANSWERS["cabeza-2"])) == (
        "✅ Correcto: ¡bien hecho! Suman 1 y conservan el orden de los logits.")
    assert str(_evaluate("entrenamiento-2", "validación")) == (
        "✅ Correcto: ¡bien hecho! Así la exactitud en prueba sigue siendo honesta.")
    assert str(_evaluate("tu_digito-1", (20, 8))) == (
        "✅ Correcto: ¡bien hecho! El lado mayor mide 20 y el dígito no se deforma.")
    assert str(_evaluate("tu_digito-2", (5, 9))) == (
        "✅ Correcto: ¡bien hecho! El centro de masas cae en (14,3; 13,6), el píxel (14, 14) al redondear.")


def test_pending_says_to_run_both_cells() -> None:
    """La edición del estudiante (sin salidas) imprime «pendiente»: hay que ejecutar las dos celdas."""
    assert str(_evaluate("pooling-1", None)) == (
        "⏳ Pendiente: sustituye None por tu respuesta y ejecuta las dos celdas: la de tu respuesta y esta.")


def test_unknown_exercise_lists_the_existing_ones() -> None:
    with pytest.raises(KeyError, match="convolucion-1"):
        core.evaluate("convolucion-9", 1)


def test_wrong_but_unknown_answer_still_helps() -> None:
    result = core.evaluate("pooling-2", 99)
    assert result.status == WRONG
    assert "pista" in result.message


def test_students_see_only_check_hint_and_solution() -> None:
    """En un cuaderno, ``exercises.<Tab>`` ofrece lo que usa quien estudia (lo de autor, en ``_core``)."""
    import subprocess
    import sys

    code = ("from course_lib import exercises; "
            "print(' '.join(n for n in dir(exercises) if not n.startswith('_')))")
    root = Path(__file__).resolve().parents[1]
    shown = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                           check=True).stdout.split()
    assert shown == ["PLACEHOLDER", "check", "exercise_ids", "hint", "solution"]
    assert sorted(exercises.__all__) == shown
