"""Las tareas calificables (booktools.assignments): de principio a fin, con ``otter run`` y sin Docker.

Para dos capítulos, se construye la tarea, se rellena el cuaderno del estudiante con (a) las
soluciones, (b) errores frecuentes y (c) basura (``None``, un tipo equivocado, una excepción), y
se califica cada entrega: nota completa, parcial con los mensajes en español de los correctores,
y cero, sin que la calificación falle.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from booktools import assignments, layout
from course_lib.exercises import _core

# Dos capítulos cuyas tareas no cargan redes: calificar tarda lo que tarda arrancar Keras.
CHAPTERS = ("tu_digito", "convolucion")

# Fuera de make check (tarda unos dos minutos), dentro de la parte rápida de make test, que
# termina mucho antes que la de los cuadernos.
pytestmark = pytest.mark.assignments


@pytest.fixture(scope="module")
def built(tmp_path_factory, real_mnist_path) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("tareas")
    # Sin validar al construir: la primera prueba califica las soluciones.
    return {chapter: assignments.build(chapter, out, validate=False) for chapter in CHAPTERS}


def _student(folder: Path) -> nbformat.NotebookNode:
    return nbformat.read(next((folder / "student").glob("*.ipynb")), as_version=4)


def _fill(notebook: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    """El cuaderno con ``respuesta_N = None`` cambiado por el código de ``answers``."""
    filled = nbformat.from_dict(notebook)
    for cell in filled.cells:
        for variable, code in answers.items():
            if cell.cell_type == "code" and f"{variable} = None" in cell.source:
                cell.source = cell.source.replace(f"{variable} = None", code)
    return filled


def _grade(folder: Path, notebook: nbformat.NotebookNode, tmp_path: Path, name: str) -> dict:
    """Califica la entrega con ``otter run``; devuelve la nota de cada ejercicio y su salida."""
    submission = tmp_path / f"{name}.ipynb"
    nbformat.write(notebook, submission)
    results = tmp_path / name
    results.mkdir()
    autograder = next((folder / "autograder").glob("*.zip"))
    # Estas dos tareas no entrenan ni predicen: con el motor «numpy» de Keras, el núcleo que
    # califica no carga TensorFlow y cada calificación tarda segundos, no decenas (la CI tiene
    # 25 minutos). La preparación del cuaderno respeta KERAS_BACKEND (os.environ.setdefault).
    environment = {**os.environ, "KERAS_BACKEND": "numpy"}
    run = subprocess.run([sys.executable, "-m", "otter", "run", "-a", str(autograder), "-o", str(results),
                          str(submission)], capture_output=True, text=True, timeout=300, env=environment)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    tests = json.loads((results / "results.json").read_text(encoding="utf-8"))["tests"]
    return {t["name"]: (t["score"], t["output"]) for t in tests if "score" in t}


def _exercises(chapter: str) -> list[_core.Exercise]:
    return [_core.get(i) for i in _core.exercise_ids() if i.startswith(f"{chapter}-")]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_student_notebook_has_no_solutions_and_no_otter(built, chapter):
    notebook = _student(built[chapter])
    text = "\n".join(cell.source for cell in notebook.cells)
    assert "exercises.solution" not in text
    assert "Solución" not in text
    assert ":::" not in text
    assert "otter" not in text.lower()
    for exercise in _exercises(chapter):
        assert f"{exercise.variable} = None" in text
        assert f'exercises.check("{exercise.id}"' in text
    # Ninguna línea de las soluciones del capítulo está en el cuaderno del estudiante.
    instructor = nbformat.read(layout.ROOT / "chapters" / f"{chapter}.ipynb", as_version=4)
    for cell in instructor.cells:
        if "solucion" in cell.metadata.get("tags", []):
            assert cell.source.splitlines()[-1] not in text


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_solutions_get_full_marks(built, chapter, tmp_path):
    solved = nbformat.read(next((built[chapter] / "autograder").glob("*.ipynb")), as_version=4)
    scores = _grade(built[chapter], solved, tmp_path, "soluciones")
    assert {name: score for name, (score, _) in scores.items()} == {e.id: 1 for e in _exercises(chapter)}


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_typical_mistakes_get_partial_marks_with_the_checkers_messages(built, chapter, tmp_path):
    """El primer ejercicio, con su primer error frecuente; los demás, bien: nota parcial."""
    first, *rest = _exercises(chapter)
    wrong = first.misconceptions[0]
    answers = {first.variable: f"{first.variable} = {wrong.examples[0]!r}"}
    answers.update({e.variable: f"{e.variable} = {e.answer!r}" for e in rest})
    scores = _grade(built[chapter], _fill(_student(built[chapter]), answers), tmp_path, "errores")
    assert scores[first.id][0] == 0
    assert wrong.message in scores[first.id][1]  # el mensaje en español del error frecuente
    assert all(scores[e.id][0] == 1 for e in rest)
    assert 0 < sum(score for score, _ in scores.values()) < len(scores)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_junk_gets_zero_without_crashing(built, chapter, tmp_path):
    junk = ["None", "'hola'", "1 / 0", "[[['x']]]"]
    answers = {e.variable: f"{e.variable} = {junk[k % len(junk)]}" for k, e in enumerate(_exercises(chapter))}
    answers[_exercises(chapter)[-1].variable] = "raise RuntimeError('una excepción del estudiante')"
    scores = _grade(built[chapter], _fill(_student(built[chapter]), answers), tmp_path, "basura")
    assert set(scores) == {e.id for e in _exercises(chapter)}
    assert all(score == 0 for score, _ in scores.values())
