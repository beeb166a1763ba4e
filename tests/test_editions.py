"""La edición del estudiante: sin soluciones, al día con su fuente y ejecutable de principio a fin."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from booktools import editions, layout
from course_lib import exercises

ROOT = layout.ROOT
INSTRUCTOR = layout.notebooks()


def tiny_instructor_notebook() -> nbformat.NotebookNode:
    solution = new_code_cell("respuesta_1 = (14, 14, 16)", execution_count=3,
                             metadata={"tags": ["solucion", "hide-input"],
                                       "exercise": {"id": "convolucion-1", "answer": "respuesta_1"}})
    solution.outputs = [nbformat.v4.new_output("stream", text="algo\n")]
    return new_notebook(cells=[
        new_markdown_cell("**Ejercicio 1.** ¿Forma?"),
        solution,
        new_code_cell('exercises.check("convolucion-1", respuesta_1)', execution_count=4),
        new_markdown_cell(
            "Texto antes.\n\n:::{admonition} Solución\n:class: dropdown\n\n(14, 14, 16)\n:::\n\n"
            ":::{admonition} Pista\n:class: dropdown\n\nceil(n / s)\n:::"
        ),
        new_markdown_cell(":::{admonition} Una posible solución\n:class: dropdown\n\nsecreto\n:::"),
    ])


def test_solution_cells_become_placeholders():
    student = editions.student_notebook(tiny_instructor_notebook())
    cell = student.cells[1]
    assert cell.source == f"{exercises.PLACEHOLDER}\nrespuesta_1 = None"
    assert cell.outputs == [] and cell.execution_count is None
    assert "hide-input" not in cell.metadata["tags"]


def test_solution_dropdowns_are_removed_and_hints_kept():
    student = editions.student_notebook(tiny_instructor_notebook())
    text = "\n".join(c.source for c in student.cells if c.cell_type == "markdown")
    assert "Solución" not in text and "secreto" not in text and "(14, 14, 16)" not in text
    assert "Pista" in text and "Texto antes." in text
    assert len(student.cells) == 4  # la celda que solo tenía la solución desaparece


def test_everything_else_is_identical():
    source = tiny_instructor_notebook()
    student = editions.student_notebook(source)
    assert student.cells[0] == source.cells[0]
    assert student.cells[2].source == source.cells[2].source
    assert source.cells[1].source == "respuesta_1 = (14, 14, 16)"  # la fuente no cambia


def test_hidden_cells_and_glue_stay_out_of_the_student_edition():
    """Las comprobaciones ocultas del libro y la importación de myst_nb no llegan al estudiante."""
    notebook = new_notebook(cells=[
        new_code_cell("import numpy as np\nfrom myst_nb import glue\n\nSEED = 0"),
        new_code_cell("x = np.ones(3)"),
        new_code_cell('assert x.sum() == 3\nglue("suma", "3", display=False)',
                      metadata={"tags": ["remove-cell"]}),
    ])
    student = editions.student_notebook(notebook)
    assert [c.source for c in student.cells] == ["import numpy as np\n\nSEED = 0", "x = np.ones(3)"]


def test_glue_outside_a_hidden_cell_is_rejected():
    notebook = new_notebook(cells=[new_code_cell('glue("suma", "3", display=False)')])
    with pytest.raises(ValueError, match="remove-cell"):
        editions.student_notebook(notebook)


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_student_edition_needs_only_the_course_library(path):
    """La edición del estudiante no importa myst_nb ni lleva las celdas ocultas del libro."""
    student = nbformat.read(layout.student_notebook(path), as_version=4)
    code = "\n".join(c.source for c in student.cells if c.cell_type == "code")
    assert "myst_nb" not in code and "glue(" not in code
    assert not any(editions.is_hidden(c) for c in student.cells)


def test_solution_cell_without_metadata_is_rejected():
    notebook = new_notebook(cells=[new_code_cell("x = 1", metadata={"tags": ["solucion"]})])
    with pytest.raises(ValueError, match="exercise"):
        editions.student_notebook(notebook)


def test_every_chapter_has_at_least_two_checked_exercises():
    used = set()
    for path in INSTRUCTOR:
        cells = nbformat.read(path, as_version=4).cells
        solutions = [c for c in cells if editions.is_solution(c)]
        assert len(solutions) >= 2, f"{path.name}: menos de dos ejercicios con corrector"
        for cell in solutions:
            used.add(cell.metadata["exercise"]["id"])
            assert "hide-input" in cell.metadata["tags"], f"{path.name}: solución no plegada en el libro"
    assert used == set(exercises.exercise_ids()), "ejercicios registrados sin usar o usados sin registrar"


def test_committed_student_edition_is_up_to_date():
    assert editions.outdated() == [], "ejecuta «make student»"


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_student_notebook_contains_no_solution_code(path):
    instructor = nbformat.read(path, as_version=4)
    student = nbformat.read(layout.student_notebook(path), as_version=4)
    sources = [c.source for c in student.cells]
    for cell in instructor.cells:
        if not editions.is_solution(cell):
            continue
        answer = cell.metadata["exercise"]["answer"]
        assert not any(cell.source.strip() in source for source in sources), (
            f"{path.name}: la solución de {answer} aparece en la edición del estudiante"
        )
        assignments = [
            line for source in sources for line in source.splitlines()
            if re.match(rf"\s*{answer}\s*=", line)
        ]
        assert assignments == [f"{answer} = None"], f"{path.name}: {assignments}"
    markdown = "\n".join(c.source for c in student.cells if c.cell_type == "markdown")
    assert ":::{admonition} Solución" not in markdown


def test_instructor_notebooks_pass_their_own_checks():
    """En la edición del docente, cada corrección guardada dice «Correcto»."""
    for path in INSTRUCTOR:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and "exercises.check(" in cell.source:
                text = "".join(o.get("text", "") for o in cell.outputs)
                assert text.startswith("✅ Correcto"), f"{path.name}: {text!r}"


@pytest.mark.slow
@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_student_notebook_runs_top_to_bottom(path):
    """El cuaderno del estudiante se ejecuta sin errores y cada ejercicio sin hacer dice «pendiente»."""
    from nbclient import NotebookClient

    notebook = nbformat.read(layout.student_notebook(path), as_version=4)
    NotebookClient(notebook, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": str(layout.student_notebook(path).parent)}}).execute()
    checks = [c for c in notebook.cells if c.cell_type == "code" and "exercises.check(" in c.source]
    assert checks
    for cell in checks:
        text = "".join(o.get("text", "") for o in cell.outputs)
        assert text.startswith("⏳ Pendiente"), text


def test_colab_link_and_install_cell_follow_the_config():
    """El enlace «Abrir en Colab» y la celda de instalación usan repository.url de _config.yml."""
    assert editions.main(["--check"]) == 0
    url = layout.repository_url()
    for path in INSTRUCTOR:
        cells = nbformat.read(path, as_version=4).cells
        install = [c for c in cells if editions.INSTALL_TAG in c.metadata.get("tags", [])]
        assert len(install) == 1 and f"git+{url}" in install[0].source
        assert 'if "google.colab" in sys.modules:' in install[0].source
        assert install[0].outputs == [], f"{path.name}: fuera de Colab la instalación no hace nada"
