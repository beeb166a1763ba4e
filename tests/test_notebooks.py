"""Reglas de los cuadernos que nbval no comprueba por sí solo.

nbval (``--nbval`` en la configuración de pytest) vuelve a ejecutar cada cuaderno y compara
sus salidas; estas pruebas, rápidas, comprueban que las salidas guardadas son de una
ejecución limpia y que las celdas variables están marcadas y acompañadas de una aserción
sobre lo que calculan (leída con ``ast``, no buscando la palabra «assert»).
"""

from __future__ import annotations

import ast
import builtins
import json
import re
from pathlib import Path

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

from booktools import layout

ROOT = layout.ROOT
CHAPTERS = ROOT / layout.CHAPTERS_DIR
IGNORE = "nbval-ignore-output"
HIDE = "remove-cell"
NOTEBOOKS = layout.notebooks()
TRAINING = re.compile(r"\b(fit|fit_cached|train_original_convnet|train_dense_net|train_fast_convnet)\(")


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
    # oneDNN queda como TensorFlow lo trae (activado en CPU: entrena bastante más deprisa), y la
    # preparación explica el aviso que escribe al arrancar.
    assert "TF_ENABLE_ONEDNN_OPTS" not in first
    assert "oneDNN custom operations are on" in first


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_summaries_have_fixed_width(path):
    for cell in code_cells(path):
        for call in re.findall(r"\.summary\([^)]*\)", source(cell)):
            assert "line_length=" in call, f"{path.name}: {call} sin line_length"


# --- La aserción que sigue a una celda de salida variable ---------------------------------------

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_SCOPES = (*_DEFINITIONS, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_STEPS = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For)


def parse(cell: dict) -> ast.Module:
    """El código de la celda, con la sintaxis de IPython (``%magia``, ``!orden``) pasada a Python."""
    return ast.parse(TransformerManager().transform_cell(source(cell)))


def stored(node: ast.AST) -> set[str]:
    """Los nombres que ``node`` asigna en la celda (no los de dentro de funciones o comprensiones)."""
    if isinstance(node, _SCOPES):
        return {node.name} if isinstance(node, _DEFINITIONS) else set()
    names = {node.id} if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) else set()
    return names.union(*(stored(child) for child in ast.iter_child_nodes(node)))


def read(node: ast.AST) -> set[str]:
    """Los nombres que lee ``node``, sin las variables propias de sus comprensiones y funciones."""
    loaded = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    local = {n.id for c in ast.walk(node) if isinstance(c, ast.comprehension)
             for n in ast.walk(c.target) if isinstance(n, ast.Name)}
    local |= {a.arg for a in ast.walk(node) if isinstance(a, ast.arg)}
    return loaded - local


def variables(cell: ast.Module, imported: set[str]) -> set[str]:
    """Lo que calcula una celda: los nombres que asigna.

    Una celda que solo muestra (fuera de sus bucles ``for`` no asigna nada, salvo sus funciones
    auxiliares; lo que asigna un bucle que imprime es de cada vuelta) calcula lo que muestra: sus
    variables son también los nombres que lee, salvo los importados y los de Python.
    """
    names = stored(cell)
    outside_loops = [statement for statement in cell.body if not isinstance(statement, ast.For)]
    if any(stored(statement) for statement in outside_loops if not isinstance(statement, _DEFINITIONS)):
        return names
    return names | read(cell) - imported - set(dir(builtins))


def asserted(check: ast.Module, names: set[str]) -> set[str]:
    """Los nombres de ``names`` de los que depende alguna aserción de la celda ``check``.

    Cuenta también lo que ``check`` deriva de ellos: en ``best = max(final)`` seguido de
    ``assert best > 0.9``, la aserción es sobre ``final``.
    """
    derived = set(names)
    steps = [n for n in ast.walk(check) if isinstance(n, _STEPS)]
    grew = True
    while grew:
        grew = False
        for step in steps:
            value = step.iter if isinstance(step, ast.For) else step.value
            targets = step.targets if isinstance(step, ast.Assign) else [step.target]
            new = set().union(*(stored(t) for t in targets)) - derived
            if value is not None and read(value) & derived and new:
                derived |= new
                grew = True
    tested = set().union(*(read(n.test) for n in ast.walk(check) if isinstance(n, ast.Assert)))
    return tested & derived


def imported_names(path: Path) -> set[str]:
    """Los nombres que importa el cuaderno (módulos y funciones de bibliotecas)."""
    nodes = [n for cell in code_cells(path) for n in ast.walk(parse(cell))]
    return {(a.asname or a.name).split(".")[0] for n in nodes
            if isinstance(n, ast.Import | ast.ImportFrom) for a in n.names}


def first_line(cell: dict) -> str:
    return source(cell).strip().splitlines()[0] if source(cell).strip() else ""


def variable_output_problems(path: Path) -> list[str]:
    """Las celdas de salida variable sin su aserción: cada una, con lo que le falta."""
    cells = code_cells(path)
    imported = imported_names(path)
    problems = []
    # La preparación solo puede escribir los avisos de arranque de TensorFlow (oneDNN, cuDNN), que
    # dependen de la máquina; no calcula nada que comprobar.
    setup = next((i for i, c in enumerate(cells) if "import keras" in source(c)), None)
    for index, cell in enumerate(cells):
        text = source(cell)
        if index == setup:
            continue
        trains = TRAINING.search(text)
        silent = re.search(r"""["']?verbose["']?\s*[:=]\s*0""", text)
        where = f"celda {index} («{first_line(cell)}»)"
        if trains and not silent and IGNORE not in tags(cell):
            problems.append(f"{where}: registro de entrenamiento sin {IGNORE}")
        if not (trains or IGNORE in tags(cell)) or HIDE in tags(cell):
            continue
        following = cells[index + 1] if index + 1 < len(cells) else None
        if following is None or HIDE not in tags(following):
            problems.append(f"{where}: una salida variable debe ir seguida de una celda oculta ({HIDE}) "
                            "con aserciones de tolerancia")
            continue
        names = variables(parse(cell), imported)
        if not asserted(parse(following), names):
            problems.append(f"{where}: la celda oculta que la sigue no tiene ninguna aserción sobre lo "
                            f"que calcula ({', '.join(sorted(names)) or 'nada'})")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_variable_outputs_are_ignored_and_followed_by_an_assertion_about_them(path):
    problems = variable_output_problems(path)
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("ignored", "check", "ok"), [
    ("history = model.fit(x, y)", "assert history.history['accuracy'][-1] > 0.9", True),
    ("history = model.fit(x, y)", "final = history.history['accuracy'][-1]\nbest = max(final, 0)\n"
                                  "assert best > 0.9", True),
    ("history = model.fit(x, y)", "# assert history\nprint('assert')", False),
    ("history = model.fit(x, y)", "assert x.shape == (10, 2)", False),
    ("history = model.fit(x, y)", "final = [h for h in [1]]\nassert final", False),
    ("history = model.fit(x, y)", "assert True", False),
    ("for name, h in histories.items():\n    print(name, np.mean(h))", "assert histories['a']", True),
    ("for name, h in histories.items():\n    print(name, np.mean(h))", "assert np.pi > 3", False),
    ("for f in [1, 10]:\n    grown = maps * f\n    print(grown.std())", "assert maps.std() > 0", True),
    ("for f in [1, 10]:\n    grown = maps * f\n    print(grown.std())", "assert grown.std() > 0", True),
    ("for f in [1, 10]:\n    grown = maps * f\n    print(grown.std())", "assert np.pi > 3", False),
    ("spread = {}\nfor f in [1, 10]:\n    spread[f] = (maps * f).std()", "assert maps.std() > 0", False),
    ("spread = {}\nfor f in [1, 10]:\n    spread[f] = (maps * f).std()", "assert spread[1] > 0", True),
    ("def first(h):\n    return h[0]\nprint(first(seed))", "assert seed[0] > 0", True),
    ("%matplotlib inline\nhistory = model.fit(x, y)", "assert history", True),
])
def test_the_assertion_rule_reads_the_code(tmp_path, ignored, check, ok):
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(text, metadata={"tags": cell_tags})
        for text, cell_tags in [("import numpy as np", []), (ignored, [IGNORE]), (check, [HIDE])]
    ])
    path = tmp_path / "cuaderno.ipynb"
    nbformat.write(notebook, path)
    problems = variable_output_problems(path)
    assert (not problems) == ok, problems


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
