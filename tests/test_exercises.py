"""Cada corrector: la respuesta correcta pasa, cada error típico tiene su mensaje y la
entrada mal formada recibe orientación (nunca una excepción)."""

import numpy as np
import pytest

from course_lib import exercises
from course_lib.exercises import CORRECT, INVALID, PENDING, WRONG

MATRIX = np.array([[50, 0, 3], [1, 40, 0], [0, 7, 60]])  # confusión más frecuente: (2, 1)

CORRECT_ANSWERS = {
    "red_densa-1": 50890,
    "red_densa-2": (128, 10),
    "convnet_intro-1": [(24, 24, 32), (12, 12, 32), (10, 10, 64), (5, 5, 64), (3, 3, 64)],
    "convnet_intro-2": 83946,
    "convolucion-1": (14, 14, 16),
    "convolucion-2": 18496,
    "pooling-1": (8, 8, 32),
    "pooling-2": 32,
    "cabeza-1": (3136, 200768),
    "cabeza-2": np.exp([2.0, 1.0, 0.0]) / np.exp([2.0, 1.0, 0.0]).sum(),
    "entrenamiento-1": 4690,
    "entrenamiento-2": "validación",
    "aprendido-1": 892,
    "aprendido-2": (2, 1),
}

CONTEXT = {"aprendido-2": (MATRIX,)}

TYPICAL_MISTAKES = [
    ("red_densa-1", 50816, "olvidado los sesgos"),
    ("red_densa-1", 50240, "solo la capa oculta"),
    ("red_densa-2", (10, 128), "traspuesta"),
    ("red_densa-2", (None, 10), "None es el tamaño de lote"),
    ("red_densa-2", (128, 28, 28, 1), "forma de la entrada"),
    ("convnet_intro-1", [(26, 26, 32), (13, 13, 32), (11, 11, 64), (5, 5, 64), (3, 3, 64)], "28 - 5 + 1 = 24"),
    ("convnet_intro-1", [(24, 24, 32), (12, 12, 32), (10, 10, 64), (6, 6, 64), (4, 4, 64)], "redondea hacia abajo"),
    ("convnet_intro-1", [(24, 24, 32), (12, 12, 32), (10, 10, 32), (5, 5, 64), (3, 3, 64)], "canales son 64"),
    ("convnet_intro-1", [(24, 24, 32)], "5 capas"),
    ("convnet_intro-2", 93162, "conv_2 también cambia"),
    ("convnet_intro-2", 83866, "olvidado los sesgos"),
    ("convolucion-1", (12, 12, 16), "padding='valid'"),
    ("convolucion-1", (28, 28, 16), "paso"),
    ("convolucion-1", (16, 14, 14), "canales al final"),
    ("convolucion-2", 18432, "olvidado los sesgos"),
    ("convolucion-2", 640, "32 canales de entrada"),
    ("convolucion-2", 20480, "uno por filtro"),
    ("pooling-1", (9, 9, 32), "redondea hacia abajo"),
    ("pooling-1", (8, 8, 96), "canales no cambian"),
    ("pooling-2", 15, "multiplicar (k - 1) por el salto"),
    ("pooling-2", 18, "3 × 3"),
    ("cabeza-1", (576, 36928), "padding='valid'"),
    ("cabeza-1", (3136, 200704), "64 sesgos"),
    ("cabeza-2", np.exp([2.0, 1.0, 0.0]), "falta dividir entre la suma"),
    ("cabeza-2", [2 / 3, 1 / 3, 0.0], "sin aplicar antes la exponencial"),
    ("cabeza-2", [0.5, 0.3, 0.1], "suman 0.900, no 1"),
    ("cabeza-2", [1.2, -0.1, -0.1], "negativas"),
    ("entrenamiento-1", 938, "una época"),
    ("entrenamiento-1", 4685, "redondea hacia arriba"),
    ("entrenamiento-2", "prueba", "honesta"),
    ("entrenamiento-2", "Entrenamiento", "memoriza"),
    ("aprendido-1", 1000, "no todas las clases"),
    ("aprendido-2", (1, 2), "invertido el orden"),
    ("aprendido-2", (2, 2), "diagonal"),
]

MALFORMED = [None, ..., "texto", object(), {"a": 1}, [[["x"]]], 3.5, True]


def test_every_exercise_has_a_test():
    assert set(CORRECT_ANSWERS) == set(exercises.exercise_ids())


@pytest.mark.parametrize("exercise_id", sorted(CORRECT_ANSWERS))
def test_correct_answer_passes(exercise_id):
    result = exercises.evaluate(exercise_id, CORRECT_ANSWERS[exercise_id], *CONTEXT.get(exercise_id, ()))
    assert result.status == CORRECT, result


@pytest.mark.parametrize(("exercise_id", "answer", "fragment"), TYPICAL_MISTAKES)
def test_typical_mistake_gets_its_specific_message(exercise_id, answer, fragment):
    result = exercises.evaluate(exercise_id, answer, *CONTEXT.get(exercise_id, ()))
    assert result.status == WRONG, result
    assert fragment in result.message, result.message


@pytest.mark.parametrize("exercise_id", sorted(CORRECT_ANSWERS))
def test_every_exercise_recognises_at_least_one_typical_mistake(exercise_id):
    assert any(m[0] == exercise_id for m in TYPICAL_MISTAKES)


@pytest.mark.parametrize("exercise_id", sorted(CORRECT_ANSWERS))
@pytest.mark.parametrize("answer", MALFORMED, ids=repr)
def test_malformed_input_gets_guidance_not_a_traceback(exercise_id, answer):
    result = exercises.evaluate(exercise_id, answer, *CONTEXT.get(exercise_id, ()))
    if answer is None or answer is ...:
        assert result.status == PENDING
    else:
        assert result.status in (INVALID, WRONG), result
        assert result.message


def test_unfinished_placeholder_reports_pending(capsys):
    exercises.check("convolucion-1", None)
    assert capsys.readouterr().out.startswith("⏳ Pendiente")


def test_missing_context_is_explained():
    result = exercises.evaluate("aprendido-2", (2, 1))
    assert result.status == INVALID and "matrix" in result.message


def test_check_hint_and_solution_print_spanish(capsys):
    exercises.check("convolucion-2", 18496)
    exercises.hint("convolucion-2")
    exercises.solution("convolucion-2")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("✅ Correcto")
    assert out[1].startswith("💡 Pista:") and out[2].startswith("📖 Solución:")


def test_unknown_exercise_lists_the_existing_ones():
    with pytest.raises(KeyError, match="convolucion-1"):
        exercises.evaluate("convolucion-9", 1)


def test_wrong_but_unknown_answer_still_helps():
    result = exercises.evaluate("pooling-2", 99)
    assert result.status == WRONG and "pista" in result.message
