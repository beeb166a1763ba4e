"""Reglas de los cuadernos que nbval no comprueba por sí solo.

nbval (``--nbval`` en la configuración de pytest) vuelve a ejecutar cada cuaderno y compara
sus salidas; estas pruebas, rápidas, comprueban que las salidas guardadas son de una
ejecución limpia y que las celdas variables están marcadas y acompañadas de su aserción.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from booktools import layout

ROOT = layout.ROOT
CHAPTERS = ROOT / layout.CHAPTERS_DIR
IGNORE = "nbval-ignore-output"
HIDE = "remove-cell"
NOTEBOOKS = layout.notebooks()


def load(path: Path) -> list[dict]:
    return list(nbformat.read(path, as_version=4).cells)


def code_cells(path: Path) -> list[dict]:
    return [c for c in load(path) if c["cell_type"] == "code"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def test_every_chapter_is_in_the_table_of_contents():
    listed = set(layout.pages())
    present = {p.relative_to(ROOT).with_suffix("").as_posix() for p in CHAPTERS.glob("*.ipynb")}
    present |= {p.relative_to(ROOT).with_suffix("").as_posix() for p in CHAPTERS.glob("*.md")}
    assert present == listed


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_come_from_one_clean_run(path):
    counts = [c["execution_count"] for c in code_cells(path)]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: los contadores {counts} no son 1..N: reinicia el núcleo y ejecuta todo"
    )
    errors = [o for c in code_cells(path) for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, f"{path.name} guarda una salida de error"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_memory_addresses_in_outputs(path):
    for index, cell in enumerate(code_cells(path)):
        text = json.dumps(cell["outputs"])
        assert not re.search(r"at 0x[0-9a-f]{6,}", text), f"{path.name}, celda {index}: dirección de memoria"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_setup_silences_tensorflow_before_keras(path):
    first = next(source(c) for c in code_cells(path) if "import keras" in source(c))
    assert "TF_CPP_MIN_LOG_LEVEL" in first
    assert first.index("TF_CPP_MIN_LOG_LEVEL") < first.index("import keras")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_summaries_have_fixed_width(path):
    for cell in code_cells(path):
        for call in re.findall(r"\.summary\([^)]*\)", source(cell)):
            assert "line_length=" in call, f"{path.name}: {call} sin line_length"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_training_cells_are_ignored_and_followed_by_hidden_assertions(path):
    cells = code_cells(path)
    for index, cell in enumerate(cells):
        text = source(cell)
        trains = re.search(r"\b(fit|fit_cached|train_seed_convnet|train_dense_baseline)\(", text)
        silent = re.search(r"""["']?verbose["']?\s*[:=]\s*0""", text)
        if trains and not silent:
            assert IGNORE in tags(cell), f"{path.name}, celda {index}: registro de entrenamiento sin {IGNORE}"
        if (trains or IGNORE in tags(cell)) and HIDE not in tags(cell):
            following = cells[index + 1] if index + 1 < len(cells) else None
            assert following is not None and HIDE in tags(following) and "assert" in source(following), (
                f"{path.name}, celda {index}: una salida variable debe ir seguida de una celda "
                "oculta con aserciones de tolerancia"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_glued_values_are_referenced_and_defined(path):
    cells = load(path)
    defined = set()
    for cell in cells:
        if cell["cell_type"] == "code":
            defined |= set(re.findall(r"glue\(\s*\"([^\"]+)\"", source(cell)))
    used = set()
    for cell in cells:
        if cell["cell_type"] == "markdown":
            used |= set(re.findall(r"\{glue:text\}`([^`:]+)", source(cell)))
    assert used <= defined, f"{path.name}: claves usadas sin definir {sorted(used - defined)}"
    assert defined <= used, f"{path.name}: claves definidas sin usar {sorted(defined - used)}"
