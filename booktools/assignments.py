"""Tareas calificables con Otter-Grader, hechas a partir de los capítulos.

Para cada capítulo con ejercicios corregibles (celdas con la etiqueta ``solucion`` y los
metadatos ``exercise: {id, answer}``), esta orden escribe un cuaderno maestro en el formato de
Otter Assign y lo pasa por ``otter assign``, que genera:

- ``<salida>/<capítulo>/student/``: el cuaderno de la tarea para el estudiante (Colab o
  Jupyter), sin soluciones, y sus pruebas en ``tests/`` (archivos, como pide Otter en Colab);
- ``<salida>/<capítulo>/autograder/``: el cuaderno con las soluciones y ``autograder.zip``,
  con el que ``otter run`` califica una entrega sin Docker.

El cuaderno de la tarea no es el capítulo entero: tiene la preparación, las celdas que el
capítulo marca con la etiqueta ``tarea`` (lo que necesitan los correctores, como la matriz de
confusión de «¿Qué ha aprendido la red?») y, de cada ejercicio corregible, su enunciado y su
celda de respuesta. Así, calificar (que vuelve a ejecutar el cuaderno entero) no vuelve a
entrenar redes: califica respuestas. Las pruebas de Otter llaman a los correctores del curso
(``course_lib.exercises._core.evaluate``), así que el mensaje de un error frecuente es el mismo
que el estudiante ve al comprobar su respuesta con ``exercises.check``. El cuaderno del
estudiante no importa Otter: solo lo necesita la máquina que califica.

Uso::

    python -m booktools.assignments                      # todos los capítulos, en _build/tareas
    python -m booktools.assignments --chapters tu_digito donde_mira --out /tmp/tareas
"""

from __future__ import annotations

import argparse
import ast
import builtins
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import yaml

from booktools import layout

TAG_SOLUTION = "solucion"
TAG_CONTEXT = "tarea"
"""Etiqueta de las celdas de un capítulo que su tarea necesita (además de la preparación)."""
SETUP_TAG = "instalar-colab"
STATEMENT = re.compile(r"\*\*Ejercicio \d+")
CHECK = re.compile(r'exercises\.check\("(?P<id>[\w-]+)", (?P<args>[^)]*)\)')


def _student(chapter: str) -> nbformat.NotebookNode:
    return nbformat.read(layout.ROOT / "chapters" / "estudiante" / f"{chapter}.ipynb", as_version=4)


def _instructor(chapter: str) -> nbformat.NotebookNode:
    return nbformat.read(layout.ROOT / "chapters" / f"{chapter}.ipynb", as_version=4)


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def chapters_with_exercises() -> list[str]:
    """Los capítulos (en el orden del libro) con al menos un ejercicio corregible."""
    found = []
    for path in layout.notebooks():
        notebook = nbformat.read(path, as_version=4)
        if any(TAG_SOLUTION in _tags(c) for c in notebook.cells):
            found.append(path.stem)
    return found


def _raw(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_raw_cell(text)


def _statement(cells: list[nbformat.NotebookNode], index: int) -> str:
    """El enunciado del ejercicio cuya respuesta está en ``cells[index]``: desde «**Ejercicio N»."""
    for cell in reversed(cells[:index]):
        if cell.cell_type == "markdown":
            starts = [m.start() for m in STATEMENT.finditer(cell.source)]
            if starts:
                return cell.source[starts[-1]:].strip()
    raise ValueError(f"No encuentro el enunciado del ejercicio de la celda {index}.")


def _without_magics(source: str) -> str:
    """El código sin las órdenes mágicas de IPython (``%pip``...), que pasan a ser ``pass``."""
    return "\n".join(line[:len(line) - len(line.lstrip())] + "pass" if line.lstrip().startswith("%") else line
                     for line in source.splitlines())


def _names(source: str) -> tuple[set[str], set[str]]:
    """Los nombres que un trozo de código usa y los que define (asignaciones, funciones, imports)."""
    tree = ast.parse(_without_magics(source))
    used: set[str] = set()
    defined: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (used if isinstance(node.ctx, ast.Load) else defined).add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            defined.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
    return used, defined


def _function_source(cells: list[nbformat.NotebookNode], name: str) -> str | None:
    """El código de la función ``name`` definida en alguna celda del capítulo, o ``None``."""
    for cell in cells:
        if cell.cell_type != "code" or f"def {name}(" not in cell.source:
            continue
        source = _without_magics(cell.source)
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef) and node.name == name:
                return ast.get_source_segment(source, node)
    return None


def _test_cell(exercise_id: str, variable: str, context: list[str]) -> nbformat.NotebookNode:
    """La prueba de Otter (con excepciones): el corrector del curso, con su mensaje si falla."""
    names = [variable, *context]
    function = "test_" + re.sub(r"\W", "_", exercise_id)
    source = f'''""" # BEGIN TEST CONFIG
points: 1
hidden: false
""" # END TEST CONFIG
def {function}({", ".join(names)}):
    from course_lib import exercises  # registra los correctores
    from course_lib.exercises._core import evaluate
    result = evaluate({exercise_id!r}, {", ".join(names)})
    assert result.ok, str(result)'''
    return nbformat.v4.new_code_cell(source)


def master_notebook(chapter: str, *, validate: bool = True) -> nbformat.NotebookNode:
    """El cuaderno maestro de Otter Assign para ``chapter``.

    Con ``validate``, ``otter assign`` ejecuta las soluciones con las pruebas y falla si alguna
    no saca la nota completa (tarda lo que tarda ejecutar el cuaderno).
    """
    student, instructor = _student(chapter), _instructor(chapter)
    solutions = {c.metadata["exercise"]["id"]: c.source for c in instructor.cells
                 if TAG_SOLUTION in _tags(c)}
    title = next(c.source.splitlines()[0].lstrip("# ").strip() for c in student.cells
                 if c.cell_type == "markdown" and c.source.startswith("# "))
    config = {
        "name": chapter,
        "init_cell": False,
        "check_all_cell": False,
        "export_cell": False,
        "run_tests": validate,
        "tests": {"files": True, "ok_format": False},
        "generate": True,
    }
    cells = [
        _raw("# ASSIGNMENT CONFIG\n" + yaml.safe_dump(config, sort_keys=False, allow_unicode=True)),
        nbformat.v4.new_markdown_cell(
            f"# Tarea: {title}\n\n"
            "Ejecuta las celdas en orden y sustituye cada `None` por tu respuesta. Puedes comprobar "
            "cada una con la celda `exercises.check(...)` que la sigue, como en el capítulo: la "
            "calificación usa los mismos correctores y da los mismos mensajes. Entrega el cuaderno "
            "guardado (`.ipynb`), con las celdas ejecutadas."),
    ]
    setup = next(c for c in student.cells if c.cell_type == "code" and "from course_lib import" in c.source)
    cells += [nbformat.v4.new_code_cell(c.source) for c in student.cells if SETUP_TAG in _tags(c)]
    cells.append(nbformat.v4.new_code_cell(setup.source))
    for index, cell in enumerate(student.cells):
        tags = _tags(cell)
        if TAG_CONTEXT in tags:
            cells.append(nbformat.v4.new_code_cell(cell.source))
        elif TAG_SOLUTION in tags:
            exercise_id = cell.metadata["exercise"]["id"]
            variable = cell.metadata["exercise"]["answer"]
            check = student.cells[index + 1].source
            match = CHECK.search(check)
            if match is None or match["id"] != exercise_id:
                raise ValueError(f"Tras la respuesta de {exercise_id} no está su exercises.check: {check!r}")
            context = [a.strip() for a in match["args"].split(",")[1:]]
            solution = solutions[exercise_id]
            known = set(dir(builtins))
            for previous in cells:
                if previous.cell_type == "code":
                    known |= _names(previous.source)[1]
            used, defined = _names(solution)
            missing = sorted(used - defined - known)
            for name in list(missing):
                function = _function_source(instructor.cells, name)
                if function is not None:
                    cells.append(nbformat.v4.new_code_cell(function))
                    missing.remove(name)
            if missing:
                raise ValueError(
                    f"La solución de {exercise_id} usa {', '.join(missing)}, que no define ninguna celda "
                    f"de la tarea: marca con la etiqueta «{TAG_CONTEXT}» las celdas de {chapter} que los "
                    "definen.")
            cells += [
                _raw(f"# BEGIN QUESTION\nname: {exercise_id}\npoints: 1\ncheck_cell: false"),
                nbformat.v4.new_markdown_cell(_statement(student.cells, index)),
                _raw("# BEGIN SOLUTION"),
                nbformat.v4.new_code_cell(
                    "# TU CÓDIGO AQUÍ\n# BEGIN SOLUTION NO PROMPT\n" + solution + "\n# END SOLUTION\n"
                    f'""" # BEGIN PROMPT\n{variable} = None\n""" # END PROMPT'),
                _raw("# END SOLUTION"),
                _raw("# BEGIN TESTS"),
                _test_cell(exercise_id, variable, context),
                _raw("# END TESTS"),
                _raw("# END QUESTION"),
                nbformat.v4.new_code_cell(check),
            ]
    notebook = nbformat.v4.new_notebook(cells=cells, metadata=student.metadata)
    return notebook


def build(chapter: str, out: Path, *, validate: bool = True) -> Path:
    """Escribe la tarea de ``chapter`` en ``out/chapter`` con ``otter assign``; devuelve esa carpeta.

    ``validate=False`` no ejecuta las soluciones al construirla (las pruebas lo hacen aparte).
    """
    target = out / chapter
    shutil.rmtree(target, ignore_errors=True)
    work = out / f".{chapter}-maestro"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    master = work / f"{chapter}.ipynb"
    nbformat.write(master_notebook(chapter, validate=validate), master)
    command = [sys.executable, "-m", "otter", "assign", "--no-pdfs", "-v", str(master), str(target)]
    done = subprocess.run(command, cwd=work, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"otter assign no pudo construir la tarea de {chapter} (el cuaderno maestro "
                           f"está en {master}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    shutil.rmtree(work)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", nargs="*",
                        help="capítulos (por omisión, todos los que tienen ejercicios)")
    parser.add_argument("--out", type=Path, default=layout.ROOT / "_build" / "tareas")
    args = parser.parse_args(argv)
    chapters = args.chapters or chapters_with_exercises()
    summary = {}
    for chapter in chapters:
        start = time.perf_counter()
        target = build(chapter, args.out)
        summary[chapter] = round(time.perf_counter() - start, 1)
        print(f"{chapter}: {target} ({summary[chapter]} s)")
    (args.out / "tareas.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
