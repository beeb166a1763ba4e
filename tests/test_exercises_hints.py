"""Las pistas, en pasos (``hint(id)``, ``hint(id, 2)``...), y lo que ve quien se equivoca al
llamar a ``check``, ``hint`` o ``solution``: siempre un mensaje en español que lista los
ejercicios, nunca una excepción de Python."""

from __future__ import annotations

from typing import Any

import pytest

from course_lib import exercises
from course_lib.exercises import _core as core

IDS = core.exercise_ids()


def _printed(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert not captured.err
    return captured.out.strip()


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_exercise_has_hints_in_steps(exercise_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Al menos dos pistas; cada una dice cómo pedir la siguiente y la última, dónde está la solución."""
    hints = core.get(exercise_id).hints
    assert len(hints) >= 2
    assert len(set(hints)) == len(hints)
    exercises.hint(exercise_id)
    assert _printed(capsys) == (f"💡 Pista 1 de {len(hints)}: {hints[0]} "
                                f'Si necesitas otra, exercises.hint("{exercise_id}", 2).')
    for step in range(2, len(hints) + 1):
        exercises.hint(exercise_id, step)
        out = _printed(capsys)
        assert out.startswith(f"💡 Pista {step} de {len(hints)}: {hints[step - 1]} ")
        if step < len(hints):
            assert out.endswith(f'exercises.hint("{exercise_id}", {step + 1}).')
        else:
            assert out.endswith(f'la solución está en exercises.solution("{exercise_id}").')


@pytest.mark.parametrize("exercise_id", IDS)
def test_hints_are_not_the_solution(exercise_id: str) -> None:
    """Ninguna pista repite la solución (que la respuesta no aparece lo comprueba
    ``test_exercises_feedback.py``)."""
    exercise = core.get(exercise_id)
    for hint in exercise.hints:
        assert hint.strip(" .") not in exercise.solution
        assert exercise.solution.strip(" .") not in hint


@pytest.mark.parametrize("step", [0, -1, 99])
def test_a_hint_number_out_of_range_says_how_many_there_are(step: Any,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    exercises.hint("convolucion-2", step)
    out = _printed(capsys)
    assert out.startswith("⚠️ Este ejercicio tiene 2 pistas, numeradas de la 1 a la 2")
    assert 'exercises.hint("convolucion-2", 2)' in out


@pytest.mark.parametrize("step", ["2", " 2 ", 2.0])
def test_a_hint_number_written_as_text_or_float_is_accepted(step: Any,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """La cuarta prueba con estudiantes: hint("pooling-1", "2") respondía que había 2 pistas, numeradas
    de la 1 a la 2, a quien sí había pedido la 2."""
    exercises.hint("pooling-1", step)
    assert _printed(capsys).startswith("💡 Pista 2 de 2: ")


@pytest.mark.parametrize("step", ["dos", 1.5, None, True, "2.5", float("nan")])
def test_a_hint_number_that_is_not_an_integer_says_so(step: Any, capsys: pytest.CaptureFixture[str]) -> None:
    exercises.hint("convolucion-2", step)
    out = _printed(capsys)
    assert out.startswith('⚠️ El número de la pista es un entero, como en exercises.hint("convolucion-2", 2)')
    assert "numeradas de la 1 a la 2" in out


@pytest.mark.parametrize("call", [
    lambda: exercises.hint(),
    lambda: exercises.check(),
    lambda: exercises.solution(),
], ids=["hint()", "check()", "solution()"])
def test_a_missing_exercise_id_lists_the_valid_ones(call: Any, capsys: pytest.CaptureFixture[str]) -> None:
    call()
    out = _printed(capsys)
    assert out.startswith("⚠️ Falta el identificador del ejercicio")
    assert ", ".join(IDS) in out


@pytest.mark.parametrize(("call", "guess"), [
    (lambda: exercises.hint("convolucion-9"), None),
    (lambda: exercises.check("convolucion-3x", 5), "convolucion-3"),
    (lambda: exercises.check("pooling2", 5), "pooling-2"),
    (lambda: exercises.solution("tu digito-1x"), "tu_digito-1"),
    (lambda: exercises.solution(1), None),
    (lambda: exercises.hint(["convolucion-1"]), None),
], ids=["desconocido", "letra de más", "sin guion", "espacio", "número", "lista"])
def test_an_unknown_exercise_id_gets_a_spanish_message(call: Any, guess: str | None,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    call()
    out = _printed(capsys)
    assert out.startswith("⚠️ ")
    assert "Traceback" not in out
    assert f"Los ejercicios son: {', '.join(IDS)}." in out
    if guess:
        assert f"¿Querías decir «{guess}»?" in out


@pytest.mark.parametrize("written", ["convolución-1", "Convolucion-1", " CONVOLUCIÓN-1 "])
def test_accents_capitals_and_spaces_in_the_id_do_not_matter(written: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    exercises.check(written, (10, 10, 16))
    exercises.hint(written)
    exercises.solution(written)
    out = _printed(capsys).splitlines()
    assert out[0] == "✅ Correcto: ¡bien hecho!"
    assert out[1].startswith("💡 Pista 1 de 3:")
    assert out[2].startswith("📖 Solución:")


def test_a_missing_answer_shows_the_call(capsys: pytest.CaptureFixture[str]) -> None:
    exercises.check("convolucion-1")
    assert _printed(capsys) == '⚠️ Falta la respuesta: exercises.check("convolucion-1", respuesta_1).'


def test_wrong_context_shows_the_call(capsys: pytest.CaptureFixture[str]) -> None:
    exercises.check("convolucion-2", 51264, None)
    exercises.check("aprendido-2", (5, 3))
    out = _printed(capsys).splitlines()
    assert out[0] == ("⚠️ Entrada no válida: este ejercicio solo necesita la respuesta: "
                      'exercises.check("convolucion-2", respuesta_2).')
    assert out[1] == ("⚠️ Entrada no válida: este ejercicio necesita también matrix: "
                      'exercises.check("aprendido-2", respuesta_2, matrix).')


def test_the_author_side_still_raises_for_an_unknown_id() -> None:
    """Quien escribe ejercicios (y las pruebas) recibe una excepción, con la lista de ejercicios."""
    with pytest.raises(KeyError, match="Los ejercicios son: red_densa-1"):
        core.get("convolucion-9")


def test_registering_needs_two_hints_and_distinct_misconceptions() -> None:
    def checker(answer: Any) -> core.Verdict:
        return None

    details: dict[str, Any] = {"question": "?", "answer_format": "un entero", "tolerance": "exacta",
                               "solution": "?"}
    with pytest.raises(ValueError, match="dos pistas"):
        core.register("prueba-1", hints=("una",), **details)(checker)
    twice = (core.mistake("a", "uno."), core.mistake("a", "otro."))
    with pytest.raises(ValueError, match="repite"):
        core.register("prueba-1", hints=("una", "dos"), misconceptions=twice, **details)(checker)
    assert "prueba-1" not in core.exercise_ids()
