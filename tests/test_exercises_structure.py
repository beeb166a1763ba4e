"""Estructura de :mod:`course_lib.exercises`: un núcleo sin dependencias de los capítulos,
un módulo por capítulo (en ``_chapters``) que solo importa el núcleo, y ninguna importación
circular."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from course_lib.exercises import _chapters, _core

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "course_lib" / "exercises"
CORE = "course_lib.exercises._core"
CHAPTER_FILES = sorted(p for p in (PACKAGE / "_chapters").glob("*.py") if p.stem != "__init__")
HEAVY = ("keras", "tensorflow", "yaml", "myst_nb", "myst_parser", "matplotlib")


def _imported_modules(path: Path) -> list[str]:
    """Los módulos que importa un archivo (las importaciones relativas empiezan por puntos)."""
    modules = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules.append("." * node.level + (node.module or ""))
    return modules


def _run(code: str) -> dict[str, list[str]]:
    """Ejecuta ``code`` en un intérprete limpio y devuelve el JSON que imprime."""
    completed = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    result: dict[str, list[str]] = json.loads(completed.stdout)
    return result


def test_every_chapter_module_is_imported_in_book_order() -> None:
    assert sorted(_chapters.CHAPTERS) == [p.stem for p in CHAPTER_FILES]
    chapters = [i.split("-")[0] for i in _core.exercise_ids()]
    assert list(dict.fromkeys(chapters)) == list(_chapters.CHAPTERS)


def test_the_core_imports_nothing_from_the_course() -> None:
    imported = _imported_modules(PACKAGE / "_core.py")
    assert not [m for m in imported if m.startswith(("course_lib", "."))], imported


@pytest.mark.parametrize("path", CHAPTER_FILES, ids=lambda p: p.stem)
def test_each_chapter_imports_only_the_core(path: Path) -> None:
    """Nada de ``from course_lib.exercises import ...`` ni de otros capítulos: solo el núcleo."""
    course = [m for m in _imported_modules(path) if m.startswith(("course_lib", "."))]
    assert course, course
    assert set(course) <= {CORE, ".._core"}, course


def test_the_core_works_alone_without_the_chapters() -> None:
    """Cargado por sí solo (sin el ``__init__`` del paquete), el núcleo funciona y no trae capítulos."""
    code = f"""
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("nucleo_solo", {str(PACKAGE / "_core.py")!r})
core = importlib.util.module_from_spec(spec)
sys.modules["nucleo_solo"] = core
spec.loader.exec_module(core)
core.register_table("solo-1", answer=3, convert=core.as_int, question="?", answer_format="un entero",
                    tolerance="exacta", hints=("?", "¿?"), solution="?")
print(json.dumps({{
    "ids": core.exercise_ids(),
    "status": [core.evaluate("solo-1", 3).status, core.evaluate("solo-1", (None, 4)).status],
    "loaded": sorted(m for m in sys.modules if m.startswith("course_lib") or m.split(".")[0] in {HEAVY!r}),
}}))
"""
    result = _run(code)
    assert result["ids"] == ["solo-1"]
    assert result["status"] == [_core.CORRECT, _core.INVALID]
    assert result["loaded"] == []


CHAPTER_MODULES = [f"course_lib.exercises._chapters.{p.stem}" for p in CHAPTER_FILES]


@pytest.mark.parametrize("module", [CORE, *CHAPTER_MODULES])
def test_any_module_can_be_imported_first(module: str) -> None:
    """Sin importaciones circulares: importar primero cualquier módulo deja el registro completo."""
    code = f"""
import importlib, json, sys
importlib.import_module({module!r})
from course_lib import exercises
print(json.dumps({{
    "ids": exercises.exercise_ids(),
    "heavy": sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r}),
}}))
"""
    result = _run(code)
    assert result["ids"] == _core.exercise_ids()
    assert result["heavy"] == [], "importar los ejercicios no debe cargar Keras, YAML ni MyST"


def test_the_old_modules_are_gone() -> None:
    assert not (ROOT / "course_lib" / "exercises.py").exists()
    assert not (ROOT / "course_lib" / "_exercise_bank.py").exists()
