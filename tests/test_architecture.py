"""Las dos casas del repositorio: ``course_lib`` (lo que se instala) y ``booktools`` (el libro).

Pruebas estáticas y rápidas sobre las importaciones: ``course_lib`` no tiene ciclos de
importación y no importa nada de fuera de sus dependencias de ejecución (Keras, NumPy,
matplotlib y la biblioteca estándar). La prueba en un entorno limpio está en
``tests/test_package.py``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from booktools import layout

PACKAGE = layout.ROOT / "course_lib"
# Lo que course_lib puede importar además de sí misma y de la biblioteca estándar.
RUNTIME = {"keras", "numpy", "matplotlib"}
# Motores de Keras: solo se importan dentro de una función, según el que se use.
BACKENDS = {"tensorflow", "jax", "torch"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, *, top_level_only: bool) -> set[str]:
    """Los módulos que importa un archivo (solo los de nivel superior, si se pide)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # «from course_lib import data» importa el módulo course_lib.data.
            found |= {f"{node.module}.{alias.name}" for alias in node.names
                      if f"{node.module}.{alias.name}" in MODULES}
    return found


def test_course_lib_imports_only_its_runtime_dependencies():
    """Ningún módulo importa booktools, PyYAML, myst-nb, Sphinx... ni siquiera dentro de una función."""
    allowed = RUNTIME | BACKENDS | set(sys.stdlib_module_names) | {"course_lib", "__future__"}
    for name, path in MODULES.items():
        outside = {m for m in imports(path, top_level_only=False) if m.split(".")[0] not in allowed}
        assert not outside, f"{name} importa {sorted(outside)}: course_lib solo depende de {sorted(RUNTIME)}"


def test_backends_are_not_imported_at_module_level():
    """Importar course_lib no obliga a tener TensorFlow: Keras elige el motor."""
    for name, path in MODULES.items():
        top = {m.split(".")[0] for m in imports(path, top_level_only=True)}
        assert not top & BACKENDS, f"{name} importa {sorted(top & BACKENDS)} al cargarse"


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Un ciclo del grafo de importaciones, o ``None`` si no hay."""
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = "abierto"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "abierto":
                return [*path[path.index(target):], target] if target in path else [node, target]
            if target not in state:
                cycle = visit(target, [*path, target])
                if cycle:
                    return cycle
        state[node] = "cerrado"
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start, [start])
            if cycle:
                return cycle
    return None


def test_course_lib_has_no_import_cycle():
    graph = {name: {m for m in imports(path, top_level_only=True) if m in MODULES and m != name}
             for name, path in MODULES.items()}
    assert find_cycle(graph) is None, " → ".join(find_cycle(graph) or [])


@pytest.mark.parametrize(("graph", "cyclic"), [
    ({"a": {"b"}, "b": {"c"}, "c": set()}, False),
    ({"a": {"b"}, "b": {"a"}}, True),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, True),
])
def test_cycle_finder(graph, cyclic):
    """El buscador de ciclos los encuentra (si no, la prueba anterior no podría fallar)."""
    assert (find_cycle(graph) is not None) == cyclic
