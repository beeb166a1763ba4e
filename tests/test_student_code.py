"""El código que lee un estudiante es el que escribiría tras leer keras.io.

En la edición del estudiante (lo que abre Colab), ninguna celda habla de la maquinaria del
curso (claves de la caché, cronómetros, guardar entrenamientos); las redes que enseña
«Mejorar la red» están escritas capa a capa con ``keras.Sequential``, y cada tarea se hace
de una sola manera en todo el libro, la de Keras o NumPy cuando la hay.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from booktools import execute_notebooks, layout

STUDENT = {path.stem: layout.student_notebook(path) for path in layout.notebooks()}
INSTRUCTOR = {path.stem: path for path in layout.notebooks()}

# La maquinaria del curso que no debe verse: claves, cronómetros y guardar a mano en la caché.
PLUMBING = re.compile(r"training_key|store_training|perf_counter|\bimport time\b|cache_entry|\bkey\s*=(?!=)")

# Una sola manera de hacer cada cosa: lo que ya no se usa, con lo que lo sustituye.
SECOND_IDIOMS = {
    r"\breproducibility\b|\bset_seed\(|np\.random\.seed\(|tf\.random\.set_seed\(":
        "keras.utils.set_random_seed",
    r"\bone_hot\(": "keras.utils.to_categorical",
    r"relative_difference|FLOAT32_TOLERANCE|np\.testing\.assert_allclose": "np.allclose con su tolerancia",
    r"\bcourse_lib\.training\b|\btraining\.(fit_cached|train_)": "cache.fit_cached y recipes",
}


def _code_cells(path: Path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


@pytest.mark.parametrize("name", sorted(STUDENT))
def test_student_cells_show_no_course_plumbing(name: str) -> None:
    found = [line.strip() for source in _code_cells(STUDENT[name]) for line in source.splitlines()
             if PLUMBING.search(line)]
    assert not found, f"{name} (edición del estudiante) enseña maquinaria del curso: {found}"


@pytest.mark.parametrize("name", sorted(INSTRUCTOR))
def test_one_idiom_per_job(name: str) -> None:
    """Ni en las celdas visibles ni en las ocultas (ni en la prosa) aparece la segunda manera."""
    notebook = nbformat.read(INSTRUCTOR[name], as_version=4)
    text = "\n".join(cell.source for cell in notebook.cells)
    found = {replacement: re.findall(pattern, text) for pattern, replacement in SECOND_IDIOMS.items()}
    found = {k: v for k, v in found.items() if v}
    assert not found, f"{name}: en lugar de lo que aquí se usa, {found}"


def _sequential_assignments(source: str) -> dict[str, int]:
    """Las variables a las que una celda asigna ``keras.Sequential([...])``, con su número de capas."""
    assigned = {}
    # Las órdenes mágicas de IPython (%pip, !ls) no son Python: un «pass» con su sangría.
    python = "\n".join(line[: len(line) - len(line.lstrip())] + "pass"
                        if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())
    for node in ast.walk(ast.parse(python)):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            call = node.value
            name = ast.unparse(call.func)
            if name == "keras.Sequential" and call.args and isinstance(call.args[0], ast.List):
                for target in node.targets:
                    assigned[ast.unparse(target)] = len(call.args[0].elts)
    return assigned


def test_the_networks_of_mejorar_are_written_out_as_sequential() -> None:
    """La red mejorada y la rápida, capa a capa en su celda (no tras los argumentos de build_convnet)."""
    assigned: dict[str, int] = {}
    for source in _code_cells(STUDENT["mejorar"]):
        assigned |= _sequential_assignments(source)
    assert assigned.get("improved", 0) >= 15, assigned
    assert assigned.get("fast", 0) >= 9, assigned


# Una línea de registro de C++ de TensorFlow o de absl: «E0000 00:00:… cuda_dnn.cc:8579] …».
CPP_LOG = execute_notebooks.CPP_LOG  # la misma expresión con la que el libro las quita al guardar


def test_cpp_log_pattern_matches_what_colab_prints() -> None:
    line = "E0000 00:00:1733.123 1234 cuda_dnn.cc:8579] Unable to register cuDNN factory"
    assert CPP_LOG.search(line)
    assert not CPP_LOG.search("Epoch 1/5\n422/422 - 3s - loss: 0.2761")


@pytest.mark.parametrize("name", sorted(INSTRUCTOR))
def test_no_cpp_log_lines_in_the_committed_outputs(name: str) -> None:
    notebook = nbformat.read(INSTRUCTOR[name], as_version=4)
    texts = [output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
             for output in cell.get("outputs", [])]
    found = [line for text in texts for line in CPP_LOG.findall(text)]
    assert not found, f"{name}: líneas de registro de C++ en las salidas: {found[:3]}"
